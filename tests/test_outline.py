"""Headings by level: 篇 / 一、 / (一) / 1. / (1) / ①, with what a heading is not."""

from __future__ import annotations

import pytest

from gwlint.document import Document
from gwlint.text.outline import parse_heading


@pytest.mark.parametrize(
    "text, level, style, number, marker, title",
    [
        ("一、主要工作", 1, "chinese", 1, "一、", "主要工作"),
        ("十二、其他事项", 1, "chinese", 12, "十二、", "其他事项"),
        ("第三部分 存在的问题", 1, "part", 3, "第三部分", "存在的问题"),
        ("（二）拓宽公开渠道。全年主动公开信息860条。", 2, "paren-chinese", 2, "（二）", "拓宽公开渠道。"),
        ("(四)下大力解决“大班额”问题", 2, "paren-chinese", 4, "(四)", "下大力解决“大班额”问题"),
        ("3.危及“三安全一稳定”", 3, "arabic", 3, "3.", "危及“三安全一稳定”"),
        ("2、网站建设情况。", 3, "arabic", 2, "2、", "网站建设情况。"),
        ("（1）谈判响应方的资格情况；", 4, "paren-arabic", 1, "（1）", "谈判响应方的资格情况；"),
        ("③强化考核", 5, "circled", 3, "③", "强化考核"),
        ("政务公开日宣传活动总结篇十二", 0, "article", 12, "篇十二", "政务公开日宣传活动总结"),
        ("第2篇示例:", 0, "article", 2, "第2篇", "示例:"),
        ("【篇三】年度工作总结", 0, "article", 3, "【篇三】", "年度工作总结"),
    ],
)
def test_headings_of_each_level(text, level, style, number, marker, title):
    heading = parse_heading(text)
    assert heading is not None
    assert (heading.level, heading.style, heading.number, heading.marker, heading.title) == (
        level,
        style,
        number,
        marker,
        title,
    )


@pytest.mark.parametrize(
    "text, number, marker, title, offset",
    [
        # the article number closing the title, in any bracket, with or without 第
        ("乡镇河长制工作总结 第3篇", 3, "第3篇", "乡镇河长制工作总结", 10),
        ("乡镇河长制工作总结第十一篇", 11, "第十一篇", "乡镇河长制工作总结", 9),
        ("乡镇河长制工作总结【第2篇】", 2, "【第2篇】", "乡镇河长制工作总结", 9),
        ("乡镇河长制工作总结 篇4", 4, "篇4", "乡镇河长制工作总结", 10),
        ("乡镇河长制工作总结（篇五）", 5, "（篇五）", "乡镇河长制工作总结", 9),
        ("河长制工作总结范文二", 2, "范文二", "河长制工作总结", 7),
        ("河长制工作总结例文(3)", 3, "例文(3)", "河长制工作总结", 7),
        # the article number opening the line, the draft's title after it or on the next line
        ("〔第四篇〕", 4, "〔第四篇〕", "", 0),
        ("[第 6 篇] 河长制工作总结", 6, "[第 6 篇]", "河长制工作总结", 0),
        ("篇2:2024年河长制工作总结", 2, "篇2", "2024年河长制工作总结", 0),
        ("范文三：镇河长办2024年工作汇报", 3, "范文三", "镇河长办2024年工作汇报", 0),
        ("范文5", 5, "范文5", "", 0),
        ("优秀范文2、村级河长述职报告", 2, "优秀范文2", "村级河长述职报告", 0),
        ("【模板一】河道保洁工作方案", 1, "【模板一】", "河道保洁工作方案", 0),
    ],
)
def test_article_headings_in_the_forms_sites_write_them(text, number, marker, title, offset):
    heading = parse_heading(text)
    assert heading is not None
    assert (heading.level, heading.style, heading.number, heading.marker, heading.title, heading.offset) == (
        0,
        "article",
        number,
        marker,
        title,
        offset,
    )


def test_a_flag_before_the_number_is_not_part_of_the_marker():
    heading = parse_heading("▲三、招标文件的获取:")
    assert (heading.style, heading.number, heading.marker, heading.offset) == ("chinese", 3, "三、", 1)
    assert parse_heading("  （二）部分公开").offset == 2


@pytest.mark.parametrize(
    "text",
    [
        "一、二年级学生全部参加。",  # two numbers, not a heading 一、
        "一、二季度完成投资12亿元。",
        "5.15政务公开日活动圆满结束。",  # a date, not item 5
        "3.5万元用于购置设备。",
        "2023年工作总结",
        "政务公开半年工作总结(七篇)",  # a collection counter, not an article heading
        "河长制工作总结【四篇】",
        "全县河长制工作总结范文两篇",
        "一、",
        "范文一篇接一篇地抄",  # no break after the number: not draft 一
        "篇一律照搬",
        "全年编发简报36篇,被采用第12篇",  # a sentence, not a title
        "上一篇:河长制工作总结篇二",  # a link to another page
        "创建示范文明单位三",
        "河道治理(一)",  # alone, a title ending in (一) is not an article
    ],
)
def test_lookalikes_are_not_headings(text):
    assert parse_heading(text) is None


def test_document_outline_lists_headings_by_paragraph():
    doc = Document.from_text("2023年工作总结\n一、主要工作\n全年办结56件。\n(一)加强领导\n二、存在问题\n")
    assert [(h.index, h.marker) for h in doc.outline] == [(1, "一、"), (3, "(一)"), (4, "二、")]


def _articles(text: str) -> list[tuple[int, int, str]]:
    return [(h.index, h.number, h.marker) for h in Document.from_text(text).outline if h.level == 0]


def test_titles_numbered_in_brackets_are_articles_only_as_a_series():
    page = (
        "乡镇河长制工作汇报(一)\n"
        "今年以来,我镇全面落实河长制。\n"
        "(一)压实河长责任。镇村两级河长巡河1,260次。\n"
        "乡镇河长制工作汇报(二)\n"
        "全镇12条河道全部建立“一河一档”。\n"
    )
    assert _articles(page) == [(0, 1, "(一)"), (3, 2, "(二)")]
    # the outline's level-2 heading is still one
    assert [(h.index, h.level) for h in Document.from_text(page).outline if h.level == 2] == [(2, 2)]


def test_titles_numbered_in_brackets_without_a_series_stay_plain():
    one = "关于河长制落实情况的汇报(一)\n今年以来,我镇全面落实河长制。\n"
    assert _articles(one) == []
    skipped = "河长制工作汇报(一)\n正文。\n河长制工作汇报(三)\n正文。\n"
    assert _articles(skipped) == []
    no_type = "河道治理(一)\n正文。\n河道治理(二)\n正文。\n"  # parts of one text, not drafts
    assert _articles(no_type) == []
