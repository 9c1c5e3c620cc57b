"""The check kinds. Each module holds one kind: a frozen `Options` dataclass and
`compile(options) -> Checker`. This dict is the only place kinds are listed."""

from __future__ import annotations

from collections.abc import Iterable
from types import ModuleType
from typing import Protocol

from gwlint.document import Document
from gwlint.finding import Hit
from gwlint.kinds import (
    change,
    chrome,
    count,
    duplicate,
    numbering,
    pairing,
    pattern,
    required_parts,
    table_total,
    total,
)


class Checker(Protocol):
    def run(self, doc: Document) -> Iterable[Hit]: ...


KINDS: dict[str, ModuleType] = {
    "change": change,
    "count": count,
    "chrome": chrome,
    "duplicate": duplicate,
    "numbering": numbering,
    "pairing": pairing,
    "pattern": pattern,
    "required-parts": required_parts,
    "table-total": table_total,
    "total": total,
}
