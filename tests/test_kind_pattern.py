"""The pattern kind's options: slots, extend, prefilter, tables, merging and fix safety."""

from __future__ import annotations

import pytest

from gwlint.document import Document, Location
from gwlint.kinds import pattern


def run(options: pattern.Options, text: str, format: str = "txt"):
    doc = Document.from_text(text, "draft." + format, format)
    return doc, list(pattern.compile(options).run(doc))


def spans(options: pattern.Options, text: str) -> list[tuple[str, str | None]]:
    doc, found = run(options, text)
    return [(doc.text[h.start : h.end], h.fields.get("slot")) for h in found]


def test_the_first_slot_in_yaml_order_names_an_overlapping_hit():
    options = pattern.Options(slots={"地名": ("xx(?=市)",), "名称": ("x{2,}",)})
    assert spans(options, "xx市和xx网") == [("xx", "地名"), ("xx", "名称")]


def test_plain_patterns_carry_no_slot():
    assert spans(pattern.Options(patterns=("小编",)), "小编推荐") == [("小编", None)]


def test_touching_hits_become_one():
    assert spans(pattern.Options(patterns=("&nbsp;",)), "甲&nbsp;&nbsp;乙&nbsp;") == [
        ("&nbsp;&nbsp;", None),
        ("&nbsp;", None),
    ]


def test_extend_widens_a_hit_to_its_sentence_or_paragraph():
    text = "  今年以来成效明显。以下是小编整理的总结,供参考。下一句。  "
    assert spans(pattern.Options(patterns=("小编",), extend="sentence"), text) == [
        ("以下是小编整理的总结,供参考。", None)
    ]
    assert spans(pattern.Options(patterns=("小编",), extend="paragraph"), text) == [
        ("今年以来成效明显。以下是小编整理的总结,供参考。下一句。", None)
    ]


def test_prefilter_skips_paragraphs_without_the_trigger():
    options = pattern.Options(patterns=("(?<=局长)xx",), prefilter="[x]")
    assert spans(options, "局长xx任组长") == [("xx", None)]
    # The prefilter is trusted: a pattern it does not cover never runs.
    assert spans(pattern.Options(patterns=("小编",), prefilter="[x]"), "小编推荐") == []


def test_table_cells_can_be_left_out():
    items = [("活动方案。", Location()), ("合计。", Location(table=(1,), row=2, col=1))]
    doc = Document.from_paragraphs(items, "draft.docx")
    options = pattern.Options(patterns=("^.{1,4}。$",), in_tables=False)
    assert [doc.text[h.start : h.end] for h in pattern.compile(options).run(doc)] == ["活动方案。"]


def test_a_hit_covering_its_whole_paragraph_deletes_the_line_and_is_safe_when_asked():
    options = pattern.Options(patterns=("小编",), extend="sentence", fix="delete-match", fix_safe="whole-paragraph")
    doc, (whole,) = run(options, "标题\n以下是小编整理的。\n正文。\n")
    assert whole.fix.safe and doc.text[whole.fix.edits[0].start : whole.fix.edits[0].end] == "以下是小编整理的。\n"
    doc, (part,) = run(options, "正文。以下是小编整理的。\n")
    assert not part.fix.safe and doc.text[part.fix.edits[0].start : part.fix.edits[0].end] == "以下是小编整理的。"


def test_never_safe_fixes_stay_unsafe():
    options = pattern.Options(patterns=("^活动方案。$",), fix="delete-paragraph", fix_safe="never")
    _, (hit,) = run(options, "正文。\n活动方案。\n")
    assert hit.fix is not None and not hit.fix.safe


def test_markdown_look_alikes_apply_to_md_only():
    options = pattern.Options(patterns=(r"\*{2,}",), unless_md=(r"\*\*[^*\n]+\*\*",))
    assert run(options, "**重点**", "md")[1] == []
    assert len(run(options, "**重点**", "txt")[1]) == 2


@pytest.mark.parametrize(
    "options",
    [
        pattern.Options(),
        pattern.Options(patterns=("x",), extend="word"),
        pattern.Options(patterns=("x",), fix="rewrite"),
        pattern.Options(patterns=("x",), fix_safe="sometimes"),
    ],
)
def test_invalid_options_are_rejected(options):
    with pytest.raises(ValueError):
        pattern.compile(options)
