"""--format json: the schema of issue 3 §3, 1-based code-point positions, related/fix/error entries."""

from __future__ import annotations

import io
import json

import pytest

from gwlint import __version__
from gwlint.api import FileResult
from gwlint.cli import main
from gwlint.document import Document, Location
from gwlint.finding import Edit, Finding, Fix, Related
from gwlint.report import ReportContext
from gwlint.report.json import report
from tests.docx_builder import build_docx, p, tbl
from tests.report_pack import use_sample_pack

DIAGNOSTIC_KEYS = [
    "rule",
    "category",
    "severity",
    "message",
    "line",
    "column",
    "end_line",
    "end_column",
    "excerpt",
    "related",
    "fix",
    "data",
]


@pytest.fixture(autouse=True)
def _project(tmp_path, monkeypatch):
    use_sample_pack(tmp_path)
    monkeypatch.chdir(tmp_path)


def run_json(capsys, *args: str) -> tuple[int, dict]:
    code = main(["--format", "json", *args])
    return code, json.loads(capsys.readouterr().out)


def render(*results: FileResult) -> dict:
    out = io.StringIO()
    report(list(results), out, ReportContext())
    return json.loads(out.getvalue())


def test_fields_and_positions_on_a_crlf_draft_with_a_non_bmp_character(tmp_path, capsys):
    draft = (
        "20xx年度政务公开工作总结\r\n"
        "\r\n"
        "联系人:王𠀀,20xx年3月起负责政务公开。下面是为大家整理的工作总结,供大家参考。\r\n"
    )
    (tmp_path / "总结.txt").write_bytes(draft.encode("utf-8"))
    code, data = run_json(capsys, "总结.txt")
    assert code == 1
    assert data["version"] == __version__
    assert list(data) == ["version", "files"]
    [file] = data["files"]
    assert file["path"] == "总结.txt"
    assert list(file) == ["path", "diagnostics"]
    first, second, third = file["diagnostics"]
    assert list(first) == DIAGNOSTIC_KEYS
    assert first == {
        "rule": "placeholder.sample-year",
        "category": "placeholder",
        "severity": "error",
        "message": "年份未填写:“20xx”",
        "line": 1,
        "column": 1,
        "end_line": 1,
        "end_column": 5,
        "excerpt": "20xx",
        "related": [],
        "fix": None,
        "data": {},
    }
    # Line 3 comes after two \r\n ends; 𠀀 is one code point (two UTF-16 units): 20xx is at column 8, not 9.
    assert (second["rule"], second["line"], second["column"], second["end_line"], second["end_column"]) == (
        "placeholder.sample-year",
        3,
        8,
        3,
        12,
    )
    assert third["rule"] == "boilerplate.sample-note"
    assert (third["line"], third["column"], third["end_line"], third["end_column"]) == (3, 23, 3, 43)
    assert third["excerpt"] == "下面是为大家整理的工作总结,供大家参考。"
    assert third["fix"] == {
        "title": "删除网站按语",
        "safe": True,
        "edits": [{"line": 3, "column": 23, "end_line": 3, "end_column": 43, "text": ""}],
    }


def test_lone_cr_line_ends_count_as_lines(tmp_path, capsys):
    (tmp_path / "旧稿.txt").write_bytes("标题\r\r截至20××年底,已完成。\r".encode())
    _, data = run_json(capsys, "旧稿.txt")
    [diag] = data["files"][0]["diagnostics"]
    assert (diag["line"], diag["column"], diag["end_column"], diag["excerpt"]) == (3, 3, 7, "20××")


def test_unreadable_file_has_an_error_instead_of_diagnostics_and_others_are_still_linted(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("20xx年工作要点\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"PK\x03\x04\x00\x00\x00\x00garbage")
    code, data = run_json(capsys, "a.txt", "b.txt")
    assert code == 2
    assert [f["path"] for f in data["files"]] == ["a.txt", "b.txt"]
    assert [d["rule"] for d in data["files"][0]["diagnostics"]] == ["placeholder.sample-year"]
    assert list(data["files"][1]) == ["path", "error"]
    assert data["files"][1]["error"].startswith("不是文本文件")


def test_clean_file_has_an_empty_diagnostics_list(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("2023年政务公开工作总结\n", encoding="utf-8")
    code, data = run_json(capsys, "a.txt")
    assert code == 0
    assert data["files"] == [{"path": "a.txt", "diagnostics": []}]


def test_related_locations_and_fix_edits_use_the_same_positions():
    text = "一、加强组织领导\n我局成立了政务公开领导小组。\n\n二、加强组织领导\n我局成立了政务公开领导小组。"
    doc = Document.from_text(text, "重复.txt")
    second = text.rindex("我局")
    first = text.index("我局")
    finding = Finding(
        rule="duplicate.paragraph",
        category="duplicate",
        severity="warning",
        message="与第2行重复",
        start=second,
        end=len(text),
        excerpt=text[second:],
        related=(Related(first, first + 14, "首次出现"),),
        fix=Fix("删除重复段落", (Edit(text.rindex("\n"), len(text), ""),), safe=False),
        data={"first_line": 2},
    )
    [diag] = render(FileResult("重复.txt", [finding], doc))["files"][0]["diagnostics"]
    assert (diag["line"], diag["column"], diag["end_line"], diag["end_column"]) == (5, 1, 5, 15)
    assert diag["related"] == [{"line": 2, "column": 1, "end_line": 2, "end_column": 15, "message": "首次出现"}]
    # The edit starts at the end of line 4 (the line end belongs to the line before) and ends on line 5.
    assert diag["fix"] == {
        "title": "删除重复段落",
        "safe": False,
        "edits": [{"line": 4, "column": 9, "end_line": 5, "end_column": 15, "text": ""}],
    }
    assert diag["data"] == {"first_line": 2}


def test_document_level_finding_sits_on_line_one_and_names_the_part():
    doc = Document.from_text("关于2023年政务公开工作的自查报告\n\n一、基本情况\n……", "自查报告.txt")
    finding = Finding(
        rule="missing-part.signature",
        category="missing-part",
        severity="warning",
        message="缺少落款(单位名称和日期)",
        start=0,
        end=0,
        excerpt="",
        data={"part": "落款"},
    )
    [diag] = render(FileResult("自查报告.txt", [finding], doc))["files"][0]["diagnostics"]
    assert (diag["line"], diag["column"], diag["end_line"], diag["end_column"]) == (1, 1, 1, 1)
    assert diag["data"]["part"] == "落款"


def test_docx_draft_lines_are_paragraph_numbers_counting_table_cells(tmp_path, capsys):
    body = [
        p("2023年政务公开工作总结"),
        p(""),
        tbl(["事项", "完成时间"], ["网站迁移", "20xx年4月"]),
        p("**年以来,成效明显。"),
    ]
    (tmp_path / "总结.docx").write_bytes(build_docx(body))
    _, data = run_json(capsys, "总结.docx")
    cell, after = data["files"][0]["diagnostics"]
    # Paragraphs 1 and 2 (the empty one counts), then the cells row by row: 事项 3, 完成时间 4, 网站迁移 5.
    assert (cell["line"], cell["column"], cell["end_column"]) == (6, 1, 5)
    assert cell["location"] == {"story": "table", "description": "表格第2行第2列", "table": [1], "row": 2, "col": 2}
    assert (after["line"], after["column"], after["end_column"]) == (7, 1, 3)
    assert after["location"] == {"story": "body", "description": "正文"}


def test_docx_line_is_the_paragraph_number_and_location_names_the_table_cell():
    doc = Document.from_paragraphs(
        [
            ("20xx年工作总结", Location()),
            ("", Location()),
            ("完成时间:20xx年12月", Location("table", (1,), 2, 3)),
        ],
        "总结.docx",
    )
    start = doc.paragraphs[2].start + 5
    finding = Finding("placeholder.sample-year", "placeholder", "error", "年份未填写", start, start + 4, "20xx")
    [diag] = render(FileResult("总结.docx", [finding], doc))["files"][0]["diagnostics"]
    assert (diag["line"], diag["column"], diag["end_column"]) == (3, 6, 10)
    assert diag["location"] == {"story": "table", "description": "表格第2行第3列", "table": [1], "row": 2, "col": 3}
