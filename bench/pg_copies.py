"""A PostgreSQL benchmark database of N × the releases of another, by copying rows with new ids.

    .venv/bin/python bench/pg_copies.py --source archive_bench10k --target archive_bench100r --copies 10

Loading and indexing 100,000 generated releases takes about three hours on a 2-core machine (the load,
then the rebuild); copying the 10,000-release database's rows nine more times takes about 15 minutes. The
copies repeat the texts, so every word matches ten times the sections, which is what a search's cost
follows, and a rebuild analyses every copy again (jieba keeps no cache of texts), so it costs what a
real corpus of these texts would; only the GIN indexes see fewer distinct words. Copied:
releases, sections and their topics, and the PostgreSQL search tables; not the figures (number queries
then highlight no figure in the copies) or the original files. The target is dropped first; run
`manage.py migrate` on it after, if the source predates a migration.
"""

from __future__ import annotations

import argparse
import subprocess
import time

import psycopg


def run(cur, sql: str) -> None:
    started = time.perf_counter()
    cur.execute(sql)
    print(f"{time.perf_counter() - started:7.1f}s  {sql[:100]}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", required=True)
    parser.add_argument("--target", required=True)
    parser.add_argument("--copies", type=int, default=10, help="releases of the target / of the source")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--user", default="postgres")
    args = parser.parse_args()
    server = ["-h", args.host, "-U", args.user]
    subprocess.run(["dropdb", *server, "--if-exists", args.target], check=True)
    subprocess.run(["createdb", *server, "-T", args.source, args.target], check=True)
    with psycopg.connect(f"postgresql://{args.user}@{args.host}/{args.target}", autocommit=True) as con:
        cur = con.cursor()
        top = {}
        for table in (
            "reports_release",
            "reports_section",
            "reports_release_topics",
            "reports_section_topics",
        ):
            cur.execute(f"SELECT max(id) FROM {table}")
            top[table] = cur.fetchone()[0]
        R, S = top["reports_release"], top["reports_section"]
        K = f"generate_series(1, {args.copies - 1}) k"
        run(cur, "SET maintenance_work_mem = '1GB'")
        # The GIN indexes are built once at the end: maintaining them row by row costs far more.
        for index in ("search_pg_section_tsv", "search_pg_section_pairs", "search_pg_release_facets"):
            run(cur, f"DROP INDEX {index}")
        cur.execute(
            "SELECT string_agg(quote_ident(column_name), ',' ORDER BY ordinal_position) "
            "FROM information_schema.columns WHERE table_name = 'reports_release'"
        )
        columns = cur.fetchone()[0].split(",")
        values = [
            f"id + k * {R}"
            if c == "id"
            else "encode(sha256(convert_to(sha256 || k::text, 'UTF8')), 'hex')"  # unique per copy
            if c == "sha256"
            else c
            for c in columns
        ]
        run(
            cur,
            f"INSERT INTO reports_release ({','.join(columns)}) SELECT {','.join(values)} FROM reports_release, {K} WHERE id <= {R}",
        )
        RT, ST = top["reports_release_topics"], top["reports_section_topics"]
        run(
            cur,
            f"INSERT INTO reports_release_topics (id, release_id, topic_id) SELECT id + k * {RT}, release_id + k * {R}, topic_id FROM reports_release_topics, {K} WHERE id <= {RT}",
        )
        run(
            cur,
            f'INSERT INTO reports_section (id, "order", heading, agency, agency_name, text, edited, release_id) SELECT id + k * {S}, "order", heading, agency, agency_name, text, edited, release_id + k * {R} FROM reports_section, {K} WHERE id <= {S}',
        )
        run(
            cur,
            f"INSERT INTO reports_section_topics (id, section_id, topic_id) SELECT id + k * {ST}, section_id + k * {S}, topic_id FROM reports_section_topics, {K} WHERE id <= {ST}",
        )
        run(
            cur,
            f"INSERT INTO search_pg_release (release_id, date, facets) SELECT release_id + k * {R}, date, facets FROM search_pg_release, {K} WHERE release_id <= {R}",
        )
        for k in range(1, args.copies):
            run(
                cur,
                f"INSERT INTO search_pg_section (section_id, release_id, agency, tsv, version, pairs, rank) SELECT section_id + {k} * {S}, release_id + {k} * {R}, agency, tsv, version, pairs, rank FROM search_pg_section WHERE section_id <= {S}",
            )
        run(cur, "CREATE INDEX search_pg_section_tsv ON search_pg_section USING gin (tsv)")
        run(cur, "CREATE INDEX search_pg_section_pairs ON search_pg_section USING gin (pairs)")
        run(cur, "CREATE INDEX search_pg_release_facets ON search_pg_release USING gin (facets)")
        cur.execute("SELECT to_regclass('search_pg_facet')")
        if cur.fetchone()[0]:  # the per-value release sets (migration 0112), rebuilt from the copies
            run(cur, "DELETE FROM search_pg_facet")
            run(
                cur,
                "INSERT INTO search_pg_facet (value, releases) SELECT v, sort(array_agg(release_id::int4)) FROM search_pg_release, unnest(facets) v GROUP BY v",
            )
        for table in top:
            run(cur, f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        run(cur, "VACUUM ANALYZE")  # autovacuum may be off: fresh statistics and visibility maps
        cur.execute("SELECT count(*) FROM reports_release")
        print(f"{args.target}: {cur.fetchone()[0]:,} releases")


if __name__ == "__main__":
    main()
