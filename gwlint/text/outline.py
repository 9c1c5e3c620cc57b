"""Headings of a Chinese official document by level: 篇 / 一、 / (一) / 1. / (1) / ①."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from gwlint.text.numerals import CIRCLED, parse_chinese_int

if TYPE_CHECKING:
    from gwlint.document import Paragraph

CN = "零〇一二三四五六七八九十百两"

# A mark some writers put before a heading to flag it: "▲三、招标文件的获取".
MARK = r"(?P<lead>^\s*(?:[▲△★☆●■◆◇※]\s*)?)"

# Level 0 is an article inside a collection (…篇一, 第二篇); 1–5 are the levels of GB/T 9704.
_MARKERS: tuple[tuple[int, str, regex.Pattern[str]], ...] = (
    (0, "article", regex.compile(rf"^\s*(?P<title>.{{2,40}}?)[(\uff08]?篇(?P<num>[{CN}]+)[)\uff09]?\s*$")),
    (0, "article", regex.compile(rf"^\s*第(?P<num>[{CN}\d]+)篇[:\uff1a\s]?(?P<title>.{{0,40}})$")),
    (0, "article", regex.compile(rf"^\s*[【\[]?篇(?P<num>[{CN}]+)[】\]]?[:\uff1a\s]*(?P<title>.{{0,40}})$")),
    (1, "chinese", regex.compile(rf"{MARK}(?P<num>[{CN}]+)\s*[、,\uff0c.．]\s*(?P<title>.*)$")),
    (1, "part", regex.compile(rf"{MARK}第(?P<num>[{CN}]+)(?:部分|章)\s*[:\uff1a、]?\s*(?P<title>.*)$")),
    (2, "paren-chinese", regex.compile(rf"{MARK}[(\uff08](?P<num>[{CN}]+)[)\uff09]\s*[、.．]?\s*(?P<title>.*)$")),
    (3, "arabic", regex.compile(rf"{MARK}(?P<num>\d{{1,3}})\s*(?:[、．]|\.(?!\d))\s*(?P<title>.*)$")),
    (4, "paren-arabic", regex.compile(rf"{MARK}[(\uff08](?P<num>\d{{1,3}})[)\uff09]\s*[、.．]?\s*(?P<title>.*)$")),
    (5, "circled", regex.compile(rf"{MARK}(?P<num>[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf])\s*(?P<title>.*)$")),
)

# "一、二年级" and "一、二季度" list two numbers; they are not a heading "一、" titled "二年级".
_RANGE = regex.compile(rf"^[{CN}]+(?:[、,\uff0c]|年级|等奖|季度)")


@dataclass(frozen=True, slots=True)
class Heading:
    index: int  # paragraph index in Document.paragraphs
    level: int
    style: str  # marker style: article, chinese, part, paren-chinese, arabic, paren-arabic, circled
    number: int
    marker: str  # the numbering text as written, e.g. "(三)"
    title: str  # the heading text after the marker, up to the first full stop
    offset: int = 0  # where the marker starts in the paragraph's text

    @property
    def is_short(self) -> bool:
        """A heading on its own line rather than a numbered paragraph of running text."""
        return len(self.title) <= 30 and not self.title.rstrip("。").count("。")


def _number(raw: str) -> int | None:
    if raw.isdecimal():
        return int(raw)
    if raw in CIRCLED:
        return CIRCLED[raw]
    return parse_chinese_int(raw)


def parse_heading(text: str, index: int = 0) -> Heading | None:
    """The outline heading a paragraph starts with, if any."""
    if not text or len(text) > 2000:
        return None
    for level, style, pattern in _MARKERS:
        m = pattern.match(text)
        if not m:
            continue
        number = _number(m["num"])
        if number is None or number == 0:
            continue
        title = m["title"].strip()
        if style == "chinese" and (not title or _RANGE.match(title)):
            continue
        cut = title.find("。")
        lead = m.end("lead") if "lead" in pattern.groupindex else len(text) - len(text.lstrip())
        marker = text[lead : m.start("title")].strip() if m.start("title") > m.start("num") else m["num"]
        return Heading(index, level, style, number, marker, title[: cut + 1] if cut >= 0 else title, lead)
    return None


def build_outline(paragraphs: Sequence[Paragraph]) -> list[Heading]:
    headings = []
    for i, para in enumerate(paragraphs):
        heading = parse_heading(para.text, i)
        if heading is not None:
            headings.append(heading)
    return headings
