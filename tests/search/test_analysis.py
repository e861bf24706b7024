"""The shared analyzer: positions, offsets into the original script, numbers, stop words, sub-words, Whoosh."""

import bisect
import pickle
import re
import threading
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import index as windex
from whoosh.fields import TEXT, Schema
from whoosh.query import Phrase, Term

from reports.ingest import text as text_module
from search import analysis
from search.analysis import (
    USERDICT_PATH,
    ArchiveAnalyzer,
    analyze,
    find_spans,
    normalize,
    query_sequence,
    read_userdict,
    stop_words,
    warm_up,
)
from tests.conftest import GUIYANG_SEED, SHENYANG_SEED, seed_path


def terms(text, mode="index"):
    return [t.term for t in analyze(text, mode)]


def precise(text):
    return [(t.term, t.pos) for t in analyze(text, "query")]


def test_tokens_carry_term_position_and_original_offsets():
    text = "打擊電信網絡詐騙犯罪"
    for tok in analyze(text):
        assert normalize(text[tok.start : tok.end]) == tok.term
    assert [(t.term, text[t.start : t.end]) for t in analyze(text, "query")] == [
        ("打击", "打擊"),
        ("电信网络诈骗", "電信網絡詐騙"),
        ("犯罪", "犯罪"),
    ]


def test_traditional_and_simplified_analyse_to_identical_terms_and_positions():
    simplified, traditional = "严厉打击电信网络诈骗犯罪", "嚴厲打擊電信網絡詐騙犯罪"
    assert [(t.term, t.pos) for t in analyze(simplified)] == [(t.term, t.pos) for t in analyze(traditional)]
    assert precise("瀋陽市") == precise("沈阳市")
    assert precise("知識產權") == precise("知识产权") == [("知识产权", 0)]


def test_sub_words_share_their_parent_position():
    tokens = analyze("打击电信网络诈骗犯罪")
    parent = next(t for t in tokens if t.term == "电信网络诈骗")
    inside = [t for t in tokens if parent.start <= t.start and t.end <= parent.end and t != parent]
    assert {t.term for t in inside} >= {"电信", "网络", "诈骗", "网络诈骗"}
    assert {t.pos for t in inside} == {parent.pos}
    by_term = {t.term: t for t in tokens}
    assert by_term["打击"].pos == parent.pos - 1 and by_term["犯罪"].pos == parent.pos + 1


def test_query_mode_has_no_sub_words():
    assert terms("打击电信网络诈骗犯罪", "query") == ["打击", "电信网络诈骗", "犯罪"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("共接报52151起", "52151"),
        ("同比下降11.6%", "11.6"),
        ("同比下降１１．６％", "11.6"),
        ("拨打12345热线", "12345"),
        ("拨打１２３４５热线", "12345"),
        ("2025年", "2025"),
        ("推进AI赋能", "ai"),
        ("共52,151起", "52151"),
    ],
)
def test_numbers_and_latin_words_are_single_tokens(text, expected):
    assert expected in terms(text)


def test_number_offsets_cover_the_digits_only():
    text = "下降11.6%，追回52,151元"
    spans = {t.term: text[t.start : t.end] for t in analyze(text)}
    assert spans["11.6"] == "11.6" and spans["52151"] == "52,151"


def test_full_width_comma_is_not_a_thousands_separator():
    assert {"12", "345"} <= set(terms("分别为12，345"))


def test_dotted_numbers_are_separate_numbers():
    assert [t for t in terms("2025.10.16") if t.isdigit()] == ["2025", "10", "16"]


def test_stop_words_are_dropped_but_keep_their_position():
    tokens = {t.term: t.pos for t in analyze("平安建设的成效")}
    assert "的" not in tokens
    assert tokens["成效"] == tokens["平安建设"] + 2


def test_punctuation_leaves_a_hole_spaces_do_not():
    assert [p for _, p in precise("沈阳，公安")] == [0, 2]
    assert [p for _, p in precise("沈阳\n\n公安")] == [0, 2]
    assert precise("AI 赋能") == precise("AI赋能")


def test_numbers_and_searched_words_are_never_stop_words():
    stop = stop_words()
    assert not any(w.isdigit() for w in stop)
    assert not stop & {"同比", "下降", "上升", "件", "人", "元", "万", "亿", "起", "不", "未", "无", "年"}
    assert "的" in stop and "和" in stop


def test_user_dictionary_words_segment_whole_in_isolation():
    entries = read_userdict(USERDICT_PATH.read_text(encoding="utf-8"))
    assert len(entries) >= 150
    for word, freq in entries:
        assert normalize(word) == word, f"{word} is not simplified"
        assert freq > 0
        assert terms(word, "query") == [word], word


@pytest.mark.parametrize(
    "word",
    ["政法委", "市委政法委", "中级人民法院", "人民检察院", "扫黑除恶", "电诈", "帮信", "两卡", "枫桥经验"],
)
def test_domain_terms_stay_whole_in_context(word):
    assert word in terms(f"今年以来，全市{word}工作取得成效", "query")


def test_segmentation_matches_jiebas_own_precise_mode_without_hmm():
    # Our dynamic programme replaces jieba's get_DAG/calc for speed; it must cut exactly as jieba does.
    import jieba

    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word, freq in read_userdict(USERDICT_PATH.read_text(encoding="utf-8")):
        tokenizer.add_word(word, freq)
    seg = analysis._get_segmenter()
    for name in (GUIYANG_SEED, SHENYANG_SEED):
        text = normalize(seed_path(name).read_text(encoding="utf-8"))
        for run in re.findall("[\u4e00-\u9fff]+", text):
            ends = analysis._segment(run, seg.freq, seg.logtotal)
            ours = [run[a:b] for a, b in zip([0, *ends], ends, strict=False)]
            assert ours == tokenizer.lcut(run, HMM=False), run


@pytest.mark.parametrize("name", [GUIYANG_SEED, SHENYANG_SEED])
def test_seed_offsets_and_positions_are_consistent(name):
    text = seed_path(name).read_text(encoding="utf-8")
    norm = normalize(text)
    last = 0
    for tok in analyze(text):
        assert 0 <= tok.start < tok.end <= len(text)
        assert norm[tok.start : tok.end].replace(",", "") == tok.term
        assert "·" not in tok.term  # “2·24” is a case name, never the number 2.24
        assert tok.pos >= last
        last = tok.pos


def test_shenyang_seed_finds_its_terms_in_simplified():
    found = set(terms(seed_path(SHENYANG_SEED).read_text(encoding="utf-8")))
    assert {"沈阳", "扫黑除恶", "禁毒", "市委政法委", "平安建设"} <= found


def test_length_changing_conversion_falls_back_without_shifting_offsets(monkeypatch):
    class Expanding:
        def convert(self, text):
            return text.replace("後", "后来")  # longer output: offsets would drift

    monkeypatch.setattr(text_module, "converter", lambda config: Expanding())
    text = "後來瀋陽公安"
    assert len(normalize(text)) == len(text)
    for tok in analyze(text):
        assert text[tok.start : tok.end]  # still inside the original text


def test_strange_input_never_raises():
    for text in ["", " ", "\x00", "a\ud800b瀋陽", "。。。", "𠀀𠀁", "ǅ Ａ", "x" * 5000, "电" * 3000]:
        analyze(text)
    assert "沈阳" in terms("a\ud800b瀋陽")


TEXTS = st.one_of(
    st.text(max_size=2000),
    st.lists(
        st.sampled_from(
            [
                "瀋陽",
                "电信网络诈骗",
                "，",
                " ",
                "52,151",
                "11.6%",
                "ＡＩ",
                "的",
                "\n",
                "後",
                "(jié)",
                "★",
                "\u200b",
                "１２",
            ]
        )
    ).map("".join),
)


@settings(max_examples=200, deadline=timedelta(seconds=1))
@given(TEXTS)
def test_any_text_analyses_with_aligned_offsets_and_ascending_positions(text):
    assert len(normalize(text)) == len(text)
    norm, v = analysis.view(text)
    offsets = v.offsets or range(len(text) + 1)
    last = 0
    for tok in analyze(text):
        assert 0 <= tok.start < tok.end <= len(text)
        assert tok.pos >= last
        last = tok.pos
        if "\u4e00" <= tok.term[0] <= "\u9fff":
            # The view characters that came from the token's span of the stored text are the term.
            assert (
                norm[bisect.bisect_left(offsets, tok.start) : bisect.bisect_left(offsets, tok.end)]
                == tok.term
            )


def test_very_long_latin_runs_are_cut():
    assert len(terms("a" * 5000)[0]) == analysis.MAX_TERM_CHARS


def test_query_sequence_gives_relative_positions():
    assert query_sequence("“平安建设的成效”") == (("平安建设", "成效"), (0, 2))
    assert query_sequence("的") is None


def test_first_use_from_several_threads_loads_jieba_once(monkeypatch):
    loads = []
    real_load = analysis._load_segmenter
    monkeypatch.setattr(analysis, "_segmenter", None)
    monkeypatch.setattr(analysis, "_load_segmenter", lambda: loads.append(1) or real_load())
    results = []
    threads = [threading.Thread(target=lambda: results.append(terms("打击电信网络诈骗"))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert loads == [1]
    assert len(results) == 4 and all(r == results[0] for r in results)
    warm_up()


# --- highlighting -----------------------------------------------------------------------------------------


def test_find_spans_marks_the_original_script():
    text = "瀋陽市公安局在2012年破獲52,151起"
    spans = find_spans(text, {"沈阳", "公安", "12", "52151"})
    assert [text[a:b] for a, b in spans] == ["瀋陽", "公安", "52,151"]


def test_find_spans_merges_overlaps_and_ignores_empty_terms():
    text = "公安局公安"
    assert find_spans(text, {"公安", "公安局", ""}) == [(0, 5)]
    assert find_spans(text, set()) == []


def test_find_spans_keeps_decimals_whole():
    text = "下降11.6%，增长211.65%"
    assert [text[a:b] for a, b in find_spans(text, {"11.6", "6"})] == ["11.6"]


# --- Whoosh ------------------------------------------------------------------------------------------------


def whoosh_tokens(text, **kwargs):
    # Whoosh reuses one Token object; copy each one as a real consumer must.
    return [t.copy() for t in ArchiveAnalyzer()(text, **kwargs)]


def test_whoosh_analyzer_pickles_into_a_schema():
    assert pickle.loads(pickle.dumps(ArchiveAnalyzer())) == ArchiveAnalyzer()


def test_whoosh_tokens_match_analyze():
    text = "瀋陽市公安局"
    toks = whoosh_tokens(text, positions=True, chars=True, start_pos=10, start_char=100)
    expected = analyze(text)
    assert [(t.text, t.pos, t.startchar, t.endchar) for t in toks] == [
        (e.term, e.pos + 10, e.start + 100, e.end + 100) for e in expected
    ]


def test_whoosh_query_mode_yields_precise_words_only():
    assert [t.text for t in whoosh_tokens("电信网络诈骗犯罪", mode="query")] == ["电信网络诈骗", "犯罪"]
    assert [t.text for t in whoosh_tokens("x", tokenize=False, keeporiginal=True)] == ["x"]
    assert [t.original for t in whoosh_tokens("瀋陽", keeporiginal=True)][0] == "瀋陽"


def test_whoosh_phrases_follow_word_positions(tmp_path):
    ix = windex.create_in(tmp_path, Schema(body=TEXT(analyzer=ArchiveAnalyzer(), phrase=True)))
    with ix.writer() as writer:
        writer.add_document(body="嚴厲打擊電信網絡詐騙犯罪")
    with ix.searcher() as searcher:

        def hits(q):
            return len(searcher.search(q))

        assert hits(Phrase("body", ["打击", "电信网络诈骗"])) == 1
        assert hits(Phrase("body", ["诈骗", "犯罪"])) == 1  # a sub-word at the end of its parent
        assert hits(Phrase("body", ["打击", "电信"])) == 1  # a sub-word at the start of its parent
        assert hits(Term("body", "网络诈骗")) == 1
        assert hits(Phrase("body", ["电信", "网络"])) == 0  # parts of one word are not consecutive
        assert hits(Phrase("body", ["打击", "犯罪"])) == 0  # one word apart


def test_dictionary_words_across_a_word_boundary_sit_at_both_positions():
    tokens = analyze("推进社会治安防控体系建设")
    by_term = {}
    for t in tokens:
        by_term.setdefault(t.term, []).append(t.pos)
    assert by_term["治安防控"] == [by_term["社会治安"][0], by_term["防控体系"][0]]
    assert "治安防控" not in terms("推进社会治安防控体系建设", "query")


def test_whoosh_finds_phrases_segmented_differently_in_context(tmp_path):
    ix = windex.create_in(tmp_path, Schema(body=TEXT(analyzer=ArchiveAnalyzer(), phrase=True)))
    with ix.writer() as writer:
        writer.add_document(body="推进社会治安防控体系建设，加强知识产权保护")
    with ix.searcher() as searcher:
        for query in ["治安防控", "治安防控体系", "社会治安防控", "产权保护", "知识产权保护"]:
            seq = query_sequence(query)
            q = Term("body", seq.terms[0]) if len(seq.terms) == 1 else Phrase("body", list(seq.terms))
            assert len(searcher.search(q)) == 1, query
