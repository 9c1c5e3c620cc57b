"""docs/rules.md is generated from the rule packs; it must match them (regenerate when a rule changes)."""

from __future__ import annotations

from gwlint.report.rules import rule_anchor, rules_doc_path, rules_markdown
from gwlint.rulepack import builtin_rules_dir, load_rules


def test_rules_doc_is_up_to_date():
    rules = {r.id: r for r in load_rules([builtin_rules_dir()])}
    expected = rules_markdown(rules)
    actual = rules_doc_path().read_text(encoding="utf-8")
    assert actual == expected, "docs/rules.md is stale: run `python -m gwlint.report.rules > docs/rules.md`"


def test_every_rule_has_a_heading_its_link_anchor_points_to():
    text = rules_doc_path().read_text(encoding="utf-8")
    for rule in load_rules([builtin_rules_dir()]):
        assert f"\n### {rule.id}\n" in text
        assert rule_anchor(rule.id) == rule.id.replace(".", "")
