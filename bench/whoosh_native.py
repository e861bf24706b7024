"""Why the Whoosh backend does not answer queries with Whoosh's own query machinery: measured.

    .venv/bin/python bench/whoosh_native.py --data-dir /work/var/bench-10k [--database-url postgres://…]

On an archive and index already built (bench/search.py --keep DIR), the word, several-word, phrase and
traditional queries of the benchmark's mix are answered two ways, in the same process, twice each:

- native: Whoosh's own `Searcher.search` over the same index (our analysed terms as `Term`/`And`/`Or`/`Not`
  queries, Whoosh's BM25F scoring, the 20 best *sections*, `collapse` by release, the agency as a
  `groupedby` facet). It answers a simpler question than the archive asks: it matches per section (a
  release whose sections hold the words between them is missed), and counts no city, province, topic or
  year facets (the index does not hold them);
- ours: the backend's `search()` (search/backends/whoosh_search.py): release-level matching, every facet,
  the page of 20 releases with their best sections.

Printed: median and p95 per way, and the ratio native / ours. Nothing is asserted.
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

KINDS = ("word", "words", "phrase", "traditional")


def native_query(node):
    """Our analysed query node as a Whoosh query over the same fields our backend reads."""
    from whoosh import query as wq

    from search.analysis import Seq, seq_pairs
    from search.synonyms import AllOf, AnyOf, Exclude

    if isinstance(node, Seq):
        if len(node.terms) == 1:
            return wq.Term("text", node.terms[0])
        pairs, complete = seq_pairs(node)
        parts = [wq.Term("pairs", p) for p in pairs]
        if not complete or not parts:
            parts += [wq.Term("text", t) for t in node.terms]
        return wq.And(parts)
    if isinstance(node, Exclude):
        return wq.Not(native_query(node.child))
    if isinstance(node, AnyOf):
        return wq.Or([native_query(c) for c in node.children])
    if isinstance(node, AllOf):
        return wq.And([native_query(c) for c in node.children])
    raise TypeError(node)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data-dir", required=True, help="ARCHIVE_DATA_DIR of a built archive and index")
    parser.add_argument("--database-url", default="", help="its database, when not the data dir's SQLite")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    os.environ.update(
        ARCHIVE_DATA_DIR=args.data_dir,
        SEARCH_BACKEND="whoosh",
        DEBUG="0",
        ARCHIVE_HTTPS="0",
        SECRET_KEY="bench-only-not-a-secret-" + "x" * 40,
    )
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    import django

    django.setup()
    from whoosh import sorting

    from bench.corpus import query_mix
    from search.backends import get_backend
    from search.query import parse_query
    from search.request import SearchRequest
    from search.synonyms import SynonymTable, expand_query

    backend = get_backend()
    searcher, _ = backend.store.searcher()
    synonyms = SynonymTable.default()
    nodes = []
    for kind, q in query_mix(args.seed):
        node = expand_query(parse_query(q), synonyms) if kind in KINDS else None
        if node is not None:
            nodes.append(node)
    agency = sorting.FieldFacet("agency")
    release = sorting.FieldFacet("release_id")

    def native(node):
        results = searcher.search(
            native_query(node), limit=20, groupedby={"agency": agency}, collapse=release, collapse_limit=1
        )
        return len(results), results.groups("agency")

    def ours(node):
        return backend.search(SearchRequest(node=node, per_page=20))

    print(f"{len(nodes)} queries (kinds: {', '.join(KINDS)}), {searcher.doc_count()} sections in the index")
    for node in nodes[:5]:  # load what each way caches, so both passes compare warm paths
        native(node), ours(node)
    timings: dict[str, list[float]] = {"native": [], "ours": []}
    for _ in range(2):
        for node in nodes:
            for name, run in (("native", native), ("ours", ours)):
                started = time.perf_counter()
                run(node)
                timings[name].append((time.perf_counter() - started) * 1000)
    for name, values in timings.items():
        print(
            f"{name:7} median {statistics.median(values):8.1f} ms   p95 {percentile(values, 95):8.1f} ms   "
            f"max {max(values):8.1f} ms"
        )
    ratio = statistics.median(timings["native"]) / statistics.median(timings["ours"])
    ratio95 = percentile(timings["native"], 95) / percentile(timings["ours"], 95)
    print(f"native / ours: median {ratio:.1f} x, p95 {ratio95:.1f} x")


if __name__ == "__main__":
    main()
