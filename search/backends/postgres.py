"""The PostgreSQL backend: for deployments where several web hosts share one database.

Tables (created by search/migrations/0003 on PostgreSQL only): search_pg_section holds each section's
tsvector (GIN-indexed) and agency; search_pg_release holds each release's filterable facts. The same
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

from search import filters
from search.analysis import Seq, seq_pairs
from search.backends.pg_text import lexeme, pairs_tsquery, section_vectors, seq_tsquery, words_tsquery
from search.documents import SectionDoc
from search.request import BackendResult, Hit, IndexUnavailable, SearchRequest, excluded_seqs, positive_seqs
from search.synonyms import AllOf, AnyOf, Exclude

LOCK_KEY = zlib.crc32(b"archive-search-writer")
SECTION_COLUMNS = "(section_id, release_id, agency, tsv, pairs, rank, version)"
VERIFY_LIMIT = 300  # a longer phrase with at most this many candidate sections is checked with positions
# Above this many matching releases, facets and ranking read the carrying sections once through the GIN
# index (a materialised CTE) and join them to the releases by hash; below it, they start from the
# releases' sections. Starting from 10,000 releases' sections made PostgreSQL test a common word on every
# row, decompressing every large tsvector, and `release_id = ANY(10,000 ids)` compared each row to each
# id: a second per query where the carrier-first plan takes a tenth of it.
MANY_RELEASES = 500


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
        if not release_ids or not nodes:
            return [set() for _ in nodes]
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
                search = _Search(request)
                out = []
                for node in nodes:
                    found = search.release_set(node, cursor)
                    if found is None:
                        out.append(set(release_ids))
                        continue
                    cursor.execute(
                        f"SELECT DISTINCT release_id FROM ({found[0]}) f WHERE release_id = ANY(%s)",
                        [*found[1], list(release_ids)],
                    )
                    out.append({row[0] for row in cursor.fetchall()})
                return out
        except DatabaseError as exc:
            raise IndexUnavailable(f"the PostgreSQL search tables cannot be read ({exc})") from exc

    def search(self, request: SearchRequest) -> BackendResult:
        try:
            with transaction.atomic():  # one snapshot for count, facets and page
                with connection.cursor() as cursor:
                    # The planner prices a sequential scan of a word in half the sections as cheap; it is
                    # not: every row's large tsvector would be fetched and decompressed. The GIN index
                    # answers words and word pairs without touching the rows.
                    cursor.execute("SET LOCAL enable_seqscan = off")
                    # The planner's cost estimates for facet and ranking queries over thousands of
                    # releases pass jit_above_cost, and compiling them with LLVM took 0.8 to 2.5 s of a
                    # query that runs in 0.1 s: the greater part of every slow search.
                    cursor.execute("SET LOCAL jit = off")
                return _Search(request).run()
        except DatabaseError as exc:
            # The database's message names tables and quotes SQL: the log has it, the public never sees it.
            logging.getLogger(__name__).error("PostgreSQL search failed: %s", exc)
            raise IndexUnavailable(
                "the PostgreSQL search tables cannot be read; run `manage.py check_index`"
            ) from exc


def _batched(items, size):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class _Search:
    def __init__(self, request: SearchRequest):
        self.request = request
        self.seqs = positive_seqs(request.node)
        self.excluded_seqs = excluded_seqs(request.node)
        self.counts: dict[Seq, int] = {}

    def seq_condition(self, seq: Seq, cursor=None) -> tuple[str, list]:
        """SQL true for the sections holding `seq`, answered from the GIN indexes where possible."""
        if len(seq.terms) == 1:
            return "s.tsv @@ %s::tsquery", [seq_tsquery(seq)]
        pairs, complete = seq_pairs(seq)
        if not pairs:  # a gap or single characters only: positions decide (the rows are rechecked)
            return "s.tsv @@ %s::tsquery", [seq_tsquery(seq)]
        sql, params = "s.pairs @@ %s::tsquery", [pairs_tsquery(pairs)]
        if not complete:
            sql += " AND s.tsv @@ %s::tsquery"
            params.append(seq_tsquery(seq))
        elif (
            len(pairs) > 1 and cursor is not None and self.pair_count(cursor, params[0], seq) <= VERIFY_LIMIT
        ):
            # Few candidates: check the words really stand in a row (three or more words can hold every
            # pair without forming the phrase).
            sql += " AND s.tsv @@ %s::tsquery"
            params.append(seq_tsquery(seq))
        return sql, params

    def pair_count(self, cursor, query: str, seq: Seq) -> int:
        if seq not in self.counts:
            cursor.execute("SELECT count(*) FROM search_pg_section s WHERE s.pairs @@ %s::tsquery", [query])
            self.counts[seq] = cursor.fetchone()[0]
        return self.counts[seq]

    def any_condition(self, seqs, cursor) -> tuple[str, list] | None:
        parts = [self.seq_condition(seq, cursor) for seq in seqs]
        if not parts:
            return None
        return "(" + " OR ".join(f"({sql})" for sql, _ in parts) + ")", [p for _, ps in parts for p in ps]

    def section_ok(self, cursor) -> tuple[str, list]:
        """Sections in play: the right agency, no excluded word."""
        sql, params = ["TRUE"], []
        if self.request.agencies:
            sql.append("s.agency = ANY(%s)")
            params.append(self.request.agencies)
        excluded = self.any_condition(self.excluded_seqs, cursor)
        if excluded:
            sql.append(f"NOT {excluded[0]}")
            params.extend(excluded[1])
        return " AND ".join(sql), params

    def release_set(self, node, cursor) -> tuple[str, list] | None:
        """SQL selecting the release ids that satisfy `node` (None: every release)."""
        if node is None or isinstance(node, Exclude):
            return None
        if isinstance(node, Seq):
            condition, params = self.seq_condition(node, cursor)
            ok, ok_params = self.section_ok(cursor)
            return f"SELECT s.release_id FROM search_pg_section s WHERE {condition} AND {ok}", [
                *params,
                *ok_params,
            ]
        parts = [p for p in (self.release_set(c, cursor) for c in node.children) if p is not None]
        if not parts:
            return None
        glue = " UNION " if isinstance(node, AnyOf) else " INTERSECT "
        return glue.join(f"({sql})" for sql, _ in parts), [x for _, params in parts for x in params]

    def release_filters(self) -> tuple[str, list]:
        r = self.request
        sql, params = ["TRUE"], []
        for name, values in r.filters.items():
            if values:  # any of the values: arrays overlap, answered by the GIN index on facets
                sql.append("r.facets && %s::text[]")
                params.append([filters.term(name, v) for v in values])
        if r.date_from:
            sql.append("r.date >= %s")
            params.append(r.date_from)
        if r.date_to:
            sql.append("r.date <= %s")
            params.append(r.date_to)
        return " AND ".join(sql), params

    def carrier(self, cursor) -> tuple[str, list]:
        """Sections that carry a match: in play, and holding a searched word when there are words."""
        ok, params = self.section_ok(cursor)
        found = self.any_condition(self.seqs, cursor)
        if found:
            return f"{found[0]} AND {ok}", [*found[1], *params]
        return ok, params

    def run(self) -> BackendResult:
        with connection.cursor() as cursor:
            matched = self.matched(cursor)
            facets = self.facets(cursor, matched)
            hits, sections = self.page(cursor, matched)
        return BackendResult(len(matched), hits, facets, sections)

    def matched(self, cursor) -> list[int]:
        filters, params = self.release_filters()
        sql = f"SELECT r.release_id FROM search_pg_release r WHERE {filters}"
        found = self.release_set(self.request.node, cursor)
        if found is not None:
            # Materialised, so the sections are found through the GIN indexes on their own; joined, the
            # planner walked every section by release and tested the word on each decompressed tsvector.
            sql = f"WITH f AS MATERIALIZED ({found[0]}) {sql} AND r.release_id IN (SELECT release_id FROM f)"
            params = [*found[1], *params]
        elif self.request.agencies or self.excluded_seqs:
            ok, ok_params = self.section_ok(cursor)
            sql += (
                f" AND EXISTS (SELECT 1 FROM search_pg_section s WHERE s.release_id = r.release_id AND {ok})"
            )
            params += ok_params
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]

    def facets(self, cursor, matched: list[int]) -> dict[str, dict[str, int]]:
        facets = {name: {} for name in filters.FACETS}
        if not matched:
            return facets
        carrier, params = self.carrier(cursor)
        if len(matched) > MANY_RELEASES:
            sections = (
                f"c AS MATERIALIZED (SELECT s.release_id, s.agency FROM search_pg_section s WHERE {carrier})"
            )
            agency = (
                "SELECT 'agency', c.agency, count(DISTINCT c.release_id) FROM c JOIN m USING (release_id)"
            )
        else:
            sections = f"""c AS (SELECT s.release_id, s.agency FROM search_pg_section s JOIN m USING (release_id)
                             WHERE {carrier})"""
            agency = "SELECT 'agency', c.agency, count(DISTINCT c.release_id) FROM c"
        cursor.execute(
            f"""
            WITH m AS (SELECT unnest(%s::bigint[]) AS release_id),
                 r AS (SELECT r.* FROM search_pg_release r JOIN m USING (release_id)),
                 {sections}
            SELECT split_part(f, '=', 1), substr(f, strpos(f, '=') + 1), count(*)
                FROM r, unnest(r.facets) f GROUP BY f
            UNION ALL {agency} GROUP BY c.agency
            """,
            [matched, *params],
        )
        for name, value, count in cursor.fetchall():
            facets.setdefault(name, {})[value] = count
        return facets

    def best_sql(self, cursor, releases: list[int]) -> tuple[str, list]:
        """SQL giving each of `releases` its best carrying section: (release_id, section_id, score)."""
        carrier, params = self.carrier(cursor)
        score, score_params = self.score_sql()
        if len(releases) > MANY_RELEASES:
            return (
                f"""WITH m AS (SELECT unnest(%s::bigint[]) AS release_id),
                    c AS MATERIALIZED (SELECT s.release_id, s.section_id, {score} AS score
                                       FROM search_pg_section s WHERE {carrier})
                SELECT DISTINCT ON (c.release_id) c.release_id, c.section_id, c.score
                FROM c JOIN m USING (release_id) ORDER BY c.release_id, c.score DESC, c.section_id""",
                [releases, *score_params, *params],
            )
        return (
            f"""SELECT DISTINCT ON (s.release_id) s.release_id, s.section_id, {score} AS score
                FROM search_pg_section s WHERE s.release_id = ANY(%s) AND {carrier}
                ORDER BY s.release_id, score DESC, s.section_id""",
            [*score_params, releases, *params],
        )

    def page(self, cursor, matched: list[int]):
        r = self.request
        offset, limit = (r.page - 1) * r.per_page, r.per_page
        carrier, params = self.carrier(cursor)
        if r.sort == "relevance" and self.seqs:
            best, best_params = self.best_sql(cursor, matched)
            cursor.execute(
                f"SELECT release_id, section_id, score FROM ({best}) b "
                "ORDER BY score DESC, release_id DESC LIMIT %s OFFSET %s",
                [*best_params, limit, offset],
            )
            rows = cursor.fetchall()
            page_ids = [row[0] for row in rows]
        else:
            order = "DESC" if r.sort != "oldest" else "ASC"
            nulls = "LAST" if order == "DESC" else "FIRST"
            cursor.execute(
                f"SELECT release_id FROM search_pg_release WHERE release_id = ANY(%s) "
                f"ORDER BY date {order} NULLS {nulls}, release_id {order} LIMIT %s OFFSET %s",
                [matched, limit, offset],
            )
            page_ids = [row[0] for row in cursor.fetchall()]
            cursor.execute(*self.best_sql(cursor, page_ids))
            by_release = {rid: (rid, sid, 0.0) for rid, sid, _ in cursor.fetchall()}
            rows = [by_release.get(rid) or (rid, self.first_section(cursor, rid), 0.0) for rid in page_ids]
        cursor.execute(
            f"SELECT s.release_id, s.section_id FROM search_pg_section s WHERE s.release_id = ANY(%s) AND {carrier}",
            [page_ids, *params],
        )
        sections: dict[int, list[int]] = {}
        for rid, sid in cursor.fetchall():
            sections.setdefault(rid, []).append(sid)
        hits = [Hit(rid, sid, float(score)) for rid, sid, score in rows]
        return hits, {rid: sorted(ids) for rid, ids in sections.items()}

    def first_section(self, cursor, release_id: int) -> int:
        cursor.execute("SELECT min(section_id) FROM search_pg_section WHERE release_id = %s", [release_id])
        return cursor.fetchone()[0]

    def score_sql(self) -> tuple[str, list]:
        """ts_rank on the small ranking vector; sections holding all the words there score three times."""
        words = words_tsquery(self.seqs)
        if words is None:
            return "0.0", []
        every = all_words_tsquery(self.request.node)
        if every and "&" in every:
            return "ts_rank(s.rank, %s::tsquery) * (1 + 2 * (s.rank @@ %s::tsquery)::int)", [words, every]
        return "ts_rank(s.rank, %s::tsquery)", [words]


def all_words_tsquery(node) -> str | None:
    """What the query asks for, as words only (a phrase's words all present): the ranking bonus test."""
    if isinstance(node, Seq):
        return "(" + " & ".join(lexeme(t) for t in node.terms) + ")"
    if isinstance(node, (AnyOf, AllOf)):
        parts = [q for q in map(all_words_tsquery, node.children) if q]
        glue = " | " if isinstance(node, AnyOf) else " & "
        return "(" + glue.join(parts) + ")" if parts else None
    return None
