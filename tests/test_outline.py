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
        ("政务公开日宣传活动总结篇十二", 0, "article", 12, "十二", "政务公开日宣传活动总结"),
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
        "一、",
    ],
)
def test_lookalikes_are_not_headings(text):
    assert parse_heading(text) is None


def test_document_outline_lists_headings_by_paragraph():
    doc = Document.from_text("2023年工作总结\n一、主要工作\n全年办结56件。\n(一)加强领导\n二、存在问题\n")
    assert [(h.index, h.marker) for h in doc.outline] == [(1, "一、"), (3, "(一)"), (4, "二、")]
