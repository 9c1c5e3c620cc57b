"""Offsets to 1-based lines and columns: the one conversion every reporter uses."""

from __future__ import annotations

from typing import Any

from gwlint.document import Document
from gwlint.finding import Finding, Fix, Related


def span(doc: Document, start: int, end: int) -> dict[str, int]:
    line, column = doc.position(start)
    end_line, end_column = doc.position(end)
    return {"line": line, "column": column, "end_line": end_line, "end_column": end_column}


def related_json(doc: Document, related: Related) -> dict[str, Any]:
    return {**span(doc, related.start, related.end), "message": related.message}


def fix_json(doc: Document, fix: Fix | None) -> dict[str, Any] | None:
    if fix is None:
        return None
    edits = [{**span(doc, e.start, e.end), "text": e.text} for e in fix.edits]
    return {"title": fix.title, "safe": fix.safe, "edits": edits}


def location_json(doc: Document, finding: Finding) -> dict[str, Any] | None:
    """Where a .docx paragraph sits (table cell, header, footnote …); None for plain text."""
    if doc.format != "docx":
        return None
    loc = doc.paragraph_at(finding.start).location
    out: dict[str, Any] = {"story": loc.story, "description": loc.describe()}
    if loc.table:
        out.update(table=list(loc.table), row=loc.row, col=loc.col)
    return out


def place(doc: Document, offset: int) -> str:
    """Where an offset is, for people: "12:5" in a text file, "第3段(表格第2行第1列)" in a Word file.

    Word has no visible line numbers, so a .docx place is its paragraph number (what `line` means
    there) plus the story or table cell it sits in.
    """
    line, column = doc.position(offset)
    if doc.format != "docx":
        return f"{line}:{column}"
    location = doc.paragraph_at(offset).location
    if location.story == "body" and location.row is None:
        return f"第{line}段"
    return f"第{line}段({location.describe()})"
