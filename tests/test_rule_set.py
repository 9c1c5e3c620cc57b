"""Meta-tests over the shipped rule packs (Ruff's code table, proselint's meta-tests)."""

from __future__ import annotations

import dataclasses

from gwlint.api import lint_text
from gwlint.finding import CATEGORIES, SEVERITIES
from gwlint.kinds import KINDS
from gwlint.rulepack import builtin_rules_dir, load_rules

RULES = load_rules([builtin_rules_dir()])


def test_rule_ids_are_unique():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))


def test_rule_id_starts_with_its_category():
    for rule in RULES:
        assert rule.category in CATEGORIES
        assert rule.id.startswith(rule.category + "."), rule.id


def test_every_rule_has_good_and_bad_examples():
    for rule in RULES:
        assert rule.bad, f"{rule.id} has no bad examples"
        assert rule.good, f"{rule.id} has no good examples"


def test_every_rule_has_a_known_kind_severity_and_an_explanation():
    for rule in RULES:
        assert rule.kind in KINDS and rule.severity in SEVERITIES
        assert len(rule.explanation) >= 10, rule.id
        assert dataclasses.is_dataclass(rule.options)


def test_every_kind_is_used_by_a_shipped_rule():
    assert {r.kind for r in RULES} == set(KINDS)


def test_every_scored_category_ships_rules():
    shipped = {r.category for r in RULES}
    assert {"placeholder", "boilerplate"} <= shipped


def test_a_plain_official_paragraph_is_clean_under_the_whole_set():
    text = (
        "关于2023年上半年政务公开工作情况的报告\n"
        "今年以来,我局认真贯彻落实上级关于政务公开工作的部署要求,全年共主动公开政府信息1,234条。\n"
        "一、主要工作\n"
        "(一)加强组织领导。局党组召开专题会议3次,研究部署政务公开重点任务。\n"
        "(二)强化平台建设。全年更新政府网站栏目12个,其中新设栏目2个、调整栏目10个。\n"
        "二、存在的问题\n"
        "政策解读的形式还比较单一,部分栏目更新不够及时。\n"
        "三、下一步工作打算\n"
        "我局将进一步丰富解读形式,确保各栏目按时更新。\n"
    )
    assert lint_text(text) == []
