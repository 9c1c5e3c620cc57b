"""The shared entry points: lint_text, Linter (config per file, one engine per config), file collection."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gwlint.api import FileResult, Linter, lint_text
from gwlint.config import _config_in

YEAR, NOTE = "placeholder.masked-year", "boilerplate.editor-note"
BOTH = [YEAR, NOTE]


@pytest.fixture(autouse=True)
def _fresh_config_cache():
    _config_in.cache_clear()
    yield
    _config_in.cache_clear()


def spans(findings) -> list[tuple[str, int, int]]:
    return [(f.rule, f.start, f.end) for f in findings]


def touch(path: Path, text: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_lint_text_reports_rule_and_offsets():
    text = "20xx年政务公开工作总结\n下面是小编为大家整理的工作总结,供大家参考。\n"
    findings = lint_text(text, select=BOTH)
    assert spans(findings) == [(YEAR, 0, 4), (NOTE, 14, 36)]
    assert findings[1].excerpt == "下面是小编为大家整理的工作总结,供大家参考。"
    assert findings[1].fix is not None and findings[1].fix.safe
    assert spans(lint_text(text, select=BOTH, ignore=["boilerplate"])) == [(YEAR, 0, 4)]


def test_lint_text_format_decides_markdown_look_alikes():
    text = "**年度重点**工作\n"
    assert spans(lint_text(text, "txt", select=[YEAR])) == [(YEAR, 0, 2)]
    assert lint_text(text, "md", select=[YEAR]) == []


def test_lint_text_with_a_config_file(tmp_path):
    config = touch(tmp_path / "gwlint.yaml", f"select: [{NOTE}]\nseverity: {{{NOTE}: info}}\n")
    findings = lint_text("20xx年\n小编为大家整理了这些范文。\n", config_path=config)
    assert [(f.rule, f.severity) for f in findings] == [(NOTE, "info")]


def test_lint_file_and_lint_bytes_return_file_results(tmp_path):
    linter = Linter(select=[YEAR])
    draft = touch(tmp_path / "a.txt", "20xx年工作总结\n")
    result = linter.lint_file(draft)
    assert isinstance(result, FileResult)
    assert (result.path, spans(result.findings), result.error) == (str(draft), [(YEAR, 0, 4)], None)
    assert result.document is not None and result.document.text == "20xx年工作总结\n"
    missing = linter.lint_file(tmp_path / "无此文件.txt")
    assert (missing.findings, missing.document, missing.error) == ([], None, "文件不存在")
    from_stdin = linter.lint_bytes("**年度重点**\n".encode(), "stdin.md")
    assert (from_stdin.path, from_stdin.findings, from_stdin.document.format) == ("stdin.md", [], "md")


def test_one_engine_per_config(tmp_path):
    touch(tmp_path / "gwlint.yaml", f"select: [{YEAR}]\n")
    touch(tmp_path / "sub" / "gwlint.yaml", f"select: [{NOTE}]\n")
    linter = Linter()
    engines = [
        linter.engine_for(linter.config_for(p))
        for p in (tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "sub" / "c.txt")
    ]
    assert engines[0] is engines[1] and engines[0] is not engines[2]
    assert [r.id for r in engines[0].rules] == [YEAR]
    assert [r.id for r in engines[2].rules] == [NOTE]


def test_collect_recurses_in_sorted_order_and_skips_what_is_not_a_draft(tmp_path):
    for name in [
        "b.txt", "a.md", "c.docx", "d.doc", "e.wps", "F.TXT", "子目录/g.txt", "子目录/深层/h.markdown",
        # not drafts, or not to be linted
        "notes.pdf", "script.py", "~$c.docx", "._c.docx", ".hidden.txt",
        ".git/x.txt", ".svn/x.txt", "node_modules/x.txt", ".venv/x.txt", "__pycache__/x.txt", ".drafts/x.txt",
    ]:  # fmt: skip
        touch(tmp_path / name)
    found = [p.relative_to(tmp_path).as_posix() for p in Linter().collect([tmp_path])]
    assert found == ["F.TXT", "a.md", "b.txt", "c.docx", "d.doc", "e.wps", "子目录/g.txt", "子目录/深层/h.markdown"]


def test_collect_keeps_named_files_and_lists_each_file_once(tmp_path):
    a = touch(tmp_path / "a.txt")
    other = touch(tmp_path / "readme.rst")
    found = list(Linter().collect([a, tmp_path, other, tmp_path / "a.txt", tmp_path / "missing.txt"]))
    assert found == [a, other, tmp_path / "missing.txt"]  # a named file is linted whatever its suffix


def test_collect_honours_the_nearest_config_excludes(tmp_path):
    touch(tmp_path / "gwlint.yaml", "exclude: [archive, '*.md']\n")
    touch(tmp_path / "office" / "gwlint.yaml", "exclude: ['old-*']\n")
    for name in [
        "a.txt",
        "a.md",
        "archive/b.txt",
        "office/old-c.txt",
        "office/c.txt",
        "office/c.md",
        "other/old-d.txt",
    ]:
        touch(tmp_path / name)
    found = [p.relative_to(tmp_path).as_posix() for p in Linter().collect([tmp_path])]
    # office/ has its own config, so the root's '*.md' does not apply there
    assert found == ["a.txt", "office/c.md", "office/c.txt", "other/old-d.txt"]


def test_a_named_excluded_file_is_linted_unless_force_exclude(tmp_path):
    touch(tmp_path / "gwlint.yaml", "exclude: [archive]\n")
    named = touch(tmp_path / "archive" / "b.txt")
    assert list(Linter().collect([named])) == [named]
    assert list(Linter().collect([named], force_exclude=True)) == []
    assert list(Linter().collect([tmp_path / "archive"])) == []


def test_collect_survives_a_symbolic_link_loop(tmp_path):
    touch(tmp_path / "drafts" / "a.txt")
    os.symlink(tmp_path, tmp_path / "drafts" / "loop")
    found = [p.relative_to(tmp_path).as_posix() for p in Linter().collect([tmp_path / "drafts"])]
    assert found == ["drafts/a.txt"]  # loop/ leads back to drafts/, which is being walked


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_a_folder_that_cannot_be_listed_is_reported(tmp_path):
    locked = tmp_path / "locked"
    touch(locked / "a.txt")
    locked.chmod(0)
    try:
        linter = Linter()
        found = list(linter.collect([tmp_path]))
        assert found == [locked]
        assert linter.lint_file(locked).error == "目录没有读取权限"
    finally:
        locked.chmod(0o755)
