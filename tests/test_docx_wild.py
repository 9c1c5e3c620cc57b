"""Real .docx files from the wild (../shared/corpus/docx-wild) and the labelled eval corpora.

Every file must read; files with Chinese text must yield it; and the main-flow paragraph
numbers must agree with python-docx's, which the eval labels (line = paragraph number) use.
"""

from __future__ import annotations

import csv

import docx
import pytest
from docx.table import Table

from gwlint.readers import read_path
from tests.conftest import SHARED, require_shared

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WILD = SHARED / "corpus" / "docx-wild"
EVAL_DIRS = [SHARED / "eval" / name for name in ("dev", "dev-synth", "gov-published")]


def _manifest() -> list[dict[str, str]]:
    path = WILD / "MANIFEST.tsv"
    if not path.exists():
        return [{"file": "MANIFEST.tsv", "cjk_chars": "0"}]  # one case that skips (or fails in CI)
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


MANIFEST = _manifest()


@pytest.mark.parametrize("row", MANIFEST, ids=[row["file"] for row in MANIFEST])
def test_wild_docx_reads_and_yields_its_text(row):
    path = require_shared("corpus", "docx-wild", row["file"])
    doc = read_path(path)
    assert doc.format == "docx"
    assert [x.line for x in doc.paragraphs] == list(range(1, len(doc.paragraphs) + 1))
    if int(row["cjk_chars"]) > 0:
        assert sum(1 for ch in doc.text if "\u4e00" <= ch <= "\u9fff") > 0


def python_docx_main_flow(path) -> list[str]:
    """Body and table-cell paragraphs as python-docx gives them (each merged cell once)."""

    def walk(container, out: list[str]) -> list[str]:
        for block in container.iter_inner_content():
            if not isinstance(block, Table):
                out.append(block.text)
                continue
            seen = set()
            for row in block.rows:
                for cell in row.cells:
                    if cell._tc not in seen:
                        seen.add(cell._tc)
                        walk(cell, out)
        return out

    return walk(docx.Document(str(path)), [])


def differs_from_python_docx_by_design(path) -> bool:
    """Content controls around blocks (python-docx skips them) or deleted paragraph marks (kept)."""
    root = docx.Document(str(path)).element
    if any(sdt.getparent().tag in (W + "body", W + "tc") for sdt in root.iter(W + "sdt")):
        return True
    return any(m.tag in (W + "del", W + "moveFrom") for m in root.iterfind(f".//{W}pPr/{W}rPr/*"))


def _wild_files():
    return sorted(WILD.glob("*.docx")) if WILD.exists() else []


@pytest.mark.parametrize("path", _wild_files(), ids=lambda p: p.name)
def test_main_flow_numbering_agrees_with_python_docx(path):
    try:
        expected = python_docx_main_flow(path)
    except KeyError:
        pytest.skip("python-docx cannot open this package (Strict OOXML)")
    ours = [x for x in read_path(path).paragraphs if x.location.story in ("body", "table")]
    if differs_from_python_docx_by_design(path):
        assert len(ours) != len(expected)  # the reason to exclude it must really be there
        return
    assert len(ours) == len(expected)


def _eval_files():
    return sorted(f for folder in EVAL_DIRS if folder.exists() for f in folder.glob("*.docx"))


def test_eval_corpora_are_present():
    require_shared("eval", "dev")
    assert _eval_files()


@pytest.mark.parametrize("path", _eval_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_eval_docx_paragraphs_are_exactly_python_docx_paragraphs(path):
    main_flow = [x.text for x in read_path(path).paragraphs if x.location.story in ("body", "table")]
    assert main_flow == [q.text for q in docx.Document(str(path)).paragraphs]
