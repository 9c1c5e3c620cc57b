"""Word auto-numbering rendered as the labels a reader sees (gwlint.readers.docx.numbering)."""

from __future__ import annotations

import pytest

from gwlint.readers.docx import read_docx_bytes
from gwlint.readers.docx.numformat import format_number
from tests.docx_builder import abstract_num, build_docx, level, num, p, style, tbl


def labelled(body, numbering: str, styles: str | None = None, **parts) -> list[tuple[str, int]]:
    doc = read_docx_bytes(build_docx(body, numbering=numbering, styles=styles, **parts), "方案.docx")
    return [(x.text, x.label_len) for x in doc.paragraphs]


# The levels of GB/T 9704 headings: 一、 （一） 1. (1) ①
OFFICIAL = abstract_num(
    1,
    level(0, "chineseCounting", "%1、"),
    level(1, "chineseCounting", "（%2）"),
    level(2, "decimal", "%3."),
    level(3, "decimal", "(%4)"),
    level(4, "decimalEnclosedCircle", "%5"),
)


def test_official_document_heading_levels_render_with_restarts():
    body = [
        p("总体要求", num=1, ilvl=0),
        p("指导思想", num=1, ilvl=1),
        p("工作目标", num=1, ilvl=1),
        p("到2025年底，建成统一平台。", num=1, ilvl=2),
        p("完成数据归集。", num=1, ilvl=3),
        p("人口库", num=1, ilvl=4),
        p("法人库", num=1, ilvl=4),
        p("完成系统对接。", num=1, ilvl=3),
        p("本段没有编号。"),
        p("主要任务", num=1, ilvl=0),
        p("深化改革", num=1, ilvl=1),
    ]
    assert labelled(body, OFFICIAL + num(1, 1)) == [
        ("一、总体要求", 2),
        ("（一）指导思想", 3),
        ("（二）工作目标", 3),
        ("1. 到2025年底，建成统一平台。", 3),
        ("(1) 完成数据归集。", 4),
        ("① 人口库", 2),
        ("② 法人库", 2),
        ("(2) 完成系统对接。", 4),
        ("本段没有编号。", 0),
        ("二、主要任务", 2),
        ("（一）深化改革", 3),
    ]


@pytest.mark.parametrize(
    "fmt, text, expected",
    [
        ("decimal", "%1.", ["1. ", "2. ", "3. "]),
        ("decimalZero", "%1.", ["01. ", "02. ", "03. "]),
        ("chineseCounting", "%1、", ["一、", "二、", "三、"]),
        ("chineseCountingThousand", "第%1条", ["第一条 ", "第二条 ", "第三条 "]),
        ("ideographTraditional", "%1、", ["甲、", "乙、", "丙、"]),
        ("decimalEnclosedCircle", "%1", ["① ", "② ", "③ "]),
        ("upperLetter", "%1.", ["A. ", "B. ", "C. "]),
        ("lowerLetter", "%1)", ["a) ", "b) ", "c) "]),
        ("upperRoman", "%1.", ["I. ", "II. ", "III. "]),
        ("lowerRoman", "(%1)", ["(i) ", "(ii) ", "(iii) "]),
        ("chineseLegalSimplified", "%1、", ["壹、", "贰、", "叁、"]),
        ("bullet", "\uf06c", ["", "", ""]),
        ("none", "", ["", "", ""]),
    ],
)
def test_each_number_format_renders_its_label(fmt, text, expected):
    numbering = abstract_num(1, level(0, fmt, text)) + num(1, 1)
    result = labelled([p("落实责任", num=1, ilvl=0) for _ in range(3)], numbering)
    assert result == [(label + "落实责任", len(label)) for label in expected]


@pytest.mark.parametrize(
    "n, fmt, expected",
    [
        (10, "chineseCounting", "十"),
        (11, "chineseCounting", "十一"),
        (20, "chineseCountingThousand", "二十"),
        (105, "chineseCountingThousand", "一百零五"),
        (11, "ideographTraditional", "甲"),
        (20, "decimalEnclosedCircle", "⑳"),
        (21, "decimalEnclosedCircle", "21"),
        (27, "upperLetter", "AA"),
        (1999, "upperRoman", "MCMXCIX"),
        (12, "decimalZero", "12"),
        (7, "ordinalText", "7"),  # formats without a rendering fall back to decimal, as Word does
    ],
)
def test_format_number_edges(n, fmt, expected):
    assert format_number(n, fmt) == expected


def test_start_values_and_start_overrides():
    numbering = abstract_num(1, level(0, "decimal", "%1.", start=3)) + num(1, 1) + num(2, 1, starts={0: 1})
    body = [p("甲项", num=1, ilvl=0), p("乙项", num=1, ilvl=0), p("重新编号", num=2, ilvl=0), p("继续", num=2, ilvl=0)]
    assert [t for t, _ in labelled(body, numbering)] == ["3. 甲项", "4. 乙项", "1. 重新编号", "2. 继续"]


def test_instances_of_one_abstract_list_continue_each_other():
    numbering = abstract_num(1, level(0, "chineseCounting", "%1、")) + num(1, 1) + num(2, 1)
    body = [p("一项", num=1, ilvl=0), p("插入段落"), p("二项", num=2, ilvl=0), p("三项", num=1, ilvl=0)]
    assert [t for t, _ in labelled(body, numbering)] == ["一、一项", "插入段落", "二、二项", "三、三项"]


def test_separate_abstract_lists_count_separately():
    numbering = abstract_num(1, level(0, "decimal", "%1.")) + abstract_num(2, level(0, "decimal", "%1."))
    numbering += num(1, 1) + num(2, 2)
    body = [p("甲", num=1, ilvl=0), p("乙", num=2, ilvl=0), p("丙", num=1, ilvl=0)]
    assert [t for t, _ in labelled(body, numbering)] == ["1. 甲", "1. 乙", "2. 丙"]


def test_multilevel_labels_and_restart_rules():
    numbering = abstract_num(
        1,
        level(0, "decimal", "%1"),
        level(1, "decimal", "%1.%2"),
        level(2, "decimal", "%1.%2.%3", restart=1),  # restarts only when level 1 (the top) is used
        level(3, "decimal", "(%4)", restart=0),  # never restarts
    ) + num(1, 1)
    body = [
        p("范围", num=1, ilvl=0),
        p("目的", num=1, ilvl=1),
        p("条款", num=1, ilvl=2),
        p("款项", num=1, ilvl=3),
        p("依据", num=1, ilvl=1),
        p("条款", num=1, ilvl=2),
        p("术语", num=1, ilvl=0),
        p("条款", num=1, ilvl=2),
        p("款项", num=1, ilvl=3),
    ]
    assert [t for t, _ in labelled(body, numbering)] == [
        "1 范围",
        "1.1 目的",
        "1.1.1 条款",
        "(1) 款项",
        "1.2 依据",
        "1.2.2 条款",
        "2 术语",
        "2.0.1 条款",  # level 2 was reset by "术语"; level 1 not used since shows start − 1
        "(2) 款项",
    ]


def test_legal_numbering_shows_higher_levels_in_decimal():
    numbering = abstract_num(1, level(0, "chineseCounting", "%1、"), level(1, "decimal", "%1.%2", legal=True))
    body = [p("总则", num=1, ilvl=0), p("目的", num=1, ilvl=1)]
    assert [t for t, _ in labelled(body, numbering + num(1, 1))] == ["一、总则", "1.1 目的"]


def test_numbering_from_paragraph_styles_and_their_base_styles():
    numbering = abstract_num(1, level(0, "chineseCounting", "%1、"), level(1, "chineseCounting", "（%2）")) + num(5, 1)
    styles = style("标题1", num=5, ilvl=0) + style("标题2", based_on="标题1", ilvl=1) + style("正文")
    body = [
        p("工作开展情况", style="标题1"),
        p("健全机制", style="标题2"),
        p("各部门高度重视。", style="正文"),
        p("加强督查", style="标题2"),
        p("存在问题", style="标题1"),
    ]
    assert [t for t, _ in labelled(body, numbering, styles)] == [
        "一、工作开展情况",
        "（一）健全机制",
        "各部门高度重视。",
        "（二）加强督查",
        "二、存在问题",
    ]


def test_style_level_linked_through_the_level_pstyle():
    numbering = abstract_num(1, level(0, "decimal", "%1."), level(1, "decimal", "%1.%2", style="二级")) + num(2, 1)
    styles = style("一级", num=2, ilvl=0) + style("二级", num=2)
    body = [p("总则", style="一级"), p("适用范围", style="二级")]
    assert [t for t, _ in labelled(body, numbering, styles)] == ["1. 总则", "1.1 适用范围"]


def test_num_id_zero_removes_numbering_inherited_from_the_style():
    numbering = abstract_num(1, level(0, "chineseCounting", "%1、")) + num(1, 1)
    styles = style("标题1", num=1, ilvl=0)
    body = [p("第一部分", style="标题1"), p("不编号的标题", style="标题1", num=0), p("第二部分", style="标题1")]
    assert [t for t, _ in labelled(body, numbering, styles)] == ["一、第一部分", "不编号的标题", "二、第二部分"]


def test_suffix_space_nothing_and_empty_paragraphs():
    numbering = abstract_num(1, level(0, "decimal", "%1.", suff="nothing")) + abstract_num(
        2, level(0, "decimal", "%1", suff="space")
    )
    numbering += num(1, 1) + num(2, 2)
    body = [p("紧贴", num=1, ilvl=0), p("空格", num=2, ilvl=0), p(num=2, ilvl=0)]
    assert labelled(body, numbering) == [("1.紧贴", 2), ("1 空格", 2), ("2", 1)]


def test_numbered_paragraphs_in_table_cells_continue_the_list():
    numbering = abstract_num(1, level(0, "decimal", "%1")) + num(1, 1)
    body = [tbl([p("", num=1, ilvl=0), "企业开办"], [p("", num=1, ilvl=0), "不动产登记"])]
    assert [t for t, _ in labelled(body, numbering)] == ["1", "企业开办", "2", "不动产登记"]


def test_headers_count_their_lists_apart_from_the_body():
    numbering = abstract_num(1, level(0, "decimal", "%1.")) + num(1, 1)
    body = [p("正文一", num=1, ilvl=0), p("正文二", num=1, ilvl=0)]
    result = labelled(body, numbering, headers=[p("页眉条目", num=1, ilvl=0)])
    assert [t for t, _ in result] == ["1. 正文一", "2. 正文二", "1. 页眉条目"]


def test_missing_or_broken_definitions_give_no_label():
    numbering = abstract_num(1, level(0, "decimal", "%1.")) + num(1, 1) + num(2, 99)
    body = [p("未定义编号", num=7, ilvl=0), p("缺少抽象定义", num=2, ilvl=0), p("未定义层级", num=1, ilvl=5)]
    assert labelled(body, numbering) == [("未定义编号", 0), ("缺少抽象定义", 0), ("未定义层级", 0)]
