"""The .docx reader: reading order, locations, tables, tracked changes, fields, text boxes, notes."""

from __future__ import annotations

import io

import docx
import pytest

from gwlint.document import Location
from gwlint.readers import read_bytes
from gwlint.readers.docx import read_docx_bytes
from tests.docx_builder import build_docx, cell, field, note, p, r, rewrite_parts, tbl, textbox

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def texts(data: bytes, story: str | None = None) -> list[str]:
    doc = read_docx_bytes(data, "稿件.docx")
    return [x.text for x in doc.paragraphs if story is None or x.location.story == story]


def located(data: bytes) -> list[tuple[int, str, Location]]:
    return [(x.line, x.text, x.location) for x in read_docx_bytes(data, "稿件.docx").paragraphs]


# -- body and reading order -------------------------------------------------------------------
def test_body_paragraphs_are_numbered_in_order_with_empty_ones_counted():
    data = build_docx([p("关于2024年度安全生产工作的总结"), p(), p("一、主要工作"), p("（一）强化责任落实。")])
    doc = read_docx_bytes(data, "总结.docx")
    assert [(x.line, x.text) for x in doc.paragraphs] == [
        (1, "关于2024年度安全生产工作的总结"),
        (2, ""),
        (3, "一、主要工作"),
        (4, "（一）强化责任落实。"),
    ]
    assert doc.text == "关于2024年度安全生产工作的总结\n\n一、主要工作\n（一）强化责任落实。"
    assert doc.format == "docx"
    assert doc.position(doc.text.index("主要工作")) == (3, 3)
    assert doc.title == "关于2024年度安全生产工作的总结"


def test_numbering_matches_python_docx_on_a_document_it_wrote():
    made = docx.Document()
    made.add_heading("区政务服务中心2024年工作总结", 1)
    made.add_paragraph("")
    made.add_paragraph("今年以来，中心围绕“高效办成一件事”持续发力。")
    table = made.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "事项"
    table.cell(0, 1).text = "办件量"
    table.cell(1, 0).text = "企业开办"
    table.cell(1, 1).text = "1250件"
    made.add_paragraph("下一步工作打算")
    made.sections[0].header.paragraphs[0].text = "内部资料"
    buffer = io.BytesIO()
    made.save(buffer)
    data = buffer.getvalue()

    doc = read_docx_bytes(data, "总结.docx")
    main = [x.text for x in doc.paragraphs if x.location.story in ("body", "table")]
    reference = docx.Document(io.BytesIO(data))
    expected = []
    for block in reference.iter_inner_content():
        if isinstance(block, docx.table.Table):
            expected += [q.text for row in block.rows for c in row.cells for q in c.paragraphs]
        else:
            expected.append(block.text)
    assert main == expected
    assert [x.line for x in doc.paragraphs] == list(range(1, len(doc.paragraphs) + 1))
    assert doc.paragraphs[-1].text == "内部资料"
    assert doc.paragraphs[-1].location == Location("header")


def test_read_bytes_dispatches_docx_and_docm_by_suffix():
    data = build_docx([p("会议纪要")])
    assert read_bytes(data, "纪要.DOCX").paragraphs[0].text == "会议纪要"
    macro = build_docx([p("会议纪要")], content_type="application/vnd.ms-word.document.macroEnabled.main+xml")
    assert read_bytes(macro, "纪要.docm").paragraphs[0].text == "会议纪要"


def test_main_part_is_found_through_package_relationships():
    data = build_docx([p("正文不在默认位置")], main_part="word/document2.xml")
    assert texts(data) == ["正文不在默认位置"]


def test_strict_ooxml_namespaces_are_read():
    def to_strict(name: str, xml: bytes) -> bytes:
        return xml.replace(W.encode(), b"http://purl.oclc.org/ooxml/wordprocessingml/main").replace(
            b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
            b"http://purl.oclc.org/ooxml/officeDocument/relationships",
        )

    data = rewrite_parts(build_docx([p("严格模式文档"), tbl(["甲", "乙"])]), to_strict)
    assert texts(data) == ["严格模式文档", "甲", "乙"]


def test_utf8_byte_order_mark_in_parts_is_accepted():
    data = rewrite_parts(build_docx([p("带字节序标记")]), lambda name, xml: b"\xef\xbb\xbf" + xml)
    assert texts(data) == ["带字节序标记"]


# -- run content ------------------------------------------------------------------------------
def test_tabs_breaks_hyphens_and_symbols_render_as_a_reader_sees_them():
    body = p(
        r("姓名"),
        "<w:r><w:tab/></w:r>",
        r("张三"),
        "<w:r><w:br/></w:r>",
        r("联系电话"),
        '<w:r><w:br w:type="page"/></w:r>',
        r("0571"),
        "<w:r><w:noBreakHyphen/></w:r>",
        r("8888"),
        "<w:r><w:softHyphen/><w:cr/></w:r>",
        '<w:r><w:sym w:font="Wingdings" w:char="F0FE"/><w:sym w:font="Symbol" w:char="F0B3"/></w:r>',
        r("已核"),
    )
    assert texts(build_docx([body])) == ["姓名\t张三 联系电话0571-8888 ☑≥已核"]


def test_math_text_and_ruby_base_are_read_without_the_pronunciation_guide():
    math = "<m:oMath><m:r><m:t>a+b=c</m:t></m:r></m:oMath>"
    ruby = "<w:r><w:ruby><w:rt>" + r("gōng") + "</w:rt><w:rubyBase>" + r("公") + "</w:rubyBase></w:ruby></w:r>"
    assert texts(build_docx([p("公式", math, ruby, "文")])) == ["公式a+b=c公文"]


# -- tables -----------------------------------------------------------------------------------
def test_table_cells_are_read_row_by_row_with_their_locations():
    data = build_docx([p("附表"), tbl(["序号", "单位", "完成率"], ["1", "城建局", "98%"]), p("以上为统计情况。")])
    assert located(data) == [
        (1, "附表", Location("body")),
        (2, "序号", Location("table", (1,), 1, 1)),
        (3, "单位", Location("table", (1,), 1, 2)),
        (4, "完成率", Location("table", (1,), 1, 3)),
        (5, "1", Location("table", (1,), 2, 1)),
        (6, "城建局", Location("table", (1,), 2, 2)),
        (7, "98%", Location("table", (1,), 2, 3)),
        (8, "以上为统计情况。", Location("body")),
    ]


def test_nested_tables_are_read_in_place_with_a_table_path():
    inner = tbl(["镇街", "户数"], ["城关镇", "320"])
    data = build_docx([tbl(["概况"]), tbl([cell(p("分项统计"), inner, p("小计")), "备注"])])
    assert located(data) == [
        (1, "概况", Location("table", (1,), 1, 1)),
        (2, "分项统计", Location("table", (2,), 1, 1)),
        (3, "镇街", Location("table", (2, 1), 1, 1)),
        (4, "户数", Location("table", (2, 1), 1, 2)),
        (5, "城关镇", Location("table", (2, 1), 2, 1)),
        (6, "320", Location("table", (2, 1), 2, 2)),
        (7, "小计", Location("table", (2,), 1, 1)),
        (8, "备注", Location("table", (2,), 1, 2)),
    ]


def test_merged_cells_are_read_once_and_columns_follow_the_grid():
    data = build_docx(
        [
            tbl(
                [cell("项目", vmerge="restart"), cell("2023年", span=2), "备注"],
                [cell(vmerge="continue"), "上半年", "下半年", "无"],
                ["合计", "120", "135", "—"],
            )
        ]
    )
    assert [(t, loc.row, loc.col) for _, t, loc in located(data)] == [
        ("项目", 1, 1),
        ("2023年", 1, 2),
        ("备注", 1, 4),
        ("上半年", 2, 2),
        ("下半年", 2, 3),
        ("无", 2, 4),
        ("合计", 3, 1),
        ("120", 3, 2),
        ("135", 3, 3),
        ("—", 3, 4),
    ]


def test_grid_before_shifts_the_column_of_the_first_cell():
    row = '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>' + cell("乙") + "</w:tr>"
    data = build_docx([f"<w:tbl>{row}</w:tbl>"])
    assert [(t, loc.col) for _, t, loc in located(data)] == [("乙", 2)]


# -- tracked changes --------------------------------------------------------------------------
def test_tracked_changes_read_as_accepted():
    body = p(
        r("全年共完成项目"),
        '<w:del w:id="1" w:author="审核人">' + r("12", deleted=True) + "</w:del>",
        '<w:ins w:id="2" w:author="审核人">' + r("15") + "</w:ins>",
        r("个。"),
    )
    assert texts(build_docx([body])) == ["全年共完成项目15个。"]


def test_moved_text_appears_only_at_its_destination():
    data = build_docx(
        [
            p('<w:moveFrom w:id="1" w:author="a">' + r("加强队伍建设。") + "</w:moveFrom>", r("完善制度。")),
            p(r("强化监督。"), '<w:moveTo w:id="2" w:author="a">' + r("加强队伍建设。") + "</w:moveTo>"),
        ]
    )
    assert texts(data) == ["完善制度。", "强化监督。加强队伍建设。"]


def test_a_deleted_paragraph_mark_joins_the_paragraph_to_the_next():
    deleted_mark = '<w:pPr><w:rPr><w:del w:id="1" w:author="a"/></w:rPr></w:pPr>'
    data = build_docx(
        [
            f"<w:p>{deleted_mark}{r('一是压实')}</w:p>",
            p("责任。"),
            f"<w:p>{deleted_mark}" + '<w:del w:id="2" w:author="a">' + r("整段删除", deleted=True) + "</w:del></w:p>",
            p("二是强化考核。"),
        ]
    )
    assert texts(data) == ["一是压实责任。", "二是强化考核。"]


def test_a_deleted_table_row_is_not_read():
    deleted_row = '<w:tr><w:trPr><w:del w:id="1" w:author="a"/></w:trPr>' + cell("作废行") + "</w:tr>"
    kept_row = "<w:tr>" + cell("保留行") + "</w:tr>"
    data = build_docx([f"<w:tbl>{deleted_row}{kept_row}</w:tbl>"])
    assert [(t, loc.row) for _, t, loc in located(data)] == [("保留行", 1)]


# -- fields and content controls ----------------------------------------------------------------
def test_fields_show_their_result_not_their_instruction():
    body = p(
        r("详见第"), field("PAGEREF _Toc123 \\h", "5"), r("页，"), field('HYPERLINK "http://www.gov.cn"', "中国政府网")
    )
    assert texts(build_docx([body])) == ["详见第5页，中国政府网"]


def test_nested_fields_and_fields_without_result():
    nested = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        "<w:r><w:instrText>IF </w:instrText></w:r>"
        + field("MERGEFIELD 单位", "不显示")
        + '<w:r><w:instrText> = "" "空" "非空"</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + r("非空")
        + field("PAGE", "3")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    no_result = '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>TC "目录项"</w:instrText></w:r>'
    no_result += '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    assert texts(build_docx([p(nested, r("。")), p(no_result, r("正文"))])) == ["非空3。", "正文"]


def test_a_field_spanning_paragraphs_shows_its_result_paragraphs():
    toc = [
        p('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>TOC \\o "1-3"</w:instrText></w:r>'
          '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', r("一、总体情况\t1")),
        p(r("二、存在问题\t3"), '<w:r><w:fldChar w:fldCharType="end"/></w:r>'),
        p("一、总体情况"),
    ]  # fmt: skip
    assert texts(build_docx(toc)) == ["一、总体情况\t1", "二、存在问题\t3", "一、总体情况"]


def test_simple_fields_and_content_controls_are_read():
    simple = '<w:fldSimple w:instr=" DATE "><w:r><w:t>2024年3月1日</w:t></w:r></w:fldSimple>'
    inline_sdt = "<w:sdt><w:sdtPr/><w:sdtContent>" + r("市应急管理局") + "</w:sdtContent></w:sdt>"
    block_sdt = "<w:sdt><w:sdtPr/><w:sdtContent>" + p("控件中的段落") + "</w:sdtContent></w:sdt>"
    data = build_docx([p("报送单位：", inline_sdt), block_sdt, p("日期：", simple)])
    assert located(data) == [
        (1, "报送单位：市应急管理局", Location("body")),
        (2, "控件中的段落", Location("body")),
        (3, "日期：2024年3月1日", Location("body")),
    ]


def test_hyperlinks_and_smart_tags_keep_their_text():
    link = '<w:hyperlink r:id="rId9">' + r("政务公开专栏") + "</w:hyperlink>"
    smart = '<w:smartTag w:uri="urn" w:element="place"><w:smartTag w:uri="urn" w:element="city">' + r("杭州")
    smart += "</w:smartTag></w:smartTag>"
    assert texts(build_docx([p("详见", link, "，地点：", smart)])) == ["详见政务公开专栏，地点：杭州"]


# -- text boxes, headers, footers, notes -------------------------------------------------------
def test_text_boxes_are_read_once_after_the_main_flow():
    data = build_docx([p("正文第一段", textbox("红头文件标题", "文本框第二段")), p("正文第二段")])
    assert located(data) == [
        (1, "正文第一段", Location("body")),
        (2, "正文第二段", Location("body")),
        (3, "红头文件标题", Location("textbox")),
        (4, "文本框第二段", Location("textbox")),
    ]


def test_vml_text_boxes_and_wordart_are_read():
    vml = "<w:r><w:pict><v:shape><v:textbox><w:txbxContent>" + p("VML文本框") + "</w:txbxContent></v:textbox></v:shape>"
    vml += '<v:shape><v:textpath string="××市人民政府文件"/></v:shape></w:pict></w:r>'
    assert texts(build_docx([p(vml)]), "textbox") == ["VML文本框", "××市人民政府文件"]


def test_headers_footers_and_notes_follow_the_main_flow_in_order():
    data = build_docx(
        [p("正文", '<w:r><w:footnoteReference w:id="2"/></w:r>'), p("结尾")],
        headers=[p("某某县人民政府办公室"), p("首页页眉")],
        footers=[p("第", field("PAGE", "1"), "页")],
        footnotes=note(0, p(), note_type="separator") + note(1, p(), note_type="continuationSeparator")
        + note(2, "数据来源：县统计局。"),
        endnotes=note(1, "本文件自印发之日起施行。", kind="endnote"),
    )  # fmt: skip
    assert [(t, loc.story) for _, t, loc in located(data)] == [
        ("正文", "body"),
        ("结尾", "body"),
        ("某某县人民政府办公室", "header"),
        ("首页页眉", "header"),
        ("第1页", "footer"),
        ("数据来源：县统计局。", "footnote"),
        ("本文件自印发之日起施行。", "endnote"),
    ]


def test_a_header_used_by_two_sections_is_read_once():
    section = '<w:p><w:pPr><w:sectPr><w:headerReference w:type="default" r:id="rIdh1"/></w:sectPr></w:pPr></w:p>'
    data = build_docx([p("第一节"), section, p("第二节")], headers=[p("共用页眉")])
    assert texts(data, "header") == ["共用页眉"]


@pytest.mark.parametrize("paragraphs", [1, 7])
def test_paragraph_offsets_join_with_newlines(paragraphs):
    data = build_docx([p(f"第{i}段。") for i in range(1, paragraphs + 1)])
    doc = read_docx_bytes(data, "a.docx")
    for para in doc.paragraphs:
        assert doc.text[para.start : para.end] == para.text
