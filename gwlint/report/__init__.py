"""Output formats. Each module has `report(results, out, ctx)`; FORMATS is the only list of them."""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath
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

# What people read next to the ids users type in --select and severity settings.
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
CATEGORY_NAMES = {
    "placeholder": "未填占位符",
    "boilerplate": "网站残留",
    "duplicate": "重复内容",
    "total": "数字矛盾",
    "missing-part": "缺失部分",
    "structure": "结构编号",
    "punctuation": "标点符号",
}


@dataclass
class ReportContext:
    rules: dict[str, Rule] = field(default_factory=dict)  # every loaded rule, by id
    color: bool = False
    fail_on: str = "warning"


Reporter = Callable[["Sequence[FileResult]", TextIO, ReportContext], None]


def get_reporter(name: str) -> Reporter:
    return importlib.import_module(FORMATS[name]).report


def relative_path(path: str) -> PurePath | None:
    """`path` relative to the working directory, or None when it lies outside it.

    Code-scanning views and workflow annotations resolve paths against the checkout, which is
    where gwlint runs; the path as typed ("./a.txt", "../x/a.txt") would not match there.
    """
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path(os.path.abspath(os.getcwd())))
    except ValueError:
        return None
