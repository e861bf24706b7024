"""Would the RUM index (Debian's postgresql-15-rum) pay for the PostgreSQL backend? Measured, not assumed.

    .venv/bin/python bench/pg_rum.py --database archive_bench100k [--runs 5]

Needs a database whose search tables `bench/search.py --reuse DB --backend postgres` filled, and the rum
extension installed on the server (`apt-get install postgresql-15-rum`; the project does not install it,
because of what this prints). Everything happens in one transaction that is rolled back: the RUM index is
built, used and dropped with it, the database is left as it was.

RUM keeps positions and ranking information in the index, so `ORDER BY tsv <=> query LIMIT k` returns the
best sections without reading and ranking every matching row. Printed per kind of query word (rare,
common): median and p95 over the runs of
  - gin:  our ranking as the backend runs it: every matching section found through the GIN index, scored
          with ts_rank on its small ranking vector, the top 100 kept;
  - rum:  the top 100 in RUM's own order, straight from the index;
  - gin count / rum count: what a search also needs whatever the ranking (the total, the facets):
          every match, counted through each index;
and the RUM index's build time and size beside the GIN index's size.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.stats import percentile  # noqa: E402  (after the path is set)


def timed(cursor, sql, params, runs):
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        cursor.execute(sql, params)
        cursor.fetchall()
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", required=True)
    parser.add_argument("--url", default="postgres://postgres@127.0.0.1:5432/")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    import psycopg

    # The backend's own quoting of a lexeme (search.backends.pg_text needs Django's settings to import).
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret-" + "x" * 40)
    import django

    django.setup()
    from search.backends.pg_text import lexeme

    with psycopg.connect(args.url + args.database) as conn, conn.cursor() as cur:
        cur.execute("SET jit = off")
        try:
            cur.execute("SELECT count(*) FROM search_pg_section")
            sections = cur.fetchone()[0]
        except psycopg.errors.UndefinedTable:
            sections = 0
        if not sections:
            raise SystemExit(
                f"{args.database}: the search tables are empty; run bench/search.py --reuse first"
            )
        # Query words by how many sections hold them, read from the index itself (ts_stat over a sample).
        cur.execute(
            "SELECT word, ndoc FROM ts_stat('SELECT tsv FROM search_pg_section TABLESAMPLE SYSTEM (5)') "
            "WHERE length(word) >= 2 AND word !~ '^q[ny]' ORDER BY ndoc DESC"
        )
        stats = cur.fetchall()
        common = [w for w, _ in stats[:20]]
        rare = [w for w, n in stats if n <= 3][:20]
        print(f"{args.database}: {sections:,} sections; {len(common)} common words, {len(rare)} rare words")
        cur.execute("SELECT pg_size_pretty(pg_relation_size('search_pg_section_tsv'))")
        gin_size = cur.fetchone()[0]
        gin = (
            "SELECT section_id FROM (SELECT section_id, ts_rank(rank, %s::tsquery) AS score "
            "FROM search_pg_section WHERE tsv @@ %s::tsquery) s ORDER BY score DESC LIMIT 100"
        )
        rum = "SELECT section_id FROM search_pg_section WHERE tsv @@ %s::tsquery ORDER BY tsv <=> %s::tsquery LIMIT 100"
        count = "SELECT count(*) FROM search_pg_section WHERE tsv @@ %s::tsquery"
        kinds = {"rare": [lexeme(w) for w in rare], "common": [lexeme(w) for w in common]}
        figures = {kind: {"gin": [], "gin count": [], "rum": [], "rum count": []} for kind in kinds}
        cur.execute("SET enable_seqscan = off")
        for kind, queries in kinds.items():  # the backend's plan: GIN bitmap scans
            for query in queries:
                figures[kind]["gin"] += timed(cur, gin, [query, query], args.runs)
                figures[kind]["gin count"] += timed(cur, count, [query], args.runs)
        try:
            cur.execute("CREATE EXTENSION IF NOT EXISTS rum")
        except psycopg.Error as exc:
            raise SystemExit(f"the rum extension is not installed on this server: {exc}") from None
        start = time.perf_counter()
        cur.execute("CREATE INDEX bench_rum ON search_pg_section USING rum (tsv rum_tsvector_ops)")
        built = time.perf_counter() - start
        cur.execute("SELECT pg_size_pretty(pg_relation_size('bench_rum'))")
        rum_size = cur.fetchone()[0]
        # Only RUM can answer now: the GIN index is dropped inside this transaction (restored by the rollback;
        # the table is locked meanwhile, so run this on a benchmark database).
        cur.execute("DROP INDEX search_pg_section_tsv")
        print(f"RUM index built in {built:.1f} s, {rum_size} (the GIN index on the same vectors: {gin_size})")
        for kind, queries in kinds.items():
            for query in queries:
                figures[kind]["rum"] += timed(cur, rum, [query, query], args.runs)
                figures[kind]["rum count"] += timed(cur, count, [query], args.runs)
        for kind, by_plan in figures.items():
            base = statistics.median(by_plan["gin"])
            for name, values in by_plan.items():
                median = statistics.median(values)
                print(
                    f"  {kind:6} {name:9}  median {median:7.1f} ms  p95 {percentile(values, 95):7.1f} ms"
                    f"  ({median / base:.2f} x gin)"
                )
        conn.rollback()


if __name__ == "__main__":
    main()
