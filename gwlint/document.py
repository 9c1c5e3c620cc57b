"""The document model every reader produces and every check reads.

A `Document` is one text with paragraphs at absolute offsets. For .txt/.md the text is the
decoded file itself and a paragraph is a line (split where LSP splits lines: \\n, \\r\\n, \\r).
For .docx the text is the paragraphs joined by "\\n" and a paragraph's `line` is its paragraph
number in reading order. Checks report absolute offsets; `position()` turns them into
1-based (line, column) once, counting Unicode code points.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gwlint.text.outline import Heading

# The only line ends LSP knows; str.splitlines() would also split on \v, \f, U+2028 …
LINE_END = re.compile(r"\r\n|\r|\n")

STORY_NAMES = {
    "body": "正文",
    "table": "表格",
    "header": "页眉",
    "footer": "页脚",
    "footnote": "脚注",
    "endnote": "尾注",
    "textbox": "文本框",
    "comment": "批注",
}


@dataclass(frozen=True, slots=True)
class Location:
    """Where a paragraph sits in a Word file; plain-text paragraphs are all in the body.

    `table` is the path of table indexes from the outermost table (nested tables add one
    entry each); `row` and `col` are 1-based within the innermost table.
    """

    story: str = "body"
    table: tuple[int, ...] = ()
    row: int | None = None
    col: int | None = None

    def describe(self) -> str:
        name = STORY_NAMES.get(self.story, self.story)
        if self.row is not None:
            return f"{name}第{self.row}行第{self.col}列"
        return name


BODY = Location()


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    start: int  # absolute offset of the first character in Document.text
    line: int  # 1-based line (.txt/.md) or paragraph number (.docx)
    location: Location = BODY
    label_len: int = 0  # leading characters rendered from Word auto-numbering

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(eq=False)
class Document:
    path: str
    text: str
    paragraphs: Sequence[Paragraph]
    format: str = "txt"  # "txt" | "md" | "docx"
    _starts: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._starts = [p.start for p in self.paragraphs]

    # -- construction -------------------------------------------------------------------
    @classmethod
    def from_text(cls, text: str, path: str = "<text>", format: str = "txt") -> Document:
        """Split decoded text into one paragraph per line."""
        paragraphs = []
        pos = 0
        line = 1
        for m in LINE_END.finditer(text):
            paragraphs.append(Paragraph(text[pos : m.start()], pos, line))
            pos = m.end()
            line += 1
        paragraphs.append(Paragraph(text[pos:], pos, line))
        return cls(path, text, paragraphs, format)

    @classmethod
    def from_paragraphs(
        cls, items: Iterable[tuple[str, Location] | tuple[str, Location, int]], path: str, format: str = "docx"
    ) -> Document:
        """Join paragraphs (text, location[, label_len]) with "\\n", numbering them from 1."""
        paragraphs = []
        pos = 0
        for number, item in enumerate(items, 1):
            text = LINE_END.sub(" ", item[0])
            label_len = item[2] if len(item) > 2 else 0
            paragraphs.append(Paragraph(text, pos, number, item[1], label_len))
            pos += len(text) + 1
        text = "\n".join(p.text for p in paragraphs)
        if not paragraphs:
            paragraphs.append(Paragraph("", 0, 1))
        return cls(path, text, paragraphs, format)

    # -- positions ----------------------------------------------------------------------
    def paragraph_index(self, offset: int) -> int:
        """Index of the paragraph holding `offset` (an offset in a line end belongs to the line before)."""
        return max(bisect.bisect_right(self._starts, offset) - 1, 0)

    def paragraph_at(self, offset: int) -> Paragraph:
        return self.paragraphs[self.paragraph_index(offset)]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an absolute offset; columns count code points."""
        para = self.paragraph_at(offset)
        return para.line, min(offset, para.end) - para.start + 1

    # -- lazily built views (a check pays only for what it reads) -------------------------
    @cached_property
    def outline(self) -> list[Heading]:
        from gwlint.text.outline import build_outline

        return build_outline(self.paragraphs)

    @cached_property
    def title(self) -> str | None:
        """The first non-empty paragraph when it reads like a title (short, no closing 。)."""
        for para in self.paragraphs[:5]:
            text = para.text.strip()
            if text:
                return text if len(text) <= 60 and not text.endswith(("。", ";", ";")) else None
        return None

    # Between processes (--jobs) a document travels as its text plus paragraph offsets: every
    # paragraph's text is a slice of Document.text, and lazily built views are rebuilt on demand.
    def __getstate__(self) -> dict:
        paragraphs = [(p.start, len(p.text), p.line, p.location, p.label_len) for p in self.paragraphs]
        return {"path": self.path, "text": self.text, "format": self.format, "paragraphs": paragraphs}

    def __setstate__(self, state: dict) -> None:
        text = state["text"]
        self.path, self.text, self.format = state["path"], text, state["format"]
        self.paragraphs = [
            Paragraph(text[start : start + length], start, line, location, label_len)
            for start, length, line, location, label_len in state["paragraphs"]
        ]
        self.__post_init__()
