"""--format text: grouping, places, highlighted excerpts cut to the terminal, summary, plain vs colour."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from rich.cells import cell_len as rich_cell_len

from gwlint.api import FileResult
from gwlint.cli import main
from gwlint.document import Document, Location
from gwlint.finding import Finding
from gwlint.report import ReportContext
from gwlint.report.text import PLAIN_WIDTH, cell_len, excerpt_window, progress, report
from tests.docx_builder import build_docx, p, tbl
from tests.report_pack import duplicate_finding, use_sample_pack

DRAFT = "关于20xx年政务公开工作的总结\n\n**年以来,我局认真贯彻落实上级部署。下面是为大家整理的工作总结,供大家参考。\n"


@pytest.fixture(autouse=True)
def _plain_env(tmp_path, monkeypatch):
    use_sample_pack(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


def run_text(capsys, *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


def render(results: list[FileResult], color: bool = False) -> str:
    out = io.StringIO()
    report(results, out, ReportContext(color=color))
    return out.getvalue()


def test_plain_output_snapshot(tmp_path, capsys):
    (tmp_path / "总结.txt").write_text(DRAFT, encoding="utf-8")
    code, out = run_text(capsys, "总结.txt")
    assert code == 1
    assert out == (
        "总结.txt\n"
        "  1:3   错误  placeholder.sample-year  年份未填写:“20xx”\n"
        "    关于20xx年政务公开工作的总结\n"
        "        ^^^^\n"
        "  3:1   错误  placeholder.sample-year  年份未填写:“**”\n"
        "    **年以来,我局认真贯彻落实上级部署。下面是为大家整理的工作总结,供大家参考。\n"
        "    ^^\n"
        "  3:20  警告  boilerplate.sample-note  范文网站的按语:“下面是为大家整理的工作总结,供大家参考。”\n"
        "    **年以来,我局认真贯彻落实上级部署。下面是为大家整理的工作总结,供大家参考。\n"
        "                                       " + "^" * 39 + "\n"
        "    可自动修复(--fix):删除网站按语\n"
        "\n"
        "发现 3 个问题(错误 2,警告 1),涉及 1 个文件;共检查 1 个文件。\n"
        "按类别:\n"
        "  placeholder  未填占位符     2\n"
        "  boilerplate  网站残留       1\n"
    )


def test_carets_sit_under_the_match_counting_cjk_glyphs_as_two_cells(tmp_path, capsys):
    (tmp_path / "总结.txt").write_text(DRAFT, encoding="utf-8")
    _, out = run_text(capsys, "总结.txt")
    lines = out.splitlines()
    excerpt, carets = lines[8], lines[9]
    start = carets.index("^")
    # Before the match: the indent, "**" and the comma (one cell each), 16 CJK glyphs (two cells each).
    assert start == 4 + 3 + 2 * 16
    assert cell_len(excerpt[: excerpt.index("下面")]) == start
    assert len(carets) - start == cell_len("下面是为大家整理的工作总结,供大家参考。")


def test_no_escape_codes_with_no_color_even_when_color_is_forced(tmp_path, capsys, monkeypatch):
    (tmp_path / "总结.txt").write_text(DRAFT, encoding="utf-8")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    _, out = run_text(capsys, "总结.txt")
    assert "\x1b" not in out
    assert "^^^^" in out


def test_colour_highlights_the_match_instead_of_carets(tmp_path, capsys, monkeypatch):
    (tmp_path / "总结.txt").write_text(DRAFT, encoding="utf-8")
    monkeypatch.setenv("FORCE_COLOR", "1")
    _, out = run_text(capsys, "总结.txt")
    assert "\x1b[1;7;31m20xx\x1b[0m" in out  # reverse red on the matched text only
    assert "\x1b[2m年政务公开工作的总结\x1b[0m" in out  # the rest of the paragraph dimmed
    assert "^" not in out


def test_draft_markup_is_printed_as_written(tmp_path):
    doc = Document.from_text("[bold]20xx[/bold]年总结", "a.md", "md")
    finding = Finding("placeholder.masked-year", "placeholder", "error", "年份未填写:“20xx”", 6, 10, "20xx")
    out = render([FileResult("a.md", [finding], doc)], color=True)
    assert "[bold]" in out and "[/bold]" in out


def test_long_paragraph_is_cut_around_the_match(tmp_path, capsys):
    before = "我局坚持以人民为中心的发展思想,扎实推进政务公开标准化规范化建设。" * 30
    after = "进一步提升政务公开工作质量和实效,为建设人民满意的服务型政府提供有力支撑。" * 30
    (tmp_path / "长段.txt").write_text(f"{before}截至20××年底{after}\n", encoding="utf-8")
    _, out = run_text(capsys, "长段.txt")
    lines = out.splitlines()
    assert lines[1].startswith("  1:")
    excerpt, carets = lines[2], lines[3]
    assert excerpt.startswith("    …") and excerpt.endswith("…")
    assert cell_len(excerpt) <= PLAIN_WIDTH
    start = carets.index("^")
    assert carets[start:] == "^^^^"
    prefix_cells = cell_len(excerpt[: excerpt.index("20××")])
    assert prefix_cells == start
    # About a third of the room is context before the match.
    assert 20 <= start <= 40
    assert len(out) < 1000


def test_excerpt_window_keeps_short_paragraphs_whole():
    assert excerpt_window("截至20××年底", 2, 6, 40) == ("截至20××年底", 2, 6)


def test_excerpt_window_cuts_both_sides_by_cells():
    text = "甲" * 1000 + "20xx" + "乙" * 1000
    shown, start, end = excerpt_window(text, 1000, 1004, 40)
    # 34 cells of context: 11 before (5 glyphs), 23 after (11 glyphs), plus two ellipses.
    assert shown == "…" + "甲" * 5 + "20xx" + "乙" * 11 + "…"
    assert (start, end) == (6, 10)
    assert cell_len(shown) <= 40


def test_excerpt_window_gives_unused_room_to_the_other_side():
    text = "截至" + "20××" + "年底" + "完成" * 100
    shown, start, end = excerpt_window(text, 2, 6, 30)
    # Before the match needs 4 of its 8 cells; the other 4 go after it (16 + 4 = 20 cells: 年底 + 4 × 完成).
    assert shown == "截至20××年底" + "完成" * 4 + "…"
    assert (start, end) == (2, 6)


def test_excerpt_window_cuts_a_match_longer_than_the_width():
    text = "前言" + "网" * 100 + "后记"
    shown, start, end = excerpt_window(text, 2, 102, 20)
    assert shown == "…" + "网" * 9 + "…"
    assert (start, end) == (1, 10)


def test_control_characters_are_shown_as_spaces_so_carets_align():
    doc = Document.from_text("序号\t事项\t20xx年完成", "表.txt")
    finding = Finding("placeholder.masked-year", "placeholder", "error", "年份未填写:“20xx”", 6, 10, "20xx")
    lines = render([FileResult("表.txt", [finding], doc)]).splitlines()
    assert lines[2] == "    序号 事项 20xx年完成"
    assert lines[3] == "              ^^^^"


def test_unreadable_file_shows_its_error_and_counts_in_the_summary(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("2023年政务公开工作总结\n", encoding="utf-8")
    (tmp_path / "b.docx.txt").write_bytes(b"\x00\x01\x02\x03binary")
    code, out = run_text(capsys, "a.txt", "b.docx.txt")
    assert code == 2
    assert out == (
        "b.docx.txt\n"
        "  无法读取:不是文本文件(含有空字节;UTF-16 文件需带 BOM)\n"
        "\n"
        "未发现问题。共检查 2 个文件,其中 1 个无法读取。\n"
    )


def test_clean_run_says_so(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("2023年政务公开工作总结\n", encoding="utf-8")
    code, out = run_text(capsys, "a.txt")
    assert (code, out) == (0, "未发现问题。共检查 1 个文件。\n")


def test_summary_counts_by_severity_category_and_file(tmp_path, capsys):
    use_sample_pack(tmp_path, "severity:\n  boilerplate: info\n")
    (tmp_path / "a.txt").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "b.txt").write_text("截至20××年底,共办理依申请公开事项24件。\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("2023年政务公开工作总结\n", encoding="utf-8")
    _, out = run_text(capsys, "a.txt", "b.txt", "c.txt")
    assert "  3:20  提示  boilerplate.sample-note  " in out
    assert "c.txt" not in out  # clean files are not listed
    assert out.endswith(
        "发现 4 个问题(错误 3,提示 1),涉及 2 个文件;共检查 3 个文件。\n"
        "按类别:\n"
        "  placeholder  未填占位符     3\n"
        "  boilerplate  网站残留       1\n"
    )


def test_docx_draft_end_to_end_shows_paragraph_numbers_and_table_cells(tmp_path, capsys):
    body = [
        p("2023年政务公开工作总结"),
        p("一、工作进展"),
        tbl(["事项", "完成时间"], ["网站迁移", "20xx年4月"]),
        p("**年以来,我局认真贯彻落实上级部署。"),
    ]
    (tmp_path / "总结.docx").write_bytes(build_docx(body))
    code, out = run_text(capsys, "总结.docx")
    assert code == 1
    assert out.splitlines()[:7] == [
        "总结.docx",
        "  第6段(表格第2行第2列)  错误  placeholder.sample-year  年份未填写:“20xx”",
        "    20xx年4月",
        "    ^^^^",
        "  第7段                  错误  placeholder.sample-year  年份未填写:“**”",
        "    **年以来,我局认真贯彻落实上级部署。",
        "    ^^",
    ]


def test_docx_place_is_the_paragraph_number_with_its_table_cell():
    doc = Document.from_paragraphs(
        [
            ("2023年工作总结", Location()),
            ("完成时间:20xx年12月", Location("table", (1,), 2, 3)),
            ("20xx年", Location("header")),
            ("联系人:张三", Location()),
        ],
        "总结.docx",
    )
    cell, header = doc.paragraphs[1].start + 5, doc.paragraphs[2].start
    findings = [
        Finding("placeholder.masked-year", "placeholder", "error", "年份未填写:“20xx”", cell, cell + 4, "20xx"),
        Finding("placeholder.masked-year", "placeholder", "error", "年份未填写:“20xx”", header, header + 4, "20xx"),
    ]
    lines = render([FileResult("总结.docx", findings, doc)]).splitlines()
    assert lines[1] == "  第2段(表格第2行第3列)  错误  placeholder.masked-year  年份未填写:“20xx”"
    assert lines[4] == "  第3段(页眉)            错误  placeholder.masked-year  年份未填写:“20xx”"


def test_related_places_and_unsafe_fix_are_shown():
    doc, finding = duplicate_finding()
    lines = render([FileResult("重复.txt", [finding], doc)]).splitlines()
    assert lines[1:6] == [
        "  4:1  警告  duplicate.paragraph  段落与前文重复",
        "    我局成立了政务公开领导小组。",
        "    " + "^" * 28,
        "    相关:2:1 首次出现于此",
        "    修复建议(需人工确认):删除重复段落",
    ]
    assert lines[-2:] == ["按类别:", "  duplicate  重复内容     1"]


def test_document_level_finding_shows_the_first_line_without_carets():
    doc = Document.from_text("关于2023年政务公开工作的自查报告\n一、基本情况", "自查.txt")
    finding = Finding("missing-part.signature", "missing-part", "info", "缺少落款", 0, 0, "", data={"part": "落款"})
    lines = render([FileResult("自查.txt", [finding], doc)]).splitlines()
    assert lines[1:3] == ["  1:1  提示  missing-part.signature  缺少落款", "    关于2023年政务公开工作的自查报告"]
    assert lines[3] == ""


def test_progress_yields_every_result_in_order():
    results = [FileResult(f"{i}.txt") for i in range(25)]
    assert list(progress(iter(results), len(results))) == results


@pytest.mark.parametrize(
    "text",
    [
        "政务公开",
        "20××年",
        "\uff0c\uff08一\uff09\u3001\u3002",
        "“总结”…—·",
        "①②",
        "𠀀",
        "😀",
        "e\u0301",
        "ｅ",
        "\u3000",
    ],
)
def test_cell_widths_agree_with_rich(text):
    """Plain output measures without rich; it must measure as rich (and terminals) do."""
    assert cell_len(text) == rich_cell_len(text)


def rich_imported(folder, formats: tuple[str, ...], **env: str) -> bool:
    """Whether linting a.txt in `folder` with each format, in a fresh interpreter, imported rich."""
    script = (
        "import contextlib, io, sys\n"
        "from gwlint.cli import main\n"
        f"for fmt in {formats!r}:\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        "        main(['--format', fmt, 'a.txt'])\n"
        "print(any(m == 'rich' or m.startswith('rich.') for m in sys.modules))\n"
    )
    environ = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")} | env
    done = subprocess.run([sys.executable, "-c", script], cwd=folder, capture_output=True, text=True, env=environ)
    assert done.returncode == 0, done.stderr
    return done.stdout == "True\n"


def test_only_colour_output_imports_rich(tmp_path):
    (tmp_path / "a.txt").write_text(DRAFT, encoding="utf-8")
    assert not rich_imported(tmp_path, ("text", "json", "sarif", "github"))
    assert rich_imported(tmp_path, ("text",), FORCE_COLOR="1")
