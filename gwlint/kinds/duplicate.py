"""Content repeated inside one draft (the `duplicate` kind).

Three modes, one per rule:
- `paragraph`: a paragraph repeating an earlier one exactly or nearly, compared on its letters and
  digits only (gwlint/text/normalize.py) and reported on the later copy;
- `section`: a run of consecutive paragraphs repeating an earlier run; each repeated paragraph is
  reported, all with one fix that removes the whole later run (its heading included);
- `doubled`: a sentence, clause or heading written twice back to back inside one paragraph.

What is compared: body paragraphs with at least `min_chars` Chinese characters, within one draft
of a page and one attachment (each is a document of its own); not table rows, not form labels
(活动时间:…); titles only word for word, since titles and captions recur by design.

Paragraph and section share one search, cached per document, so enabling both costs one pass.
Each paragraph keeps a sketch: the 16 smallest hashes of its 4-character shingles (all of them when
it has fewer). A near copy shares most of its shingles, so the two sketches share values too; a
paragraph is compared only with earlier paragraphs sharing its rarest sketch values or several of
them, first through a bound from the shingles the two have in common, then with difflib. Memory is
a few hundred bytes a paragraph besides the text, never a set of every shingle of the draft, and
time stays near linear in the length of the draft instead of quadratic in its paragraphs. The hash
is arithmetic on the characters, the same in every process and on every machine, so which
paragraphs are compared never depends on the run. A paragraph of more than 20,000 folded characters
(a file without line ends, not a paragraph a writer pasted twice) is matched word for word only.
What depends on one paragraph only (its sketch, its doubled units) is kept from one lint to the next
(`Recent`): the language server lints a draft after every edit, and all but the edited paragraphs
come back.
"""

from __future__ import annotations

import sys
import weakref
from array import array
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Collection, Hashable, Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import chain

import regex

from gwlint.document import Document, Paragraph
from gwlint.finding import Edit, Fix, Hit, Related
from gwlint.text.drafts import split_drafts
from gwlint.text.normalize import fold, fold_width

MODES = ("paragraph", "section", "doubled")
SHINGLE = 4  # characters per shingle: short enough to survive scattered edits in a 15-character paragraph
# Length counts Chinese characters only: a repeated URL or code line is page chrome, not a repeated paragraph.
HAN = regex.compile(r"\p{Han}")


@dataclass(frozen=True)
class Options:
    mode: str
    min_chars: int = 15  # Chinese characters a paragraph needs before it can be a duplicate
    similarity: float = 0.9  # 2·matches / (len a + len b) on the folded texts
    min_unit_chars: int = 4  # doubled: Chinese characters in the repeated sentence or clause
    labels: tuple[str, ...] = ()  # patterns a whole form line matches when it may recur (活动时间:…)
    fix_title: str = ""


# How a later paragraph repeats the first: the message and the safety of deleting it depend on it.
SAME, PUNCTUATION, RENUMBERED, NEAR = "same", "punctuation", "renumbered", "near"
HOW = {SAME: "完全相同", PUNCTUATION: "仅标点或空格不同", RENUMBERED: "仅序号不同"}


@dataclass(frozen=True, slots=True)
class Match:
    later: int  # paragraph indexes
    first: int
    similarity: float
    how: str  # SAME, PUNCTUATION, RENUMBERED or NEAR


@dataclass(frozen=True, slots=True)
class Section:
    later: tuple[int, int]  # first and last paragraph index of the later copy
    first: tuple[int, int]
    exact: bool


@dataclass(frozen=True, slots=True)
class Repeats:
    matches: dict[int, Match]
    sections: dict[int, Section]  # paragraph index of a repeated paragraph → the section it belongs to


_CACHE: weakref.WeakKeyDictionary[Document, dict[tuple, Repeats]] = weakref.WeakKeyDictionary()


# -- what may be compared ----------------------------------------------------------------------
def comparable(para: Paragraph) -> bool:
    """Body text only: table rows repeat headers and labels by design (a .txt table row holds TABs)."""
    return para.location.story == "body" and not para.location.table and "\t" not in para.text


# 附件 / 附件2 / 附件一：XX统计表 — where an attachment begins.
_ATTACHMENT = regex.compile(r"\s*附\s*件\s*[\d一二三四五六七八九十]{0,3}\s*(?:[:：].{0,60})?")


def draft_numbers(doc: Document) -> list[int]:
    """The part each paragraph belongs to; paragraphs are compared only within their part.

    A page of 篇一, 篇二 … holds drafts checked on their own, and an attachment is a document of its
    own: a slogan list or a form legitimately repeats sentences of the notice it is attached to.
    """
    numbers = [0] * len(doc.paragraphs)
    part = 0
    starts = {d.start for d in split_drafts(doc)}
    for i, para in enumerate(doc.paragraphs):
        if i in starts or _ATTACHMENT.fullmatch(para.text):
            part += 1
        numbers[i] = part
    return numbers


# -- the paragraph search ---------------------------------------------------------------------
def find_repeats(doc: Document, options: Options, labels: regex.Pattern[str] | None) -> Repeats:
    key = (options.min_chars, options.similarity, options.labels)
    per_doc = _CACHE.setdefault(doc, {})
    if key not in per_doc:
        per_doc[key] = _search(doc, options, labels)
    return per_doc[key]


def _search(doc: Document, options: Options, labels: regex.Pattern[str] | None) -> Repeats:
    drafts: dict[int, dict[int, Entry]] = defaultdict(dict)
    numbers = draft_numbers(doc)
    entry_of = _ENTRIES.lookup()
    for i, para in enumerate(doc.paragraphs):
        if not comparable(para):
            continue
        entry = entry_of(para.text, options.min_chars)
        if entry is None or (labels is not None and labels.fullmatch(para.text.strip())):
            continue
        drafts[numbers[i]][i] = entry
    matches: dict[int, Match] = {}
    for entries in drafts.values():
        matches.update(_matches_in(doc, entries, options.similarity))
    return Repeats(matches, _sections(doc, matches, numbers) if matches else {})


class Recent:
    """Values computed for the paragraphs of the last document, found again by key in the next.

    The language server lints a draft after every edit, and all but the edited paragraphs come
    back unchanged. Only the values one document used are kept, at most `limit` of them, so memory
    stays within that of one draft the size of a long report, however long the last document was.
    """

    _MISSING = object()

    def __init__(self, compute: Callable, limit: int = 10_000) -> None:
        self._compute = compute
        self._limit = limit
        self._last: dict[tuple, object] = {}

    def lookup(self) -> Callable:
        """A lookup for one document; what it computes is kept for the next one."""
        last, current, limit = self._last, {}, self._limit
        self._last = current  # concurrent documents only cost each other hits

        def get(*key: Hashable):
            value = current.get(key, Recent._MISSING)
            if value is Recent._MISSING:
                value = last.get(key, Recent._MISSING)
                if value is Recent._MISSING:
                    value = self._compute(*key)
                if len(current) < limit:
                    current[key] = value
            return value

        return get


@dataclass(frozen=True, slots=True)
class Entry:
    """A paragraph as compared: its folded list number, the measures of its folded words, its sketch.

    The folded words themselves are not kept: they would hold the text a second time, and only the
    paragraphs a comparison needs are folded again (`_Folded`).
    """

    marker: str
    size: int  # characters of its folded words
    title: bool
    sketch: bytes  # SKETCH native 64-bit numbers at most; empty for a title (titles match word for word)
    shingles: int  # distinct shingles of its folded words (at least that many, past _CHUNK); 0 for a title


# Punctuation that only running text has; a title may hold 、《》“”() and dashes but none of these.
_SENTENCE_MARKS = regex.compile(r"[,，.。!！?？;；:：]")


def is_title(rest: str) -> bool:
    """A heading or caption: short, without the punctuation of running text (`rest`: after its list number)."""
    return len(rest.strip()) <= 60 and not _SENTENCE_MARKS.search(rest)


# A list number opening a paragraph: (1) （一） 1. 1） a) 一、 ① 一是 第五条. "3.5万人" is no list number.
_LIST_MARKER = regex.compile(
    r"\s*(?:[(（]\s*(?:\d{1,3}|[a-zA-Z]|[一二三四五六七八九十]{1,3})\s*[)）]"
    r"|(?:\d{1,3}|[a-zA-Z]|[一二三四五六七八九十]{1,3})\s*(?:[)）]|[.．、](?!\d))"
    r"|[\u2460-\u2473]|[一二三四五六七八九十]{1,3}是|第[一二三四五六七八九十百零〇\d]{1,5}[条章节款项])\s*"
)


_NOT_HAN = regex.compile(r"\P{Han}+")


def _entry(text: str, min_chars: int) -> Entry | None:
    """The paragraph as compared, or None when it has fewer than `min_chars` Chinese characters.

    Its list number and its words are folded apart: （二）加强领导。 → "二", "加强领导".
    """
    marker = _LIST_MARKER.match(text)
    rest = text[marker.end() :] if marker else text
    body = fold(rest)
    # Removing the rest and measuring what is left is cheaper than a list of every Chinese character.
    if len(body) < min_chars or len(_NOT_HAN.sub("", body)) < min_chars:
        return None
    folded_marker = fold(marker.group()) if marker else ""
    if is_title(rest):
        return Entry(folded_marker, len(body), True, b"", 0)
    return Entry(folded_marker, len(body), False, *sketch(body))


def body_of(text: str) -> str:
    """The folded words of a paragraph, its list number left out: what `_entry` measures."""
    marker = _LIST_MARKER.match(text)
    return fold(text[marker.end() :] if marker else text)


# -- shingles as numbers ------------------------------------------------------------------------
# A shingle is read as one 64-bit number: four UTF-16 code units, the first in the low bits. That is
# the four characters themselves (a character outside the BMP takes two units), so equal shingles are
# equal numbers, and memoryview reads them from the encoded text without a Python loop. A big-endian
# machine swaps the bytes of each number, so that every machine reads the same numbers.
_UTF16 = "utf-16-le"
_SWAP = sys.byteorder == "big"
SKETCH = 16  # smallest shingle hashes a paragraph keeps; see _anchored for what the number buys
_MULTIPLIER = 0x9E3779B97F4A7C15  # odd, so a bijection modulo 2**64; its high bits mix every input bit
_MASK = (1 << 64) - 1
_CHUNK = 1 << 14  # shingles hashed at a time: a huge paragraph never needs all of them at once


def encoded(body: str) -> bytes:
    """The folded words as the code units shingles are read from."""
    return body.encode(_UTF16, "surrogatepass")


def _views(data: bytes, start: int = 0, stop: int | None = None) -> list[Sequence[int]]:
    """The shingles starting at code units start … stop-1 (default: all), as four views of numbers.

    A view reads every fourth shingle, one view for each starting unit modulo 4. A text no longer
    than one shingle is one shingle, padded.
    """
    if len(data) <= 2 * SHINGLE:
        out = [memoryview(data.ljust(2 * SHINGLE, b"\0")).cast("Q")]
    else:
        if stop is None:
            stop = len(data) // 2 - SHINGLE + 1
        view = memoryview(data)
        out = []
        for first in range(start, min(start + SHINGLE, stop)):
            count = (stop - first + SHINGLE - 1) // SHINGLE
            out.append(view[2 * first : 2 * first + 2 * SHINGLE * count].cast("Q"))
    return [_swapped(numbers) for numbers in out] if _SWAP else out


def _swapped(numbers: memoryview) -> array[int]:
    swapped = array("Q", numbers)
    swapped.byteswap()
    return swapped


def sketch(body: str) -> tuple[bytes, int]:
    """The SKETCH smallest shingle hashes of a folded paragraph, ascending, and its number of distinct shingles.

    All the hashes when it has fewer than SKETCH shingles. A hash is the shingle times an odd constant
    modulo 2**64: deterministic (Python's str hash is not, between processes), and as good as a
    cryptographic hash at choosing the smallest (measured against blake2b on near copies).
    """
    data = encoded(body)
    count = max(1, len(data) // 2 - SHINGLE + 1)
    best: list[int] = []
    distinct = 0
    for start in range(0, count, _CHUNK):
        words = set(chain.from_iterable(_views(data, start, min(start + _CHUNK, count))))
        distinct = max(distinct, len(words))  # a shingle may recur in another chunk: a lower bound
        best = sorted({w * _MULTIPLIER & _MASK for w in words}.union(best))[:SKETCH]
    return array("Q", best).tobytes(), distinct


def values(sketch: bytes) -> memoryview:
    """The numbers of a sketch."""
    return memoryview(sketch).cast("Q")


# -- candidates and verification -----------------------------------------------------------------
ANCHORS = 4  # rarest shared sketch values whose earlier paragraphs become candidates
RARE = 8  # holders a sketch value may have and still count towards the values a paragraph shares
EVERY_VALUE = 1 << 15  # sketch values up to which all are indexed; above, a first pass finds the repeated ones
MAX_NEAR = 20_000  # folded characters; a longer paragraph (text without line ends) is matched word for word only
_KEPT = 1 << 20  # folded code units one search keeps (2 bytes each) before it folds paragraphs anew


def _matches_in(doc: Document, entries: dict[int, Entry], similarity: float) -> dict[int, Match]:
    """Each paragraph's best earlier match in one draft; `entries` are in document order.

    Titles and captions recur by design in slightly different words (表4 …货物运输量 / 表5 …旅客运输量,
    an attachment list naming the attachment under another number), so a title is a duplicate only
    when it is written again word for word, with the same list number.
    """
    paras = doc.paragraphs
    folded = _Folded(paras)
    matches: dict[int, Match] = {}
    titles: dict[str, int] = {}
    # Equal words make equal sketches: paragraphs are grouped by sketch, then their words compared.
    seen: dict[bytes, int | list[int]] = {}
    firsts: list[int] = []  # first copies of body paragraphs: a repeat's sketch would be its first copy's
    for i, entry in entries.items():
        if entry.title:
            earlier = titles.setdefault(entry.marker + folded.body(i), i)
            if earlier != i:
                same = paras[i].text.strip() == paras[earlier].text.strip()
                matches[i] = Match(i, earlier, 1.0, SAME if same else PUNCTUATION)
            continue
        group = seen.setdefault(entry.sketch, i)
        if group != i:
            if type(group) is int:
                group = seen[entry.sketch] = [group]
            same_words = (j for j in group if entries[j].size == entry.size and folded.data(j) == folded.data(i))
            earlier = next(same_words, None)
            if earlier is not None:
                if paras[i].text.strip() == paras[earlier].text.strip():
                    how = SAME
                else:
                    how = PUNCTUATION if entry.marker == entries[earlier].marker else RENUMBERED
                matches[i] = Match(i, earlier, 1.0, how)
                continue
            group.append(i)
        if entry.size <= MAX_NEAR:
            firsts.append(i)
    del seen, titles
    for i, candidates in _anchored(firsts, entries):
        match = _near(paras, i, candidates, entries, folded, similarity)
        if match is not None:
            matches[i] = match
    return matches


def _anchored(firsts: list[int], entries: dict[int, Entry]) -> Iterator[tuple[int, set[int]]]:
    """Each paragraph sharing sketch values with earlier ones, with the earlier ones it is compared with.

    Sketches of a paragraph and its near copy miss each other only when every one of the 16 smallest
    hashes of their shingles together falls on a shingle one of them lacks: at a Jaccard similarity
    J of the two shingle sets, less often than (1 - J)**16. A copy 90% similar by difflib keeps a J of
    0.4 to 0.6 (1 in 3,500 to 1 in 2 million); in 3,000 copies edited down to 90-92%, every sketch
    shared three values or more with its first copy. The candidates are the earlier paragraphs holding
    the 4 rarest shared values, which keeps common phrases (政务公开, 进一步加强) from making every
    paragraph a candidate of every other, and any earlier paragraph sharing two values or more.

    Only values held by two sketches matter. Up to EVERY_VALUE values, all are indexed; above, a
    first pass counts the values in bit sets, so the index never holds every value of a long draft
    (it would cost some 70 bytes a value), and a value held by two sketches only leaves the index
    when the second comes.
    """
    total = sum(len(entries[i].sketch) for i in firsts) // 8
    holders_at_most = None if total <= EVERY_VALUE else _holders_at_most(entries[i].sketch for i in firsts)
    # sketch value → the earlier paragraphs holding it: one index, then a pair, then a list (most
    # values are held once or twice, and a list costs more than the pair)
    holders: dict[int, int | tuple[int, int] | list[int]] = {}
    for i in firsts:
        shared: list[tuple[int, int, Collection[int]]] = []
        for value in values(entries[i].sketch):
            most = 3 if holders_at_most is None else holders_at_most(value)
            if most == 1:
                continue
            held = holders.get(value)
            if held is None:
                holders[value] = i
            elif type(held) is int:
                shared.append((1, value, (held,)))
                if most == 2:
                    del holders[value]  # no third paragraph holds it
                else:
                    holders[value] = (held, i)
            elif type(held) is tuple:
                shared.append((2, value, held))
                holders[value] = [*held, i]
            else:
                shared.append((len(held), value, held))
                held.append(i)
        if shared:
            shared.sort()  # by holders, ties by the value: never by set order
            candidates = set().union(*[held for _, _, held in shared[:ANCHORS]])
            if len(shared) > ANCHORS:
                # Rarity decides only among paragraphs sharing one value: in a long draft many share one
                # by chance, and a copy sharing two or more is a candidate however they rank.
                tally = Counter(chain.from_iterable(held for count, _, held in shared if count <= RARE))
                candidates.update(j for j, n in tally.items() if n > 1)
            candidates.discard(i)  # a list holds this paragraph by now
            yield i, candidates


def _holders_at_most(sketches: Iterator[bytes]) -> Callable[[int], int]:
    """For a value, how many of the sketches hold it at most: 1, 2, or 3 for three or more.

    Three bit sets with 16 bits a value count the values of each bit (once, twice, three times or
    more): a value's count is at most its bit's, which another value shares 1 time in 16 at most.
    The bit is taken from the value mixed again: sketch values are the smallest hashes, so their own
    high bits are mostly zero.
    """
    sketches = list(sketches)
    bits = max(6, (2 * sum(map(len, sketches))).bit_length())  # 16 bits for each 8-byte value
    shift = 64 - bits
    once, twice, more = (bytearray(1 << (bits - 3)) for _ in range(3))
    for sketch in sketches:
        for value in values(sketch):
            slot = (value * _MULTIPLIER & _MASK) >> shift
            byte, bit = slot >> 3, 1 << (slot & 7)
            if not once[byte] & bit:
                once[byte] |= bit
            elif not twice[byte] & bit:
                twice[byte] |= bit
            else:
                more[byte] |= bit
    del once

    def holders_at_most(value: int) -> int:
        slot = (value * _MULTIPLIER & _MASK) >> shift
        byte, bit = slot >> 3, 1 << (slot & 7)
        return 3 if more[byte] & bit else 2 if twice[byte] & bit else 1

    return holders_at_most


class _Folded:
    """The folded words of the paragraphs one search compares, the most recently used kept.

    A paragraph is compared with a handful of others, so keeping the last _KEPT code units saves
    most folding while memory stays bounded however long the draft.
    """

    def __init__(self, paras: Sequence[Paragraph]) -> None:
        self._paras = paras
        self._kept: OrderedDict[int, bytes] = OrderedDict()
        self._size = 0

    def data(self, i: int) -> bytes:
        """The folded words as UTF-16 (`encoded`)."""
        data = self._kept.get(i)
        if data is not None:
            self._kept.move_to_end(i)
            return data
        data = self._kept[i] = encoded(body_of(self._paras[i].text))
        self._size += len(data)
        while self._size > 2 * _KEPT and len(self._kept) > 1:
            self._size -= len(self._kept.popitem(last=False)[1])
        return data

    def body(self, i: int) -> str:
        return self.data(i).decode(_UTF16, "surrogatepass")


def _near(
    paras: Sequence[Paragraph],
    i: int,
    candidates: set[int],
    entries: dict[int, Entry],
    folded: _Folded,
    similarity: float,
) -> Match | None:
    """The most similar earlier paragraph among the candidates.

    Nearly equal paragraphs under different list numbers (a) 梳理…法规… / b) 梳理…导则…) are the
    items of a parallel list, and nearly equal paragraphs with different figures (…120件 / …150件)
    state different facts in parallel wording: neither is a copy left behind.
    """
    marker, length = entries[i].marker, entries[i].size
    data = grams = None
    matcher: SequenceMatcher | None = None
    best: Match | None = None
    for j in sorted(candidates):
        other_marker, other_length = entries[j].marker, entries[j].size
        if marker and other_marker and marker != other_marker:
            continue
        size = other_length + length
        if 2 * min(other_length, length) < similarity * size:
            continue  # lengths alone rule it out
        if data is None:
            data = folded.data(i)
            grams = set(chain.from_iterable(_views(data)))
        other = folded.data(j)
        # difflib's ratio is 2.0 · matches / size: a bound on the matches, put in the same formula,
        # rules most pairs out before difflib runs. The other's shingles are only looked up, never collected.
        units, other_units = len(data) // 2, len(other) // 2
        if other_units >= SHINGLE <= units:
            common = len(grams.intersection(chain.from_iterable(_views(other))))
            most = _most_matches(units, other_units, len(grams), entries[j].shingles, common)
            if 2.0 * most / size < similarity:
                continue
        if matcher is None:
            matcher = SequenceMatcher(None, autojunk=False)
            matcher.set_seq2(folded.body(i))
        matcher.set_seq1(folded.body(j))
        if matcher.real_quick_ratio() < similarity or matcher.quick_ratio() < similarity:
            continue
        ratio = matcher.ratio()
        if ratio < similarity or (best is not None and ratio <= best.similarity):
            continue
        if not figures_differ(paras[j].text, paras[i].text):
            best = Match(i, j, ratio, NEAR)
    return best


def _most_matches(len_b: int, len_a: int, grams_b: int, grams_a: int, common: int) -> int:
    """An upper bound on the characters difflib matches between `a` and `b` (each ≥ SHINGLE long).

    `grams_b`, `grams_a`: their distinct shingles (a lower bound will do), `common`: those they share.
    A shingle of `b` is also one of `a` when it lies inside a matching block. Only the shingles
    holding an unmatched character of `b` (at most 4 each) or straddling two blocks that touch in `b`
    (at most 3 each; such blocks are split by an unmatched character of `a`) can be missing from `a`:
    common ≥ grams b − 4·(len b − M) − 3·(len a − M), which bounds M, the matched characters.
    Lengths count UTF-16 code units, as the shingles do: a character outside the BMP is two units
    and matches as two, so the bound on units also bounds the characters.
    """
    return min(
        (common - grams_b + 4 * len_b + 3 * len_a) // 7,
        (common - grams_a + 4 * len_a + 3 * len_b) // 7,
    )


def figures_differ(first: str, later: str) -> bool:
    """Whether the two texts state some number differently (120件 / 150件, 120 / 12).

    A number in one copy facing a mask in the other (2020年 / 20xx年) is not a different figure: the
    template copy and the filled-in copy are the same paragraph. List numbers are left out.
    """
    a, b = (fold_width(t) for t in (first, later))
    a, b = (t[m.end() :] if (m := _LIST_MARKER.match(t)) else t for t in (a, b))
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        digits_a, digits_b = _has_digit(a[i1:i2]), _has_digit(b[j1:j2])
        if digits_a and digits_b:
            return True
        # A digit added or dropped next to digits the other copy keeps changes that number.
        if digits_a and j1 == j2 and _touches_digit(b, j1):
            return True
        if digits_b and i1 == i2 and _touches_digit(a, i1):
            return True
    return False


def _has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)


def _touches_digit(text: str, at: int) -> bool:
    return (at > 0 and text[at - 1].isdigit()) or (at < len(text) and text[at].isdigit())


# -- sections: runs of repeated paragraphs ------------------------------------------------------
def _sections(doc: Document, matches: dict[int, Match], numbers: list[int]) -> dict[int, Section]:
    paras = doc.paragraphs
    heads = {h.index: h for h in doc.outline}
    filled = [i for i, p in enumerate(paras) if p.text.strip()]
    position = {i: n for n, i in enumerate(filled)}

    def step(i: int, by: int) -> int | None:
        n = position[i] + by
        return filled[n] if 0 <= n < len(filled) else None

    def same_short(a: int, b: int) -> bool:
        if fold(paras[a].text) == fold(paras[b].text) != "":
            return True
        ha, hb = heads.get(a), heads.get(b)  # the same heading under another number: (三)加强领导
        return ha is not None and hb is not None and ha.level == hb.level and fold(ha.title) == fold(hb.title) != ""

    sections: dict[int, Section] = {}
    for start in sorted(matches):
        if start in sections:
            continue
        later, first = [start], [matches[start].first]
        pending: list[tuple[int, int]] = []  # short paragraphs, kept only if a repeated one follows
        j, i = start, first[0]
        while True:
            j, i = step(j, 1), step(i, 1)
            if j is None or i is None or i >= start or numbers[j] != numbers[start]:
                break
            m = matches.get(j)
            if m is not None and (m.first == i or fold(paras[m.first].text) == fold(paras[i].text)):
                later += [pj for pj, _ in pending] + [j]
                first += [pi for _, pi in pending] + [i]
                pending = []
            elif m is None and same_short(j, i):
                pending.append((j, i))
            else:
                break
        repeated = sum(1 for j in later if j in matches)
        # The heading just before both copies, if it is the same heading: it goes with the section.
        j, i = step(start, -1), step(first[0], -1)
        headed = (
            j is not None
            and i is not None
            and j in heads
            and j not in matches
            and first[-1] < j
            and numbers[j] == numbers[start]
            and same_short(j, i)
        )
        if repeated < 2 and not headed:
            continue
        if headed:
            later.insert(0, j)
            first.insert(0, i)
        exact = all(paras[a].text.strip() == paras[b].text.strip() for a, b in zip(later, first, strict=True))
        section = Section((later[0], later[-1]), (first[0], first[-1]), exact)
        for j in later:
            if j in matches:
                sections[j] = section
    return sections


# -- hits -------------------------------------------------------------------------------------
def place(doc: Document, index: int) -> str:
    """第12行 in a text file, 第12段 in a Word file (its paragraph number)."""
    return f"第{doc.paragraphs[index].line}{'段' if doc.format == 'docx' else '行'}"


def place_range(doc: Document, first: int, last: int) -> str:
    a, b = doc.paragraphs[first].line, doc.paragraphs[last].line
    return f"第{a}–{b}{'段' if doc.format == 'docx' else '行'}"


def delete_paragraphs(doc: Document, first: int, last: int) -> Edit:
    """Delete paragraphs first..last with their line ends, so no empty line is left behind."""
    paras = doc.paragraphs
    if last + 1 < len(paras):
        return Edit(paras[first].start, paras[last + 1].start, "")
    if first > 0:
        return Edit(paras[first - 1].end, paras[last].end, "")
    return Edit(paras[first].start, paras[last].end, "")


class DuplicateChecker:
    def __init__(self, options: Options) -> None:
        if options.mode not in MODES:
            raise ValueError(f"mode 应为 {'、'.join(MODES)} 之一")
        if not 0.5 <= options.similarity <= 1.0:
            raise ValueError("similarity 应在 0.5 与 1 之间")
        if options.min_chars < 1 or options.min_unit_chars < 2:
            raise ValueError("min_chars 至少为 1，min_unit_chars 至少为 2")
        self.options = options
        self.labels = regex.compile("|".join(f"(?:{p})" for p in options.labels), regex.V1) if options.labels else None

    def run(self, doc: Document) -> Iterator[Hit]:
        if self.options.mode == "doubled":
            yield from self._doubled(doc)
            return
        repeats = find_repeats(doc, self.options, self.labels)
        for j in sorted(repeats.matches):
            section = repeats.sections.get(j)
            if (section is not None) == (self.options.mode == "section"):
                yield self._hit(doc, repeats.matches[j], section)

    def _hit(self, doc: Document, match: Match, section: Section | None) -> Hit:
        later, first = doc.paragraphs[match.later], doc.paragraphs[match.first]
        similarity = round(match.similarity, 3)
        if match.how == NEAR:
            similarity = min(similarity, 0.999)  # never shown as 100% when the words differ
            how = f"相似度{int(similarity * 100)}%"
        else:
            how = HOW[match.how]
        fields = {"first": place(doc, match.first), "how": how}
        data: dict = {"similarity": similarity, "first_line": first.line}
        if section is None:
            title = self.options.fix_title or "删除重复的段落"
            fix = Fix(title, (delete_paragraphs(doc, match.later, match.later),), safe=match.how == SAME)
        else:
            fields["section"] = place_range(doc, *section.later)
            fields["first_section"] = place_range(doc, *section.first)
            data["section_range"] = [doc.paragraphs[i].line for i in section.later]
            data["first_section_range"] = [doc.paragraphs[i].line for i in section.first]
            title = self.options.fix_title or "删除重复的整节"
            fix = Fix(title, (delete_paragraphs(doc, *section.later),), safe=section.exact)
        related = (Related(first.start, first.end, "首次出现"),)
        return Hit(later.start, later.end, fields=fields, data=data, related=related, fix=fix)

    def _doubled(self, doc: Document) -> Iterator[Hit]:
        minimum = self.options.min_unit_chars
        title = self.options.fix_title or "删除重复的句子"
        doubled_of = _DOUBLED.lookup()
        for para in doc.paragraphs:
            if not comparable(para) or len(para.text) < 2 * minimum:
                continue
            at = para.start
            for first_start, first_end, again, after, exact in doubled_of(para.text, minimum):
                fix = Fix(title, (Edit(at + first_end, at + after, ""),), safe=exact)
                yield Hit(
                    at + again,
                    at + after,
                    data={"similarity": 1.0, "first_line": para.line},
                    related=(Related(at + first_start, at + first_end, "首次出现"),),
                    fix=fix,
                )


def doubled_in(text: str, minimum: int) -> tuple[tuple[int, int, int, int, bool], ...]:
    """The doubled units of one paragraph, with whether the copies are equal before width folding."""
    return tuple(
        (first_start, first_end, again, after, text[first_start:first_end] == text[again:after])
        for first_start, first_end, (again, after) in doubled_units(fold_width(text), minimum)
    )


_WORD_CHAR = regex.compile(r"[\p{L}\p{N}]")
_NOT_WORD = regex.compile(r"[^\p{L}\p{N}]+")
# Two copies set apart by a run of spaces are two columns of a form (甲方签字:    乙方签字:), not a slip.
_LAYOUT_GAP = regex.compile(r"\s{2,}|\t|\u3000")
MAX_UNIT = 600  # characters; a longer repeat is a paragraph-sized one


def doubled_units(text: str, minimum: int) -> Iterator[tuple[int, int, tuple[int, int]]]:
    """Units written twice back to back: (start of the first copy, end of it, span of the second copy).

    A unit starts at the paragraph start or after punctuation or space, ends on a letter or digit,
    holds at least `minimum` Chinese characters, and its second copy follows after nothing but
    punctuation or a single space and ends where a word ends. The boundaries are what keep
    乱作为、不作为 (作为、不 twice, but from mid-word) clean. The shortest such unit wins; the
    second copy is found with str.find, so a paragraph costs about one scan per unit start.
    """
    skip = 0
    for start in _unit_starts(text):
        if start < skip:
            continue
        # A unit holds at least `minimum` characters, so its first `minimum` come again within reach;
        # one search rules out most starts before the loop below looks at every repeat of `key`.
        if text.find(text[start : start + minimum], start + 1, start + MAX_UNIT + minimum) == -1:
            continue
        key = text[start : start + 2]
        again = text.find(key, start + 1)
        while again != -1 and again - start <= MAX_UNIT:
            end = again
            while end > start and not text[end - 1].isalnum():
                end -= 1
            unit = text[start:end]
            after = again + len(unit)
            if (
                text.startswith(unit, again)
                and (after == len(text) or not text[after].isalnum())
                and len(HAN.findall(unit)) >= minimum
                and not _LAYOUT_GAP.search(text, end, again)
            ):
                yield start, end, (again, after)
                skip = after
                break
            again = text.find(key, again + 1)


def _unit_starts(text: str) -> Iterator[int]:
    """Where a letter or digit follows the paragraph start or a character that is neither.

    Found from the runs between words: a regular expression with a look-behind would be tried at
    every character.
    """
    if _WORD_CHAR.match(text):
        yield 0
    for m in _NOT_WORD.finditer(text):
        if m.end() < len(text):
            yield m.end()


_ENTRIES = Recent(_entry)
_DOUBLED = Recent(doubled_in)


def compile(options: Options) -> DuplicateChecker:  # noqa: A001 - the kind interface
    return DuplicateChecker(options)
