"""The benchmark corpus generator: deterministic, within its size bounds, both scripts, and importable.

A handful of releases only (the generator is pure Python; parsing needs no database). Speed is measured by
running bench/corpus.py, not here.
"""

import random
import re

import pytest

from bench import corpus
from reports.ingest.pipeline import parse_release
from reports.ingest.script import detect_script

# Seed 2's first eight releases use every heading style, both scripts, a six-section release and one
# without a date line; test_the_sample_covers_the_variants says so if a change to the generator moves them.
SEED = 2
COUNT = 8


@pytest.fixture(scope="module")
def releases():
    return list(corpus.generate(COUNT, SEED))


@pytest.fixture(scope="module")
def plans():
    return [corpus.plan_release(index, SEED) for index in range(COUNT)]


def test_the_sample_covers_the_variants(plans):
    assert {plan.style for plan in plans} == {"standalone", "colon", "inline", "numbered"}
    assert {plan.traditional for plan in plans} == {True, False}
    assert 6 in {len(plan.agencies) for plan in plans}
    assert None in {plan.published_on for plan in plans}


def test_the_same_seed_gives_the_same_bytes(releases):
    assert list(corpus.generate(COUNT, SEED)) == releases


def test_a_short_corpus_is_the_start_of_a_long_one(releases):
    assert list(corpus.generate(3, SEED)) == releases[:3]


def test_another_seed_gives_another_corpus(releases):
    assert [data for _, data in corpus.generate(2, SEED + 1)] != [data for _, data in releases[:2]]


def test_file_names_sizes_and_encoding(releases):
    assert [name for name, _ in releases] == [f"r{index:05d}.txt" for index in range(COUNT)]
    for _, data in releases:
        text = data.decode("utf-8")
        assert 5_000 <= len(text) <= 10_000
        assert not re.search("[\ue000-\uf8ff]", text)  # no placeholder left unfilled


def test_both_scripts_as_planned(releases, plans):
    scripts = [detect_script(data.decode("utf-8")) for _, data in releases]
    assert scripts == ["traditional" if plan.traditional else "simplified" for plan in plans]


@pytest.mark.parametrize("index", range(COUNT))
def test_the_importer_reads_what_was_planned(releases, plans, index):
    name, data = releases[index]
    plan = plans[index]
    parsed = parse_release(data, name)
    assert len(parsed.sections) >= 5  # the lead and 4 to 6 agency sections
    assert [section.agency for section in parsed.sections[1:]] == list(plan.agencies)
    assert parsed.city is not None and parsed.city.name == plan.city.name
    assert parsed.held_on is not None and parsed.held_on.as_date() == plan.held_on
    if plan.published_on is None:
        assert parsed.published_on is None
    else:
        assert parsed.published_on.as_date() == plan.published_on
    for section in parsed.sections[1:]:
        assert section.figures, section.heading
    figures = [figure for section in parsed.sections for figure in section.figures]
    assert any(figure.unit == "%" and figure.is_change for figure in figures)
    assert any(figure.value is not None and figure.value >= 10_000 for figure in figures)


def test_figures_are_redrawn_in_their_shape():
    parts = corpus.compile_template(
        "共破获案件1,286起，同比下降9.3%，执行到位金额2.37亿元，调解成功率98.1%，抓获一百三十六名，12345热线"
    )
    for seed in range(5):
        ctx = corpus.Context(random.Random(seed), scale=1.7, year=2021, places={})
        text = corpus.render(parts, ctx)
        assert re.fullmatch(
            r"共破获案件\d{1,3}(?:,\d{3})*起，同比(?:下降|上升)\d+\.\d%，执行到位金额\d+\.\d\d亿元，"
            r"调解成功率\d+\.\d%，抓获[零一二三四五六七八九十百千]+名，12345热线",
            text,
        ), text


def test_years_follow_the_conference():
    ctx = corpus.Context(random.Random(0), scale=1.0, year=2021, places={})
    assert (
        corpus.render(corpus.compile_template("2024年，较2019年，净网2025"), ctx)
        == "2020年，较2015年，净网2021"
    )


def test_query_mix():
    mix = corpus.query_mix(SEED)
    queries = [query for _, query in mix]
    assert len(queries) == 200 and len(set(queries)) == 200
    assert corpus.query_mix(SEED) == mix
    kinds = {kind for kind, _ in mix}
    assert kinds == {"word", "words", "phrase", "filter", "traditional", "number", "no-match"}
    assert corpus.sample_queries(SEED) == queries
    text = "\n".join(data.decode("utf-8") for _, data in corpus.generate(20, SEED))
    for kind, query in mix:
        if kind == "number":
            assert query in text  # figures that really occur, in every corpus of 20 or more releases
        if kind == "traditional":
            assert corpus._converter("t2s").convert(query) != query


def test_command_line_writes_the_files(tmp_path, capsys, releases):
    assert corpus.main(["--releases", "3", "--out", str(tmp_path), "--seed", str(SEED)]) == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == ["r00000.txt", "r00001.txt", "r00002.txt"]
    assert [(tmp_path / name).read_bytes() for name, _ in releases[:3]] == [data for _, data in releases[:3]]
    assert "3 files" in capsys.readouterr().out
