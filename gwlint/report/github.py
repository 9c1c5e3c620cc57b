"""--format github: one GitHub Actions workflow command per finding, shown as an annotation on the file.

Escaping follows the Actions toolkit (`escapeData` / `escapeProperty` in @actions/core): %, CR and
LF in the message; those plus ":" and "," in property values, which the runner splits on.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from gwlint.report import ReportContext, relative_path
from gwlint.report.positions import place

if TYPE_CHECKING:
    from gwlint.api import FileResult

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation_path(path: str) -> str:
    """Relative to the working directory (the checkout), with / separators as GitHub expects."""
    relative = relative_path(path)
    return relative.as_posix() if relative is not None else Path(path).as_posix()


def command(name: str, properties: dict[str, object], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {props}::{escape_data(message)}"


def report(results: Sequence[FileResult], out: TextIO, ctx: ReportContext) -> None:
    for result in results:
        path = annotation_path(result.path)
        if result.error is not None:
            out.write(command("error", {"file": path, "title": "gwlint"}, f"无法读取:{result.error}") + "\n")
            continue
        doc = result.document
        assert doc is not None
        for f in result.findings:
            line, column = doc.position(f.start)
            end_line, end_column = doc.position(f.end)
            message = f.message
            if doc.format == "docx":  # annotations on a Word file show no text: say where it is
                message = f"{place(doc, f.start)} {message}"
            properties = {
                "file": path,
                "line": line,
                "col": column,
                "endLine": end_line,
                "endColumn": end_column,
                "title": f.rule,
            }
            out.write(command(COMMANDS[f.severity], properties, message) + "\n")
