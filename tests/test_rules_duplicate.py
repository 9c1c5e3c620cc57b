"""The duplicate rules: repeated paragraphs, repeated sections, doubled sentences, and their traps."""

from __future__ import annotations

import json
import random
import tracemalloc
import unicodedata
from difflib import SequenceMatcher

import pytest
import regex

from gwlint.document import Document, Location
from gwlint.engine import Engine
from gwlint.finding import Edit, Related
from gwlint.fix import apply_fixes
from gwlint.kinds import duplicate
from gwlint.readers import read_path
from gwlint.rulepack import builtin_rules_dir, load_pack_file
from gwlint.text import normalize
from tests.conftest import require_shared

RULES = load_pack_file(builtin_rules_dir() / "duplicate.yaml")
ENGINE = Engine(RULES)
PARAGRAPH, SECTION, DOUBLED = "duplicate.paragraph", "duplicate.section", "duplicate.doubled-sentence"

STAFF = "我局高度重视政务公开工作，成立了以局长为组长的领导小组。"
MEETING = "局党组召开专题会议3次，研究部署政务公开重点任务。"
DUTIES = "各科室明确专人负责，形成了层层抓落实的工作格局。"


def findings(text: str):
    return ENGINE.lint(Document.from_text(text, "draft.txt"))


def found(text: str) -> list[tuple[str, int, str]]:
    doc = Document.from_text(text, "draft.txt")
    return [(f.rule, doc.position(f.start)[0], f.excerpt) for f in ENGINE.lint(doc)]


def test_duplicate_rules_are_shipped():
    assert {r.id for r in RULES} == {PARAGRAPH, SECTION, DOUBLED}


# -- a paragraph repeated --------------------------------------------------------------------------


def test_an_exact_copy_is_reported_on_the_later_paragraph_with_the_first_as_related():
    text = f"一、主要做法\n{STAFF}\n二、取得成效\n{STAFF}\n三、存在问题\n"
    first, later = text.index(STAFF), text.rindex(STAFF)
    (finding,) = findings(text)
    assert (finding.rule, finding.start, finding.end) == (PARAGRAPH, later, later + len(STAFF))
    assert finding.related == (Related(first, first + len(STAFF), "首次出现"),)
    assert finding.data == {"similarity": 1.0, "first_line": 2}
    assert finding.message == "本段与第2行重复(完全相同)"


def test_deleting_an_exact_copy_is_a_safe_fix_that_takes_its_line_end():
    text = f"一、主要做法\n{STAFF}\n二、取得成效\n{STAFF}\n三、存在问题\n"
    (finding,) = findings(text)
    later = text.rindex(STAFF)
    assert finding.fix.safe
    assert finding.fix.edits == (Edit(later, later + len(STAFF) + 1, ""),)
    assert apply_fixes(text, [finding]) == f"一、主要做法\n{STAFF}\n二、取得成效\n三、存在问题\n"


def test_punctuation_spaces_and_full_width_forms_do_not_hide_a_copy():
    first = "全年共主动公开政府信息1234条，其中通过门户网站公开980条。"
    later = "全年共主动公开政府信息１２３４条, 其中通过门户网站公开９８０条"
    (finding,) = findings(f"{first}\n{DUTIES}\n{later}")
    assert (finding.rule, finding.message) == (PARAGRAPH, "本段与第1行重复(仅标点或空格不同)")
    assert finding.data == {"similarity": 1.0, "first_line": 1}
    assert not finding.fix.safe  # the writer may have corrected the punctuation in the later copy


def test_a_near_copy_reports_its_similarity_and_gets_only_an_unsafe_fix():
    first = "活动期间，我委在办公楼前液晶显示屏上滚动播放政务公开宣传标语，营造了良好的活动氛围。"
    later = "活动期间，我委在办公楼前显示屏上滚动播放政务公开宣传标语，营造了良好的活动氛围。"
    (finding,) = findings(f"{first}\n{DUTIES}\n{later}")
    assert (finding.rule, finding.excerpt) == (PARAGRAPH, later)
    assert finding.data == {"similarity": 0.974, "first_line": 1}
    assert finding.message == "本段与第1行重复(相似度97%)"
    assert not finding.fix.safe


def test_a_near_copy_at_exactly_the_threshold_is_reported():
    first = "党组召开专题会议，研究部署政务公开重点任务。"
    later = "党组组开专题会议，研究部署事务公开重点任务。"  # 2 of 20 characters changed: 2·18 / 40 = 0.9
    text = f"{first}\n{DUTIES}\n{later}"
    (finding,) = findings(text)
    assert (finding.rule, finding.start, finding.end) == (PARAGRAPH, text.rindex(later), len(text))
    assert finding.data == {"similarity": 0.9, "first_line": 1}
    assert finding.message == "本段与第1行重复(相似度90%)"


def test_a_draft_linted_again_after_an_edit_gets_what_a_fresh_lint_gets():
    # Per-paragraph results are kept from one lint to the next (the language server lints on every
    # edit): an edit must change the findings exactly as linting the edited draft afresh would.
    near = "活动期间，我委在办公楼前显示屏上滚动播放政务公开宣传标语，营造了良好的活动氛围。"
    before = f"{STAFF}\n{MEETING}\n{near.replace('显示屏', '液晶显示屏')}\n{DUTIES}\n{near}\n加强领导。加强领导。"
    after = before.replace("我委在办公楼前显示屏", "我委组织干部深入社区开展政策宣讲，在办公楼前")
    after = after.replace("加强领导。加强", "加强")
    findings("另一份稿件。\n" + STAFF + "\n" + STAFF)  # something else was linted last
    fresh = [(f.rule, f.start, f.end) for f in findings(after)]
    assert [(f.rule, f.start) for f in findings(before)] == [
        (PARAGRAPH, before.index(DUTIES) + len(DUTIES) + 1),
        (DOUBLED, before.rindex("加强领导")),
    ]
    assert [(f.rule, f.start, f.end) for f in findings(after)] == fresh == []


def test_a_copy_under_another_list_number_is_still_a_copy():
    body = "提前谋划，加快工程进度。各县在排查摸底的基础上，制定了规划方案，按规划组织实施。"
    (finding,) = findings(f"（二）{body}\n{DUTIES}\n（五）{body}")
    assert (finding.rule, finding.message) == (PARAGRAPH, "本段与第1行重复(仅序号不同)")


def test_a_template_copy_with_a_masked_year_repeats_the_filled_in_one():
    first = "活动期间，在我委办公楼前液晶显示屏上滚动播放“2020年第六届政务公开日”宣传标语。"
    later = "活动期间，在我委办公楼前液晶显示屏上滚动播放“20xx年第六届政务公开日”宣传标语。"
    assert found(f"{first}\n{DUTIES}\n{later}") == [(PARAGRAPH, 3, later)]


def test_fifteen_chinese_characters_make_a_paragraph_long_enough():
    fourteen = "我局组织开展了政务公开日活动。"  # 14 Chinese characters
    fifteen = "我局认真组织开展政务公开日活动。"
    assert found(f"{fourteen}\n{DUTIES}\n{fourteen}") == []
    assert found(f"{fifteen}\n{DUTIES}\n{fifteen}") == [(PARAGRAPH, 3, fifteen)]


def test_running_text_after_a_label_is_compared_like_any_paragraph():
    text = "主要做法：我局高度重视政务公开工作，成立了以局长为组长的领导小组，明确专人负责日常工作"
    assert found(f"{text}\n{DUTIES}\n{text}") == [(PARAGRAPH, 3, text)]


def test_a_title_written_again_on_the_next_line_is_reported():
    title = "河北省教育厅关于全省全面改薄工作督导检查情况的通报"
    assert found(f"{title}\n{title}\n各设区市教育局：") == [(PARAGRAPH, 2, title)]


def test_a_heading_written_again_word_for_word_is_reported():
    heading = "一、政府信息公开工作组织推进情况和主要成效"
    text = f"{heading}\n{STAFF}\n二、主动公开政府信息情况\n{MEETING}\n{heading}\n{DUTIES}"
    assert found(text) == [(PARAGRAPH, 5, heading)]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "1.开展“群众难题我来答”活动。\n活动时间：5月15日至5月20日\n参加单位：区发改局、教育局、工信局、民政局、人社局、住建局\n"
            "2.开展“重要工作部门谈”活动。\n活动时间：5月15日至5月20日\n参加单位：区发改局、教育局、工信局、民政局、人社局、住建局",
            id="form-labels-recur",
        ),
        pytest.param("一、主要做法\n（一）加强组织领导\n二、下一步打算\n（一）加强组织领导", id="short-headings"),
        pytest.param(
            "信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n规章\t0\t0\t0\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量",
            id="table-header-rows",
        ),
        pytest.param(
            "2022年共受理依申请公开120件，均已按时办结，无行政复议。\n"
            "2023年共受理依申请公开150件，均已按时办结，无行政复议。",
            id="same-wording-other-figures",
        ),
        pytest.param(
            "a) 梳理设计要素相关的新旧版本法规要求的差异，评价差异内容的适用性以及对安全的影响程度；\n"
            "b) 梳理设计要素相关的新旧版本导则要求的差异，评价差异内容的适用性以及对安全的影响程度；",
            id="parallel-list-items",
        ),
        pytest.param(
            "（4）投标人具有良好的商业信誉和健全的财务会计制度声明函（格式见附件）；\n"
            "附件六\n投标人具有良好的商业信誉和健全的财务会计制度声明函",
            id="attachment-named-in-a-list",
        ),
        pytest.param(
            "现将有关文件印发给你们，请认真贯彻落实。\n1.望花区2022年政务公开工作要点及重点任务分工\n"
            "2.望花区2022年政务公开工作考核细则\n望花区2022年政务公开工作要点及重点任务分工\n一、总体要求",
            id="document-list-names-the-title",
        ),
        pytest.param(
            "表4 2022年各种运输方式完成货物运输量及其增长速度\n全年货物运输总量比上年增长3.1%。\n"
            "表5 2022年各种运输方式完成旅客运输量及其增长速度",
            id="captions",
        ),
        pytest.param(
            "一、活动主题\n坚持依法行政，深化政务公开，加强法治政府建设。\n附件：\n活动宣传标语\n"
            "1.坚持依法行政，深化政务公开，加强法治政府建设。",
            id="attachment-repeats-the-notice",
        ),
        pytest.param(
            f"政务公开工作总结篇一\n{STAFF}\n政务公开工作总结篇二\n{STAFF}", id="drafts-of-one-page-checked-apart"
        ),
        pytest.param(
            "【本文地址:http://www.example-fanwen.com/zongjie/123456.html】\n正文\n"
            "【本文地址:http://www.example-fanwen.com/zongjie/123456.html】",
            id="page-chrome-without-chinese-text",
        ),
    ],
)
def test_legitimate_repetition_is_not_reported(text):
    assert found(text) == []


def test_a_table_cell_in_a_word_file_is_not_compared():
    cell = Location(table=(1,), row=2, col=1)
    doc = Document.from_paragraphs([(STAFF, Location()), (DUTIES, Location()), (STAFF, cell)], "draft.docx")
    assert ENGINE.lint(doc) == []


def test_a_word_file_names_paragraph_numbers():
    doc = Document.from_paragraphs([(STAFF, Location()), (DUTIES, Location()), (STAFF, Location())], "draft.docx")
    (finding,) = ENGINE.lint(doc)
    assert finding.message == "本段与第1段重复(完全相同)"


# -- the search behind both: sketches, candidates, bounded memory -----------------------------------

REPORT = (
    "我局高度重视政务公开工作，成立了以局长为组长的领导小组，局党组召开专题会议3次，研究部署政务公开重点任务。"
    "各科室明确专人负责，形成了层层抓落实的工作格局，全年主动公开政府信息，及时回应社会关切，"
    "做到应公开尽公开，切实保障人民群众的知情权、参与权和监督权。"
)


def test_a_sketch_is_the_same_numbers_in_every_process_and_on_every_machine():
    # Which paragraphs are compared follows from the sketch values: a hash that changed from one
    # process to the next (as Python's str hash does) could change the findings between runs and
    # between --jobs workers. The three shingles 政务公开 务公开工 公开工作, hashed:
    sketch, shingles = duplicate.sketch("政务公开工作")
    assert list(duplicate.values(sketch)) == [0x22684F5D0FAEFDDC, 0x953E081DE772C335, 0xDACB0B51797DD22B]
    assert shingles == 3
    sketch, shingles = duplicate.sketch(duplicate.body_of(REPORT))
    assert len(duplicate.values(sketch)) == duplicate.SKETCH == 16
    assert shingles == 112  # 113 shingles in its 116 folded characters, 政务公开 twice
    assert list(duplicate.values(sketch)) == sorted(duplicate.values(sketch))


def test_words_changed_outside_the_sketch_make_a_near_copy_not_an_exact_one():
    # Exact copies are found by grouping paragraphs with equal sketches, then comparing their words:
    # 本局 for 我局 changes one shingle, not one of the 16 kept, and the copy is still only 99% alike.
    later = REPORT.replace("我局", "本局", 1)
    assert duplicate.sketch(duplicate.body_of(later)) == duplicate.sketch(duplicate.body_of(REPORT))
    (finding,) = findings(f"{REPORT}\n{DUTIES}\n{later}")
    assert (finding.rule, finding.message) == (PARAGRAPH, "本段与第1行重复(相似度99%)")
    assert not finding.fix.safe


def _edited(text: str) -> str:
    """A 的 after every fifth Chinese character: some 91% alike, with a third of the shingles left."""
    out, count = [], 0
    for char in text:
        out.append(char)
        if "\u4e00" <= char <= "\u9fff":
            count += 1
            if count % 5 == 0:
                out.append("的")
    return "".join(out)


@pytest.mark.parametrize("every_value", [duplicate.EVERY_VALUE, 0], ids=["all-values-indexed", "repeated-values-only"])
def test_every_near_copy_is_found_among_hundreds_of_paragraphs(every_value, monkeypatch):
    # Edited all along, a copy shares only a few values of its sketch with the first; among almost
    # 400 paragraphs of published text it must still be compared with it, whichever way the index is
    # built (a long draft indexes only the values a first pass saw twice).
    monkeypatch.setattr(duplicate, "EVERY_VALUE", every_value)
    folder = require_shared("eval", "gov-published")
    lines = [
        line.strip() for path in sorted(folder.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()
    ]
    base = list(
        dict.fromkeys(p for p in lines if len(regex.findall(r"\p{Han}", p)) >= 40 and not regex.search(r"[\d\t]", p))
    )
    assert len(base) == 312 and found("\n".join(base)) == []
    text, copies = [], []
    for k, paragraph in enumerate(base):
        text.append(paragraph)
        if k >= 20 and k % 4 == 0:
            text.append(_edited(base[k - 20]))
            copies.append((len(text), text.index(base[k - 20]) + 1))
    doc = Document.from_text("\n".join(text), "draft.txt")
    got = [(f.rule, doc.position(f.start)[0], f.data["first_line"]) for f in ENGINE.lint(doc)]

    def alike(later: int, first: int) -> float:
        a, b = (duplicate.body_of(text[n - 1]) for n in (first, later))
        return SequenceMatcher(None, a, b, autojunk=False).ratio()

    # difflib finds some edited copies under 90% (it matches greedily): those are not copies.
    expected = [(PARAGRAPH, later, first) for later, first in copies if alike(later, first) >= 0.9]
    assert (len(copies), len(expected)) == (73, 66)
    assert got == expected


def test_memory_grows_by_a_few_hundred_bytes_a_paragraph_not_by_its_shingles():
    # A long draft of distinct paragraphs: the search keeps a sketch a paragraph and an index of the
    # values two sketches share, never a set of every shingle. The shingle sets of the earlier search
    # peaked at 43 MB here (4.5 KB a paragraph); this one stays under 6 MB.
    words = "政务公开工作领导小组各科室分工明确形成一级抓层落实格局局党组召开专题会议研究部署重点任务主动发布信息"
    rng = random.Random(10_000)
    text = "\n".join("".join(rng.choices(words, k=rng.randint(15, 25))) + "。" for _ in range(10_000))
    doc = Document.from_text(text, "long.txt")
    tracemalloc.start()
    try:
        result = ENGINE.lint(doc)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result == []
    assert peak < 15 * 1024 * 1024


def test_a_paragraph_of_more_than_20000_characters_is_matched_word_for_word_only():
    # Such a paragraph is a file without line ends, and difflib's time grows with the square of its
    # length: an exact copy is still reported, a near one is not compared.
    long = (STAFF + MEETING + DUTIES) * 300
    assert len(duplicate.body_of(long)) > duplicate.MAX_NEAR
    near = long[:-3] + "工作局面。"
    assert [f[:2] for f in found(f"{long}\n{DUTIES}\n{long}") if f[0] == PARAGRAPH] == [(PARAGRAPH, 3)]
    assert [f for f in found(f"{long}\n{DUTIES}\n{near}") if f[0] == PARAGRAPH] == []


def test_folding_tables_stop_growing_on_text_holding_every_character():
    # A hostile file can hold every code point: each table keeps TABLE_LIMIT characters (a draft uses
    # a few thousand) and folds the others again each time, instead of growing past 100 MB.
    planes = [*range(0xAC00, 0xD7A4), *range(0x20000, 0x30000)]
    chars = "".join(c for c in map(chr, planes) if unicodedata.category(c) == "Lo")
    table = normalize._FoldTable()
    folded = chars.translate(table)
    assert len(chars) > normalize.TABLE_LIMIT == len(table)
    assert chars.translate(table) == folded
    assert "\U0002f800".translate(table) == "丽"  # a compatibility ideograph past the limit, folded all the same


def test_values_kept_for_the_next_lint_are_bounded():
    # The language server lints after every edit and finds most paragraphs again; what it keeps
    # from the last draft is capped, however long that draft was.
    computed = []
    recent = duplicate.Recent(lambda text: computed.append(text) or len(text), limit=2)
    get = recent.lookup()
    assert [get(t) for t in ("一", "二二", "三三三", "一")] == [1, 2, 3, 1]
    assert computed == ["一", "二二", "三三三"]
    get = recent.lookup()
    assert [get(t) for t in ("一", "二二", "三三三")] == [1, 2, 3]
    assert computed == ["一", "二二", "三三三", "三三三"]  # the third was not kept


# -- a section repeated --------------------------------------------------------------------------


def test_a_repeated_section_is_reported_per_paragraph_with_one_fix_for_the_whole_section():
    first = f"（一）加强组织领导\n{MEETING}\n{DUTIES}\n"
    text = f"{first}（二）完善工作机制\n健全信息发布协调机制，做到应公开尽公开。\n{first}三、存在问题\n"
    copy = text.rindex("（一）")
    result = findings(text)
    assert [(f.rule, f.start) for f in result] == [(SECTION, text.rindex(MEETING)), (SECTION, text.rindex(DUTIES))]
    assert {f.message for f in result} == {"本段所在的第6–8行与第1–3行整节重复"}
    assert result[0].data == {
        "similarity": 1.0,
        "first_line": 2,
        "section_range": [6, 8],
        "first_section_range": [1, 3],
    }
    assert {f.fix.edits for f in result} == {(Edit(copy, text.index("三、"), ""),)}
    assert all(f.fix.safe for f in result)
    assert apply_fixes(text, result) == text[:copy] + "三、存在问题\n"


def test_a_section_under_another_number_goes_with_its_heading_but_needs_a_look():
    text = f"（一）加强组织领导\n{MEETING}\n{DUTIES}\n（三）加强组织领导\n{MEETING}\n{DUTIES}"
    result = findings(text)
    assert [(f.rule, f.data["section_range"]) for f in result] == [(SECTION, [4, 6])] * 2
    assert result[0].fix.edits == (Edit(text.index("（三）") - 1, len(text), ""),)
    assert not result[0].fix.safe


def test_a_lone_copy_under_another_heading_is_a_paragraph_not_a_section():
    text = f"（一）加强组织领导\n{MEETING}\n（二）完善工作机制\n{MEETING}\n{DUTIES}"
    assert found(text) == [(PARAGRAPH, 4, MEETING)]


def test_a_heading_between_repeated_paragraphs_goes_with_the_section():
    text = f"{MEETING}\n（一）具体做法\n{DUTIES}\n二、成效\n{MEETING}\n（一）具体做法\n{DUTIES}"
    result = findings(text)
    assert [(f.rule, f.data["section_range"]) for f in result] == [(SECTION, [5, 7])] * 2


# -- a sentence doubled back to back --------------------------------------------------------------


@pytest.mark.parametrize(
    "text, again, first",
    [
        ("（一）加强领导。加强领导。成立了工作专班。", (8, 12), (3, 7)),
        ("在全市政务公开工作会议上的讲话在全市政务公开工作会议上的讲话", (15, 30), (0, 15)),
        ("我局高度重视，我局高度重视，及时召开专题会议。", (7, 13), (0, 6)),
        ("加强领导，狠抓落实。加强领导，狠抓落实。", (10, 19), (0, 9)),
    ],
)
def test_a_unit_written_twice_is_reported_on_the_second_copy(text, again, first):
    (finding,) = findings(text)
    assert (finding.rule, finding.start, finding.end) == (DOUBLED, *again)
    assert finding.related == (Related(*first, "首次出现"),)
    assert finding.data == {"similarity": 1.0, "first_line": 1}


def test_the_fix_removes_the_second_copy_and_the_punctuation_before_it():
    text = "（一）加强领导。加强领导。成立了工作专班。"
    (finding,) = findings(text)
    assert finding.fix.safe and finding.fix.edits == (Edit(7, 12, ""),)
    assert apply_fixes(text, [finding]) == "（一）加强领导。成立了工作专班。"


@pytest.mark.parametrize(
    "text",
    [
        "一些干部乱作为、不作为、不善为，一些领域腐败问题依然多发。",
        "外商直接投资、对外直接投资、对外承包工程数据来自省商务厅。",
        "学习、学习、再学习，是做好工作的前提。",
        "注册地址：北京市北京市朝阳区建国路1号。",
        "申请人向数据提供部门申请复核的，数据提供部门应当自收到复核申请之日起7个工作日内进行校核，并答复申请人；"
        "申请人向平台申请复核的，平台管理机构应当组织数据提供部门进行校核，"
        "数据提供部门应当自收到复核申请之日起7个工作日内进行校核，并答复申请人。",
        "法定代表人（授权代表）：            法定代表人（授权代表）：",
        "签字日期：      年  月  日  签字日期：      年  月  日",
        "See the forums forums for details.",
    ],
)
def test_normal_repetition_inside_a_paragraph_is_not_doubling(text):
    assert found(text) == []


# -- the labelled corpora ---------------------------------------------------------------------------


def test_published_texts_have_no_duplicates():
    folder = require_shared("eval", "gov-published")
    assert [(p.name, *f) for p in sorted(folder.glob("*.txt")) for f in found(p.read_text(encoding="utf-8"))] == []


@pytest.mark.parametrize("corpus", ["dev", "dev-synth"])
def test_labelled_drafts_get_exactly_their_gold_duplicates(corpus):
    folder = require_shared("eval", corpus)
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))["files"]
    expected, got = set(), set()
    for name, labels in gold.items():
        expected |= {(name, f["line"]) for f in labels["findings"] if f["category"] == "duplicate"}
        doc = read_path(folder / name)
        got |= {(name, doc.position(f.start)[0]) for f in ENGINE.lint(doc)}
    assert got == expected
