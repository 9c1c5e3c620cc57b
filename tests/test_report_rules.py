"""--list-rules and --explain: the rule packs printed as documentation."""

from __future__ import annotations

import io

from gwlint.cli import main
from gwlint.report.rules import explain, list_rules
from gwlint.rulepack import load_pack_file
from tests.report_pack import use_sample_pack

PACK = """\
rules:
  - id: placeholder.masked-date
    category: placeholder
    severity: warning
    kind: pattern
    message: "日期未填写:“{match}”"
    explanation: |
      范文里的日期常写作 x月x日、××月××日。照抄后要填上实际日期,否则文件无法使用。
    options:
      patterns: ['[xX×]{1,2}月[xX×]{1,2}日']
    examples:
      bad:
        - {text: "请于x月x日前报送自查报告。", match: "x月x日"}
        - "会议定于××月××日召开。"
      good:
        - "请于3月5日前报送自查报告。"
  - id: boilerplate.site-footer
    category: boilerplate
    severity: error
    kind: pattern
    message: "网站页脚残留:“{match}”"
    explanation: 复制网页时带进来的“上一篇”“下一篇”“返回顶部”等导航文字。
    options:
      phrases: [上一篇, 下一篇, 返回顶部]
    examples:
      bad: ["上一篇:2022年工作总结"]
      good: ["上一年度工作总结"]
  - id: placeholder.blank-line
    category: placeholder
    severity: info
    kind: pattern
    message: "空白待填:“{match}”"
    explanation: 下划线空格是给人手写填写的位置,提交电子版前应填写。
    options:
      patterns: ['_{4,}']
    examples:
      bad: ["联系人:______"]
      good: ["联系人:张三"]
"""


def rules_from_pack(tmp_path) -> dict:
    path = tmp_path / "extra.yaml"
    path.write_text(PACK, encoding="utf-8")
    return {r.id: r for r in load_pack_file(path)}


def test_list_rules_groups_by_category_in_the_documented_order(tmp_path):
    out = io.StringIO()
    assert list_rules(rules_from_pack(tmp_path), out) == 0
    assert out.getvalue() == (
        "placeholder(未填占位符)\n"
        "  placeholder.blank-line   info     下划线空格是给人手写填写的位置,提交电子版前应填写。\n"
        "  placeholder.masked-date  warning  范文里的日期常写作 x月x日、××月××日。\n"
        "boilerplate(网站残留)\n"
        "  boilerplate.site-footer  error    复制网页时带进来的“上一篇”“下一篇”“返回顶部”等导航文字。\n"
        "\n"
        "共 3 条规则;gwlint --explain 规则编号 查看说明与示例。\n"
    )


def test_explain_prints_explanation_message_and_examples(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    assert explain(rules_from_pack(tmp_path), "placeholder.masked-date", out) == 0
    assert out.getvalue() == (
        "placeholder.masked-date\n"
        "  类别:placeholder(未填占位符)\n"
        "  级别:warning(警告)\n"
        "  检查类型:pattern\n"
        "  消息:日期未填写:“{match}”\n"
        "\n"
        "范文里的日期常写作 x月x日、××月××日。照抄后要填上实际日期,否则文件无法使用。\n"
        "\n"
        "错误示例(会被报告):\n"
        "  ✗ 请于x月x日前报送自查报告。\n"
        "    → 报告“x月x日”\n"
        "  ✗ 会议定于××月××日召开。\n"
        "\n"
        "正确示例(不会报告):\n"
        "  ✓ 请于3月5日前报送自查报告。\n"
        "\n"
        "定义于:extra.yaml:2\n"
    )


def test_explain_unknown_id_exits_2_with_a_chinese_hint(tmp_path, capsys):
    out = io.StringIO()
    assert explain(rules_from_pack(tmp_path), "placeholder.masked-dat", out) == 2
    assert out.getvalue() == ""
    assert capsys.readouterr().err == (
        "gwlint: 未知的规则编号“placeholder.masked-dat”\n"
        "是否要查:placeholder.masked-date\n"
        "用 gwlint --list-rules 查看全部规则。\n"
    )


def test_explain_suggests_close_ids_for_a_typo(tmp_path, capsys):
    assert explain(rules_from_pack(tmp_path), "boilerplate.site-foter", io.StringIO()) == 2
    assert "是否要查:boilerplate.site-footer\n" in capsys.readouterr().err


def test_cli_list_rules_lists_the_enabled_rules(tmp_path, capsys, monkeypatch):
    use_sample_pack(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["--list-rules"]) == 0
    assert capsys.readouterr().out == (
        "placeholder(未填占位符)\n"
        "  placeholder.sample-year  error    范文中的年份常写作 20xx年、**年、20××年。\n"
        "boilerplate(网站残留)\n"
        "  boilerplate.sample-note  warning  范文网站写给读者的按语,不属于公文,应删除。\n"
        "\n"
        "共 2 条规则;gwlint --explain 规则编号 查看说明与示例。\n"
    )


def test_cli_explain_known_and_unknown(tmp_path, capsys, monkeypatch):
    use_sample_pack(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["--explain", "placeholder.sample-year"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("placeholder.sample-year\n  类别:placeholder(未填占位符)\n")
    assert "  ✗ 20xx年政务公开工作总结\n    → 报告“20xx”\n  ✗ **年以来,我局认真贯彻落实\n\n" in out
    assert out.endswith("定义于:report-rules/sample.yaml:2\n")
    assert main(["--explain", "placeholder.sample-yaer"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    # Every loaded rule can be explained, enabled or not, so the shipped ones are suggested too.
    assert captured.err.startswith("gwlint: 未知的规则编号“placeholder.sample-yaer”\n是否要查:placeholder.sample-year")


def test_cli_explains_a_builtin_rule(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no project config: the shipped packs
    assert main(["--explain", "placeholder.masked-year"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("placeholder.masked-year\n  类别:placeholder(未填占位符)\n")
    assert "错误示例(会被报告):\n  ✗ " in out
