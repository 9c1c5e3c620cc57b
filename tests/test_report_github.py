"""--format github: workflow commands with the Actions toolkit's escaping, one per finding."""

from __future__ import annotations

import io

import pytest

from gwlint.api import FileResult
from gwlint.cli import main
from gwlint.document import Document, Location
from gwlint.finding import Finding
from gwlint.report import ReportContext
from gwlint.report.github import escape_data, escape_property, report
from tests.report_pack import use_sample_pack


@pytest.fixture(autouse=True)
def _project(tmp_path, monkeypatch):
    use_sample_pack(tmp_path)
    monkeypatch.chdir(tmp_path)


def run_github(capsys, *args: str) -> tuple[int, list[str]]:
    code = main(["--format", "github", *args])
    return code, capsys.readouterr().out.splitlines()


def render(results: list[FileResult]) -> list[str]:
    out = io.StringIO()
    report(results, out, ReportContext())
    return out.getvalue().splitlines()


def test_escaping_follows_the_actions_toolkit():
    assert escape_data("完成率 100%\r\n第二行: a, b") == "完成率 100%25%0D%0A第二行: a, b"
    assert escape_property("草稿/a,b: 100%\n") == "草稿/a%2Cb%3A 100%25%0A"


def test_one_annotation_per_finding_snapshot(tmp_path, capsys):
    (tmp_path / "草稿").mkdir()
    (tmp_path / "草稿" / "总结.txt").write_text(
        "关于20xx年政务公开工作的总结\n\n**年以来,我局认真贯彻落实上级部署。下面是为大家整理的工作总结,供大家参考。\n",
        encoding="utf-8",
    )
    code, lines = run_github(capsys, "草稿")
    assert code == 1
    assert lines == [
        "::error file=草稿/总结.txt,line=1,col=3,endLine=1,endColumn=7,title=placeholder.sample-year"
        "::年份未填写:“20xx”",
        "::error file=草稿/总结.txt,line=3,col=1,endLine=3,endColumn=3,title=placeholder.sample-year::年份未填写:“**”",
        "::warning file=草稿/总结.txt,line=3,col=20,endLine=3,endColumn=40,title=boilerplate.sample-note"
        "::范文网站的按语:“下面是为大家整理的工作总结,供大家参考。”",
    ]


def test_warning_and_info_become_warning_and_notice(tmp_path, capsys):
    use_sample_pack(tmp_path, "severity:\n  placeholder: info\n")
    (tmp_path / "a.txt").write_text("截至20××年底。下面是为大家整理的工作总结,供大家参考。\n", encoding="utf-8")
    _, lines = run_github(capsys, "a.txt")
    assert [line.split(" ", 1)[0] for line in lines] == ["::notice", "::warning"]


def test_unreadable_file_is_an_error_annotation(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("2023年政务公开工作总结\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02binary")
    code, lines = run_github(capsys, "a.txt", "b.txt")
    assert code == 2
    assert lines == ["::error file=b.txt,title=gwlint::无法读取:不是文本文件(含有空字节;UTF-16 文件需带 BOM)"]


def test_paths_and_messages_are_escaped(tmp_path):
    doc = Document.from_text("截至20××年底,已完成。", "a,b:c.txt")
    finding = Finding("placeholder.masked-year", "placeholder", "warning", "年份未填写\n(100%)", 2, 6, "20××")
    assert render([FileResult("a,b:c.txt", [finding], doc)]) == [
        "::warning file=a%2Cb%3Ac.txt,line=1,col=3,endLine=1,endColumn=7,title=placeholder.masked-year"
        "::年份未填写%0A(100%25)"
    ]


def test_docx_annotation_names_the_paragraph_place():
    doc = Document.from_paragraphs(
        [("2023年工作总结", Location()), ("完成时间:20xx年12月", Location("table", (1,), 2, 3))], "总结.docx"
    )
    start = doc.paragraphs[1].start + 5
    finding = Finding("placeholder.masked-year", "placeholder", "error", "年份未填写:“20xx”", start, start + 4, "20xx")
    assert render([FileResult("总结.docx", [finding], doc)]) == [
        "::error file=总结.docx,line=2,col=6,endLine=2,endColumn=10,title=placeholder.masked-year"
        "::第2段(表格第2行第3列) 年份未填写:“20xx”"
    ]
