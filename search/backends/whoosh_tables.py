"""Per index generation: who each document is, as compact tables and bitsets, and each leaf's scores.

Whoosh is pure Python; touching every posting of a common word (法院 is in half the sections) on every
query is what makes it slow. So each leaf (a word, or a phrase as its word pairs) is read once into
bitsets held as Python integers (`&`, `|` and `int.bit_count()` run in C, so release-level AND/OR,
filters and facet counts cost microseconds) and into BM25 scores with the section ids sorted by score.
Bit i of a document set is document number i; bit j of a release set is the j-th entry of `release_ids`.
Release facts (city, province, date, topics) come from the database in two queries.
"""

from __future__ import annotations

import math
from array import array
from collections import OrderedDict
from dataclasses import dataclass

from whoosh.reading import TermNotFound

from reports.ingest import agencies
from search import filters, ranking
from search.backends.whoosh_derive import date_number, derive_documents, derive_facts

AGENCIES = agencies.SLUGS
AGENCY_CODE = {slug: code for code, slug in enumerate(AGENCIES)}
LEAF_CACHE = 128  # a common word's leaf holds a score per section: ~230 KB at 58,000 sections
K1, B = ranking.BM25_K1, ranking.BM25_B  # one definition of the scoring, in search/ranking.py
_BIT = bytes(1 << k for k in range(8))


def to_int(bits: bytearray) -> int:
    return int.from_bytes(bits, "little")


def set_bits(value: int, size: int):
    """The positions of the set bits of `value` (a bitset of `size` bits), in order."""
    data = value.to_bytes((size + 7) // 8, "little")
    for index, byte in enumerate(data):
        if byte:
            base = index << 3
            for k in range(8):
                if byte >> k & 1:
                    yield base + k


def has(bits: bytes, i: int) -> bool:
    return bool(bits[i >> 3] >> (i & 7) & 1)


def read_postings(reader, field: str, term: str):
    """(document numbers, term frequencies) of `term`, one leaf reader at a time, through Whoosh's public
    Matcher interface (`is_active`, `id`, `weight`, `next`) with the bound methods held in locals.

    Reading the codec matcher's block arrays instead (private members of whoosh 2.7's W3LeafMatcher, as we
    did before) saves about 0.2 µs of CPU per posting (bench/whoosh_codec.py at 2,000 releases / 11,600
    sections: 2.2 ms public against 1.0 ms private for 法院's 6,100 postings, within a 7.6 ms cold leaf):
    about 7 ms for 法院 at 58,000 sections, paid when a leaf is first read in a generation (each write
    makes one; leaves are cached within it). Not worth pinning us to one Whoosh release."""
    for sub, base in reader.leaf_readers():
        try:
            matcher = sub.postings(field, term)
        except TermNotFound:
            continue
        ids, weights = [], []
        add_id, add_weight = ids.append, weights.append
        active, doc, weight, step = matcher.is_active, matcher.id, matcher.weight, matcher.next
        while active():
            add_id(base + doc())
            add_weight(weight())
            step()
        yield ids, weights


@dataclass
class Leaf:
    docs: int  # sections containing the leaf
    doc_bytes: bytes  # the same, for cheap membership tests
    releases: int  # releases with such a section
    by_agency: tuple[int, ...]  # releases with such a section of each agency (AGENCIES order)
    scores: array  # BM25 score of every section (0.0 where absent)
    ranked: list[int]  # the sections holding it, best score first

    @property
    def count(self) -> int:
        return len(self.ranked)


class Tables:
    """Built once per index generation a process reads. After an incremental write, `previous` (the tables
    of the generation before) lends everything about the segments both generations share, so only the new
    segment's documents are read and only their releases' facts are fetched, and the document and facet
    tables are patched where documents came or went (search.backends.whoosh_derive) instead of being
    rebuilt: a new upload is searchable without re-reading the whole index."""

    def __init__(self, searcher, previous: Tables | None = None):
        reader = searcher.reader()
        self.reader = reader
        self.ndocs = reader.doc_count_all()
        leaves = list(reader.leaf_readers())
        self.segments = [(sub.segment().segment_id(), sub.doc_count_all()) for sub, _ in leaves]
        shared = previous.shared_docs(self.segments) if previous is not None else 0
        if shared:
            self.doc_rid = previous.doc_rid[:shared]
            codes = previous.doc_code[:shared]
            self.doc_section = previous.doc_section[:shared]
            lengths = previous.doc_length[:shared]
            self.release_ids = list(previous.release_ids)
            self.release_index = dict(previous.release_index)
            facts = dict(previous.release_fact)
        else:
            self.doc_rid, codes, self.doc_section, lengths = array("q"), bytearray(), [], array("I")
            self.release_ids, self.release_index, facts = [], {}, {}
        fresh: set[int] = set()  # releases with documents in segments read now
        for sub, base in leaves:
            if base < shared:
                continue
            rids = list(sub.column_reader("release_id"))
            self.doc_rid.extend(rids)
            fresh.update(rids)
            codes.extend(AGENCY_CODE.get(a, AGENCY_CODE["other"]) for a in sub.column_reader("agency"))
            self.doc_section.extend(sub.column_reader("section_id"))
            lengths.extend(sub.doc_field_length(d, "text", 0) or 0 for d in range(sub.doc_count_all()))
        self.doc_code, self.doc_length = codes, lengths
        for rid in self.doc_rid:
            if rid not in self.release_index:
                self.release_index[rid] = len(self.release_ids)
                self.release_ids.append(rid)
        self.nreleases = len(self.release_ids)
        self.segment_live = [
            (segment_id, sub.doc_count())
            for (sub, _), (segment_id, _) in zip(leaves, self.segments, strict=True)
        ]
        if shared:
            changed = derive_documents(self, previous, leaves, shared)
        else:
            self._documents(leaves)
        wanted = fresh if shared else None  # None: every release
        for fact in filters.release_facts(wanted):
            facts[fact.release_id] = fact
        self.release_fact = facts
        if shared:
            derive_facts(self, previous, changed)
        else:
            self._facts()
        self.leaves: OrderedDict = OrderedDict()

    def shared_docs(self, segments) -> int:
        """How many leading documents a reader with `segments` has in common with these tables."""
        shared = 0
        for mine, theirs in zip(self.segments, segments, strict=False):
            if mine != theirs:
                break
            shared += mine[1]
        return shared

    def _documents(self, leaves) -> None:
        """Which documents are live, their release and agency, and the BM25 length norms."""
        ndocs = self.ndocs
        self.doc_release = array("i", [-1]) * ndocs  # -1: deleted
        self.release_docs: list[list[int]] = [[] for _ in range(self.nreleases)]
        live = bytearray((ndocs + 7) // 8)
        agency_docs = [bytearray((ndocs + 7) // 8) for _ in AGENCIES]
        agency_releases: list[set[int]] = [set() for _ in AGENCIES]
        doc_rid, codes, release_index = self.doc_rid, self.doc_code, self.release_index
        total = count = 0
        for sub, base in leaves:
            for local in sub.all_doc_ids():
                doc = base + local
                index = release_index[doc_rid[doc]]
                code = codes[doc]
                self.doc_release[doc] = index
                self.release_docs[index].append(doc)
                agency_releases[code].add(index)
                live[doc >> 3] |= _BIT[doc & 7]
                agency_docs[code][doc >> 3] |= _BIT[doc & 7]
                total += self.doc_length[doc]
                count += 1
        self.all_docs = to_int(live)
        self.live_releases = [i for i, docs in enumerate(self.release_docs) if docs]
        self.all_releases = self.release_bits(self.live_releases)
        self.agency_docs = tuple(to_int(bits) for bits in agency_docs)
        self.agency_releases = tuple(self.release_bits(ix) for ix in agency_releases)
        self.length_total = total
        average = (total / count) if total else 1.0
        # BM25's length normalisation, per document, computed once: K1 * ((1 - B) + B * dl / avgdl)
        self.norm = array("f", (K1 * ((1 - B) + B * n / average) for n in self.doc_length))
        self.live_docs = count

    def _facts(self) -> None:
        """Facet bitsets and dates of the live releases (each filter's values, search/filters.py)."""
        facets: dict[str, dict[str, list[int]]] = {name: {} for name in filters.NAMES}
        self.release_date = [0] * self.nreleases
        for index in self.live_releases:
            fact = self.release_fact.get(self.release_ids[index])
            if fact is None:
                continue  # deleted from the database since it was indexed
            if fact.date:
                self.release_date[index] = date_number(fact.date)
            for name, values in fact.values.items():
                for value in values:
                    facets[name].setdefault(value, []).append(index)
        self.facets = {
            name: {v: self.release_bits(ix) for v, ix in values.items()} for name, values in facets.items()
        }
        self.by_date = sorted(self.live_releases, key=lambda i: (self.release_date[i], self.release_ids[i]))

    def release_bits(self, indexes) -> int:
        bits = bytearray((self.nreleases + 7) // 8)
        for index in indexes:
            bits[index >> 3] |= _BIT[index & 7]
        return to_int(bits)

    def doc_bits(self, docs, size: int | None = None) -> int:
        """A document bitset; `size` bits when documents beyond this generation's count are named (the
        previous generation's, while deriving from it)."""
        bits = bytearray(((self.ndocs if size is None else size) + 7) // 8)
        for doc in docs:
            bits[doc >> 3] |= _BIT[doc & 7]
        return to_int(bits)

    def cached(self, key):
        found = self.leaves.get(key)
        if found is not None:
            self.leaves.move_to_end(key)
        return found

    def store(self, key, leaf: Leaf) -> Leaf:
        self.leaves[key] = leaf
        if len(self.leaves) > LEAF_CACHE:
            self.leaves.popitem(last=False)
        return leaf

    def term_leaf(self, field: str, term: str) -> Leaf:
        """One term, read once: its bitsets and the BM25 score of each section holding it."""
        key = (field, term)
        found = self.cached(key)
        if found is not None:
            return found
        doc_release, doc_agency, norm, bit = self.doc_release, self.doc_code, self.norm, _BIT
        # Live postings first (a deleted document keeps its postings until a merge): their number is the
        # document frequency the scores need. One pass each, with locals only: this loop is a query's
        # main cost when its word is new to the cache.
        live = [
            (doc, tf)
            for ids, weights in read_postings(self.reader, field, term)
            for doc, tf in zip(ids, weights, strict=True)
            if doc_release[doc] >= 0
        ]
        df = len(live)
        idf = math.log(1 + (self.live_docs - df + 0.5) / (df + 0.5))
        factor = idf * (K1 + 1)
        scores = array("f", bytes(4 * self.ndocs))
        doc_bits = bytearray((self.ndocs + 7) // 8)
        size = (self.nreleases + 7) // 8
        release_bits = bytearray(size)
        agency_bits = [bytearray(size) for _ in AGENCIES]
        held = []
        for doc, tf in live:
            index = doc_release[doc]
            scores[doc] = factor * tf / (tf + norm[doc])
            held.append(doc)
            doc_bits[doc >> 3] |= bit[doc & 7]
            release_bits[index >> 3] |= bit[index & 7]
            agency_bits[doc_agency[doc]][index >> 3] |= bit[index & 7]
        held.sort(key=scores.__getitem__, reverse=True)
        leaf = Leaf(
            to_int(doc_bits),
            bytes(doc_bits),
            to_int(release_bits),
            tuple(map(to_int, agency_bits)),
            scores,
            held,
        )
        return self.store(key, leaf)

    def combined_leaf(self, key, parts: list[Leaf], docs: set[int] | None = None) -> Leaf:
        """A leaf every part must hold (a phrase's word pairs), optionally narrowed to verified `docs`."""
        found = self.cached(key)
        if found is not None:
            return found
        bits = self.all_docs
        for part in parts:
            bits &= part.docs
        if docs is not None:
            bits &= self.doc_bits(docs)
        held = list(set_bits(bits, self.ndocs))
        scores = array("f", bytes(4 * self.ndocs))
        for doc in held:
            scores[doc] = sum(part.scores[doc] for part in parts)
        held.sort(key=scores.__getitem__, reverse=True)
        releases = bytearray((self.nreleases + 7) // 8)
        agency_bits = [bytearray(len(releases)) for _ in AGENCIES]
        for doc in held:
            index = self.doc_release[doc]
            releases[index >> 3] |= _BIT[index & 7]
            agency_bits[self.doc_code[doc]][index >> 3] |= _BIT[index & 7]
        raw = bits.to_bytes((self.ndocs + 7) // 8, "little")
        leaf = Leaf(bits, raw, to_int(releases), tuple(map(to_int, agency_bits)), scores, held)
        return self.store(key, leaf)

    def releases_of_docs(self, docs: int) -> int:
        """Release bitset of a document bitset (a loop over the set bits: only for exclusions)."""
        return self.release_bits({self.doc_release[d] for d in set_bits(docs, self.ndocs)})

    def docs_of_releases(self, releases: int) -> list[int]:
        return [d for index in set_bits(releases, self.nreleases) for d in self.release_docs[index]]
