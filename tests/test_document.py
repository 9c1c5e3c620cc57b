"""The document model: positions and the compact form documents travel in between processes."""

from __future__ import annotations

import pickle

from gwlint.document import Document, Location


def test_positions_count_code_points_and_lsp_line_ends():
    doc = Document.from_text("第一行\r\n𠀀第二行20xx年\r第三行\n")
    assert [p.text for p in doc.paragraphs] == ["第一行", "𠀀第二行20xx年", "第三行", ""]
    assert doc.position(doc.text.index("20xx")) == (2, 5)
    assert doc.position(doc.text.index("第三行")) == (3, 1)


def test_a_vertical_tab_or_line_separator_does_not_end_a_line():
    doc = Document.from_text("甲\v乙\u2028丙\n丁")
    assert [p.line for p in doc.paragraphs] == [1, 2]
    assert doc.position(doc.text.index("丙")) == (1, 5)


def test_pickled_document_is_equal_and_smaller_than_its_paragraph_copies():
    items = [("一、总体情况", Location()), ("xx市", Location("table", (1,), 2, 3)), ("", Location("footer"))]
    doc = Document.from_paragraphs(items, "总结.docx")
    assert doc.outline[0].title == "总体情况"  # a built view, which is not shipped
    copy = pickle.loads(pickle.dumps(doc))
    assert [(p.text, p.start, p.line, p.location) for p in copy.paragraphs] == [
        (p.text, p.start, p.line, p.location) for p in doc.paragraphs
    ]
    assert copy.position(doc.text.index("xx")) == (2, 1)
    assert "outline" not in copy.__dict__
    long = Document.from_text("政务公开工作总结。" * 2000 + "\n" + "我局认真落实各项部署。" * 2000)
    assert len(pickle.dumps(long)) < 1.3 * len(long.text.encode("utf-8"))
