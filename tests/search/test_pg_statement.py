"""The PostgreSQL backend answers a search with one statement (search/backends/pg_query.py).

Why it matters: the former plan sent every matching release id to Python and back between four to six
statements, which at 10,000 releases cost more than the search (README, Benchmark results)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import ON_POSTGRES, import_texts
from tests.search.test_guards import RELEASES
from tests.search.test_search import ids, search

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not ON_POSTGRES, reason="the PostgreSQL backend needs a PostgreSQL database"),
]


@pytest.fixture
def corpus(db, settings, tmp_path):
    settings.SEARCH_BACKEND = "postgres"
    return import_texts(tmp_path, RELEASES)


def _search_statements(queries) -> list[str]:
    return [q["sql"] for q in queries if "search_pg_" in q["sql"]]


@pytest.mark.parametrize(
    "query",
    ["诈骗", "禁毒 社区矫正", '"打击治理诈骗"', "诈骗 -法院", "year:2024", "诈骗 city:海宁"],
)
def test_one_statement_reads_the_search_tables(corpus, query):
    from search.backends import get_backend
    from search.query import parse_query
    from search.request import SearchRequest
    from search.service import synonym_table
    from search.synonyms import expand_query

    request = SearchRequest(node=expand_query(parse_query(query), synonym_table()))
    with CaptureQueriesContext(connection) as captured:
        get_backend().search(request)
    assert len(_search_statements(captured.captured_queries)) == 1


def test_count_facets_and_page_come_from_the_one_statement(corpus):
    page = search("诈骗", per_page=1)
    assert page.total == 3  # apart, inrow and the traditional release (詐騙)
    assert len(page.results) == 1
    assert page.facets["agency"] == {"police": 3}
    assert sum(page.facets["year"].values()) == 3
    second = search("诈骗", per_page=1, page=2)
    assert ids(second) and ids(second) != ids(page)


def test_long_phrases_are_checked_with_positions_only_below_the_limit(corpus, monkeypatch):
    assert ids(search('"打击治理诈骗"')) == [corpus["inrow"].pk]
    # Above the limit the word pairs decide: the release holding every pair apart comes back too. This is
    # the documented trade (a common phrase's candidates are nearly all true phrases); it shows the count
    # inside the statement really switches the check.
    monkeypatch.setattr("search.backends.pg_query.VERIFY_LIMIT", 0)
    assert set(ids(search('"打击治理诈骗"'))) == {corpus["inrow"].pk, corpus["apart"].pk}
