"""Archived text is shown as text: the Suzhou sample quotes <script>alert(1)</script> in its police section."""

import json

import pytest

from reports.models import Metric, Section
from tests.site.conftest import SCRIPT_TAG, SUZHOU, body, visible_text

ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_the_sample_really_quotes_a_script_tag(site):
    police = Section.objects.get(release=site[SUZHOU], agency="police")
    assert SCRIPT_TAG in police.text


@pytest.mark.parametrize("script", ["", "?script=simplified", "?script=traditional"])
def test_release_page_shows_the_tag_as_text(site, client, script):
    text = body(client.get(f"/releases/{site[SUZHOU].pk}/{script}"))
    assert SCRIPT_TAG not in text
    assert ESCAPED in text
    assert "alert(1)" in visible_text(text)


def test_search_snippet_shows_the_tag_as_text(site, client):
    text = body(client.get("/search/?q=alert"))
    assert f"/releases/{site[SUZHOU].pk}/#section-" in text
    assert SCRIPT_TAG not in text
    assert "&lt;script&gt;" in text and "<mark>alert</mark>" in text


def test_api_returns_the_text_as_data(site, client):
    data = json.loads(client.get(f"/api/releases/{site[SUZHOU].pk}/").content)
    assert any(SCRIPT_TAG in s["text"] for s in data["sections"])


def test_a_hostile_title_and_figure_are_escaped_on_every_page(site, client):
    release = site[SUZHOU]
    release.title = '<script>alert("title")</script><img src=x onerror=alert(2)>蘇州'
    release.outlet = "<b>outlet</b>"
    release.save()
    metric = Metric.objects.filter(section__release=release).first()
    metric.subject = "<i>subject</i>"
    metric.save()
    pages = [
        "/",
        "/releases/",
        f"/releases/{release.pk}/",
        f"/releases/{release.pk}/?script=simplified",
        "/cities/suzhou-jiangsu/",
        "/agencies/police/",
        "/topics/telecom-fraud/",
        "/figures/?city=suzhou-jiangsu",
        "/search/?q=蘇州",
        f"/releases/{site['01_luoyang_pingan'].pk}/",
    ]
    for url in pages:
        text = body(client.get(url))
        assert "<script>alert(" not in text, url
        assert "<img src=x" not in text and "<b>outlet</b>" not in text and "<i>subject</i>" not in text, url
    text = body(client.get(f"/releases/{release.pk}/"))
    assert "&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;" in text
