"""Numbers in running Chinese text: value, unit, precision and approximation (3.5万人, 十二场, 约40%).

`find_numbers` reads Arabic numerals (1,234 / 3.5 / 2090), Chinese numerals (十二, 一百零五, 两千),
mixed magnitudes (3.5万, 1.2亿, 五千万), percentages (33.9%, 百分之三十) and the unit after them.
Values are normalized to the base unit (3.5万人 → 35000 人, 2.02亿元 → 202000000 元) so that parts
written in 万元 and a total written in 亿元 can be added. Every number carries its rounding
tolerance (half a unit of its last written digit) and whether it is approximate (约, 近, 余, 多,
以上, 左右 …): checks never call an approximate number inconsistent.
"""

from __future__ import annotations

import weakref
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

import regex

from gwlint.text.numerals import parse_chinese_int

if TYPE_CHECKING:
    from gwlint.document import Document

# Measure words and units, longest first when matched. Units of time are kept so that 2023年 is
# read as a date rather than a bare number, and checks skip them (see `Number.countable`).
UNITS = (
    "个百分点", "百分点", "平方公里", "平方千米", "平方米", "标准立方米", "立方米", "千瓦时", "千瓦", "兆瓦时", "兆瓦",
    "千伏安", "公顷", "公里", "千米", "毫米", "厘米",
    "公斤", "千克", "美元", "欧元", "港元", "元", "吨", "亩", "米", "克",
    "人次", "件次", "户次", "场次", "车次", "批次", "架次", "卷次", "课时", "学时",
    "个工作日", "个小时", "个月", "小时", "分钟", "工作日",
    "部分", "方面", "人", "名", "位", "件", "个", "项", "条", "份", "场", "次", "家", "所", "本", "册", "期",
    "篇", "类", "卷",
    "户", "辆", "台", "套", "张", "例", "起", "座", "栋", "间", "处", "批", "封", "部", "支", "只", "头",
    "棵", "株", "箱", "袋", "盒", "门", "节", "轮", "届", "组", "队", "幅", "首", "集", "款", "种", "块",
    "片", "段", "层", "笔", "宗", "单", "点", "分", "床",
    "年", "月", "日", "天", "周", "岁", "%", "‰", "倍",
)  # fmt: skip
TIME_UNITS = frozenset({"年", "月", "日", "天", "周", "小时", "分钟", "工作日", "岁", "个工作日", "个小时", "个月"})
# Lengths of time, which a change may shorten (由20个工作日压缩至5个工作日); 年, 月, 日 are mostly dates.
DURATION_UNITS = frozenset({"天", "小时", "个小时", "分钟", "工作日", "个工作日", "个月"})
RATE_UNITS = frozenset({"%", "‰", "个百分点", "百分点", "倍"})
MAGNITUDES = {"百万": 1_000_000, "千万": 10_000_000, "万亿": 10**12, "百": 100, "千": 1000, "万": 10_000, "亿": 10**8}

_FULLWIDTH = str.maketrans("０１２３４５６７８９．％－", "0123456789.%-")
_HAS_FULLWIDTH = regex.compile(f"[{regex.escape('０１２３４５６７８９．％－')}]")
_UNIT_RE = "|".join(regex.escape(u) for u in sorted(set(UNITS), key=len, reverse=True))
_CN = "零〇○一二两三四五六七八九十百千万亿"
# Words before a number that make it approximate or a threshold rather than a count.
_APPROX_BEFORE = regex.compile(r"(?:大约|约|将近|接近|近|逾|超过|超|多于|高于|低于|不足|不到|不少于|不低于|至少|最多)$")
_APPROX_AFTER = regex.compile(r"^(?:以上|以下|左右|上下|以内|之内|开外|余|多)")

_NUMBER = regex.compile(
    rf"""
    (?P<sign>(?<![\dA-Za-z)）%])[-−])?
    (?:
        百分之(?P<pct>\d+(?:\.\d+)?|[{_CN}]+)
      | (?P<arabic>(?<![\d.A-Za-z])(?:\d{{1,3}}(?:,\d{{3}})+(?![\d,])|\d+)(?:\.\d+)?(?![\d.]*[A-Za-z]))
        (?P<amag>百万|千万|万亿|[百千万亿])?
      | (?<![第周初{_CN}])(?P<cn>[{_CN}几]+)(?!分之)
    )
    (?P<approx>余|多)?
    (?P<mag2>(?<=余|多)[万亿])?
    (?P<unit>{_UNIT_RE})?
    """,
    regex.VERBOSE,
)
# What any number needs at the least: a digit, 百分之, or a Chinese numeral with a unit after it.
# Most paragraphs with Chinese numerals hold none (统一, 进一步): this rules them out in one search.
_MAY_HOLD_NUMBER = regex.compile(rf"\d|百分之|[{_CN}几](?:余|多)?[万亿]?(?:{_UNIT_RE})")
# A range (3-5人, 3至5人, 三到五个) is approximate at both ends.
# The "per" of a rate: one character (元/亩, 立方米/秒) or a known longer unit (元/人月, 元/平方米), so that
# the words after it (3.2万元/亩提高到…) stay out of the unit.
_PER = regex.compile(r"[/每](?:人月|人年|人日|人天|人次|平方米|立方米|公里|千米|公斤|千克|千瓦时|小时|\p{Han})")
# What a measure may be of, written after its unit: 万吨标准煤, 吨油当量, 万标准箱. Kept in the unit,
# so that 12.6万吨标准煤 and 1.2万吨标准煤 are compared as one unit and not read as a label 标准煤.
_UNIT_TAIL = regex.compile(r"标准煤|标煤|油当量|标准油|标准箱|当量")
_RANGE_NEXT = regex.compile(rf"^[-~～〜—–至到][\d{_CN}]")

_SENTENCE_END = "。!?！？"
_CLAUSE_END = ",，、;；:："
_OPEN, _CLOSE = "(（[【", ")）]】"

# A label ending in a change verb makes the number a difference (比上年减少1119人), unless the verb
# leads to a target (减少到69项, 降至5%).
_DELTA = regex.compile(
    r"(?:增加|减少|增长|下降|提高|降低|上升|回落|增产|减产|增收|减收|下滑|扩大|缩小|压减|精简|缩减|削减|压缩|缩短|"
    r"净增|净减|多|少|增|减|降|升|涨|跌)了?$"
)
_BASE = regex.compile(
    r"(?:(?:比|较|同比|环比)(?:上年|去年|上一年|上年同期|去年同期|同期|年初|上年末|上月|上季度)?(?:的)?"
    r"|(?:上年|去年|上一年|上年同期|去年同期)(?:为|是))$"
)

# What makes a number a change, and which way: a verb (减少了, 压缩) or the name of a rate of change
# (降幅为, 压缩率, 增长率). A reduction rate is (before - after) / before, never after / before.
_FALL_VERBS = "减少|下降|降低|压减|压缩|压降|精简|精减|缩减|削减|缩短|缩小|调减|节约|节省"
_FALL = regex.compile(
    rf"(?:(?:{_FALL_VERBS}|回落|净减|减收|减产|下滑|少增|少|(?<![多少])减|降|跌)了?"
    rf"|(?:降幅|减幅|跌幅|(?:{_FALL_VERBS})(?:率|幅度|比例))(?:为|达到|达|是)?)$"
)
_RISE = regex.compile(
    r"(?:(?:增加|增长|提高|上升|扩大|提升|调增|净增|增收|增产|多增|多|(?<!少)增|升|涨)了?"
    r"|(?:增幅|涨幅|(?:增加|增长|提高|上升|提升)(?:率|幅度))(?:为|达到|达|是)?)$"
)


def change_direction(label: str) -> int:
    """+1 when `label` ends in a rise (增长, 增幅为), -1 in a fall (减少了, 压缩率), 0 otherwise."""
    if _FALL.search(label):
        return -1
    if _RISE.search(label):
        return 1
    return 0


def change_verb(label: str) -> str:
    """The words at the end of `label` that make the number after it a change ("" when none)."""
    m = _FALL.search(label) or _RISE.search(label)
    return m.group() if m else ""


# What may stand before the verb of a change that has no subject of its own: 同比, 比上年, 较去年同期 …
_BARE_CHANGE = regex.compile(
    r"^(?:与|和|同)?(?:上年同期|去年同期|上年|去年|同期)相比|^(?:同比|环比)"
    r"|^(?:比|较)(?:上年同期|去年同期|上年末|年初|上年|去年|上一年|上月|上季度|同期)?(?:的)?"
)
_CHANGE_FILLERS = regex.compile(r"^(?:而|又|再|也|均|共|净|总体|整体)*$")


def change_has_subject(label: str) -> bool:
    """Does a change's clause name what changed (审批材料平均压减了), or go on with the clause before (同比增长)?"""
    rest = label[: len(label) - len(change_verb(label))]
    bare = _BARE_CHANGE.match(rest)
    return not _CHANGE_FILLERS.match(rest[bare.end() :] if bare else rest)


@dataclass(frozen=True, slots=True)
class Number:
    start: int  # span in the searched text: the numeral, its magnitude and its unit
    end: int
    value: float  # in the base unit: 3.5万人 → 35000.0
    unit: str  # base unit without magnitude (人, 元, %, 个百分点); "" when none is written
    scale: int  # the written magnitude: 1, 10_000 (万), 100_000_000 (亿) …
    decimals: int  # digits written after the decimal point
    approx: bool  # 约/近/余/多/以上/左右 … or part of a range
    text: str

    @property
    def tol(self) -> float:
        """Half a unit of the last written digit, in the base unit; exact counts have none."""
        if self.decimals:
            return 0.5 * 10.0**-self.decimals * self.scale
        return 0.5 * self.scale if self.scale > 1 else 0.0

    @property
    def is_rate(self) -> bool:
        return self.unit in RATE_UNITS

    @property
    def countable(self) -> bool:
        """A quantity that can be added up: an exact number with a unit that is neither a rate nor a time."""
        return (
            bool(self.unit)
            and not self.approx
            and self.unit not in RATE_UNITS
            and self.unit not in TIME_UNITS
            and "/" not in self.unit
            and "每" not in self.unit
        )

    def show(self, value: float | None = None) -> str:
        """This number as written, or `value` written in its magnitude, decimals and unit: 1,203人, 2.02亿元."""
        if value is None:
            return self.text
        return format_value(value, self.scale, self.decimals, self.grouped) + self.unit_text

    @property
    def grouped(self) -> bool:
        """Written with thousands separators (1,234)."""
        return "," in self.text

    @property
    def unit_text(self) -> str:
        mag = next((k for k, v in MAGNITUDES.items() if v == self.scale and k != "万亿"), "") if self.scale > 1 else ""
        return mag + self.unit


def format_value(value: float, scale: int = 1, decimals: int = 0, grouped: bool = False) -> str:
    """A value in a magnitude with fixed decimals, with thousands separators if `grouped`: 1213 → "1,213"."""
    text = f"{value / scale:{',' if grouped else ''}.{decimals}f}"
    return "0" if text in ("-0", "-0.0") else text


def _chinese_value(raw: str) -> int | None:
    # parse_chinese_int wants a digit before a leading unit: 百余万 → 一百, 千亿 → 一千亿.
    if raw[0] in "十":
        return parse_chinese_int(raw)
    if raw[0] in "百千万亿":
        raw = "一" + raw
    return parse_chinese_int(raw)


def find_numbers(text: str) -> list[Number]:
    """Every number in `text` with its unit, in order."""
    return list(_numbers(text))


@lru_cache(maxsize=4096)
def _numbers(text: str) -> tuple[Number, ...]:
    """find_numbers, cached: the total, change, count and table checks read the same paragraphs."""
    if _HAS_FULLWIDTH.search(text):  # translate() would look up every character
        text = text.translate(_FULLWIDTH)
    if not _MAY_HOLD_NUMBER.search(text):
        return ()
    out: list[Number] = []
    approx_next = False
    for m in _NUMBER.finditer(text):
        unit = m["unit"] or ""
        scale = 1
        decimals = 0
        approx = bool(m["approx"]) or approx_next
        approx_next = False
        if m["pct"] is not None:
            raw = m["pct"]
            value = float(raw) if raw[0].isdigit() else _chinese_value(raw)
            if value is None:
                continue
            decimals = len(raw.split(".")[1]) if "." in raw else 0
            if unit not in ("", "%"):
                continue
            unit = "%"
        elif m["arabic"] is not None:
            raw = m["arabic"].replace(",", "")
            value = float(raw)
            decimals = len(raw.split(".")[1]) if "." in raw else 0
            scale = MAGNITUDES[m["amag"]] if m["amag"] else 1
            if m["mag2"]:
                scale *= MAGNITUDES[m["mag2"]]
        else:
            raw = m["cn"]
            if "几" in raw:
                approx = True
                raw = raw.replace("几", "")
            if not raw:
                continue
            # A Chinese numeral is a number only with a unit after it: 一是, 三到位, 十四五 are words.
            if not unit or (len(raw) == 1 and raw in "万亿"):
                continue
            if unit == "分":
                continue  # 十分重要, 三分之一, 一分部署
            value = _chinese_value(raw)
            if value is None:
                continue
            if raw[0] in "百千万亿":
                approx = True  # 千家万户, 百余万: round or idiomatic, never a count to check
            if m["mag2"]:
                scale = MAGNITUDES[m["mag2"]]
        value = float(value) * scale
        if m["sign"]:
            value = -value
        before = text[max(0, m.start() - 4) : m.start()]
        after = text[m.end() : m.end() + 3]
        if _APPROX_BEFORE.search(before) or _APPROX_AFTER.match(after):
            approx = True
        if _RANGE_NEXT.match(text[m.end() : m.end() + 2]) and (not unit or text[m.end()] != "到"):
            approx = True
            approx_next = True
        if before.endswith("第"):
            continue  # 第3名 is a rank, not a count
        if unit == "百分点":
            unit = "个百分点"
        end = m.end()
        tail = _UNIT_TAIL.match(text, end) if unit else None
        if tail:
            unit += tail.group()
            end = tail.end()
        per = _PER.match(text, end)
        if unit and per:
            unit += per.group()  # 780元/人月, 5元/吨: a rate, never added up
            end = per.end()
        out.append(Number(m.start(), end, value, unit, scale, decimals, approx, text[m.start() : end]))
    return tuple(_shared_units(text, out))


def _shared_units(text: str, out: list[Number]) -> list[Number]:
    """30、40、30、30名: bare numbers listed with 、 before a number with a unit take that unit.

    Only plain Arabic numbers without a magnitude, before a number without one (30、40万元 may mean
    30万元 or 30元), so that the unit taken is the one the writer left out.
    """
    for i in range(len(out) - 1, 0, -1):
        last = out[i]
        if not last.unit or last.scale != 1 or out[i - 1].unit:
            continue
        k = i
        while (
            k > 0
            and not out[k - 1].unit
            and out[k - 1].scale == 1
            and out[k - 1].text.replace(".", "").replace(",", "").isdecimal()
            and text[out[k - 1].end : out[k].start] == "、"
        ):
            k -= 1
        for j in range(k, i):
            n = out[j]
            out[j] = replace(n, unit=last.unit, approx=n.approx or last.approx)
    return out


# -- numbers in context -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Item:
    """A number in its text: which sentence, inside brackets or not, its label and role."""

    num: Number
    sentence: int
    depth: int  # bracket depth
    label: str  # text from the start of its clause (or the previous number) to the number
    role: str  # value | delta | rate | base
    clause: str  # text from the start of its clause to the number, numbers included

    @property
    def start(self) -> int:
        return self.num.start

    @property
    def end(self) -> int:
        return self.num.end


@dataclass(frozen=True, slots=True)
class NumberedText:
    text: str
    items: tuple[Item, ...]
    sentence_starts: tuple[int, ...]
    depth: tuple[int, ...]  # bracket depth of every character
    # Views of these numbers that several checks read (total's lists of parts), built on first use.
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    def sentence_of(self, pos: int) -> int:
        return bisect_right(self.sentence_starts, pos) - 1


def _role(num: Number, label: str) -> str:
    if num.is_rate:
        return "rate"
    if _BASE.search(label):
        return "base"
    if _DELTA.search(label) and not label.endswith(("新增", "新增了")):
        return "delta"
    return "value"


_BRACKET = regex.compile(f"[{regex.escape(_OPEN + _CLOSE)}]")
_SENTENCE_BREAK = regex.compile(f"[{regex.escape(_SENTENCE_END)}]")


def _clause_tail(text: str, depth: tuple[int, ...], brackets: list[int], start: int, end: int, level: int) -> str:
    """The text of [start, end) at bracket depth `level` (bracketed asides dropped), from its last clause break.

    `brackets` are the offsets of the bracket characters: between two of them the depth is constant,
    so the text is cut into a few pieces rather than looked at character by character.
    """
    lo, hi = bisect_left(brackets, start), bisect_left(brackets, end)
    pieces = []
    for stop in [*brackets[lo:hi], end]:
        if start < stop and depth[start] == level:
            pieces.append(text[start:stop])
        start = stop + 1
    flat = "".join(pieces)
    cut = max(flat.rfind(ch) for ch in _CLAUSE_END)
    return flat[cut + 1 :].strip()


@lru_cache(maxsize=2048)
def numbers_in(text: str) -> NumberedText:
    """Numbers of a paragraph with their sentence, bracket depth, label and role (cached: rules share it)."""
    depth: list[int] = []
    brackets: list[int] = []
    level = 0
    for m in _BRACKET.finditer(text):  # the depth changes only at a bracket
        at = m.start()
        depth.extend([level] * (at - len(depth)))
        if text[at] in _CLOSE:
            level = max(level - 1, 0)
        depth.append(level)
        if text[at] in _OPEN:
            level += 1
        brackets.append(at)
    depth.extend([level] * (len(text) - len(depth)))
    starts = [0, *(m.end() for m in _SENTENCE_BREAK.finditer(text) if m.end() < len(text))]
    para = NumberedText(text, (), tuple(starts), tuple(depth))
    items = []
    prev_end = 0
    for num in _numbers(text):
        sentence = para.sentence_of(num.start)
        lo = max(prev_end, para.sentence_starts[sentence])
        level = para.depth[num.start]
        label = _clause_tail(text, para.depth, brackets, lo, num.start, level)
        clause = _clause_tail(text, para.depth, brackets, para.sentence_starts[sentence], num.start, level)
        items.append(Item(num, sentence, level, label, _role(num, label), clause))
        prev_end = num.end
    return NumberedText(text, tuple(items), para.sentence_starts, para.depth)


# -- the numbers of a whole document --------------------------------------------------------------

_NUMERAL = regex.compile(r"[一二两三四五六七八九十]")
# Every character str.isdigit() accepts is a decimal digit (Nd) or another number (No): ① ² ⑴ …
# (tests/test_numbers.py checks this over all of Unicode). A search for these finds the candidates.
_DIGIT_LIKE = regex.compile(r"[\d\p{No}]")


def has_digit(text: str) -> bool:
    """any(ch.isdigit() for ch in text), without a Python step per character."""
    return any(m.group().isdigit() for m in _DIGIT_LIKE.finditer(text))


class DocumentNumbers:
    """Which paragraphs of one document hold digits or numerals, and their numbers.

    Built once per document (`document_numbers`) and shared by the total and change rules, so a
    paragraph is scanned once however many of them run, and a paragraph without digits costs a
    regular-expression search, not a Python step per character.
    """

    def __init__(self, doc: Document) -> None:
        self.paragraphs = doc.paragraphs
        self.has_digit = [has_digit(p.text) for p in doc.paragraphs]
        self._numbered: dict[int, NumberedText | None] = {}
        self._with_figures: list[int] | None = None

    def numbered(self, index: int) -> NumberedText | None:
        """numbers_in() of paragraph `index`, or None when it holds no number (nothing to check then).

        Kept for the document, not only in numbers_in's bounded cache: the checks share what they
        build on it (total's part lists), so each must get the same object.
        """
        if index not in self._numbered:
            text = self.paragraphs[index].text
            self._numbered[index] = numbers_in(text) if _numbers(text) else None
        return self._numbered[index]

    def with_figures(self) -> list[int]:
        """Indexes of the paragraphs holding a digit or one of the numerals 一 to 十."""
        if self._with_figures is None:
            self._with_figures = [
                i for i, p in enumerate(self.paragraphs) if self.has_digit[i] or _NUMERAL.search(p.text)
            ]
        return self._with_figures


_DOCUMENTS: weakref.WeakKeyDictionary[Document, DocumentNumbers] = weakref.WeakKeyDictionary()


def document_numbers(doc: Document) -> DocumentNumbers:
    found = _DOCUMENTS.get(doc)
    if found is None:
        found = _DOCUMENTS[doc] = DocumentNumbers(doc)
    return found


# -- arithmetic with rounding ---------------------------------------------------------------------


def percent_fits(stated: float, decimals: int, low: float, high: float) -> bool:
    """Does a stated percentage fit a computed range, rounded or cut to the digits it is written with?"""
    unit = 10.0**-decimals
    return low - unit - 1e-9 <= stated <= high + unit + 1e-9


def ratio_range(part: float, part_tol: float, base: float, base_tol: float) -> tuple[float, float]:
    """The range of part / base in percent, each number anywhere within its rounding."""
    low_base = base - base_tol
    if low_base <= 0:
        return (float("-inf"), float("inf"))
    return ((part - part_tol) / (base + base_tol) * 100, (part + part_tol) / low_base * 100)


def growth_range(before: float, before_tol: float, after: float, after_tol: float) -> tuple[float, float]:
    """The range of (after - before) / before in percent, each number anywhere within its rounding."""
    if before - before_tol <= 0:
        return (float("-inf"), float("inf"))
    low, high = ratio_range(after, after_tol, before, before_tol)
    return (low - 100, high - 100)
