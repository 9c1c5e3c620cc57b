"""Every rule's own good and bad examples, run with only that rule enabled (rule id = test id)."""

from __future__ import annotations

import pytest

from gwlint.document import Document
from gwlint.engine import Engine
from gwlint.rulepack import builtin_rules_dir, load_rules

RULES = load_rules([builtin_rules_dir()])
CASES = [
    pytest.param(rule, example, bad, id=f"{rule.id}-{'bad' if bad else 'good'}{i}")
    for rule in RULES
    for bad, examples in ((True, rule.bad), (False, rule.good))
    for i, example in enumerate(examples, 1)
]


def lint_with(rule, text: str):
    return Engine([rule]).lint(Document.from_text(text, "example.txt"))


@pytest.mark.parametrize("rule, example, bad", CASES)
def test_rule_example(rule, example, bad):
    findings = lint_with(rule, example.text)
    if not bad:
        assert findings == [], f"good example flagged: {[f.excerpt for f in findings]}"
        return
    assert findings, f"bad example not flagged: {example.text!r}"
    assert {f.rule for f in findings} == {rule.id}
    if example.match is not None:
        assert example.match in [f.excerpt for f in findings], [f.excerpt for f in findings]


def test_fixes_of_bad_examples_remove_the_finding():
    """Applying a rule's own fix to its bad example leaves a text the rule no longer flags."""
    from gwlint.fix import apply_fixes

    checked = 0
    for rule in RULES:
        for example in rule.bad:
            findings = lint_with(rule, example.text)
            if not any(f.fix and f.fix.safe for f in findings):
                continue
            fixed = apply_fixes(example.text, findings)
            assert lint_with(rule, fixed) == [], (rule.id, example.text, fixed)
            checked += 1
    assert checked > 0
