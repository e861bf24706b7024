"""Deriving a generation's document and facet tables from the generation before (after an incremental
write), touching only what changed: the documents of the new segments, the documents deleted since, and
their releases. Reading every document again cost a quarter of an upload's time to searchable.

The result must equal what Tables reads from scratch; tests/search/test_whoosh_tables.py compares them.
"""

from __future__ import annotations

from array import array

from reports.ingest.agencies import SLUGS as AGENCIES
from search.ranking import BM25_B as B
from search.ranking import BM25_K1 as K1


def date_number(date) -> int:
    """A date as yyyymmdd: comparable, and small in a list of every release."""
    return date.year * 10000 + date.month * 100 + date.day


def derive_documents(tables, previous, leaves, shared: int) -> set[int]:
    """Fill `tables`' document tables from `previous`; returns the release indexes whose documents
    changed (their facts and facets need a look)."""
    ndocs = tables.ndocs
    doc_rid, codes, release_index = tables.doc_rid, tables.doc_code, tables.release_index
    old_release = previous.doc_release
    # Documents gone: every document past the shared prefix (its segments were replaced or merged), and
    # documents of shared segments deleted since.
    gone = [d for d in range(shared, previous.ndocs) if old_release[d] >= 0]
    for (sub, base), (_, live_before) in zip(leaves, previous.segment_live, strict=False):
        # Same segment id as before (it is in the shared prefix); fewer live documents: some deleted.
        if base >= shared:
            break
        if sub.doc_count() != live_before:
            gone.extend(base + d for d in sub.segment().deleted_docs() if old_release[base + d] >= 0)
    new_docs = [
        base + local for sub, base in leaves if base >= shared for local in sub.all_doc_ids()
    ]  # live documents of the segments read now

    doc_release = old_release[:shared]
    doc_release.extend(array("i", [-1]) * (ndocs - shared))
    release_docs = list(previous.release_docs)  # shared lists: copied below before any change
    release_docs.extend([] for _ in range(tables.nreleases - len(release_docs)))
    changed: set[int] = set()
    total, count = previous.length_total, previous.live_docs
    lengths = tables.doc_length
    gone_set = set(gone)
    for doc in gone:
        index = old_release[doc]
        if index not in changed:
            changed.add(index)
            release_docs[index] = [d for d in release_docs[index] if d not in gone_set]
        total -= previous.doc_length[doc]
        count -= 1
        if doc < shared:
            doc_release[doc] = -1
    for doc in new_docs:
        index = release_index[doc_rid[doc]]
        if index not in changed:
            changed.add(index)
            release_docs[index] = list(release_docs[index])
        release_docs[index].append(doc)
        doc_release[doc] = index
        total += lengths[doc]
        count += 1

    gone_mask = ~tables.doc_bits(gone, max(ndocs, previous.ndocs))
    tables.doc_release, tables.release_docs = doc_release, release_docs
    tables.all_docs = (previous.all_docs & gone_mask) | tables.doc_bits(new_docs)
    agency_docs = []
    for code in range(len(AGENCIES)):
        added = tables.doc_bits(d for d in new_docs if codes[d] == code)
        agency_docs.append((previous.agency_docs[code] & gone_mask) | added)
    tables.agency_docs = tuple(agency_docs)
    # A changed release is in an agency's set when one of its live documents has that agency.
    changed_bits = tables.release_bits(changed)
    agency_releases = [bits & ~changed_bits for bits in previous.agency_releases]
    for code in range(len(AGENCIES)):
        agency_releases[code] |= tables.release_bits(
            i for i in changed if any(codes[d] == code for d in release_docs[i])
        )
    tables.agency_releases = tuple(agency_releases)
    tables.live_releases = [i for i, docs in enumerate(release_docs) if docs]
    tables.all_releases = tables.release_bits(tables.live_releases)
    tables.length_total, tables.live_docs = total, count
    average = (total / count) if total else 1.0
    tables.norm = array("f", (K1 * ((1 - B) + B * n / average) for n in lengths))
    return changed


def derive_facts(tables, previous, changed: set[int]) -> None:
    """Facet bitsets and dates: the previous generation's, with the changed releases taken out and put
    back with their current facts (a re-indexed release may have moved city or year)."""
    facets = {name: dict(values) for name, values in previous.facets.items()}
    dates = list(previous.release_date)
    dates.extend(0 for _ in range(tables.nreleases - len(dates)))
    live = set(tables.live_releases)
    for index in changed:
        bit = 1 << index
        for values in facets.values():
            for value in [v for v, bits in values.items() if bits & bit]:
                values[value] &= ~bit
                if not values[value]:
                    del values[value]
        dates[index] = 0
        fact = tables.release_fact.get(tables.release_ids[index])
        if index not in live or fact is None:
            continue
        if fact.date:
            dates[index] = date_number(fact.date)
        for name, values in fact.values.items():
            for value in values:
                facets[name][value] = facets[name].get(value, 0) | bit
    tables.facets = facets
    tables.release_date = dates
    tables.by_date = sorted(tables.live_releases, key=lambda i: (dates[i], tables.release_ids[i]))
