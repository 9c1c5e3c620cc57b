"""Numbers in one paragraph that contradict each other (the `total` kind).

Checks, chosen by `check`:
- parts:  a total and the sum of the parts listed after 其中 (共958份,其中A 503份、B 186份、C 268份)
          or before 合计 (A 284人、B 263人,合计547人);
- part-exceeds: one part larger than its total;
- share:  a part's percentage of its total (其中城镇1.22万人,占5.91%), and a run of shares of one
          base where one share does not fit the base the others fit (258件,占33.9%;35件,占4.34% …);
- growth: the growth of a total against the growth of its parts (a total cannot grow faster or
          slower than every one of its parts).

Every check is conservative: it needs every number from the text itself, skips approximate
numbers (约, 近, 余, 多, 以上 …), compares only numbers in one unit, allows for the rounding of
every number written, and skips lists that may overlap or leave things out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import regex

from gwlint.document import Document
from gwlint.finding import Hit
from gwlint.text.numbers import (
    Item,
    Number,
    NumberedText,
    change_direction,
    change_has_subject,
    document_numbers,
    format_value,
    numbers_in,
    percent_fits,
    ratio_range,
)
from gwlint.text.outline import Heading

CHECKS = ("parts", "part-exceeds", "share", "growth")

# Words that open a new total or a new topic: a list of parts stops before them.
# 共 as in 共计, not as in 公共, 中共 or 共同.
_GONG = r"(?<![公中])共(?![同享建产青性识鸣赢治])"
_TOTAL_WORDS = regex.compile(
    _GONG + r"|合计|总计|总数|总量|总额|总值|总产|总收入|累计|全部|各项|各类|年末|平均|人均|年均"
    r"|全年|全县|全市|全省|全区|全国|同时|此外|另外|另有"
)
# A total that is an average, a standard or a price is not the sum of anything.
_NOT_ADDITIVE = regex.compile(r"均|每|标准|价格|单价|指数|密度")
# A residual or complementary part says the list is meant to be complete.
_COMPLETE = regex.compile(r"其他|其余|其它|另|剩余|余下")
_COMPLEMENTS = (
    ("线上", "线下"),
    ("男", "女"),
    ("城镇", "乡村"),
    ("城镇", "农村"),
    ("城市", "农村"),
    ("出口", "进口"),
    ("境内", "境外"),
    ("国内", "国外"),
    ("省内", "省外"),
    ("市内", "市外"),
    ("已", "未"),
    ("公办", "民办"),
)
# Attributes of people that cut across each other: 其中党员98人、女同志60人 may overlap.
_ATTRIBUTES = tuple(
    regex.compile(p)
    for p in (
        r"男|女",
        r"党员|团员|群众|民主党派|无党派",
        r"岁|青年|老年",
        r"学历|大专|本科|硕士|博士|研究生|中专|高中以上",
        r"少数民族|汉族",
        r"职称|高级|中级|初级",
    )
)
# Separators from the lowest level to the highest: a list of parts keeps the level it starts with.
_SEPARATOR_LEVEL = {"、": 1, ",": 2, "，": 2, ";": 3, "；": 3}
# Parts that are thresholds (超10亿元的, 亿元以上, 5000万元以下) are nested, not disjoint.
_THRESHOLD = regex.compile(r"超|以上|以下|不足|不到|低于|高于|之间|达到")
# 其中 introduces the parts of the value before it; 分别 and 包括 do so only after a stated total.
_PART_MARKER = regex.compile(r"其中|分别|包括")
# 分为4个服务队: divides the number right before it into the parts after the colon.
_MARKER_OR_SPLIT = regex.compile(r"其中|分别|包括|(?P<split>分为[^。;；:：,，!?！？]{0,12}[:：])")
_SEMICOLON = regex.compile("[;；]")
_BRACKET_OPENING = regex.compile(r"[(（]\s*(?:含|包括|包含)?")
_HEAD_WORDS = regex.compile(_GONG + r"|合计|总计|总数|总量|总额|累计|全年|全部")
# A total written after its parts: 机关干部284人、基层工作人员263人,合计547人. (共有 and 累计 are
# usually a stock that includes earlier years, not the sum of the numbers before them.)
_TRAILING_TOTAL = regex.compile(
    r"^(?:以上|上述|[两二三四五六七八九十]项|各项)?(?:合计|共计|总计|一共|总共|共)(?:为|达到|达|是)?$"
)


# -- arithmetic with rounding -------------------------------------------------------------------


def _typo_like(diff: float, tol: float, step: float) -> bool:
    """Could one mistyped digit (or two swapped digits) make this difference, give or take rounding?

    Such a difference is d×10^k (1, 5, 100, 0.3) or, for swapped digits, 9m×10^k (90, 270).
    `step` is the smallest unit any of the numbers is written in.
    """
    low, high = abs(diff) - tol, abs(diff) + tol
    power = step
    while power <= high:
        for d in (*range(1, 10), *range(18, 82, 9)):
            if low - 1e-9 * power <= d * power <= high + 1e-9 * power:
                return True
        power *= 10
    return False


def _fits(rate: Item, part: Item, base: Item) -> bool:
    """Is `rate` (a percentage) part / base, allowing for the rounding of all three?"""
    if base.num.value - base.num.tol <= 0:
        return False
    low, high = ratio_range(part.num.value, part.num.tol, base.num.value, base.num.tol)
    return percent_fits(rate.num.value, rate.num.decimals, low, high)


def _pct(value: float, decimals: int) -> str:
    return format_value(value, 1, decimals) + "%"


# -- parts --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PartList:
    head: Item
    parts: tuple[Item, ...]
    nested: bool  # thresholds or other signs that parts may overlap
    marker: int  # offset of 其中


def _first_value(para: NumberedText, start: int, sentence: int) -> Item | None:
    for it in para.items:
        if it.start >= start and it.sentence == sentence and it.role == "value" and it.num.countable:
            return it
    return None


def _heads(para: NumberedText) -> Iterator[tuple[int, int, Item | None]]:
    """Each 其中 (start, end) with the total it refers to: the nearest value before it in its sentence
    in the unit of the first part after it; None when the sentence opens with 其中."""
    text = para.text
    for m in _MARKER_OR_SPLIT.finditer(text):
        pos = m.start()
        sentence = para.sentence_of(pos)
        depth = para.depth[pos]
        first = _first_value(para, m.end(), sentence)
        if first is None:
            continue
        before = [
            it
            for it in para.items
            if it.end <= pos
            and it.sentence == sentence
            and it.role == "value"
            and it.depth <= depth
            and it.num.unit == first.num.unit
        ]
        if m.group() == "其中" and not before:
            if not text[para.sentence_starts[sentence] : pos].strip(" ,\uff0c\u3001:\uff1a(\uff08"):
                yield pos, m.end(), None  # the sentence opens with 其中: its total is in the sentence before
            continue
        if not before or _SEMICOLON.search(text[before[-1].end : pos]):
            continue  # a total is not looked for across a semicolon
        head = before[-1]
        if m["split"]:
            if text[head.end : pos].strip(" ,，") or head.depth != depth:
                continue  # 分为…: only right after the number it divides (招募志愿者120名,分为4个服务队:…)
            yield pos, m.end(), head
            continue
        if m.group() != "其中" and not _HEAD_WORDS.search(head.label):
            continue  # 分别, 包括: only after a stated total
        if head.depth < depth and not text[head.end : pos].strip().startswith(("(", "（")):
            continue  # 其中 inside brackets belongs to the number right before the bracket
        yield pos, m.end(), head
    # A bracket right after a value that lists values of its unit: 13590万元(含A 3520万元、B 10070万元).
    for head in para.items:
        if head.role != "value" or not head.num.countable or text[head.end : head.end + 1] not in ("(", "（"):
            continue
        inner = _BRACKET_OPENING.match(text[head.end :])
        start = head.end + inner.end()
        if _PART_MARKER.match(text, start):
            continue  # (其中…) is read above
        values = [
            it
            for it in para.items
            if it.start >= start
            and it.depth == head.depth + 1
            and it.role == "value"
            and it.num.unit == head.num.unit
            and all(para.depth[i] > head.depth for i in range(head.end + 1, it.start))
        ]
        if len(values) >= 2:
            yield head.end + 1, start, head


def _level(text: str) -> int:
    return max((_SEPARATOR_LEVEL.get(ch, 0) for ch in text), default=0)


def part_lists(para: NumberedText) -> list[PartList]:
    """Totals with the parts listed after 其中, in one unit, stopping where a new total or topic starts.

    Four checks read them: they are kept with the paragraph's numbers and built once.
    """
    found = para.memo.get("part_lists")
    if found is None:
        found = para.memo["part_lists"] = _part_lists(para)
    return found


def _part_lists(para: NumberedText) -> list[PartList]:
    markers = list(_heads(para))
    head_ids = {id(h) for _, _, h in markers if h is not None}
    out = []
    for pos, marker_end, head in markers:
        sentence = para.sentence_of(pos)
        depth = para.depth[pos]
        after = [it for it in para.items if it.start >= marker_end and it.sentence == sentence]
        if head is None:
            # 其中 opening a sentence: the total is the only value of the parts' unit in the sentence before.
            first = next((it for it in after if it.role == "value" and it.num.countable), None)
            if first is None or sentence == 0:
                continue
            cands = [
                it
                for it in para.items
                if it.sentence == sentence - 1
                and it.role == "value"
                and it.depth == 0
                and it.num.unit == first.num.unit
            ]
            if len(cands) != 1:
                continue
            head = cands[0]
        if not head.num.countable or _NOT_ADDITIVE.search(head.label):
            continue
        parts: list[Item] = []
        nested = head.num.approx
        level = 0
        for it in after:
            if para.depth[it.start] < depth:
                break  # the bracket holding 其中 has closed
            if it.depth > depth:
                continue  # details in brackets: (其中执业医师9919人), (含…)
            between = para.text[(parts[-1].end if parts else marker_end) : it.start]
            if _PART_MARKER.search(between) or id(it) in head_ids:
                break
            if it.role != "value":
                continue
            if it.num.unit != head.num.unit:
                if it.num.countable and (not parts or between.strip()):
                    break  # a value of another unit: a new topic (but 3201户10058人 is one item)
                continue
            if _TOTAL_WORDS.search(it.clause):
                break
            if parts:
                gap = "".join(ch for i, ch in enumerate(between, parts[-1].end) if para.depth[i] == depth)
                if level and _level(gap) > level:
                    break  # 其中A 2家、B 12家,培育C 2家: the list of 、 ended at the ,
                level = level or _level(gap)
            if it.num.approx or _THRESHOLD.search(it.clause):
                nested = True
            parts.append(it)
        if parts:
            out.append(PartList(head, tuple(parts), nested, pos))
    out.extend(_trailing_totals(para, head_ids))
    return out


def _trailing_totals(para: NumberedText, head_ids: set[int]) -> Iterator[PartList]:
    """Totals written after their parts (…,合计547人), with the same-unit values before them."""
    for index, total in enumerate(para.items):
        if total.role != "value" or not total.num.countable or not _TRAILING_TOTAL.match(total.label):
            continue
        parts: list[Item] = []
        level = 0
        later = total
        for it in reversed(para.items[:index]):
            if it.sentence != total.sentence or id(it) in head_ids:
                break
            if it.depth != total.depth:
                continue
            if it.role != "value":
                continue
            if it.num.unit != total.num.unit:
                if it.num.countable:
                    break
                continue
            gap = para.text[it.end : later.start]
            if _PART_MARKER.search(gap) or _TOTAL_WORDS.search(it.clause) or (parts and level and _level(gap) > level):
                break
            if parts:
                level = level or _level(gap)
            parts.append(it)
            later = it
        if parts:
            nested = any(p.num.approx or _THRESHOLD.search(p.clause) for p in parts)
            yield PartList(total, tuple(reversed(parts)), nested, total.start)


def _overlapping(pl: PartList) -> bool:
    """Do the parts name different attributes of people (党员 and 女), which can overlap?"""
    families = {i for p in pl.parts for i, family in enumerate(_ATTRIBUTES) if family.search(p.label)}
    return len(families) > 1


def _complete(pl: PartList) -> bool:
    """Does the list say it is complete: a residual part (其他, 另) or two complementary parts?"""
    labels = [p.label for p in pl.parts]
    if any(_COMPLETE.search(label) for label in labels):
        return True
    if len(labels) == 2:
        a, b = labels
        return any((x in a and y in b) or (y in a and x in b) for x, y in _COMPLEMENTS)
    return False


# Words before a part's name: 其中垃圾治理600万元 → 垃圾治理.
_PART_LEAD = regex.compile(r"^(?:其中|分别为|分别是|分别|包括|含)?[:：,，\s]*")
_HAN_PAIR = regex.compile(r"(?=(\p{Han}{2}))")


def _sibling_titles(outline: list[Heading]) -> Iterator[list[str]]:
    """The titles of each set of sibling headings numbered 1, 2 … N under one parent."""
    groups: dict[tuple[int, int, str], list[Heading]] = {}
    parents: list[Heading] = []
    for h in outline:
        while parents and parents[-1].level >= h.level:
            parents.pop()
        groups.setdefault((parents[-1].index if parents else -1, h.level, h.style), []).append(h)
        parents.append(h)
    for group in groups.values():
        if [h.number for h in group] == list(range(1, len(group) + 1)):
            yield [h.title for h in group]


def _names_the_tasks(pl: PartList, doc: Document) -> bool:
    """Do three or more parts name, one to one, the sections of one list of headings (其中垃圾治理600万元、
    厕所改造500万元、污水治理300万元 under tasks (一) 垃圾 (二) 厕所 (三) 污水)? Then the list is the
    whole the text itself enumerates, not a selection.

    Each part is known by the two-character words of its name that no other part's name has, and
    must find them in exactly one heading of the set, a different one for each part.
    """
    names = [_PART_LEAD.sub("", p.label) for p in pl.parts]
    if len(names) < 3:
        return False
    words = [set(_HAN_PAIR.findall(name)) for name in names]
    own = [w - set().union(*(o for o in words if o is not w)) for w in words]
    for titles in _sibling_titles(doc.outline):
        if len(titles) != len(names):
            continue
        found = [[j for j, title in enumerate(titles) if any(word in title for word in mine)] for mine in own]
        if all(len(f) == 1 for f in found) and len({f[0] for f in found}) == len(names):
            return True
    return False


def _part_exceeds_hits(para: NumberedText, offset: int, doc: Document) -> Iterator[Hit]:
    for pl in part_lists(para):
        head = pl.head.num
        big = next((p for p in pl.parts if p.num.value - p.num.tol > head.value + head.tol), None)
        if big is not None:
            yield Hit(
                offset + head.start,
                offset + head.end,
                fields={"part": big.num.show(), "stated": head.show()},
                data={"stated": head.value, "computed": big.num.value, "unit": head.unit},
            )


def _parts_hits(para: NumberedText, offset: int, doc: Document) -> Iterator[Hit]:
    for pl in part_lists(para):
        head = pl.head.num
        if len(pl.parts) < 2 or pl.nested or _overlapping(pl):
            continue
        if any(p.num.value - p.num.tol > head.value + head.tol for p in pl.parts):
            continue  # total.part-exceeds says it more plainly
        total = sum(p.num.value for p in pl.parts)
        tol = head.tol + sum(p.num.tol for p in pl.parts)
        diff = total - head.value
        if abs(diff) <= tol + 1e-9 * max(abs(total), 1):
            continue
        if any(
            it.role == "value" and it.num.unit == head.unit and abs(it.num.value - total) <= it.num.tol + tol - head.tol
            for it in para.items
            if it.sentence == pl.head.sentence and it is not pl.head and it not in pl.parts
        ):
            continue  # the parts add up to another number of the sentence: the list may belong to it
        # Rounding aside, a gap one mistyped digit would make is an error; a gap of any other size
        # is more likely a list that leaves things out or counts some things twice. Parts that add
        # up to less than the total may simply leave something out: that needs exact counts or a
        # list that says it is complete.
        step = min([head.scale * 10.0**-head.decimals] + [p.num.scale * 10.0**-p.num.decimals for p in pl.parts])
        if not _typo_like(diff, tol, step):
            continue
        if diff > 0 and diff > 0.25 * head.value:
            continue
        if diff < 0 and (-diff > 0.1 * head.value or not (tol == 0 or _complete(pl) or _names_the_tasks(pl, doc))):
            continue
        digits = _decimals(head, pl.parts)
        yield Hit(
            offset + head.start,
            offset + head.end,
            fields={
                "parts": "+".join(format_value(p.num.value, head.scale, digits, head.grouped) for p in pl.parts),
                "computed": format_value(total, head.scale, digits, head.grouped) + head.unit_text,
                "stated": head.show(),
            },
            data={"stated": head.value, "computed": total, "unit": head.unit},
        )


def _decimals(head: Number, parts: tuple[Item, ...]) -> int:
    """Decimals needed to write the parts in the total's magnitude."""
    need = head.decimals
    for p in parts:
        ratio = head.scale / p.num.scale
        extra = len(str(int(ratio))) - 1 if ratio >= 1 else 0
        need = max(need, p.num.decimals + extra)
    return min(need, 6)


# -- shares -------------------------------------------------------------------------------------

# 占全县就业人员比重为 → 全县就业人员: the base a share names, once the grammar words are gone.
_SHARE = regex.compile(r"^占(?P<base>.*?)(?:的)?(?:比重|比例|比)?(?:为|达到|达|是)?$")
_BASE_FILLER = regex.compile(r"比重|比例|合计|总数|总量|总额|总人数|[的总全]|[(（][^)）]*[)）]")
# 办结率98.5%: a rate named after what was done, the share of the total that was done.
_NAMED_RATE = regex.compile(r"(?P<name>\p{Han}{2,4}?)率(?:为|达到|达|是)?$")


def _share_base(rate: Item) -> str | None:
    """The base named by 占…%: "" for a bare 占/占比, None when the rate is not a share."""
    m = _SHARE.match(rate.label)
    if rate.num.unit != "%" or m is None:
        return None
    return _BASE_FILLER.sub("", m["base"])


def _names_head(base: str, head: Item) -> bool:
    """Does the base a share names (总人口) fit the label of the total (年末常住人口)?"""
    if not base:
        return True
    return any(base[i : i + 2] in head.clause for i in range(len(base) - 1))


def _rate_after(para: NumberedText, item: Item, stop: int) -> Iterator[Item]:
    """Percentages after `item` in its clause chain, up to offset `stop`.

    Past a semicolon, a rate whose clause names what it is about (…;审批材料平均压减了40%) is not the
    rate of `item`.
    """
    for it in para.items:
        if item.end <= it.start < stop and it.sentence == item.sentence and it.depth == item.depth:
            crossed = _SEMICOLON.search(para.text, item.end, it.start)
            if crossed and change_direction(it.label) and change_has_subject(it.label):
                return
            if it.role == "rate":
                yield it
            elif it.role == "value" and it.num.countable:
                return


def _other_base_fits(para: NumberedText, rate: Item, part: Item) -> bool:
    """Is the share right for some other stated number of the same unit (a base the text means)?"""
    return any(
        it is not part and it.role == "value" and it.num.unit == part.num.unit and _fits(rate, part, it)
        for it in para.items
    )


def _share_hits(para: NumberedText, offset: int, doc: Document) -> Iterator[Hit]:
    seen: set[int] = set()
    # A part of a total, followed by its share of that total.
    for pl in part_lists(para):
        stops = [p.start for p in pl.parts[1:]] + [len(para.text)]
        for part, stop in zip(pl.parts, stops, strict=True):
            for rate in _rate_after(para, part, stop):
                base = _share_base(rate)
                if base is None or pl.head.num.approx or part.num.approx or rate.num.approx:
                    continue
                seen.add(rate.start)
                if not _names_head(base, pl.head) or _fits(rate, part, pl.head) or _other_base_fits(para, rate, part):
                    continue
                yield _share_hit(offset, part, rate, pl.head)
    # A run of shares of one base: 258件,占33.9%;35件,占4.34%;265件,占32.9% …
    run = []
    for rate in para.items:
        if rate.start in seen or _share_base(rate) != "" or rate.num.approx:
            continue
        part = next((it for it in reversed(para.items) if it.end <= rate.start), None)
        if part is None or part.role != "value" or not part.num.countable or part.num.approx:
            continue
        if para.text[part.end : rate.start].strip(",，、 ") != rate.label:
            continue
        run.append((part, rate))
    yield from _named_rate_hits(para, offset, seen)
    if len(run) < 3:
        yield from _single_share_hits(para, offset, run)
        return
    bases = [it for it in para.items if it.role == "value" and it.num.countable and not it.num.approx]
    best, best_fit = None, []
    for base in bases:
        if any(base is part for part, _ in run):
            continue
        fit = [(part, rate) for part, rate in run if part.num.unit == base.num.unit and _fits(rate, part, base)]
        if len(fit) > len(best_fit):
            best, best_fit = base, fit
    if best is None or len(best_fit) < 2:
        return
    for part, rate in run:
        if part.num.unit != best.num.unit or (part, rate) in best_fit or _other_base_fits(para, rate, part):
            continue
        if len(best_fit) > len(run) - len(best_fit):
            yield _share_hit(offset, part, rate, best)


def _single_share_hits(para: NumberedText, offset: int, run: list[tuple[Item, Item]]) -> Iterator[Hit]:
    """共培训200人,科级干部50人,占总数的25%: a share of the one stated total of its sentence."""
    for part, rate in run:
        heads = [
            it
            for it in para.items
            if it.end <= part.start
            and it.sentence == part.sentence
            and it.role == "value"
            and it.num.unit == part.num.unit
            and _HEAD_WORDS.search(it.label)
        ]
        if len(heads) != 1 or heads[0].num.approx or not heads[0].num.countable:
            continue
        if not (_fits(rate, part, heads[0]) or _other_base_fits(para, rate, part)):
            yield _share_hit(offset, part, rate, heads[0])


def _named_rate_hits(para: NumberedText, offset: int, seen: set[int]) -> Iterator[Hit]:
    """收到留言120条,已回复118条,回复率98.3%: the rate against the two numbers it is made of."""
    for index, rate in enumerate(para.items):
        m = _NAMED_RATE.search(rate.label)
        if rate.start in seen or m is None or rate.num.unit != "%" or rate.num.approx:
            continue
        if change_direction(rate.label):
            continue  # 压缩率, 增长率: a rate of change, (before - after) / before, read by total.change
        name = m["name"]
        before = [it for it in para.items[:index] if it.sentence == rate.sentence and it.depth == rate.depth]
        done = next((it for it in reversed(before) if it.role == "value" and it.num.countable), None)
        if done is None or name not in done.label or done.num.approx:
            continue
        earlier = [it for it in before if it.end <= done.start and it.role == "value" and it.num.unit == done.num.unit]
        if not earlier or name in earlier[-1].label or earlier[-1].num.approx:
            continue
        base = _rate_base(para, earlier)
        if base is not None and not base.num.approx and not _fits(rate, done, base):
            yield _share_hit(offset, done, rate, base)


def _rate_base(para: NumberedText, earlier: list[Item]) -> Item | None:
    """The base of a named rate: the stated total of its sentence, not merely the nearest number.

    排查隐患86处,其中一般隐患70处、较大隐患16处,已整改80处,整改率93.0%: the nearest number (16处)
    is a part of the list under 86处, so the base is the list's total. None when the base is ambiguous
    (two different stated totals, or a nearest number that belongs to a list whose total is unknown).
    """
    nearest = earlier[-1]
    heads = {id(pl.head): pl.head for pl in part_lists(para) if any(p is nearest for p in pl.parts)}
    if heads:
        return next(iter(heads.values())) if len(heads) == 1 else None
    if _PART_MARKER.search(para.text, para.sentence_starts[nearest.sentence], nearest.start):
        return None  # a part of some list this module could not read: its base is unclear
    stated = [it for it in earlier if _HEAD_WORDS.search(it.label)]
    if stated and stated[-1] is not nearest:
        return None  # a stated total and a nearer number: either may be meant
    return nearest


def _share_hit(offset: int, part: Item, rate: Item, base: Item) -> Hit:
    expected = part.num.value / base.num.value * 100 if base.num.value else 0.0
    digits = max(rate.num.decimals, 1)
    return Hit(
        offset + part.start,
        offset + rate.end,
        fields={"detail": f"{part.num.show()} ÷ {base.num.show()} = {_pct(expected, digits)},文中写 {rate.num.show()}"},
        data={"stated": rate.num.value, "computed": expected, "unit": "%"},
    )


# -- growth of a total and of its parts ---------------------------------------------------------

_GROWTH = regex.compile(r"(?:增长|增|提高|上升|下降|降|减少|回落|降低)了?$")


def _growth(para: NumberedText, item: Item, stop: int) -> Item | None:
    return next((r for r in _rate_after(para, item, stop) if r.num.unit == "%" and _GROWTH.search(r.label)), None)


def _signed(rate: Item) -> float:
    falls = rate.label.endswith(("下降", "降", "减少", "回落", "降低", "下降了", "减少了"))
    return -rate.num.value if falls else rate.num.value


def _growth_hits(para: NumberedText, offset: int, doc: Document) -> Iterator[Hit]:
    for pl in part_lists(para):
        head = pl.head
        if len(pl.parts) < 2 or pl.nested or head.num.approx:
            continue
        total = sum(p.num.value for p in pl.parts)
        if abs(total - head.num.value) > head.num.tol + sum(p.num.tol for p in pl.parts) + 1e-9 * total:
            continue  # the parts are not the whole: their growth says nothing about the total's
        head_rate = _growth(para, head, pl.marker)
        stops = [p.start for p in pl.parts[1:]] + [len(para.text)]
        rates = [_growth(para, p, stop) for p, stop in zip(pl.parts, stops, strict=True)]
        if head_rate is None or head_rate.num.approx or any(r is None or r.num.approx for r in rates):
            continue
        # The growth of a whole is a weighted mean of its parts' growth: it lies between them.
        values = [_signed(r) for r in rates]
        slack = 10.0**-head_rate.num.decimals + max(10.0**-r.num.decimals for r in rates)
        low, high = min(values), max(values)
        g = _signed(head_rate)
        if low - slack <= g <= high + slack:
            continue
        digits = max(r.num.decimals for r in [head_rate, *rates])
        yield Hit(
            offset + head.start,
            offset + head_rate.end,
            fields={
                "detail": f"各分项增速在 {_pct(low, digits)} 至 {_pct(high, digits)} 之间,"
                f"合计 {head.num.show()} 的增速 {_pct(g, digits)} 不可能在此范围之外"
            },
            data={"stated": g, "computed": [low, high], "unit": "%"},
        )


# -- checker ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    check: str  # parts | part-exceeds | share | growth


class TotalChecker:
    def __init__(self, options: Options) -> None:
        if options.check not in CHECKS:
            raise ValueError(f"check 应为 {'、'.join(CHECKS)} 之一")
        self.check = options.check

    def run(self, doc: Document) -> Iterator[Hit]:
        # Each check reads one paragraph's numbers; the document is there for the few that look
        # further (parts: the headings its list of parts may name).
        run = {
            "parts": _parts_hits,
            "part-exceeds": _part_exceeds_hits,
            "share": _share_hits,
            "growth": _growth_hits,
        }[self.check]
        numbers = document_numbers(doc)
        for index in numbers.with_figures():  # paragraphs with a digit or a numeral 一…十
            para = numbers.numbered(index)
            if para is not None:
                yield from run(para, doc.paragraphs[index].start, doc)
            if self.check in ("parts", "part-exceeds") and _OPENS_LIST.search(doc.paragraphs[index].text):
                yield from _list_item_hits(doc, index, run)


# A paragraph ending in 其中: whose parts follow as list items (Markdown - / * / 1. lines).
_OPENS_LIST = regex.compile(r"其中[:：]\s*$")
_LIST_ITEM = regex.compile(r"^\s*(?:[-*+•]|\d{1,2}[.、)）])\s*(?P<body>.*?)[;；。,，]?\s*$")


def _list_item_hits(doc: Document, index: int, run: Callable[..., Iterator[Hit]]) -> Iterator[Hit]:
    """共开展活动86场次,其中: followed by - 理论学习类 20场次 / - 文体活动类 35场次 …: the list items are
    the parts of the 其中. They are read as one sentence (…,其中:A 20场次、B 35场次。), and only hits
    on the total, which stands in the first paragraph, are kept."""
    first = doc.paragraphs[index]
    bodies = []
    for para in doc.paragraphs[index + 1 : index + 30]:
        m = _LIST_ITEM.match(para.text)
        if m is None:
            if para.text.strip():
                break
            continue  # blank lines between items
        bodies.append(m["body"].replace("**", ""))
    if len(bodies) < 2 or any(_SENTENCE_END.search(b) for b in bodies):
        return
    text = first.text.rstrip()
    para = numbers_in(text + "、".join(bodies) + "。")
    for hit in run(para, first.start, doc):
        if hit.start < first.start + len(text):
            yield hit


_SENTENCE_END = regex.compile(r"[。!?！？]")


def compile(options: Options) -> TotalChecker:  # noqa: A001 - the kind interface
    return TotalChecker(options)
