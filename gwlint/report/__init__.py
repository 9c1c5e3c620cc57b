"""Output formats. Each module has `report(results, out, ctx)`; FORMATS is the only list of them."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from gwlint.api import FileResult
    from gwlint.rulepack import Rule

# Modules are imported on use: rich costs start-up time that json output should not pay.
FORMATS = {
    "text": "gwlint.report.text",
    "json": "gwlint.report.json",
    "sarif": "gwlint.report.sarif",
    "github": "gwlint.report.github",
}


@dataclass
class ReportContext:
    rules: dict[str, Rule] = field(default_factory=dict)  # every loaded rule, by id
    color: bool = False
    fail_on: str = "warning"


Reporter = Callable[["Sequence[FileResult]", TextIO, ReportContext], None]


def get_reporter(name: str) -> Reporter:
    return importlib.import_module(FORMATS[name]).report
