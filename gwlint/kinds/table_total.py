"""A table's 合计/总计 row or column that is not the sum of its cells (the `table-total` kind).

Word tables arrive as paragraphs located by table, row and grid column; this kind rebuilds the
grid. A row labelled 合计/总计/共计/小计 is checked against the numeric cells of its column above
it (or below it, when the total row comes first), up to the header; a column headed 合计/总计 is
checked against the numeric cells to its left in each row. Columns of rates, shares, averages,
ranks or years, rows introduced by 其中, rows numbered at two levels (一、工业 over 1.制造业), and
cells with approximate numbers are left alone.
In plain text, a table is found by its shape: a run of at least three lines cut into the same
number of short cells by tabs, ideographic spaces (U+3000, one is enough) or runs of two or more
spaces, mixed as they come. Each tab is a cell boundary (two tabs keep an empty cell between them);
other runs of white space count once. A header row one cell short is read as missing its empty
corner cell. A run whose rows differ in length is not checked, because scraped tables drop merged
and trailing empty cells and their columns no longer line up; a line with a sentence in it is prose,
never a row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace

import regex

from gwlint.document import Document, Paragraph
from gwlint.finding import Hit
from gwlint.text.numbers import Number, find_numbers, format_value
from gwlint.text.outline import parse_heading

_TOTAL = regex.compile(r"^(?:合\s*计|总\s*计|共\s*计|总\s*数|小\s*计|全年合计|总合计)[:：]?$")
_SUBTOTAL = regex.compile(r"^小\s*计")
_NOT_SUMMED = regex.compile(r"率|比|%|占|均|平均|序号|编号|排名|名次|年份|年度|时间|日期|电话|代码|单价|价格|标准|指数")
_NESTED = regex.compile(r"^\s*(?:其中|含|内[:：]|包括)")
_EMPTY = {"", "-", "—", "/", "--", "——"}
_TEXT_CELL_SEPARATOR = regex.compile(r"[ \u3000]*\t[ \u3000]*|[ \u3000]*\u3000[ \u3000]*| {2,}")
# A cell of a plain-text table is short and holds no sentence.
_MAX_TEXT_CELL = 30
_SENTENCE_MARK = regex.compile(r"[。!?！？;；]")
# After a number in a cell, a measure word no list of units has (1,205画幅): the cell's unit. Not an
# ordinal or a date (3号, 2级, 5楼).
_CELL_UNIT = regex.compile(r"^\p{Han}{1,2}$")
_NOT_A_UNIT = regex.compile(r"^[号级楼栋层届期版岁年月日时点区路]")


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    start: int  # absolute span of the cell's text (where a finding points)
    end: int
    number: Number | None  # the cell's value when the whole cell is one number

    @property
    def empty(self) -> bool:
        return self.text in _EMPTY

    @property
    def is_label(self) -> bool:
        return not self.empty and self.number is None


def _cell_number(text: str) -> Number | None:
    numbers = find_numbers(text)
    if len(numbers) != 1:
        return None
    num = numbers[0]
    rest = (text[: num.start] + text[num.end :]).strip()
    if rest and not num.unit and not text[: num.start].strip() and _CELL_UNIT.match(rest):
        if _NOT_A_UNIT.match(rest):
            return None
        num = replace(num, unit=rest, end=len(text), text=text)
        rest = ""
    summable = num.countable or not num.unit
    return num if not rest and not num.approx and summable else None


Grid = dict[int, dict[int, Cell]]


def _word_grids(doc: Document) -> Iterator[Grid]:
    tables: dict[tuple, dict[tuple[int, int], list[Paragraph]]] = defaultdict(lambda: defaultdict(list))
    for para in doc.paragraphs:
        loc = para.location
        if loc.row is not None and loc.col is not None and loc.table:
            tables[(loc.story, loc.table)][(loc.row, loc.col)].append(para)
    for cells in tables.values():
        grid: Grid = defaultdict(dict)
        for (row, col), paras in cells.items():
            text = "".join(p.text[p.label_len :] for p in paras).strip()
            first = paras[0]
            grid[row][col] = Cell(text, first.start + first.label_len, paras[-1].end, _cell_number(text))
        yield grid


_PIPE_ROW = regex.compile(r"^\s*\|(.*)\|\s*$")
_PIPE_RULE = regex.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?\s*)?$")
_PIPE_CELL = regex.compile(r"(?:\\\||[^|])*")
_EMPHASIS = regex.compile(r"^(\*\*|__|\*|_)(.+)\1$")


def _pipe_cells(para: Paragraph) -> list[tuple[str, int, int]]:
    """The cells of a Markdown table row (| 一组 | 12 |), **bold** marks dropped; [] when it is none."""
    m = _PIPE_ROW.match(para.text)
    if m is None:
        return []
    cells = []
    for c in _PIPE_CELL.finditer(para.text, m.start(1), m.end(1)):
        if c.start() > m.start(1) and para.text[c.start() - 1] != "|":
            continue  # the empty match right after a cell
        raw = c.group()
        lead = len(raw) - len(raw.lstrip())
        raw = raw.strip()
        start = c.start() + lead
        bold = _EMPHASIS.match(raw)
        if bold:
            start += len(bold[1])
            raw = bold[2]
        cells.append((raw, para.start + start, para.start + start + len(raw)))
    return cells


def _text_cells(para: Paragraph) -> list[tuple[str, int, int]]:
    """The cells of a plain-text line with their absolute spans; [] when the line is no table row."""
    if para.text.lstrip().startswith("|"):
        return _pipe_cells(para)
    text = para.text.rstrip()
    pos = len(text) - len(text.lstrip())
    if pos == len(text) or not _TEXT_CELL_SEPARATOR.search(text, pos):
        return []  # one cell, no row: most lines, found without cutting them up
    cells = []
    for m in [*_TEXT_CELL_SEPARATOR.finditer(text, pos), None]:
        raw = text[pos : m.start() if m else len(text)]
        if len(raw) > _MAX_TEXT_CELL or _SENTENCE_MARK.search(raw):
            return []
        cells.append((raw, para.start + pos, para.start + pos + len(raw)))
        pos = m.end() if m else pos
    return cells


def _text_grids(doc: Document) -> Iterator[Grid]:
    """Runs of at least three lines cut into the same number of cells (see the module's docstring)."""
    run: list[list[tuple[str, int, int]]] = []
    for para in [*doc.paragraphs, None]:
        if para is not None and run and _PIPE_RULE.match(para.text):
            continue  # the |---|---| line under a Markdown table's header
        cells = _text_cells(para) if para is not None else []
        if len(cells) >= 2:
            run.append(cells)
            continue
        grid = _text_grid(run)
        if grid is not None:
            yield grid
        run = []


def _text_grid(run: list[list[tuple[str, int, int]]]) -> Grid | None:
    """The grid of a run of rows, or None when it is too short or its rows do not line up."""
    if len(run) < 3:
        return None
    width = len(run[-1])
    # A header of labels one cell short has lost its empty corner cell: its labels head the columns after it.
    corner = len(run[0]) == width - 1 and all(_cell_number(t) is None for t, _, _ in run[0])
    if any(len(row) != width for row in run[1 if corner else 0 :]):
        return None
    return {
        r: {c: Cell(t, s, e, _cell_number(t)) for c, (t, s, e) in enumerate(row, 2 if corner and r == 1 else 1)}
        for r, row in enumerate(run, 1)
    }


def _row_label(row: dict[int, Cell]) -> str:
    """The first non-numeric text of a row among its first two columns."""
    for col in sorted(row)[:2]:
        if row[col].is_label:
            return row[col].text
    return ""


def _header(grid: dict[int, dict[int, Cell]], row: int, col: int) -> str:
    """Every label above `row` in column `col` (the column's header, merged headers included)."""
    return " ".join(grid[r][col].text for r in sorted(grid) if r < row and col in grid[r] and grid[r][col].is_label)


def _check(cells: list[Cell], subtotals: list[Cell], total: Cell) -> tuple[float, float] | None:
    """(stated, computed) when the cells do not add up to the total; None when they do or cannot be told."""
    numbers = [c.number for c in cells if c.number is not None]
    if len(numbers) + len(subtotals) < 2 or total.number is None:
        return None
    stated = total.number
    units = {n.unit for n in numbers} | {stated.unit}
    if len(units) > 1:
        return None
    leaf = sum(n.value for n in numbers)
    tol = stated.tol + sum(n.tol for n in numbers)
    if abs(leaf - stated.value) <= tol + 1e-9 * max(abs(leaf), 1):
        return None
    if subtotals:
        return None  # the 小计 rows may be what the total adds up; the nesting is not clear enough
    return stated.value, leaf


def _column_block(grid: dict[int, dict[int, Cell]], total_row: int, col: int) -> tuple[list[Cell], list[Cell]] | None:
    """Cells of column `col` that a total in `total_row` sums: rows above it, or below it if none are above."""
    rows = sorted(grid)
    first_data = min((r for r in rows if any(c.number is not None for c in grid[r].values())), default=0)
    for direction in (-1, 1):
        index = rows.index(total_row) + direction
        cells, subtotals = [], []
        levels = set()
        while 0 <= index < len(rows):
            row = grid[rows[index]]
            label = _row_label(row)
            heading = parse_heading(label)
            if heading is not None:
                levels.add(heading.level)
                if len(levels) > 1:
                    return None  # 一、工业 above 1.制造业, 2.采矿业: rows nested in rows, not a column of parts
            cell = row.get(col)
            if cell is not None and cell.is_label:
                if rows[index] >= first_data:
                    return None  # text among the numbers of the column (无, 待定): not a column of sums
                break  # the header
            if not any(c.number is not None for c in row.values()):
                break  # a row of labels only: a section heading inside the table
            if _TOTAL.match(label):
                if not _SUBTOTAL.match(label):
                    break
                if cell is not None:
                    subtotals.append(cell)
            elif _NESTED.match(label):
                return None
            elif cell is not None and not cell.empty:
                cells.append(cell)
            index += direction
        if cells:
            return cells, subtotals
    return None


def _table_hits(grid: dict[int, dict[int, Cell]]) -> Iterator[tuple[Cell, float, float, str]]:
    rows = sorted(grid)
    # Rows labelled 合计 / 总计.
    for r in rows:
        if not _TOTAL.match(_row_label(grid[r])):
            continue
        for col, total in sorted(grid[r].items()):
            if total.number is None or _NOT_SUMMED.search(_header(grid, r, col)):
                continue
            block = _column_block(grid, r, col)
            result = _check(*block, total) if block else None
            if result:
                yield total, *result, "本列各行"
    # Columns headed 合计 / 总计.
    for r in rows:
        if any(cell.number is not None for cell in grid[r].values()):
            continue  # not a header row
        for tcol, head in grid[r].items():
            if tcol == min(grid[r]) or not _TOTAL.match(head.text):
                continue
            for data_row in (x for x in rows if x > r):
                row = grid[data_row]
                total = row.get(tcol)
                if total is None or total.number is None:
                    continue
                labels = [c for c, cell in row.items() if cell.is_label and c < tcol]
                first = max(labels) + 1 if labels else min(row)
                cols = [c for c in row if first <= c < tcol]
                headers = [_header(grid, data_row, c) for c in cols]
                if any(_NOT_SUMMED.search(h) or "计" in h for h in headers):
                    continue
                if any(row[c].is_label for c in cols):
                    continue
                result = _check([row[c] for c in cols], [], total)
                if result:
                    yield total, *result, "本行各列"


@dataclass(frozen=True)
class Options:
    pass


class TableTotalChecker:
    def __init__(self, options: Options) -> None:
        self.options = options

    def run(self, doc: Document) -> Iterator[Hit]:
        grids = _word_grids(doc) if doc.format == "docx" else _text_grids(doc)
        seen = set()
        for grid in grids:
            for cell, stated, computed, what in _table_hits(grid):
                if cell.start in seen:
                    continue
                seen.add(cell.start)
                num = cell.number
                assert num is not None
                digits = num.decimals
                yield Hit(
                    cell.start,
                    cell.end,
                    fields={
                        "detail": f"{what}合计 {format_value(computed, num.scale, digits, num.grouped)}{num.unit_text},"
                        f"与合计栏 {num.show()} 不符"
                    },
                    data={"stated": stated, "computed": computed, "unit": num.unit},
                )


def compile(options: Options) -> TableTotalChecker:  # noqa: A001 - the kind interface
    return TableTotalChecker(options)
