"""Search reads the normalised view of the text as published (issue 8): a word a mirror split with a pinyin
gloss, a symbol run or full-width digits is found, and the highlight marks the published characters."""

import pytest

from search.analysis import analyze, find_spans
from tests.conftest import import_paths
from tests.reports.test_text import MIRROR
from tests.search.test_search import ids, search

pytestmark = pytest.mark.django_db


def test_segmentation_reads_through_glosses_and_symbols():
    text = "審結(jié)２９８７件，破獲電信★★網絡詐騙案件"
    tokens = analyze(text, "query")
    assert [t.term for t in tokens] == ["审结", "2987", "件", "破获", "电信网络诈骗", "案件"]
    # offsets point at the stored text: the gloss and the symbols sit inside no term's span but the one
    # they split, whose span covers them (the published characters from its first to its last)
    assert [text[t.start : t.end] for t in tokens] == [
        "審結",
        "２９８７",
        "件",
        "破獲",
        "電信★★網絡詐騙",
        "案件",
    ]


def test_highlight_marks_the_published_characters():
    text = "全市法院審結(jié)案件２９８７件"
    spans = find_spans(text, {"审结", "2987"})
    assert [text[a:b] for a, b in spans] == ["審結", "２９８７"]


@pytest.fixture
def mirror(tmp_path, search_backend):
    path = tmp_path / "mirror.txt"
    path.write_bytes(MIRROR.encode("utf-8"))
    (outcome,) = import_paths([path])
    assert outcome.status == "created", outcome.message
    return outcome.release


def test_a_glossed_word_is_found_and_marked_as_published(mirror):
    for q in ("审结", "審結", "电信网络诈骗", "2987"):
        assert ids(search(q)) == [mirror.pk], q
    snippets = [str(r.snippet) for r in search("审结").results]
    assert any("<mark>審結</mark>(jié)" in s for s in snippets), snippets
    # a phrase across the gloss: the gloss must not stand between the words
    for phrase in ('"电信网络诈骗案件"', '"审结2987件"'):
        assert ids(search(phrase)) == [mirror.pk], phrase
