"""gwlint findings as LSP objects: diagnostics, edits, hovers."""

from __future__ import annotations

from lsprotocol import types

from gwlint.finding import Edit, Finding
from gwlint.report.rules import rule_anchor, rules_doc_path
from gwlint.rulepack import Rule
from lsp.textbuffer import TextBuffer

SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


def to_range(buffer: TextBuffer, start: int, end: int, encoding: str) -> types.Range:
    s = buffer.position_at(start, encoding)
    e = buffer.position_at(end, encoding)
    return types.Range(types.Position(*s), types.Position(*e))


def rule_href(rule_id: str) -> str:
    """The rule's section in the rules reference shipped with gwlint (docs/rules.md)."""
    return f"{rules_doc_path().as_uri()}#{rule_anchor(rule_id)}"


def to_diagnostic(finding: Finding, buffer: TextBuffer, uri: str, encoding: str) -> types.Diagnostic:
    related = [
        types.DiagnosticRelatedInformation(types.Location(uri, to_range(buffer, r.start, r.end, encoding)), r.message)
        for r in finding.related
    ]
    return types.Diagnostic(
        range=to_range(buffer, finding.start, finding.end, encoding),
        message=finding.message,
        severity=SEVERITY[finding.severity],
        code=finding.rule,
        code_description=types.CodeDescription(href=rule_href(finding.rule)),
        source="gwlint",
        related_information=related or None,
        data={"category": finding.category, **({"part": finding.data["part"]} if "part" in finding.data else {})},
    )


def to_text_edit(edit: Edit, buffer: TextBuffer, encoding: str) -> types.TextEdit:
    return types.TextEdit(to_range(buffer, edit.start, edit.end, encoding), edit.text)


def hover_markdown(rule: Rule) -> str:
    lines = [f"**gwlint `{rule.id}`**({rule.category},{rule.severity})", "", rule.explanation]
    if rule.bad:
        lines += ["", "错误示例:"] + [f"- ✗ {_one_line(e.text)}" for e in rule.bad[:3]]
    if rule.good:
        lines += ["", "正确示例:"] + [f"- ✓ {_one_line(e.text)}" for e in rule.good[:3]]
    return "\n".join(lines)


def _one_line(text: str, limit: int = 80) -> str:
    text = " ⏎ ".join(t for t in text.strip().splitlines() if t.strip())
    return text if len(text) <= limit else text[: limit - 1] + "…"
