"""The placeholder rule pack on draft-like text: masked slots are found and named, look-alikes stay clean."""

from __future__ import annotations

import dataclasses

import pytest

from gwlint.api import lint_text
from gwlint.document import Document
from gwlint.kinds import pattern
from gwlint.rulepack import builtin_rules_dir, load_rules


def found(text: str, format: str = "txt") -> list[tuple[str, int, str]]:
    """(rule, line, excerpt) of every placeholder finding, in document order."""
    out = []
    for f in lint_text(text, format=format, select=["placeholder"]):
        line = text.count("\n", 0, f.start) + 1
        out.append((f.rule, line, f.excerpt))
    return out


def messages(text: str) -> list[str]:
    return [f.message for f in lint_text(text, select=["placeholder"])]


def test_a_copied_summary_reports_every_slot_once_with_its_kind():
    draft = (
        "20xx年政务公开工作总结\n"
        "根据《关于开展20xx年xx市第六届政务公开日活动的通知》(柳政务办字〔20xx〕4号)要求,我委认真组织活动。\n"
        "成立了领导小组,局长xx任组长,XXX同志任副组长。\n"
        "今年5月15日是全省第xx个“政务公开日”,全年共办结**件。\n"
        "坚持以***新时代中国特色社会主义思想为指导,做好政府网站的安全****。\n"
        "编制人:______    日期:    年  月  日\n"
    )
    assert found(draft) == [
        ("placeholder.masked-year", 1, "20xx"),
        ("placeholder.masked-year", 2, "20xx"),
        ("placeholder.masked-name", 2, "xx"),
        ("placeholder.masked-doc-number", 2, "〔20xx〕4号"),
        ("placeholder.masked-name", 3, "xx"),
        ("placeholder.masked-name", 3, "XXX"),
        ("placeholder.masked-number", 4, "第xx"),
        ("placeholder.masked-number", 4, "**"),
        ("placeholder.masked-name", 5, "***"),
        ("placeholder.masked-name", 5, "****"),
        ("placeholder.fill-blank", 6, "______"),
        ("placeholder.fill-blank", 6, "年  月  日"),
    ]


def test_messages_name_the_slot():
    assert messages("按照xx市的要求") == ["地名未填写:“xx”"]
    assert messages("由局长xx负责") == ["人名未填写:“xx”"]
    assert messages("XX机构负责") == ["单位名未填写:“XX”"]
    assert messages("在“xx建设网”发布") == ["名称未填写:“xx”"]
    assert messages("做好安全****工作") == ["词语未填写:“****”"]
    assert messages("**年以来") == ["年份未填写:“**”"]
    assert messages("定于X月X日召开") == ["日期未填写:“X月X日”"]
    assert messages("第x届") == ["数字未填写:“第x”"]
    assert messages("国办发〔2023〕xx号") == ["文号未填写:“〔2023〕xx号”"]
    assert messages("审核人:______") == ["填空未填写:“______”"]
    assert messages("【填写单位名称】工作总结") == ["填写提示未替换:“【填写单位名称】”"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("××市××区人民政府", [("placeholder.masked-name", 1, "××"), ("placeholder.masked-name", 1, "××")]),
        ("××××年度工作总结", [("placeholder.masked-year", 1, "××××")]),
        ("〔20××〕××号", [("placeholder.masked-doc-number", 1, "〔20××〕××号")]),
        ("[20XX]X号", [("placeholder.masked-doc-number", 1, "[20XX]X号")]),
        ("望政办发〔　〕号", [("placeholder.masked-doc-number", 1, "〔　〕号")]),
        ("现将我局二〇ＸＸ年工作报告如下", [("placeholder.masked-year", 1, "ＸＸ")]),
        ("同比增长XX%", [("placeholder.masked-number", 1, "XX")]),
        ("由○○公司承建", [("placeholder.masked-name", 1, "○○")]),
        ("某某单位2023年工作计划", [("placeholder.masked-name", 1, "某某")]),
        ("邮政编码□□□□□□", [("placeholder.masked-name", 1, "□□□□□□")]),
        ("报告日期:20__年__月__日", [("placeholder.fill-blank", 1, "20__年__月__日")]),
        ("(此处填写具体时间)召开", [("placeholder.fill-prompt", 1, "(此处填写具体时间)")]),
        ("24**年以来,推进场馆数字化建设", [("placeholder.masked-year", 1, "24**")]),
        ("在《XX日报》刊发专版", [("placeholder.masked-name", 1, "XX")]),
    ],
)
def test_masks_in_other_scripts_and_shapes(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "实行7x24小时值守,完善ab岗和AB岗工作制",
        "实行7×24小时服务",
        "分辨率为1600*1200像素,按3×3网格排列",
        "制作长图、h5、H5、视频等新媒体产品",
        "联系邮箱:xxgk@hebei.gov.cn,jbgs@xjzj.gov.cn",
        "详见http://www.xxgk.gov.cn/xxgk/index.html",
        "国家AAAA级/AAA级旅游景区",
        "配备XX-1型设备12台,X光安检机2台",
        "计算公式:得分=基础分×系数",
        "违法人员王某某已被依法处理",
        "二〇〇四年十月十五日,二○一四年十一月",
        "辽政办明电〔2022〕12号",
        "出生年月日",
        "__________________________",
        "申请人应当如实填写申请表(见附件)",
        "填报说明见(填写说明)",
    ],
)
def test_look_alikes_are_not_placeholders(text):
    assert found(text) == []


def test_markdown_emphasis_is_not_a_masked_word_in_md_files_only():
    text = "**重点任务**:推进政务公开"
    assert found(text, format="md") == []
    assert found(text, format="txt") == [
        ("placeholder.masked-name", 1, "**"),
        ("placeholder.masked-name", 1, "**"),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "联系人：**XXX**，联系电话：**XXXXXXXX**",
            [("placeholder.masked-name", 1, "XXX"), ("placeholder.masked-name", 1, "XXXXXXXX")],
        ),
        ("**XX县XX局**办公室", [("placeholder.masked-name", 1, "XX"), ("placeholder.masked-name", 1, "XX")]),
        ("**20xx年**政务公开工作总结", [("placeholder.masked-year", 1, "20xx")]),
        ("定于**月**日召开", [("placeholder.masked-date", 1, "**月**日")]),
    ],
)
def test_a_mask_inside_markdown_emphasis_is_still_a_placeholder(text, expected):
    assert found(text, format="md") == expected
    # a .txt draft has no emphasis: the mask is found the same way
    assert [f for f in found(text) if f[2] != "**"] == expected


@pytest.mark.parametrize("text", ["**年度目标**:完成**重点任务**", "完成**年度**目标", "**一是,加强领导**"])
def test_emphasis_of_real_words_stays_clean_in_markdown(text):
    assert found(text, format="md") == []


def test_a_masked_year_inside_a_document_number_is_reported_once_as_the_number():
    assert found("根据辽政办发[20xx]61号文件") == [("placeholder.masked-doc-number", 1, "[20xx]61号")]


def test_a_separator_line_of_underscores_is_not_a_blank():
    assert found("正文\n____________\n落款") == []


def test_prefilters_drop_no_finding_of_any_example():
    """A prefilter only skips work: without it, every rule finds the same in every example of the two packs."""
    rules = [r for r in load_rules([builtin_rules_dir()]) if r.category in ("placeholder", "boilerplate")]
    texts = [e.text for r in rules for e in (*r.bad, *r.good)]
    checked = 0
    for rule in rules:
        if rule.kind != "pattern" or not rule.options.prefilter:
            continue
        unfiltered = pattern.compile(dataclasses.replace(rule.options, prefilter=""))
        for text in texts:
            doc = Document.from_text(text, "example.txt")
            assert list(rule.checker.run(doc)) == list(unfiltered.run(doc)), (rule.id, text)
        checked += 1
    assert checked >= 8
