"""Dates as a reader meets them: which date a list shows, where it came from, and the feed's <published>."""

import datetime as dt
import xml.etree.ElementTree as ET

from tests.site.conftest import SHENYANG, body, visible_text

ATOM = "{http://www.w3.org/2005/Atom}"


def test_release_page_shows_the_basis_of_an_inferred_date(site, client):
    release = site[SHENYANG]
    page = visible_text(body(client.get(f"/releases/{release.pk}/")))
    assert "推断：据“十四五”期間" in page  # the evidence as the (traditional) release writes it


def test_release_page_shows_the_basis_of_a_stated_date(site, client):
    release = next(r for r in site.values() if r.published and r.published_basis == "header")
    page = visible_text(body(client.get(f"/releases/{release.pk}/")))
    assert f"据页眉“{release.published_evidence}”" in page


def test_list_says_when_it_shows_a_conference_date(site, client):
    page = visible_text(body(client.get("/releases/?page=1")))
    assert "发布会日期 2025-11-28" in " ".join(page.split())  # Shenyang: no publication date
    dated = next(r for r in site.values() if r.published)
    assert dated.published.iso() in page


def test_feed_published_is_the_release_date_not_the_archiving_time(site, client):
    root = ET.fromstring(client.get("/feeds/releases/").content)
    by_id = {r.pk: r for r in site.values()}
    for entry in root.findall(f"{ATOM}entry"):
        pk = int(entry.find(f"{ATOM}link").get("href").rstrip("/").rsplit("/", 1)[1])
        release = by_id[pk]
        date = release.published or release.held
        published = entry.find(f"{ATOM}published")
        if date is None:
            assert published is None
            continue
        assert dt.date.fromisoformat(published.text[:10]) == date.as_date()


def test_search_api_keeps_publication_and_conference_dates_apart(site, client):
    data = client.get("/api/search/", {"q": "平安沈阳", "city": site[SHENYANG].city.slug}).json()
    hits = [hit for hit in data["results"] if hit["release_id"] == site[SHENYANG].pk]
    assert hits, data
    assert hits[0]["published_on"] is None and hits[0]["held_on"] == "2025-11-28"


def test_basis_reads_in_english_with_the_evidence_as_published(site, client):
    page = body(client.get(f"/releases/{site[SHENYANG].pk}/", HTTP_ACCEPT_LANGUAGE="en"))
    assert 'inferred from <span lang="zh">“十四五”期間</span>' in page
