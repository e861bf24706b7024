"""The search behaviour researchers rely on, run against every backend (Whoosh; PostgreSQL on PostgreSQL)."""

import pytest

from reports.browse.facets import facet_lists
from search import service
from search.analysis import normalize

pytestmark = pytest.mark.django_db


class Params(dict):
    def getlist(self, key):
        value = self.get(key)
        return [] if value is None else value if isinstance(value, list) else [value]


def search(q="", **params):
    page = params.pop("page", 1)
    per_page = params.pop("per_page", 20)
    sort = params.pop("sort", "")
    return service.run(q, Params(params), page=page, per_page=per_page, sort=sort)


def ids(result):
    return [r.release.pk for r in result.results]


def test_simplified_query_finds_traditional_release_and_back(archive):
    shenyang = archive["004_7fa52357448e1af8"].pk
    for q in ("沈阳", "瀋陽"):
        assert ids(search(q))[0] == shenyang, q
    for q in ("知识产权", "知識產權"):
        found = set(ids(search(q)))
        assert {shenyang, archive["000_21be0218603827b1"].pk, archive["02_suzhou_fazhi"].pk} <= found


@pytest.mark.seeds
def test_snippets_show_the_original_script_with_marks(archive):
    result = search("沈阳 法院")
    top = result.results[0]
    assert top.release == archive["004_7fa52357448e1af8"] and top.section.agency == "court"
    assert "<mark>瀋陽</mark>" in top.snippet and "<mark>法院</mark>" in top.snippet


def test_abbreviation_finds_the_full_term_through_synonyms(archive):
    mianyang = archive["03_mianyang_jiancha"]
    text = "".join(s.text for s in mianyang.sections.all())
    assert "电诈" not in text and "电信网络诈骗" in text
    result = search("电诈")
    assert mianyang.pk in ids(result)
    snippet = next(r.snippet for r in result.results if r.release == mianyang)
    assert "<mark>电信网络诈骗</mark>" in snippet


def test_quoted_phrase_returns_exactly_the_passages_that_contain_it(archive):
    phrase = "打击治理电信网络诈骗"
    quoted = search(f'"{phrase}"')
    assert quoted.total >= 2
    for result in quoted.results:
        assert phrase in normalize(result.section.text)
        assert (
            f"<mark>{result.section.text[normalize(result.section.text).find(phrase) :][: len(phrase)]}</mark>"
            in result.snippet
        )
    loose = search("打击 治理 电信网络诈骗")
    assert loose.total >= quoted.total
    every_section = [s for r in archive.values() for s in r.sections.all()]
    with_phrase = {s.release_id for s in every_section if phrase in normalize(s.text)}
    assert set(ids(search(f'"{phrase}"', per_page=50))) == with_phrase


@pytest.mark.seeds
def test_phrase_with_a_gap_matches_only_that_gap(archive):
    # "平安建设" followed by something else than 工作 must not match "平安建设工作"
    assert search('"平安贵阳建设"').total == 1
    assert search('"贵阳平安建设"').total == 0


def test_a_number_is_a_term(archive):
    result = search("52151")
    assert ids(result) == [archive["000_21be0218603827b1"].pk]
    assert "<mark>52151</mark>" in result.results[0].snippet
    assert search("5215").total == 0


def test_filters_in_the_query_and_in_the_url(archive):
    shenyang = archive["004_7fa52357448e1af8"].pk
    assert ids(search("法院 city:沈阳")) == [shenyang]
    assert ids(search("法院 城市:瀋陽")) == [shenyang]
    assert ids(search("法院", city="shenyang")) == [shenyang]
    courts = search("电信网络诈骗", agency="court")
    assert courts.total >= 3 and all(r.section.agency == "court" for r in courts.results)
    assert search("电信网络诈骗 机关:法院").total == courts.total
    drugs = search("", topic="drugs")
    assert drugs.total >= 2 and all(
        any(t.slug == "drugs" for t in r.release.topics.all()) for r in drugs.results
    )
    assert search("法院 year:2024").total == 0
    assert search("法院 年份:2025").total == search("法院").total
    between = search("法院 from:2025-06 to:2025-10")
    expected = {
        r.pk for r in archive.values() if r.sort_date and "2025-06-01" <= str(r.sort_date) <= "2025-10-31"
    }
    assert set(ids(between)) == expected


@pytest.mark.seeds
def test_facet_counts_count_releases(archive):
    result = search("法院", per_page=50)
    cities = result.facets["city"]
    assert sum(cities.values()) == result.total
    labels = {f["label"] for f in facet_lists(result.facets)["city"]}
    assert "沈阳市" in labels and "贵阳市" in labels
    assert result.facets["year"] == {"2025": result.total}
    agencies = result.facets["agency"]
    assert agencies["court"] >= 6 and max(agencies.values()) <= result.total
    assert "intellectual-property" in result.facets["topic"]


def test_each_release_appears_once_with_its_best_section(archive):
    result = search("法院", per_page=50)
    assert len(ids(result)) == len(set(ids(result))) == result.total
    guiyang = next(r for r in result.results if r.release == archive["000_21be0218603827b1"])
    assert guiyang.section.agency == "court"


def test_sorting_by_date(archive):
    newest = search("法院", sort="newest", per_page=50)
    dates = [r.release.sort_date for r in newest.results]
    assert dates == sorted(dates, reverse=True)
    oldest = search("法院", sort="oldest", per_page=50)
    assert [r.release.sort_date for r in oldest.results] == sorted(dates)
    relevance = search("法院", per_page=50)
    scores = [r.score for r in relevance.results]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.seeds
def test_pagination(archive):
    everything = ids(search("法院", per_page=50))
    pages = [ids(search("法院", per_page=3, page=n)) for n in (1, 2, 3)]
    assert [len(p) for p in pages] == [3, 3, len(everything) - 6]
    assert sum(pages, []) == everything
    assert search("法院", per_page=3).pages == 3
    # Past the last page: the last page, as the browse pages do (it was an empty page, and a 500 on /search/).
    past = search("法院", per_page=3, page=99)
    assert past.page == 3 and ids(past) == pages[2]


def test_highlighting_escapes_what_it_shows(archive):
    result = search("alert")
    assert result.total == 1
    snippet = str(result.results[0].snippet)
    assert "<script>" not in snippet
    assert "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;" in snippet


@pytest.mark.parametrize(
    ("q", "code"),
    [
        ('"电信网络诈骗', "unbalanced_quote"),
        ("-", "lone_minus"),
        ("法院 " * 500, "query_too_long"),
        ("*", "wildcard_unsupported"),
        ("法院 year:abc", "bad_filter_value"),
        ("", "empty_query"),
        ("OR 法院 OR", "dangling_or"),
    ],
)
def test_malformed_queries_get_a_message_and_a_best_effort(archive, q, code):
    result = search(q)
    assert code in [m.code for m in result.messages]
    assert result.error == ""
    if "法院" in q or "电信" in q:
        assert result.total > 0


def test_no_match_suggests_a_query_that_matches(archive):
    # +xyzzy is required, so relaxed matching may not drop it: nothing matches, a suggestion does.
    result = search("+xyzzy 法院")
    assert result.total == 0 and result.suggestion == "法院"
    assert search(result.suggestion).total > 0


def test_relaxed_matching_offers_releases_with_most_words_and_says_what_is_missing(client, archive):
    result = search("xyzzy 法院")
    assert result.relaxed and result.total == search("法院").total > 0
    assert all(r.missing == ["xyzzy"] for r in result.results)
    data = client.get("/api/search/", {"q": "xyzzy 法院"}).json()
    assert data["results"] and all(r["missing"] == ["xyzzy"] for r in data["results"])
    page = client.get("/search/", {"q": "xyzzy 法院"}).content.decode()
    assert "未包含：<s>xyzzy</s>" in page


@pytest.mark.seeds
def test_exclusion_removes_sections_not_whole_releases(archive):
    result = search("知识产权 -法院")
    assert result.total >= 2
    for r in result.results:
        assert "法院" not in normalize(r.section.text) and r.section.agency != "court"


def test_the_api_speaks_the_contract(client, archive):
    data = client.get("/api/search/", {"q": "知识产权", "per_page": 2}).json()
    assert {"query", "total", "page", "results", "facets"} <= data.keys()
    assert data["query"] == "知识产权" and data["page"] == 1 and len(data["results"]) == 2
    hit = data["results"][0]
    assert {
        "release_id",
        "section_id",
        "title",
        "city",
        "agency",
        "published_on",
        "score",
        "snippet",
    } <= hit.keys()
    assert {"city", "agency", "topic", "year"} <= data["facets"].keys()
    for facet in data["facets"]["city"]:
        assert {"value", "label", "count"} <= facet.keys()
    assert client.get("/api/search/", {"q": '"unbalanced'}).status_code == 200
