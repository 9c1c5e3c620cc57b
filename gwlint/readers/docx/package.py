"""The .docx zip package: size limits checked before any XML is parsed, bounded reads, relationships.

python-docx reads zip members without a size cap, so this module opens the zip itself. A package
is refused when the central directory declares more than the limits below; every part we then
read is streamed through `BoundedStream`, which stops at the cap whatever the header
claimed (a zip header can lie about sizes).
"""

from __future__ import annotations

import io
import posixpath
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from urllib.parse import unquote

from gwlint.errors import UnreadableFile

MAX_ENTRIES = 5_000  # a large real .docx has a few hundred parts (mostly images)
MAX_ENTRY_BYTES = 100 * 1024 * 1024  # uncompressed size of one entry
MAX_TOTAL_BYTES = 200 * 1024 * 1024  # uncompressed size of all entries together
MAX_RATIO = 100  # uncompressed / compressed; real Word XML stays below ~30:1
RATIO_MIN_BYTES = 1024 * 1024  # entries smaller than this may compress as well as they like
CHUNK = 64 * 1024
# What zipfile raises on a damaged archive (bad headers, versions, methods, offsets, data).
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    struct.error,
)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
# Byte patterns that only a DTD can contain; a Word part never has one (entity-expansion attacks do).
_DTD_MARKERS = (b"<!DOCTYPE", b"<!ENTITY")
_DTD_PATTERN = re.compile(
    b"|".join(re.escape(m) for m in _DTD_MARKERS)
    + b"|"
    + b"|".join(re.escape(m.decode().encode(enc)) for m in _DTD_MARKERS for enc in ("utf-16-le", "utf-16-be"))
)
_DTD_OVERLAP = 2 * max(len(m) for m in _DTD_MARKERS)


def _mb(n: int) -> str:
    return f"{n / 1048576:.0f} MB"


class BoundedStream:
    """A file-like reader over one zip entry that refuses to produce more than the limits allow.

    It refuses a DTD as soon as one appears in the bytes, before the XML parser sees it, and
    counts the markup ("<") it hands out: the XML parser cannot build more elements than that,
    so a caller bounds the size of its tree by setting `markup_limit`.
    """

    def __init__(self, package: Package, info: zipfile.ZipInfo) -> None:
        self._package = package
        self._info = info
        self._raw = package.zip.open(info)
        self._count = 0
        self._tail = b""
        self._wide: bool | None = None  # UTF-16: the DTD markers are not plain ASCII bytes
        self.markup = 0
        self.markup_limit: int | None = None
        self.too_large = "XML 元素过多"

    def read(self, size: int = -1) -> bytes:
        try:
            chunk = self._raw.read(CHUNK if size is None or size < 0 or size > CHUNK else size)
        except ZIP_ERRORS as err:
            raise UnreadableFile(
                self._package.name, f"zip 数据损坏,无法解压 {self._info.filename}:{_one_line(err)}"
            ) from None
        self._count += len(chunk)
        self._package.account(self._info, self._count, len(chunk))
        if self._wide is None and chunk:
            self._wide = chunk[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in chunk[:4]
        window = self._tail + chunk
        if (self._wide or b"<!" in window) and _DTD_PATTERN.search(window):
            raise UnreadableFile(
                self._package.name, f"{self._info.filename} 含有 DTD/实体声明(XML 实体扩展攻击),拒绝读取"
            )
        self._tail = window[-_DTD_OVERLAP:]
        self.markup += chunk.count(b"<")
        if self.markup_limit is not None and self.markup > self.markup_limit:
            raise UnreadableFile(self._package.name, f"{self._info.filename} {self.too_large},拒绝读取")
        return chunk

    def read_all(self) -> bytes:
        parts = []
        while chunk := self.read(CHUNK):
            parts.append(chunk)
        return b"".join(parts)

    def close(self) -> None:
        self._raw.close()


@dataclass(frozen=True, slots=True)
class Relationship:
    type: str  # the last segment of the relationship type URI: officeDocument, header, footnotes …
    target: str  # normalized part name inside the zip ("" for external targets)


def kind_of(data: bytes) -> str:
    """What bytes are, whatever the file name says: zip, encrypted, ole, pdf, rtf, html, empty or other."""
    head = data[:4096]
    if head.startswith(b"PK"):
        return "zip"
    if head.startswith(OLE_MAGIC):
        # An encrypted .docx is an OLE file holding EncryptionInfo and EncryptedPackage streams.
        if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
            return "encrypted"
        return "ole"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    lowered = head.lower()
    if b"<html" in lowered or b"mime-version:" in lowered:
        return "html"
    return "other" if data else "empty"


NOT_A_DOCX = {
    "encrypted": "文件已加密(设有打开密码),请在 Word/WPS 中取消密码后另存为 .docx",
    "ole": "是旧版二进制 Word/WPS 文件(.doc/.wps)却以 .docx 命名,请改回 .doc 扩展名或另存为 .docx",
    "pdf": "是 PDF 文件,不是 Word 文档",
    "rtf": "是 RTF 文件,不是 .docx,请在 Word/WPS 中另存为 .docx",
    "html": "是网页(HTML/MHT)文件,不是 .docx,请在 Word/WPS 中另存为 .docx",
    "empty": "文件为空",
    "other": "不是 Word 文档(.docx 应为 zip 格式,扩展名可能有误)",
}


class Package:
    """An opened, size-checked OPC package: parts by name, relationships by source part."""

    def __init__(self, data: bytes, name: str) -> None:
        self.name = name
        self._read_total = 0
        kind = kind_of(data)
        if kind != "zip":
            raise UnreadableFile(name, NOT_A_DOCX[kind])
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except ZIP_ERRORS as err:
            raise UnreadableFile(name, f"zip 结构损坏或文件不完整(可能下载或复制时中断):{_one_line(err)}") from None
        self._file_size = len(data)
        self._check_directory(infos)
        # OPC part names are case-insensitive; some producers also write backslashes.
        self._parts = {_normalize(info.filename): info for info in infos if not info.is_dir()}

    def _check_directory(self, infos: list[zipfile.ZipInfo]) -> None:
        if len(infos) > MAX_ENTRIES:
            raise UnreadableFile(self.name, f"zip 条目过多({len(infos)} 个,上限 {MAX_ENTRIES}),疑似 zip 炸弹")
        total = 0
        for info in infos:
            if info.file_size > MAX_ENTRY_BYTES:
                raise UnreadableFile(
                    self.name,
                    f"zip 条目 {info.filename} 解压后 {_mb(info.file_size)},"
                    f"超过上限 {_mb(MAX_ENTRY_BYTES)},疑似 zip 炸弹",
                )
            total += info.file_size
            if total > MAX_TOTAL_BYTES:
                raise UnreadableFile(self.name, f"解压后总大小超过上限 {_mb(MAX_TOTAL_BYTES)},疑似 zip 炸弹")
            self._check_ratio(info, info.file_size)
            if info.flag_bits & 0x1:
                raise UnreadableFile(self.name, f"zip 条目 {info.filename} 已加密,无法读取")

    def _check_ratio(self, info: zipfile.ZipInfo, produced: int) -> None:
        compressed = max(1, min(info.compress_size, self._file_size))
        if produced > RATIO_MIN_BYTES and produced > MAX_RATIO * compressed:
            raise UnreadableFile(
                self.name,
                f"zip 条目 {info.filename} 压缩比超过 {MAX_RATIO}:1(解压后 {_mb(produced)}),疑似 zip 炸弹",
            )

    def account(self, info: zipfile.ZipInfo, produced: int, chunk: int) -> None:
        """Called by BoundedStream for every chunk: real sizes, not the header's, against the limits."""
        self._read_total += chunk
        if produced > MAX_ENTRY_BYTES:
            raise UnreadableFile(
                self.name,
                f"zip 条目 {info.filename} 解压后超过上限 {_mb(MAX_ENTRY_BYTES)}(头部声明的大小不实),疑似 zip 炸弹",
            )
        if self._read_total > MAX_TOTAL_BYTES:
            raise UnreadableFile(self.name, f"解压后总大小超过上限 {_mb(MAX_TOTAL_BYTES)},疑似 zip 炸弹")
        self._check_ratio(info, produced)

    # -- parts ----------------------------------------------------------------------------
    def has(self, part: str) -> bool:
        return _normalize(part) in self._parts

    def open(self, part: str) -> BoundedStream:
        try:
            return BoundedStream(self, self._parts[_normalize(part)])
        except KeyError:
            raise UnreadableFile(self.name, f"缺少部件 {part}") from None
        except ZIP_ERRORS as err:
            raise UnreadableFile(self.name, f"无法解压 {part}:{_one_line(err)}") from None

    def read(self, part: str) -> bytes:
        stream = self.open(part)
        try:
            return stream.read_all()
        finally:
            stream.close()

    def relationships(self, source: str) -> dict[str, Relationship]:
        """Relationships of a part ("" for the package itself) by id, targets resolved to part names."""
        from gwlint.readers.docx.xmlsafe import parse_part

        folder, base = posixpath.split(source)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if not self.has(rels_name):
            return {}
        result = {}
        for el in parse_part(self, rels_name):
            if not isinstance(el.tag, str) or not el.tag.endswith("Relationship"):
                continue
            rel_type = (el.get("Type") or "").rstrip("/").rsplit("/", 1)[-1]
            target = unquote((el.get("Target") or "").replace("\\", "/"))
            if (el.get("TargetMode") or "").lower() == "external" or not target:
                target = ""
            elif target.startswith("/"):
                target = posixpath.normpath(target).lstrip("/")
            else:
                target = posixpath.normpath(posixpath.join(folder, target)).lstrip("/")
            result[el.get("Id") or f"#{len(result)}"] = Relationship(rel_type, target)
        return result

    def main_part(self) -> str:
        """The main document part: follow _rels/.rels (it need not be word/document.xml)."""
        for rel in self.relationships("").values():
            if rel.type == "officeDocument" and rel.target:
                if not self.has(rel.target):
                    raise UnreadableFile(self.name, f"主文档部件 {rel.target} 不存在,文件不完整")
                return rel.target
        if self.has("word/document.xml"):
            return "word/document.xml"
        if self.has("mimetype") and b"opendocument" in self.read("mimetype"):
            raise UnreadableFile(self.name, "是 OpenDocument(.odt)文件,不是 .docx,请另存为 .docx")
        if self.has("xl/workbook.xml"):
            raise UnreadableFile(self.name, "是 Excel 工作簿,不是 Word 文档")
        if self.has("ppt/presentation.xml"):
            raise UnreadableFile(self.name, "是 PowerPoint 演示文稿,不是 Word 文档")
        raise UnreadableFile(self.name, "zip 包中没有 Word 正文(缺少 word/document.xml),不是 Word 文档")


def _normalize(part: str) -> str:
    return posixpath.normpath(part.replace("\\", "/")).lstrip("/").lower()


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split())[:200] or type(err).__name__
