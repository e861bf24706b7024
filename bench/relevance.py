"""Relevance benchmark: our search against a stock BM25 engine on the evaluation set, per query type.

    .venv/bin/python bench/relevance.py                      # Whoosh (and PostgreSQL if DATABASE_URL is one)
    DATABASE_URL=postgres://…/mydb .venv/bin/python bench/relevance.py      # both backends
    .venv/bin/python bench/relevance.py --set tune           # the tuning queries (default: held-out)

The evaluation set is bench/relevance_data (written by bench/relevance_corpus.py): releases of the genre
written by us and queries with their judged relevant releases, the held-out third in its own file. The
releases go through the one importer into a fresh database and are indexed by every backend asked for.
The baseline, in the same run, is rank-bm25's BM25Okapi over the same tokens (our analyzer: t2s + jieba,
search-mode sub-words) of each whole release, any query word matching: the engine a team would set up in
twenty lines. Printed: recall@10, MRR, the share of queries with a relevant release first, per query type and
overall, and query latency (median, p95) per engine. Nothing is asserted (tests/bench/test_relevance.py runs
a slice as a regression test).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.relevance_corpus import DATA_DIR, Query, read_queries  # noqa: E402
from bench.stats import percentile  # noqa: E402

TOP = 10


class Params(dict):
    def getlist(self, key):
        return []


@dataclass
class Scores:
    recall: list[float] = field(default_factory=list)
    reciprocal: list[float] = field(default_factory=list)
    first: list[float] = field(default_factory=list)
    times: list[float] = field(default_factory=list)
    tops: dict[str, list[str]] = field(default_factory=dict)  # query -> the engine's top ten

    def add(self, ranked: list[str], relevant: list[str], ms: float) -> None:
        top = ranked[:TOP]
        self.recall.append(len(set(top) & set(relevant)) / len(relevant))
        rank = next((i for i, key in enumerate(ranked) if key in relevant), None)
        self.reciprocal.append(0.0 if rank is None else 1 / (rank + 1))
        self.first.append(1.0 if ranked[:1] and ranked[0] in relevant else 0.0)
        self.times.append(ms)

    def row(self) -> tuple[float, float, float]:
        mean = statistics.fmean
        return mean(self.recall), mean(self.reciprocal), mean(self.first)


def evaluate(engine, queries: list[Query], misses: list | None = None) -> dict[str, Scores]:
    """Scores per query type (and "all") of `engine(text) -> ranked release keys`."""
    out: dict[str, Scores] = {"all": Scores()}
    for q in queries:
        started = time.perf_counter()
        ranked = engine(q.text)
        ms = (time.perf_counter() - started) * 1000
        if misses is not None and not (ranked[:1] and ranked[0] in q.relevant):
            misses.append((q.text, q.kind, q.relevant, ranked[:3]))
        for kind in ("all", q.kind):
            out.setdefault(kind, Scores()).add(ranked, q.relevant, ms)
        out["all"].tops[q.text] = ranked[:TOP]
    return out


def agreement(one: Scores, other: Scores, show: bool = False) -> str:
    """How often two engines give the same top results for the same queries (issue 10: the backends
    must agree): the same first release, the same first three in the same order, the same ten."""
    queries = [q for q in one.tops if q in other.tops]
    same = [(one.tops[q], other.tops[q]) for q in queries]
    first = sum(a[:1] == b[:1] for a, b in same)
    three = sum(a[:3] == b[:3] for a, b in same)
    ten = sum(set(a) == set(b) for a, b in same)
    n = len(same)
    if show:  # --misses: the queries whose first three differ, with each engine's first five
        for q in queries:
            if one.tops[q][:3] != other.tops[q][:3]:
                print("   ", q, one.tops[q][:5], other.tops[q][:5])
    return f"{first}/{n} same first, {three}/{n} same first three in order, {ten}/{n} same ten"


def our_engine(keys_by_id: dict[int, str]):
    from search import service

    def engine(text: str) -> list[str]:
        page = service.run(text, Params(), page=1, per_page=TOP)
        return [keys_by_id[r.release.pk] for r in page.results if r.release.pk in keys_by_id]

    return engine


def bm25_engine(keys_by_id: dict[int, str]):
    """rank-bm25 over our analyzer's tokens of each whole release (title and sections)."""
    from rank_bm25 import BM25Okapi

    from reports.models import Release
    from search.analysis import analyze

    keys, docs = [], []
    for release in Release.objects.prefetch_related("sections").order_by("pk"):
        if release.pk not in keys_by_id:
            continue
        text = "\n".join([release.title, *(s.text for s in release.sections.all())])
        keys.append(keys_by_id[release.pk])
        docs.append([t.term for t in analyze(text)])
    bm25 = BM25Okapi(docs)

    def engine(text: str) -> list[str]:
        words = [t.term for t in analyze(text, mode="query")]
        scores = bm25.get_scores(words)
        order = sorted(range(len(keys)), key=lambda i: -scores[i])
        return [keys[i] for i in order if scores[i] > 0][:TOP]

    return engine


def import_releases(release_dir: Path, only: set[str] | None = None) -> dict[int, str]:
    """Import the evaluation releases through the importer; {release id: file stem}."""
    from reports.importer import import_file

    keys: dict[int, str] = {}
    for path in sorted(release_dir.glob("*.txt")):
        if only is not None and path.stem not in only:
            continue
        outcome = import_file(path.read_bytes(), path.name)
        if outcome.release is None:
            raise SystemExit(f"{path.name}: {outcome.message}")
        keys[outcome.release.pk] = path.stem
    return keys


def table(results: dict[str, dict[str, Scores]], title: str) -> str:
    engines = list(results)
    kinds = ["all", *sorted(k for k in results[engines[0]] if k != "all")]
    head = "| query type | n | " + " | ".join(f"{e} R@10 / MRR / first" for e in engines) + " |"
    lines = [f"**{title}**", "", head, "|" + " --- |" * (2 + len(engines))]
    for kind in kinds:
        n = len(results[engines[0]][kind].first)
        cells = []
        for e in engines:
            recall, mrr, first = results[e][kind].row()
            cells.append(f"{recall:.2f} / {mrr:.2f} / {first:.2f}")
        lines.append(f"| {kind} | {n} | " + " | ".join(cells) + " |")
    lines.append(
        "| latency median / p95 (ms) | | "
        + " | ".join(
            f"{statistics.median(results[e]['all'].times):.1f} / {percentile(results[e]['all'].times, 95):.1f}"
            for e in engines
        )
        + " |"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("heldout", "tune", "both"), default="both")
    parser.add_argument(
        "--misses",
        action="store_true",
        help="list the queries each engine got wrong, and where the backends disagree",
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", ""),
        help="a PostgreSQL database of your own to run both backends in (default: $DATABASE_URL; "
        "without one, SQLite in a temporary directory and Whoosh only). Its releases table gains the "
        "evaluation releases; rerunning finds them as duplicates.",
    )
    args = parser.parse_args(argv)

    from bench.search import setup_environment, use_backend

    on_postgres = args.database_url.startswith("postgres")
    env_args = argparse.Namespace(keep=None, backend="whoosh", reuse=None, pg_admin_url="")
    os.environ.pop("DATABASE_URL", None)
    setup_environment(env_args)
    if on_postgres:
        os.environ["DATABASE_URL"] = args.database_url
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from reports import outbox

    with outbox.deferred():
        keys = import_releases(DATA_DIR / "releases")
    backends = ["whoosh", "postgres"] if on_postgres else ["whoosh"]
    sets = {"heldout": ["queries_heldout.tsv"], "tune": ["queries_tune.tsv"]}
    chosen = ["heldout", "tune"] if args.set == "both" else [args.set]
    results_by_set: dict[str, dict[str, dict[str, Scores]]] = {name: {} for name in chosen}
    for backend in backends:
        use_backend(backend)
        call_command("rebuild_index", verbosity=0)
        engine = our_engine(keys)
        engine("法院")  # warm up: jieba's dictionary, the index's tables
        for name in chosen:
            queries = [q for f in sets[name] for q in read_queries(DATA_DIR / f)]
            misses: list = []
            results_by_set[name][backend] = evaluate(engine, queries, misses)
            if args.misses:
                for miss in misses:
                    print(f"  {backend} {name} miss: {miss}")
        if backend == "whoosh":  # the same engine with the strict strategy: what relaxed matching adds
            from search import matching

            matching.MATCHING_STRATEGY = "all"
            for name in chosen:
                queries = [q for f in sets[name] for q in read_queries(DATA_DIR / f)]
                results_by_set[name]["whoosh-all-words"] = evaluate(engine, queries)
            matching.MATCHING_STRATEGY = "most"
    baseline = bm25_engine(keys)
    for name in chosen:
        queries = [q for f in sets[name] for q in read_queries(DATA_DIR / f)]
        results_by_set[name]["bm25"] = evaluate(baseline, queries)
        n = len(queries)
        print()
        print(table(results_by_set[name], f"{name} queries ({n}) over {len(keys)} releases"))
        if on_postgres:
            found = results_by_set[name]
            print(
                f"\nWhoosh and PostgreSQL agree: {agreement(found['whoosh']['all'], found['postgres']['all'], args.misses)}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
