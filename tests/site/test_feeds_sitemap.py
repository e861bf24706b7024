"""The Atom feeds (all, per city, per topic, per query) are valid XML; the sitemap lists every public page."""

import re
import xml.etree.ElementTree as ET

import pytest

from reports.models import Release
from tests.site.conftest import GUIYANG, SHENYANG, SUZHOU, body

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return root


def entry_ids(root) -> set[int]:
    links = [e.find(f"{ATOM}link").get("href") for e in root.findall(f"{ATOM}entry")]
    return {int(link.rstrip("/").rsplit("/", 1)[1]) for link in links}


def test_feed_of_all_releases(site, client):
    root = feed(client, "/feeds/releases/")
    assert root.find(f"{ATOM}title").text == "平安建设发布稿档案"
    assert entry_ids(root) == {r.pk for r in site.values()}
    entry = root.find(f"{ATOM}entry")
    for child in ("title", "link", "id", "updated", "summary"):
        assert entry.find(f"{ATOM}{child}") is not None, child
    assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/releases/")
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == "http://testserver/feeds/releases/"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("city=shenyang", {SHENYANG}, marks=pytest.mark.seeds),
        ("city=suzhou-jiangsu", {SUZHOU}),
        ("topic=intellectual-property", None),
        ("q=知識產權", None),
        pytest.param("q=知识产权&city=guiyang", {GUIYANG}, marks=pytest.mark.seeds),
    ],
)
def test_filtered_feeds(site, client, query, expected):
    root = feed(client, f"/feeds/releases/?{query}")
    found = entry_ids(root)
    if expected is not None:
        assert found == {site[stem].pk for stem in expected}
    elif query.startswith("topic"):
        assert found == set(
            Release.objects.filter(topics__slug="intellectual-property").values_list("pk", flat=True)
        )
    else:
        assert {site[GUIYANG].pk, site[SHENYANG].pk} <= found
    assert " · " in root.find(f"{ATOM}title").text


def test_a_search_feed_narrows_as_the_search_does(site, client):
    """The search page's "subscribe" link keeps every filter, and the feed applies each one: a year, an
    agency, a city typed by a person (苏州, not its slug) narrow the feed exactly as they narrow the page."""
    from search import service

    class Params(dict):
        def getlist(self, key):
            return self.get(key, [])

    unfiltered = {r.release.pk for r in service.run("工作", Params(), per_page=50, sort="newest").results}
    cases = (
        {"city": ["苏州"]},
        {"agency": ["court"]},
        {"year": ["2024"]},
        {"city": ["苏州"], "year": ["1999"]},
    )
    for filters in cases:
        page = client.get("/search/", {"q": "工作", **filters})
        link = re.search(r'href="/feeds/releases/(\?[^"]+)"', body(page)).group(1).replace("&amp;", "&")
        expected = {
            r.release.pk for r in service.run("工作", Params(filters), per_page=50, sort="newest").results
        }
        assert expected != unfiltered, filters  # each filter excludes something here, so ignoring it shows
        assert entry_ids(feed(client, f"/feeds/releases/{link}")) == expected, filters
    assert expected == set()  # the last: no release of 1999, so the feed is empty, not every release
    # More filters than a feed takes: refused, not silently cut.
    crowded = "&".join(f"city=c{i}" for i in range(30))
    assert client.get(f"/feeds/releases/?q=工作&{crowded}").status_code == 400


def test_feed_summaries_are_text_not_markup(site, client):
    release = site[SUZHOU]
    release.text = "<script>alert(1)</script> " + release.text  # as if the release began with the quote
    release.save()
    root = feed(client, "/feeds/releases/?city=suzhou-jiangsu")
    summary = root.find(f"{ATOM}entry/{ATOM}summary")
    assert summary.get("type") == "html"
    # Readers parse the summary as HTML: it must carry the escaped form, which they show as text.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in summary.text
    assert "<script>" not in summary.text


@pytest.mark.seeds
def test_feed_in_english(site, client):
    root = feed(client, "/feeds/releases/?city=shenyang")
    response = client.get("/feeds/releases/?city=shenyang", HTTP_ACCEPT_LANGUAGE="en")
    english = ET.fromstring(response.content)
    assert english.find(f"{ATOM}title").text == "Security-Governance Release Archive · Shenyang"
    assert root.find(f"{ATOM}title").text == "平安建设发布稿档案 · 沈阳市"


@pytest.mark.seeds
def test_sitemap_lists_pages_releases_cities_topics_agencies(site, client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(body(response).encode())
    locations = {u.find(f"{SITEMAP}loc").text for u in root.findall(f"{SITEMAP}url")}
    base = "http://testserver"
    for path in ("/", "/releases/", "/cities/", "/agencies/", "/topics/", "/figures/", "/search/"):
        assert base + path in locations
    for release in site.values():
        assert f"{base}/releases/{release.pk}/" in locations
    assert f"{base}/cities/shenyang/" in locations
    assert f"{base}/topics/telecom-fraud/" in locations
    assert f"{base}/agencies/court/" in locations
    lastmods = [
        u.find(f"{SITEMAP}lastmod")
        for u in root.findall(f"{SITEMAP}url")
        if re.search(r"/releases/\d+/$", u.find(f"{SITEMAP}loc").text)  # each release, in both interfaces
    ]
    assert lastmods and all(m is not None for m in lastmods)
