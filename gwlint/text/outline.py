"""Headings of a Chinese official document by level: 篇 (articles of a collection page) / 一、 / (一) / 1. / (1) / ①."""

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

# -- article headings: one draft of a collection page -----------------------------------------
# Sites number the drafts of a page in many ways: …总结篇一, …总结 第1篇, 【第一篇】, 篇1:, 范文一:,
# 精选范文3, …汇报(一). What they share is a numbered article word (篇, 第N篇, or a model-text noun
# such as 范文) either closing a title-like line or opening a line before the draft's own title.
_NUM = rf"(?P<num>[{CN}]{{1,4}}|\d{{1,3}})"
_OPEN = r"[(\uff08【\[［〔]"
_CLOSE = r"[)\uff09】\]］〕]"
# A model-text noun numbering the drafts: 范文一, 精选范文3, 【例文二】.
_MODEL = r"(?:精选|优秀|推荐|热门|参考|经典|通用|实用|最新|完整)?(?:范文|例文|范例|样文|模板)"
# The title a closing article number follows: a line of its own, not a sentence, a link or a label.
_STEM = r"(?P<title>[^。!?！？;；,，:：|｜]{2,40}?)"
# What may follow an opening article number before the draft's title.
_AFTER = rf"(?:\s*[:\uff1a、.．]\s*|\s+|(?<={_CLOSE})|$)"
_ARTICLE_CLOSE = (
    rf"\s*(?P<mark>{_OPEN}?篇{_NUM}{_CLOSE}?)",  # …总结篇一 / …总结(篇二)
    rf"\s*(?P<mark>{_OPEN}?第\s*{_NUM}\s*篇{_CLOSE}?)",  # …总结 第1篇 / …总结【第二篇】
    rf"(?P<mark>{_MODEL}\s*{_OPEN}?{_NUM}{_CLOSE}?)",  # …总结范文一 / …总结范文(2)
)
# 篇 closes 第N篇, so a title may follow at once (第2篇示例:); after 篇一 or 范文一 it takes a break, or
# "范文一篇" would read as draft 一.
_ARTICLE_OPEN = (
    (rf"(?P<mark>{_OPEN}?第\s*{_NUM}\s*篇{_CLOSE}?)", r"[:\uff1a\s]*"),  # 第2篇示例: / 【第一篇】
    (rf"(?P<mark>{_OPEN}?篇{_NUM}{_CLOSE}?)", _AFTER),  # 【篇三】… / 篇1:…
    (rf"(?P<mark>{_OPEN}?{_MODEL}\s*{_NUM}{_CLOSE}?)", _AFTER),  # 范文一:… / 精选范文3 / 【例文二】
)
# Opening forms first: in "精选范文3:" the number opens the line, it does not close a title "精选".
_ARTICLES = tuple(regex.compile(rf"^\s*{m}{after}(?P<title>.{{0,40}})$") for m, after in _ARTICLE_OPEN) + tuple(
    regex.compile(rf"^\s*{_STEM}{m}\s*[:\uff1a]?\s*$") for m in _ARTICLE_CLOSE
)
_ARTICLE_HINT = regex.compile(rf"篇|{_MODEL}")  # every article pattern needs one: a cheap first pass
# A title ending in (一), (二) … is one of a series of drafts only where the page shows the series
# (see build_outline): alone, "关于…的汇报(一)" is a report in parts, and at a line's start (一) is a
# level-2 heading.
_SERIES = regex.compile(
    rf"^\s*(?P<title>[^。!?！？;；,，:：|｜]{{1,40}}?"
    r"(?:总结|汇报|报告|述职|方案|计划|规划|讲话|讲话稿|发言|发言稿|致辞|心得|体会|简报|材料|范文|例文))"
    rf"\s*(?P<mark>[(\uff08]{_NUM}[)\uff09])\s*$"
)

# Levels 1–5 are the levels of GB/T 9704.
_MARKERS: tuple[tuple[int, str, regex.Pattern[str]], ...] = (
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


def _article(text: str, index: int, pattern: regex.Pattern[str]) -> Heading | None:
    m = pattern.match(text)
    if not m:
        return None
    number = _number(m["num"])
    if not number:
        return None
    return Heading(index, 0, "article", number, m["mark"].strip(), m["title"].strip(), m.start("mark"))


def parse_heading(text: str, index: int = 0) -> Heading | None:
    """The outline heading a paragraph starts with (or, for an article, is), if any."""
    if not text or len(text) > 2000:
        return None
    if _ARTICLE_HINT.search(text):
        for pattern in _ARTICLES:
            if (heading := _article(text, index, pattern)) is not None:
                return heading
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
        lead = m.end("lead")
        marker = text[lead : m.start("title")].strip()
        return Heading(index, level, style, number, marker, title[: cut + 1] if cut >= 0 else title, lead)
    return None


def build_outline(paragraphs: Sequence[Paragraph]) -> list[Heading]:
    """The headings of a document, with titles numbered (一), (二) … as articles where they form a series."""
    headings = []
    series = []
    for i, para in enumerate(paragraphs):
        heading = parse_heading(para.text, i)
        if heading is not None:
            headings.append(heading)
        elif len(para.text) <= 60 and (candidate := _article(para.text, i, _SERIES)) is not None:
            series.append(candidate)
    if _is_series(series):
        headings = sorted(headings + series, key=lambda h: h.index)
    return headings


def _is_series(titles: list[Heading]) -> bool:
    """Whether titles ending in (一), (二) … number the drafts of a page: two or more, counting up from one."""
    return len(titles) >= 2 and [h.number for h in titles] == list(range(1, len(titles) + 1))
