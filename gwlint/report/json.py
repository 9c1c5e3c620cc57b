"""--format json: the stable machine-readable schema documented in the README."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from gwlint import __version__
from gwlint.report import ReportContext
from gwlint.report.positions import fix_json, location_json, related_json, span

if TYPE_CHECKING:
    from gwlint.api import FileResult


def diagnostic_json(result: FileResult) -> list[dict[str, Any]]:
    doc = result.document
    out = []
    for f in result.findings:
        item: dict[str, Any] = {
            "rule": f.rule,
            "category": f.category,
            "severity": f.severity,
            "message": f.message,
            **span(doc, f.start, f.end),
            "excerpt": f.excerpt,
            "related": [related_json(doc, r) for r in f.related],
            "fix": fix_json(doc, f.fix),
            "data": f.data,
        }
        location = location_json(doc, f)
        if location is not None:
            item["location"] = location
        out.append(item)
    return out


def report(results: Sequence[FileResult], out: TextIO, ctx: ReportContext) -> None:
    files = []
    for result in results:
        if result.error is not None:
            files.append({"path": result.path, "error": result.error})
        else:
            files.append({"path": result.path, "diagnostics": diagnostic_json(result)})
    # Indented for a person at a terminal; compact otherwise, where the C encoder is several times faster.
    indent = 2 if hasattr(out, "isatty") and out.isatty() else None
    out.write(json.dumps({"version": __version__, "files": files}, ensure_ascii=False, indent=indent))
    out.write("\n")
