"""The XML walk of one story (the body, a header, a note, a text box) into paragraphs.

It reads what python-docx's text API skips, as the document looks with every change accepted:
- tracked changes: w:ins and w:moveTo in, w:del/w:delText and w:moveFrom out, a deleted
  paragraph mark joins its paragraph to the next one, a deleted table row disappears;
- fields show their result (after fldChar "separate"; nested fields too), never the
  instruction; w:fldSimple shows its contents; content controls (w:sdt) show their contents;
- mc:AlternateContent shows one branch (the first mc:Choice, else mc:Fallback), so a text box
  written both as DrawingML and as VML is read once;
- text boxes (w:txbxContent) and WordArt (v:textpath) are collected separately and placed
  after the story's own paragraphs;
- w:tab → "\\t", w:br/w:cr → " " (page and column breaks → ""), w:noBreakHyphen → "-",
  w:softHyphen → "", w:sym → its Unicode character; footnote reference marks render nothing.

Tables are read row by row, cell by cell; a vertically merged continuation cell is skipped and a
horizontally merged cell is read once, so merged text never repeats. Paragraphs inside tables are
located by table path, row and grid column (1-based).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

from gwlint.document import Location
from gwlint.readers.docx.names import MATH_TEXT, attr, child, rel_id, short
from gwlint.readers.docx.numbering import Counters, Definitions
from gwlint.readers.docx.symbols import symbol_char

Item = tuple[str, Location, int]  # (text, location, label_len) as Document.from_paragraphs takes them

# Wrappers whose children are more paragraph content.
_INLINE_WRAPPERS = frozenset({"hyperlink", "smartTag", "customXml", "ins", "moveTo", "fldSimple", "dir", "bdo"})
# Wrappers whose children are more blocks (paragraphs and tables).
_BLOCK_WRAPPERS = frozenset({"customXml", "ins", "moveTo", "sdtContent"})
_DRAWINGS = frozenset({"drawing", "pict", "object"})
_MOVED_OUT = frozenset({"del", "moveFrom"})  # a paragraph mark tracked as deleted or moved away


@dataclass(slots=True)
class Where:
    """Where the blocks being walked sit: the story level, or a table cell."""

    table: tuple[int, ...] = ()
    row: int | None = None
    col: int | None = None
    tables: int = 0  # tables met so far at this level (the next one gets tables + 1)


def choose(alternate: etree._Element) -> etree._Element | None:
    """The one branch of mc:AlternateContent a reader sees: the first Choice, else the Fallback."""
    fallback = None
    for c in alternate:
        name = short(c.tag)
        if name == "mc:Choice":
            return c
        if name == "mc:Fallback":
            fallback = c
    return fallback


class Story:
    """Walks the blocks of one story into `items` (its paragraphs) and `boxes` (its text boxes)."""

    def __init__(self, definitions: Definitions, story: str, box_story: str | None = None) -> None:
        self.definitions = definitions
        self.counters = Counters(definitions)
        self.story = story
        self.table_story = "table" if story == "body" else story
        self.box_story = box_story or story
        self.items: list[Item] = []
        self.boxes: list[Item] = []
        self.sections: list[tuple[str, str]] = []  # ("header" | "footer", relationship id) in order
        self._fields: list[bool] = []  # open complex fields, innermost last: True once in the result
        self._hidden = 0  # open fields still in their instruction part
        self._pending: list[str] | None = None  # text of paragraphs whose marks were deleted
        self._pending_where: Where | None = None
        self._top = Where()
        self._location = Location(story)

    # -- blocks -----------------------------------------------------------------------------
    def blocks(self, container: Iterable[etree._Element], where: Where | None = None) -> None:
        where = where or self._top
        for el in container:
            self.block(el, where)

    def block(self, el: etree._Element, where: Where | None = None) -> None:
        where = where or self._top
        name = short(el.tag)
        if name == "p":
            self.paragraph(el, where)
        elif name == "tbl":
            self._flush(where)
            self.table(el, where)
        elif name == "sdt":
            content = child(el, "sdtContent")
            if content is not None:
                self.blocks(content, where)
        elif name in _BLOCK_WRAPPERS:
            self.blocks(el, where)
        elif name == "mc:AlternateContent":
            branch = choose(el)
            if branch is not None:
                self.blocks(branch, where)
        elif name == "sectPr":
            self._section(el)

    def finish(self) -> None:
        """Emit what is still pending at the end of the story."""
        self._flush(self._top)

    def _flush(self, where: Where | None) -> None:
        if self._pending is not None and self._pending_where is where and where is not None:
            text, self._pending = "".join(self._pending), None
            self._emit(text, where, 0)

    def _emit(self, text: str, where: Where, label_len: int) -> None:
        if where.table:
            location = Location(self.table_story, where.table, where.row, where.col)
        else:
            location = self._location
        self.items.append((text, location, label_len))

    # -- tables -----------------------------------------------------------------------------
    def table(self, tbl: etree._Element, where: Where) -> None:
        where.tables += 1
        path = (*where.table, where.tables)
        row_number = 0
        for tr in _unwrap(tbl, "tr"):
            props = child(tr, "trPr")
            skip_cols = 0
            if props is not None:
                if child(props, "del") is not None:
                    continue  # a deleted row, accepted
                before = child(props, "gridBefore")
                skip_cols = max(0, _int(attr(before, "val"))) if before is not None else 0
            row_number += 1
            col = 1 + skip_cols
            for tc in _unwrap(tr, "tc"):
                span, continued, deleted = _cell_props(child(tc, "tcPr"))
                if not continued and not deleted:
                    cell = Where(path, row_number, col)
                    self.blocks(tc, cell)
                    self._flush(cell)
                col += span

    # -- paragraphs -------------------------------------------------------------------------
    def paragraph(self, p: etree._Element, where: Where) -> None:
        style = num_id = ilvl = None
        mark_deleted = False
        parts: list[str] = []
        for c in p:
            name = short(c.tag)
            if name == "pPr":
                for prop in c:
                    pname = short(prop.tag)
                    if pname == "pStyle":
                        style = attr(prop, "val")
                    elif pname == "numPr":
                        for n in prop:
                            if short(n.tag) == "numId":
                                num_id = attr(n, "val")
                            elif short(n.tag) == "ilvl":
                                ilvl = _int(attr(n, "val"))
                    elif pname == "rPr":
                        for m in prop:
                            if short(m.tag) in _MOVED_OUT:
                                mark_deleted = True
                    elif pname == "sectPr":
                        self._section(prop)
            elif name == "r":
                self._run(c, parts)
            else:
                self._inline(c, name, parts)
        if self._pending is not None and self._pending_where is not where:
            self._flush(self._pending_where)
        if mark_deleted:
            if self._pending is None:
                self._pending, self._pending_where = [], where
            self._pending.extend(parts)  # a list: a run of joined paragraphs costs linear time
            return
        if self._pending is not None:
            parts[:0] = self._pending
            self._pending = None
        text = "".join(parts)
        label = self.counters.label(style, num_id, ilvl)
        if not text and label.endswith(" "):
            label = label[:-1]  # no suffix gap after the label of an empty paragraph
        self._emit(label + text, where, len(label))

    def _inline(self, el: etree._Element, name: str, out: list[str]) -> None:
        if name == "r":
            self._run(el, out)
        elif name in _INLINE_WRAPPERS:
            for c in el:
                self._inline(c, short(c.tag), out)
        elif name == "sdt":
            content = child(el, "sdtContent")
            if content is not None:
                for c in content:
                    self._inline(c, short(c.tag), out)
        elif name == "mc:AlternateContent":
            branch = choose(el)
            if branch is not None:
                for c in branch:
                    self._inline(c, short(c.tag), out)
        elif name in ("m:oMath", "m:oMathPara"):
            if not self._hidden:
                out.extend(t.text or "" for t in el.iter(*MATH_TEXT))
        # w:del, w:moveFrom, bookmarks, proofing and comment marks show nothing

    def _run(self, run: etree._Element, out: list[str]) -> None:
        for c in run:
            name = short(c.tag)
            if name == "t":
                if not self._hidden and c.text:
                    out.append(c.text)
            elif name == "rPr":
                continue  # the commonest child after w:t; formatting shows no text
            elif name == "fldChar":
                self._field(attr(c, "fldCharType"))
            elif self._hidden:
                if name in _DRAWINGS:
                    self._find_boxes(c)
            elif name in ("tab", "ptab"):
                out.append("\t")
            elif name == "br":
                out.append(" " if attr(c, "type") in (None, "textWrapping") else "")
            elif name == "cr":
                out.append(" ")
            elif name == "noBreakHyphen":
                out.append("-")
            elif name == "sym":
                out.append(symbol_char(attr(c, "font"), attr(c, "char")))
            elif name == "w16se:symEx":
                out.append(symbol_char(None, c.get("{http://schemas.microsoft.com/office/word/2015/wordml/symex}char")))
            elif name in _DRAWINGS:
                self._find_boxes(c)
            elif name == "mc:AlternateContent":
                branch = choose(c)
                if branch is not None:
                    self._run(branch, out)
            elif name == "ruby":
                base = child(c, "rubyBase")  # the annotated text; w:rt is the pronunciation guide
                if base is not None:
                    for b in base:
                        self._inline(b, short(b.tag), out)

    def _field(self, kind: str | None) -> None:
        if kind == "begin":
            self._fields.append(False)
            self._hidden += 1
        elif kind == "separate":
            if self._fields and not self._fields[-1]:
                self._fields[-1] = True
                self._hidden -= 1
        elif kind == "end" and self._fields:
            if not self._fields.pop():
                self._hidden -= 1

    # -- text boxes and sections ------------------------------------------------------------
    def _find_boxes(self, el: etree._Element) -> None:
        for c in el:
            name = short(c.tag)
            if name == "txbxContent":
                box = Story(self.definitions, self.box_story)
                box.blocks(c)
                box.finish()
                self.boxes.extend(box.items)
                self.boxes.extend(box.boxes)
            elif name == "mc:AlternateContent":
                branch = choose(c)
                if branch is not None:
                    self._find_boxes(branch)
            elif name == "v:textpath":
                text = " ".join((c.get("string") or "").split())
                if text:
                    self.boxes.append((text, Location(self.box_story), 0))
            else:
                self._find_boxes(c)

    def _section(self, sect: etree._Element) -> None:
        for c in sect:
            name = short(c.tag)
            if name in ("headerReference", "footerReference") and (rid := rel_id(c)):
                self.sections.append((name[:6], rid))


def _unwrap(el: etree._Element, name: str) -> Iterable[etree._Element]:
    """Children named `name`, looking through content controls and custom-XML wrappers."""
    for c in el:
        cname = short(c.tag)
        if cname == name:
            yield c
        elif cname == "sdt":
            content = child(c, "sdtContent")
            if content is not None:
                yield from _unwrap(content, name)
        elif cname in ("customXml", "ins", "moveTo"):
            yield from _unwrap(c, name)
        elif cname == "mc:AlternateContent":
            branch = choose(c)
            if branch is not None:
                yield from _unwrap(branch, name)


def _cell_props(tcpr: etree._Element | None) -> tuple[int, bool, bool]:
    """(grid columns spanned, is a vertical-merge continuation, is a deleted cell)."""
    span, continued, deleted = 1, False, False
    if tcpr is not None:
        for c in tcpr:
            name = short(c.tag)
            if name == "gridSpan":
                span = max(1, min(_int(attr(c, "val")), 64))
            elif name == "vMerge":
                continued = attr(c, "val") != "restart"
            elif name == "cellDel":
                deleted = True
            elif name == "hMerge":
                continued = continued or attr(c, "val") != "restart"  # legacy horizontal merge
    return span, continued, deleted


def _int(value: str | None) -> int:
    try:
        return int(value) if value is not None else 0
    except ValueError:
        return 0
