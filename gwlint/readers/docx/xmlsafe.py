"""XML parsing that cannot be turned against gwlint: no DTD, no entities, no network, bounded size.

Parts are parsed from a `BoundedStream`, which caps their size, refuses DTD bytes before the
parser sees them and counts their markup. The parser itself resolves no entities, loads no DTD
and reaches no network; a part whose prolog still declares a DOCTYPE is refused.

Memory: an lxml tree costs about 350 bytes per element, and Word writes an element for every
few characters, so a 50,000-paragraph draft (55 MB of XML, 1.5 million elements) would take
half a gigabyte as one tree. The main document is therefore streamed one body block (a
paragraph or a table) at a time, and every tree held at once is capped by its markup count:
a tree cannot have more elements than its "<" characters.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lxml import etree

from gwlint.errors import UnreadableFile
from gwlint.readers.docx.names import W_STRICT, W

if TYPE_CHECKING:
    from gwlint.readers.docx.package import Package

MAX_PART_MARKUP = 2_000_000  # one part held as a whole tree (styles, numbering, a header, the notes)
MAX_BLOCK_MARKUP = 2_000_000  # one body block (a paragraph, a giant table) held at once
MAX_BODY_MARKUP = 40_000_000  # the whole streamed main document: bounds the time

PARSER_OPTIONS = dict(
    resolve_entities=False,
    load_dtd=False,
    no_network=True,
    huge_tree=False,  # keeps libxml2's limits: depth 256, text nodes of 10 MB
    dtd_validation=False,
    attribute_defaults=False,
    remove_comments=True,
    remove_pis=True,
)
# Elements that can sit directly in w:body and hold text (what walk.Story.block reads).
_BLOCK_NAMES = ("p", "tbl", "sdt", "customXml", "ins", "moveTo", "sectPr")
BLOCK_TAGS = tuple(f"{{{ns}}}{name}" for ns in (W, W_STRICT) for name in _BLOCK_NAMES) + (
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent",
)


def _refuse_doctype(package: Package, part: str, tree: etree._ElementTree) -> None:
    if tree.docinfo.doctype:
        raise UnreadableFile(package.name, f"{part} 含有 DTD/实体声明(XML 实体扩展攻击),拒绝读取")


def _syntax_error(package: Package, part: str, err: etree.XMLSyntaxError) -> UnreadableFile:
    message = " ".join(str(err.msg or err).split())[:160]
    if "entity" in message.lower() or "doctype" in message.lower():
        return UnreadableFile(package.name, f"{part} 含有 DTD/实体声明(XML 实体扩展攻击),拒绝读取")
    return UnreadableFile(package.name, f"{part} 不是合法的 XML({message})")


def parse_part(package: Package, part: str) -> etree._Element:
    """A whole part as an element tree."""
    stream = package.open(part)
    stream.markup_limit = MAX_PART_MARKUP
    stream.too_large = f"元素过多(超过 {MAX_PART_MARKUP} 个标记)"
    try:
        tree = etree.parse(stream, etree.XMLParser(**PARSER_OPTIONS))
    except etree.XMLSyntaxError as err:
        raise _syntax_error(package, part, err) from None
    finally:
        stream.close()
    _refuse_doctype(package, part, tree)
    return tree.getroot()


def iter_blocks(package: Package, part: str, root: str) -> Iterator[etree._Element]:
    """The children of the part's w:body, one by one and each complete; `root` names the root element.

    A block is dropped from the tree once the caller is done with it, so memory holds one block
    at a time whatever the length of the document.
    """
    stream = package.open(part)
    stream.markup_limit = MAX_BLOCK_MARKUP
    stream.too_large = "中单个段落或表格过大"
    context = etree.iterparse(stream, events=("end",), tag=BLOCK_TAGS, **PARSER_OPTIONS)
    checked = False
    try:
        for _event, el in context:
            if not checked:
                _check_root(package, part, el.getroottree().getroot(), root)
                checked = True
            parent = el.getparent()
            if parent is None or not isinstance(parent.tag, str) or not parent.tag.endswith("}body"):
                continue  # a paragraph inside a table or text box: part of the block around it
            yield el
            el.clear(keep_tail=False)
            while el.getprevious() is not None:
                del parent[0]
            # The next block may use the budget afresh; the whole part stays under its own cap.
            if stream.markup + MAX_BLOCK_MARKUP < MAX_BODY_MARKUP:
                stream.markup_limit = stream.markup + MAX_BLOCK_MARKUP
            else:
                stream.markup_limit = MAX_BODY_MARKUP
                stream.too_large = f"元素过多(超过 {MAX_BODY_MARKUP} 个标记)"
    except etree.XMLSyntaxError as err:
        raise _syntax_error(package, part, err) from None
    finally:
        stream.close()
    if context.root is None:
        raise UnreadableFile(package.name, f"{part} 为空")
    if not checked:
        _check_root(package, part, context.root, root)


def _check_root(package: Package, part: str, element: etree._Element, root: str) -> None:
    _refuse_doctype(package, part, element.getroottree())
    if element.tag not in (f"{{{W}}}{root}", f"{{{W_STRICT}}}{root}"):
        local = element.tag.rpartition("}")[2] if isinstance(element.tag, str) else ""
        raise UnreadableFile(package.name, f"{part} 不是 Word 正文(根元素为 {local[:40]})")
