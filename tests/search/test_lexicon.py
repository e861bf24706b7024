"""The domain lexicon (search/data/synonyms.txt): one test per group, no database.

Each group is checked end to end through the analyzer, as the index and a query see it: a query for any term
of a two-way group (or a left-hand term of a one-way group) finds a section whose whole text is another term
of the group, and finds it because of that group (with the group removed from the table, it does not, unless
the analyzer alone already relates the two words, e.g. 扫黑 inside 扫黑除恶).
"""

from __future__ import annotations

import opencc
import pytest

from search.analysis import Seq, analyze, normalize_term
from search.query import parse_query
from search.seed_data import shipped_groups
from search.synonyms import AllOf, AnyOf, Exclude, SynonymTable, expand_query

GROUPS = shipped_groups()
TABLE = SynonymTable.parse("\n".join(line for line, _ in GROUPS))


def holds(node, tokens: set[tuple[str, int]]) -> bool:
    """Does an index whose tokens (term, position) are `tokens` match the analysed query `node`?"""
    if isinstance(node, Seq):
        starts = {pos for term, pos in tokens if term == node.terms[0]}
        return any(
            all((t, p + d) in tokens for t, d in zip(node.terms, node.positions, strict=True)) for p in starts
        )
    if isinstance(node, AnyOf):
        return any(holds(child, tokens) for child in node.children)
    if isinstance(node, AllOf):
        return all(holds(child, tokens) for child in node.children if not isinstance(child, Exclude))
    return False


def finds(query: str, text: str, table: SynonymTable) -> bool:
    tokens = {(t.term, t.pos) for t in analyze(text)}
    return holds(expand_query(parse_query(query), table), tokens)


def sides(line: str) -> tuple[list[str], list[str]]:
    table = SynonymTable.parse(line)
    left = [k for k in table._mapping]
    if "=>" in line or "→" in line:
        right = sorted({alt for alts in table._mapping.values() for alt in alts})
        return left, right
    return left, left


def test_the_lexicon_is_large_and_every_group_has_a_reason():
    assert len(GROUPS) >= 200
    assert not TABLE.problems
    assert all(note for _, note in GROUPS), [line for line, note in GROUPS if not note]


@pytest.mark.parametrize("line", [line for line, _ in GROUPS], ids=lambda line: line.split()[0])
def test_each_group_finds_its_other_terms(line):
    left, right = sides(line)
    without = SynonymTable.parse("\n".join(other for other, _ in GROUPS if other != line))
    needed = False
    for query in left:
        for text in right:
            if text == query:
                continue
            assert finds(query, text, TABLE), f"{query} should find a section saying {text}"
            needed = needed or not finds(query, text, without)
    assert needed, f"the analyzer alone already relates every term of {line!r}: the group adds nothing"


# Regional vocabulary: each variant written in Taiwan (or Hong Kong) script is what OpenCC's phrase-level
# conversion (tw2sp / hk2s, not the character-level t2s our analyzer uses) turns into the mainland word.
REGIONAL = [(line, note) for line, note in GROUPS if "OpenCC TWPhrases" in note]


@pytest.mark.parametrize("line", [line for line, _ in REGIONAL], ids=lambda line: line.split()[0])
def test_regional_variant_is_what_opencc_phrase_conversion_says(line):
    to_tw, tw2sp = opencc.OpenCC("s2tw"), opencc.OpenCC("tw2sp")
    terms = [normalize_term(t) for t in line.split()]
    mainland, variants = terms[0], terms[1:]
    assert any(tw2sp.convert(to_tw.convert(v)) == mainland for v in variants), line


REGIONAL_WORDING = [
    ("网络诈骗", "網路詐騙", True),  # Taiwan phrase: character conversion gives 网路
    ("信息", "個人資訊", True),
    ("短信", "簡訊", True),
    ("电信网络诈骗", "電信網路詐騙犯罪", True),
    ("电信诈骗", "電信詐欺", False),  # the lexicon, not OpenCC, knows this one
    ("起诉", "律政司提出檢控", False),  # Hong Kong usage
    ("刑事案件", "罪案", False),
    ("检调", "檢察機關", False),
]


@pytest.mark.parametrize(("query", "text", "by_opencc"), REGIONAL_WORDING)
def test_a_mainland_query_finds_regional_wording_in_traditional_script(query, text, by_opencc, monkeypatch):
    assert finds(query, text, TABLE)
    # OpenCC's phrase conversion (s2twp / s2hk) alone, without any lexicon group, finds the Taiwan wording.
    assert finds(query, text, SynonymTable.parse("")) == by_opencc
    # Character conversion alone (t2s, what the analyzer does) never does.
    monkeypatch.setattr("search.synonyms.regional_variants", lambda term: [])
    fresh = SynonymTable.parse("")
    assert not finds(query, text, fresh)


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("最高法", "最高人民法院"),
        ("最高检", "最高人民檢察院"),
        ("中院", "某市中級人民法院"),
        ("批捕", "批准逮捕犯罪嫌疑人"),
        ("电诈", "通讯网络诈骗"),
        ("扫黑除恶", "打黑除恶"),
        ("社矫", "社區矯正"),
        ("人调", "人民调解"),
        ("知产", "知识产权"),
        ("两院", "人民检察院"),
    ],
)
def test_abbreviations_named_in_the_issue(query, text):
    assert finds(query, text, TABLE) and not finds(query, text, SynonymTable.parse(""))
