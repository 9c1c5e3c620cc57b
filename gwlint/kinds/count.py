"""A stated count that differs from the items listed after it (the `count` kind).

Checks, chosen by `check`:
- items:    an announcement such as 下面我讲三点意见 / 重点做好以下四个方面工作 / 主要有三项 followed
            by numbered items (一、二、… / (一)(二)… / 1. 2. … / 一是、二是 …, in the paragraphs
            after it or in the rest of its paragraph) whose number differs from the one announced;
- articles: a collection title announcing (七篇), 【三篇】, [精选5篇], …范文两篇 over a file that
            holds a different number of …篇一 / 第二篇 drafts (only a file of two drafts or more);
- names:    a count next to the names it counts: 指导普陀、金山、徐汇、虹口四个试点区 or
            县直单位6个(人民医院、中医院、……). Lists with 和/及/与 are skipped (one name may hold a 和:
            城市更新和安全韧性提升), as are names with numbers in them; after 等 only a list longer
            than its count is wrong.

Only a list that starts at 1 and runs without gaps is counted (gaps are the structure rules'
business), and a list of one item is never taken as the list announced.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from gwlint.document import Document
from gwlint.finding import Hit
from gwlint.text.numbers import find_numbers
from gwlint.text.numerals import parse_chinese_int
from gwlint.text.outline import Heading

CHECKS = ("items", "articles", "names")
_CN = "一二两三四五六七八九十"
_COUNT = rf"(?P<num>[{_CN}]{{1,3}}|\d{{1,2}})"
_MEASURE = r"(?P<measure>个方面|方面|点|项|条|个问题|件事|个部分|部分|个阶段|个环节|大类|类|大项|个重点)"
# The count must be announced: a cue word before it, and the sentence must end right after its noun.
_ANNOUNCE = regex.compile(
    rf"(?:下面|以下|如下|主要|重点|着重|着力|归纳|概括|总结|分为|包括|讲|谈|提出|汇报|报告|做好|抓好|突出|把握|强调|从)"
    rf"[^。;；!?！？]{{0,12}}?{_COUNT}{_MEASURE}(?P<noun>[\p{{Han}}]{{0,6}}?)"
    rf"(?:[:：]|。|如下[:：。]?|$)"
    # 会议共有三项议程: / 共分三个阶段: — with 共有 the colon is the announcement, so it is required.
    rf"|(?:共有|共计|共分|共)(?P<num2>[{_CN}]{{1,3}}|\d{{1,2}}){_MEASURE.replace('measure', 'measure2')}"
    rf"(?P<noun2>[\p{{Han}}]{{0,6}}?)[:：]"
)
# Inline item markers: 一是 …, 第一, …, (一) …, 1. …
_INLINE = (
    regex.compile(rf"(?:^|[。;；:：,，\s])(?P<n>[{_CN}]{{1,3}})是"),
    regex.compile(rf"(?:^|[。;；:：\s])第(?P<n>[{_CN}]{{1,3}})[,，、:：]"),
    regex.compile(rf"(?:^|[。;；:：\s])[(（](?P<n>[{_CN}]{{1,3}})[)）]"),
    regex.compile(r"(?:^|[。;；:：\s])(?P<n>\d{1,2})[.．、](?!\d)"),
)
# What _ANNOUNCE needs at the least, found far faster: a paragraph without it announces nothing.
_COUNT_CHARACTER = regex.compile(rf"[{_CN}]|\d")
# How a collection page counts its drafts at the end of a line: (通用3篇), 【三篇】, [精选5篇], 〔共8篇〕,
# …范文两篇; in the page's title also a bare …工作总结5篇.
_ARTICLE_NUM = rf"(?P<num>\d{{1,3}}|[{_CN}]{{1,3}})篇"
_ARTICLE_TITLE = regex.compile(
    rf"[(（【\[［〔][^()（）【】\[\]［］〔〕]{{0,8}}?{_ARTICLE_NUM}[)）】\]］〕]\s*$"
    rf"|(?:范文|例文|范例|范本|样文|模板|精选|通用|合集|汇编|大全|汇总|集锦)(?:共|精选)?{_ARTICLE_NUM}\s*$"
)
_TITLE_COUNT = regex.compile(rf"(?<=\p{{Han}}){_ARTICLE_NUM}\s*$")


def _number(raw: str) -> int | None:
    return int(raw) if raw.isdecimal() else parse_chinese_int(raw)


def _run(numbers: list[int]) -> int:
    """Length of the list 1, 2, 3 … at the start of `numbers`; 0 when it does not start at 1."""
    count = 0
    for n in numbers:
        if n != count + 1:
            break
        count = n
    return count


def _first_style(text: str) -> regex.Pattern[str] | None:
    """The item marker style that comes first in `text`, when its first item is number 1."""
    found = [(m.start(), pattern, m) for pattern in _INLINE if (m := pattern.search(text))]
    if not found:
        return None
    _, pattern, m = min(found, key=lambda f: f[0])
    return pattern if _number(m["n"]) == 1 else None


def _marker_count(texts: list[str], anchored: bool = False) -> int:
    """Items numbered inline (一是…二是…) in the first text and in following texts that carry the list on.

    The list is counted in the marker style that comes first; a following text continues it only
    when it opens with the next number. A list that restarts or skips a number is not counted.
    """
    style = _first_style(texts[0]) if texts else None
    if style is None or (anchored and not style.match(texts[0].lstrip())):
        return 0
    numbers = [_number(m["n"]) for m in style.finditer(texts[0])]
    for text in texts[1:]:
        m = style.match(text.lstrip())
        if m is None or _number(m["n"]) != (numbers[-1] or 0) + 1:
            break
        numbers += [_number(x["n"]) for x in style.finditer(text.lstrip())]
    count = _run([n or 0 for n in numbers])
    return count if count == len(numbers) else 0


# The closing parts of a report (存在问题, 下一步打算 …) follow the work it announces, but are not
# among the items announced (我们主要做了三个方面工作 … 四、存在的问题).
_CLOSING = regex.compile(
    r"^(?:存在的?|当前|目前|主要)?(?:问题|不足|差距|困难)|^(?:下一步|下步|下阶段|今后|明年)|^.{0,10}(?:打算|计划|建议|思路|展望)$"
)


def _heading_count(outline: list[Heading], first: Heading) -> int:
    """Consecutive headings of `first`'s style from `first` on, until a heading of higher rank."""
    count = 0
    closing_stops = not _CLOSING.search(first.title.rstrip("。"))
    for h in outline:
        if h.index < first.index:
            continue
        if h.level < first.level:
            break
        if h.style == first.style and h.level == first.level:
            if closing_stops and _CLOSING.search(h.title.rstrip("。")):
                break
            if h.number != count + 1:
                return count if h.number == 1 else 0  # a new list restarts; a gap makes it no list
            count += 1
    return count


def _listed_after(doc: Document, index: int, rest: str) -> int:
    """Items listed after an announcement that ends at `rest` in paragraph `index`."""
    following = [p.text for p in doc.paragraphs[index + 1 : index + 200] if p.text.strip()]
    if rest.strip():
        return _marker_count([rest, *following])
    nxt = next(
        (i for i in range(index + 1, min(index + 3, len(doc.paragraphs))) if doc.paragraphs[i].text.strip()), None
    )
    if nxt is None:
        return 0
    first = next((h for h in doc.outline if h.index == nxt), None)
    if first is not None and first.number == 1 and first.level > 0:
        return _heading_count(doc.outline, first)
    return _marker_count(following, anchored=True)


def _items_hits(doc: Document) -> Iterator[Hit]:
    for index, para in enumerate(doc.paragraphs):
        text = para.text
        if len(text) > 3000 or not _COUNT_CHARACTER.search(text):
            continue
        for m in _ANNOUNCE.finditer(text):
            num, noun, measure = ("num", "noun", "measure") if m["num"] else ("num2", "noun2", "measure2")
            announced = _number(m[num])
            if announced is None or announced < 2:
                continue
            listed = _listed_after(doc, index, text[m.end() :])
            if listed >= 2 and listed != announced:
                yield Hit(
                    para.start + m.start(num),
                    para.start + max(m.end(noun), m.end(measure)),
                    fields={"announced": m[num], "listed": listed},
                    data={"stated": announced, "computed": listed},
                )


def _articles_hits(doc: Document) -> Iterator[Hit]:
    articles = [h for h in doc.outline if h.style == "article"]
    if len(articles) < 2:
        return  # a single draft cut from a collection page keeps the page's title
    numbers = [h.number for h in articles]
    listed = _run(numbers)
    if listed != len(numbers):
        return
    title = next((p for p in doc.paragraphs if p.text.strip()), None)
    for para in doc.paragraphs[: articles[0].index]:
        m = _ARTICLE_TITLE.search(para.text)
        if m is None and para is title and doc.title is not None:
            m = _TITLE_COUNT.search(para.text)
        if m is None:
            continue
        announced = _number(m["num"])
        if announced is not None and announced != listed:
            yield Hit(
                para.start + m.start("num"),
                para.start + m.end("num") + 1,
                fields={"announced": m["num"], "listed": listed},
                data={"stated": announced, "computed": listed},
            )
        return


# A name in a list: no digits, no counted words (四个意识), no joining words that hide a second name.
_NAME = regex.compile(r"^[\p{Han}“”\"《》〈〉A-Za-z·]{1,20}$")
_COUNTED_WORD = regex.compile(rf"[{_CN}\d][个项类大]")
_JOINED = regex.compile(r"和|及|与|或")
# Counts of things that have names (四个试点区, 6家医院), not of events or papers (30件留言, 5次采访).
_NAME_UNITS = frozenset({"个", "家", "所", "项", "类", "种", "部分", "方面", "座", "支"})
_NAME_BOUNDARY = regex.compile(r"[,，。;；:：!?！？()（）\s]")
_INNER_BRACKETS = regex.compile(r"[(（][^()（）]*[)）]")
_NAME_END = regex.compile(r"[\p{Han}”》]")


def _names(segment: str) -> int | None:
    """How many names a 、-separated list holds, or None when it cannot be told."""
    names = segment.split("、")
    if len(names) < 3 or any(not _NAME.match(n) or _COUNTED_WORD.search(n) for n in names):
        return None
    if any(_JOINED.search(n) for n in names):
        return None
    return len(names)


def _bracket_end(text: str, start: int) -> int | None:
    """Offset of the bracket closing the one opened at `start` (nested brackets allowed)."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] in "(（":
            depth += 1
        elif text[i] in ")）":
            depth -= 1
            if depth == 0:
                return i
    return None


def _names_hits(doc: Document) -> Iterator[Hit]:
    for para in doc.paragraphs:
        text = para.text
        if "、" not in text:
            continue
        for num in find_numbers(text):
            if num.unit not in _NAME_UNITS or num.approx or num.value < 2 or num.value != int(num.value):
                continue
            if num.scale != 1 or num.decimals:
                continue
            listed = None
            etc = False
            if text[num.end : num.end + 1] in ("(", "（"):
                close = _bracket_end(text, num.end)
                if close is not None:
                    inner = text[num.end + 1 : close]
                    # Nested brackets belong to a name: 妇幼保健计划生育服务中心(妇保院).
                    flat = _INNER_BRACKETS.sub("", inner)
                    etc = flat.endswith("等")
                    listed = _names(flat.removesuffix("等"))
            else:
                head = text[: num.start]
                etc = head.endswith("等")
                head = head.removesuffix("等")
                if head.endswith("各") or not head or not _NAME_END.match(head[-1]):
                    continue
                cut = max((m.end() for m in _NAME_BOUNDARY.finditer(head)), default=0)
                listed = _names(head[cut:])
            if listed is None or listed == num.value or (etc and listed < num.value):
                continue
            yield Hit(
                para.start + num.start,
                para.start + num.end,
                fields={"announced": num.text, "listed": listed},
                data={"stated": num.value, "computed": listed},
            )


@dataclass(frozen=True)
class Options:
    check: str  # items | articles | names


class CountChecker:
    def __init__(self, options: Options) -> None:
        if options.check not in CHECKS:
            raise ValueError(f"check 应为 {'、'.join(CHECKS)} 之一")
        self.check = options.check

    def run(self, doc: Document) -> Iterator[Hit]:
        return {"items": _items_hits, "articles": _articles_hits, "names": _names_hits}[self.check](doc)


def compile(options: Options) -> CountChecker:  # noqa: A001 - the kind interface
    return CountChecker(options)
