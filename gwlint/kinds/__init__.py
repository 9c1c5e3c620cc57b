"""The check kinds. Each module holds one kind: a frozen `Options` dataclass and
`compile(options) -> Checker`. This dict is the only place kinds are listed."""

from __future__ import annotations

from collections.abc import Iterable
from types import ModuleType
from typing import Protocol

from gwlint.document import Document
from gwlint.finding import Hit
from gwlint.kinds import pattern


class Checker(Protocol):
    def run(self, doc: Document) -> Iterable[Hit]: ...


KINDS: dict[str, ModuleType] = {
    "pattern": pattern,
}
