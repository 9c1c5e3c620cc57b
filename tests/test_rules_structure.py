"""structure: numbering that skips or repeats, brackets and quotes left unpaired."""

from __future__ import annotations

import pytest

from gwlint.document import Document, Location
from gwlint.engine import Engine, select_rules
from gwlint.readers import read_path
from gwlint.rulepack import builtin_rules_dir, load_rules
from tests.conftest import require_shared

RULES = load_rules([builtin_rules_dir()])
GAP, REPEAT = "structure.numbering-gap", "structure.numbering-repeat"
BRACKET, QUOTE = "structure.unpaired-bracket", "structure.unpaired-quote"


def findings(text: str | Document, *rule_ids: str) -> list[tuple[str, int, str]]:
    """(rule, line, excerpt) of each finding of the given rules (default: all structure rules)."""
    doc = text if isinstance(text, Document) else Document.from_text(text, "draft.txt")
    result = Engine(select_rules(RULES, rule_ids or ["structure"])).lint(doc)
    return [(f.rule, doc.position(f.start)[0], f.excerpt) for f in result]


# -- numbering ------------------------------------------------------------------------------


def test_a_skipped_top_level_number():
    text = "一、主要工作\n全年办结56件。\n二、存在问题\n宣传形式单一。\n四、下一步打算\n加强宣传。"
    assert findings(text) == [(GAP, 5, "四、")]
    doc = Document.from_text(text)
    [finding] = Engine(select_rules(RULES, [GAP])).lint(doc)
    assert finding.message == "编号不连续:“四、”前缺少“三、”"
    assert finding.data == {"expected": "三、", "missing": 1}


def test_a_repeated_number_and_one_going_back():
    text = "(一)加强组织领导。\n(二)拓宽公开渠道。\n(二)强化督促检查。\n(三)严格考核。\n(一)落实责任。\n(二)加强培训。"
    assert findings(text) == [(REPEAT, 3, "(二)")]  # "(一)" again starts a new list
    assert findings("1.健全制度。\n2.加强培训。\n3.强化考核。\n2.严格问责。") == [(REPEAT, 4, "2.")]


def test_a_pasted_copy_of_a_heading_is_reported_once():
    text = "(一)成立领导小组。\n(二)摸清底数。\n(三)落实资金。\n(二)摸清底数。\n(四)加强督导。"
    assert findings(text) == [(REPEAT, 4, "(二)")]


def test_numbering_restarts_under_each_parent_and_each_draft():
    text = (
        "政务公开日活动总结篇一\n"
        "一、加强领导。\n(一)成立领导小组。\n(二)制定方案。\n"
        "二、创新载体。\n(一)开通政务微信。\n"
        "政务公开日活动总结篇二\n"
        "一、精心部署。\n二、广泛宣传。\n"
    )
    assert findings(text) == []


def test_a_list_that_does_not_start_at_one():
    assert findings("一、开展活动情况。\n二、主要做法。\n2.积极与民互动。\n三、主要体会。") == [(GAP, 3, "2.")]


def test_items_numbered_through_the_whole_document():
    text = (
        "(一)平台建设(3分)\n1.完善平台功能。\n2.推进数据共享。\n(二)热线升级(2分)\n3.提升热线服务。\n4.成立工作机构。"
    )
    assert findings(text) == []


def test_one_style_numbering_two_levels():
    text = (
        "1、开标\n"
        "2、谈判程序\n"
        "(一)谈判小组审核谈判响应文件。\n1、审查资格。\n2、审查响应程度。\n"
        "(二)谈判小组汇总审核情况。\n"
        "3、中标通知\n"
    )
    assert findings(text) == []


def test_a_first_item_sharing_a_line_with_its_lead_in():
    assert findings("联系人:王明\n附件:1.联络员登记表\n2.宣传申报单\n3.报道通知单") == []
    assert findings("报价表\n注:1、此表可自行制作。\n2、报价一经涂改应加盖公章。") == []


def test_table_rows_keep_their_own_numbering():
    text = (
        "一、总体情况\n"
        "二、主动公开政府信息情况\n"
        "三、收到和处理政府信息公开申请情况\n"
        "一、本年新收政府信息公开申请数量\t821\t35\n"
        "（三）不予公开\t1.属于国家秘密\t14\n"
        "2.其他法律行政法规禁止公开\n"
        "3.危及“三安全一稳定”\n"
        "四、结转下年度继续办理\t72\n"
        "四、政府信息公开行政复议、行政诉讼情况\n"
        "行政复议\t行政诉讼\n"
        "5\t2\t7\n"
        "五、存在的主要问题及改进情况"
    )
    assert findings(text) == []


def test_cells_of_a_word_table_are_left_out():
    cell = Location("body", (1,), 1, 1)
    doc = Document.from_paragraphs(
        [("一、人员配置", Location()), ("1", cell), ("3", cell), ("二、服务标准", Location())], "draft.docx"
    )
    assert findings(doc) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("主要措施:一是完善制度,二是加强培训,四是强化考核。", [(GAP, 1, "四是")]),
        ("一是完善制度;二是加强培训;二是强化考核。", [(REPEAT, 1, "二是")]),
        ("一是宣传不够深入;二是互动不够及时。\n一是丰富宣传形式;二是加强互动回应。", []),
        ("一是加大网络公开力度。\n二是做好窗口公开。\n三是发挥媒体作用。", []),
        ("一是一,二是二,实事求是地反映情况。", []),
        ("二是加强培训。\n三是强化考核。", []),  # no "一是" to measure against
    ],
)
def test_run_in_enumerations(text, expected):
    assert findings(text, GAP, REPEAT) == expected


def test_a_section_heading_ends_a_run_in_enumeration():
    text = "一、主要做法\n一是完善制度。二是加强培训。\n二、存在问题\n二是宣传形式单一。"
    assert findings(text) == []


# -- brackets and quotes ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("认真贯彻落实《中华人民共和国政府信息公开条例,全面推进政务公开。", [(BRACKET, 1, "《")]),
        ("全年受理依申请公开事项56件(其中当面申请12件。", [(BRACKET, 1, "(")]),
        ("省级资金6303.34万元）,用于校舍改造。", [(BRACKET, 1, "）")]),
        ("我局组织开展了“政务公开日活动,取得良好效果。", [(QUOTE, 1, "“")]),
        ("活动主题为重实干、强执行”,群众反响热烈。", [(QUOTE, 1, "”")]),
        ("现就今年“5.15政务公开“活动总结如下:", [(QUOTE, 1, "“"), (QUOTE, 1, "“")]),
    ],
)
def test_unpaired_brackets_and_quotes(text, expected):
    assert findings(text, BRACKET, QUOTE) == expected


def test_the_message_names_the_missing_partner_in_the_width_used():
    doc = Document.from_text("省级资金6303.34万元）,用于校舍改造。")
    [finding] = Engine(select_rules(RULES, [BRACKET])).lint(doc)
    assert finding.message == "括号不成对:“）”缺少对应的“（”"
    assert (finding.start, finding.end) == (13, 14)


@pytest.mark.parametrize(
    "text",
    [
        "根据《关于开展政务公开日活动的通知》(柳政务办字〔2020〕4号)要求,设立咨询台(服务窗口)。",
        "依据《条例》(以下简称“条例”)的规定,下设办公室（设在市、县（区）教育局）。",
        "全年公开信息860条（其中主动公开820条)。",  # mixed widths pair: a punctuation matter
        "主要做法:1)健全制度;2)加强培训;3）强化考核。",
        "a) 启用新系统;b) 停用旧系统。",
        "欢迎扫码关注 :) 我们会及时回复 ^_^",
        '根据《“十四五"数字经济发展规划》,了解“蒙速办"等平台的满意度。',
        "照省司法厅《关于印发<2023年省政府规章立法后评估实施方案〉的通知》执行。",
        "It’s a “test” of the rule, isn’t it?",
        "注册流程见网址http://www.zjzfcg.gov.cn/register.html?_=2017-11-13%2011:10:28。",
    ],
)
def test_balanced_text_and_lookalikes_are_clean(text):
    assert findings(text, BRACKET, QUOTE) == []


def test_a_quotation_over_several_paragraphs_opens_each_and_closes_once():
    text = (
        "他指出:\n"
        "“第一,要提高认识。政务公开是法治政府的重要内容。\n"
        "“第二,要狠抓落实。各单位要明确责任分工。”\n"
        "会议要求各单位认真贯彻。"
    )
    assert findings(text, QUOTE) == []


def test_a_pair_broken_over_two_lines_is_a_pair():
    text = "首次参加投标的单位应先登录采购网进行注册（注册流程见网址\n\nhttp://www.zjzfcg.gov.cn/register.html）;\n"
    assert findings(text, BRACKET) == []


def test_an_opener_never_closed_on_the_next_line_is_reported():
    assert findings("活动方案（试行\n已于5月印发。", BRACKET) == [(BRACKET, 1, "（")]


# -- published texts: nearly clean ------------------------------------------------------------


def test_published_texts_show_only_their_real_slips():
    folder = require_shared("eval", "gov-published")
    found = []
    for path in sorted(folder.glob("*.txt")):
        found += [(path.name[:2], *f) for f in findings(read_path(path))]
    assert found == [
        ("20", REPEAT, 18, "三、"),  # two sections numbered 三、 (REAL-DEFECTS.md, D)
        ("21", BRACKET, 4, "）"),  # "6303.34万元）" (D)
        ("21", BRACKET, 8, "）"),  # "…特殊教育资金）,我们认为"
    ]
