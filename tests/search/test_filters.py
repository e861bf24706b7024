"""Filters are defined once (search/filters.py): a new one is an entry there, and both backends filter and count
it with no change of their own (issue 10: a new filter field is a change in at most three places)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from reports.browse.facets import facet_lists
from search import filters
from tests.conftest import import_texts
from tests.search.test_search import ids, search

pytestmark = pytest.mark.django_db

RELEASE = "{title}\n\n发布时间：{date}\n\n{date}，{city}召开新闻发布会，通报平安建设和禁毒工作情况。\n"
RELEASES = {
    "spring": RELEASE.format(title="安吉县禁毒工作通报", date="2024年3月8日", city="浙江省安吉县公安局"),
    "autumn": RELEASE.format(title="嘉善县禁毒工作通报", date="2024年9月18日", city="浙江省嘉善县公安局"),
    "winter": RELEASE.format(title="平湖市禁毒工作通报", date="2025年2月6日", city="浙江省平湖市公安局"),
}

# The filter a team might add: which half of the year a release is from. Only this entry is new.
HALF = filters.Filter(
    "half",
    read=lambda r: [("上半年" if r.sort_date.month <= 6 else "下半年")] if r.sort_date else [],
    resolve=lambda values: [v.strip() for v in values],
)


@pytest.fixture
def with_half(monkeypatch):
    added = (*filters.FILTERS, HALF)
    monkeypatch.setattr(filters, "FILTERS", added)
    monkeypatch.setattr(filters, "BY_NAME", {f.name: f for f in added})
    monkeypatch.setattr(filters, "NAMES", tuple(f.name for f in added))
    monkeypatch.setattr(filters, "FACETS", (*(f.name for f in added), filters.AGENCY))


def test_a_new_filter_filters_and_counts_on_every_backend(db, search_backend, tmp_path, with_half):
    corpus = import_texts(tmp_path, RELEASES)
    call_command("rebuild_index", verbosity=0)
    page = search("禁毒", half="下半年")
    assert ids(page) == [corpus["autumn"].pk]
    everything = search("禁毒")
    assert everything.facets["half"] == {"上半年": 2, "下半年": 1}
    # Combined with a built-in filter: both must hold.
    assert ids(search("禁毒", half="上半年", year="2025")) == [corpus["winter"].pk]
    # The page layer lists it, labelled by its values, most releases first.
    assert [item["label"] for item in facet_lists(everything.facets)["half"]] == ["上半年", "下半年"]


def test_built_in_filters_resolve_what_people_type(db, search_backend, tmp_path):
    corpus = import_texts(tmp_path, RELEASES)
    assert ids(search("禁毒", year="2025")) == [corpus["winter"].pk]
    assert ids(search("禁毒 year:2025")) == [corpus["winter"].pk]
    assert search("禁毒", year="二〇二五").total == 0  # not a year: nothing, and the page says so
    assert search("禁毒", year="二〇二五").active["year"] == ["unknown:二〇二五"]
    by_year = search("禁毒").facets["year"]
    assert by_year == {"2024": 2, "2025": 1}
