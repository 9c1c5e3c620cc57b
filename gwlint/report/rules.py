"""--list-rules and --explain RULE_ID: the rule packs as documentation (plain text, no rich: it must start fast)."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from gwlint.finding import CATEGORIES
from gwlint.report import CATEGORY_NAMES, SEVERITY_NAMES, relative_path

if TYPE_CHECKING:
    from gwlint.rulepack import Example, Rule

SUMMARY_MAX = 60  # characters of the explanation shown per rule in the list


def _summary(explanation: str) -> str:
    text = " ".join(explanation.split())
    end = text.find("。")
    if end >= 0:
        text = text[: end + 1]
    return text if len(text) <= SUMMARY_MAX else text[: SUMMARY_MAX - 1] + "…"


def _category_order(rules: dict[str, Rule]) -> list[str]:
    present = {r.category for r in rules.values()}
    return [c for c in CATEGORIES if c in present] + sorted(present - set(CATEGORIES))


def list_rules(rules: dict[str, Rule], out: TextIO) -> int:
    """Every loaded rule by category: id, severity, the first sentence of its explanation."""
    if not rules:
        print("没有启用的规则。", file=out)
        return 0
    id_width = max(len(rule_id) for rule_id in rules)
    for category in _category_order(rules):
        name = CATEGORY_NAMES.get(category)
        print(f"{category}({name})" if name else category, file=out)
        for rule in sorted((r for r in rules.values() if r.category == category), key=lambda r: r.id):
            print(f"  {rule.id:<{id_width}}  {rule.severity:<7}  {_summary(rule.explanation)}", file=out)
    print(f"\n共 {len(rules)} 条规则;gwlint --explain 规则编号 查看说明与示例。", file=out)
    return 0


def _example_lines(mark: str, example: Example) -> list[str]:
    text = example.text.rstrip("\n").replace("\n", "\n    ")
    line = f"  {mark} {text}"
    if example.match is not None:
        line += f"\n    → 报告“{example.match}”"
    return [line]


def explain(rules: dict[str, Rule], rule_id: str, out: TextIO) -> int:
    """The rule's explanation and examples, like `ruff rule`; 2 with a hint for an unknown id."""
    rule = rules.get(rule_id)
    if rule is None:
        print(f"gwlint: 未知的规则编号“{rule_id}”", file=sys.stderr)
        guesses = [r for r in sorted(rules) if r.startswith(rule_id)][:8]
        guesses = guesses or difflib.get_close_matches(rule_id, sorted(rules), n=3, cutoff=0.6)
        if guesses:
            print(f"是否要查:{'、'.join(guesses)}", file=sys.stderr)
        print("用 gwlint --list-rules 查看全部规则。", file=sys.stderr)
        return 2
    category = CATEGORY_NAMES.get(rule.category)
    lines = [
        rule.id,
        f"  类别:{rule.category}" + (f"({category})" if category else ""),
        f"  级别:{rule.severity}({SEVERITY_NAMES[rule.severity]})",
        f"  检查类型:{rule.kind}",
        f"  消息:{rule.message}",
        "",
        rule.explanation,
    ]
    if rule.bad:
        lines += ["", "错误示例(会被报告):"]
        lines += [line for example in rule.bad for line in _example_lines("✗", example)]
    if rule.good:
        lines += ["", "正确示例(不会报告):"]
        lines += [line for example in rule.good for line in _example_lines("✓", example)]
    if rule.source:
        relative = relative_path(rule.source)
        lines += ["", f"定义于:{relative.as_posix() if relative else rule.source}:{rule.line}"]
    print("\n".join(lines), file=out)
    return 0


def rules_doc_path() -> Path:
    """docs/rules.md: inside the installed wheel as gwlint/docs/rules.md, or at the repository top."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "docs" / "rules.md"
    return packaged if packaged.is_file() else here.parent / "docs" / "rules.md"


def rule_anchor(rule_id: str) -> str:
    """The heading anchor Markdown renderers (GitHub, VS Code) give `### rule.id`."""
    return rule_id.lower().replace(".", "")


def rules_markdown(rules: dict[str, Rule]) -> str:
    """The rules reference (docs/rules.md), generated from the packs so it never drifts from them."""
    lines = [
        "# gwlint 规则说明",
        "",
        "本文件由 `python -m gwlint.report.rules > docs/rules.md` 从 `rules/*.yaml` 生成,请勿手工修改。",
    ]
    for category in _category_order(rules):
        name = CATEGORY_NAMES.get(category)
        lines += ["", f"## {category}({name})" if name else f"## {category}"]
        for rule in sorted((r for r in rules.values() if r.category == category), key=lambda r: r.id):
            level = SEVERITY_NAMES.get(rule.severity, rule.severity)
            lines += ["", f"### {rule.id}", "", f"级别:{level};检查类型:`{rule.kind}`", ""]
            lines += [rule.explanation.strip(), ""]
            for title, examples in (("错误示例", rule.bad), ("正确示例", rule.good)):
                lines += [f"{title}:", "", "```text"]
                for example in examples:
                    lines += [example.text.rstrip("\n"), ""] if "\n" in example.text.strip() else [example.text]
                if lines[-1] == "":
                    lines.pop()
                lines += ["```", ""]
            lines.pop()
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    from gwlint.rulepack import builtin_rules_dir, load_rules

    sys.stdout.write(rules_markdown({r.id: r for r in load_rules([builtin_rules_dir()])}))
