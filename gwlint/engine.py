"""Run the enabled rules over a document: select, re-grade, suppress, sort and de-duplicate."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from gwlint.document import Document
from gwlint.errors import ConfigError
from gwlint.finding import Finding
from gwlint.kinds import KINDS
from gwlint.rulepack import Rule
from gwlint.suppress import apply_suppressions


def matches(rule_id: str, selectors: Iterable[str]) -> bool:
    """Selectors are rule ids or prefixes of them; a category is such a prefix."""
    return any(rule_id.startswith(s) for s in selectors)


def with_document_types(rule: Rule, document_types: object) -> Rule:
    """The rule recompiled with the project's `document_types` (gwlint.yaml), if its kind reads them.

    A kind opts in by declaring an option named `document_types`: the pack's options (the built-in
    types) stay as written, the engine fills that one field from the config, and the kind merges
    the project's settings over its own. Other rules are returned as they are.
    """
    if not any(f.name == "document_types" for f in dataclasses.fields(rule.options)):
        return rule
    options = dataclasses.replace(rule.options, document_types=document_types)
    try:
        checker = KINDS[rule.kind].compile(options)
    except (ValueError, TypeError, KeyError) as err:
        raise ConfigError("<config>", str(err), getattr(document_types, "line", None), "document_types") from None
    return dataclasses.replace(rule, options=options, checker=checker)


def select_rules(rules: Sequence[Rule], select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Rule]:
    select, ignore = tuple(select), tuple(ignore)
    return [r for r in rules if (not select or matches(r.id, select)) and not matches(r.id, ignore)]


class Engine:
    def __init__(
        self,
        rules: Sequence[Rule],
        severity: Iterable[tuple[str, str]] = (),
        document_types: object = None,
    ) -> None:
        self.rules = list(rules)
        # The longest matching selector wins, so `placeholder: info` and
        # `placeholder.masked-year: error` can be combined.
        overrides = sorted(severity, key=lambda kv: len(kv[0]))
        self.severity = {}
        for rule in self.rules:
            for selector, level in overrides:
                if rule.id.startswith(selector):
                    self.severity[rule.id] = level
        self.document_types = document_types
        if document_types is not None:
            self.rules = [with_document_types(rule, document_types) for rule in self.rules]

    def lint(self, doc: Document) -> list[Finding]:
        findings = []
        for rule in self.rules:
            level = self.severity.get(rule.id)
            for hit in rule.checker.run(doc):
                findings.append(rule.finding(doc, hit, level))
        findings = apply_suppressions(doc, findings)
        unique = {(f.start, f.end, f.rule): f for f in findings}
        return [unique[k] for k in sorted(unique)]
