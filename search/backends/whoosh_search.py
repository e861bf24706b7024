"""Searching the Whoosh index: release-level matching on cached bitsets, ranking on cached scores.

(1) Each leaf of the analysed query becomes a Leaf (search.backends.whoosh_tables): a word from its
postings, a phrase from its adjacent-word pairs (exact for two words; a longer phrase, or one broken by a
stop word, is checked against the section texts when few candidates remain, and is otherwise the sections
holding every pair, or every word). Leaves are cached per index generation. (2) Release-level AND/OR,
filters and facet counts are integer operations on bitsets. (3) Ranking sums the leaves' BM25 scores with
a bonus where a section holds all the words, over the best-scoring sections of each leaf (widening until
the page is full), or over every section when the query is narrowed to few releases.

Why not Whoosh's own Searcher.search (measured, bench/whoosh_native.py, 2,000 releases): with collapse by
release and only the agency facet, answering the simpler per-section question, it took median 24.1 ms and
p95 157.8 ms over 125 queries; this module, with release-level matching and every facet, 2.7 ms and 19.3 ms.
"""

from __future__ import annotations

import heapq
from functools import reduce
from operator import and_, or_

from search import filters, ranking
from search.analysis import PAIR_JOINER, Seq, normalized, seq_pairs, seq_pattern
from search.backends.whoosh_derive import date_number
from search.backends.whoosh_store import IndexChanged
from search.backends.whoosh_tables import AGENCIES, AGENCY_CODE, Leaf, Tables, has, set_bits
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

FEW_RELEASES = 400  # narrower than this, score every section of the matching releases
FIRST_WINDOW = 400  # sections taken from the top of each leaf before widening


class _Run:
    def __init__(self, searcher, tables: Tables, request: SearchRequest):
        self.searcher = searcher
        self.tables = tables
        self.request = request
        self.agencies = [AGENCY_CODE[a] for a in request.agencies if a in AGENCY_CODE]
        self.memo: dict[Seq, Leaf] = {}
        self.seqs = positive_seqs(request.node)
        self.scored = scored_seqs(request.node)
        self._whole: bytes | None = None
        excluded = excluded_seqs(request.node)
        self.excluding = bool(excluded)
        # Sections in play: the right agency and no excluded word. None: every section.
        self.allowed: int | None = None
        if excluded or self.agencies:
            allowed = tables.all_docs
            if self.agencies:
                allowed = 0
                for code in self.agencies:
                    allowed |= tables.agency_docs[code]
            for seq in excluded:
                allowed &= ~self.leaf(seq).docs
            self.allowed = allowed

    # --- leaves ----------------------------------------------------------------------------------------

    def leaf(self, seq: Seq) -> Leaf:
        # Scoring asks for a leaf once per candidate section: answer from this run's own dict before the
        # shared cache (whose lookups, and a two-word phrase's pair analysis, add up over thousands).
        found = self.memo.get(seq)
        if found is None:
            found = self.memo[seq] = self._leaf(seq)
        return found

    def _leaf(self, seq: Seq) -> Leaf:
        tables = self.tables
        if len(seq.terms) == 1:
            return tables.term_leaf("text", seq.terms[0])
        found = tables.cached(("phrase", seq))
        if found is not None:
            return found
        pairs, complete = seq_pairs(seq)
        parts = [tables.term_leaf("pairs", pair) for pair in pairs]
        if complete and len(parts) == 1:
            return parts[0]  # two words side by side: the pair is exact
        if not complete:  # a gap or a single character: its words too, then the text decides
            paired = {w for pair in pairs for w in pair.split(PAIR_JOINER)}
            parts += [tables.term_leaf("text", t) for t in dict.fromkeys(seq.terms) if t not in paired]
        candidates = tables.all_docs
        for part in parts:
            candidates &= part.docs
        verified = None
        if candidates.bit_count() <= VERIFY_LIMIT:
            verified = self._verify(seq, candidates)
        return tables.combined_leaf(("phrase", seq), parts, verified)

    def _verify(self, seq: Seq, candidates: int) -> set[int]:
        """The candidate sections whose text really holds the phrase (every pair present does not prove
        three words in a row; a gap's words may stand apart)."""
        from reports.models import Section

        tables = self.tables
        docs = {tables.doc_section[d]: d for d in set_bits(candidates, tables.ndocs)}
        pattern = seq_pattern(seq)
        verified = set()
        rows = Section.objects.filter(pk__in=list(docs)).values_list(
            "pk", "order", "heading", "text", "release__title"
        )
        for pk, order, heading, text, title in rows:
            if pattern.search(normalized("\n".join((title if order == 0 else "", heading, text)))):
                verified.add(docs[pk])
        return verified

    def leaf_releases(self, seq: Seq) -> int:
        leaf = self.leaf(seq)
        if self.excluding:
            return self.tables.releases_of_docs(leaf.docs & self.allowed)
        if self.agencies:
            bits = 0
            for code in self.agencies:
                bits |= leaf.by_agency[code]
            return bits
        return leaf.releases

    # --- matching --------------------------------------------------------------------------------------

    def evaluate(self, node, universe: int) -> int:
        if node is None or isinstance(node, Exclude):
            return universe
        if isinstance(node, Seq):
            return self.leaf_releases(node) & universe
        if isinstance(node, AnyOf):
            bits = 0
            for child in node.children:
                if not isinstance(child, Exclude):
                    bits |= self.evaluate(child, universe)
            return bits
        for child in node.children:  # AllOf
            if not isinstance(child, Exclude):
                universe = self.evaluate(child, universe)
                if not universe:
                    break
        return universe

    def universe(self) -> int:
        tables, r = self.tables, self.request
        bits = tables.all_releases
        for name, values in r.filters.items():
            if values:
                chosen = 0
                for value in values:
                    chosen |= tables.facets.get(name, {}).get(value, 0)
                bits &= chosen
        if r.date_from or r.date_to:
            low = date_number(r.date_from) if r.date_from else 1
            high = date_number(r.date_to) if r.date_to else 99991231
            bits &= tables.release_bits(
                i for i, d in enumerate(tables.release_date) if d and low <= d <= high
            )
        if not self.seqs and self.allowed is not None:
            # No words: a release takes part if it has a section in play.
            if self.excluding:
                bits &= tables.releases_of_docs(self.allowed)
            else:
                agencies = 0
                for code in self.agencies:
                    agencies |= tables.agency_releases[code]
                bits &= agencies
        return bits

    def carrier_docs(self) -> int:
        """Sections that carry the match: those holding a searched word (or, without words, all)."""
        docs = 0
        for seq in self.seqs:
            docs |= self.leaf(seq).docs
        if not self.seqs:
            docs = self.tables.all_docs
        return docs if self.allowed is None else docs & self.allowed

    def facets(self, matched: int, carrier: int) -> dict[str, dict[str, int]]:
        tables = self.tables
        out = {name: {} for name in filters.FACETS}
        for name, values in tables.facets.items():
            for value, bits in values.items():
                count = (matched & bits).bit_count()
                if count:
                    out[name][value] = count
        for code, slug in enumerate(AGENCIES):
            if self.agencies and code not in self.agencies:
                continue
            if self.excluding:
                bits = tables.releases_of_docs(carrier & tables.agency_docs[code])
            elif self.seqs:
                bits = 0
                for seq in self.seqs:
                    bits |= self.leaf(seq).by_agency[code]
            else:
                bits = tables.agency_releases[code]
            count = (matched & bits).bit_count()
            if count:
                out["agency"][slug] = count
        return out

    # --- ranking ---------------------------------------------------------------------------------------

    def score(self, doc: int) -> float:
        """search.ranking's section score: the summed BM25 of the searched words, times the factor when this
        section holds the whole query by itself."""
        parts = 0.0
        for seq in self.scored:
            parts += self.leaf(seq).scores[doc]
        return ranking.section_score(parts, has(self.whole_docs(), doc))

    def whole_docs(self) -> bytes:
        """The sections holding the whole query by themselves (search.ranking.holds_whole_query over the
        leaves' section bitsets), once per search."""
        if self._whole is None:
            bits = ranking.holds_whole_query(
                self.request.node,
                lambda seq: self.leaf(seq).docs,
                lambda p: reduce(and_, p),
                lambda p: reduce(or_, p),
            )
            self._whole = (bits or 0).to_bytes((self.tables.ndocs + 7) // 8, "little")
        return self._whole

    def best_by_release(self, docs, within: bytes, carrier: bytes) -> dict[int, tuple[float, int]]:
        best: dict[int, tuple[float, int]] = {}
        doc_release = self.tables.doc_release
        for doc in docs:
            index = doc_release[doc]
            if index < 0 or not has(within, index) or not has(carrier, doc):
                continue
            score = self.score(doc)
            if index not in best or score > best[index][0]:
                best[index] = (score, doc)
        return best

    def ranked(self, matched: int, carrier: int, need: int, only: int | None = None):
        """(release index, score, best doc) of the `need` best releases by their best section."""
        tables = self.tables
        within_bits = matched if only is None else matched & only
        if need <= 0 or not within_bits or not self.seqs:
            return []
        within = within_bits.to_bytes((tables.nreleases + 7) // 8, "little")
        carrier_bytes = carrier.to_bytes((tables.ndocs + 7) // 8, "little")
        if only is not None or within_bits.bit_count() <= FEW_RELEASES:
            best = self.best_by_release(tables.docs_of_releases(within_bits), within, carrier_bytes)
        else:
            leaves = [self.leaf(seq) for seq in self.seqs]
            window = FIRST_WINDOW
            while True:
                candidates = set()
                for leaf in leaves:
                    candidates.update(leaf.ranked[:window])
                best = self.best_by_release(candidates, within, carrier_bytes)
                if len(best) >= need or all(window >= leaf.count for leaf in leaves):
                    break
                window *= 4
        top = heapq.nlargest(need, best.items(), key=lambda item: (item[1][0], tables.release_ids[item[0]]))
        return [(index, score, doc) for index, (score, doc) in top]

    # --- the page --------------------------------------------------------------------------------------

    def run(self) -> BackendResult:
        tables, request = self.tables, self.request
        matched = self.evaluate(request.node, self.universe())
        carrier = self.carrier_docs()
        facets = self.facets(matched, carrier)
        start = (request.page - 1) * request.per_page
        if request.sort == "relevance" and self.seqs:
            ranked = self.ranked(matched, carrier, start + request.per_page)
            page = ranked[start:]
            if len(ranked) < start + request.per_page:  # matching releases without a scored section
                seen = {index for index, _, _ in ranked}
                rest = [i for i in reversed(tables.by_date) if matched >> i & 1 and i not in seen]
                page += [(i, 0.0, None) for i in rest[max(0, start - len(ranked)) :]]
                page = page[: request.per_page]
        else:
            page = self.by_date(matched, start)
        best = self.best_sections(page, matched, carrier)
        hits = [Hit(tables.release_ids[i], tables.doc_section[best[i]], score) for i, score, _ in page]
        sections = {
            tables.release_ids[i]: sorted(
                tables.doc_section[d] for d in tables.release_docs[i] if carrier >> d & 1
            )
            for i, _, _ in page
        }
        return BackendResult(matched.bit_count(), hits, facets, sections)

    def by_date(self, matched: int, start: int):
        tables, request = self.tables, self.request
        order = tables.by_date if request.sort == "oldest" else reversed(tables.by_date)
        within = matched.to_bytes((tables.nreleases + 7) // 8, "little")
        page, skipped = [], 0
        for index in order:
            if has(within, index):
                if skipped < start:
                    skipped += 1
                    continue
                page.append((index, 0.0, None))
                if len(page) >= request.per_page:
                    break
        return page

    def best_sections(self, page, matched: int, carrier: int) -> dict[int, int]:
        best = {index: doc for index, _, doc in page if doc is not None}
        missing = [index for index, _, doc in page if doc is None]
        if missing and self.seqs:
            only = self.tables.release_bits(missing)
            best.update({i: d for i, _, d in self.ranked(matched, carrier, len(missing), only=only)})
        for index in missing:
            if index not in best:
                docs = self.tables.release_docs[index]
                in_play = [d for d in docs if carrier >> d & 1] or docs
                best[index] = min(in_play)  # the earliest section: the lead, or the agency's first
        return best


def _tables(searcher, cache: dict) -> Tables:
    tables = cache.get("tables")
    if tables is None:
        # After a write, the tables of the generation before (kept by the store) lend what is unchanged.
        tables = Tables(searcher, previous=cache.pop("previous", None))
        # Segments are separate files, opened by Whoosh on first use, and a column whose file is gone reads
        # as defaults rather than failing. An upload's merge in another process deletes the files of the
        # small segments it folds in; if that happened while these tables were read, read them again.
        # (Files are deleted after the new table of contents is written, and never come back: checking
        # once the reading is done is enough.)
        # A segment holding no documents (a merge of deleted ones) has no column files at all.
        leaves = [sub for sub, _ in searcher.reader().leaf_readers() if sub.doc_count_all()]
        if not all(sub.has_column("release_id") for sub in leaves):
            raise IndexChanged
        cache["tables"] = tables
    return tables


def run_search(searcher, cache: dict, request: SearchRequest) -> BackendResult:
    return _Run(searcher, _tables(searcher, cache), request).run()


def run_release_sets(searcher, cache: dict, request: SearchRequest, nodes, release_ids) -> list[set[int]]:
    """For each node, which of `release_ids` it matches (with the request's agency and exclusions): the
    per-release facts search/matching.py ranks by. Bitset work on cached leaves, bounded by the nodes."""
    tables = _tables(searcher, cache)
    run = _Run(searcher, tables, request)
    universe = tables.release_bits(tables.release_index[r] for r in release_ids if r in tables.release_index)
    out = []
    for node in nodes:
        bits = run.evaluate(node, universe)
        out.append({tables.release_ids[i] for i in set_bits(bits, tables.nreleases)})
    return out
