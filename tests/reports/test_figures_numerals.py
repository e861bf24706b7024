"""Reading numbers: Arabic and Chinese numerals, multipliers, units, separators, spaces and mirror junk."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reports.ingest.figures import extract_figures
from reports.ingest.figures.numerals import multiplier_value, parse_arabic, parse_chinese, tidy
from reports.ingest.figures.units import match_unit
from reports.ingest.text import fold_width, to_simplified


def one(text: str):
    figures = extract_figures(text)
    assert len(figures) == 1, [f.text for f in figures]
    return figures[0]


@pytest.mark.parametrize(
    "text, value",
    [
        ("一", 1),
        ("十", 10),
        ("十五", 15),
        ("二十", 20),
        ("一百一十", 110),
        ("二百零七", 207),
        ("三千零五", 3005),
        ("两万", 20000),
        ("十五万五千", 155000),
        ("一亿二千万", 120000000),
        ("三亿五千万", 350000000),
        ("一万亿", 10**12),
    ],
)
def test_chinese_numerals(text, value):
    assert parse_chinese(text) == value


@pytest.mark.parametrize(
    "text", ["二〇二五", "一七", "十四五", "三四十", "百", "千", "万", "零", "一二", "十百"]
)
def test_digit_by_digit_names_and_bare_multipliers_are_not_numbers(text):
    assert parse_chinese(text) is None


def test_arabic_numbers_with_separators():
    assert parse_arabic("1,234") == Decimal(1234)
    assert parse_arabic("1，234，567") == Decimal(1234567)
    assert parse_arabic("54.6") == Decimal("54.6")


def test_multipliers_chain():
    assert multiplier_value("万") == 10**4
    assert multiplier_value("千万") == 10**7
    assert multiplier_value("万亿") == 10**12
    assert multiplier_value("") == 1


def test_tidy_drops_the_point_of_whole_values_only():
    assert str(tidy(Decimal("54.6") * 10**8)) == "5460000000"
    assert str(tidy(Decimal("72.26"))) == "72.26"


def test_full_width_digits_fold_in_place():
    assert fold_width("１２．５％") == "12.5%"


def test_simplified_copy_keeps_length():
    text = "瀋陽市審結案件十五萬五千宗，餘額2000餘萬元"
    assert len(to_simplified(text)) == len(text)
    assert to_simplified(text).startswith("沈阳市审结")


@pytest.mark.parametrize(
    "text, figure, value, unit",
    [
        ("涉及债权54.6亿元。", "54.6亿元", 5460000000, "元"),
        ("聘请调解员1.9萬名。", "1.9萬名", 19000, "名"),
        ("破获案件1.17万起。", "1.17万起", 11700, "起"),
        ("冻结资金3千万元。", "3千万元", 30000000, "元"),
        ("生产总值1.5万亿元。", "1.5万亿元", 1500000000000, "元"),
        ("办理案件二百零七件。", "二百零七件", 207, "件"),
        ("受理纠纷十五萬五千宗。", "十五萬五千宗", 155000, "宗"),
        ("组织两万人次参加。", "两万人次", 20000, "人次"),
        ("缴获毒品3.5千克。", "3.5千克", Decimal("3.5"), "千克"),
        ("破案率上升4.3个百分点。", "4.3个百分点", Decimal("4.3"), "个百分点"),
        ("惠及群众152万。", "152万", 1520000, ""),
    ],
)
def test_value_is_normalised_and_unit_simplified(text, figure, value, unit):
    f = one(text)
    assert (f.text, f.value, f.unit) == (figure, Decimal(value), unit)


@pytest.mark.parametrize(
    "text, figures",
    [
        ("审结 212 件。", ["212 件"]),
        ("批捕 15 件 97 人。", ["15 件", "97 人"]),
        ("审结48\u3000件。", ["48\u3000件"]),
        ("批捕621件808人。", ["621件", "808人"]),
        ("可办理11类81项业务。", ["11类", "81项"]),
        ("接听来电1,234件。", ["1,234件"]),
        ("走访企业1，234家。", ["1，234家"]),
        ("追缴1,234,567元。", ["1,234,567元"]),
    ],
)
def test_spaces_separators_and_several_figures_in_one_phrase(text, figures):
    assert [f.text for f in extract_figures(text)] == figures


@pytest.mark.parametrize(
    "text, figure, value, qualifier",
    [
        ("挽回损失25267余万元。", "25267余万元", 252670000, "余"),
        ("执行到位2000餘萬元。", "2000餘萬元", 20000000, "余"),
        ("化解纠纷15萬餘件。", "15萬餘件", 150000, "余"),
        ("办成实事600余件。", "600余件", 600, "余"),
        ("培训3000多人次。", "3000多人次", 3000, "多"),
        ("组织两万余人参加。", "两万余人", 20000, "余"),
    ],
)
def test_qualifier_between_number_and_unit_is_inside_the_span(text, figure, value, qualifier):
    f = one(text)
    assert (f.text, f.value, f.qualifier) == (figure, Decimal(value), qualifier)


def test_thousands_separator_needs_groups_of_three():
    assert [f.text for f in extract_figures("办理案件12,34件。")] == ["34件"]


@pytest.mark.parametrize(
    "text, figure, value, unit",
    [
        ("化解纠纷1.9萬(wàn)件。", "1.9萬(wàn)件", 19000, "件"),
        ("挽回损失3.2亿（yì）元。", "3.2亿（yì）元", 320000000, "元"),
        ("破获案件1,024【本站推荐】起。", "1,024【本站推荐】起", 1024, "起"),
        ("冻结资金5.6亿www.example.com元。", "5.6亿www.example.com元", 560000000, "元"),
        ("办理212&nbsp;件。", "212&nbsp;件", 212, "件"),
        ("立案2\u200b051件。", "2\u200b051件", 2051, "件"),
        ("破获１２３起。", "１２３起", 123, "起"),
    ],
)
def test_mirror_junk_inside_a_figure_is_read_through(text, figure, value, unit):
    f = one(text)
    assert (f.text, f.value, f.unit) == (figure, Decimal(value), unit)


@pytest.mark.parametrize(
    "text, unit",
    [
        ("人次，", "人次"),
        ("人，", "人"),
        ("个百分点", "个百分点"),
        ("个工作日", "个工作日"),
        ("起诉讼", "起"),
        ("个案例", "个"),
        ("个人民调解委员会", "个"),
        ("人民", ""),
        ("起诉", ""),
        ("项目", ""),
        ("元旦", ""),
        ("部署", ""),
        ("批捕", ""),
        ("家庭", ""),
    ],
)
def test_unit_words_and_words_that_only_start_like_one(text, unit):
    assert match_unit(text, 0) == unit


def test_unit_after_a_word_that_looks_like_a_unit_is_not_a_figure():
    assert extract_figures("庆祝2025元旦，全市12人民调解组织。") == []


def test_tenths_in_words():
    f = one("满意度超过九成。")
    assert (f.text, f.value, f.unit, f.qualifier) == ("九成", 9, "成", "超过")


def test_percent_in_words():
    f = one("刑事案件下降百分之十二点五。")
    assert (f.text, f.value, f.unit) == ("百分之十二点五", Decimal("12.5"), "%")


@pytest.mark.parametrize(
    "text, figure, value, qualifier",
    [
        ("走访百余家企业。", "百余家", 100, "余"),
        ("千余人参加。", "千余人", 1000, "余"),
        ("挽回经济损失上亿元。", "上亿元", 100000000, "上"),
        ("服务近万名群众。", "近万名", 10000, "近"),
        ("逾百人获援助。", "逾百人", 100, "逾"),
    ],
)
def test_bare_multiplier_with_a_lead_or_a_qualifier(text, figure, value, qualifier):
    f = one(text)
    assert (f.text, f.value, f.qualifier) == (figure, Decimal(value), qualifier)


def test_big_category_keeps_its_adjective_inside():
    assert [(f.text, f.unit) for f in extract_figures("分解为6大类38项。")] == [
        ("6大类", "类"),
        ("38项", "项"),
    ]


def test_rounds_end_their_phrase():
    assert [f.text for f in extract_figures("收缴子弹1200发，12发生在夜间。")] == ["1200发"]
