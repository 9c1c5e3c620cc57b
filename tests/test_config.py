"""Configuration: gwlint.yaml / [tool.gwlint], found walking up; user rule packs; errors located by file, line, key."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from gwlint.api import Linter
from gwlint.cli import main
from gwlint.config import _config_in, _glob_regex, find_config_file, load_config
from gwlint.errors import ConfigError

YEAR, NOTE = "placeholder.masked-year", "boilerplate.editor-note"
DRAFT = "20xx年政务公开工作总结\n下面是小编为大家整理的工作总结,供大家参考。\n"

UNIT_PACK = """\
rules:
  - id: placeholder.unit-name
    category: placeholder
    severity: warning
    kind: pattern
    message: "单位名称未填写:“{match}”"
    explanation: 范文中的单位名称写作 xx局、XX办,照抄后必须换成本单位名称。
    options:
      patterns: ['[xX]{2}(?:局|办|委)']
    examples:
      bad: ["xx局召开专题会议"]
      good: ["市数据局召开专题会议"]
"""


@pytest.fixture(autouse=True)
def _fresh_config_cache():
    _config_in.cache_clear()
    yield
    _config_in.cache_clear()


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def lint_json(capsys, *args: str) -> tuple[int, dict, str]:
    code = main(["--format", "json", *args])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else {}), err


def rules_by_file(report: dict) -> dict[str, list[str]]:
    return {Path(f["path"]).name: [d["rule"] for d in f.get("diagnostics", [])] for f in report["files"]}


# -- discovery ----------------------------------------------------------------------------
def test_the_nearest_config_walking_up_applies_to_each_file(tmp_path, capsys):
    write(tmp_path / "gwlint.yaml", f"select: [{YEAR}, {NOTE}]\n")
    write(tmp_path / "办公室" / "gwlint.yaml", f"select: [{NOTE}]\n")
    write(tmp_path / "总结.txt", DRAFT)
    write(tmp_path / "办公室" / "2023" / "总结.txt", DRAFT)
    code, report, _ = lint_json(capsys, str(tmp_path))
    assert code == 1
    assert [
        (Path(f["path"]).relative_to(tmp_path).as_posix(), [d["rule"] for d in f["diagnostics"]])
        for f in report["files"]
    ] == [
        ("办公室/2023/总结.txt", [NOTE]),
        ("总结.txt", [YEAR, NOTE]),
    ]
    assert (
        find_config_file(tmp_path / "办公室" / "2023" / "总结.txt") == (tmp_path / "办公室" / "gwlint.yaml").resolve()
    )


def test_pyproject_tool_table_is_a_config_and_gwlint_yaml_wins_in_the_same_folder(tmp_path):
    write(tmp_path / "pyproject.toml", f'[project]\nname = "x"\n\n[tool.gwlint]\nselect = ["{NOTE}"]\n')
    assert load_config(find_config_file(tmp_path / "a.txt")).select == (NOTE,)
    assert Linter().lint_file(write(tmp_path / "a.txt", DRAFT)).findings[0].rule == NOTE
    write(tmp_path / "gwlint.yaml", f"select: [{YEAR}]\n")
    _config_in.cache_clear()
    assert find_config_file(tmp_path / "a.txt").name == "gwlint.yaml"


def test_a_pyproject_without_the_tool_table_is_passed_over(tmp_path):
    write(tmp_path / "gwlint.yaml", f"select: [{YEAR}]\n")
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    assert find_config_file(tmp_path / "sub" / "a.txt") == (tmp_path / "gwlint.yaml").resolve()


def test_config_option_replaces_discovery(tmp_path, capsys):
    write(tmp_path / "gwlint.yaml", f"select: [{YEAR}]\n")
    other = write(tmp_path / "elsewhere" / "strict.yaml", f"select: [{NOTE}]\n")
    write(tmp_path / "a.txt", DRAFT)
    code, report, _ = lint_json(capsys, "--config", str(other), str(tmp_path / "a.txt"))
    assert rules_by_file(report) == {"a.txt": [NOTE]}


# -- selection and severity ------------------------------------------------------------------
def test_config_select_and_ignore_by_prefix(tmp_path):
    write(tmp_path / "gwlint.yaml", "select: [placeholder, boilerplate]\nignore: [boilerplate.editor]\n")
    findings = Linter().lint_file(write(tmp_path / "a.txt", DRAFT)).findings
    assert {f.rule for f in findings} == {YEAR}


def test_command_line_select_replaces_the_config_select_and_ignore_adds(tmp_path, capsys):
    write(tmp_path / "gwlint.yaml", f"select: [{YEAR}]\nignore: [placeholder]\n")
    write(tmp_path / "a.txt", DRAFT)
    _, report, _ = lint_json(capsys, "--select", f"{YEAR},{NOTE}", str(tmp_path / "a.txt"))
    assert rules_by_file(report) == {"a.txt": [NOTE]}  # the config's ignore still holds


def test_severity_regrading_by_id_and_prefix_longest_wins(tmp_path, capsys):
    write(
        tmp_path / "gwlint.yaml",
        f"""\
        select: [{YEAR}, {NOTE}]
        severity:
          placeholder: info
          boilerplate: info
          {NOTE}: warning
        """,
    )
    write(tmp_path / "a.txt", DRAFT)
    code, report, _ = lint_json(capsys, str(tmp_path / "a.txt"))
    assert [(d["rule"], d["severity"]) for d in report["files"][0]["diagnostics"]] == [
        (YEAR, "info"),
        (NOTE, "warning"),
    ]
    assert code == 1
    assert lint_json(capsys, "--fail-on", "error", str(tmp_path / "a.txt"))[0] == 0


def test_fail_on_from_the_config(tmp_path, capsys):
    write(tmp_path / "gwlint.yaml", f"select: [{YEAR}]\nseverity: {{placeholder: warning}}\nfail_on: error\n")
    write(tmp_path / "a.txt", DRAFT)
    assert lint_json(capsys, str(tmp_path / "a.txt"))[0] == 0
    assert lint_json(capsys, "--fail-on", "warning", str(tmp_path / "a.txt"))[0] == 1


def test_fail_on_in_an_explicit_config_file(tmp_path, capsys):
    config = write(tmp_path / "ci.yaml", f"select: [{YEAR}]\nseverity: {{placeholder: info}}\nfail_on: info\n")
    write(tmp_path / "a.txt", DRAFT)
    assert lint_json(capsys, "--config", str(config), str(tmp_path / "a.txt"))[0] == 1


def test_document_types_reach_the_engine(tmp_path):
    write(tmp_path / "gwlint.yaml", "document_types:\n  活动方案: false\n")
    linter = Linter()
    engine = linter.engine_for(linter.config_for(tmp_path / "a.txt"))
    assert engine.document_types == {"活动方案": False}


# -- user rule packs -----------------------------------------------------------------------
def test_a_rule_folder_adds_rules_of_an_existing_kind(tmp_path, capsys):
    write(tmp_path / "office-rules" / "units.yaml", UNIT_PACK)
    write(tmp_path / "gwlint.yaml", f"rule_folders: [office-rules]\nselect: [placeholder.unit-name, {YEAR}]\n")
    write(tmp_path / "drafts" / "a.txt", "20xx年xx局工作总结\n市数据局召开会议\n")
    code, report, _ = lint_json(capsys, str(tmp_path / "drafts"))
    diagnostics = report["files"][0]["diagnostics"]
    assert [(d["rule"], d["line"], d["column"], d["excerpt"], d["severity"]) for d in diagnostics] == [
        (YEAR, 1, 1, "20xx", "error"),
        ("placeholder.unit-name", 1, 6, "xx局", "warning"),
    ]
    assert diagnostics[1]["message"] == "单位名称未填写:“xx局”"
    assert code == 1


def test_rules_of_a_user_pack_can_be_listed_and_explained(tmp_path, capsys, monkeypatch):
    write(tmp_path / "office-rules" / "units.yaml", UNIT_PACK)
    write(tmp_path / "gwlint.yaml", "rule_folders: [office-rules]\n")
    monkeypatch.chdir(tmp_path)
    assert main(["--list-rules"]) == 0
    assert "placeholder.unit-name" in capsys.readouterr().out
    assert main(["--explain", "placeholder.unit-name"]) == 0
    assert "xx局召开专题会议" in capsys.readouterr().out


# -- exclude globs -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "pattern, path, excluded",
    [
        ("archive", "archive/a.txt", True),
        ("archive", "2023/archive/a.txt", True),  # a bare name matches at any depth
        ("archive", "archives/a.txt", False),
        ("/archive", "2023/archive/a.txt", False),  # a leading slash anchors at the config
        ("/archive", "archive/a.txt", True),
        ("drafts/old", "drafts/old/a.txt", True),
        ("drafts/old", "x/drafts/old/a.txt", False),
        ("archive/", "archive/a.txt", True),
        ("*.md", "notes/readme.md", True),
        ("*.md", "notes/readme.txt", False),
        ("drafts/*.docx", "drafts/a.docx", True),
        ("drafts/*.docx", "drafts/sub/a.docx", False),
        ("drafts/**/*.docx", "drafts/sub/deeper/a.docx", True),
        ("**/模板/**", "办公室/模板/x.txt", True),
        ("20[0-9][0-9]-*.txt", "2023-总结.txt", True),
        ("20[!2]?-*.txt", "2023-总结.txt", False),
        ("?.txt", "a.txt", True),
        ("?.txt", "ab.txt", False),
    ],
)
def test_exclude_glob_semantics(pattern, path, excluded):
    assert bool(_glob_regex(pattern).match(path)) is excluded


# -- invalid configs: exit 2 with file, line and key ---------------------------------------
CONFIG_ERRORS = {
    "yaml-syntax": ("select: [placeholder\nignore: []\n", 2, None),
    "unknown-key": ("select: [placeholder]\nselct: [boilerplate]\n", 2, "selct"),
    "wrong-type-select": ("select: 5\n", 1, "select"),
    "wrong-type-exclude": ("ignore: []\nexclude: {archive: true}\n", 2, "exclude"),
    "unknown-severity": ("severity:\n  placeholder: warning\n  boilerplate: fatal\n", 3, "severity.boilerplate"),
    "wrong-type-severity": ("severity: [placeholder]\n", 1, "severity"),
    "unknown-fail-on": ("select: []\n\nfail_on: critical\n", 3, "fail_on"),
    "missing-rule-folder": ("rule_folders:\n  - office-rules\n", 1, "rule_folders"),
    "unknown-selector": ("ignore: [boilerplate]\nselect: [placehodler]\n", 2, "select"),
    "unknown-severity-selector": (
        "severity:\n  placeholder: info\n  placehodler.year: info\n",
        3,
        "severity.placehodler.year",
    ),
    "duplicate-key": ("select: [placeholder]\nselect: [boilerplate]\n", 2, "select"),
    "document-types-not-mapping": ("document_types: [总结]\n", 1, "document_types"),
    "document-types-unknown-key": (
        "select: [missing-part]\ndocument_types:\n  总结:\n    required: [问题]\n",
        2,
        "document_types",
    ),
}


@pytest.mark.parametrize("name", CONFIG_ERRORS)
def test_an_invalid_config_is_exit_2_naming_file_line_and_key(tmp_path, capsys, name):
    text, line, key = CONFIG_ERRORS[name]
    config = write(tmp_path / "gwlint.yaml", text)
    write(tmp_path / "a.txt", DRAFT)
    code = main(["--format", "json", str(tmp_path / "a.txt")])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""  # nothing is linted under a broken config
    assert f"{config.resolve()}:{line}:" in err
    if key:
        assert f": {key}:" in err
    assert "Traceback" not in err


PYPROJECT_ERRORS = {
    "unknown-key": (
        '[project]\nname = "x"\n\n[tool.gwlint]\nselect = ["placeholder"]\nselct = []\n',
        6,
        "tool.gwlint.selct",
    ),
    "severity": (
        '[tool.gwlint]\nselect = []\n\n[tool.gwlint.severity]\nplaceholder = "fatal"\n',
        5,
        "tool.gwlint.severity.placeholder",
    ),
    "toml-syntax": ('[tool.gwlint]\nselect = ["placeholder"\n', 2, None),
}


@pytest.mark.parametrize("name", PYPROJECT_ERRORS)
def test_an_invalid_pyproject_table_is_located_too(tmp_path, name):
    text, line, key = PYPROJECT_ERRORS[name]
    write(tmp_path / "pyproject.toml", text)
    with pytest.raises(ConfigError) as err:
        Linter().config_for(tmp_path / "a.txt")
    assert (err.value.line, err.value.key) == (line, key)
    assert err.value.file == str((tmp_path / "pyproject.toml").resolve())


def test_a_missing_or_directory_config_option_is_exit_2(tmp_path, capsys):
    write(tmp_path / "a.txt", DRAFT)
    for config in (tmp_path / "no-such.yaml", tmp_path):
        assert main(["--config", str(config), str(tmp_path / "a.txt")]) == 2
        err = capsys.readouterr().err
        assert str(config) in err and "Traceback" not in err


def _rule(**changes: str) -> str:
    """The unit-name pack with some lines changed (a key set to None is removed)."""
    lines = UNIT_PACK.splitlines()
    out = []
    for line in lines:
        key = line.strip().removeprefix("- ").split(":")[0]
        if key in changes:
            if changes[key] is not None:
                out.append(line.split(key)[0] + changes[key])
            continue
        out.append(line)
    return "\n".join(out) + "\n"


PACK_ERRORS = {
    "yaml-syntax": ("rules:\n  - id: placeholder.a\n    category: [placeholder\n", 4, None),
    "unknown-key": (_rule(message='mesage: "单位名称未填写"'), 6, "mesage"),
    "wrong-type": (_rule(message="message: [单位名称未填写]"), 6, "message"),
    "wrong-option-type": (_rule(patterns="patterns: '[xX]{2}局'"), 9, "options.patterns"),
    "unknown-option": (_rule(patterns="paterns: ['[xX]{2}局']"), 9, "options.paterns"),
    "unknown-kind": (_rule(kind="kind: regex"), 5, "kind"),
    "unknown-severity": (_rule(severity="severity: fatal"), 4, "severity"),
    "unknown-category": (_rule(category="category: template"), 3, "category"),
    "bad-regex": (_rule(patterns="patterns: ['[xX]{2}(?:局|办']"), 8, "options"),
    "id-not-prefixed": (_rule(id="id: unit-name"), 2, "id"),
    "id-of-another-category": (_rule(id="id: boilerplate.unit-name"), 2, "id"),
    "duplicate-id": (UNIT_PACK + UNIT_PACK.removeprefix("rules:\n"), 13, "id"),
    "duplicate-builtin-id": (_rule(id=f"id: {YEAR}"), 2, "id"),
}


@pytest.mark.parametrize("name", PACK_ERRORS)
def test_an_invalid_rule_pack_is_exit_2_naming_file_line_and_key(tmp_path, capsys, name):
    text, line, key = PACK_ERRORS[name]
    pack = write(tmp_path / "office-rules" / "units.yaml", text)
    write(tmp_path / "gwlint.yaml", "rule_folders: [office-rules]\n")
    write(tmp_path / "a.txt", DRAFT)
    code = main(["--format", "json", str(tmp_path / "a.txt")])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert f"{pack.resolve()}:{line}:" in err, err
    if key:
        assert f": {key}:" in err, err
    assert "Traceback" not in err


def test_a_duplicate_id_across_two_user_packs_names_the_second(tmp_path):
    write(tmp_path / "office-rules" / "a.yaml", UNIT_PACK)
    second = write(tmp_path / "office-rules" / "b.yaml", UNIT_PACK)
    write(tmp_path / "gwlint.yaml", "rule_folders: [office-rules]\n")
    linter = Linter()
    with pytest.raises(ConfigError) as err:
        linter.engine_for(linter.config_for(tmp_path / "a.txt"))
    assert (err.value.file, err.value.line, err.value.key) == (str(second.resolve()), 2, "id")
    assert "a.yaml:2" in err.value.message
