"""A slice of the relevance evaluation set (bench/relevance_data), so that a change that loses relevance
fails CI: the first twelve releases and the tuning queries judged against them, on every backend.

The full run, with the held-out queries and the BM25 baseline, is bench/relevance.py (figures in README).
"""

import pytest

from bench.relevance import Scores, evaluate
from bench.relevance_corpus import DATA_DIR, read_queries
from tests.conftest import import_paths

pytestmark = pytest.mark.django_db

SLICE = {f"e{i:03d}" for i in range(12)}


class Params(dict):
    def getlist(self, key):
        return []


def test_relevance_on_a_slice_of_the_evaluation_set(search_backend):
    from search import service

    paths = [DATA_DIR / "releases" / f"{key}.txt" for key in sorted(SLICE)]
    outcomes = import_paths(paths)
    keys = {o.release.pk: o.filename.removesuffix(".txt") for o in outcomes}
    queries = [q for q in read_queries(DATA_DIR / "queries_tune.tsv") if set(q.relevant) <= SLICE]
    assert len(queries) >= 25
    kinds = {q.kind for q in queries}
    assert {"abbreviation", "number", "extra_word", "mixed_script"} <= kinds

    def engine(text):
        page = service.run(text, Params(), per_page=10)
        return [keys[r.release.pk] for r in page.results]

    scores: dict[str, Scores] = evaluate(engine, queries)
    recall, mrr, first = scores["all"].row()
    assert recall == 1.0 and first >= 0.95, {k: v.row() for k, v in scores.items()}
