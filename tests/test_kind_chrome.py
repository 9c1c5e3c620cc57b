"""The chrome kind: marker lines, and the menus and column names the shape of the page puts beside them."""

from __future__ import annotations

import pytest

from gwlint.document import Document, Location
from gwlint.kinds import chrome

OPTIONS = chrome.Options(
    markers=("浏览[:\uff1a]\\d+次", "Copyright", "加入收藏"),
    nav_words=("首页", "信息公开", "联系我们", "网站"),
)


def hits(text: str, options: chrome.Options = OPTIONS) -> list[tuple[int, str, str]]:
    doc = Document.from_text(text, "page.txt")
    return [
        (doc.position(h.start)[0], doc.text[h.start : h.end], h.fields["what"])
        for h in chrome.compile(options).run(doc)
    ]


BODY = "今年以来,我局认真贯彻落实上级部署,扎实推进政务公开工作。"


def test_marker_lines_are_page_information():
    assert hits(f"关于政务公开工作的通知\n浏览:9699次\n{BODY}\n") == [(2, "浏览:9699次", "页面信息")]


def test_a_menu_above_the_footer_is_navigation_whatever_its_words():
    page = f"{BODY}\n政府信息公开\n美丽望花\n区情概况\n+\nCopyright 2024 望花区政府\n"
    assert hits(page) == [
        (2, "政府信息公开", "导航或栏目"),
        (3, "美丽望花", "导航或栏目"),
        (4, "区情概况", "导航或栏目"),
        (6, "Copyright 2024 望花区政府", "页面信息"),
    ]


def test_a_column_name_between_the_page_header_and_the_title():
    page = f"今天是星期四 加入收藏\n5.15系列活动\n关于印发活动方案的通知\n浏览:12次\n{BODY}\n"
    assert [line for line, _, _ in hits(page)] == [1, 2, 4]


def test_a_signature_beside_a_footer_is_part_of_the_document():
    page = f"{BODY}\n河北省教育厅\n2024年1月26日\nCopyright 2024 河北省教育厅\n"
    assert hits(page) == [(4, "Copyright 2024 河北省教育厅", "页面信息")]
    page = f"{BODY}\n望花区人民政府办公室\nCopyright 2024\n"
    assert [line for line, _, _ in hits(page)] == [3]


@pytest.mark.parametrize(
    "signature",
    ["二〇XX年X月X日", "20XX年X月X日", "XX县XX局", "××市××中心", "某某街道办事处", "○○公司"],
)
def test_a_masked_signature_or_date_beside_a_footer_stays_the_documents(signature):
    page = f"{BODY}\n{signature}\nCopyright 2024 某网\n"
    assert [line for line, _, _ in hits(page)] == [3]
    page = f"{BODY}\n{signature}\n浏览:12次\n"
    assert [line for line, _, _ in hits(page)] == [3]


def test_markdown_headings_table_rows_and_breaks_are_not_menu_links():
    page = f"## 主要成效\n浏览:12次\n| 单位 | 人数 |\n---\n{BODY}\n***\n加入收藏\n"
    doc = Document.from_text(page, "page.md", format="md")
    assert [doc.position(h.start)[0] for h in chrome.compile(OPTIONS).run(doc)] == [2, 7]
    doc = Document.from_text(page, "page.txt")
    assert [doc.position(h.start)[0] for h in chrome.compile(OPTIONS).run(doc)] == [1, 2, 3, 4, 7]


def test_a_list_after_a_colon_belongs_to_the_document():
    page = f"{BODY}\n附件:\n信息公开指南\n信息公开目录\n信息公开年报\nCopyright 2024\n"
    assert [line for line, _, _ in hits(page)] == [6]


def test_a_menu_with_no_marker_counts_only_at_the_page_edge_and_with_menu_words():
    menu = "网站首页\n信息公开\n联系我们\n"
    assert [line for line, _, _ in hits(f"{BODY}\n{menu}")] == [2, 3, 4]
    names = "市教育局\n市财政局\n市民政局\n"
    assert hits(f"{BODY}\n{names}") == []
    assert hits(f"{BODY}\n{menu}{BODY}\n") == []


def test_table_cells_are_never_menu_items_and_word_headers_never_chrome():
    items = [(BODY, Location())]
    items += [(t, Location(table=(1,), row=i, col=1)) for i, t in enumerate(("首页", "信息公开", "联系我们"), 1)]
    items += [("网站首页", Location(story="header")), ("Copyright 2024", Location(story="footer"))]
    items += [("浏览:12次", Location(table=(2,), row=1, col=1)), ("Copyright 2024", Location())]
    doc = Document.from_paragraphs(items, "page.docx")
    found = [(doc.position(h.start)[0], h.fields["what"]) for h in chrome.compile(OPTIONS).run(doc)]
    assert found == [(7, "页面信息"), (8, "页面信息")]


def test_a_marker_inside_running_text_marks_only_itself_and_offers_no_fix():
    long_line = BODY * 6 + "加入收藏" + BODY
    doc = Document.from_text(long_line, "page.txt")
    (hit,) = chrome.compile(OPTIONS).run(doc)
    assert doc.text[hit.start : hit.end] == "加入收藏"
    assert hit.fix is None


def test_fixes_delete_whole_lines_and_are_safe_only_where_no_content_can_go():
    page = f"{BODY}\n政府信息公开\n美丽望花\n区情概况\nCopyright 2024 望花区政府\n"
    doc = Document.from_text(page, "page.txt")
    found = list(chrome.compile(OPTIONS).run(doc))
    assert all(h.fix is not None and h.fix.safe for h in found)
    edit = found[-1].fix.edits[0]
    assert doc.text[edit.start : edit.end] == "Copyright 2024 望花区政府\n"
    menu_without_marker = Document.from_text(f"{BODY}\n网站首页\n信息公开\n联系我们\n", "page.txt")
    assert not any(h.fix.safe for h in chrome.compile(OPTIONS).run(menu_without_marker))


def test_a_marker_match_may_not_run_across_a_line_end():
    options = chrome.Options(markers=("主办单位[:\uff1a][^。]{0,20}电话",))
    assert hits("主办单位:区政府\n电话:12345\n", options) == []
    assert hits("主办单位:区政府 电话:12345\n", options) == [(1, "主办单位:区政府 电话:12345", "页面信息")]


def test_markers_are_required():
    with pytest.raises(ValueError):
        chrome.compile(chrome.Options(markers=()))


def test_a_list_introduced_by_a_marker_below_the_text_is_related_links():
    options = chrome.Options(markers=("还看了[:\uff1a]", "本文地址"))
    page = f"{BODY}\n看了本文的人还看了:\n1.社区工作总结范文\n2.2023年社区党建工作计划\n"
    assert [line for line, _, _ in hits(page, options)] == [2, 3, 4]
    # A marker line that introduces nothing leaves the end of the document alone.
    page = f"{BODY}\n【本文地址:http://example.com/1.html】\n六、其他需要报告的事项\n无。\n河北省教育厅\n"
    assert [line for line, _, _ in hits(page, options)] == [2]


LISTS = chrome.Options(markers=("Copyright",), list_separators=("[ 　]*[|｜][ 　]*", "[ 　]+[/／·•][ 　]+"))


@pytest.mark.parametrize(
    "line",
    [
        "河长制工作总结范文 | 乡镇河长述职报告 | 2024年河道保洁工作方案",
        "延伸阅读:河长制工作总结范文｜乡镇河长述职报告｜河道保洁工作方案",
        "河长制工作总结范文 / 乡镇河长述职报告 / 河道保洁工作方案 / 河长制工作计划",
        "河长制工作总结 · 河长述职报告 · 河道保洁方案",
        "首页 | 新闻 | 公开 | 互动",  # short menu items are titles too
    ],
)
def test_a_line_of_link_titles_is_a_link_list_whatever_its_words(line):
    assert hits(f"{BODY}\n{line}\n{BODY}\n", LISTS) == [(2, line, "链接列表")]


@pytest.mark.parametrize(
    "line",
    [
        "| 单位名称 | 联系人 | 联系电话 |",  # a table row typed with outer bars
        "1 | 河道清淤 | 3.5公里",  # cells with numbers are not titles
        "河长制工作总结 | 河长述职报告",  # two items are not yet a list
        "河长制落实不到位 | 巡河记录不全,整改滞后 | 经费不足",  # a sentence is no link title
        "5·15政务公开日",  # a dot inside a word is no separator
        "2023/2024学年第一学期期末考试安排",  # a slash inside a word is no separator
    ],
)
def test_lines_that_only_look_like_link_lists(line):
    assert hits(f"{BODY}\n{line}\n{BODY}\n", LISTS) == []


def test_rows_of_a_table_typed_as_text_are_not_link_lists():
    table = "牵头单位 | 责任单位 | 完成时限\n区政务服务局 | 各镇街 | 长期坚持\n区司法局 | 区直各部门 | 年底前\n"
    assert hits(f"{BODY}\n{table}{BODY}\n", LISTS) == []


def test_a_link_list_takes_the_short_links_beside_it_as_page_chrome():
    page = f"{BODY}\n河长制工作总结 | 河长述职报告 | 河道保洁方案\n网站地图\n联系我们\n"
    assert [(line, what) for line, _, what in hits(page, LISTS)] == [
        (2, "链接列表"),
        (3, "导航或栏目"),
        (4, "导航或栏目"),
    ]


def test_a_masked_date_under_the_signature_is_not_a_link():
    page = f"{BODY}\nXX县河长制办公室\n20XX年X月X日\n河长制工作总结 | 河长述职报告 | 河道保洁方案\n"
    assert [line for line, _, _ in hits(page, LISTS)] == [4]
