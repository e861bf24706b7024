"""Dates, titles, outlets and the lead: the metadata rules, one test each."""

import pytest

from reports.ingest import dates
from reports.ingest.layout import byline_outlet, classify_lines, header_outlet, title_of
from reports.ingest.types import PartialDate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-10-16", "2025-10-16"),
        ("2025年10月16日", "2025-10-16"),
        ("二〇二五年十月十六日", "2025-10-16"),
        ("2025-10", "2025-10"),
        ("2025", "2025"),
        ("2025年10月", "2025-10"),
        ("last tuesday", None),
        ("2025-02-30", None),
    ],
)
def test_date_hints(text, expected):
    date = dates.parse_date_hint(text)
    assert (date.iso() if date else None) == expected


def test_conference_date_takes_the_publication_year_and_is_marked_inferred():
    published = PartialDate(2025, 10, 16)
    held = dates.conference_date("10月14日上午,平安建设新闻发布会在市委政法委举行。", published, "")
    assert held == PartialDate(2025, 10, 14, inferred=True)


def test_conference_in_december_reported_in_january_is_last_year():
    held = dates.conference_date("12月30日,市政府新闻办召开新闻发布会。", PartialDate(2025, 1, 3), "")
    assert held.iso() == "2024-12-30" and held.inferred


def test_conference_year_from_context_ignores_plan_horizons():
    context = "《三年行动方案(2024-2026年)》…到2035年…2025年以来,全市…"
    held = dates.conference_date("11月28日,市政府新闻办召开新闻发布会。", None, context)
    assert held.iso() == "2025-11-28" and held.inferred


def test_stated_conference_year_is_not_inferred():
    held = dates.conference_date("2024年7月18日,市委政法委举行新闻发布会。", None, "")
    assert held == PartialDate(2024, 7, 18)


def test_no_conference_sentence_no_date():
    assert dates.conference_date("全市法院审结案件3.4万件。", None, "2025年") is None


def test_partial_date_round_trip():
    for text in ("2025", "2025-11", "2025-11-28"):
        assert PartialDate.parse_iso(text).iso() == text
    assert PartialDate(2025, 11).precision == "month"


def lines_of(text):
    return classify_lines(text)


def test_mirror_title_and_header_lines():
    lines = lines_of(
        "首页 > 要闻 > 正文\n某市法院通报 - 样稿新闻网\n某市法院通报\n2024-04-25 来源:样稿日报\n正文第一段。"
    )
    assert [line.kind for line in lines] == ["junk", "title", "title", "header", "body"]
    assert title_of(lines) == "某市法院通报"
    assert header_outlet(lines) == "样稿日报"


def test_outlet_before_a_pipe():
    assert header_outlet(lines_of("标题\n样稿交通广播 | 2025-10-16 07:53\n正文。")) == "样稿交通广播"


def test_outlet_from_closing_byline_in_traditional():
    lines = lines_of("標題\n正文第一段。\n第二段。\n(樣稿日報、樣報全媒體記者王某)")
    assert lines[-1].kind == "byline"
    assert byline_outlet(lines) == "樣稿日報"


def test_photo_captions_and_share_widgets_are_furniture():
    lines = lines_of("标题\n正文第一段。\n民警在街头巡逻。张三 摄\n分享到:\n责任编辑:李四")
    assert [line.kind for line in lines] == ["title", "body", "caption", "junk", "junk"]
