"""A rule pack owned by the output-format tests.

The reporters are tested end to end through the real command line, but against these two
rules rather than the shipped packs: tuning a shipped rule (its wording, span or fix) must
not move every output snapshot. The rules are ordinary `pattern` rules loaded through a
project gwlint.yaml, exactly as a user's own pack would be.
"""

from __future__ import annotations

from pathlib import Path

PACK = r"""
rules:
  - id: placeholder.sample-year
    category: placeholder
    severity: error
    kind: pattern
    message: "年份未填写:“{match}”"
    explanation: |
      范文中的年份常写作 20xx年、**年、20××年。照抄后必须换成实际年份。
    options:
      patterns: ['(?:20[xX×]{2}|\*\*)(?=年)']
    examples:
      bad:
        - {text: "20xx年政务公开工作总结", match: "20xx"}
        - "**年以来,我局认真贯彻落实"
      good:
        - "2023年政务公开工作总结"
  - id: boilerplate.sample-note
    category: boilerplate
    severity: warning
    kind: pattern
    message: "范文网站的按语:“{match}”"
    explanation: 范文网站写给读者的按语,不属于公文,应删除。
    options:
      patterns: ['下面是[^。]*供大家参考。']
      fix: delete-match
      fix_title: 删除网站按语
    examples:
      bad: ["下面是为大家整理的工作总结,供大家参考。"]
      good: ["我局高度重视政务公开工作。"]
"""

RULE_IDS = ("placeholder.sample-year", "boilerplate.sample-note")


def use_sample_pack(folder: Path, extra_config: str = "") -> None:
    """Make `folder` a project whose gwlint.yaml enables only the sample rules."""
    (folder / "report-rules").mkdir(exist_ok=True)
    (folder / "report-rules" / "sample.yaml").write_text(PACK.lstrip(), encoding="utf-8")
    config = f"rule_folders: [report-rules]\nselect: [{', '.join(RULE_IDS)}]\n{extra_config}"
    (folder / "gwlint.yaml").write_text(config, encoding="utf-8")


def duplicate_finding(data: dict | None = None):
    """A draft with a repeated paragraph and the finding on its later copy (related place, unsafe fix).

    No shipped rule is needed: the reporters' handling of related places and fixes is what is tested.
    """
    from gwlint.document import Document
    from gwlint.finding import Edit, Finding, Fix, Related

    text = "一、加强组织领导\n我局成立了政务公开领导小组。\n二、加强组织领导\n我局成立了政务公开领导小组。"
    doc = Document.from_text(text, "重复.txt")
    first, second = text.index("我局"), text.rindex("我局")
    finding = Finding(
        "duplicate.paragraph",
        "duplicate",
        "warning",
        "段落与前文重复",
        second,
        len(text),
        text[second:],
        related=(Related(first, first + 14, "首次出现于此"),),
        fix=Fix("删除重复段落", (Edit(text.rindex("\n"), len(text), ""),), safe=False),
        data=data or {},
    )
    return doc, finding
