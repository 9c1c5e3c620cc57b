"""Plain-text and Markdown drafts: encoding detection without flags, any LSP line end.

Order of trust: a BOM (UTF-8, UTF-16, UTF-32) decides alone; then strict UTF-8; then GB18030
(a superset of GBK and GB2312, what Windows offices save). Each guess must also read like a
Chinese draft, because GB18030 accepts many byte strings that are not text at all.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from gwlint.document import Document
from gwlint.errors import UnreadableFile

# Control characters other than tab, line ends, \v and \f do not occur in a real draft;
# finding many of them means the bytes were not text in this encoding.
_CONTROL = frozenset(chr(c) for c in range(32) if chr(c) not in "\t\n\r\x0b\x0c") | {"\x7f"}
_SAMPLE = 20000  # characters examined by the plausibility checks: enough to judge, bounded cost

_BOMS = (  # UTF-32 first: its little-endian BOM begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

UNKNOWN_ENCODING = "无法识别的文本编码(支持 UTF-8、带 BOM 的 UTF-16、GB18030/GBK)"


@dataclass(frozen=True)
class Decoded:
    """A decoded draft and how to write it back byte for byte (used by --fix)."""

    text: str
    encoding: str  # a Python codec name
    bom: bytes = b""

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)


def _is_cjk(ch: str) -> bool:
    """Han characters, CJK punctuation and full-width forms: what a Chinese draft is made of."""
    o = ord(ch)
    return (
        0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFE30 <= o <= 0xFE4F or 0xFF00 <= o <= 0xFFEF or o >= 0x20000
    )


def _is_plausible(ch: str) -> bool:
    """Characters a GBK/GB18030 draft may hold: Chinese, symbols, Latin/Greek/Cyrillic letters.

    Not private-use characters, C1 controls, Hangul, Arabic … which is where random bytes land.
    """
    o = ord(ch)
    return o < 0x80 or 0xA0 <= o <= 0x04FF or 0x2000 <= o <= 0x2BFF or _is_cjk(ch) or 0xFE10 <= o <= 0xFE6F


def _has_controls(text: str) -> bool:
    sample = text[:_SAMPLE]
    bad = sum(1 for ch in sample if ch in _CONTROL)
    return bad > max(2, len(sample) // 1000)


def _reads_like_gb_text(text: str) -> bool:
    """A GB18030 decoding that is Chinese text, not binary or another encoding read wrongly."""
    if _has_controls(text):
        return False
    non_ascii = [ch for ch in text[:_SAMPLE] if ord(ch) >= 0x80]
    # A few private-use characters are fine: offices map rare name characters there.
    weird = sum(1 for ch in non_ascii if not _is_plausible(ch))
    return weird <= max(2, len(non_ascii) // 20)


def _gb2312_share(text: str) -> float:
    non_ascii = "".join(ch for ch in text[:_SAMPLE] if ord(ch) >= 0x80)
    if not non_ascii:
        return 0.0
    return len(non_ascii.encode("gb2312", errors="ignore")) / 2 / len(non_ascii)


def _looks_like_bomless_utf16(data: bytes) -> bool:
    """Chinese UTF-16 without a BOM: as UTF-16 the bytes read as almost only Han characters."""
    if len(data) < 4 or len(data) % 2:
        return False
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data[: _SAMPLE * 2].decode(encoding)
        except UnicodeDecodeError:
            continue
        if sum(1 for ch in text if _is_cjk(ch)) >= 0.8 * len(text):
            return True
    return False


def _gb18030(data: bytes) -> str | None:
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        return None


def decode_bytes(data: bytes, name: str) -> Decoded:
    """The text of a draft and the encoding it was written in; UnreadableFile when it is not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                label = encoding.upper()
                raise UnreadableFile(name, f"文件以 {label} 的 BOM 开头,但内容不是有效的 {label}") from None
            if _has_controls(text):
                raise UnreadableFile(name, "不是文本文件(含有大量控制字符)")
            return Decoded(text, encoding, bom)
    if b"\x00" in data:
        raise UnreadableFile(name, "不是文本文件(含有空字节;UTF-16 文件需带 BOM)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _has_controls(text):
            raise UnreadableFile(name, "不是文本文件(含有大量控制字符)")
        # Short GBK texts are sometimes valid UTF-8 too (GBK 模 = C4 A3 = UTF-8 ģ). A text with
        # no Chinese as UTF-8 but clean common Chinese as GB18030 is GB18030.
        if not text.isascii() and not any(_is_cjk(ch) for ch in text[:_SAMPLE]):
            gb = _gb18030(data)
            if gb is not None and _reads_like_gb_text(gb) and _gb2312_share(gb) >= 0.8:
                return Decoded(gb, "gb18030")
        return Decoded(text, "utf-8")
    if _looks_like_bomless_utf16(data):
        raise UnreadableFile(name, "看起来是不带 BOM 的 UTF-16 文本,请另存为 UTF-8 或带 BOM 的 UTF-16")
    gb = _gb18030(data)
    if gb is not None and _reads_like_gb_text(gb):
        return Decoded(gb, "gb18030")
    raise UnreadableFile(name, UNKNOWN_ENCODING)


def decode(data: bytes, name: str) -> str:
    return decode_bytes(data, name).text


def read_text_bytes(data: bytes, name: str, format: str = "txt") -> Document:
    return Document.from_text(decode(data, name), name, format)
