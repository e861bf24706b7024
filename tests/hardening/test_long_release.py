"""Issue 9, failure 1: a very long release is shown in parts, and links to a section land on its part."""

import re

import pytest

from reports.browse.parts import SECTIONS_PER_PART
from reports.models import Section
from tests.site.conftest import body

SECTIONS = 2 * SECTIONS_PER_PART + 20  # three parts


@pytest.fixture
def long_release(small_archive):
    from reports.outbox import queue
    from search.indexing import process_pending

    release = small_archive[0]
    start = release.sections.count()
    Section.objects.bulk_create(
        Section(
            release=release,
            order=start + n,
            agency="court",
            text=f"第{start + n}节 长篇发布稿测试段落 专门用语甲乙",
        )
        for n in range(SECTIONS - start)
    )
    queue(release.pk)
    process_pending()
    return release


def shown_sections(page: str) -> list[int]:
    return [int(n) for n in re.findall(r'<section class="release-section[^"]*" id="section-(\d+)"', page)]


def test_a_long_release_is_shown_in_parts(long_release, client):
    url = long_release.get_absolute_url()
    first = body(client.get(url))
    assert shown_sections(first) == list(range(SECTIONS_PER_PART))
    assert "?part=3" in first
    third = body(client.get(url, {"part": "3"}))
    assert shown_sections(third) == list(range(2 * SECTIONS_PER_PART, SECTIONS))
    for bad in ("999", "-1", "x"):
        assert client.get(url, {"part": bad}).status_code == 200


def test_a_search_result_links_to_the_part_holding_its_section(long_release, client):
    results = client.get("/api/search/", {"q": "专门用语甲乙"}).json()["results"]
    assert results
    order = int(results[0]["url"].rsplit("#section-", 1)[1])
    part = order // SECTIONS_PER_PART + 1
    assert (f"?part={part}#" in results[0]["url"]) == (part > 1)
    page = body(client.get(results[0]["url"].split("#")[0]))
    assert order in shown_sections(page)
