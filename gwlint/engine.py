"""Run the enabled rules over a document: select, re-grade, suppress, sort and de-duplicate."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from gwlint.config import Config
from gwlint.document import Document
from gwlint.finding import Finding
from gwlint.rulepack import Rule, builtin_rules_dir, load_rules
from gwlint.suppress import apply_suppressions


def matches(rule_id: str, selectors: Iterable[str]) -> bool:
    """Selectors are rule ids or prefixes of them; a category is such a prefix."""
    return any(rule_id.startswith(s) for s in selectors)


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

    @classmethod
    def from_config(cls, config: Config, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> Engine:
        """Rules of the built-in and configured packs, narrowed by the config, then by the command line."""
        rules = load_rules([builtin_rules_dir(), *config.rule_folders])
        rules = select_rules(rules, config.select, config.ignore)
        rules = select_rules(rules, select, ignore)
        return cls(rules, config.severity, config.document_types)

    def lint(self, doc: Document) -> list[Finding]:
        findings = []
        for rule in self.rules:
            level = self.severity.get(rule.id)
            for hit in rule.checker.run(doc):
                findings.append(rule.finding(doc, hit, level))
        findings = apply_suppressions(doc, findings)
        unique = {(f.start, f.end, f.rule): f for f in findings}
        return [unique[k] for k in sorted(unique)]
