"""Whole-document fixtures for the kinds that need a document (duplicate, total, missing-part, numbering).

Each tests/fixtures/documents/NAME.txt has NAME.expected: a `# select:` line naming the rules to run,
then one finding per line, `line:col-end_line:end_col rule [related lines]`, checked by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gwlint.api import Linter
from gwlint.config import Config
from gwlint.readers import read_path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "documents"


def render(path: Path, select: list[str]) -> list[str]:
    doc = read_path(path)
    lines = []
    for f in Linter(select=select).engine_for(Config()).lint(doc):
        (line, col), (end_line, end_col) = doc.position(f.start), doc.position(f.end)
        related = " ".join(str(doc.position(r.start)[0]) for r in f.related)
        lines.append(f"{line}:{col}-{end_line}:{end_col} {f.rule}" + (f" [{related}]" if related else ""))
    return lines


@pytest.mark.parametrize("expected", sorted(FIXTURES.glob("*.expected")), ids=lambda p: p.stem)
def test_document_fixture_gives_exactly_its_expected_findings(expected: Path):
    header, *want = [x for x in expected.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert header.startswith("# select:")
    select = [s.strip() for s in header.removeprefix("# select:").split(",")]
    assert render(expected.with_suffix(".txt"), select) == want
