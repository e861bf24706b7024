"""The figure extractor against its golden paragraphs and the hand labels of the two seeds.

Rule-by-rule unit tests live in test_figures_numerals.py, test_figures_exclusions.py and
test_figures_context.py.
"""

from __future__ import annotations

import subprocess
import sys

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reports.ingest.figures import extract_figures
from tests.reports.figure_labels import (
    ROOT,
    extract_seed,
    figure_dicts,
    golden_expected,
    golden_input,
    golden_names,
    score_golden,
    score_seeds,
    seed_labels,
    seed_names,
    seed_text,
    total,
)
from tests.reports.golden_tool import diff_lines

TARGET = 0.97


@pytest.mark.parametrize("name", golden_names())
def test_golden(name):
    actual = figure_dicts(extract_figures(golden_input(name)))
    lines = diff_lines(golden_expected(name), actual)
    assert not lines, f"{name} differs from its golden file:\n" + "\n".join(lines)


def test_there_are_enough_goldens():
    assert len(golden_names()) >= 25


@pytest.mark.parametrize("name", golden_names())
def test_golden_spans_are_the_text(name):
    text = golden_input(name)
    for item in golden_expected(name):
        assert text[item["start"] : item["end"]] == item["text"]


@pytest.mark.parametrize("name", golden_names())
def test_traditional_copy_gives_the_same_figures(name):
    """One rule set for both scripts: the s2t copy of a golden yields the same figures at the same places."""
    text = golden_input(name)
    traditional = opencc.OpenCC("s2t").convert(text)
    if len(traditional) != len(text):
        pytest.skip("s2t changed the length")
    expected = [{**d, "text": traditional[d["start"] : d["end"]]} for d in golden_expected(name)]
    actual = figure_dicts(extract_figures(traditional))
    keep = ("text", "start", "end", "value", "unit", "qualifier", "is_change", "direction", "basis")
    assert [{k: d[k] for k in keep} for d in actual] == [{k: d[k] for k in keep} for d in expected]


def test_golden_precision_and_recall():
    score = total(score_golden(extract_figures))
    assert score.precision >= TARGET and score.recall >= TARGET


# The seeds: every figure labelled by hand, the extractor run paragraph by paragraph.


@pytest.mark.parametrize("name", seed_names())
def test_seed_labels_resolve(name):
    text = seed_text(name)
    for label in seed_labels(name, text):
        para = text.split("\n")[label["paragraph"]]
        assert para[label["start"] : label["end"]] == label["text"]


@pytest.mark.parametrize("name", seed_names())
def test_seed_precision_and_recall(name):
    score, missed, extra = score_seeds(extract_figures)[name]
    detail = f"missed {missed}\nextra {extra}"
    assert score.precision >= TARGET, detail
    assert score.recall >= TARGET, detail


@pytest.mark.parametrize("name", seed_names())
def test_seed_changes_have_the_right_direction(name):
    text = seed_text(name)
    found = {(d["paragraph"], d["start"], d["end"]): d for d in extract_seed(name, text, extract_figures)}
    changes = [label for label in seed_labels(name, text) if label["is_change"]]
    for label in changes:
        got = found.get((label["paragraph"], label["start"], label["end"]))
        assert got is not None, label
        assert (got["is_change"], got["direction"], got["basis"]) == (
            True,
            label["direction"],
            label["basis"],
        )


def test_seeds_hold_changes_both_ways():
    directions = {label["direction"] for name in seed_names() for label in seed_labels(name, seed_text(name))}
    assert {"up", "down"} <= directions


@pytest.mark.parametrize("name", seed_names())
def test_seed_non_changes_are_not_changes(name):
    text = seed_text(name)
    labelled = {
        (label["paragraph"], label["start"]) for label in seed_labels(name, text) if not label["is_change"]
    }
    for d in extract_seed(name, text, extract_figures):
        if (d["paragraph"], d["start"]) in labelled:
            assert not d["is_change"], d


def test_whole_seed_at_once_keeps_spans():
    """The importer runs per section; spans must hold whatever the unit of text."""
    for name in seed_names():
        text = seed_text(name)
        for f in extract_figures(text):
            assert text[f.start : f.end] == f.text


# Contract properties.

ALPHABET = "0123456789.,，、 万亿千百十余多件人名起%个百分点元同比下降上升超近第年月日“”《》一二两三五零为。；\n萬億餘"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_spans_always_match_the_text(text):
    figures = extract_figures(text)
    last_end = 0
    for f in figures:
        assert text[f.start : f.end] == f.text
        assert f.start >= last_end and f.end > f.start
        assert f.direction in (None, "up", "down")
        assert f.is_change == (f.direction is not None)
        last_end = f.end


def test_empty_text():
    assert extract_figures("") == []
    assert extract_figures("没有任何数字的一段话。") == []


def test_imports_without_django():
    code = "import sys, reports.ingest.figures as f; f.extract_figures('审结12件'); assert 'django' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_a_count_of_clues_is_not_the_word_tiaoxian():
    # 条线 ("line of work") is an ordinary word, but 43条线索 counts clues and 3条线路 counts lines.
    assert [
        (f.text, f.value, f.unit) for f in extract_figures("对反映集中的43条线索实行提级核查,开通3条线路")
    ] == [
        ("43条", 43, "条"),
        ("3条", 3, "条"),
    ]
    assert extract_figures("政法条线干警") == []
