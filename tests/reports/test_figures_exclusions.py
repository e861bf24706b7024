"""What is NOT a figure, one rule at a time. Each case pairs the name with a real count beside it, so a rule
that swallowed everything would fail too."""

from __future__ import annotations

import pytest

from reports.ingest.figures import extract_figures

COUNT = "，破获案件18起。"


def texts(text: str) -> list[str]:
    return [f.text for f in extract_figures(text)]


def only_the_count(text: str) -> None:
    assert texts(text + COUNT) == ["18起"], texts(text + COUNT)


@pytest.mark.parametrize(
    "text",
    [
        "2025年10月14日上午召开会议",
        "2024年7月成立",
        "一七年起施行",
        "二〇二四年度总结",
        "11月28日发布",
        "今年1-9月",
    ],
)
def test_dates_and_years(text):
    only_the_count(text)


def test_year_ranges_in_titles():
    only_the_count("规划（2024-2026年）同步实施")


@pytest.mark.parametrize(
    "text",
    [
        "拨打12345热线",
        "12348公共法律服务热线",
        "依托12309检察服务热线",
        "拨打110报警",
        "服务热线为12345",
        "联系电话024-22851234",
    ],
)
def test_hotlines_and_phone_numbers(text):
    only_the_count(text)


def test_a_hotline_number_followed_by_a_count_is_a_count():
    assert texts("为110余家企业提供服务。") == ["110余家"]


@pytest.mark.parametrize(
    "text",
    [
        "开展净网2025专项行动",
        "国门利剑2024行动",
        "“十四五”期间",
        "十四五期间",
        "“2·24”专案",
        "2·24专案",
        "“1234模式”推广",
        "昆仑2025行动",
    ],
)
def test_operation_plan_and_case_names(text):
    only_the_count(text)


@pytest.mark.parametrize(
    "text",
    [
        "一是加强领导",
        "第一，加强领导",
        "位居全省第一",
        "第二十场发布会",
        "排名第3位",
        "位列前三名",
        "位列前10名",
        "第3季度",
    ],
)
def test_ordinals_ranks_and_list_labels(text):
    only_the_count(text)


def test_first_batch_is_not_a_count_but_what_follows_is():
    assert texts("首批试点单位中有12家获得表彰。") == ["12家"]


@pytest.mark.parametrize(
    "text",
    [
        "突出三个安全",
        "采取五项措施，了解企业关心事",
        "发挥四大检察职能",
        "整治五乱问题",
        "打击两卡犯罪",
        "推进三合一审判机制改革",
        "建成市县乡村四级平台",
        "建立三级服务机制",
        "落实一个平台、两个窗口、三个团队、四项机制",
        "以下四个方面",
        "中央八部委联合督办",
        "入选全省十大典型案例",
        "推行一件事集成服务",
        "打掉了一批犯罪团伙",
        "实现线上一次申请",
        "一起守护平安",
        "一人一档管理",
        "其中一人被判刑",
    ],
)
def test_single_chinese_numeral_before_a_noun_is_a_set_phrase(text):
    only_the_count(text)


@pytest.mark.parametrize(
    "text, figure",
    [
        ("抓获犯罪嫌疑人三名。", "三名"),
        ("十余家单位联合。", "十余家"),
        ("近十家企业参加。", "十家"),
        ("抓获二十名嫌疑人。", "二十名"),
    ],
)
def test_small_chinese_counts_that_are_counts(text, figure):
    assert texts(text) == [figure]


@pytest.mark.parametrize(
    "text",
    [
        "坚持“两个毫不动摇”",
        "深化“五个一批”创建",
        "出台“优化营商环境的十五条举措”",
        "打造“24小时无人警局”",
        "打造“15分钟公共法律服务圈”",
        "收入《法治蓝皮书(2025)》",
        "入选《中国改革2024年度典型案例》",
        "建立「7110」平台",
        '开展"百日攻坚"行动',
    ],
)
def test_numbers_inside_quotes_and_titles_are_names(text):
    only_the_count(text)


@pytest.mark.parametrize(
    "text",
    [
        "账号24小时在线",
        "提供7×24小时服务",
        "24小时受理企业诉求",
        "24小时内办结",
        "开展为期3个月的整治",
        "9时30分启动响应",
    ],
)
def test_service_hours_and_campaign_durations(text):
    only_the_count(text)


@pytest.mark.parametrize(
    "text, figure", [("平均用时压缩至1.27个工作日。", "1.27个工作日"), ("周期缩短至15天。", "15天")]
)
def test_durations_that_are_results_are_figures(text, figure):
    assert texts(text) == [figure]


@pytest.mark.parametrize("text", ["作案#萬起", "涉案金额**万元", "其中1#件已移送", "另有X万元去向不明"])
def test_masked_digits_are_skipped(text):
    only_the_count(text)


@pytest.mark.parametrize(
    "text", ["ISO9001认证", "COVID-19疫情", "No.12文件", "沈政发〔2024〕12号文件", "辽ICP备12345678号-1"]
)
def test_model_code_and_document_numbers(text):
    only_the_count(text)


@pytest.mark.parametrize("text", ["数十万元", "几百人参加", "成千上万的志愿者", "千家万户受益", "百姓安居"])
def test_vague_quantities(text):
    only_the_count(text)


@pytest.mark.parametrize("text", ["每10万人口发案数下降", "每10万人中"])
def test_denominators_of_rates(text):
    only_the_count(text)


@pytest.mark.parametrize("text", ["浏览量：1234次", "阅读 1.2万", "点击数:5678次"])
def test_page_furniture_on_mirror_copies(text):
    only_the_count(text)


def test_a_bare_multiplier_threshold_describing_cases_is_not_an_amount():
    only_the_count("推动案值超亿元非法集资案件全部审结")


def test_a_bare_multiplier_amount_is():
    assert texts("为群众挽回经济损失上亿元。") == ["上亿元"]


def test_ranges_are_not_single_figures():
    only_the_count("每组3-5人")


@pytest.mark.parametrize("text", ["每个村配备1至2名调解员", "3到5人一组", "实现最多跑一次"])
def test_range_ends_and_one_in_words(text):
    only_the_count(text)


def test_length_of_a_prison_sentence():
    assert texts("判处有期徒刑三年六个月，并处罚金5000元。") == ["5000元"]
