"""Inline suppression comments in .txt/.md drafts.

    <!-- gwlint-disable placeholder.masked-year -->   … until …   <!-- gwlint-enable -->
    <!-- gwlint-disable-next-line boilerplate -->
A comment without rule names applies to every rule; names match by prefix, like --select.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from gwlint.document import Document
from gwlint.finding import Finding

COMMENT = re.compile(r"<!--\s*gwlint-(disable-next-line|disable|enable)\b([^>]*?)\s*-->")
ALL = "*"


def _names(raw: str) -> frozenset[str]:
    names = frozenset(n for n in re.split(r"[\s,,]+", raw.strip()) if n)
    return names or frozenset({ALL})


def _matches(rule: str, names: frozenset[str]) -> bool:
    return ALL in names or any(rule.startswith(n) for n in names)


def suppressed_lines(doc: Document) -> dict[int, frozenset[str]] | None:
    """Rules silenced on each paragraph index; None when the document has no comments."""
    if "gwlint-" not in doc.text:
        return None
    result: dict[int, set[str]] = {}
    active: set[str] = set()
    for index, para in enumerate(doc.paragraphs):
        next_line: set[str] = set()
        here = set(active)
        for m in COMMENT.finditer(para.text):
            action, names = m.group(1), _names(m.group(2))
            if action == "disable":
                active |= names
                here |= names
            elif action == "enable":
                active = set() if ALL in names else active - names
            else:
                next_line |= names
        if here:
            result.setdefault(index, set()).update(here)
        if next_line and index + 1 < len(doc.paragraphs):
            result.setdefault(index + 1, set()).update(next_line)
    return {k: frozenset(v) for k, v in result.items()}


def apply_suppressions(doc: Document, findings: Sequence[Finding]) -> list[Finding]:
    if doc.format not in ("txt", "md"):
        return list(findings)
    silenced = suppressed_lines(doc)
    if not silenced:
        return list(findings)
    return [f for f in findings if not _matches(f.rule, silenced.get(doc.paragraph_index(f.start), frozenset()))]
