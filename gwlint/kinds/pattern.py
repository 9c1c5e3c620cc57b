"""Pattern and phrase matching inside paragraphs (the `pattern` kind).

A hit is the span of the named group `m` when the pattern has one, else the whole match.
Hits overlapping a match of an `unless` pattern are dropped: that is how look-alikes such as
7x24小时 or 1600*1200像素 stay clean without making every pattern unreadable.

`slots` groups patterns under a name that the message can show as `{slot}` (年份、地名、人名 …):
the first group, in YAML order, whose pattern produced a hit names it. `extend` widens a hit to
its sentence or paragraph, so a trigger word can stand for the whole site note around it
without a leading `[^。]*` that would make the search quadratic. `prefilter` is a fast first pass
(a character class or a few literals): most paragraphs hold none of a rule's trigger characters, and
skipping them costs far less than trying every pattern at every position.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

from gwlint.document import Document, Paragraph
from gwlint.finding import Edit, Fix, Hit


@dataclass(frozen=True)
class Options:
    patterns: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()  # literal text, matched anywhere
    slots: dict[str, tuple[str, ...]] = field(default_factory=dict)  # slot name -> patterns
    unless: tuple[str, ...] = ()  # look-alikes that are fine
    unless_md: tuple[str, ...] = ()  # extra look-alikes in Markdown files (e.g. **重点**)
    prefilter: str = ""  # a cheap pattern every hit's paragraph contains: other paragraphs are skipped
    formats: tuple[str, ...] = ("txt", "md", "docx")
    in_tables: bool = True  # also check paragraphs inside table cells
    max_paragraph_len: int = 0  # only paragraphs up to this length (0: any)
    extend: str = "none"  # none | sentence | paragraph
    fix: str = "none"  # none | delete-match | delete-paragraph
    fix_title: str = ""
    fix_safe: str = "always"  # always | whole-paragraph (safe only when the hit is the whole paragraph) | never


FIXES = ("none", "delete-match", "delete-paragraph")
EXTENDS = ("none", "sentence", "paragraph")
FIX_SAFETY = ("always", "whole-paragraph", "never")
SENTENCE_END = "。!?！？;；"


def _alternation(patterns: tuple[str, ...]) -> regex.Pattern[str] | None:
    if not patterns:
        return None
    return regex.compile("|".join(f"(?:{p})" for p in patterns), regex.V1)


def delete_paragraph(doc: Document, para: Paragraph) -> Edit:
    """Delete the paragraph and its line end, so no empty line is left behind."""
    index = doc.paragraph_index(para.start)
    if index + 1 < len(doc.paragraphs):
        return Edit(para.start, doc.paragraphs[index + 1].start, "")
    if index > 0:
        return Edit(doc.paragraphs[index - 1].end, para.end, "")
    return Edit(para.start, para.end, "")


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to the sentence around it, closing punctuation included."""
    while start > 0 and text[start - 1] not in SENTENCE_END:
        start -= 1
    while end < len(text) and text[end - 1] not in SENTENCE_END:
        end += 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _strip_span(text: str) -> tuple[int, int]:
    start, end = 0, len(text)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class PatternChecker:
    def __init__(self, options: Options) -> None:
        for name, value, allowed in (
            ("fix", options.fix, FIXES),
            ("extend", options.extend, EXTENDS),
            ("fix_safe", options.fix_safe, FIX_SAFETY),
        ):
            if value not in allowed:
                raise ValueError(f"{name} 应为 {'、'.join(allowed)} 之一")
        if not options.patterns and not options.phrases and not options.slots:
            raise ValueError("patterns、phrases 与 slots 至少要有一项")
        self.options = options
        # Each pattern compiled alone, so a pattern's own group `m` can be found; the slot it belongs to
        # (None for plain patterns) travels with it.
        self.patterns: list[tuple[str | None, regex.Pattern[str]]] = []
        for slot, patterns in options.slots.items():
            self.patterns += [(slot, regex.compile(p, regex.V1)) for p in patterns]
        self.patterns += [(None, regex.compile(p, regex.V1)) for p in options.patterns]
        self.patterns += [(None, regex.compile(regex.escape(p))) for p in options.phrases]
        self.slot_rank = {slot: i for i, slot in enumerate(options.slots)}
        self.prefilter = regex.compile(options.prefilter, regex.V1) if options.prefilter else None
        self.unless = _alternation(options.unless)
        self.unless_md = _alternation(options.unless + options.unless_md)

    def run(self, doc: Document) -> Iterator[Hit]:
        opts = self.options
        if doc.format not in opts.formats:
            return
        unless = self.unless_md if doc.format == "md" else self.unless
        for para in doc.paragraphs:
            text = para.text
            if not text or (opts.max_paragraph_len and len(text.strip()) > opts.max_paragraph_len):
                continue
            if not opts.in_tables and para.location.table:
                continue
            if self.prefilter is not None and self.prefilter.search(text) is None:
                continue
            spans = []
            for slot, pattern in self.patterns:
                for m in pattern.finditer(text):
                    start, end = m.span("m") if "m" in pattern.groupindex and m.start("m") >= 0 else m.span()
                    if end > start:
                        spans.append((start, end, slot))
            if not spans:
                continue
            if unless is not None:
                allowed = [m.span() for m in unless.finditer(text)]
                spans = [s for s in spans if not any(a < s[1] and s[0] < b for a, b in allowed)]
            if opts.extend == "sentence":
                spans = [(*_sentence(text, s, e), slot) for s, e, slot in spans]
            elif opts.extend == "paragraph":
                spans = [(*_strip_span(text), slot) for _, _, slot in spans]
            for start, end, slot in self._merge(spans):
                fields = {"slot": slot} if slot is not None else {}
                fix = self._fix(doc, para, start, end)
                yield Hit(para.start + start, para.start + end, fields=fields, fix=fix)

    def _fix(self, doc: Document, para: Paragraph, start: int, end: int) -> Fix | None:
        opts = self.options
        if opts.fix == "none":
            return None
        whole = (start, end) == _strip_span(para.text)
        safe = opts.fix_safe == "always" or (opts.fix_safe == "whole-paragraph" and whole)
        if opts.fix == "delete-paragraph" or whole:
            # Deleting all of a paragraph's text takes its line end too, leaving no empty line.
            return Fix(opts.fix_title or "删除该段", (delete_paragraph(doc, para),), safe)
        return Fix(opts.fix_title or "删除", (Edit(para.start + start, para.start + end, ""),), safe)

    def _merge(self, spans: list[tuple[int, int, str | None]]) -> list[tuple[int, int, str | None]]:
        """Overlapping or touching hits of one rule in one paragraph become one finding, named by the first slot."""

        def rank(slot: str | None) -> int:
            return self.slot_rank.get(slot, len(self.slot_rank)) if slot is not None else len(self.slot_rank)

        merged: list[tuple[int, int, str | None]] = []
        for start, end, slot in sorted(spans, key=lambda s: (s[0], s[1])):
            if merged and start <= merged[-1][1]:
                prev = merged[-1]
                merged[-1] = (prev[0], max(end, prev[1]), min(prev[2], slot, key=rank))
            else:
                merged.append((start, end, slot))
        return merged


def compile(options: Options) -> PatternChecker:  # noqa: A001 - the kind interface
    return PatternChecker(options)
