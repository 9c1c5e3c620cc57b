"""Before, after and change that do not agree (the `change` kind).

A change statement gives a later value, an earlier one and one or more changes (an amount, a
percentage, percentage points, a rate of reduction such as 压缩率), in any order within a sentence:
- from-to:     由382项调整为69项,减少313项 / 较上年增长15.6%,由去年的450万元增加到540万元;
- compared:    受理859件,较上年的979件减少120件 / 32万条,同比增长8.5%,较去年的28万条增加4万条 /
               投入1,286万元,同比增长12.4%(上年为1,144万元);
- amount-rate: 收入17.9亿元,比上年增收1.4亿元,增长8.6% / 收入17.9亿元,增长8.6%,增收1.4亿元.

A change is read with the values it stands next to only while nothing else comes between: a clause
with a subject of its own (…减少36项;审批材料平均压减了40%) speaks of something else, and so does a
change from another base (比年初 against 比上年). The rounding of every number written is allowed
for; approximate numbers are never compared.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from gwlint.document import Document
from gwlint.finding import Hit
from gwlint.text.numbers import (
    DURATION_UNITS,
    RATE_UNITS,
    TIME_UNITS,
    Item,
    Number,
    NumberedText,
    change_direction,
    change_has_subject,
    change_verb,
    document_numbers,
    format_value,
    growth_range,
    percent_fits,
)

FORMS = ("from-to", "compared", "amount-rate")

# 由(2022年的|原来的)X …为(2023年的)Y: dates and "the former" may stand between the words and the numbers.
_DATE = r"(?:\d{2,4}年(?:度|底|末|初)?(?:\d{1,2}月(?:底|末|初)?)?)?"
_FORMER = r"(?:原来的|原有的|原先的|原|年初的|去年的|上年的|上年末的|去年同期的|上年同期的|的)?(?:平均|人均)?"
_FROM_WORDS = rf"(?:由|从){_DATE}{_FORMER}"
_FROM = regex.compile(_FROM_WORDS + "$")
# A from-to that opens its clause has no subject of its own: it goes on with the clause before it.
_FROM_OPENS = regex.compile("^" + _FROM_WORDS + "$")
_TO = regex.compile(
    r"^(?:调整|减少|下降|增加|增长|提高|降低|压减|压缩|压降|缩短|精简|精减|缩减|削减|上升|扩大|缩小|提升|调减|调增"
    r"|变|降|增|升|减)?"
    rf"(?:为|到|至){_DATE}(?:现在的|目前的|年末的|年底的|今年的|现在|目前|的)?(?:平均|人均)?$"
)

_COMPARABLE = regex.compile(r"可比|口径|价格因素|实际|剔除|扣除")
# 其中减少10项、新增2项: words that make the number after them a part of the change, not the change.
_PART_OF_CHANGE = regex.compile("其中|分别|包括|其他|其余")
_BASE_WORDS = regex.compile(r"(?:比|较|上年|去年).*$")
_PERIOD = regex.compile(r"年初|上年末|上年同期|去年同期|上一年|上年|去年|上月|上季度|同比|环比|同期")
_SAME_PERIOD = dict.fromkeys(("同比", "去年", "上一年", "去年同期", "上年同期", "同期"), "上年")


def _period(label: str) -> str:
    """The base a change or an earlier value names: 年初, 上年 … ("" when none)."""
    m = _PERIOD.search(label)
    if m is None:
        return "date" if regex.search(r"\d{2,4}年", label) else ""
    return _SAME_PERIOD.get(m.group(), m.group())


def _measured(num: Number) -> bool:
    """An exact quantity a change can be computed from: a count, an amount, a length of time, or a
    quantity per something (3.2万元/亩, 150立方米/秒), which is not added up but may well change."""
    if num.approx:
        return False
    return num.countable or num.unit in DURATION_UNITS or ("/" in num.unit and num.unit.split("/")[0] not in RATE_UNITS)


def _pct(value: float, decimals: int) -> str:
    return format_value(abs(value), 1, decimals) + "%"


def _walk(para: NumberedText, index: int, step: int, opens: bool = False) -> tuple[list[Item], Item | None]:
    """The changes next to items[index] in its sentence, going forward (step 1) or back (-1) from it,
    and the number the walk stopped at when that number is not a change (None when something else
    stopped it: a bracket closing, 其中, 可比价, a change about something else).

    Asides in brackets are stepped over. A change with a subject of its own speaks of something else,
    except going back with `opens` from a clause that has none (物资储备价值增长15.6%,由450万元增加到540万元):
    there it is the subject the walk stops at.
    """
    items = para.items
    anchor = near = items[index]
    found: list[Item] = []
    i = index + step
    while 0 <= i < len(items):
        it = items[i]
        i += step
        if it.sentence != anchor.sentence:
            break
        if it.depth > anchor.depth:
            continue
        if it.depth < anchor.depth:
            return found, None
        lo, hi = (near.end, it.start) if step > 0 else (it.end, near.start)
        gap = "".join(ch for k, ch in enumerate(para.text[lo:hi], lo) if para.depth[k] <= anchor.depth)
        if _PART_OF_CHANGE.search(gap) or _COMPARABLE.search(gap):
            return found, None
        if it.role not in ("delta", "rate") or not change_direction(it.label):
            return found, it
        if it.num.approx:
            return found, None
        if change_has_subject(it.label):
            return ([*found, it] if opens else found), None
        found.append(it)
        near = it
    return found, None


def _fits_period(change: Item, earlier: str) -> bool:
    """A change from another base (比年初 against 上年的) or from an unnamed one after a date is another change."""
    period = _period(change.label)
    return not period or not earlier or period == earlier


def mismatch(before: Item, after: Item, change: Item, sign: int) -> tuple[str, float, float] | None:
    """How before → after should be described, the expected and the stated change; None when it fits."""
    b, a, c = before.num, after.num, change.num
    stated = sign * c.value
    if c.unit == b.unit == a.unit and _measured(b) and _measured(a):
        expected = a.value - b.value
        if abs(expected - stated) <= a.tol + b.tol + c.tol + 1e-9 * max(abs(expected), 1):
            return None
        return f"{'减少' if expected < 0 else '增加'} {c.show(abs(expected))}", expected, stated
    if c.unit == "%" and b.unit == a.unit and _measured(b) and _measured(a):
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
    """由X调整为Y,减少Z (or Z,由X调整为Y): (X, Y, Z, direction of Z)."""
    items = para.items
    for i, x in enumerate(items):
        if x.num.approx or (x.num.unit in TIME_UNITS and x.num.unit not in DURATION_UNITS):
            continue
        if not _FROM.search(x.clause):
            continue
        # Y is the next number, dates (由2022年的65项压减到2023年的38项) aside.
        j = next(
            (
                k
                for k in range(i + 1, len(items))
                if items[k].num.unit == x.num.unit or items[k].num.unit not in TIME_UNITS
            ),
            None,
        )
        if j is None:
            continue
        y = items[j]
        if y.sentence != x.sentence or y.depth != x.depth or y.num.approx:
            continue
        if not _TO.match(para.text[x.end : y.start].strip()):
            continue
        changes = _walk(para, j, 1)[0]
        if _FROM_OPENS.match(x.clause):
            changes += _walk(para, i, -1, opens=True)[0]
        earlier = _period(x.clause)
        for z in changes:
            if _fits_period(z, earlier):
                yield x, y, z, change_direction(z.label)


def _bracket_opening(para: NumberedText, item: Item) -> int:
    """Offset of the bracket `item` stands in."""
    pos = item.start
    while pos > 0 and para.depth[pos - 1] >= item.depth:
        pos -= 1
    return pos - 1


def compared(para: NumberedText) -> Iterator[tuple[Item, Item, Item, int]]:
    """Y,较上年的X增加Z / Y,同比增长p%,较去年的X增加Z / Y,增长p%(上年为X): (X, Y, Z, direction of Z)."""
    items = para.items
    for i, x in enumerate(items):
        if x.role != "base" or not _measured(x.num):
            continue
        before, y = _walk(para, i, -1)
        after = _walk(para, i, 1)[0]
        if x.depth and y is None and not before:
            # A base in brackets stands for the number before its bracket: 投入1,286万元,增长12.4%(上年为1,144万元).
            opening = _bracket_opening(para, x)
            k = max((k for k in range(i) if items[k].end <= opening and items[k].depth == x.depth - 1), default=None)
            outer = items[k] if k is not None else None
            if outer is not None and outer.sentence == x.sentence and not para.text[outer.end : opening].strip():
                if outer.role == "value":
                    y = outer
                elif change_direction(outer.label) and not (outer.num.approx or change_has_subject(outer.label)):
                    before, y = _walk(para, k, -1)
                    before.append(outer)
                after += _walk(para, k, 1)[0]  # 投入5.2亿元(上年为4.8亿元),增长8.3%
        if y is None or y.role != "value" or y.num.unit != x.num.unit or y.num.approx:
            continue
        earlier = _period(x.label)
        others = [
            it
            for it in items
            if it.end <= y.start and it.sentence == x.sentence and it.role == "value" and it.num.unit == x.num.unit
        ]
        for z in [*before, *after]:
            sign = change_direction(z.label)
            if not _fits_period(z, earlier):
                continue
            if any(mismatch(x, other, z, sign) is None for other in others):
                continue  # 受理120件,办结118件,较上年的100件增加20件: the change may be of an earlier number
            yield x, y, z, sign


def amount_and_rate(para: NumberedText) -> Iterator[tuple[Item, Item, Item]]:
    """Y,比上年增加Z,增长p% (or 增长p%,增加Z), and 较上年的X增加Z,增长p%: (Y or X, Z, p)."""
    if not any(it.role == "delta" for it in para.items):
        return
    for i, v in enumerate(para.items):
        if v.role not in ("value", "base") or not _measured(v.num) or v.num.approx:
            continue
        changes = _walk(para, i, 1)[0]
        z = next((c for c in changes if c.role == "delta" and c.num.unit == v.num.unit), None)
        if z is None or not _measured(z.num):
            continue
        period = _period(z.label)
        if v.role == "base":
            if not _fits_period(z, _period(v.label)):
                continue
            period = period or _period(v.label)
        for p in changes:
            if p.num.unit == "%" and _period(p.label) in ("", period):
                yield v, z, p


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
        judged: set[int] = set()  # each change is read once, with the values the fullest form gives it
        for x, y, z, sign in triples:
            if z.start in judged:
                continue
            judged.add(z.start)
            why = mismatch(x, y, z, sign)
            if why is not None:
                yield Hit(
                    off + min(x.start, y.start, z.start),
                    off + max(x.end, y.end, z.end),
                    fields={
                        "detail": f"由 {x.num.show()} 到 {y.num.show()} 应{why[0]},"
                        f"文中写{change_verb(z.label)} {z.num.show()}"
                    },
                    data={"stated": why[2], "computed": why[1], "unit": z.num.unit},
                )
        if "amount-rate" not in self.forms:
            return
        for v, z, p in amount_and_rate(para):
            if p.start in judged:
                continue
            judged.add(p.start)
            why = _rate_mismatch(v, z, p)
            if why is not None:
                yield Hit(
                    off + v.start,
                    off + max(z.end, p.end),
                    fields={"detail": f"{why[0]},文中写{change_verb(p.label)} {p.num.show()}"},
                    data={"stated": why[2], "computed": why[1], "unit": "%"},
                )


def _rate_mismatch(v: Item, z: Item, p: Item) -> tuple[str, float, float] | None:
    """A growth rate against a value and its change: Y after a change Z, or X (role base) before it."""
    sign = change_direction(z.label)
    if v.role == "base":
        before, before_tol = v.num.value, v.num.tol
        after, after_tol = before + sign * z.num.value, v.num.tol + z.num.tol
        base = _BASE_WORDS.search(v.label)
        said = f"{base.group() if base else ''}{v.num.show()},{z.label}"
    else:
        after, after_tol = v.num.value, v.num.tol
        before, before_tol = after - sign * z.num.value, v.num.tol + z.num.tol
        said = f"{v.num.show()},{z.label}"
    low, high = growth_range(before, before_tol, after, after_tol)
    stated = change_direction(p.label) * p.num.value
    if before <= 0 or percent_fits(stated, p.num.decimals, low, high):
        return None
    expected = (after - before) / before * 100
    rate = f"应{'增长' if expected >= 0 else '下降'} {_pct(expected, max(p.num.decimals, 1))}"
    return f"{said} {z.num.show()},{rate}", expected, stated


def compile(options: Options) -> ChangeChecker:  # noqa: A001 - the kind interface
    return ChangeChecker(options)
