"""The query language: every syntax element, every malformed case, analysed queries, and properties."""

import json
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.analysis import Seq, query_sequence, warm_up
from search.query import (
    MAX_DEPTH,
    MAX_QUERY_CHARS,
    MAX_TERMS,
    And,
    Not,
    Or,
    ParsedQuery,
    Phrase,
    Word,
    parse_query,
)
from search.query_filters import AGENCY_SLUGS
from search.query_messages import MESSAGES, QueryMessage
from search.synonyms import AllOf, AnyOf, Exclude, SynonymTable, expand_query


def codes(q):
    return [e.code for e in parse_query(q).errors]


def root(q):
    return parse_query(q).root


def seq(*terms):
    return Seq(tuple(terms), tuple(range(len(terms))))


# --- syntax ------------------------------------------------------------------------------------------------


def test_words_are_anded():
    assert root("沈阳 法院") == And((Word("沈阳"), Word("法院")))
    assert root("电诈") == Word("电诈")
    assert codes("沈阳 法院") == []


@pytest.mark.parametrize(
    "q", ['"平安 建设"', "“平安 建设”", "「平安 建设」", "『平安 建设』", "＂平安 建设＂", "“平安 建设“"]
)
def test_phrases_in_every_quote_style(q):
    assert root(q) == Phrase("平安 建设")
    assert codes(q) == []


@pytest.mark.parametrize("op", ["OR", "|", "｜", "或", "||"])
def test_or_in_every_spelling(op):
    assert root(f"沈阳 {op} 贵阳") == Or((Word("沈阳"), Word("贵阳")))
    assert codes(f"沈阳 {op} 贵阳") == []


def test_or_binds_tighter_than_and():
    assert root("法院 沈阳 OR 贵阳") == And((Word("法院"), Or((Word("沈阳"), Word("贵阳")))))
    assert root("a|b c") == And((Or((Word("a"), Word("b"))), Word("c")))


def test_parentheses_group():
    assert root("(沈阳 法院) OR 贵阳") == Or((And((Word("沈阳"), Word("法院"))), Word("贵阳")))
    assert root("（沈阳 法院）") == And((Word("沈阳"), Word("法院")))


def test_exclusions():
    assert root("电诈 -扫黑") == And((Word("电诈"), Not(Word("扫黑"))))
    assert root('电诈 -"扫黑 除恶"') == And((Word("电诈"), Not(Phrase("扫黑 除恶"))))
    assert root("电诈 -(扫黑 OR 禁毒)") == And((Word("电诈"), Not(Or((Word("扫黑"), Word("禁毒"))))))
    assert root("电诈 NOT 扫黑") == root("电诈 －扫黑") == root("电诈 --扫黑") == root("电诈 -扫黑")
    assert root("-(-电诈)") == Word("电诈")


def test_hyphens_inside_words_are_text():
    assert root("COVID-19 2024-2026") == And((Word("COVID-19"), Word("2024-2026")))


def test_and_and_plus_are_accepted_and_ignored():
    assert root("沈阳 AND 法院") == root("沈阳 && +法院") == And((Word("沈阳"), Word("法院")))


@pytest.mark.parametrize(
    "q, attr, expected",
    [
        ("city:沈阳", "city", ["沈阳"]),
        ("城市:瀋陽", "city", ["沈阳"]),
        ("城市：沈阳,贵阳", "city", ["沈阳", "贵阳"]),
        ("City:Shenyang", "city", ["shenyang"]),
        ("city: 沈阳", "city", ["沈阳"]),
        ('city:"沈阳"', "city", ["沈阳"]),
        ("province:辽宁", "province", ["辽宁"]),
        ("省份:遼寧、贵州", "province", ["辽宁", "贵州"]),
        ("topic:电信网络诈骗", "topic", ["电信网络诈骗"]),
        ("主题:扫黑除恶", "topic", ["扫黑除恶"]),
        ("year:2025", "year", ["2025"]),
        ("年份:2025年", "year", ["2025"]),
        ("year:2023-2025", "year", ["2023", "2024", "2025"]),
        ("year:2024,2022", "year", ["2024", "2022"]),
        ("年:２０２５", "year", ["2025"]),
    ],
)
def test_filters(q, attr, expected):
    parsed = parse_query(q)
    assert parsed.filters.get(attr) == expected
    assert parsed.root is None and parsed.errors == []


@pytest.mark.parametrize(
    "value, slug",
    [
        ("court", "court"),
        ("法院", "court"),
        ("中级人民法院", "court"),
        ("procuratorate", "procuratorate"),
        ("检察院", "procuratorate"),
        ("檢察", "procuratorate"),
        ("police", "police"),
        ("公安", "police"),
        ("公安局", "police"),
        ("justice_bureau", "justice_bureau"),
        ("justice-bureau", "justice_bureau"),
        ("司法局", "justice_bureau"),
        ("司法", "justice_bureau"),
        ("political_legal_committee", "political_legal_committee"),
        ("政法委", "political_legal_committee"),
        ("other", "other"),
        ("其他", "other"),
    ],
)
def test_agency_names_map_to_slugs(value, slug):
    assert parse_query(f"agency:{value}").filters.agencies == [slug]
    assert parse_query(f"机关：{value}").filters.agencies == [slug]


def test_every_agency_slug_is_accepted():
    assert parse_query("agency:" + ",".join(AGENCY_SLUGS)).filters.agencies == list(AGENCY_SLUGS)


@pytest.mark.parametrize(
    "q, start, end",
    [
        ("from:2024", date(2024, 1, 1), None),
        ("to:2024", None, date(2024, 12, 31)),
        ("from:2024-01 to:2025-06", date(2024, 1, 1), date(2025, 6, 30)),
        ("to:2024-02", None, date(2024, 2, 29)),
        ("to:2024-12", None, date(2024, 12, 31)),
        ("从:2024年6月 到:2024年6月15日", date(2024, 6, 1), date(2024, 6, 15)),
        ("从：2024/06/01 至:2024.07", date(2024, 6, 1), date(2024, 7, 31)),
        ("from:20240615", date(2024, 6, 15), None),
    ],
)
def test_partial_dates_become_ranges(q, start, end):
    parsed = parse_query(q)
    assert (parsed.filters.date_from, parsed.filters.date_to) == (start, end)
    assert parsed.errors == []


def test_reversed_dates_are_swapped_as_periods():
    parsed = parse_query("from:2025-06 to:2024")
    assert (parsed.filters.date_from, parsed.filters.date_to) == (date(2024, 1, 1), date(2025, 6, 30))
    assert [e.code for e in parsed.errors] == ["date_range_reversed"]


def test_filters_combine_with_terms():
    parsed = parse_query("电诈 city:沈阳 agency:公安 year:2025")
    assert parsed.root == Word("电诈")
    assert (parsed.filters.get("city"), parsed.filters.agencies, parsed.filters.get("year")) == (
        ["沈阳"],
        ["police"],
        ["2025"],
    )


# --- malformed input ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("q", ["", "   ", None, "\u3000"])
def test_empty_query(q):
    parsed = parse_query(q)
    assert parsed.root is None and codes(q) == ["empty_query"]


def test_unbalanced_quote_searches_the_rest_as_words():
    parsed = parse_query('"电信网络诈骗 city:沈阳')
    assert parsed.root == Word("电信网络诈骗") and parsed.filters.get("city") == ["沈阳"]
    assert [e.code for e in parsed.errors] == ["unbalanced_quote"]
    assert parsed.errors[0].params == (("quote", '"'),)
    assert root("“电诈") == Word("电诈") and root("电诈」") == Word("电诈")


def test_empty_phrase():
    assert root('"" 电诈') == Word("电诈") and codes('"  " 电诈') == ["empty_phrase"]


@pytest.mark.parametrize("q", ["-", "电诈 -", "电诈 - 扫黑", "电诈 -)", "NOT", "-OR 电诈", "- -"])
def test_lone_minus(q):
    assert "lone_minus" in codes(q)
    assert "扫黑" not in str(parse_query(q).leaves(positive=False))


@pytest.mark.parametrize(
    "q", ["OR 电诈", "电诈 OR", "电诈 OR OR 扫黑", "| 电诈 |", "(OR 电诈)", "电诈 (扫黑 OR)"]
)
def test_dangling_or(q):
    assert "dangling_or" in codes(q)
    assert "电诈" in parse_query(q).canonical()


def test_exclusion_inside_or_is_dropped():
    assert root("电诈 OR -扫黑") == Word("电诈")
    assert codes("电诈 OR -扫黑") == ["exclusion_in_or"]


def test_parentheses_are_repaired():
    assert root("电诈) 扫黑") == And((Word("电诈"), Word("扫黑")))
    assert codes("电诈) 扫黑") == ["unmatched_paren"]
    assert root("(电诈 OR 扫黑") == Or((Word("电诈"), Word("扫黑")))
    assert codes("(电诈 OR 扫黑") == ["unclosed_paren"]
    assert root("() 电诈") == Word("电诈")


def test_deep_nesting_is_flattened():
    q = "(" * 50 + "电诈" + ")" * 50
    assert root(q) == Word("电诈")
    assert codes(q) == ["too_deeply_nested"]
    assert parse_query(q).errors[0].params == (("limit", str(MAX_DEPTH)),)


def test_long_query_is_truncated_and_reported():
    q = "电诈 " * 1000
    parsed = parse_query(q)
    assert parsed.errors[0].code == "query_too_long"
    assert dict(parsed.errors[0].params) == {"length": str(len(q)), "limit": str(MAX_QUERY_CHARS)}
    assert len(parsed.leaves()) <= MAX_TERMS
    assert all(leaf == Word("电诈") for leaf in parsed.leaves())


def test_too_many_terms():
    parsed = parse_query(" ".join(f"w{i}" for i in range(40)))
    assert len(parsed.leaves()) == MAX_TERMS
    assert codes(" ".join(f"w{i}" for i in range(40))) == ["too_many_terms"]


@pytest.mark.parametrize(
    "q, expected", [("*", None), ("?", None), ("电*", Word("电")), ("＊ 扫黑", Word("扫黑"))]
)
def test_wildcards_are_reported_and_dropped(q, expected):
    assert root(q) == expected
    assert "wildcard_unsupported" in codes(q)


def test_unknown_filter_is_searched_as_text():
    parsed = parse_query("foo:bar 电诈")
    assert parsed.root == And((Word("foo:bar"), Word("电诈")))
    assert [(e.code, e.params) for e in parsed.errors] == [("unknown_filter", (("name", "foo"),))]
    # The message lists the filters there are, from the one table of query names: a new filter is listed.
    assert parsed.errors[0].text("en").endswith("Use city, province, agency, topic, year, from, to.")
    assert "可用：城市、省份、机关、主题、年份、从、到。" in parsed.errors[0].text("zh")
    assert codes("07:53") == []  # a time, not a filter


@pytest.mark.parametrize(
    "q",
    ["year:abc", "year:1800", "year:2000-2099", "agency:xyz", "from:2024-13", "to:2024-02-30", "from:昨天"],
)
def test_bad_filter_values_are_reported_and_ignored(q):
    parsed = parse_query(q + " 电诈")
    assert parsed.filters.is_empty()
    assert parsed.root == Word("电诈")
    assert [e.code for e in parsed.errors] == ["bad_filter_value"]


def test_bad_value_among_good_ones():
    parsed = parse_query("agency:court,xyz")
    assert parsed.filters.agencies == ["court"] and codes("agency:court,xyz") == ["bad_filter_value"]


def test_missing_negated_and_duplicate_filters():
    assert codes("电诈 city:") == ["missing_filter_value"]
    assert codes("city: OR") == ["missing_filter_value", "dangling_or", "empty_query"]
    assert codes("电诈 -city:沈阳") == ["negated_filter"]
    parsed = parse_query("from:2023 from:2024")
    assert parsed.filters.date_from == date(2024, 1, 1) and codes("from:2023 from:2024") == [
        "duplicate_filter"
    ]


def test_only_exclusions_is_reported_unless_filtered():
    assert codes("-电诈") == ["no_positive_terms"]
    assert codes("-电诈 city:沈阳") == []


def test_control_characters_are_spaces():
    assert root("电诈\x00扫黑\u200b禁毒") == And((Word("电诈"), Word("扫黑"), Word("禁毒")))


# --- messages ----------------------------------------------------------------------------------------------

TRIGGERS = [
    "",
    "电诈 " * 100,
    " ".join(f"w{i}" for i in range(40)),
    '"电诈',
    '""',
    "-",
    "OR",
    "a OR -b",
    ")",
    "(",
    "(" * 10,
    "*",
    "foo:bar",
    "city:",
    "agency:xyz",
    "-city:沈阳",
    "from:2023 from:2024",
    "from:2025 to:2024",
    "-电诈",
]


def test_every_message_code_is_produced_and_renders_in_both_languages():
    seen = {}
    for q in TRIGGERS:
        for e in parse_query(q).errors:
            seen[e.code] = e
    assert set(seen) == set(MESSAGES)
    for e in seen.values():
        for lang in ("zh", "en"):
            text = e.text(lang)
            assert text and "{" not in text and "}" not in text
        assert str(e) == e.text("zh")
    assert QueryMessage("dangling_or").text("zh-hans") == MESSAGES["dangling_or"][0]


def test_to_dict_is_json_ready():
    data = parse_query("电诈 city:沈阳 from:2024 -扫黑 foo:x").to_dict()
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert data["filters"]["from"] == "2024-01-01" and data["filters"]["to"] is None
    assert data["errors"][0]["code"] == "unknown_filter" and data["errors"][0]["en"]


# --- canonical form and suggestions ------------------------------------------------------------------------


def test_canonical_form():
    parsed = parse_query("（沈阳 法院）|贵阳 -“扫黑” 城市:瀋陽 机关:法院 年份:2025 从:2024-01")
    assert (
        parsed.canonical() == '(沈阳 法院) OR 贵阳 -"扫黑" city:沈阳 agency:court year:2025 from:2024-01-01'
    )


def test_without_drops_one_term():
    parsed = parse_query("沈阳 电诈 -扫黑")
    assert parsed.without(Word("电诈")).root == And((Word("沈阳"), Not(Word("扫黑"))))
    assert parsed.leaves() == [Word("沈阳"), Word("电诈")]
    assert parsed.leaves(positive=False) == [Word("扫黑")]


# --- analysed queries --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def synonyms():
    return SynonymTable.parse("电诈 电信网络诈骗 电信诈骗\n知识产权 知产\n扫黑 扫黑除恶")


def analysed(q, synonyms=None):
    return expand_query(parse_query(q), synonyms)


def test_phrases_are_exact_sequences_without_synonyms(synonyms):
    assert analysed('"電信網絡詐騙犯罪"', synonyms) == seq("电信网络诈骗", "犯罪")
    assert analysed('"平安建设的成效"') == Seq(("平安建设", "成效"), (0, 2))


def test_single_word_with_synonyms(synonyms):
    # The Taiwan wording of a synonym (電信網路詐騙, search.synonyms.regional_variants) comes last.
    taiwan = query_sequence("电信网路诈骗")
    assert analysed("電詐", synonyms) == AnyOf((seq("电诈"), seq("电信网络诈骗"), seq("电信诈骗"), taiwan))
    assert analysed("电诈") == seq("电诈")


def test_unquoted_run_requires_its_words_and_ranks_the_exact_sequence(synonyms):
    node = analysed("知识产权保护", synonyms)
    ip = AnyOf((seq("知识产权"), seq("知产"), query_sequence("智慧财产权")))
    whole = AllOf((ip, seq("保护")), near=seq("知识产权", "保护"))
    # Taiwan writes 智慧財產權保護: asked as the whole run's regional wording.
    assert node == AnyOf((whole, query_sequence("智慧财产权保护")))


def test_one_character_words_stay_together():
    node = analysed("卢强介绍")
    assert node == AllOf((seq("卢", "强"), seq("介绍")), near=seq("卢", "强", "介绍"))


def test_exclusions_are_exact(synonyms):
    node = analysed("沈阳 -知识产权保护", synonyms)
    excluded = AnyOf((seq("知识产权", "保护"), query_sequence("智慧财产权保护")))  # and its Taiwan wording
    assert node == AllOf((seq("沈阳"), Exclude(excluded)))


def test_or_and_stop_words(synonyms):
    assert analysed("沈阳 OR 贵阳") == AnyOf((seq("沈阳"), seq("贵阳")))
    assert analysed("的 沈阳") == seq("沈阳")
    assert analysed("的") is None
    assert analysed("") is None


def test_traditional_and_simplified_queries_analyse_alike(synonyms):
    assert analysed("瀋陽 知識產權 -掃黑", synonyms) == analysed("沈阳 知识产权 -扫黑", synonyms)


# --- properties --------------------------------------------------------------------------------------------

PIECES = st.sampled_from(
    ['"', "“", "”", "「", "」", "(", ")", "（", "）", "-", "－", "|", "OR", "或", "NOT", "AND", "*", "?", ":", "：",
     " ", "city:", "城市:", "agency:", "year:", "from:", "to:", "2024", "2024-13", "沈阳", "瀋陽", "电诈", "的",
     "法院", "foo:", "+", "\x00", "\u3000", "知识产权保护", "52151", "11.6%"]
)  # fmt: skip
QUERIES = st.one_of(st.text(max_size=5000), st.lists(PIECES, max_size=80).map("".join))
# A generous guard against hangs or quadratic blow-ups, not a benchmark (see bench/ for speed).
PROPERTY = settings(
    max_examples=300,
    deadline=timedelta(milliseconds=500),
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.fixture(scope="module", autouse=True)
def _loaded():
    warm_up()  # keep jieba's one-off load out of hypothesis' deadline


@PROPERTY
@given(QUERIES)
def test_any_input_parses_without_raising(q):
    parsed = parse_query(q)
    assert isinstance(parsed, ParsedQuery)
    assert len(parsed.leaves()) + len(parsed.leaves(positive=False)) <= MAX_TERMS
    for e in parsed.errors:
        assert e.code in MESSAGES and e.text("zh") and e.text("en")
    json.dumps(parsed.to_dict())


@PROPERTY
@given(QUERIES)
def test_any_input_analyses_without_raising(q):
    parsed = parse_query(q)
    expand_query(parsed, SynonymTable.default())


@PROPERTY
@given(QUERIES)
def test_canonical_form_parses_back_to_the_same_query(q):
    parsed = parse_query(q)
    text = parsed.canonical()
    if len(text) <= MAX_QUERY_CHARS:
        again = parse_query(text)
        assert again.root == parsed.root
        assert again.filters == parsed.filters
