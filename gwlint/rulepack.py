"""Rule packs: YAML files under rules/ (and users' folders) declaring rules of the check kinds."""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from gwlint.document import Document
from gwlint.errors import ConfigError
from gwlint.finding import CATEGORIES, SEVERITIES, Finding, Hit
from gwlint.kinds import KINDS, Checker
from gwlint.kinds.options import build_options
from gwlint.yamlio import LineDict, load_yaml

RULE_KEYS = {"id", "category", "severity", "kind", "message", "explanation", "options", "examples"}
REQUIRED_KEYS = ("id", "category", "severity", "kind", "message", "explanation")
EXCERPT_MAX = 200


def builtin_rules_dir() -> Path:
    """rules/ inside the installed wheel, or at the repository top in a source checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "rules"
    return packaged if packaged.is_dir() else here.parent / "rules"


@dataclass(frozen=True)
class Example:
    text: str
    match: str | None = None  # for bad examples: the excerpt the rule must report


@dataclass
class Rule:
    id: str
    category: str
    severity: str
    kind: str
    message: str
    explanation: str
    options: Any
    bad: tuple[Example, ...] = ()
    good: tuple[Example, ...] = ()
    source: str = ""
    line: int = 0
    checker: Checker = field(default=None, repr=False)  # type: ignore[assignment]

    def finding(self, doc: Document, hit: Hit, severity: str | None = None) -> Finding:
        excerpt = doc.text[hit.start : hit.end]
        if len(excerpt) > EXCERPT_MAX:
            excerpt = excerpt[: EXCERPT_MAX - 1] + "…"
        return Finding(
            rule=self.id,
            category=self.category,
            severity=severity or self.severity,
            message=_format(self.message, {"match": excerpt, **hit.fields}),
            start=hit.start,
            end=hit.end,
            excerpt=excerpt,
            related=hit.related,
            fix=hit.fix,
            data=hit.data,
        )


class _Fields(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _format(template: str, fields: dict[str, Any]) -> str:
    return string.Formatter().vformat(template, (), _Fields(fields))


def _examples(raw: Any, file: str, line: int, which: str) -> tuple[Example, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ConfigError(file, "应为列表", line, f"examples.{which}")
    out = []
    for item in raw:
        if isinstance(item, str):
            out.append(Example(item))
        elif isinstance(item, dict) and set(item) <= {"text", "match"} and isinstance(item.get("text"), str):
            out.append(Example(item["text"], item.get("match")))
        else:
            raise ConfigError(file, "示例应为字符串或 {text, match}", line, f"examples.{which}")
    return tuple(out)


def parse_rule(raw: LineDict, file: str) -> Rule:
    line = raw.line
    if not isinstance(raw, dict):
        raise ConfigError(file, "规则应为映射", line)
    for key in raw:
        if key not in RULE_KEYS:
            raise ConfigError(file, f"未知的键(可用:{'、'.join(sorted(RULE_KEYS))})", raw.line_of(key), key)
    for key in REQUIRED_KEYS:
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise ConfigError(file, "缺少或不是字符串", raw.line_of(key), key)
    rule_id, category, kind = raw["id"], raw["category"], raw["kind"]
    if category not in CATEGORIES:
        raise ConfigError(file, f"未知类别(可用:{'、'.join(CATEGORIES)})", raw.line_of("category"), "category")
    if not rule_id.startswith(category + "."):
        raise ConfigError(file, f"规则编号须以类别“{category}.”开头", raw.line_of("id"), "id")
    if raw["severity"] not in SEVERITIES:
        raise ConfigError(file, f"未知级别(可用:{'、'.join(SEVERITIES)})", raw.line_of("severity"), "severity")
    if kind not in KINDS:
        raise ConfigError(file, f"未知检查类型(可用:{'、'.join(KINDS)})", raw.line_of("kind"), "kind")
    module = KINDS[kind]
    options = build_options(module.Options, raw.get("options"), file, raw.line_of("options"))
    try:
        checker = module.compile(options)
    except (ValueError, TypeError, KeyError, re.error, regex.error) as err:  # regex errors are no ValueError
        raise ConfigError(file, f"选项无效:{err}", raw.line_of("options"), "options") from None
    examples = raw.get("examples") or {}
    if not isinstance(examples, dict) or not set(examples) <= {"bad", "good"}:
        raise ConfigError(file, "examples 只能有 bad 与 good", raw.line_of("examples"), "examples")
    ex_line = raw.line_of("examples")
    return Rule(
        id=rule_id,
        category=category,
        severity=raw["severity"],
        kind=kind,
        message=raw["message"],
        explanation=raw["explanation"].strip(),
        options=options,
        bad=_examples(examples.get("bad"), file, ex_line, "bad"),
        good=_examples(examples.get("good"), file, ex_line, "good"),
        source=file,
        line=line,
        checker=checker,
    )


def load_pack_file(path: Path) -> list[Rule]:
    data = load_yaml(path)
    file = str(path)
    if data is None:
        return []
    if not isinstance(data, dict) or set(data) - {"rules"}:
        extra = next(iter(set(data) - {"rules"}), None) if isinstance(data, dict) else None
        raise ConfigError(file, "规则包顶层只能有 rules 列表", data.line_of(extra) if extra else 1, extra)
    rules = data.get("rules") or []
    if not isinstance(rules, list):
        raise ConfigError(file, "应为列表", data.line_of("rules"), "rules")
    return [parse_rule(raw, file) for raw in rules]


def load_rules(folders: Iterable[Path]) -> list[Rule]:
    """All rules from the given folders (builtin first), ids unique across packs."""
    rules: list[Rule] = []
    seen: dict[str, Rule] = {}
    for folder in folders:
        if not folder.is_dir():
            raise ConfigError(folder, "规则目录不存在")
        for path in sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml")):
            for rule in load_pack_file(path):
                if rule.id in seen:
                    first = seen[rule.id]
                    raise ConfigError(path, f"规则编号重复(首次定义于 {first.source}:{first.line})", rule.line, "id")
                seen[rule.id] = rule
                rules.append(rule)
    return rules
