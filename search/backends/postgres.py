"""The PostgreSQL backend: for deployments where several web hosts share one database.

Tables (created by search/migrations on PostgreSQL only): search_pg_section holds each section's
tsvector (GIN-indexed) and agency; search_pg_release holds each release's filterable facts; search_pg_facet
holds each filter value's releases as a sorted int4[], which searches intersect to count facets. The same
request semantics as the Whoosh backend (search.request): releases match on their sections together,
exclusions and agency filter per section, ranking per section, one hit per release.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import time
import zlib
from collections.abc import Iterable

from django.db import DatabaseError, connection, transaction

from search.backends.pg_query import Statement, release_sets_sql
from search.backends.pg_text import section_vectors
from search.documents import SectionDoc
from search.request import BackendResult, IndexUnavailable, SearchRequest

LOCK_KEY = zlib.crc32(b"archive-search-writer")
# Planner settings for the search statement, sent with it in one round trip. The planner prices a sequential
# scan of a word in half the sections as cheap; it is not: every row's large tsvector would be fetched and
# decompressed, where the GIN index answers words and word pairs without touching the rows. And its cost
# estimates for facets and ranking over thousands of releases pass jit_above_cost: compiling them with LLVM
# took 0.8 to 2.5 s of a query that runs in 0.1 s. And work_mem sized for the bitmap of a common word's
# sections: under 4 MB (the server default) the bitmap of 电诈's 266,870 sections at 100,000 releases turned
# a third of its heap pages lossy, and every row of those pages was re-tested against its decompressed
# positions vector (1.6 million buffers, 9.2 s); with 16 MB or more the bitmap stays exact and the same
# statement took 3.6 s, with 32 MB also without temporary files (EXPLAIN ANALYZE). Per statement, not for
# the server: only the search asks for it.
SESSION = "SET LOCAL enable_seqscan = off; SET LOCAL jit = off; SET LOCAL work_mem = '32MB'"
SECTION_COLUMNS = "(section_id, release_id, agency, tsv, pairs, rank, version)"


def _rows(doc: SectionDoc):
    full, pairs, rank = section_vectors(doc)
    section = (doc.section_id, doc.release_id, doc.agency, full, pairs, rank, doc.version)
    release = (doc.release_id, doc.date, doc.facts.terms())
    return section, release


def _rows_batch(docs: list[SectionDoc]):
    return [_rows(doc) for doc in docs]


class PostgresBackend:
    name = "postgres"

    # --- writing -------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def write_lock(self, timeout: float):
        """A session advisory lock: one writer across every web host and command."""
        deadline = time.monotonic() + timeout
        acquired = False
        with connection.cursor() as cursor:
            while True:
                cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY])
                acquired = cursor.fetchone()[0]
                if acquired or time.monotonic() >= deadline:
                    break
                time.sleep(0.05)
        try:
            yield acquired
        finally:
            if acquired:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])

    def write(self, docs: list[SectionDoc], remove: set[int]) -> None:
        rows = _rows_batch(docs)
        with transaction.atomic(), connection.cursor() as cursor:
            ids = sorted(remove | {doc.release_id for doc in docs})
            cursor.execute("DELETE FROM search_pg_section WHERE release_id = ANY(%s)", [ids])
            cursor.execute("DELETE FROM search_pg_release WHERE release_id = ANY(%s)", [ids])
            self._insert(cursor, rows)
            refresh_facet_sets(cursor, ids)

    def _insert(self, cursor, rows, seen: set[int] | None = None) -> None:
        """COPY sections and their releases in; `seen` carries release ids already written by earlier
        batches of the same transaction (a release's sections can straddle two batches)."""
        seen = set() if seen is None else seen
        releases = {}
        with cursor.copy(f"COPY search_pg_section {SECTION_COLUMNS} FROM STDIN") as copy:
            for section, release in rows:
                copy.write_row(section)
                if release[0] not in seen:
                    releases[release[0]] = release
        seen.update(releases)
        with cursor.copy("COPY search_pg_release (release_id, date, facets) FROM STDIN") as copy:
            for release in releases.values():
                copy.write_row(release)

    def rebuild_disk(self) -> None:
        """No disk of ours: the rows go to the database, which manages its own space."""
        return None

    def rebuild(self, docs: Iterable[SectionDoc], procs: int = 1) -> int:
        """Replace everything in one transaction: readers keep the old rows until it commits."""
        count = 0
        seen: set[int] = set()
        batches = _batched(docs, 100)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_pg_section")
            cursor.execute("DELETE FROM search_pg_release")
            if procs > 1:
                # Analysis (jieba) is the cost: spread it over processes; this one only copies rows in.
                # Forked workers never touch the inherited database connection and leave through os._exit,
                # so the connection this transaction runs on stays intact.
                context = multiprocessing.get_context("fork")
                # The pool feeds workers from a thread, and a thread gets its own database connection:
                # read the documents here, in this transaction, and hand the pool plain lists.
                with context.Pool(procs) as pool:
                    for chunk in _batched(batches, procs * 8):
                        for rows in pool.imap(_rows_batch, chunk):
                            self._insert(cursor, rows, seen)
                            count += len(rows)
            else:
                for batch in batches:
                    rows = _rows_batch(batch)
                    self._insert(cursor, rows, seen)
                    count += len(rows)
            refresh_facet_sets(cursor, None)
            # Fresh statistics, or the planner guesses from an empty table.
            cursor.execute("ANALYZE search_pg_section")
            cursor.execute("ANALYZE search_pg_release")
        return count

    # --- reading -------------------------------------------------------------------------------------

    def status(self) -> dict:
        try:
            # A savepoint, so a missing table does not poison the caller's transaction.
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM search_pg_section")
                return {"ok": True, "backend": self.name, "sections": cursor.fetchone()[0]}
        except DatabaseError as exc:
            return {"ok": False, "backend": self.name, "error": f"search tables unavailable: {exc}"}

    def indexed_versions(self) -> dict[int, tuple[str, int]]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT release_id, max(version), count(*) FROM search_pg_section GROUP BY release_id"
            )
            return {rid: (version, n) for rid, version, n in cursor.fetchall()}

    def release_sets(self, request: SearchRequest, nodes, release_ids) -> list[set[int]]:
        """Which of `release_ids` each query node matches (search.matching asks, search.ranking uses)."""
        sql, params, asked = release_sets_sql(request, nodes, release_ids)
        # A node that restricts nothing (an exclusion on its own) matches every release.
        out = [set() if i in asked else set(release_ids) for i in range(len(nodes))]
        if not asked or not release_ids:
            return out
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(SESSION)
                cursor.execute(sql, params)
                for i, release_id in cursor.fetchall():
                    out[i].add(release_id)
        except DatabaseError as exc:
            raise IndexUnavailable(f"the PostgreSQL search tables cannot be read ({exc})") from exc
        return out

    def search(self, request: SearchRequest) -> BackendResult:
        statement = Statement(request)
        try:
            with transaction.atomic(), connection.cursor() as cursor:  # one snapshot, one statement
                cursor.execute(SESSION)
                cursor.execute(*statement.sql())
                return statement.result(cursor.fetchall())
        except DatabaseError as exc:
            # The database's message names tables and quotes SQL: the log has it, the public never sees it.
            logging.getLogger(__name__).error("PostgreSQL search failed: %s", exc)
            raise IndexUnavailable(
                "the PostgreSQL search tables cannot be read; run `manage.py check_index`"
            ) from exc


def refresh_facet_sets(cursor, ids: list[int] | None) -> None:
    """Bring search_pg_facet (each filter value's releases, a sorted int4[]) in line with search_pg_release
    for the releases `ids` (None: all), in the writer's transaction: searches count facets from it
    (pg_query). The releases leave every set holding them, then join the sets of their current values."""
    if ids is None:
        cursor.execute("DELETE FROM search_pg_facet")
        where, params = "TRUE", []
    else:
        if not ids:
            return
        cursor.execute(
            "UPDATE search_pg_facet SET releases = releases - %s::int4[] WHERE releases && %s::int4[]",
            [ids, ids],
        )
        where, params = "release_id = ANY(%s)", [ids]
    cursor.execute(
        f"""INSERT INTO search_pg_facet AS f (value, releases)
            SELECT v, sort(array_agg(release_id::int4)) FROM search_pg_release, unnest(facets) v
            WHERE {where} GROUP BY v
            ON CONFLICT (value) DO UPDATE SET releases = uniq(sort(f.releases + EXCLUDED.releases))""",
        params,
    )
    cursor.execute("DELETE FROM search_pg_facet WHERE releases = '{}'")


def _batched(items, size):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
