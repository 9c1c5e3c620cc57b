"""Numbers in Chinese text: values, units, rounding, approximation, and their roles in a sentence."""

from __future__ import annotations

import pytest

from gwlint.document import Document
from gwlint.text.numbers import (
    change_direction,
    change_has_subject,
    change_verb,
    document_numbers,
    find_numbers,
    format_value,
    growth_range,
    has_digit,
    numbers_in,
    percent_fits,
    ratio_range,
)
from gwlint.text.numerals import parse_chinese_int


def only(text: str):
    numbers = find_numbers(text)
    assert len(numbers) == 1, numbers
    return numbers[0]


@pytest.mark.parametrize(
    "text, value, unit, scale, decimals",
    [
        ("共1,234人", 1234, "人", 1, 0),
        ("3.5万人", 35_000, "人", 10_000, 1),
        ("1.2亿元", 120_000_000, "元", 100_000_000, 1),
        ("资金2090万元", 20_900_000, "元", 10_000, 0),
        ("十二场", 12, "场", 1, 0),
        ("一百零五家", 105, "家", 1, 0),
        ("两千人", 2000, "人", 1, 0),
        ("五千万元", 50_000_000, "元", 1, 0),
        ("占33.9%", 33.9, "%", 1, 1),
        ("占33.9％", 33.9, "%", 1, 1),
        ("百分之三十", 30, "%", 1, 0),
        ("提高0.02个百分点", 0.02, "个百分点", 1, 2),
        ("增长-3.2%", -3.2, "%", 1, 1),
        ("０．５万元", 5000, "元", 10_000, 1),
    ],
)
def test_value_unit_and_magnitude(text, value, unit, scale, decimals):
    num = only(text)
    assert (num.value, num.unit, num.scale, num.decimals, num.approx) == (
        pytest.approx(value),
        unit,
        scale,
        decimals,
        False,
    )


def test_span_covers_numeral_magnitude_and_unit():
    num = only("参训人员3.5万人次。")
    assert (num.start, num.end, num.text) == (4, 10, "3.5万人次")


@pytest.mark.parametrize(
    "text",
    ["约40%", "近千亿元", "2300多人", "实施项目2500个以上", "30人左右", "1万余元", "超过500家", "不足10人", "千家万户"],
)
def test_approximate_numbers(text):
    assert only(text).approx


def test_range_is_approximate_at_both_ends():
    assert [(n.value, n.approx) for n in find_numbers("每组3-5人")] == [(3, True), (5, True)]


@pytest.mark.parametrize(
    "text", ["一是加强领导", "做到三到位", "十四五规划", "十分重要", "三分之一", "5G网络", "H5页面"]
)
def test_words_that_are_not_numbers(text):
    assert find_numbers(text) == []


def test_rounding_tolerance_is_half_the_last_digit():
    assert only("2.02亿元").tol == pytest.approx(500_000)
    assert only("2090万元").tol == pytest.approx(5000)
    assert only("958份").tol == 0  # an exact count


def test_rates_dates_and_per_unit_amounts_are_not_countable():
    assert not only("占5.91%").countable
    assert not only("2023年").countable
    assert not only("标准780元/人月").countable
    assert only("780元").countable


@pytest.mark.parametrize(
    "text, unit",
    [
        ("办结时限45个工作日", "个工作日"),
        ("试运行3个月", "个月"),
        ("整理档案1,050卷", "卷"),
        ("利用档案948卷次", "卷次"),
    ],
)
def test_lengths_of_time_and_archive_units(text, unit):
    num = only(text)
    assert num.unit == unit
    assert num.countable == (unit in ("卷", "卷次"))  # 3个月 is a length of time, not 3 of something


@pytest.mark.parametrize(
    "label, direction, verb",
    [
        ("比上年减少了", -1, "减少了"),
        ("压缩率", -1, "压缩率"),
        ("节约率为", -1, "节约率为"),
        ("下降幅度为", -1, "下降幅度为"),
        ("降幅达", -1, "降幅达"),
        ("同比增长", 1, "增长"),
        ("增长率为", 1, "增长率为"),
        ("比上年多增", 1, "多增"),
        ("比上年少增", -1, "少增"),
        ("比上年少减", 0, ""),  # a smaller fall: which way the value went is not said
        ("占比", 0, ""),
        ("调整为", 0, ""),
    ],
)
def test_direction_of_a_change(label, direction, verb):
    assert (change_direction(label), change_verb(label)) == (direction, verb)


@pytest.mark.parametrize(
    "label, own",
    [
        ("同比增长", False),
        ("比上年同期下降", False),
        ("与去年相比减少", False),
        ("较上年又增加", False),
        ("增幅为", False),
        ("审批材料平均压减了", True),
        ("税收收入增长", True),
        ("比2022年增长", True),  # a base that is a date, not the one before
    ],
)
def test_a_change_clause_with_a_subject_of_its_own(label, own):
    assert change_has_subject(label) is own


def test_show_writes_a_value_the_way_the_number_is_written():
    num = only("2.02亿元")
    assert num.show() == "2.02亿元"
    assert num.show(201_740_000) == "2.02亿元"
    assert only("十二场").show() == "十二场"
    assert only("1213人").show(1203) == "1203人"
    assert only("1,213人").show(1203) == "1,203人"
    assert format_value(1_130_577, 10_000, 2, grouped=True) == "113.06"
    assert format_value(1_130_577, 1, 0, grouped=True) == "1,130,577"


def test_roles_and_labels_in_a_sentence():
    para = numbers_in(
        "农民工总量19.41万人，比上年增长8.55%，其中外出农民工7.97万人（含跨省3.1万人），比上年减少0.5万人。"
    )
    rows = [(it.num.text, it.role, it.label, it.depth) for it in para.items]
    assert rows == [
        ("19.41万人", "value", "农民工总量", 0),
        ("8.55%", "rate", "比上年增长", 0),
        ("7.97万人", "value", "其中外出农民工", 0),
        ("3.1万人", "value", "含跨省", 1),
        ("0.5万人", "delta", "比上年减少", 0),
    ]


def test_bracketed_asides_are_left_out_of_labels():
    para = numbers_in("其中城镇人口2810.52万人，占总人口的比重（常住人口城镇化率）为62.07%。")
    assert para.items[1].label == "占总人口的比重为"


def test_earlier_values_are_bases():
    para = numbers_in("受理申请150件，去年同期为120件；较上年的979件减少。")
    assert [it.role for it in para.items] == ["value", "base", "base"]


def test_sentences_are_counted_within_the_paragraph():
    para = numbers_in("共10人。其中男5人，女5人。")
    assert [it.sentence for it in para.items] == [0, 1, 1]


def test_nested_and_unbalanced_brackets_set_depth_and_labels():
    para = numbers_in("合计（其中机关（含借调3人）25人，基层【不含临聘】40人）65人。")
    rows = [(it.num.text, it.depth, it.label, it.clause) for it in para.items]
    assert rows == [
        ("3人", 2, "含借调", "含借调"),
        ("25人", 1, "", "其中机关"),
        ("40人", 1, "基层", "基层"),
        ("65人", 0, "", "合计"),
    ]
    para = numbers_in("收入（万元）)12.5万元（（同比增长3%")
    assert para.depth == (0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 2, 2, 2, 2, 2)
    assert [(it.num.text, it.depth, it.label) for it in para.items] == [("12.5万元", 0, "收入"), ("3%", 2, "同比增长")]


@pytest.mark.parametrize("text", ["进一步统一思想", "十分重要，三到位，十四五规划", "一是加强领导", "第一百名"])
def test_chinese_numerals_without_a_unit_are_no_numbers(text):
    assert find_numbers(text) == []


def test_has_digit_knows_every_digit_python_knows():
    digits = [c for c in map(chr, range(0x110000)) if c.isdigit()]
    assert [c for c in digits if not has_digit(f"第{c}条")] == []
    assert [has_digit(t) for t in ("二〇二三年", "第①条", "约３成", "x²", "")] == [False, True, True, True, False]


def test_a_document_is_read_for_numbers_once():
    doc = Document.from_text("共10人,其中男5人。\n进一步统一思想。\n开展培训十二场。\n工作落实到位")
    numbers = document_numbers(doc)
    assert document_numbers(doc) is numbers
    assert numbers.has_digit == [True, False, False, False]
    assert numbers.with_figures() == [0, 1, 2]  # 一 in 统一 is a numeral, if no number
    assert numbers.numbered(1) is None
    assert [it.num.text for it in numbers.numbered(2).items] == ["十二场"]
    assert numbers.numbered(0) is numbers.numbered(0)


def test_percent_fits_allows_rounding_and_truncation():
    low, high = ratio_range(35, 0, 805, 0)  # 4.3478 %
    assert percent_fits(4.35, 2, low, high)
    assert percent_fits(4.34, 2, low, high)  # cut, not rounded
    assert not percent_fits(4.5, 2, low, high)


def test_growth_range_uses_the_rounding_of_both_numbers():
    low, high = growth_range(16.5, 0.1, 17.9, 0.05)  # 17.9 - 1.4, both rounded to 0.1
    assert low < 8.6 < high
    assert not low < 12.6 < high


@pytest.mark.parametrize(
    "text, value",
    [
        ("十二", 12),
        ("一百零五", 105),
        ("两千", 2000),
        ("二〇二三", 2023),
        ("一百二十", 120),
        ("一万二", 12_000),  # spoken shortening
        ("三千五", 3500),
        ("一百二", 120),
        ("一千零二", 1002),
        ("三亿五", 350_000_000),
        ("十万零三", 100_003),
    ],
)
def test_chinese_integers(text, value):
    assert parse_chinese_int(text) == value


def test_bare_numbers_listed_before_a_unit_take_that_unit():
    found = find_numbers("人数分别为30、40、30、30名,另有2023年")
    assert [(n.text, n.unit) for n in found] == [
        ("30", "名"),
        ("40", "名"),
        ("30", "名"),
        ("30名", "名"),
        ("2023年", "年"),
    ]
    # Not across a magnitude (30、40万元 may mean 30元) nor across other separators.
    assert [n.unit for n in find_numbers("分别为30、40万元")] == ["", "元"]
    assert [n.unit for n in find_numbers("编号30,共40名")] == ["", "名"]


def test_compound_units_stay_one_unit():
    assert [(n.text, n.unit) for n in find_numbers("能耗12.6万吨标准煤,由3.2万元/亩提高到3.8万元/亩")] == [
        ("12.6万吨标准煤", "吨标准煤"),
        ("3.2万元/亩", "元/亩"),
        ("3.8万元/亩", "元/亩"),
    ]
    assert only("流量1500立方米/秒").unit == "立方米/秒"
    assert only("标准780元/人月").unit == "元/人月"
