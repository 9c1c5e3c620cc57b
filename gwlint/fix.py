"""Apply findings' fixes to a text: non-overlapping edits only, last to first."""

from __future__ import annotations

from collections.abc import Iterable

from gwlint.finding import Edit, Finding


def safe_edits(findings: Iterable[Finding], unsafe: bool = False) -> list[Edit]:
    """The edits to apply, in order; an edit overlapping an earlier one waits for the next run."""
    edits = sorted(
        (e for f in findings if f.fix is not None and (f.fix.safe or unsafe) for e in f.fix.edits),
        key=lambda e: (e.start, e.end),
    )
    chosen: list[Edit] = []
    for edit in edits:
        if chosen and edit.start < chosen[-1].end:
            continue
        chosen.append(edit)
    return chosen


def apply_fixes(text: str, findings: Iterable[Finding], unsafe: bool = False) -> str:
    out = text
    for edit in reversed(safe_edits(findings, unsafe)):
        out = out[: edit.start] + edit.text + out[edit.end :]
    return out
