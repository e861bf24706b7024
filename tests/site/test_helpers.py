"""The pieces behind the pages: marked-up text, script conversion, the chart, citations, links."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

from django.http import QueryDict

from reports.browse import markup, querystring
from reports.browse.chart import nice_step, y_range
from reports.browse.citation import cite
from reports.browse.labels import grouped_number, plain_number


def metric(id, start, end):
    return SimpleNamespace(id=id, start=start, end=end)


def test_marks_wrap_escaped_spans():
    text = "破获<案件>12起,同比下降3.5%"
    lines = markup.marked_lines(text, [metric(7, 6, 9), metric(8, 14, 18)])
    assert lines == [
        '破获&lt;案件&gt;<mark class="figure" id="figure-7" data-figure="7">12起</mark>,同比下降'
        '<mark class="figure" id="figure-8" data-figure="8">3.5%</mark>'
    ]


def test_lines_and_a_span_across_a_line_break():
    text = "第一行12件\n第二行3人\n"
    lines = markup.marked_lines(text, [metric(1, 3, 6), metric(2, 9, 11)])
    assert len(lines) == 3 and lines[2] == ""
    assert lines[0].endswith('<mark class="figure" id="figure-1" data-figure="1">12件</mark>')
    crossing = markup.marked_lines("ab\ncd", [metric(5, 1, 4)])
    assert crossing == [
        'a<mark class="figure" id="figure-5" data-figure="5">b</mark>',
        '<mark class="figure" data-figure="5">c</mark>d',
    ]


def test_overlapping_and_stale_spans():
    text = "审结案件1,234件"
    lines = markup.marked_lines(text, [metric(1, 4, 10), metric(2, 4, 9), metric(3, 50, 60)])
    assert lines == [
        '审结案件<span class="figure-anchor" id="figure-2"></span>'
        '<mark class="figure" id="figure-1" data-figure="1">1,234件</mark>'
    ]


def test_conversion_keeps_spans_aligned_even_when_length_changes(monkeypatch):
    text = "這個軟體的數據12項"
    spans = [metric(1, 7, 10)]
    assert markup.marked_lines(text, spans, "simplified") == [
        '这个软体的数据<mark class="figure" id="figure-1" data-figure="1">12项</mark>'
    ]
    # A converter that changes length (as an OpenCC phrase rule may): pieces are converted one by one.
    monkeypatch.setattr(markup, "to_traditional", lambda s: s.replace("数据", "數據資料"))
    lines = markup.marked_lines("数据12项数据", [metric(1, 2, 5)], "traditional")
    assert lines == ['數據資料<mark class="figure" id="figure-1" data-figure="1">12项</mark>數據資料']


def test_display_script():
    assert markup.display_script("simplified", "traditional") == "simplified"
    assert markup.display_script("simplified", "simplified") is None
    assert markup.display_script("traditional", "mixed") == "traditional"
    assert markup.display_script("<script>", "simplified") is None


def test_section_view_takes_the_heading_line():
    section = SimpleNamespace(text="市法院:审结12件\n\n正文3人", heading="市法院:审结12件")
    view = markup.section_view(section, [metric(1, 6, 9), metric(2, 13, 15)], None)
    assert 'id="figure-1"' in view.heading
    assert len(view.paragraphs) == 1 and 'id="figure-2"' in view.paragraphs[0]


def test_chart_ticks_are_round():
    assert nice_step(97) == 20
    assert nice_step(0.9) == 0.2
    assert y_range([3.0, 41.0]) == (0.0, 50.0, 10.0)  # from zero, to a round step past the largest


def test_numbers():
    assert plain_number(Decimal("1318.000000")) == "1318"
    assert plain_number(Decimal("11.600000")) == "11.6"
    assert grouped_number(Decimal("186400000.000000")) == "186,400,000"
    assert grouped_number(Decimal("-1234.500000")) == "-1,234.5"
    assert grouped_number(None) == ""


def test_citation_forms():
    release = SimpleNamespace(
        title="标题",
        outlet="示例日报",
        source_url="https://example.org/x",
        sha256="ab" * 32,
        created_at=dt.datetime(2025, 7, 1, 8, 0),
        city=None,
        published=SimpleNamespace(iso=lambda: "2025-06-18"),
        held=None,
    )
    c = cite(release, "https://archive.example/releases/1/", dt.date(2025, 8, 1))
    assert c.gbt7714 == (
        "示例日报. 标题[EB/OL]. (2025-06-18)[2025-08-01]. https://example.org/x. "
        "存档: https://archive.example/releases/1/."
    )
    assert c.english.startswith(
        "示例日报. “标题” [in Chinese]. Published 2025-06-18. https://example.org/x. "
    )
    assert "archived 2025-07-01; SHA-256 " + "ab" * 32 in c.english
    release.source_url = "javascript:alert(1)"
    c = cite(release, "https://archive.example/releases/1/", dt.date(2025, 8, 1))
    assert "javascript" not in c.gbt7714 and "javascript" not in c.english
    # Known only by its press conference: that date is not passed off as the publication date.
    release.published, release.held = None, SimpleNamespace(iso=lambda: "2025-11-28")
    c = cite(release, "https://archive.example/releases/1/", dt.date(2025, 8, 1))
    assert "(2025-11-28)" not in c.gbt7714
    assert "Press conference of 2025-11-28; date of publication unknown." in c.english


def test_querystring_links():
    params = QueryDict("q=诈骗&city=a&city=b&page=3")
    assert querystring.with_value(params, "city", "c") == "?q=%E8%AF%88%E9%AA%97&city=a&city=b&city=c"
    assert querystring.with_value(params, "city", "a") == "?q=%E8%AF%88%E9%AA%97&city=a&city=b"
    assert querystring.without_value(params, "city", ["a"]) == "?q=%E8%AF%88%E9%AA%97&city=b"
    assert querystring.without_value(params, "city") == "?q=%E8%AF%88%E9%AA%97"
    assert querystring.replaced(params, page=4) == "?q=%E8%AF%88%E9%AA%97&city=a&city=b&page=4"
    assert querystring.replaced(params, sort="newest", q=None) == "?city=a&city=b&sort=newest"
    assert querystring.without_empty(QueryDict("a=&b=1")) == "?b=1"
    assert querystring.without_empty(QueryDict("b=1")) is None
