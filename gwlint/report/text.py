"""--format text: findings grouped by file, for a person at a terminal (the one module that imports rich).

Every line is built as styled pieces, then either printed in colour by rich (as `Text`, never
markup: a draft's own "[b]" must print as it is) or written as plain strings, so plain output
holds no escape at all. rich is imported only for colour and the progress bar: the plain
output of CI logs and pipes does not pay its start-up time.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, TextIO

from gwlint.finding import CATEGORIES, SEVERITIES, Finding
from gwlint.report import CATEGORY_NAMES, SEVERITY_NAMES, ReportContext
from gwlint.report.positions import place

if TYPE_CHECKING:
    from gwlint.api import FileResult
    from gwlint.document import Document

SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}
PLAIN_WIDTH = 100  # logs and pipes have no width; a fixed one keeps output identical everywhere
INDENT = "    "
ELLIPSIS = "…"
# Control characters would move the cursor or break the caret line; show them as spaces.
_CONTROL = {c: " " for c in [*range(32), 0x7F]}


class Line:
    """One output line as (text, rich style) pieces; "" is no style."""

    __slots__ = ("parts",)

    def __init__(self, text: str = "", style: str = "") -> None:
        self.parts: list[tuple[str, str]] = []
        self.append(text, style)

    def append(self, text: str, style: str = "") -> None:
        if text:
            self.parts.append((text, style))

    @property
    def plain(self) -> str:
        return "".join(text for text, _ in self.parts)


@lru_cache(maxsize=8192)
def _char_cells(ch: str) -> int:
    if unicodedata.category(ch) in ("Mn", "Me", "Cf"):  # combining marks, zero-width joiners …
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def cell_len(text: str) -> int:
    """Terminal cells `text` takes: CJK glyphs and full-width forms two, combining marks none."""
    return len(text) if text.isascii() else sum(map(_char_cells, text))


# -- excerpts ------------------------------------------------------------------------------------
def _prefix(text: str, cells: int) -> str:
    """The longest start of `text` that fits in `cells` terminal cells (CJK glyphs take two)."""
    used = 0
    for i, ch in enumerate(text):
        used += cell_len(ch)
        if used > cells:
            return text[:i]
    return text


def _suffix(text: str, cells: int) -> str:
    return _prefix(text[::-1], cells)[::-1]


def excerpt_window(text: str, start: int, end: int, width: int) -> tuple[str, int, int]:
    """Part of one paragraph that fits `width` cells around [start, end), cut with … where cut.

    Returns the shown string and the span of the match inside it. About a third of the spare
    room goes before the match, the rest after it (the sentence goes on to the right); a side
    that needs less gives its room to the other.
    """
    # A character takes at least one cell, so nothing further than `width` characters from the
    # match can show: look no further, a "paragraph" may be a whole file without line breaks.
    low, high = max(0, start - width), min(len(text), end + width)
    cut_left, cut_right = low > 0, high < len(text)
    text = text[low:high].translate(_CONTROL)
    start, end = start - low, end - low
    if not cut_left and not cut_right and cell_len(text) <= width:
        return text, start, end
    before, match, after = text[:start], text[start:end], text[end:]
    room = width - cell_len(match) - 2  # two cells for the ellipses
    if room < 0:
        shown = _prefix(match, width - 2)
        lead = ELLIPSIS if before or cut_left else ""
        return lead + shown + ELLIPSIS, len(lead), len(lead) + len(shown)
    left = room // 3
    right = room - left
    if not cut_right and cell_len(after) < right:
        left += right - cell_len(after)
    if not cut_left and cell_len(before) < left:
        right += left - cell_len(before)
    head = _suffix(before, left)
    tail = _prefix(after, right)
    lead = ELLIPSIS if cut_left or len(head) < len(before) else ""
    trail = ELLIPSIS if cut_right or len(tail) < len(after) else ""
    hl_start = len(lead) + len(head)
    return lead + head + match + tail + trail, hl_start, hl_start + len(match)


# -- one finding ---------------------------------------------------------------------------------
def _excerpt_lines(doc: Document, finding: Finding, width: int, color: bool) -> list[Line]:
    para = doc.paragraph_at(finding.start)
    start = finding.start - para.start
    end = min(finding.end, para.end) - para.start  # a span over several paragraphs shows its first
    if not para.text or para.text.isspace():  # isspace stops at the first letter; strip() would copy
        return []
    shown, hl_start, hl_end = excerpt_window(para.text, start, end, width)
    line = Line(INDENT)
    line.append(shown[:hl_start], style="dim")
    line.append(shown[hl_start:hl_end], style="reverse " + SEVERITY_STYLES[finding.severity])
    line.append(shown[hl_end:], style="dim")
    lines = [line]
    if not color and hl_end > hl_start:  # without colour, carets show the match
        pad = cell_len(shown[:hl_start])
        lines.append(Line(INDENT + " " * pad + "^" * cell_len(shown[hl_start:hl_end])))
    return lines


def finding_lines(doc: Document, finding: Finding, place_width: int, width: int, color: bool) -> list[Line]:
    where = place(doc, finding.start)
    head = Line("  ")
    head.append(where, style="bold")
    head.append(" " * (place_width - cell_len(where) + 2))
    head.append(SEVERITY_NAMES[finding.severity], style=SEVERITY_STYLES[finding.severity])
    head.append("  ")
    head.append(finding.rule, style="magenta")
    head.append("  ")
    head.append(finding.message)
    lines = [head, *_excerpt_lines(doc, finding, width, color)]
    for related in finding.related:
        line = Line(INDENT + "相关:", style="dim")
        line.append(place(doc, related.start), style="bold")
        line.append(" " + related.message)
        lines.append(line)
    if finding.fix is not None:
        label = "可自动修复(--fix):" if finding.fix.safe else "修复建议(需人工确认):"
        lines.append(Line(INDENT + label + finding.fix.title, style="green" if finding.fix.safe else "yellow"))
    return lines


def file_lines(result: FileResult, width: int, color: bool) -> list[Line]:
    lines = [Line(result.path, style="bold underline")]
    if result.error is not None:
        lines.append(Line("  无法读取:" + result.error, style="bold red"))
        return lines
    doc = result.document
    assert doc is not None
    places = [place(doc, f.start) for f in result.findings]
    place_width = max(map(cell_len, places), default=0)
    for finding in result.findings:
        lines.extend(finding_lines(doc, finding, place_width, width, color))
    return lines


# -- summary -------------------------------------------------------------------------------------
def summary_lines(results: Sequence[FileResult]) -> list[Line]:
    findings = [f for r in results for f in r.findings]
    unreadable = sum(1 for r in results if r.error is not None)
    checked = f"共检查 {len(results)} 个文件"
    if unreadable:
        checked += f",其中 {unreadable} 个无法读取"
    if not findings:
        ok = Line("未发现问题。", style="bold green" if not unreadable else "bold")
        ok.append(checked + "。", style="bold red" if unreadable else "")
        return [ok]
    by_severity = Counter(f.severity for f in findings)
    with_findings = sum(1 for r in results if r.findings)
    head = Line(f"发现 {len(findings)} 个问题(", style="bold")
    parts = [s for s in SEVERITIES if by_severity[s]]
    for i, severity in enumerate(parts):
        if i:
            head.append(",")
        head.append(f"{SEVERITY_NAMES[severity]} {by_severity[severity]}", style=SEVERITY_STYLES[severity])
    head.append(f"),涉及 {with_findings} 个文件;{checked}。")
    lines = [head, Line("按类别:")]
    by_category = Counter(f.category for f in findings)
    order = [c for c in CATEGORIES if by_category[c]] + sorted(set(by_category) - set(CATEGORIES))
    id_width = max(len(c) for c in order)
    name_width = max(cell_len(CATEGORY_NAMES.get(c, "")) for c in order)
    for category in order:
        name = CATEGORY_NAMES.get(category, "")
        line = Line(f"  {category:<{id_width}}  ")
        line.append(name + " " * (name_width - cell_len(name)) + "  ")
        line.append(f"{by_category[category]:>4}", style="bold")
        lines.append(line)
    return lines


# -- output --------------------------------------------------------------------------------------
def _console(out: TextIO):  # -> rich.console.Console
    from rich.console import Console

    return Console(
        file=out,
        force_terminal=True,  # the caller decided (isatty, NO_COLOR, FORCE_COLOR): don't guess again
        color_system="standard",  # eight colours are all this output uses; works on TERM=dumb too
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=True,  # long messages wrap in the terminal, never mid-word by rich
    )


def report(results: Sequence[FileResult], out: TextIO, ctx: ReportContext) -> None:
    if ctx.color:
        from rich.text import Text

        console = _console(out)
        width = max(40, min(console.width, 160) - len(INDENT))

        def emit(line: Line) -> None:
            console.print(Text.assemble(*line.parts))

    else:
        width = PLAIN_WIDTH - len(INDENT)

        def emit(line: Line) -> None:
            out.write(line.plain + "\n")

    for result in results:
        if result.error is None and not result.findings:
            continue
        for line in file_lines(result, width, ctx.color):
            emit(line)
        emit(Line())
    for line in summary_lines(results):
        emit(line)


def progress(results: Iterable[FileResult], total: int) -> Iterator[FileResult]:
    """Yield `results` while a progress bar on stderr counts them (removed when done)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True, highlight=False, markup=False)
    columns = (TextColumn("检查中"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("", total=total)
        for result in results:
            yield result
            bar.advance(task)
