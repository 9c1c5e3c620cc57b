"""Accuracy targets on the labelled corpora (issue 4), measured with the shared scorer."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import require_shared

GWLINT = f"{sys.executable} -m gwlint --format json"
ROW = re.compile(r"^(placeholder|boilerplate|duplicate|total|missing-part)\s+(\d+)\s+(\d+)\s+(\d+)\s", re.M)


def score(corpus: str) -> dict[str, tuple[int, int, int]]:
    scorer = require_shared("eval", "score.py")
    folder = require_shared("eval", corpus)
    proc = subprocess.run(
        [sys.executable, str(scorer), str(folder), "--cmd", GWLINT],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    rows = {m[1]: (int(m[2]), int(m[3]), int(m[4])) for m in ROW.finditer(proc.stdout)}
    assert len(rows) == 5, proc.stdout
    print(proc.stdout)
    return rows


@pytest.mark.parametrize("corpus", ["dev", "dev-synth"])
def test_every_category_meets_precision_and_recall_targets(corpus: str):
    failures = []
    for category, (tp, fp, fn) in score(corpus).items():
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        if precision < 0.95 or recall < 0.90:
            failures.append(f"{category}: precision {precision:.3f}, recall {recall:.3f} (tp {tp} fp {fp} fn {fn})")
    assert not failures, failures


def test_published_documents_all_defects_found_and_few_false_alarms():
    rows = score("gov-published")
    found = sum(tp for tp, _, _ in rows.values())
    missed = {c: fn for c, (_, _, fn) in rows.items() if fn}
    false_alarms = sum(fp for _, fp, _ in rows.values())
    assert not missed, f"labelled defects missed: {missed}"
    assert found == 5
    assert false_alarms <= 5, rows
