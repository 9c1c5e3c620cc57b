"""Brackets and quotes left unpaired within a paragraph (the `pairing` kind): 《…, “…, (…), 【….

Full- and half-width forms of one bracket pair with each other: "(…)" is balanced, and which width
to use is a punctuation question, not a structural one. These look unpaired and are not:

- a list label closed by a lone bracket: "1)", "a)", "一)" at the start of a clause;
- a quotation running over several paragraphs: by convention each of its paragraphs opens with “
  and only the last one closes it; and text broken over two lines by a scrape or a hard wrap,
  where the opener on one line finds its closer on the next;
- a look-alike typed for one side of a pair: “蒙速办", <…〉 (also a punctuation question);
- emoticons and apostrophes: ":)", "^_^)", "don’t".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from gwlint.document import Document
from gwlint.finding import Hit

# One form per bracket for matching: the full-width forms fold onto the half-width ones.
_FOLD = str.maketrans("\uff08\uff09\uff3b\uff3d\uff5b\uff5d", "()[]{}")
_WIDE = str.maketrans("()[]{}", "\uff08\uff09\uff3b\uff3d\uff5b\uff5d")
_LABEL_CLOSER = regex.compile(
    r"(?:^|(?<=[,，。;；：、]|(?<!\d):))\s*(?:\d{1,3}|[a-zA-Z]|[一二三四五六七八九十]{1,3}|[ivxIVX]{1,4}|[\u2460-\u2473])[)）\]］】]"
)
_EMOTICON = regex.compile(r"(?<![\w\u4e00-\u9fff])[:;=][-']?[()\[\]](?![\w\u4e00-\u9fff])|[(（]?\^_*\^[)）]?")
_APOSTROPHE = regex.compile(r"(?<=[A-Za-z])[‘’](?=[A-Za-z])")
# Look-alikes typed in place of one side of a pair ("“蒙速办\"", "<……〉"): they may pair with a
# bracket of the family they imitate but are never reported themselves, since "<" and the
# straight quotes also stand alone (3<5, 5'', an inch mark). Each: (family, may close, may open).
_LOOSE = {'"': ("“", True, True), "'": ("‘", True, True), "<": ("〈", False, True), ">": ("〈", True, False)}


@dataclass(frozen=True)
class Options:
    pairs: tuple[str, ...] = ()  # each an opener and its closer: "《》", "“”", "()" …


@dataclass(frozen=True)
class _Mark:
    offset: int  # absolute offset in Document.text
    char: str  # as written
    family: str  # the opener of its pair, folded: "(" for "（" and "）"
    loose: bool = False  # a look-alike, never reported


class PairingChecker:
    def __init__(self, options: Options) -> None:
        if not options.pairs or any(len(p) != 2 or p[0] == p[1] for p in options.pairs):
            raise ValueError("pairs 应为若干个两字符的开闭符号,如 “《》”")
        self.closer_of = {p[0].translate(_FOLD): p[1].translate(_FOLD) for p in options.pairs}
        self.opener_of = {c: o for o, c in self.closer_of.items()}
        self.written = {}  # folded char → the form to name in messages
        for p in options.pairs:
            self.written.setdefault(p[0].translate(_FOLD), p[0])
            self.written.setdefault(p[1].translate(_FOLD), p[1])
        self.loose = {ch: how for ch, how in _LOOSE.items() if how[0] in self.closer_of}
        watched = set(self.closer_of) | set(self.opener_of) | set(self.loose)
        watched |= {ch.translate(_WIDE) for ch in watched}
        self.watched = regex.compile("[" + "".join(regex.escape(ch) for ch in sorted(watched)) + "]")

    def run(self, doc: Document) -> Iterator[Hit]:
        carried: list[_Mark] = []  # openers left open at the end of the previous paragraph
        for para in doc.paragraphs:
            if not para.text.strip():
                continue
            openers, crossed, closers = self._unpaired(para.text, para.start)
            yield from (self._hit(mark) for mark in crossed)
            # Closers at the start of this paragraph that close what the previous one opened.
            for closer in list(closers):
                match = next((o for o in reversed(carried) if o.family == closer.family), None)
                if match is None:
                    break
                carried.remove(match)
                closers.remove(closer)
            continued = self._opens_with(para.text)
            yield from (self._hit(mark) for mark in carried if mark.family != continued)
            yield from (self._hit(mark) for mark in closers)
            carried = openers
        yield from (self._hit(mark) for mark in carried)

    def _opens_with(self, text: str) -> str | None:
        """The opener a paragraph starts with: a quotation of several paragraphs goes on."""
        first = text.lstrip()[:1].translate(_FOLD)
        return first if first in self.closer_of else None

    def _unpaired(self, text: str, base: int) -> tuple[list[_Mark], list[_Mark], list[_Mark]]:
        """Openers still open at the end, openers left open inside a pair, closers never opened."""
        stack: list[_Mark] = []
        crossed: list[_Mark] = []
        stray: list[_Mark] = []
        marks = [(m.start(), m[0]) for m in self.watched.finditer(text)]
        if not marks:
            return stack, crossed, stray
        ignored = set()
        for pattern in (_LABEL_CLOSER, _EMOTICON, _APOSTROPHE):
            for m in pattern.finditer(text):
                ignored.update(range(m.start(), m.end()))
        for i, ch in marks:
            if i in ignored:
                continue
            folded = ch.translate(_FOLD)
            if folded in self.closer_of:
                stack.append(_Mark(base + i, ch, folded))
            elif folded in self.opener_of:
                self._close(stack, crossed, stray, _Mark(base + i, ch, self.opener_of[folded]))
            elif ch in self.loose:
                family, may_close, may_open = self.loose[ch]
                mark = _Mark(base + i, ch, family, loose=True)
                if not (may_close and self._close(stack, crossed, [], mark)) and may_open:
                    stack.append(mark)
        return [m for m in stack if not m.loose], [m for m in crossed if not m.loose], stray

    @staticmethod
    def _close(stack: list[_Mark], crossed: list[_Mark], stray: list[_Mark], closer: _Mark) -> bool:
        depth = next((d for d in range(len(stack) - 1, -1, -1) if stack[d].family == closer.family), None)
        if depth is None:
            stray.append(closer)
            return False
        crossed.extend(stack[depth + 1 :])  # "《…“…》": opened inside and never closed
        del stack[depth:]
        return True

    def _hit(self, mark: _Mark) -> Hit:
        folded = mark.char.translate(_FOLD)
        partner = self.written[self.closer_of.get(folded) or self.opener_of[folded]]
        if mark.char != folded:  # name the partner in the width the writer used: "（" for "）"
            partner = partner.translate(_WIDE)
        return Hit(mark.offset, mark.offset + 1, fields={"partner": partner}, data={"partner": partner})


def compile(options: Options) -> PairingChecker:  # noqa: A001 - the kind interface
    return PairingChecker(options)
