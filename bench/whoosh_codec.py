"""What our Whoosh backend gains where it could go around Whoosh: writing and cold leaves (issue 10).

    .venv/bin/python bench/search.py --releases 2000 --backend whoosh --reuse archive_bench   # imports once
    .venv/bin/python bench/whoosh_codec.py --reuse archive_bench

Reads an archive already imported (a PostgreSQL database kept by bench/search.py --reuse) and never
writes to it. Measured in one run, on the same documents:

- baseline: jieba.lcut alone on every section text, one core (bench/search.py's baseline);
- writing an index with Whoosh's stock codec (W3Codec) and with ours (search.backends.whoosh_codec), one
  writer process each, alternating, as a ratio of the baseline;
- building the per-generation tables (search.backends.whoosh_tables.Tables) from scratch;
- a cold leaf: the postings of common words read through Whoosh's public Matcher interface (what the
  backend does) and through the codec matcher's private block arrays (what it used to do), and the whole
  leaf (postings, scores, bitsets) as the backend builds it.

Times are CPU seconds of this process (time.process_time), not wall-clock: the machine is shared, and
CPU time of a one-process job is what other load disturbs least. Nothing is asserted: this prints numbers
for the README.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = ["法院", "公安", "工作", "开展", "诈骗"]


def private_postings(reader, field: str, term: str):
    """The backend's former reading: whoosh 2.7's W3LeafMatcher block arrays (private members)."""
    from whoosh.reading import TermNotFound

    for sub, base in reader.leaf_readers():
        try:
            matcher = sub.postings(field, term)
        except TermNotFound:
            continue
        if not hasattr(matcher, "_read_ids"):  # a term inlined in its term info: a ListMatcher
            ids, weights = [], []
            while matcher.is_active():
                ids.append(base + matcher.id())
                weights.append(matcher.weight())
                matcher.next()
            yield ids, weights
            continue
        while matcher.is_active():
            matcher._read_ids()  # measured: the former way, timed here
            matcher._read_weights()  # measured: the former way, timed here
            ids = matcher._ids  # measured: the former way, timed here
            weights = matcher._weights  # measured: the former way, timed here
            yield (ids if base == 0 else [base + d for d in ids]), weights
            matcher._next_block()  # measured: the former way, timed here


clock = time.process_time


@contextlib.contextmanager
def former_patch():
    """The backend's former monkey-patch of whoosh 2.7's W3PerDocReader.doc_field_length (each segment's
    length column read into memory once), applied for the length of a measurement only."""
    from whoosh.codec import whoosh3

    original = whoosh3.W3PerDocReader.doc_field_length

    def cached(self, docnum, fieldname, default=0):
        cache = self.__dict__.setdefault("_bench_lengths", {})
        lengths = cache.get(fieldname)
        if lengths is None:
            column = whoosh3._lenfield(fieldname)  # measured: the former way, timed here
            reader = self._cached_reader(column, whoosh3.LENGTHS_COLUMN)
            lengths = cache[fieldname] = bytes(reader[i] for i in range(self._doccount)) if reader else b""
        if not lengths:
            return default
        lbyte = lengths[docnum] if docnum < len(lengths) else 0
        return whoosh3.byte_to_length(lbyte) if lbyte else None

    whoosh3.W3PerDocReader.doc_field_length = cached  # measured: the former way, timed here
    try:
        yield
    finally:
        whoosh3.W3PerDocReader.doc_field_length = original  # measured: the former way, timed here


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = clock()
        fn()
        times.append(clock() - started)
    return min(times)


def jieba_baseline(texts: list[str]) -> float:
    """CPU seconds jieba.lcut alone needs for every section text (bench/search.py's baseline)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba
    jieba.setLogLevel(60)
    jieba.initialize()
    started = clock()
    for text in texts:
        jieba.lcut(text)
    return clock() - started


def write_index(directory: Path, fields: list[dict], codec, memory: int) -> float:
    from whoosh import index as windex

    from search.backends.whoosh_store import make_schema

    directory.mkdir()
    ix = windex.create_in(str(directory), make_schema())
    started = clock()
    writer = ix.writer(limitmb=memory, codec=codec)
    for doc in fields:
        writer.add_document(**doc)
    writer.commit()
    return clock() - started


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reuse", required=True, metavar="DATABASE", help="a database bench/search.py kept")
    parser.add_argument(
        "--pg-admin-url",
        default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
    )
    parser.add_argument("--writes", type=int, default=2, help="index writes per codec (alternating)")
    parser.add_argument("--limit", type=int, help="write only the first N releases (default: all)")
    parser.add_argument(
        "--index", help="measure tables and cold leaves on this index directory instead (e.g. a --keep index)"
    )
    args = parser.parse_args()
    os.environ.update(
        ARCHIVE_DATA_DIR=tempfile.mkdtemp(prefix="archive-bench-codec-"),
        DEBUG="0",
        SECRET_KEY="bench-only-not-a-secret-" + "x" * 40,
        DATABASE_URL=f"{args.pg_admin_url.rsplit('/', 1)[0]}/{args.reuse}",
        SEARCH_BACKEND="whoosh",
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    import django

    django.setup()
    from django.conf import settings
    from whoosh import index as windex
    from whoosh.codec.whoosh3 import W3Codec

    from reports.models import Release
    from search.backends.whoosh import doc_fields
    from search.backends.whoosh_codec import ArchiveCodec
    from search.backends.whoosh_store import open_searcher
    from search.backends.whoosh_tables import Tables, read_postings
    from search.documents import section_documents

    ids = list(Release.objects.order_by("pk").values_list("pk", flat=True)[: args.limit])
    docs = list(section_documents(ids))
    fields = [doc_fields(doc) for doc in docs]
    texts = [doc.text for doc in docs]
    print(f"{len(ids)} releases, {len(fields)} sections")
    baseline = jieba_baseline(texts)
    chars = sum(map(len, texts))
    print(f"baseline: jieba.lcut alone on {chars:,} characters: {baseline:.1f} CPU s")

    memory = settings.SEARCH_REBUILD_MEMORY_MB
    root = Path(tempfile.mkdtemp(prefix="archive-bench-codec-ix-"))
    directory = None
    variants = {
        "W3Codec (stock)": (W3Codec, contextlib.nullcontext),
        "W3Codec + patch": (W3Codec, former_patch),
        "ArchiveCodec": (ArchiveCodec, contextlib.nullcontext),
    }
    written: dict[str, list[float]] = {name: [] for name in variants}
    for run in range(args.writes):
        for k, (name, (make, context)) in enumerate(variants.items()):
            directory = root / f"write-{run}-{k}"
            with context():
                seconds = write_index(directory, fields, make(), memory)
            written[name].append(seconds)
            print(
                f"  write {run + 1} {name:16s} {seconds:6.1f} CPU s = {seconds / baseline:.2f} x baseline",
                flush=True,
            )
    if args.writes:
        stock = min(written["W3Codec (stock)"])
        print(f"index write, one process, best of {args.writes} (CPU s, x baseline, vs stock):")
        for name, times in written.items():
            best = min(times)
            print(f"  {name:16s} {best:6.1f}  {best / baseline:5.2f}  {100 * (best - stock) / stock:+5.1f}%")

    ix = windex.open_dir(args.index or str(directory))  # by default the last one written: ArchiveCodec's
    searcher, _ = open_searcher(ix)
    reader = searcher.reader()
    tables_s = best_of(lambda: Tables(searcher), 3)
    with former_patch():
        fresh = iter([open_searcher(ix)[0] for _ in range(3)])  # each caches its lengths anew
        patched_s = best_of(lambda: Tables(next(fresh)), 3)
    print(
        f"tables from scratch ({reader.doc_count_all()} documents), best of 3: {tables_s * 1000:.0f} CPU ms; "
        f"with the former patch {patched_s * 1000:.0f} CPU ms"
    )
    tables = Tables(searcher)

    def drain(fn, word):
        return lambda: sum(len(ids) for ids, _ in fn(reader, "text", word))

    print("cold leaf, best of 5 (CPU ms):   postings  public  private   whole leaf (public)")
    for word in WORDS:
        count = sum(len(ids) for ids, _ in read_postings(reader, "text", word))
        public = best_of(drain(read_postings, word), 5)
        private = best_of(drain(private_postings, word), 5)

        def leaf(word=word):
            tables.leaves.clear()
            tables.term_leaf("text", word)

        whole = best_of(leaf, 5)
        print(
            f"  {word:4s}                    {count:7d}  {public * 1000:6.1f}  {private * 1000:7.1f}"
            f"   {whole * 1000:6.1f}  (public - private = {(public - private) * 1000:.1f} ms)"
        )
    searcher.close()
    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
