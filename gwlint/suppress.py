"""Inline suppression comments in .txt/.md drafts.

    <!-- gwlint-disable placeholder.masked-year -->   … until …   <!-- gwlint-enable -->
    <!-- gwlint-disable-next-line boilerplate -->

A comment without rule names applies to every rule; names match by prefix, like --select, and
may be separated by spaces or commas. Between comments the last one naming a rule decides, so
`disable` + `enable placeholder` silences everything but the placeholder rules. A line holding
a disable or enable comment is silenced for the rules named there (line granularity, as in
ESLint's block comments). Findings inside a suppression comment itself are always dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from gwlint.document import Document
from gwlint.finding import Finding

COMMENT = re.compile(r"<!--\s*gwlint-(disable-next-line|disable|enable)(?=\s|-->)([^>]*?)\s*-->")
ALL = "*"

# One directive: the rules it names (ALL for every rule) and whether it disables them.
Directive = tuple[frozenset[str], bool]


def _names(raw: str) -> frozenset[str]:
    names = frozenset(n for n in re.split(r"[\s,,]+", raw.strip()) if n)
    return names or frozenset({ALL})


def _matches(rule: str, names: frozenset[str]) -> bool:
    return ALL in names or any(rule.startswith(n) for n in names)


def _silenced(rule: str, directives: Sequence[Directive]) -> bool:
    for names, disabled in reversed(directives):
        if _matches(rule, names):
            return disabled
    return False


class Suppressions:
    """What the comments of one document silence, paragraph by paragraph."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.comments: list[tuple[int, int]] = []  # absolute spans of the comments themselves
        # Per paragraph index: the directive lists in force (before and after its own comments).
        self.lines: dict[int, tuple[tuple[Directive, ...], ...]] = {}
        active: list[Directive] = []
        next_line: dict[int, list[Directive]] = {}
        for index, para in enumerate(doc.paragraphs):
            before = tuple(active)
            for m in COMMENT.finditer(para.text):
                self.comments.append((para.start + m.start(), para.start + m.end()))
                action, names = m.group(1), _names(m.group(2))
                if action == "disable-next-line":
                    next_line.setdefault(index + 1, []).append((names, True))
                elif ALL in names:
                    active = [(names, True)] if action == "disable" else []
                else:
                    active.append((names, action == "disable"))
            states = tuple(s for s in {before: None, tuple(active): None} if s)
            extra = tuple(next_line.pop(index, ()))
            if extra:
                states += (extra,)
            if states:
                self.lines[index] = states

    def silences(self, finding: Finding) -> bool:
        if any(start <= finding.start and finding.end <= end for start, end in self.comments):
            return True
        states = self.lines.get(self.doc.paragraph_index(finding.start), ())
        return any(_silenced(finding.rule, directives) for directives in states)


def apply_suppressions(doc: Document, findings: Sequence[Finding]) -> list[Finding]:
    if doc.format not in ("txt", "md") or "gwlint-" not in doc.text:
        return list(findings)
    suppressions = Suppressions(doc)
    if not suppressions.comments:
        return list(findings)
    return [f for f in findings if not suppressions.silences(f)]
