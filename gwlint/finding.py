"""The one record every check produces and every reporter consumes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("error", "warning", "info")
CATEGORIES = ("placeholder", "boilerplate", "duplicate", "total", "missing-part", "structure", "punctuation")


def severity_rank(severity: str) -> int:
    """Higher is more severe: error 3, warning 2, info 1."""
    return 3 - SEVERITIES.index(severity)


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace document text [start, end) with `text` (absolute offsets into Document.text)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Fix:
    title: str
    edits: tuple[Edit, ...]
    safe: bool = True


@dataclass(frozen=True, slots=True)
class Related:
    """Another place that explains a finding, e.g. the first copy of a duplicate."""

    start: int
    end: int
    message: str


@dataclass(frozen=True, slots=True)
class Hit:
    """What a check kind reports: a span plus details; the engine adds the rule's metadata."""

    start: int
    end: int
    fields: dict[str, Any] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)
    related: tuple[Related, ...] = ()
    fix: Fix | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    category: str
    severity: str
    message: str
    start: int
    end: int
    excerpt: str
    related: tuple[Related, ...] = ()
    fix: Fix | None = None
    data: dict[str, Any] = field(default_factory=dict)
