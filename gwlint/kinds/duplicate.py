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
Candidates come from an index of 4-character shingles: a paragraph is compared only with earlier
paragraphs holding its rarest shared shingles, then verified with difflib. The cost stays near
linear in the length of the draft instead of quadratic in its paragraphs. Set operations do the
bulk of the indexing in C, and a bound from the shingles two paragraphs share rules out most
candidates before difflib runs. What depends on one paragraph only (its folded words, shingles,
doubled units) is kept from one lint to the next (`Recent`): the language server lints a draft
after every edit, and all but the edited paragraphs come back.
"""

from __future__ import annotations

import operator
import weakref
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

import regex

from gwlint.document import Document, Paragraph
from gwlint.finding import Edit, Fix, Hit, Related
from gwlint.text.drafts import split_drafts
from gwlint.text.normalize import fold, fold_width

MODES = ("paragraph", "section", "doubled")
SHINGLE = 4  # characters per shingle: short enough to survive scattered edits in a 15-character paragraph
ANCHORS = 4  # rarest shared shingles whose earlier paragraphs become candidates
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
    shingles_of = _SHINGLES.lookup()
    for entries in drafts.values():
        matches.update(_matches_in(doc, entries, options.similarity, shingles_of))
    return Repeats(matches, _sections(doc, matches, numbers))


class Recent:
    """Values computed for the paragraphs of the last document, found again by key in the next.

    The language server lints a draft after every edit, and all but the edited paragraphs come
    back unchanged. Only the values one document used are kept, so memory stays within that.
    """

    _MISSING = object()

    def __init__(self, compute: Callable) -> None:
        self._compute = compute
        self._last: dict[tuple, object] = {}

    def lookup(self) -> Callable:
        """A lookup for one document; what it computes is kept for the next one."""
        last, current = self._last, {}
        self._last = current  # concurrent documents only cost each other hits

        def get(*key: Hashable):
            value = current.get(key, Recent._MISSING)
            if value is Recent._MISSING:
                value = last.get(key, Recent._MISSING)
                if value is Recent._MISSING:
                    value = self._compute(*key)
                current[key] = value
            return value

        return get


@dataclass(frozen=True, slots=True)
class Entry:
    """A paragraph as compared: its folded list number, its folded words, and whether it is a title."""

    marker: str
    body: str
    title: bool


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
    return Entry(fold(marker.group()) if marker else "", body, is_title(rest))


def shingles(body: str) -> set[str]:
    """The 4-character pieces of a folded paragraph (the whole of it when shorter)."""
    count = len(body) - SHINGLE + 1
    if count <= 1:
        return {body[:SHINGLE]}
    out: set[str] = set()
    # An itemgetter over ready-made slices cuts a window into its shingles in one C call, about
    # twice as fast as a comprehension; windows keep the number of getters small.
    for at in range(0, count, _WINDOW):
        n = min(_WINDOW, count - at)
        if n == 1:  # an itemgetter of one item returns the item, not a tuple
            out.add(body[at : at + SHINGLE])
            continue
        getter = _GETTERS.get(n)
        if getter is None:
            getter = _GETTERS[n] = operator.itemgetter(*_SLICES[:n])
        out.update(getter(body[at : at + n + SHINGLE - 1]))
    return out


_WINDOW = 128
_SLICES = [slice(k, k + SHINGLE) for k in range(_WINDOW)]
_GETTERS: dict[int, operator.itemgetter] = {}


def _matches_in(
    doc: Document, entries: dict[int, Entry], similarity: float, shingles_of: Callable[[str], set[str]]
) -> dict[int, Match]:
    """Each paragraph's best earlier match in one draft; `entries` are in document order.

    Titles and captions recur by design in slightly different words (表4 …货物运输量 / 表5 …旅客运输量,
    an attachment list naming the attachment under another number), so a title is a duplicate only
    when it is written again word for word, with the same list number.
    """
    paras = doc.paragraphs
    matches: dict[int, Match] = {}
    titles: dict[str, int] = {}
    bodies: dict[int, str] = {}
    for i, entry in entries.items():
        if not entry.title:
            bodies[i] = entry.body
            continue
        earlier = titles.setdefault(entry.marker + entry.body, i)
        if earlier != i:
            same = paras[i].text.strip() == paras[earlier].text.strip()
            matches[i] = Match(i, earlier, 1.0, SAME if same else PUNCTUATION)
    seen: dict[str, int] = {}
    grams: dict[int, set[str]] = {}  # first copies only: a repeat's postings would be its first copy's
    for i, body in bodies.items():
        earlier = seen.setdefault(body, i)
        if earlier == i:
            grams[i] = shingles_of(body)
            continue
        if paras[i].text.strip() == paras[earlier].text.strip():
            how = SAME
        else:
            how = PUNCTUATION if entries[i].marker == entries[earlier].marker else RENUMBERED
        matches[i] = Match(i, earlier, 1.0, how)
    # The rarest shingles each paragraph shares with earlier ones, its anchors. Set and Counter
    # operations run in C; a per-shingle Python loop is what long documents would pay for.
    before: set[str] = set()  # shingles of the first copies so far
    holders: Counter[str] = Counter()  # shingle → first copies holding it so far, less the first one
    anchors: dict[int, list[str]] = {}
    for i, own in grams.items():
        present = own & before
        if present:
            holders.update(present)  # counting this one as well changes no order
            # By holders, ties by the shingle itself: the order never depends on set order.
            anchors[i] = sorted(sorted(present), key=holders.__getitem__)[:ANCHORS]
        before |= own
    # Postings are needed for anchors only.
    wanted = set().union(*anchors.values())
    postings: dict[str, list[int]] = defaultdict(list)  # anchor → earlier first copies holding it
    for i, own in grams.items():
        if i in anchors:
            candidates = set().union(*[postings[g] for g in anchors[i]])
            match = _near(paras, i, candidates, entries, grams, similarity)
            if match is not None:
                matches[i] = match
        for g in own & wanted:
            postings[g].append(i)
    return matches


def _near(
    paras: Sequence[Paragraph],
    i: int,
    candidates: set[int],
    entries: dict[int, Entry],
    grams: dict[int, set[str]],
    similarity: float,
) -> Match | None:
    """The most similar earlier paragraph among those holding this one's rarest shared shingles.

    Nearly equal paragraphs under different list numbers (a) 梳理…法规… / b) 梳理…导则…) are the
    items of a parallel list, and nearly equal paragraphs with different figures (…120件 / …150件)
    state different facts in parallel wording: neither is a copy left behind.
    """
    marker, text = entries[i].marker, entries[i].body
    matcher: SequenceMatcher | None = None
    best: Match | None = None
    for j in sorted(candidates):
        other_marker, other = entries[j].marker, entries[j].body
        if marker and other_marker and marker != other_marker:
            continue
        size = len(other) + len(text)
        if 2 * min(len(other), len(text)) < similarity * size:
            continue  # lengths alone rule it out
        # difflib's ratio is 2.0 · matches / size: a bound on the matches, put in the same formula,
        # rules most pairs out before difflib runs.
        if (
            len(other) >= SHINGLE <= len(text)
            and 2.0 * _most_matches(text, other, grams[i], grams[j]) / size < similarity
        ):
            continue
        if matcher is None:
            matcher = SequenceMatcher(None, autojunk=False)
            matcher.set_seq2(text)
        matcher.set_seq1(other)
        if matcher.real_quick_ratio() < similarity or matcher.quick_ratio() < similarity:
            continue
        ratio = matcher.ratio()
        if ratio < similarity or (best is not None and ratio <= best.similarity):
            continue
        if not figures_differ(paras[j].text, paras[i].text):
            best = Match(i, j, ratio, NEAR)
    return best


def _most_matches(b: str, a: str, grams_b: set[str], grams_a: set[str]) -> int:
    """An upper bound on the characters difflib matches between `a` and `b` (each ≥ SHINGLE long).

    A shingle of `b` is also one of `a` when it lies inside a matching block. Only the shingles
    holding an unmatched character of `b` (at most 4 each) or straddling two blocks that touch in `b`
    (at most 3 each; such blocks are split by an unmatched character of `a`) can be missing from `a`:
    common ≥ |grams b| − 4·(len b − M) − 3·(len a − M), which bounds M, the matched characters.
    """
    common = len(grams_b & grams_a)
    return min(
        (common - len(grams_b) + 4 * len(b) + 3 * len(a)) // 7,
        (common - len(grams_a) + 4 * len(a) + 3 * len(b)) // 7,
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
_SHINGLES = Recent(shingles)  # sets shared between lookups: never changed in place
_DOUBLED = Recent(doubled_in)


def compile(options: Options) -> DuplicateChecker:  # noqa: A001 - the kind interface
    return DuplicateChecker(options)
