"""Word .docx/.docm drafts: the package checked and walked into one Document, hostile files refused.

Reading order of the paragraphs (Paragraph.line numbers them from 1):
1. the main flow: body paragraphs and table-cell paragraphs (row by row, cell by cell, nested
   tables in place), empty paragraphs counted; numbered as python-docx's
   `document.iter_inner_content()` plus table cells would number them (content controls
   included, which python-docx skips);
2. text boxes of the main flow (story "textbox");
3. headers, then footers, in the order the sections name them (each part once);
4. footnotes, then endnotes.

python-docx has no API for most of this (tracked insertions, field results, content controls,
text boxes, notes, numbering labels), refuses Strict OOXML and .docm packages, and reads zip
members without a size cap, so this package reads the OPC package itself (package.py), parses
with a hardened parser (xmlsafe.py), walks the XML (walk.py) and renders auto-numbering
(numbering.py). Nothing outside gwlint/readers/docx imports lxml.

Every failure is an UnreadableFile with a one-line Chinese reason; any other exception escaping
the walk is wrapped the same way (it would be a bug, but the user still gets a reason, not a
traceback, and the other files are still linted).
"""

from __future__ import annotations

import zipfile
import zlib

from lxml import etree

from gwlint.document import Document
from gwlint.errors import UnreadableFile
from gwlint.readers.docx.names import attr, short
from gwlint.readers.docx.numbering import Definitions
from gwlint.readers.docx.package import Package, Relationship
from gwlint.readers.docx.walk import Item, Story
from gwlint.readers.docx.xmlsafe import iter_blocks, parse_part

__all__ = ["read_docx_bytes"]

_NOTE_TYPES_SHOWN = (None, "normal")  # separators and continuation notices are layout, not text


def read_docx_bytes(data: bytes, name: str) -> Document:
    """The Document of a .docx file's bytes; raises only UnreadableFile."""
    try:
        return Document.from_paragraphs(_read(data, name), name, "docx")
    except UnreadableFile:
        raise
    except MemoryError:
        raise UnreadableFile(name, "文件过大,读取时内存不足") from None
    except RecursionError:
        raise UnreadableFile(name, "文档结构嵌套过深,拒绝读取") from None
    except etree.XMLSyntaxError as err:
        raise UnreadableFile(name, f"XML 格式错误:{_one_line(err)}") from None
    except (zipfile.BadZipFile, zlib.error, EOFError) as err:
        raise UnreadableFile(name, f"zip 数据损坏:{_one_line(err)}") from None
    except Exception as err:  # anything else is a reader bug: still a reason for the user, never a crash
        raise UnreadableFile(name, f"无法读取 Word 文件(内部错误 {type(err).__name__}:{_one_line(err)})") from None


def _read(data: bytes, name: str) -> list[Item]:
    package = Package(data, name)
    main = package.main_part()
    rels = package.relationships(main)
    definitions = Definitions(_optional_part(package, rels, "numbering"), _optional_part(package, rels, "styles"))

    body = Story(definitions, "body", box_story="textbox")
    for block in iter_blocks(package, main, root="document"):
        body.block(block)
    body.finish()
    items = body.items + body.boxes

    for kind in ("header", "footer"):
        seen = set()
        for section_kind, rid in body.sections:
            rel = rels.get(rid)
            if section_kind != kind or rel is None or not rel.target or rel.target in seen:
                continue
            seen.add(rel.target)
            if package.has(rel.target):
                items += _story(definitions, kind, parse_part(package, rel.target))
    for kind in ("footnote", "endnote"):
        for rel in _related(package, rels, kind + "s"):
            notes = Story(definitions, kind)
            for note in parse_part(package, rel.target):
                if short(note.tag) == kind and attr(note, "type") in _NOTE_TYPES_SHOWN:
                    notes.blocks(note)
            notes.finish()
            items += notes.items + notes.boxes
    return items


def _story(definitions: Definitions, kind: str, root: etree._Element) -> list[Item]:
    story = Story(definitions, kind)
    story.blocks(root)
    story.finish()
    return story.items + story.boxes


def _related(package: Package, rels: dict[str, Relationship], rel_type: str) -> list[Relationship]:
    return [rel for rel in rels.values() if rel.type == rel_type and rel.target and package.has(rel.target)]


def _optional_part(package: Package, rels: dict[str, Relationship], rel_type: str) -> etree._Element | None:
    for rel in _related(package, rels, rel_type):
        return parse_part(package, rel.target)
    return None


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split())[:200] or type(err).__name__
