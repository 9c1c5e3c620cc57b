"""Plain-text and Markdown drafts: encoding detection without flags, any LSP line end."""

from __future__ import annotations

import codecs

from gwlint.document import Document
from gwlint.errors import UnreadableFile

# Control characters other than tab, line ends, \v and \f do not occur in a real draft;
# finding many of them means the bytes were not text in this encoding.
_CONTROL = {chr(c) for c in range(32) if chr(c) not in "\t\n\r\x0b\x0c"} | {"\x7f"}


def decode(data: bytes, name: str) -> str:
    """UTF-8 (BOM optional), UTF-16/32 with BOM, then GB18030 (a superset of GBK and GB2312)."""
    if data.startswith(codecs.BOM_UTF32_LE) or data.startswith(codecs.BOM_UTF32_BE):
        candidates = ["utf-32"]
    elif data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8-sig", "gb18030"]
    if b"\x00" in data and candidates[0] == "utf-8-sig":
        raise UnreadableFile(name, "不是文本文件(含有空字节;UTF-16 文件需带 BOM)")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if text.startswith("\ufeff"):
            text = text[1:]
        if _looks_like_text(text):
            return text
    raise UnreadableFile(name, "无法识别的文本编码(支持 UTF-8、带 BOM 的 UTF-16、GB18030/GBK)")


def _looks_like_text(text: str) -> bool:
    if not text:
        return True
    sample = text[:20000]
    bad = sum(1 for ch in sample if ch in _CONTROL)
    return bad <= max(2, len(sample) // 1000)


def read_text_bytes(data: bytes, name: str, format: str = "txt") -> Document:
    return Document.from_text(decode(data, name), name, format)
