"""Every public page answers, in the site's layout, within the 15-query budget."""

import pytest

from tests.site.conftest import GUIYANG, MAX_QUERIES, SHENYANG, SUZHOU, body

# (URL, text the page must show); {suzhou} etc. are filled with release ids.
PAGES = [
    ("/", "最新收录"),
    ("/releases/", "发布稿"),
    ("/releases/?city=shenyang", "沈阳市"),
    (
        "/releases/?city=suzhou-jiangsu&agency=police&topic=telecom-fraud&year=2025&province=江苏省"
        "&date_from=2025-01-01&date_to=2025-12-31&sort=oldest",
        "蘇州政法系統",
    ),
    ("/releases/{suzhou}/", "蘇州政法系統"),
    ("/releases/{suzhou}/?script=simplified", "苏州政法系统"),
    ("/releases/{guiyang}/?script=traditional", "貴陽"),
    ("/cities/", "江苏省"),
    ("/cities/shenyang/", "瀋陽"),
    ("/agencies/", "检察院"),
    ("/agencies/court/", "法院"),
    ("/agencies/police/?city=suzhou-jiangsu", "市公安局"),
    ("/topics/", "电信网络诈骗"),
    ("/topics/telecom-fraud/", "电信网络诈骗"),
    ("/figures/", "数据浏览器"),
    (
        "/figures/?q=案件&unit=件&city=suzhou-jiangsu&agency=court&topic=telecom-fraud&year=2024&change=no"
        "&province=江苏省&direction=down&sort=value_desc",
        "数据浏览器",
    ),
    ("/search/", "搜索"),
    ("/search/?q=诈骗", "找到"),
    ("/search/?q=诈骗&city=瀋陽&agency=police&topic=电诈&province=辽宁&year=2025&sort=newest", "搜索"),
    ("/feeds/releases/", "<feed"),
    ("/feeds/releases/?city=shenyang", "<feed"),
    ("/feeds/releases/?topic=telecom-fraud", "<feed"),
    ("/feeds/releases/?q=知识产权", "<feed"),
    ("/sitemap.xml", "<urlset"),
    ("/healthz", "database"),
    ("/api/metrics/?city=shenyang", '"results"'),
    ("/api/metrics/?format=csv&agency=court", "release_id"),
    ("/figures/?format=csv&city=shenyang", "release_id"),
    ("/figures/?format=json&topic=telecom-fraud", '"results"'),
    ("/api/releases/{suzhou}/", '"sections"'),
    ("/releases/{suzhou}/original/", "蘇州"),
]


def fill(url: str, site) -> str:
    return url.format(suzhou=site[SUZHOU].pk, guiyang=site[GUIYANG].pk, shenyang=site[SHENYANG].pk)


@pytest.mark.parametrize(("url", "expected"), PAGES)
def test_page_answers_within_query_budget(site, client, django_assert_max_num_queries, url, expected):
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(fill(url, site))
        text = body(response)  # streamed exports run their queries while being read
    assert response.status_code == 200, text[:500]
    assert expected in text


@pytest.mark.parametrize(
    "url",
    [
        u
        for u, _ in PAGES
        if not u.startswith(("/feeds", "/sitemap", "/api", "/healthz"))
        and "format=" not in u
        and "original" not in u
    ],
)
def test_html_pages_share_the_layout(site, client, url):
    text = body(client.get(fill(url, site)))
    assert text.startswith("<!doctype html>")
    assert '<html lang="zh-hans">' in text
    assert 'href="#main"' in text and '<main id="main"' in text
    assert 'aria-label="主导航"' in text
    assert "/static/site/site.css" in text


@pytest.mark.seeds
def test_home_shows_counts_latest_topics_and_provinces(site, client):
    text = body(client.get("/"))
    assert 'id="home-q"' in text and 'for="home-q"' in text  # the search box comes first, labelled
    assert text.index('id="home-q"') < text.index("最新收录")
    assert "<strong>8</strong>" in text  # releases
    assert "<strong>5</strong>" in text  # agencies (other is not one)
    assert "辽宁省" in text and "/cities/shenyang/" in text
    assert "/topics/telecom-fraud/" in text
    for release in site.values():
        assert f"/releases/{release.pk}/" in text


def test_home_with_an_empty_archive(db, client):
    from reports.models import Release

    Release.objects.all().delete()  # the module's archive may be loaded; this test's transaction rolls back
    response = client.get("/")
    assert response.status_code == 200
    assert "档案中还没有发布稿" in body(response)


def test_city_page_has_timeline_agencies_and_figures_over_time(site, client):
    text = body(client.get("/cities/suzhou-jiangsu/"))
    assert f"/releases/{site[SUZHOU].pk}/" in text
    assert "发布时间线" in text and "<h3>2025</h3>" in text
    for agency in ("court", "procuratorate", "police", "justice_bureau"):
        assert f"/agencies/{agency}/?city=suzhou-jiangsu" in text
    assert "数据随时间变化" in text and 'class="data pivot"' in text
    assert f"/releases/{site[SUZHOU].pk}/#figure-" in text
    assert "/figures/?city=suzhou-jiangsu" in text


def test_unknown_city_topic_agency_release_are_404(site, client):
    for url in (
        "/cities/atlantis/",
        "/topics/no-such-topic/",
        "/agencies/navy/",
        "/releases/999999/",
        "/agencies/court/?city=atlantis",
        "/feeds/releases/?city=atlantis",
    ):
        assert client.get(url).status_code == 404, url


def test_agency_page_lists_sections_across_cities_with_figures(site, client):
    text = body(client.get("/agencies/procuratorate/"))
    for stem in (SUZHOU, SHENYANG, GUIYANG):
        assert f"/releases/{site[stem].pk}/#section-" in text
    assert "常见数据" in text
    assert "#figure-" in text
    assert "/figures/?agency=procuratorate" in text


def test_agency_page_filtered_by_city(site, client):
    text = body(client.get("/agencies/court/?city=shenyang"))
    assert f"/releases/{site[SHENYANG].pk}/#section-" in text
    assert f"/releases/{site[SUZHOU].pk}/#section-" not in text
    assert 'class="chip"' in text and 'href="/agencies/court/"' in text


def test_topic_pages(site, client):
    listing = body(client.get("/topics/"))
    assert "/topics/intellectual-property/" in listing
    text = body(client.get("/topics/intellectual-property/"))
    assert f"/releases/{site[GUIYANG].pk}/" in text
    assert "/search/?topic=intellectual-property" in text
    assert "/feeds/releases/?topic=intellectual-property" in text


def test_pagination_happens_in_the_database(site, client, django_assert_max_num_queries):
    response = client.get("/releases/?page=2")  # 8 releases fit one page: page 2 gives the last page
    assert response.status_code == 200
    figures = body(client.get("/figures/?page=3"))
    assert 'aria-current="page" href="?page=3"' in figures
    assert 'rel="next"' in figures and 'rel="prev"' in figures
    assert figures.count("<tr>") == 50 + 1  # header row plus one page
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get("/figures/?page=abc")
