"""Inline suppression comments in .txt/.md drafts."""

from __future__ import annotations

import pytest

from gwlint.api import lint_text
from gwlint.document import Document, Location
from gwlint.finding import Finding
from gwlint.suppress import apply_suppressions

RULES = ["placeholder.masked-year", "boilerplate.editor-note"]
YEAR, NOTE = RULES
EDITOR_LINE = "下面是小编为大家整理的工作总结,供大家参考。"


def found(text: str, format: str = "txt") -> list[tuple[str, int]]:
    """(rule, line) of each finding, under the two shipped rules only."""
    doc = Document.from_text(text, "a." + format, format)
    return [(f.rule, doc.position(f.start)[0]) for f in lint_text(text, format, select=RULES)]


def test_without_comments_every_line_is_reported():
    text = f"20xx年工作总结\n{EDITOR_LINE}\n20xx年以来\n"
    assert found(text) == [(YEAR, 1), (NOTE, 2), (YEAR, 3)]


def test_disable_enable_block_for_one_rule():
    text = (
        "20xx年工作总结\n"
        "<!-- gwlint-disable placeholder.masked-year -->\n"
        "20xx年以来,我局认真落实\n"
        f"{EDITOR_LINE}\n"
        "<!-- gwlint-enable -->\n"
        "20xx年12月20日\n"
    )
    assert found(text) == [(YEAR, 1), (NOTE, 4), (YEAR, 6)]


def test_disable_without_names_silences_every_rule_until_enable():
    text = f"<!-- gwlint-disable -->\n20xx年以来\n{EDITOR_LINE}\n<!--gwlint-enable-->\n20xx年12月\n"
    assert found(text) == [(YEAR, 5)]


def test_disable_without_enable_lasts_to_the_end():
    text = f"20xx年\n<!-- gwlint-disable boilerplate -->\n{EDITOR_LINE}\n{EDITOR_LINE}\n"
    assert found(text) == [(YEAR, 1)]


def test_names_match_by_prefix_like_select():
    text = f"<!-- gwlint-disable placeholder -->\n20xx年以来\n{EDITOR_LINE}\n"
    assert found(text) == [(NOTE, 3)]


@pytest.mark.parametrize(
    "names", ["placeholder.masked-year boilerplate", "placeholder.masked-year,boilerplate", "placeholder , boilerplate"]
)
def test_several_names_separated_by_spaces_or_commas(names):
    text = f"<!-- gwlint-disable {names} -->\n20xx年以来\n{EDITOR_LINE}\n<!-- gwlint-enable -->\n20xx年\n"
    assert found(text) == [(YEAR, 5)]


def test_enable_with_a_name_reenables_only_that_rule():
    text = f"<!-- gwlint-disable -->\n20xx年以来\n<!-- gwlint-enable placeholder -->\n20xx年以来\n{EDITOR_LINE}\n"
    assert found(text) == [(YEAR, 4)]


def test_disable_next_line_silences_only_the_next_line():
    text = "<!-- gwlint-disable-next-line placeholder.masked-year -->\n20xx年以来\n20xx年12月\n"
    assert found(text) == [(YEAR, 3)]


def test_disable_next_line_without_names_and_with_another_rule():
    text = (
        "<!-- gwlint-disable-next-line -->\n"
        f"20xx年,{EDITOR_LINE}\n"
        "<!-- gwlint-disable-next-line boilerplate.editor-note -->\n"
        f"20xx年,{EDITOR_LINE}\n"
    )
    assert found(text) == [(YEAR, 4)]


def test_a_disable_comment_silences_its_own_line():
    text = "20xx年工作总结 <!-- gwlint-disable placeholder -->\n20xx年以来\n"
    assert found(text) == []


def test_comments_work_in_markdown_too_and_look_alikes_do_not_count():
    text = "<!-- gwlint-disable placeholder -->\n20xx年以来\n<!-- gwlint-disabled -->\n"
    assert found(text, "md") == []
    assert found("<!-- gwlint-disabled placeholder -->\n20xx年以来\n") == [(YEAR, 2)]
    assert found("gwlint-disable placeholder\n20xx年以来\n") == [(YEAR, 2)]  # not inside a comment


def _finding(rule: str, start: int, end: int) -> Finding:
    return Finding(rule, rule.split(".")[0], "warning", "", start, end, "")


def test_a_finding_inside_the_comment_itself_is_dropped():
    """A rule flagging markup residue must not flag the suppression comment."""
    text = "<!-- gwlint-disable-next-line placeholder -->\n正文\n"
    doc = Document.from_text(text, "a.txt")
    comment = _finding("boilerplate.markup", 0, text.index("\n"))
    inside = _finding("placeholder.x", 5, 10)
    assert apply_suppressions(doc, [comment, inside]) == []
    on_text = _finding("boilerplate.markup", text.index("正"), text.index("正") + 2)
    assert apply_suppressions(doc, [on_text]) == [on_text]


def test_word_documents_have_no_suppression_comments():
    doc = Document.from_paragraphs(
        [("<!-- gwlint-disable -->", Location()), ("20xx年以来", Location())], "a.docx", "docx"
    )
    finding = _finding(YEAR, doc.paragraphs[1].start, doc.paragraphs[1].start + 4)
    assert apply_suppressions(doc, [finding]) == [finding]
