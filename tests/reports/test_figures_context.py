"""What the words around a figure say: qualifier, change and direction, subject, period."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reports.ingest.figures import extract_figures


def one(text: str):
    figures = extract_figures(text)
    assert len(figures) == 1, [f.text for f in figures]
    return figures[0]


# Qualifiers


@pytest.mark.parametrize(
    "text, figure, qualifier",
    [
        ("累计接待咨询超10万人次。", "10万人次", "超"),
        ("挽回损失近3000万元。", "3000万元", "近"),
        ("约200家企业参加。", "200家", "约"),
        ("涉案金额逾5亿元。", "5亿元", "逾"),
        ("网上可办率达到100%。", "100%", "达到"),
        ("发放手册共计8200份。", "8200份", "共计"),
        ("生产总值突破1.5万亿元。", "1.5万亿元", "突破"),
    ],
)
def test_leading_qualifier_stays_outside_the_span(text, figure, qualifier):
    f = one(text)
    assert (f.text, f.qualifier) == (figure, qualifier)


@pytest.mark.parametrize(
    "text, figure, qualifier",
    [
        ("办结率保持在95%以上。", "95%", "以上"),
        ("安全感稳定在98%左右。", "98%", "左右"),
        ("审理周期40天以上。", "40天", "以上"),
    ],
)
def test_trailing_qualifier_after_the_unit_stays_outside_the_span(text, figure, qualifier):
    f = one(text)
    assert (f.text, f.qualifier) == (figure, qualifier)


def test_qualifier_inside_wins_over_one_before():
    assert one("涉案金额达3000余万元。").qualifier == "余"


def test_qualifier_after_wins_over_one_before():
    assert one("满意率达到96%以上。").qualifier == "以上"


# Changes


@pytest.mark.parametrize(
    "text, figure, direction, basis",
    [
        ("立案数同比下降11.6%。", "11.6%", "down", "同比"),
        ("破案率同比上升4.3个百分点。", "4.3个百分点", "up", "同比"),
        ("发案数较2012年下降64.4%。", "64.4%", "down", "较2012年"),
        ("两抢案件年均降幅8.7%。", "8.7%", "down", "年均"),
        ("案件年均下降11.2%。", "11.2%", "down", "年均"),
        ("警情环比下降3.1%。", "3.1%", "down", "环比"),
        ("治安案件比上年同期减少126起。", "126起", "down", "比上年同期"),
        ("破案数同比增加58起。", "58起", "up", "同比"),
        ("受案数同比增12.5%。", "12.5%", "up", "同比"),
        ("受案数同比降3.1%。", "3.1%", "down", "同比"),
        ("刑事案件1234起（同比+12.3%）。", "12.3%", "up", "同比"),
        ("盗窃案件（同比-5.6%）。", "5.6%", "down", "同比"),
        ("重复信访量下降了18.5%。", "18.5%", "down", ""),
        ("生产总值增长1.2倍。", "1.2倍", "up", ""),
        ("降幅达11.6%。", "11.6%", "down", ""),
    ],
)
def test_changes_have_direction_and_basis(text, figure, direction, basis):
    f = [f for f in extract_figures(text) if f.text == figure][0]
    assert (f.is_change, f.direction, f.basis) == (True, direction, basis)


def test_basis_earlier_in_the_sentence():
    f = one("与去年同期相比，全市交通事故死亡人数下降12.5%。")
    assert (f.direction, f.basis) == ("down", "与去年同期相比")


@pytest.mark.parametrize(
    "text",
    [
        "平均审理天数压缩至38天。",
        "群众满意度提升至96.4%。",
        "时限缩短到5个工作日。",
        "网上立案占比72.26%。",
        "办结率保持在95%以上。",
    ],
)
def test_levels_are_not_changes(text):
    f = one(text)
    assert (f.is_change, f.direction, f.basis) == (False, None, "")


def test_list_of_changes_maps_in_order():
    figures = extract_figures("命案、涉枪案件同比分别下降5.7%和4.3%。")
    assert [(f.text, f.direction, f.basis) for f in figures] == [
        ("5.7%", "down", "同比"),
        ("4.3%", "down", "同比"),
    ]


def test_five_rates_for_five_crime_types():
    figures = extract_figures("五类案件发案数同比分别下降12.4%、8.1%、5.6%、3.3%和2.7%。")
    assert [f.value for f in figures] == [Decimal(v) for v in ("12.4", "8.1", "5.6", "3.3", "2.7")]
    assert {(f.direction, f.basis) for f in figures} == {("down", "同比")}


def test_a_list_item_with_its_own_verb_keeps_its_own_direction():
    figures = extract_figures("发案数、破案数同比分别下降5%、上升3%。")
    assert [f.direction for f in figures] == ["down", "up"]


def test_a_change_does_not_leak_past_a_clause_with_words():
    figures = extract_figures("立案数同比下降1.5%，建成153个反诈“唤醒室”。")
    assert [f.is_change for f in figures] == [True, False]


# 为零 and unit-less levels


def test_zero_rate_takes_percent():
    f = one("预后被骗率保持为零。")
    assert (f.text, f.value, f.unit) == ("零", 0, "%")


def test_zero_count_has_no_unit():
    f = one("命案发案为零。")
    assert (f.text, f.value, f.unit) == ("零", 0, "")


def test_zero_as_a_word_is_not_a_figure():
    assert extract_figures("实现零事故、零案件，推行零跑腿。") == []


def test_unitless_level_after_wei():
    figures = extract_figures("万人发案率为3.2，同比下降0.6。")
    assert [(f.text, f.unit, f.direction) for f in figures] == [("3.2", "", None), ("0.6", "", "down")]


# Subjects


@pytest.mark.parametrize(
    "text, subject",
    [
        (
            "今年以来，全市两级法院审结强迫交易、非法经营、合同诈骗等破坏市场经济秩序犯罪案件212 件。",
            "审结破坏市场经济秩序犯罪案件",
        ),
        ("全市法院共办理知识产权案件2051件。", "办理知识产权案件"),
        ("抓获犯罪嫌疑人113人。", "抓获犯罪嫌疑人"),
        ("共有人民调解员12191名。", "人民调解员"),
        ("全市盗窃案件立案数同比下降11.6%。", "盗窃案件立案数"),
        ("批捕利用网络平台实施的侵犯知识产权犯罪2件。", "批捕侵犯知识产权犯罪"),
        ("执结标的2.5亿元。", "执结标的"),
    ],
)
def test_subject_is_the_words_before(text, subject):
    assert extract_figures(text)[0].subject == subject


@pytest.mark.parametrize(
    "text, subject",
    [
        ("今年以来，打掉1个盘踞多年的黑社会性质组织。", "打掉黑社会性质组织"),
        ("今年已对587家民营企业开展法治体检。", "民营企业"),
        ("符合条件的64项审批事项全部实现网上办理。", "审批事项"),
    ],
)
def test_subject_follows_the_unit_when_nothing_precedes_it(text, subject):
    assert extract_figures(text)[0].subject == subject


def test_figures_in_one_run_share_the_subject():
    figures = extract_figures("批捕涉网络犯罪621件808人。")
    assert [f.subject for f in figures] == ["批捕涉网络犯罪", "批捕涉网络犯罪"]


def test_second_verb_takes_the_first_ones_object():
    figures = extract_figures("受理知识产权案件2051件、审结1407件。")
    assert [f.subject for f in figures] == ["受理知识产权案件", "审结知识产权案件"]


def test_list_of_attributive_counts():
    figures = extract_figures("将10余家关键信息基础设施、3000余个重要信息系统纳入防护。")
    assert [f.subject for f in figures] == ["关键信息基础设施", "重要信息系统"]


def test_subject_is_simplified_for_traditional_text():
    assert one("審結毒品犯罪案件305件。").subject == "审结毒品犯罪案件"


# Periods


@pytest.mark.parametrize(
    "text, period",
    [
        ("今年以来，抓获嫌疑人154人。", "今年以来"),
        ("近五年来，全市接待咨询超10万人次。", "近五年来"),
        ("“十四五”期间，化解纠纷42万件。", "“十四五”期间"),
        ("2025年以来，起诉1820人。", "2025年以来"),
        ("截至目前，已建成调解室96间。", "截至目前"),
        ("常态化以来，办结率保持在95%以上。", "常态化以来"),
        ("5年来，共化解矛盾纠纷15万余件。", "5年来"),
        ("法庭自2024年7月成立以来，审结案件120件。", "自2024年7月成立以来"),
        ("今年1-10月，批捕417人。", "今年1-10月"),
    ],
)
def test_period_phrases(text, period):
    assert one(text).period == period


def test_nearest_period_in_the_sentence_wins():
    figures = extract_figures("常态化以来，办结率保持在95%以上；今年以来，抓获嫌疑人113人。")
    assert [f.period for f in figures] == ["常态化以来", "今年以来"]


def test_a_period_inside_a_noun_phrase_does_not_count():
    figures = extract_figures("今年以来，打掉1个全市近年来成员最多的犯罪组织，抓获嫌疑人113人。")
    assert [f.period for f in figures] == ["今年以来", "今年以来"]


def test_period_falls_back_to_the_paragraph_lead():
    figures = extract_figures("今年以来，全市持续推进平安建设。建成视频点位52151路。")
    assert figures[0].period == "今年以来"


def test_period_falls_back_to_the_section_lead():
    text = "市公安局\n近年来，市公安局持续推进防控体系建设。\n全市建成智慧小区1200个。"
    assert one(text).period == "近年来"


def test_periods_inside_titles_do_not_count():
    assert one("落实《2025年工作要点》，建成站点46个。").period == ""


def test_negated_bound_is_one_qualifier():
    assert one("平均用时不超过3个工作日。").qualifier == "不超过"


def test_within_after_a_duration_is_a_trailing_qualifier():
    f = one("到场用时压缩到8分钟以内。")
    assert (f.text, f.qualifier) == ("8分钟", "以内")


def test_hong_kong_basis():
    f = one("罪案按年下降8.5%。")
    assert (f.direction, f.basis) == ("down", "按年")


def test_a_comma_ends_a_list_of_changes():
    figures = extract_figures("罪案按年下降8.5%，逾百人获援助。")
    assert [f.is_change for f in figures] == [True, False]


def test_a_dated_period_counts_anywhere_in_the_clause():
    assert one("全市公安机关今年以来共侦破刑事案件3215宗。").period == "今年以来"


def test_a_year_in_a_basis_is_not_a_period():
    assert one("发案数较2012年下降64.4%。").period == ""
