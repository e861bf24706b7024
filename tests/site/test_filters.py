"""/releases/ and /figures/ filters: each one, combined, shown as removable chips, in shareable URLs."""

import re

import pytest

from reports.models import Metric, Release
from tests.site.conftest import GUIYANG, SHENYANG, SUZHOU, body

RELEASE_LINK = re.compile(r'<h\d class="release-title"><a href="/releases/(\d+)/"')


def listed(client, url) -> set[int]:
    response = client.get(url)
    assert response.status_code == 200, url
    return {int(pk) for pk in RELEASE_LINK.findall(body(response))}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("city=shenyang", {SHENYANG}),
        ("province=江苏省", {SUZHOU}),
        ("agency=other", {"03_mianyang_jiancha", "04_weifang_sifa", GUIYANG}),
        ("topic=intellectual-property", None),  # checked against the database below
        ("date_from=2025-10-01", {GUIYANG, SHENYANG, "05_zhanjiang_fanzha", "04_weifang_sifa"}),
        ("date_to=2025-04-01", {SUZHOU}),
        ("date_from=2025-03-01&date_to=2025-06-30", {SUZHOU, "06_anji_zhengfa", "01_luoyang_pingan"}),
        ("city=suzhou-jiangsu&agency=police", {SUZHOU}),
        ("city=suzhou-jiangsu&date_from=2025-06-01", set()),
    ],
)
def test_release_filters(site, client, query, expected):
    found = listed(client, f"/releases/?{query}")
    if expected is None:
        expected_ids = set(
            Release.objects.filter(topics__slug="intellectual-property").values_list("pk", flat=True)
        )
        assert expected_ids and found == expected_ids
    else:
        assert found == {site[stem].pk for stem in expected}


def test_year_filter_and_its_choices(site, client):
    text = body(client.get("/releases/?year=2025"))
    assert '<option value="2025" selected>2025</option>' in text
    assert set(map(int, RELEASE_LINK.findall(text))) == {r.pk for r in site.values()}
    # A year the archive does not hold is not a choice: the form says so and the filter is left out.
    text = body(client.get("/releases/?year=2019"))
    assert "chip-invalid" in text and 'class="field-error"' in text


def test_sorting(site, client):
    newest = [int(x) for x in RELEASE_LINK.findall(body(client.get("/releases/")))]
    oldest = [int(x) for x in RELEASE_LINK.findall(body(client.get("/releases/?sort=oldest")))]
    assert newest == oldest[::-1]
    assert newest[0] == site["05_zhanjiang_fanzha"].pk  # 2025-12-20
    titles = [int(x) for x in RELEASE_LINK.findall(body(client.get("/releases/?sort=title")))]
    assert titles == list(Release.objects.order_by("title", "id").values_list("pk", flat=True))


def test_active_filters_are_removable_chips(site, client):
    text = body(client.get("/releases/?city=suzhou-jiangsu&agency=police&sort=oldest"))
    chips = re.findall(r'<a class="chip" href="([^"]*)" aria-label="([^"]*)">', text)
    assert len(chips) == 2  # sort is not a filter
    removes = dict((label, href) for href, label in chips)
    assert removes["移除筛选：城市 苏州市"] == "?agency=police&amp;sort=oldest"
    assert removes["移除筛选：机关 公安"] == "?city=suzhou-jiangsu&amp;sort=oldest"
    assert 'class="chip-clear" href="/releases/"' in text
    # Following a chip's link removes exactly that filter.
    after = listed(client, "/releases/?city=suzhou-jiangsu")
    assert after == {site[SUZHOU].pk}


def test_form_submissions_redirect_to_the_short_shareable_url(site, client):
    response = client.get("/releases/?city=shenyang&province=&agency=&topic=&year=&date_from=&date_to=&sort=")
    assert response.status_code == 302
    assert response["Location"] == "/releases/?city=shenyang"
    response = client.get("/figures/?q=&unit=&city=")
    assert response.status_code == 302 and response["Location"] == "/figures/"


def test_invalid_filter_values_are_shown_and_ignored(site, client):
    text = body(client.get("/releases/?city=atlantis"))
    assert "chip-invalid" in text and "无效" in text
    assert 'class="field-error"' in text
    assert len(RELEASE_LINK.findall(text)) == len(site)
    assert client.get("/releases/?date_from=yesterday").status_code == 200


def test_filter_form_controls_are_labelled(site, client):
    for url in ("/releases/", "/figures/"):
        text = body(client.get(url))
        controls = re.findall(r"<(?:select|input)\b(?![^>]*type=\"hidden\")[^>]*\bid=\"(id_[a-z_]+)\"", text)
        assert len(controls) >= 8, url
        for control in controls:
            assert f'<label for="{control}">' in text, (url, control)


def figure_ids(client, url) -> list[int]:
    response = client.get(url)
    assert response.status_code == 200
    return [int(x) for x in re.findall(r'href="/releases/\d+/#figure-(\d+)"', body(response))]


@pytest.mark.parametrize(
    ("query", "lookup"),
    [
        pytest.param("city=shenyang", {"section__release__city__slug": "shenyang"}, marks=pytest.mark.seeds),
        ("province=江苏省", {"section__release__city__province": "江苏省"}),
        ("agency=police", {"section__agency": "police"}),
        ("topic=telecom-fraud", {"section__topics__slug": "telecom-fraud"}),
        ("year=2025", {"section__release__sort_date__year": 2025}),
        ("unit=件", {"unit": "件"}),
        ("change=yes", {"is_change": True}),
        ("change=no&agency=court", {"is_change": False, "section__agency": "court"}),
        (
            "direction=down&city=suzhou-jiangsu",
            {"direction": "down", "section__release__city__slug": "suzhou-jiangsu"},
        ),
        (f"release=__{SHENYANG}", None),
    ],
)
def test_figure_filters(site, client, query, lookup):
    if lookup is None:
        release = site[SHENYANG]
        query, lookup = f"release={release.pk}", {"section__release": release}
    expected = set(Metric.objects.filter(**lookup).values_list("pk", flat=True))
    assert expected
    total = int(re.search(r"共 (\d+) 项数据", body(client.get(f"/figures/?{query}"))).group(1))
    assert total == len(expected)
    shown = set()
    for page in range(1, (total + 49) // 50 + 1):
        shown |= set(figure_ids(client, f"/figures/?{query}&page={page}"))
    assert shown == expected


def test_figure_words_match_either_script(site, client):
    simplified = figure_ids(client, "/figures/?q=审结")
    traditional = figure_ids(client, "/figures/?q=審結")
    assert simplified and sorted(simplified) == sorted(traditional)
    found = Metric.objects.filter(pk__in=simplified)
    assert all("审结" in m.subject or "審結" in m.subject for m in found)
    assert {m.section.release.script for m in found} == {"simplified", "traditional"}


def test_figure_sorting_by_value(site, client):
    ids = figure_ids(client, "/figures/?unit=件&sort=value_desc")
    values = [Metric.objects.get(pk=i).value for i in ids]
    assert values == sorted(values, reverse=True)


def test_figures_chart_one_chart_per_unit_of_the_indicator(site, client):
    """Issue 12: the chart starts from an indicator; each chart holds one unit and one kind of number."""
    slug = "court-cases-concluded"
    text = body(client.get(f"/figures/?indicator={slug}"))
    charts = re.findall(
        r'<figure class="chart period-chart" data-unit="([^"]*)" data-change="(yes|no)"', text
    )
    expected = set(
        Metric.objects.filter(indicator__slug=slug, value__isnull=False, period_start__isnull=False)
        .values_list("unit", "is_change")
        .distinct()
    )
    assert charts and {(u, c == "yes") for u, c in charts} == expected
    assert len(charts) == len(set(charts))
    assert 'role="img"' in text and "单位：件" in text


def test_figures_without_an_indicator_offer_indicators_not_a_chart(site, client):
    text = body(client.get("/figures/?unit=%25&change=yes"))
    assert "<svg viewBox" not in text
    assert 'data-indicator="police-cases-solved"' in text


def test_figures_chart_absent_when_nothing_matches(site, client):
    text = body(client.get("/figures/?q=不存在的统计对象"))
    assert "<svg viewBox" not in text and "没有符合这些条件的数据" in text
