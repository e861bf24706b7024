"""Title, coverage, sections on layouts without headings, and dates with their basis (issue 8, part B)."""

from __future__ import annotations

import re

import pytest

from reports.ingest import dates
from reports.ingest.figures import extract_figures
from reports.ingest.pipeline import Hints, parse_release, parse_text
from reports.ingest.types import PartialDate
from tests.reports.layout_labels import score_all, totals


def parse(text: str, **hints):
    return parse_text(text, "text/plain", Hints(**hints))


# Releases that open with a long paragraph, carry a dateline and a byline, or have no headline.
OPENINGS = {
    "dateline_no_headline": (
        "样稿网九江3月27日消息(记者 程某)记者从九江市公安局获悉,截至2024年3月20日,今年全市共破获刑事案件930起,"
        "抓获犯罪嫌疑人1150名。\n全市公安机关还查处治安案件3200起。\n(样稿日报记者 程某)"
    ),
    "short_paragraph_first": "全市法院今年审结案件3.9万件,同比上升6.1%。\n全市检察机关起诉犯罪嫌疑人2100人。",
    "long_lead_with_headline": (
        "益阳公安通报半年成绩\n今年以来,益阳警方持续开展夏季治安打击整治行动,截至2025年5月底,共破获刑事案件1320起,"
        "抓获犯罪嫌疑人980名,查处治安案件4100起,全市刑事警情同比下降15.7%,群众安全感持续提升,"
        "各项工作取得明显成效。"
    ),
    "single_line": "全市检察机关共立案办理公益诉讼案件380件,发出诉前检察建议290份。",
}


@pytest.mark.parametrize("name", sorted(OPENINGS))
def test_every_figure_bearing_sentence_lands_in_a_section(name):
    text = OPENINGS[name]
    release = parse(text)
    assert release.sections, "every release has at least one section"
    joined = "\n".join(section.text for section in release.sections)
    for sentence in re.split(r"(?<=[。])|\n", text):
        if sentence.strip() and extract_figures(sentence):
            assert sentence.strip() in joined, f"lost: {sentence}"
    assert not any(note.startswith("coverage:") for note in release.notes)


def test_a_paragraph_is_not_a_title_but_its_opening_words_name_the_release():
    release = parse(OPENINGS["dateline_no_headline"])
    assert release.title.startswith("记者从九江市公安局获悉")
    assert release.sections[0].text.startswith("样稿网九江3月27日消息")
    assert any(note.startswith("no headline") for note in release.notes)


def test_a_headline_is_still_the_title_and_not_a_section():
    release = parse("钦州召开平安建设新闻发布会\n全市法院审结案件1.98万件。")
    assert release.title == "钦州召开平安建设新闻发布会"
    assert all("钦州召开" not in section.text for section in release.sections)


def test_left_out_lines_are_named_in_the_notes():
    text = "株洲召开政法工作新闻发布会\n民警在街头开展反诈宣传。刘某 摄\n市公安局副局长谭某介绍,一季度破获刑事案件820起。\n分享到:"
    notes = parse(text).notes
    assert any("photo caption" in note and "刘某" in note for note in notes)
    assert any("page furniture" in note and "分享到" in note for note in notes)


def agencies_with_figures(text: str) -> list[str]:
    return [section.agency for section in parse(text).sections if section.figures]


def test_question_takes_the_agency_of_the_named_answerer():
    text = (
        "玉溪政法机关答记者问\n记者问:去年执行工作做了什么?\n答(市中级人民法院副院长杨某):执结案件2.2万件。\n"
        "记者问:怎样保护未成年人?\n答(市人民检察院副检察长李某):起诉侵害未成年人犯罪142人。"
    )
    release = parse(text)
    assert [s.agency for s in release.sections] == ["court", "procuratorate"]
    assert release.sections[0].text.startswith("记者问:去年")


def test_speaker_labels_and_the_moderator_open_sections():
    text = (
        "宜宾发布会实录\n主持人:请市委政法委副书记冯某介绍。\n市委政法委副书记冯某:群众安全感达到98.6%。\n"
        "宜宾日报记者:公安有何成效?\n市公安局新闻发言人许某:破获电诈案件1100余起。\n"
        "四川观察记者:法院呢?\n市中级人民法院党组成员、副院长何某:诉前调解成功纠纷1.4万件。"
    )
    assert agencies_with_figures(text) == ["political_legal_committee", "police", "court"]


def test_bare_answers_take_the_agency_they_speak_for():
    text = "问答\n问:法院审结了多少案件?\n答:全市法院今年审结案件3.9万件。\n问:司法局呢?\n答:全市司法局办理法律援助案件2100件。"
    assert agencies_with_figures(text) == ["court", "justice_bureau"]


def test_paragraph_subjects_open_sections():
    text = (
        "湛江政法工作\n10月29日,湛江市召开新闻发布会。\n全市法院受理各类案件6.8万件。\n"
        "市检察院方面,批准逮捕1850人。\n公安机关破获刑事案件4100起。"
    )
    assert agencies_with_figures(text) == ["court", "procuratorate", "police"]


def test_an_organ_as_an_object_opens_no_section():
    text = "绵阳发布会\n9月10日,绵阳市召开新闻发布会。\n发布会由市人民检察院承办。\n全市法院审结案件1.6万件。"
    assert [s.agency for s in parse(text).sections] == ["other", "court"]


def test_an_agency_introduced_mid_paragraph_gets_its_section_verbatim():
    text = "综述\n2024年以来全面推进平安建设。全市法院审结案件4.1万件。全市检察机关起诉2600人;全市公安机关破获2900起。"
    release = parse(text)
    assert agencies_with_figures(text) == ["court", "procuratorate", "police"]
    assert "".join(s.text for s in release.sections) == text.split("\n", 1)[1]


def test_yishi_points_stay_under_one_agency():
    text = (
        "昭通中院通报\n全市法院执结案件1.9万件。\n一是网络查控案件1.6万件次。\n二是移送公安机关拒执线索37条。"
    )
    assert [s.agency for s in parse(text).sections] == ["court"]


def test_a_single_agency_release_gets_that_agency():
    text = "样稿网益阳6月3日消息(记者 邹某)今年以来,益阳市公安局共破获刑事案件1320起。"
    assert [s.agency for s in parse(text).sections] == ["police"]


# Dates


def test_header_date_is_stated_with_its_evidence():
    release = parse("标题\n示例日报 | 2024-01-12 10:00\n1月10日上午,柳州市召开新闻发布会。")
    assert release.published_on == PartialDate(2024, 1, 12)
    assert (release.published_on.basis, release.published_on.evidence) == ("header", "2024-01-12")
    assert release.held_on.iso() == "2024-01-10" and release.held_on.basis == "publication"


@pytest.mark.parametrize(
    "url,iso",
    [
        ("http://www.example.gov.cn/xwzx/2023-05/18/content_1.html", "2023-05-18"),
        ("https://sfj.example.gov.cn/art/202406/t20240612_55012.html", "2024-06-12"),
        ("https://example.cn/2022/7/3/a.html", "2022-07-03"),
    ],
)
def test_url_date_paths(url, iso):
    date = dates.url_date(url)
    assert date.iso() == iso and date.inferred and date.basis == "url"


def test_january_conference_on_the_past_year_is_in_the_next_year():
    text = (
        "成绩单\n1月15日,晋城市召开新闻发布会,通报2024年全市平安建设情况。\n2024年全市刑事警情同比下降13.4%。"
    )
    held = parse(text).held_on
    assert held.iso() == "2025-01-15" and held.basis == "period" and "2024年" in held.evidence


def test_reporting_period_until_sets_the_year():
    held = parse("扫黑\n9月25日,临沂市召开新闻发布会。\n截至2023年8月底,打掉团伙17个。").held_on
    assert held.iso() == "2023-09-25" and held.evidence.startswith("截至2023年8月")


def test_conflicting_or_missing_evidence_gives_no_date():
    assert parse("发布会\n9月25日,某市召开新闻发布会。\n全市法院审结案件1万件。").held_on is None
    text = "发布会\n3月5日,某市召开新闻发布会。\n2024年以来审结1万件。2022年,全市立案下降。"
    assert parse(text).held_on is None  # 2024年以来 says 2024, a 2022 review says 2023


def test_a_bare_year_mention_dates_nothing():
    assert (
        parse(
            "规划\n11月28日,市政府新闻办召开新闻发布会。\n到2035年基本建成。2024年,全市将深化改革。"
        ).held_on
        is None
    )


def test_dateline_year_comes_only_from_evidence():
    assert parse(OPENINGS["dateline_no_headline"]).published_on.iso() == "2024-03-27"
    assert parse("样稿网九江3月27日消息 全市法院审结案件3万件。").published_on is None


def test_the_dateline_date_is_not_the_conference_date():
    text = (
        "样稿社绵阳1月9日电(记者 苏某)1月8日,绵阳市召开2024年度平安建设新闻发布会。2024年全市发案下降12.6%。"
    )
    release = parse(text)
    assert release.published_on.iso() == "2025-01-09" and release.held_on.iso() == "2025-01-08"


def test_labelled_set():
    """Our labelled releases: at most one wrong date in 30, and every agency reporting figures has a section."""
    scores = score_all()
    t = totals(scores)
    assert t["releases"] >= 30
    wrong = t["published_on.wrong"] + t["held_on.wrong"]
    assert wrong * 30 <= t["releases"], [(s.name, s.dates) for s in scores if "wrong" in str(s.dates)]
    assert t["missed"] == 0, [(s.name, s.missed) for s in scores if s.missed]


def test_basis_survives_a_file_parse():
    data = "标题\n发布日期:2025-06-11\n6月10日,衡水市公安局召开新闻发布会。".encode()
    release = parse_release(data, "a.txt")
    assert release.published_on.basis == "header" and release.held_on.evidence == "2025-06-11"


def test_yesterday_and_today_count_from_the_publication_date():
    header = "标题\n示例日报 | 2015-03-01\n"
    held = parse(header + "本报讯(记者 黄某)昨日,梧州市召开平安建设新闻通气会。").held_on
    assert held.iso() == "2015-02-28" and held.inferred and held.evidence == "昨日"
    assert parse(header + "今天上午,梧州市召开新闻发布会。").held_on.iso() == "2015-03-01"


def test_an_official_introduced_in_the_answer_session_opens_a_section():
    text = (
        "发布会\n9月12日,某市召开新闻发布会。\n市委政法委副书记何某介绍,群众安全感达98%。\n"
        "在答记者问环节,市公安局常务副局长史某介绍,全市破获案件120起。"
    )
    assert agencies_with_figures(text) == ["political_legal_committee", "police"]


def test_a_release_of_headline_and_header_only_still_has_a_section():
    release = parse("钦州召开平安建设新闻发布会 破获刑事案件1240起\n钦州日报 | 2024-07-16 09:30")
    assert len(release.sections) == 1
    assert release.sections[0].figures and "1240起" in release.sections[0].text


def test_the_coverage_check_names_body_lines_in_no_section():
    from reports.ingest import layout
    from reports.ingest.pipeline import coverage_notes

    text = "标题\n全市法院审结案件1万件。\n全市公安机关破获案件900起。"
    lines = layout.classify_lines(text)
    release = parse(text)
    assert not [n for n in release.notes if n.startswith("coverage:")]
    dropped = [s for s in release.sections if "900起" not in s.text]
    notes = coverage_notes(text, lines, dropped)
    assert any(n.startswith("coverage: 1 body lines") and "全市公安机关" in n for n in notes)
