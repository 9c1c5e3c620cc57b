"""--format sarif: a SARIF 2.1.0 log for code-scanning views (GitHub, GitLab, VS Code's SARIF viewer).

Columns are counted in Unicode code points, as everywhere in gwlint, and the run says so in
`columnKind`. For .docx files `startLine` is the paragraph number, as in the JSON output.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from gwlint import __version__
from gwlint.finding import Finding, Fix, Related
from gwlint.report import ReportContext, relative_path
from gwlint.report.positions import place, span

if TYPE_CHECKING:
    from gwlint.api import FileResult
    from gwlint.document import Document
    from gwlint.rulepack import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/gwlint/"
SRCROOT = "%SRCROOT%"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "gwlintFindingHash/v1"


# -- rules ---------------------------------------------------------------------------------------
def _camel(rule_id: str) -> str:
    """placeholder.masked-year -> PlaceholderMaskedYear (SARIF's `name` is an identifier, not prose)."""
    return "".join(part.capitalize() for part in rule_id.replace(".", "-").split("-"))


def _first_sentence(text: str) -> str:
    end = text.find("。")
    return text[: end + 1] if end >= 0 else text


def _examples_text(rule: Rule) -> str:
    lines = [rule.explanation]
    for label, examples in (("错误示例", rule.bad), ("正确示例", rule.good)):
        if examples:
            lines += ["", label + ":"]
            lines += ["  " + e.text.replace("\n", "\n  ") for e in examples]
    return "\n".join(lines)


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": _camel(rule.id),
        "shortDescription": {"text": _first_sentence(rule.explanation)},
        "fullDescription": {"text": rule.explanation},
        "help": {"text": _examples_text(rule)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"category": rule.category, "tags": [rule.category]},
    }


def _unknown_rule_descriptor(finding: Finding) -> dict[str, Any]:
    """A finding whose rule is not among the loaded ones still needs a rules[] entry to point at."""
    return {
        "id": finding.rule,
        "name": _camel(finding.rule),
        "shortDescription": {"text": finding.rule},
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
        "properties": {"category": finding.category, "tags": [finding.category]},
    }


# -- locations -----------------------------------------------------------------------------------
def artifact_location(path: str) -> dict[str, str]:
    """A URI reference relative to %SRCROOT% (the working directory), or a file: URI outside it."""
    relative = relative_path(path)
    if relative is None:
        return {"uri": Path(os.path.abspath(path)).as_uri()}
    return {"uri": quote(relative.as_posix(), safe="/"), "uriBaseId": SRCROOT}


def region(doc: Document, start: int, end: int) -> dict[str, Any]:
    """SARIF's endColumn is the column after the region, as gwlint's end_column is."""
    s = span(doc, start, end)
    return {"startLine": s["line"], "startColumn": s["column"], "endLine": s["end_line"], "endColumn": s["end_column"]}


def _physical(artifact: dict[str, str], doc: Document, start: int, end: int) -> dict[str, Any]:
    return {"artifactLocation": artifact, "region": region(doc, start, end)}


def _related(artifact: dict[str, str], doc: Document, related: Related, index: int) -> dict[str, Any]:
    return {
        "id": index,
        "physicalLocation": _physical(artifact, doc, related.start, related.end),
        "message": {"text": related.message},
    }


def _fix(artifact: dict[str, str], doc: Document, fix: Fix) -> dict[str, Any]:
    replacements = [
        {"deletedRegion": region(doc, e.start, e.end), "insertedContent": {"text": e.text}} for e in fix.edits
    ]
    return {
        "description": {"text": fix.title},
        "artifactChanges": [{"artifactLocation": artifact, "replacements": replacements}],
        "properties": {"safe": fix.safe},
    }


def fingerprints(doc: Document, findings: Sequence[Finding]) -> list[str]:
    """One per finding: a hash of rule, matched text and paragraph, so it survives edits elsewhere.

    ":n" numbers repeats, so the findings of a copied paragraph keep identities of their own.
    """
    paragraph_digests: dict[int, str] = {}  # a file without line breaks is one huge paragraph
    seen: Counter[str] = Counter()
    out = []
    for f in findings:
        index = doc.paragraph_index(f.start)
        if index not in paragraph_digests:
            paragraph_digests[index] = hashlib.sha256(doc.paragraphs[index].text.encode("utf-8")).hexdigest()
        payload = "\0".join((f.rule, f.excerpt, paragraph_digests[index]))
        digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]
        seen[digest] += 1
        out.append(f"{digest}:{seen[digest]}")
    return out


# -- results -------------------------------------------------------------------------------------
def results_for(result: FileResult, rule_index: dict[str, int]) -> list[dict[str, Any]]:
    doc = result.document
    assert doc is not None
    artifact = artifact_location(result.path)
    out = []
    for f, fingerprint in zip(result.findings, fingerprints(doc, result.findings), strict=True):
        physical = _physical(artifact, doc, f.start, f.end)
        if f.start == f.end:  # a document-level finding (a missing part): its whole first line, not a point
            physical["region"] = {"startLine": physical["region"]["startLine"]}
        else:
            physical["region"]["snippet"] = {"text": f.excerpt}
        location: dict[str, Any] = {"physicalLocation": physical}
        if doc.format == "docx":  # no line to show in a Word file: say where the paragraph is
            location["message"] = {"text": place(doc, f.start)}
        item: dict[str, Any] = {
            "ruleId": f.rule,
            "ruleIndex": rule_index[f.rule],
            "level": LEVELS[f.severity],
            "message": {"text": f.message},
            "locations": [location],
            "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
            "properties": {"category": f.category},
        }
        if f.related:
            item["relatedLocations"] = [_related(artifact, doc, r, i) for i, r in enumerate(f.related, 1)]
        if f.fix is not None and doc.format != "docx":  # edits address text lines, not a Word file's bytes
            item["fixes"] = [_fix(artifact, doc, f.fix)]
        if f.data:
            item["properties"]["data"] = f.data
        out.append(item)
    return out


def _notification(result: FileResult) -> dict[str, Any]:
    return {
        "level": "error",
        "message": {"text": f"无法读取:{result.error}"},
        "locations": [{"physicalLocation": {"artifactLocation": artifact_location(result.path)}}],
    }


def sarif_log(results: Sequence[FileResult], ctx: ReportContext) -> dict[str, Any]:
    descriptors = [rule_descriptor(ctx.rules[k]) for k in sorted(ctx.rules)]
    rule_index = {d["id"]: i for i, d in enumerate(descriptors)}
    for f in (f for r in results for f in r.findings):
        if f.rule not in rule_index:
            rule_index[f.rule] = len(descriptors)
            descriptors.append(_unknown_rule_descriptor(f))
    sarif_results = [item for r in results if r.error is None for item in results_for(r, rule_index)]
    failures = [_notification(r) for r in results if r.error is not None]
    invocation: dict[str, Any] = {"executionSuccessful": not failures}
    if failures:
        invocation["toolExecutionNotifications"] = failures
    driver = {
        "name": "gwlint",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": INFORMATION_URI,
        "language": "zh-CN",
        "rules": descriptors,
    }
    cwd = Path(os.path.abspath(os.getcwd())).as_uri().rstrip("/") + "/"
    run = {
        "tool": {"driver": driver},
        "invocations": [invocation],
        "originalUriBaseIds": {SRCROOT: {"uri": cwd}},
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def report(results: Sequence[FileResult], out: TextIO, ctx: ReportContext) -> None:
    # Compact: SARIF is read by tools (pipe it through `jq` to read it), uploads have size limits,
    # and json's C encoder only runs without indentation (ten times faster on a big log).
    out.write(json.dumps(sarif_log(results, ctx), ensure_ascii=False, separators=(",", ":")))
    out.write("\n")
