"""The command line: files and folders, stdin, parallel runs, selection, exit codes, --fix."""

from __future__ import annotations

import codecs
import concurrent.futures
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from gwlint import __version__
from gwlint.cli import main
from gwlint.config import _config_in

YEAR, NOTE = "placeholder.masked-year", "boilerplate.editor-note"
BOTH = f"--select={YEAR},{NOTE}"
EDITOR_LINE = "下面是小编为大家整理的工作总结,供大家参考。"
DRAFT = f"20xx年政务公开工作总结\n{EDITOR_LINE}\n今年以来,我局认真贯彻落实上级部署。\n"
CLEAN = "2023年政务公开工作总结\n今年以来,我局认真贯彻落实上级部署。\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))


@pytest.fixture(autouse=True)
def _fresh_config_cache():
    _config_in.cache_clear()
    yield
    _config_in.cache_clear()


def write(path: Path, text: str = DRAFT, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *args: str) -> tuple[int, dict, str]:
    code, out, err = run(capsys, "--format", "json", *args)
    return code, json.loads(out), err


def found(report: dict, root: Path | None = None) -> list[tuple[str, list]]:
    """(path, [(rule, line, column)] or the error) for each file of a JSON report."""
    out = []
    for f in report["files"]:
        path = Path(f["path"]).relative_to(root).as_posix() if root else f["path"]
        detail = f["error"] if "error" in f else [(d["rule"], d["line"], d["column"]) for d in f["diagnostics"]]
        out.append((path, detail))
    return out


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) for p in root.rglob("*") if p.is_file()
    }


# -- files, folders, stdin ------------------------------------------------------------------
def test_folders_recurse_in_sorted_order_with_paths_as_given(tmp_path, capsys, monkeypatch):
    write(tmp_path / "drafts" / "b.txt")
    write(tmp_path / "drafts" / "a.md", CLEAN)
    write(tmp_path / "drafts" / "2023" / "c.txt", "**年以来\n", "gbk")
    write(tmp_path / "drafts" / ".git" / "x.txt")
    write(tmp_path / "drafts" / "node_modules" / "x.txt")
    write(tmp_path / "drafts" / "notes.pdf")
    monkeypatch.chdir(tmp_path)
    code, report, _ = run_json(capsys, BOTH, "drafts")
    assert code == 1
    assert found(report) == [
        ("drafts/2023/c.txt", [(YEAR, 1, 1)]),
        ("drafts/a.md", []),
        ("drafts/b.txt", [(YEAR, 1, 1), (NOTE, 2, 1)]),
    ]


def test_folder_excludes_come_from_the_config_nearest_each_file(tmp_path, capsys):
    write(tmp_path / "gwlint.yaml", "exclude: [archive]\n")
    write(tmp_path / "office" / "gwlint.yaml", "exclude: ['*-old.txt']\n")
    for name in ["a.txt", "archive/b.txt", "office/c.txt", "office/c-old.txt", "d-old.txt"]:
        write(tmp_path / name)
    _, report, _ = run_json(capsys, f"--select={YEAR}", str(tmp_path))
    assert [path for path, _ in found(report, tmp_path)] == ["a.txt", "d-old.txt", "office/c.txt"]
    named = str(tmp_path / "archive" / "b.txt")
    assert [p for p, _ in found(run_json(capsys, f"--select={YEAR}", named)[1])] == [named]
    code, out, err = run(capsys, "--format", "json", "--force-exclude", named)
    assert (code, json.loads(out)["files"]) == (0, [])


def test_stdin_with_a_file_name_for_format_and_config(tmp_path, capsys, monkeypatch):
    write(tmp_path / "gwlint.yaml", f"select: [{YEAR}]\n")
    monkeypatch.chdir(tmp_path)
    text = "**年度重点**工作\n20xx年以来\n"
    for name, expected in [("草稿.md", [(YEAR, 2, 1)]), ("草稿.txt", [(YEAR, 1, 1), (YEAR, 2, 1)])]:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("gbk"))))
        code, report, _ = run_json(capsys, "--stdin-filename", name, "-")
        assert (code, found(report)) == (1, [(name, expected)])


def test_stdin_that_is_not_text_is_exit_2(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(PNG)))
    code, report, err = run_json(capsys, "-")
    assert code == 2
    assert report["files"][0]["path"] == "stdin.txt" and "空字节" in report["files"][0]["error"]
    assert "stdin.txt" in err


def test_parallel_output_is_byte_identical_to_one_process(tmp_path, capsys, monkeypatch):
    drafts = tmp_path / "drafts"
    for i in range(30):
        text = [DRAFT, CLEAN, "**年以来\r\n" * (i % 4 + 1), f"第{i}号\n20xx年\n"][i % 4]
        write(drafts / f"{i // 10}" / f"{i:02d}-总结.txt", text, "gbk" if i % 3 == 0 else "utf-8")
    write(drafts / "1" / "坏文件.txt").write_bytes(PNG)
    pools = []

    class Pool(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            pools.append(args[0])
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Pool)
    outputs = {}
    for jobs in ("1", "2", "3"):
        code, out, _ = run(capsys, "--format", "json", BOTH, "--jobs", jobs, str(drafts))
        outputs[jobs] = (code, out)
    assert pools == [2, 3]  # --jobs 1 runs in this process; the others really use worker processes
    assert outputs["1"] == outputs["2"] == outputs["3"]
    assert outputs["1"][0] == 2  # the unreadable file
    assert len(json.loads(outputs["1"][1])["files"]) == 31


def test_gwlint_never_writes_to_the_files_it_lints(tmp_path, capsys):
    for i in range(12):
        write(tmp_path / f"{i:02d}.txt", DRAFT, "gbk" if i % 2 else "utf-8")
    write(tmp_path / "bad.txt").write_bytes(PNG)
    write(tmp_path / "gwlint.yaml", f"select: [{YEAR}, {NOTE}]\n")
    before = snapshot(tmp_path)
    for fmt in ("json", "text"):
        for jobs in ("1", "2"):
            assert run(capsys, "--format", fmt, "--jobs", jobs, str(tmp_path))[0] == 2
    assert snapshot(tmp_path) == before  # same bytes, same mtimes, no new file


# -- selection ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "options, rules",
    [
        ([f"--select={YEAR}"], [YEAR]),
        (["--select=placeholder"], [YEAR]),  # a category
        (["--select=placeholder.masked"], [YEAR]),  # a prefix of an id
        ([f"--select={YEAR},{NOTE}"], [YEAR, NOTE]),  # comma-separated
        ([f"--select={YEAR}", "--select", NOTE], [YEAR, NOTE]),  # repeated
        ([BOTH, "--ignore=boilerplate"], [YEAR]),
        ([BOTH, "--ignore", f" {YEAR} , boilerplate.editor"], []),
    ],
)
def test_select_and_ignore(tmp_path, capsys, options, rules):
    draft = write(tmp_path / "a.txt")
    _, report, _ = run_json(capsys, *options, str(draft))
    assert [d["rule"] for d in report["files"][0]["diagnostics"]] == rules


@pytest.mark.parametrize("option", ["--select=placehodler", "--ignore=boilerplate,typo.rule"])
def test_an_unknown_rule_or_category_is_a_usage_error(tmp_path, capsys, option):
    code, out, err = run(capsys, option, str(write(tmp_path / "a.txt")))
    assert (code, out) == (2, "")
    assert "未知的规则或类别" in err and option.split(",")[-1].split("=")[-1] in err


def test_a_category_without_rules_yet_is_a_valid_selector(tmp_path, capsys):
    code, report, _ = run_json(capsys, "--select=placeholder", "--ignore=punctuation", str(write(tmp_path / "a.txt")))
    assert code == 1


# -- exit codes and fail levels ------------------------------------------------------------
def test_exit_codes_and_fail_on(tmp_path, capsys):
    clean, draft = write(tmp_path / "clean.txt", CLEAN), write(tmp_path / "draft.txt")
    assert run(capsys, BOTH, "--format=json", str(clean))[0] == 0
    assert run(capsys, BOTH, "--format=json", str(draft))[0] == 1
    write(tmp_path / "gwlint.yaml", "severity: {placeholder: info, boilerplate: info}\n")
    _config_in.cache_clear()
    assert run(capsys, BOTH, "--format=json", str(draft))[0] == 0  # default fail level: warning
    assert run(capsys, BOTH, "--format=json", "--fail-on", "info", str(draft))[0] == 1


def test_a_missing_or_unreadable_file_is_exit_2_and_the_others_are_still_linted(tmp_path, capsys):
    draft = write(tmp_path / "a.txt")
    binary = write(tmp_path / "图片.txt")
    binary.write_bytes(PNG)
    missing = tmp_path / "无此文件.txt"
    code, report, err = run_json(capsys, f"--select={YEAR}", str(missing), str(draft), str(binary))
    assert code == 2
    assert found(report) == [
        (str(missing), "文件不存在"),
        (str(draft), [(YEAR, 1, 1)]),
        (str(binary), "不是文本文件(含有空字节;UTF-16 文件需带 BOM)"),
    ]
    assert f"{missing}: 文件不存在" in err and str(binary) in err


@pytest.mark.parametrize(
    "args",
    [[], ["--jobs", "0", "a.txt"], ["--format", "xml", "a.txt"], ["--fail-on", "fatal", "a.txt"], ["--bogus"]],
)
def test_usage_errors_are_exit_2(capsys, args):
    with pytest.raises(SystemExit) as exit_:
        main(args)
    assert exit_.value.code == 2
    assert "usage: gwlint" in capsys.readouterr().err


def test_no_file_found_is_said_and_is_not_an_error(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    code, out, err = run(capsys, "--format", "json", str(tmp_path / "empty"))
    assert (code, json.loads(out)["files"]) == (0, [])
    assert "没有找到要检查的文件" in err


def test_bad_input_never_shows_a_traceback(tmp_path):
    """A real process, as a user runs it: bad files and a bad config give messages, not tracebacks."""
    gwlint = [sys.executable, "-m", "gwlint"]
    write(tmp_path / "ok" / "a.txt")
    write(tmp_path / "ok" / "b.txt").write_bytes(PNG)
    write(tmp_path / "ok" / "c.txt").write_bytes(b"\xff\xfe" + "政务".encode("utf-16-le") + b"\x00\xd8")
    write(tmp_path / "broken" / "gwlint.yaml", "select: [placeholder\n")
    write(tmp_path / "broken" / "a.txt")
    runs = [
        (gwlint + ["--format=json", f"--select={YEAR}", str(tmp_path / "ok"), str(tmp_path / "no.txt")], "no.txt"),
        (gwlint + [str(tmp_path / "broken")], str(tmp_path / "broken" / "gwlint.yaml") + ":2:"),
        (gwlint + ["--config", str(tmp_path / "no.yaml"), str(tmp_path / "ok")], "no.yaml"),
        (gwlint + ["--explain", "no.such-rule"], "no.such-rule"),
    ]
    for args, named in runs:
        proc = subprocess.run(args, capture_output=True, text=True, timeout=60)
        assert proc.returncode == 2, (args, proc.stderr)
        assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
        assert named in proc.stderr


# -- rules and version ----------------------------------------------------------------------
def test_list_rules_explain_and_version(capsys):
    code, out, _ = run(capsys, "--list-rules", "--select=placeholder")
    assert code == 0 and YEAR in out and NOTE not in out
    code, out, _ = run(capsys, "--explain", YEAR)
    assert code == 0 and YEAR in out and "20xx年政务公开工作总结" in out
    code, out, err = run(capsys, "--explain", "placeholder.masked")
    assert code == 2 and YEAR in err  # the guess
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"gwlint {__version__}"


def test_text_output_names_file_rule_and_line(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "总结.txt")
    code, out, _ = run(capsys, f"--select={YEAR}", "总结.txt")
    assert code == 1
    assert "总结.txt" in out and YEAR in out and "1:1" in out
    assert "\x1b[" not in out  # not a terminal: plain text


# -- --fix and --diff --------------------------------------------------------------------------
SHARE = "boilerplate.share-prompt"
SHARE_PACK = """\
rules:
  - id: boilerplate.share-prompt
    category: boilerplate
    severity: warning
    kind: pattern
    message: "网页分享按钮的文字:“{match}”"
    explanation: 从网页复制时带进来的分享按钮文字,不属于公文,应删除。
    options:
      phrases: ["【分享到微信】"]
      fix: delete-match
      fix_title: 删除分享提示
    examples:
      bad: ["工作总结【分享到微信】"]
      good: ["工作总结"]
"""
FIX_LINES = [
    "20xx年政务公开工作总结",
    "今年以来,我局认真贯彻落实上级部署。【分享到微信】",
    "全年主动公开信息1,234条。",
    "",
]
FIXED_LINES = ["20xx年政务公开工作总结", "今年以来,我局认真贯彻落实上级部署。", "全年主动公开信息1,234条。", ""]


@pytest.fixture
def drafts(tmp_path: Path) -> Path:
    """A folder of drafts under a config that adds a rule with a safe fix (independent of the shipped fixes)."""
    write(tmp_path / "office-rules" / "share.yaml", SHARE_PACK)
    write(tmp_path / "gwlint.yaml", f"rule_folders: [office-rules]\nselect: [{SHARE}, {YEAR}]\n")
    (tmp_path / "drafts").mkdir()
    return tmp_path / "drafts"


@pytest.mark.parametrize(
    "encoding, bom, newline",
    [
        ("gb18030", b"", "\r\n"),
        ("utf-8", codecs.BOM_UTF8, "\n"),
        ("utf-8", b"", "\r"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "\r\n"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "\n"),
    ],
)
def test_fix_keeps_encoding_bom_and_line_ends_and_reports_what_remains(drafts, capsys, encoding, bom, newline):
    draft = drafts / "总结.txt"
    draft.write_bytes(bom + newline.join(FIX_LINES).encode(encoding))
    draft.chmod(0o640)
    code, report, err = run_json(capsys, "--fix", str(draft))
    assert draft.read_bytes() == bom + newline.join(FIXED_LINES).encode(encoding)
    assert found(report) == [(str(draft), [(YEAR, 1, 1)])]  # what is left after fixing
    assert (code, "已修复 1 处问题(1 个文件)" in err) == (1, True)
    assert oct(draft.stat().st_mode & 0o777) == oct(0o640)
    assert sorted(p.name for p in drafts.iterdir()) == ["总结.txt"]  # no temporary file left


def test_fix_repeats_until_no_safe_fix_is_left(drafts, capsys):
    draft = write(drafts / "a.md", "通知【分享到【分享到微信】微信】\n")
    code, report, err = run_json(capsys, "--fix", str(draft))
    assert draft.read_text(encoding="utf-8") == "通知\n"
    assert (code, found(report), "已修复 2 处问题" in err) == (0, [(str(draft), [])], True)


def test_fix_writes_through_a_symbolic_link(drafts, capsys):
    target = write(drafts / "real" / "总结.txt", "\n".join(FIX_LINES))
    link = drafts / "link.txt"
    link.symlink_to(target)
    run_json(capsys, "--fix", str(link))
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "\n".join(FIXED_LINES)


def test_fix_of_a_clean_file_changes_nothing(drafts, capsys):
    draft = write(drafts / "a.txt", CLEAN)
    before = snapshot(drafts)
    code, _, err = run_json(capsys, "--fix", str(draft))
    assert (code, snapshot(drafts), "已修复" in err) == (0, before, False)


def test_fix_leaves_word_files_alone_and_says_so(drafts, capsys):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in FIX_LINES[:2]:
        document.add_paragraph(line)
    path = drafts / "总结.docx"
    document.save(path)
    before = snapshot(drafts)
    code, report, err = run_json(capsys, "--fix", str(path))
    assert snapshot(drafts) == before
    assert f"{path}:--fix 只能修改 .txt/.md 文件" in err
    assert found(report) == [(str(path), [(YEAR, 1, 1), (SHARE, 2, 19)])]
    assert code == 1


def test_diff_shows_the_fix_without_writing(drafts, capsys):
    draft = write(drafts / "a.txt", "\n".join(FIX_LINES[:2]))
    before = snapshot(drafts)
    code, out, err = run(capsys, "--diff", str(draft))
    assert snapshot(drafts) == before
    assert (code, "可自动修复 1 处问题" in err) == (1, True)
    assert out.splitlines() == [
        f"--- {draft}",
        f"+++ {draft}",
        "@@ -1,2 +1,2 @@",
        " 20xx年政务公开工作总结",
        "-今年以来,我局认真贯彻落实上级部署。【分享到微信】",
        "\\ No newline at end of file",
        "+今年以来,我局认真贯彻落实上级部署。",
        "\\ No newline at end of file",
    ]
    assert run(capsys, "--diff", str(write(drafts / "clean.txt", CLEAN)))[:2] == (0, "")


def test_fix_is_refused_for_stdin(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--fix", "-"])
    assert exit_.value.code == 2


def test_odd_paths_are_reported_not_raised(tmp_path, capsys):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(tmp_path / "loop2.txt")
    (tmp_path / "loop2.txt").symlink_to(loop)
    too_long = tmp_path / ("长" * 200 + ".txt")
    code, report, _ = run_json(capsys, f"--select={YEAR}", str(loop), str(too_long), str(tmp_path))
    assert code == 2
    assert [(Path(f["path"]).name, "error" in f) for f in report["files"]] == [
        ("loop.txt", True),
        (too_long.name, True),
        ("loop2.txt", True),  # found in the folder; loop.txt is not listed twice
    ]
