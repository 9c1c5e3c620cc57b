"""Test helper: small .docx packages written from WordprocessingML fragments.

`build_docx(body)` wraps a w:body fragment in a minimal package; numbering, styles, headers,
footers and notes are optional fragments too. The small functions (p, r, tbl …) write the
fragments the tests need most, so a test reads like the document it describes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from xml.sax.saxutils import escape, quoteattr

NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:w16se="http://schemas.microsoft.com/office/word/2015/wordml/symex" '
    'mc:Ignorable="w14"'
)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


# -- fragments ------------------------------------------------------------------------------
def r(text: str, deleted: bool = False) -> str:
    """A run of text (w:delText when `deleted`, for use inside w:del)."""
    tag = "w:delText" if deleted else "w:t"
    return f'<w:r><{tag} xml:space="preserve">{escape(text)}</{tag}></w:r>'


def p(*content: str, style: str | None = None, num: str | int | None = None, ilvl: int | None = None) -> str:
    """A paragraph; plain strings become runs, strings starting with "<" are inserted as XML."""
    props = ""
    if style is not None:
        props += f'<w:pStyle w:val="{style}"/>'
    if num is not None or ilvl is not None:
        props += "<w:numPr>"
        props += f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
        props += f'<w:numId w:val="{num}"/>' if num is not None else ""
        props += "</w:numPr>"
    ppr = f"<w:pPr>{props}</w:pPr>" if props else ""
    return f"<w:p>{ppr}{''.join(c if c.startswith('<') else r(c) for c in content)}</w:p>"


def cell(*blocks: str, span: int | None = None, vmerge: str | None = None) -> str:
    """A table cell; vmerge is "restart" or "continue"."""
    props = f'<w:gridSpan w:val="{span}"/>' if span else ""
    if vmerge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        props += "<w:vMerge/>"
    content = "".join(b if b.startswith("<") else p(b) for b in blocks) or "<w:p/>"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>"


def tbl(*rows: Sequence[str], grid: int | None = None) -> str:
    """A table from rows of cells (cell() XML, or plain text for a one-paragraph cell).

    `grid` writes the widths of that many 2000-twip columns (LibreOffice drops a table without).
    """
    body = "".join("<w:tr>" + "".join(c if c.startswith("<w:tc") else cell(c) for c in row) + "</w:tr>" for row in rows)
    if not grid:
        return f"<w:tbl><w:tblPr/>{body}</w:tbl>"
    columns = "<w:tblGrid>" + '<w:gridCol w:w="2000"/>' * grid + "</w:tblGrid>"
    return f'<w:tbl><w:tblPr><w:tblW w:w="{2000 * grid}" w:type="dxa"/></w:tblPr>{columns}{body}</w:tbl>'


def field(instruction: str, result: str) -> str:
    """A complex field (fldChar begin / instrText / separate / result / end) as runs."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{r(result)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def textbox(*paragraphs: str) -> str:
    """A run holding a text box written as Word writes it: DrawingML choice plus VML fallback."""
    content = "".join(x if x.startswith("<") else p(x) for x in paragraphs)
    return (
        "<w:r><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
        f"<wps:wsp><wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><v:shape><v:textbox>"
        f"<w:txbxContent>{content}</w:txbxContent>"
        "</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def level(
    ilvl: int,
    fmt: str,
    text: str,
    start: int = 1,
    restart: int | None = None,
    suff: str | None = None,
    style: str | None = None,
    legal: bool = False,
) -> str:
    extra = f'<w:lvlRestart w:val="{restart}"/>' if restart is not None else ""
    extra += f'<w:pStyle w:val="{style}"/>' if style else ""
    extra += "<w:isLgl/>" if legal else ""
    extra += f'<w:suff w:val="{suff}"/>' if suff else ""
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
        f"<w:lvlText w:val={quoteattr(text)}/></w:lvl>"
    )


def abstract_num(abstract_id: int, *levels: str) -> str:
    return f'<w:abstractNum w:abstractNumId="{abstract_id}">{"".join(levels)}</w:abstractNum>'


def num(num_id: int, abstract_id: int, starts: Mapping[int, int] | None = None) -> str:
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="{v}"/></w:lvlOverride>' for i, v in (starts or {}).items()
    )
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


def style(style_id: str, based_on: str | None = None, num: int | None = None, ilvl: int | None = None) -> str:
    numpr = ""
    if num is not None or ilvl is not None:
        numpr = "<w:numPr>"
        numpr += f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
        numpr += f'<w:numId w:val="{num}"/>' if num is not None else ""
        numpr += "</w:numPr>"
    base = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    head = f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{style_id}"/>'
    return f"{head}{base}<w:pPr>{numpr}</w:pPr></w:style>"


def note(note_id: int, *paragraphs: str, kind: str = "footnote", note_type: str | None = None) -> str:
    attr = f' w:type="{note_type}"' if note_type else ""
    content = "".join(x if x.startswith("<") else p(x) for x in paragraphs)
    return f'<w:{kind} w:id="{note_id}"{attr}>{content}</w:{kind}>'


# -- packages -------------------------------------------------------------------------------
def build_docx(
    body: str | Iterable[str],
    *,
    numbering: str | None = None,
    styles: str | None = None,
    headers: Sequence[str] = (),
    footers: Sequence[str] = (),
    footnotes: str | None = None,
    endnotes: str | None = None,
    main_part: str = "word/document.xml",
    content_type: str = MAIN_TYPE,
    extra_parts: Mapping[str, bytes] | None = None,
) -> bytes:
    """The bytes of a .docx whose w:body holds `body` (a fragment or fragments)."""
    if not isinstance(body, str):
        body = "".join(body)
    folder, _, base = main_part.rpartition("/")
    rels: list[tuple[str, str, str]] = []
    parts: dict[str, str] = {}
    refs = ""
    for kind, fragments in (("header", headers), ("footer", footers)):
        for i, fragment in enumerate(fragments, 1):
            rid = f"rId{kind[0]}{i}"
            rels.append((rid, kind, f"{kind}{i}.xml"))
            parts[f"{folder}/{kind}{i}.xml"] = f"<w:{kind[:3]} {NAMESPACES}>{fragment}</w:{kind[:3]}>"
            refs += f'<w:{kind}Reference w:type="{"default" if i == 1 else "first"}" r:id="{rid}"/>'
    for name, root, fragment in (("numbering", "numbering", numbering), ("styles", "styles", styles)):
        if fragment is not None:
            rels.append((f"rId{name}", name, f"{name}.xml"))
            parts[f"{folder}/{name}.xml"] = f"<w:{root} {NAMESPACES}>{fragment}</w:{root}>"
    for name, fragment in (("footnotes", footnotes), ("endnotes", endnotes)):
        if fragment is not None:
            rels.append((f"rId{name}", name, f"{name}.xml"))
            parts[f"{folder}/{name}.xml"] = f"<w:{name} {NAMESPACES}>{fragment}</w:{name}>"
    document = f"<w:document {NAMESPACES}><w:body>{body}<w:sectPr>{refs}</w:sectPr></w:body></w:document>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/{main_part}" ContentType="{content_type}"/></Types>',
        )
        z.writestr("_rels/.rels", _rels([("rId1", "officeDocument", main_part)]))
        z.writestr(main_part, DECL + document)
        z.writestr(f"{folder}/_rels/{base}.rels", _rels(rels))
        for name, xml in parts.items():
            z.writestr(name, DECL + xml)
        for name, data in (extra_parts or {}).items():
            z.writestr(name, data)
    return buffer.getvalue()


def rewrite_parts(data: bytes, transform: Callable[[str, bytes], bytes]) -> bytes:
    """The same package with every entry's bytes passed through transform(name, data)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info.filename, transform(info.filename, src.read(info)))
    return out.getvalue()


def _rels(rels: Iterable[tuple[str, str, str]]) -> str:
    items = "".join(f'<Relationship Id="{rid}" Type="{REL}/{kind}" Target="{target}"/>' for rid, kind, target in rels)
    return (
        DECL
        + f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{items}</Relationships>'
    )
