"""A page of several drafts (…篇一, 第2篇, 范文三: …) is split at its article headings."""

from __future__ import annotations

import pytest

from gwlint.document import Document
from gwlint.readers import read_path
from gwlint.text.drafts import Draft, split_drafts
from tests.conftest import require_shared

PAGE = (
    "2023年政务公开日宣传活动总结(优秀3篇)\n"  # 0: page title, stays with the first draft
    "政务公开日宣传活动总结篇一\n"  # 1
    "5月15日,我局组织开展了政务公开日活动。\n"  # 2
    "政务公开日宣传活动总结篇二\n"  # 3
    "活动当天,我委在办公楼前设置宣传展板。\n"  # 4
    "政务公开日宣传活动总结篇三\n"  # 5
    "今年5月15日是第十三个政务公开日。\n"  # 6
    "推荐访问:工作总结 政务公开"  # 7: page footer, stays with the last draft
)


def test_a_collection_page_is_split_at_its_article_headings():
    assert split_drafts(Document.from_text(PAGE)) == [Draft(0, 3, 1), Draft(3, 5, 3), Draft(5, 8, 5)]


def test_a_page_without_article_headings_is_one_draft():
    doc = Document.from_text("2023年工作总结\n一、主要工作\n全年办结56件。")
    assert split_drafts(doc) == [Draft(0, 3)]


def test_a_draft_cut_from_a_page_keeps_its_article_heading_as_title():
    doc = Document.from_text("政务公开日宣传活动总结篇三\n5月15日当天,民政局派出两组宣传小分队。")
    assert split_drafts(doc) == [Draft(0, 2, 0)]


def test_a_collection_counter_pasted_into_a_document_splits_nothing():
    doc = Document.from_text(
        "国务院办公厅关于推进政务新媒体健康有序发展的意见\n"
        "各省、自治区、直辖市人民政府,国务院各部委、各直属机构:\n"
        "一、总体要求\n"
        "政务公开工作总结篇三\n"
        "二、明确工作职责"
    )
    assert split_drafts(doc) == [Draft(0, 5)]


def test_article_headings_out_of_order_are_not_a_collection():
    doc = Document.from_text("总结篇二\n正文一。\n总结篇一\n正文二。")
    assert split_drafts(doc) == [Draft(0, 4)]


@pytest.mark.parametrize(
    "first, second",
    [
        ("乡镇河长制工作总结 第1篇", "乡镇河长制工作总结 第2篇"),
        ("【第一篇】", "【第二篇】"),
        ("范文一:镇河长办2024年工作总结", "范文二:村级河长2024年述职报告"),
        ("精选范文1", "精选范文2"),
        ("篇1:", "篇2:"),
        ("河长制工作总结范文 第一篇", "河长制工作总结范文 第二篇"),
        ("乡镇河长制工作汇报(一)", "乡镇河长制工作汇报(二)"),
    ],
)
def test_a_page_is_split_at_article_headings_of_any_form(first, second):
    doc = Document.from_text(
        "河长制工作总结(通用2篇)\n"  # 0
        f"{first}\n"  # 1
        "今年以来,我镇全面落实河长制,巡河1,260次。\n"  # 2
        "(一)压实责任。镇村两级河长全部到岗。\n"  # 3
        f"{second}\n"  # 4
        "全镇12条河道全部建立“一河一档”。\n"  # 5
        "相关推荐:河长述职报告"  # 6
    )
    assert split_drafts(doc) == [Draft(0, 4, 1), Draft(4, 7, 4)]


def test_a_lone_article_heading_of_a_new_form_mid_page_splits_nothing():
    doc = Document.from_text(
        "2024年河长制工作总结\n"
        "今年以来,我镇全面落实河长制。\n"
        "一、主要做法\n"
        "河长制工作总结 第2篇\n"  # pasted from a collection page
        "二、存在问题\n"
        "部分村级河长巡河不够。"
    )
    assert split_drafts(doc) == [Draft(0, 6)]


def test_the_seed_page_splits_into_its_fourteen_drafts():
    page = read_path(require_shared("corpus", "seeds", "000-政务公开日宣传活动总结.txt"))
    drafts = split_drafts(page)
    assert len(drafts) == 14
    assert [page.paragraphs[d.heading].line for d in drafts[:3]] == [3, 17, 23]
    assert drafts[0].start == 0 and drafts[-1].end == len(page.paragraphs)
