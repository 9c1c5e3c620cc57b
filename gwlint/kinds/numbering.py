"""Numbering continuity (the `numbering` kind): 一、二、四 skips 三; (一)(二)(二) repeats one.

Two kinds of sequence are followed, each draft of a page on its own:

- outline headings (一、 / (一) / 1. / (1) / ① …, from `Document.outline`). Nesting is learnt from
  the order styles first appear in, as Markdown lists do, so "1." under "(一)" and "(一)" under
  "1." both work; a heading of an outer style closes the lists inside it, and one style may number
  two levels ("5、" holding "(一)" holding "1、"). A list may start again at 1 (a new list under a
  parent the writer left unnumbered), go on from where the same style stopped under the previous
  parent (items numbered through a whole document), or start at 2 after a lead-in line that holds
  item 1 ("附件:1.……").
- run-in enumerations "一是……二是……三是……", within the text between two headings.

Table rows are left out: a table numbers its own rows (a .docx table cell, or a .txt line with
TAB-separated cells and the short lines between such lines).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

from gwlint.document import Document, Paragraph
from gwlint.finding import Hit
from gwlint.text.drafts import split_drafts
from gwlint.text.numerals import CIRCLED, parse_chinese_int, to_chinese
from gwlint.text.outline import Heading

DEFECTS = ("gap", "repeat")
TABLE_GAP = 5  # short lines between two TAB rows, at most this many, belong to the table
TABLE_CELL_MAX = 60

# "一是" at the start of a clause; "一是一,二是二" is an idiom, not an enumeration.
_INLINE = regex.compile(r"(?:^|(?<=[。;；:：,，!！?？、\s]))(?P<num>[一二三四五六七八九十]{1,3})是(?!(?P=num))")
_NUMERAL = regex.compile(r"\d+|[零〇一二三四五六七八九十百两]+|[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]")
_WIDTH = str.maketrans("()", "\uff08\uff09")


@dataclass(frozen=True)
class Options:
    defect: str = "gap"  # gap: a number skipped (or a list not starting at 1); repeat: repeated or going back
    outline: bool = True  # headings 一、 (一) 1. (1) ①
    inline: bool = True  # run-in enumerations 一是……二是……


@dataclass
class _Sequence:
    style: str
    number: int
    marker: str
    index: int = -1  # paragraph of its latest item


@dataclass
class _State:
    """Open heading lists, innermost last, and where each closed list stopped."""

    table_headings: dict[int, Heading]  # numbered rows of tables, by paragraph
    stack: list[_Sequence] = field(default_factory=list)
    closed: dict[str, int] = field(default_factory=dict)
    last: int = -1  # paragraph of the latest heading of any style


def table_rows(doc: Document) -> set[int]:
    """Paragraphs that are table cells, or rows of a table pasted into plain text."""
    rows = {i for i, p in enumerate(doc.paragraphs) if p.location.table or p.location.story != "body"}
    tabbed = [i for i, p in enumerate(doc.paragraphs) if "\t" in p.text.strip()]
    rows.update(tabbed)
    for a, b in itertools.pairwise(tabbed):
        between = range(a + 1, b)
        if len(between) <= TABLE_GAP and all(_is_cell(doc.paragraphs[i].text) for i in between):
            rows.update(between)
    return rows


def _is_cell(text: str) -> bool:
    text = text.strip()
    return len(text) <= TABLE_CELL_MAX and not text.endswith("。")


def _render(number: int, like: str) -> str:
    """The marker `like` (e.g. "(三)", "4.", "②") with `number` in the same script."""
    m = _NUMERAL.search(like)
    if m is None:
        return str(number)
    raw = m[0]
    if raw.isdecimal():
        text = str(number)
    elif raw in CIRCLED:
        text = next((k for k, v in CIRCLED.items() if v == number), str(number))
    else:
        text = to_chinese(number)
    return like[: m.start()] + text + like[m.end() :]


def _marker_span(para: Paragraph, heading: Heading) -> tuple[int, int]:
    start = para.start + heading.offset
    return start, start + len(heading.marker)


def _in_tables(state: _State, heading: Heading, after: int, before: int, first_missing: int) -> bool:
    """Whether the numbers a heading skips head rows of a table between it and the one before."""
    found = {h.number for i, h in state.table_headings.items() if after < i < before and h.style == heading.style}
    return all(n in found for n in range(first_missing, heading.number))


class NumberingChecker:
    def __init__(self, options: Options) -> None:
        if options.defect not in DEFECTS:
            raise ValueError(f"defect 应为 {'、'.join(DEFECTS)} 之一")
        if not options.outline and not options.inline:
            raise ValueError("outline 与 inline 至少要检查一项")
        self.options = options

    def run(self, doc: Document) -> Iterator[Hit]:
        skipped = table_rows(doc)
        in_tables = {h.index: h for h in doc.outline if h.level > 0 and h.index in skipped}
        headings = {h.index: h for h in doc.outline if h.level > 0 and h.index not in skipped}
        for draft in split_drafts(doc):
            state = _State(in_tables)
            inline: _Sequence | None = None
            for index in range(draft.start, draft.end):
                if index in skipped:
                    continue
                para = doc.paragraphs[index]
                heading = headings.get(index)
                if heading is not None:
                    inline = None  # a run-in enumeration does not outlive its section
                    if self.options.outline:
                        yield from self._heading(doc, index, heading, state)
                if self.options.inline:
                    inline = yield from self._inline(para, inline)

    # -- outline headings ------------------------------------------------------------------
    def _heading(self, doc: Document, index: int, heading: Heading, state: _State) -> Iterator[Hit]:
        para = doc.paragraphs[index]
        start, end = _marker_span(para, heading)
        since, state.last = state.last, index
        number = heading.number
        same = [i for i, s in enumerate(state.stack) if s.style == heading.style]
        # The same style may number two levels ("5、" holding "(一)" holding "1、"): the deepest
        # list this number continues is the one it belongs to.
        fits = [i for i in same if state.stack[i].number + 1 == number]
        if fits:
            self._close_above(state, fits[-1])
            state.stack[fits[-1]] = _Sequence(heading.style, number, heading.marker, index)
            return
        lead_in = number > 1 and self._written_between(doc, since, index, _render(number - 1, heading.marker))
        if not same or lead_in or (number == 1 and state.stack[-1].style != heading.style):
            # A new list: under a heading of another style, or after "附件:1.……" on the line before.
            went_on = state.closed.get(heading.style)
            state.stack.append(_Sequence(heading.style, number, heading.marker, index))
            if number == 1 or lead_in or (went_on is not None and number == went_on + 1):
                return
            if self.options.defect == "gap":
                yield self._hit(start, end, heading.marker, "", _render(1, heading.marker), number - 1)
            return
        position = same[-1]
        self._close_above(state, position)
        current = state.stack[position]
        expected = current.number + 1
        if number == 1 or number > current.number:
            state.stack[position] = _Sequence(heading.style, number, heading.marker, index)
        # else a repeat or a step back: the list goes on from its highest number, so that
        # (一)(二)(三)(二)(四) reports the second (二) only.
        if number == 1:
            return  # the list starts again
        if number > expected and _in_tables(state, heading, current.index, index, expected):
            return  # the numbers in between head rows of a table: "四、结转下年度继续办理\t72"
        yield from self._judge(start, end, heading.marker, current.marker, number, expected)

    @staticmethod
    def _close_above(state: _State, position: int) -> None:
        for closed in state.stack[position + 1 :]:
            state.closed[closed.style] = closed.number
        del state.stack[position + 1 :]

    @staticmethod
    def _written_between(doc: Document, after: int, before: int, marker: str) -> bool:
        marker = marker.translate(_WIDTH)
        return any(marker in doc.paragraphs[i].text.translate(_WIDTH) for i in range(max(after, 0), before))

    # -- run-in enumerations -----------------------------------------------------------------
    def _inline(self, para: Paragraph, current: _Sequence | None) -> Iterator[Hit]:
        for m in _INLINE.finditer(para.text):
            number = parse_chinese_int(m["num"])
            if number is None:
                continue
            marker = m[0]
            if number == 1:
                current = _Sequence("inline", 1, marker)
                continue
            if current is None:
                continue  # no "一是" seen: nothing to measure against
            expected = current.number + 1
            previous = current.marker
            if number > current.number:  # after a repeat the list goes on from its highest number
                current = _Sequence("inline", number, marker)
            if number != expected:
                start, end = para.start + m.start(), para.start + m.end()
                yield from self._judge(start, end, marker, previous, number, expected)
        return current

    # -- findings ----------------------------------------------------------------------------
    def _judge(self, start: int, end: int, marker: str, previous: str, number: int, expected: int) -> Iterator[Hit]:
        if number > expected:
            if self.options.defect == "gap":
                yield self._hit(start, end, marker, previous, _render(expected, marker), number - expected)
        elif self.options.defect == "repeat":
            yield self._hit(start, end, marker, previous, _render(expected, marker), 0)

    def _hit(self, start: int, end: int, marker: str, previous: str, expected: str, missing: int) -> Hit:
        fields = {"marker": marker, "previous": previous, "expected": expected}
        return Hit(start, end, fields=fields, data={"expected": expected, "missing": missing})


def compile(options: Options) -> NumberingChecker:  # noqa: A001 - the kind interface
    return NumberingChecker(options)
