"""The PostgreSQL backend's read side: a search request as ONE SQL statement.

Count, facets, the page and the page's matching sections come back from a single statement, so the database
sees the whole query at once and nothing travels back and forth: the former four-to-six statements shipped
every matching release id to Python and back (10,000 ids at 10,000 releases), which cost more than the
search itself (bench/search.py, PostgreSQL p95 at 10,000 releases: 0.93 s with four statements, 0.41 s
with one; see README, Benchmark results).

The statement's parts, as common table expressions:

    c0 sections that carry a match (hold a searched word, right agency, no excluded word), found through
       the GIN indexes and scored in the same pass (search.ranking.section_score in SQL)
    f  releases holding the query, when it is more than one word with its synonyms (for one, the
       releases of c0)
    m  those that pass the release filters (facets column, dates): the matched releases
    c  the carriers of matched releases
    b  each matched release's best carrying section and its score
    p  the page

Facets are counted by intersecting m's releases with each value's release set (search_pg_facet, intarray),
and the rows returned are tagged: ('total', …), ('facet', name=value, count), ('agency', agency, count),
('hit', release, section, position, score), ('section', release, section).
"""

from __future__ import annotations

from search import filters, ranking
from search.analysis import Seq, seq_pairs
from search.backends.pg_text import lexeme, pairs_tsquery, seq_tsquery, words_tsquery
from search.request import (
    VERIFY_LIMIT,
    BackendResult,
    Hit,
    SearchRequest,
    excluded_seqs,
    positive_seqs,
    scored_seqs,
)
from search.synonyms import AnyOf, Exclude

# ts_rank of a word said once in a section's body ('x:1' against 'x', default weights): what each searched
# word a section holds adds to its score on top of ts_rank over the ranking vector (pg_query.score_sql).
ONE_BODY_OCCURRENCE = 0.06079271


class Statement:
    """Builds the SQL for one request; parameters are collected in the order the placeholders appear."""

    def __init__(self, request: SearchRequest):
        self.request = request
        self.seqs = list(dict.fromkeys(positive_seqs(request.node)))  # each once: one index scan, one bit
        self.excluded_seqs = excluded_seqs(request.node)

    # --- conditions on a section row `s` -------------------------------------------------------------------

    def seq_condition(self, seq: Seq) -> tuple[str, list]:
        """SQL true for the sections holding `seq`, answered from the GIN indexes where possible."""
        plain = self.plain_lexeme(seq)
        if plain is not None:  # a word, or a phrase that is one indexed pair: one lexeme of one vector
            column, term = plain
            return f"s.{column} @@ %s::tsquery", [term]
        pairs, complete = seq_pairs(seq)
        if not pairs:  # a gap or single characters only: positions decide (the rows are rechecked)
            return "s.tsv @@ %s::tsquery", [seq_tsquery(seq)]
        pair_query = pairs_tsquery(pairs)
        if not complete:
            return "s.pairs @@ %s::tsquery AND s.tsv @@ %s::tsquery", [pair_query, seq_tsquery(seq)]
        # The capped count is an uncorrelated subquery: PostgreSQL runs it once (an InitPlan), and OR
        # evaluates left to right, so positions are read only when the candidates are few.
        verify = (
            "((SELECT count(*) FROM (SELECT 1 FROM search_pg_section v WHERE v.pairs @@ %s::tsquery "
            "LIMIT %s) few) > %s OR s.tsv @@ %s::tsquery)"
        )
        return (
            f"s.pairs @@ %s::tsquery AND {verify}",
            [pair_query, pair_query, VERIFY_LIMIT + 1, VERIFY_LIMIT, seq_tsquery(seq)],
        )

    @staticmethod
    def plain_lexeme(seq: Seq) -> tuple[str, str] | None:
        """("tsv" or "pairs", lexeme) when `seq` is one lexeme of one vector: a single word, or a phrase
        that is exactly one indexed word pair. The GIN index answers such a lexeme without rechecking any
        row, so several of them can share one index pass (`holding`)."""
        if len(seq.terms) == 1:
            return "tsv", lexeme(seq.terms[0])
        pairs, complete = seq_pairs(seq)
        if complete and len(pairs) == 1:
            return "pairs", lexeme(pairs[0])
        return None

    def any_condition(self, seqs) -> tuple[str, list] | None:
        parts = [self.seq_condition(seq) for seq in seqs]
        if not parts:
            return None
        return "(" + " OR ".join(f"({sql})" for sql, _ in parts) + ")", [p for _, ps in parts for p in ps]

    def section_ok(self) -> tuple[str, list]:
        """Sections in play: the right agency, no excluded word."""
        sql, params = ["TRUE"], []
        if self.request.agencies:
            sql.append("s.agency = ANY(%s)")
            params.append(self.request.agencies)
        excluded = self.any_condition(self.excluded_seqs)
        if excluded:
            sql.append(f"NOT {excluded[0]}")
            params.extend(excluded[1])
        return " AND ".join(sql), params

    def holding(self, bits: dict[Seq, int] | None) -> tuple[str, str, list]:
        """(FROM, WHERE, parameters) for the sections that hold a searched word.

        Several words are one index scan each, united, not one OR over the rows: the heap then re-tests
        every candidate against the whole OR, which reads and decompresses each section's large positions
        vector (a word with its synonyms at 10,000 releases: 1.1 million buffers and 0.7-1.8 s; united,
        130-200 ms). With `bits` each branch tags its rows with its word's bit, so the releases a query of
        several concepts needs come from these rows (`bits_test`) instead of a second pass over the
        same index lists."""
        parts = [self.seq_condition(seq) for seq in self.seqs]
        params = [p for _, ps in parts for p in ps]
        if len(parts) == 1:  # no OR to re-test; as a lone subquery the planner would join it row by row
            return "search_pg_section s", parts[0][0], parts[0][1]
        if bits is None:
            return self.holding_any()
        tagged = " UNION ALL ".join(
            f"SELECT s.section_id, {1 << bits[seq]}::bigint AS bits FROM search_pg_section s WHERE {cond}"
            for seq, (cond, _) in zip(self.seqs, parts, strict=True)
        )
        held = f"(SELECT section_id, bit_or(bits) AS bits FROM ({tagged}) t GROUP BY section_id) h"
        return f"search_pg_section s JOIN {held} USING (section_id)", "TRUE", params

    def holding_any(self) -> tuple[str, str, list]:
        """`holding` when any word will do (one concept with its synonyms): the plain lexemes in one index
        pass, `tsv @@ 'a' | 'b'` OR `pairs @@ 'x_y' | …`, which PostgreSQL answers with a BitmapOr and
        one visit of each row. A union of one scan per word visited a row once per word holding it, then
        joined the union back to the table for the ranking vector: 电诈 with its synonyms at 10,000
        releases, 189 ms → 67 ms (EXPLAIN ANALYZE, same tables). Words that need their positions (a phrase
        across a gap, or of several pairs) stay separate scans, for the reason in `holding`, and add only
        the sections the plain pass did not find."""
        plain: dict[str, list[str]] = {"tsv": [], "pairs": []}
        rest = []
        for seq in self.seqs:
            found = self.plain_lexeme(seq)
            if found is None:
                rest.append(seq)
            else:
                plain[found[0]].append(found[1])
        tests, params = [], []
        for column, lexemes in plain.items():
            if lexemes:
                tests.append(f"s.{column} @@ %s::tsquery")
                params.append(" | ".join(dict.fromkeys(lexemes)))
        condition = "(" + " OR ".join(tests) + ")" if tests else "FALSE"
        if not rest:
            return "search_pg_section s", condition, params
        others = [self.seq_condition(seq) for seq in rest]
        union = " UNION ".join(
            f"SELECT s.section_id FROM search_pg_section s WHERE {cond}" for cond, _ in others
        )
        columns = "s.section_id, s.release_id, s.agency, s.rank, s.tsv, s.pairs"
        source = (
            f"(SELECT {columns} FROM search_pg_section s WHERE {condition} UNION ALL "
            f"SELECT {columns} FROM search_pg_section s WHERE s.section_id IN ({union}) AND NOT {condition}) s"
        )
        return source, "TRUE", [*params, *(p for _, ps in others for p in ps), *params]

    def seq_bits(self) -> dict[Seq, int] | None:
        """A bit for each searched word, when they fit a bigint (else None: the releases come from
        `release_set`)."""
        return {seq: i for i, seq in enumerate(self.seqs)} if 1 < len(self.seqs) <= 62 else None

    @staticmethod
    def bits_test(node, bits: dict[Seq, int], column: str) -> str | None:
        """SQL true where the word bits in `column` hold `node` (None: anything does): on a release's
        carriers OR-ed together (`b`), what the release matches; on one section's (`h.bits`), whether it
        holds the whole query (the ranking bonus). One fold over the query, ranking.holds_whole_query's."""
        return ranking.holds_whole_query(
            node,
            lambda seq: f"({column} & {1 << bits[seq]}) <> 0",
            lambda parts: "(" + " AND ".join(parts) + ")",
            lambda parts: "(" + " OR ".join(parts) + ")",
        )

    def release_set(self, node) -> tuple[str, list] | None:
        """SQL selecting the release ids that satisfy `node` (None: every release)."""
        if node is None or isinstance(node, Exclude):
            return None
        if isinstance(node, Seq):
            condition, params = self.seq_condition(node)
            ok, ok_params = self.section_ok()
            return (
                f"SELECT s.release_id FROM search_pg_section s WHERE {condition} AND {ok}",
                [*params, *ok_params],
            )
        parts = [p for p in (self.release_set(c) for c in node.children) if p is not None]
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

    def score_sql(self, alias: str, bits: dict[Seq, int] | None, column: str) -> tuple[str, list]:
        """search.ranking's section score over the small ranking vector `<alias>.rank`: the summed word
        scores (ts_rank), times ALL_WORDS_FACTOR when the section holds the whole query by itself
        (ranking.holds_whole_query), read from the section's word bits in `column`."""
        words = words_tsquery(scored_seqs(self.request.node))
        if words is None:
            return "0.0::float8", []
        rank = f"ts_rank({alias}.rank, %s::tsquery)"
        if len(self.seqs) == 1 or self.one_concept():  # every carrying section holds the whole query
            return f"{rank} * %s", [words, ranking.ALL_WORDS_FACTOR]
        if bits:
            whole = self.bits_test(self.request.node, bits, column)
            # The ranking vector keeps a section's forty most frequent words, so a long section that says
            # a searched word once may not list it, and ts_rank would score it 0 where BM25 scores it. The
            # word bits say which searched words the section holds: each adds what one occurrence in the
            # body adds to ts_rank (ts_rank of an OR is the mean over its words).
            scored = scored_seqs(self.request.node)
            mask = sum(1 << bits[seq] for seq in scored)
            floor = ONE_BODY_OCCURRENCE / len({t for seq in scored for t in seq.terms})
            return (
                f"({rank} + %s * bit_count(({column} & {mask})::bit(64))) "
                f"* CASE WHEN {whole} THEN %s ELSE 1 END",
                [words, floor, ranking.ALL_WORDS_FACTOR],
            )
        # More sequences than a bigint has bits (a rare query of 63 words and synonyms): the ranking vector,
        # which holds a section's heading, title and most frequent words, stands in for the section.
        whole = ranking.holds_whole_query(
            self.request.node,
            lambda seq: "(" + " & ".join(lexeme(t) for t in seq.terms) + ")",
            lambda parts: "(" + " & ".join(parts) + ")",
            lambda parts: "(" + " | ".join(parts) + ")",
        )
        return (
            f"{rank} * CASE WHEN {alias}.rank @@ %s::tsquery THEN %s ELSE 1 END",
            [words, whole, ranking.ALL_WORDS_FACTOR],
        )

    def one_concept(self) -> bool:
        """The query is one word with its synonyms: the releases holding it are those of its carriers."""
        node = self.request.node
        return isinstance(node, Seq) or (
            isinstance(node, AnyOf) and all(isinstance(child, Seq) for child in node.children)
        )

    # --- the statement -------------------------------------------------------------------------------------

    def sql(self) -> tuple[str, list]:
        r = self.request
        ctes: list[tuple[str, list]] = []  # (SQL, its parameters), in the order they appear
        relevance = r.sort == "relevance" and bool(self.seqs)
        where, where_params = self.release_filters()
        bits = self.seq_bits() if self.seqs and not self.one_concept() else None
        if self.seqs:
            source, holding, holding_params = self.holding(bits)
            ok, ok_params = self.section_ok()
            # Carriers first, through the GIN index: a plain word is answered from the index without
            # decompressing any row's large vector. Scored here, in the same pass over the rows, from the
            # small ranking vector stored inline (a second pass joining every section back cost more than
            # the search: measured at 10,000 releases).
            score, score_params = self.score_sql("s", bits, "h.bits") if relevance else ("0.0::float8", [])
            ctes.append(
                (
                    f"c0 AS MATERIALIZED (SELECT s.release_id, s.section_id, s.agency, {score} AS score, "
                    f"{'h.bits' if bits else '0::bigint'} AS bits FROM {source} WHERE {holding} AND {ok})",
                    [*score_params, *holding_params, *ok_params],
                )
            )
        if bits:
            test = self.bits_test(r.node, bits, "b")
            found = None
            if test:
                found = (
                    f"SELECT release_id FROM (SELECT release_id, bit_or(bits) AS b FROM c0 GROUP BY "
                    f"release_id) g WHERE {test}",
                    [],
                )
        else:
            found = None if self.seqs and self.one_concept() else self.release_set(r.node)
        if found is not None:
            # Materialised, so the sections are found through the GIN indexes on their own; joined, the
            # planner walked every section by release and tested the word on each decompressed tsvector.
            ctes.append((f"f AS MATERIALIZED ({found[0]})", found[1]))
            where += " AND r.release_id IN (SELECT release_id FROM f)"
        elif self.seqs:  # one concept: its carriers' releases, no second pass over the index
            where += " AND r.release_id IN (SELECT release_id FROM c0)"
        elif r.agencies or self.excluded_seqs:
            ok, ok_params = self.section_ok()
            where += (
                f" AND EXISTS (SELECT 1 FROM search_pg_section s WHERE s.release_id = r.release_id AND {ok})"
            )
            where_params += ok_params
        ctes.append(
            (
                f"m AS MATERIALIZED (SELECT r.release_id, r.date FROM search_pg_release r WHERE {where})",
                where_params,
            )
        )
        if self.seqs:
            ctes.append(
                ("c AS MATERIALIZED (SELECT * FROM c0 WHERE release_id IN (SELECT release_id FROM m))", [])
            )
        else:  # no words: every section in play carries the match
            ok, ok_params = self.section_ok()
            ctes.append(
                (
                    "c AS MATERIALIZED (SELECT s.release_id, s.section_id, s.agency, 0.0::float8 AS score FROM m "
                    f"JOIN search_pg_section s USING (release_id) WHERE {ok})",
                    ok_params,
                )
            )
        offset, limit = (r.page - 1) * r.per_page, r.per_page
        if relevance:
            ctes.append(
                (
                    """b AS (SELECT DISTINCT ON (release_id) release_id, section_id, score FROM c
                        ORDER BY release_id, score DESC, section_id)""",
                    [],
                )
            )
            ctes.append(
                (
                    "p AS (SELECT release_id, section_id, score, "
                    "row_number() OVER (ORDER BY score DESC, release_id DESC) AS n "
                    "FROM b ORDER BY score DESC, release_id DESC LIMIT %s OFFSET %s)",
                    [limit, offset],
                )
            )
        else:
            order = "DESC" if r.sort != "oldest" else "ASC"
            nulls = "LAST" if order == "DESC" else "FIRST"
            # The page by date; each release shows its best carrying section, or its first one.
            ctes.append(
                (
                    f"""d AS (SELECT m.release_id, row_number() OVER (ORDER BY m.date {order} NULLS {nulls},
                               m.release_id {order}) AS n
                        FROM m ORDER BY m.date {order} NULLS {nulls}, m.release_id {order} LIMIT %s OFFSET %s)""",
                    [limit, offset],
                )
            )
            # Best carrying section of each page release: one hash join of the carriers to the page, scored
            # there (only the page's sections).
            score, score_params = self.score_sql("k", bits, "c.bits")
            ctes.append(
                (
                    f"""pb AS (SELECT DISTINCT ON (c.release_id) c.release_id, c.section_id
                        FROM c JOIN d USING (release_id) JOIN search_pg_section k ON k.section_id = c.section_id
                        ORDER BY c.release_id, {score} DESC, c.section_id)""",
                    score_params,
                )
            )
            ctes.append(
                (
                    """p AS (SELECT d.release_id,
                            COALESCE(pb.section_id, (SELECT min(t.section_id) FROM search_pg_section t
                                                     WHERE t.release_id = d.release_id)) AS section_id,
                            0.0::float8 AS score, d.n
                        FROM d LEFT JOIN pb USING (release_id))""",
                    [],
                )
            )
        params = [p for _, ps in ctes for p in ps]
        body = """
            SELECT 'total', NULL::bigint, NULL::bigint, NULL::text, count(*), NULL::float8 FROM m
            UNION ALL
            SELECT 'facet', NULL, NULL, value, n, NULL FROM (
                SELECT v.value, icount(v.releases & k.ids) AS n FROM search_pg_facet v,
                    (SELECT sort(array_agg(release_id::int4)) AS ids FROM m) k) counted WHERE n > 0
            UNION ALL
            SELECT 'agency', NULL, NULL, c.agency, count(DISTINCT c.release_id), NULL FROM c GROUP BY c.agency
            UNION ALL
            SELECT 'hit', p.release_id, p.section_id, NULL, p.n, p.score FROM p
            UNION ALL
            SELECT 'section', c.release_id, c.section_id, NULL, NULL, NULL FROM c
                WHERE c.release_id IN (SELECT release_id FROM p)
        """
        return "WITH " + ",\n".join(sql for sql, _ in ctes) + body, params

    def result(self, rows) -> BackendResult:
        total = 0
        facets: dict[str, dict[str, int]] = {name: {} for name in filters.FACETS}
        hits: list[tuple[int, Hit]] = []
        sections: dict[int, list[int]] = {}
        for kind, release_id, section_id, label, count, score in rows:
            if kind == "total":
                total = count
            elif kind == "facet":
                name, _, value = label.partition("=")
                facets.setdefault(name, {})[value] = count
            elif kind == "agency":
                facets.setdefault("agency", {})[label] = count
            elif kind == "hit":
                hits.append((count, Hit(release_id, section_id, float(score))))
            else:
                sections.setdefault(release_id, []).append(section_id)
        ordered = [hit for _, hit in sorted(hits, key=lambda pair: pair[0])]
        return BackendResult(total, ordered, facets, {rid: sorted(ids) for rid, ids in sections.items()})


def release_sets_sql(request: SearchRequest, nodes, release_ids) -> tuple[str, list, set[int]]:
    """One statement telling which of `release_ids` each node matches: rows (node index, release id), and
    the indexes of the nodes it asks about (a node that restricts nothing matches every release)."""
    statement = Statement(request)
    parts, params, asked = [], [], set()
    for i, node in enumerate(nodes):
        found = statement.release_set(node)
        if found is None:
            continue
        asked.add(i)
        parts.append(f"SELECT {i}, release_id FROM ({found[0]}) f{i} WHERE release_id = ANY(%s)")
        params += [*found[1], list(release_ids)]
    return " UNION ".join(parts), params, asked
