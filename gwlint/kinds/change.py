"""Before, after and difference that do not agree (the `change` kind).

Three forms, each within one sentence:
- 由382项调整为69项,减少313项 — before, after and the change (an amount, a percentage, or
  percentage points when before and after are percentages);
- 受理859件,较上年的979件减少120件 — the current value, the earlier value and the change;
- 收入17.9亿元,比上年增收1.4亿元,增长8.6% — the current value, the change and the growth rate.

The rounding of every number written is allowed for; approximate numbers are never compared.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from gwlint.document import Document
from gwlint.finding import Hit
from gwlint.text.numbers import (
    TIME_UNITS,
    Item,
    NumberedText,
    document_numbers,
    format_value,
    growth_range,
    percent_fits,
)

FORMS = ("from-to", "compared", "amount-rate")

# 由(2022年的|原来的)X …为(2023年的)Y: dates and "the former" may stand between the words and the numbers.
_DATE = r"(?:\d{2,4}年(?:度|底|末|初)?(?:\d{1,2}月(?:底|末|初)?)?)?"
_FROM = regex.compile(
    rf"(?:由|从){_DATE}(?:原来的|原有的|原先的|原|年初的|去年的|上年的|上年末的|去年同期的|上年同期的|的)?$"
)
_TO = regex.compile(
    r"^(?:调整|减少|下降|增加|增长|提高|降低|压减|精简|精减|缩减|削减|上升|扩大|缩小|提升|调减|调增|变|降|增|升|减)?"
    rf"(?:为|到|至){_DATE}(?:现在的|目前的|年末的|年底的|今年的|现在|目前|的)?$"
)
_DECREASE = regex.compile(
    r"(?:(?:减少|下降|降低|压减|精简|精减|缩减|削减|回落|缩小|调减|净减|减收|减产|下滑|少|减|降|跌)了?"
    r"|(?:降幅|减幅|跌幅)(?:为|达到|达|是)?)$"
)
_INCREASE = regex.compile(
    r"(?:(?:增加|增长|提高|上升|扩大|提升|调增|净增|增收|增产|多|增|升|涨)了?|(?:增幅|涨幅)(?:为|达到|达|是)?)$"
)


_COMPARABLE = regex.compile(r"可比|口径|价格因素|实际|剔除|扣除")
# 其中减少10项、新增2项: words that make the number after them a part of the change, not the change.
_PART_OF_CHANGE = regex.compile("其中|分别|包括|其他|其余")


_PERIOD = regex.compile(r"(?:比|较)(年初|上年末|上年同期|去年同期|上年|去年|上一年|上月|上季度|同期)|(同比|环比)")


def _period(label: str) -> str:
    """The base a change is measured from: 年初, 上年 … ("" when the label names none)."""
    m = _PERIOD.search(label)
    if m is None:
        return ""
    period = m.group(1) or m.group(2)
    return {
        "同比": "上年",
        "去年": "上年",
        "上一年": "上年",
        "去年同期": "上年",
        "上年同期": "上年",
        "同期": "上年",
    }.get(period, period)


def direction(label: str) -> int:
    """+1 for a rise, -1 for a fall, 0 when the label ends in no change verb."""
    if _DECREASE.search(label):
        return -1
    if _INCREASE.search(label):
        return 1
    return 0


def _verb(label: str) -> str:
    m = _DECREASE.search(label) or _INCREASE.search(label)
    return m.group() if m else ""


def _next(para: NumberedText, item: Item, values_only: bool = False) -> Item | None:
    """The number right after `item` in its sentence, at its bracket depth (skipping dates if `values_only`)."""
    for it in para.items:
        if it.start >= item.end and it.sentence == item.sentence:
            if values_only and it.num.unit in TIME_UNITS:
                continue
            return it if it.depth == item.depth else None
    return None


def _previous(para: NumberedText, item: Item) -> Item | None:
    found = None
    for it in para.items:
        if it.end <= item.start and it.sentence == item.sentence:
            found = it
    return found if found is not None and found.depth == item.depth else None


def _pct(value: float, decimals: int) -> str:
    return format_value(abs(value), 1, decimals) + "%"


def mismatch(before: Item, after: Item, change: Item, sign: int) -> tuple[str, float, float] | None:
    """How before → after should be described, the expected and the stated change; None when it fits."""
    b, a, c = before.num, after.num, change.num
    stated = sign * c.value
    if c.unit == b.unit == a.unit and b.countable and a.countable:
        expected = a.value - b.value
        if abs(expected - stated) <= a.tol + b.tol + c.tol + 1e-9 * max(abs(expected), 1):
            return None
        return f"{'减少' if expected < 0 else '增加'} {c.show(abs(expected))}", expected, stated
    if c.unit == "%" and b.unit == a.unit and b.countable and a.countable:
        low, high = growth_range(b.value, b.tol, a.value, a.tol)
        if percent_fits(stated, c.decimals, low, high):
            return None
        expected = (a.value - b.value) / b.value * 100 if b.value else 0.0
        return f"{'下降' if expected < 0 else '增长'} {_pct(expected, max(c.decimals, 1))}", expected, stated
    if b.unit == a.unit == "%" and c.unit in ("个百分点", "%") and not (b.approx or a.approx):
        points = a.value - b.value
        if abs(points - stated) <= a.tol + b.tol + c.tol + 1e-9:
            return None
        if c.unit == "%" and percent_fits(stated, c.decimals, *growth_range(b.value, b.tol, a.value, a.tol)):
            return None  # 由20%提高到30%,提高50%: read as a relative change, it is right
        digits = max(a.decimals, b.decimals)
        return f"{'下降' if points < 0 else '提高'} {format_value(abs(points), 1, digits)}个百分点", points, stated
    return None


def from_to(para: NumberedText) -> Iterator[tuple[Item, Item, Item, int]]:
    """由X调整为Y,减少Z: (X, Y, Z, direction of Z)."""
    for x in para.items:
        if not _FROM.search(x.clause):
            continue
        y = _next(para, x, values_only=True)
        if y is None or not _TO.match(para.text[x.end : y.start].strip()):
            continue
        z = _next(para, y)
        if z is None or _PART_OF_CHANGE.search(para.text[y.end : z.start]):
            continue  # 其中减少10项、新增2项: a part of the change, not the change
        sign = direction(z.label)
        if sign and not (x.num.approx or y.num.approx or z.num.approx):
            yield x, y, z, sign


def compared(para: NumberedText) -> Iterator[tuple[Item, Item, Item, int]]:
    """Y,较上年的X增加Z: (X, Y, Z, direction of Z)."""
    for x in para.items:
        if x.role != "base" or not x.num.countable:
            continue
        z = _next(para, x)
        y = _previous(para, x)
        if z is None or y is None or y.role != "value" or y.num.unit != x.num.unit:
            continue
        sign = direction(z.label)
        if not sign or y.num.approx or z.num.approx:
            continue
        others = [
            it
            for it in para.items
            if it.end <= y.start and it.sentence == x.sentence and it.role == "value" and it.num.unit == x.num.unit
        ]
        if any(mismatch(x, other, z, sign) is None for other in others):
            continue  # 受理120件,办结118件,较上年的100件增加20件: the change may be of an earlier number
        yield x, y, z, sign


def amount_and_rate(para: NumberedText) -> Iterator[tuple[Item, Item, Item]]:
    """Y,比上年增加Z,增长p%: (Y, Z, p)."""
    for z in para.items:
        if z.role != "delta" or not z.num.countable:
            continue
        y = _previous(para, z)
        p = _next(para, z)
        if y is None or p is None or y.role != "value" or y.num.unit != z.num.unit or p.num.unit != "%":
            continue
        if _COMPARABLE.search(para.text[z.end : p.start]):
            continue  # growth at comparable prices is not the nominal change
        if _period(p.label) not in ("", _period(z.label)):
            continue  # 比年初增加38.1亿元,比上年同期增长15.2%: two different bases
        if direction(p.label) and not (y.num.approx or p.num.approx):
            yield y, z, p


@dataclass(frozen=True)
class Options:
    forms: tuple[str, ...] = FORMS  # which of from-to, compared, amount-rate to check


class ChangeChecker:
    def __init__(self, options: Options) -> None:
        unknown = set(options.forms) - set(FORMS)
        if unknown:
            raise ValueError(f"forms 只能是 {'、'.join(FORMS)}")
        self.forms = frozenset(options.forms)

    def run(self, doc: Document) -> Iterator[Hit]:
        numbers = document_numbers(doc)
        for index, paragraph in enumerate(doc.paragraphs):
            if not numbers.has_digit[index] and "为" not in paragraph.text:
                continue
            para = numbers.numbered(index)
            if para is not None:
                yield from self._hits(para, paragraph.start)

    def _hits(self, para: NumberedText, off: int) -> Iterator[Hit]:
        triples = []
        if "from-to" in self.forms:
            triples += list(from_to(para))
        if "compared" in self.forms:
            triples += list(compared(para))
        for x, y, z, sign in triples:
            why = mismatch(x, y, z, sign)
            if why is not None:
                start, end = min(x.start, y.start), z.end
                yield Hit(
                    off + start,
                    off + end,
                    fields={
                        "detail": f"由 {x.num.show()} 到 {y.num.show()} 应{why[0]},"
                        f"文中写{_verb(z.label)} {z.num.show()}"
                    },
                    data={"stated": why[2], "computed": why[1], "unit": z.num.unit},
                )
        if "amount-rate" not in self.forms:
            return
        for y, z, p in amount_and_rate(para):
            sign = direction(z.label)
            before, before_tol = y.num.value - sign * z.num.value, y.num.tol + z.num.tol
            low, high = growth_range(before, before_tol, y.num.value, y.num.tol)
            stated = direction(p.label) * p.num.value
            if before <= 0 or percent_fits(stated, p.num.decimals, low, high):
                continue
            expected = (y.num.value - before) / before * 100
            yield Hit(
                off + y.start,
                off + p.end,
                fields={
                    "detail": f"{y.num.show()},{z.label} {z.num.show()},"
                    f"应{'增长' if expected >= 0 else '下降'} {_pct(expected, max(p.num.decimals, 1))},"
                    f"文中写{_verb(p.label)} {p.num.show()}"
                },
                data={"stated": stated, "computed": expected, "unit": "%"},
            )


def compile(options: Options) -> ChangeChecker:  # noqa: A001 - the kind interface
    return ChangeChecker(options)
