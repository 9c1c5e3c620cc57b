"""Pattern and phrase matching inside paragraphs (the `pattern` kind).

A hit is the span of the named group `m` when the pattern has one, else the whole match.
Hits overlapping a match of an `unless` pattern are dropped: that is how look-alikes such as
7x24小时 or 1600*1200像素 stay clean without making every pattern unreadable.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from gwlint.document import Document, Paragraph
from gwlint.finding import Edit, Fix, Hit


@dataclass(frozen=True)
class Options:
    patterns: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()  # literal text, matched anywhere
    unless: tuple[str, ...] = ()  # look-alikes that are fine
    unless_md: tuple[str, ...] = ()  # extra look-alikes in Markdown files (e.g. **重点**)
    formats: tuple[str, ...] = ("txt", "md", "docx")
    max_paragraph_len: int = 0  # only paragraphs up to this length (0: any)
    fix: str = "none"  # none | delete-match | delete-paragraph
    fix_title: str = ""


FIXES = ("none", "delete-match", "delete-paragraph")


def _alternation(patterns: tuple[str, ...]) -> regex.Pattern[str] | None:
    if not patterns:
        return None
    return regex.compile("|".join(f"(?:{p})" for p in patterns), regex.V1)


def _delete_paragraph(doc: Document, para: Paragraph) -> Edit:
    """Delete the paragraph and its line end, so no empty line is left behind."""
    index = doc.paragraph_index(para.start)
    if index + 1 < len(doc.paragraphs):
        return Edit(para.start, doc.paragraphs[index + 1].start, "")
    if index > 0:
        return Edit(doc.paragraphs[index - 1].end, para.end, "")
    return Edit(para.start, para.end, "")


class PatternChecker:
    def __init__(self, options: Options) -> None:
        if options.fix not in FIXES:
            raise ValueError(f"fix 应为 {'、'.join(FIXES)} 之一")
        if not options.patterns and not options.phrases:
            raise ValueError("patterns 与 phrases 至少要有一项")
        self.options = options
        # Each pattern compiled alone too, so a pattern's own group `m` can be found.
        self.patterns = [regex.compile(p, regex.V1) for p in options.patterns]
        self.patterns += [regex.compile(regex.escape(p)) for p in options.phrases]
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
            spans = []
            for pattern in self.patterns:
                for m in pattern.finditer(text):
                    start, end = m.span("m") if "m" in pattern.groupindex and m.start("m") >= 0 else m.span()
                    if end > start:
                        spans.append((start, end))
            if not spans:
                continue
            if unless is not None:
                allowed = [m.span() for m in unless.finditer(text)]
                spans = [s for s in spans if not any(a < s[1] and s[0] < b for a, b in allowed)]
            for start, end in _merge(spans):
                yield Hit(para.start + start, para.start + end, fix=self._fix(doc, para, start, end))

    def _fix(self, doc: Document, para: Paragraph, start: int, end: int) -> Fix | None:
        opts = self.options
        if opts.fix == "delete-match":
            return Fix(opts.fix_title or "删除", (Edit(para.start + start, para.start + end, ""),))
        if opts.fix == "delete-paragraph":
            return Fix(opts.fix_title or "删除该段", (_delete_paragraph(doc, para),))
        return None


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping hits of one rule in one paragraph become one finding."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def compile(options: Options) -> PatternChecker:  # noqa: A001 - the kind interface
    return PatternChecker(options)
