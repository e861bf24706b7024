"""What a reader and a program see is the text as published (issue 8): the Luoyang sample writes
`上午，洛阳市` with a full-width comma, and so do its release page, the API, search snippets and the feed."""

import xml.etree.ElementTree as ET

from tests.site.conftest import body, visible_text

LUOYANG = "01_luoyang_pingan"
PUBLISHED = "上午，洛阳市"
FOLDED = "上午,洛阳市"
ATOM = "{http://www.w3.org/2005/Atom}"


def test_release_page_shows_the_full_width_comma(site, client):
    page = visible_text(body(client.get(f"/releases/{site[LUOYANG].pk}/")))
    assert PUBLISHED in page and FOLDED not in page


def test_api_sections_and_figures_are_as_published(site, client):
    data = client.get(f"/api/releases/{site[LUOYANG].pk}/").json()
    texts = [s["text"] for s in data["sections"]]
    assert any(PUBLISHED in t for t in texts) and not any(FOLDED in t for t in texts)
    for section in data["sections"]:
        for metric in section["metrics"]:
            assert section["text"][metric["start"] : metric["end"]] == metric["text"]


def test_search_snippet_keeps_the_full_width_comma(site, client):
    data = client.get("/api/search/", {"q": "洛阳市 召开"}).json()
    snippets = [r["snippet"] for r in data["results"] if r["release_id"] == site[LUOYANG].pk]
    assert snippets and "上午，<mark>洛阳市" in snippets[0] and FOLDED not in snippets[0]


def test_feed_summary_keeps_the_full_width_comma(site, client):
    root = ET.fromstring(body(client.get("/feeds/releases/")).encode("utf-8"))
    link = f"/releases/{site[LUOYANG].pk}/"
    entry = next(e for e in root.findall(f"{ATOM}entry") if e.find(f"{ATOM}link").get("href").endswith(link))
    summary = entry.find(f"{ATOM}summary").text
    assert PUBLISHED in summary and FOLDED not in summary
