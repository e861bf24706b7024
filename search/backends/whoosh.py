"""The embedded search backend: a Whoosh index on disk (see whoosh_store for its layout)."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterable

from django.conf import settings
from whoosh.writing import MERGE_SMALL

from search.analysis import warm_up
from search.backends import whoosh_verify
from search.backends.locks import file_lock
from search.backends.whoosh_codec import codec
from search.backends.whoosh_search import run_release_sets, run_search
from search.backends.whoosh_store import DAMAGED, IndexChanged, IndexStore
from search.documents import SectionDoc
from search.request import IndexUnavailable

log = logging.getLogger(__name__)
WRITER_MB = 256  # incremental writes: a few releases at a time
# Disk a rebuild uses per character of section text. The index itself: 10.2 bytes a character at 10,000
# releases in pool-sized segments (731 MB for 71.4 million characters; 7.5 in the two large segments of
# the former single commit, whose pools spilled runs that peaked at 72 bytes a character). A rebuild commits
# before its pools would spill (below), so the rest is a reserve for a pool that spills anyway when one
# process is handed more than its share.
REBUILD_BYTES_PER_CHAR = 12 + 12
# What Whoosh's posting pool counts against `limitmb` per character of searchable text (its own estimate of
# the postings it holds; 78 bytes a character on the generated corpus, 1,000 releases, one writer). A writer
# whose pool passes its limit sorts and pickles the postings to disk item by item and reads them back in a
# heap merge at commit: one process writing 1,000 releases took 65.9 CPU s with the pool spilling
# (limitmb 64) and 46.1 CPU s without (jieba alone 17.6 s). So a rebuild commits a segment before a pool
# would spill: each commit takes about as much text as its processes' pools hold, with a fifth to spare
# for documents shared out unevenly.
POOL_BYTES_PER_CHAR = 78
POOL_FILL = 0.8
# A segment a rebuild wrote holds thousands of documents; an upload's holds a release's few sections.
# Whoosh's stock policy (MERGE_SMALL) sorts every segment by size and, with more than about 25 equal large
# segments and few small ones, finds its "merge point" among the large ones: an upload would then merge
# most of the archive. Uploads merge only the small segments (see merge_small_segments).
LARGE_SEGMENT_DOCS = 2000
# Segments are written as separate files (`compound=False`, a public writer argument). Whoosh reads a
# compound segment through a memory map, but hands each of its files out as a BytesIO over the map, which
# copies the whole file: every worker then held a private copy of the entire index. Measured at 10,000
# releases (bench/search.py, one gunicorn worker after the 200 queries): 1,770 MB resident with compound
# segments, 322 MB without; the same query times (median 20.8 ms both, p95 69-75 vs 71-73 ms, alternating
# runs), uploads searchable in 0.42 s instead of 0.66 s. The price is open files: about 7 per segment.


def searchable_text(doc: SectionDoc) -> str:
    """What a section is found by, in one field. The release's title goes with its first section only
    (matching is per release, so the title still counts for every query); the heading line, which also
    opens the text, and the agency's name come first once more, so a section about the query outranks
    one that merely mentions it. Line breaks keep phrases from running across these parts."""
    parts = [doc.title] if doc.order == 0 else []
    parts += [doc.heading, doc.text, doc.numbers]
    return "\n".join(part for part in parts if part)


def doc_fields(doc: SectionDoc) -> dict:
    text = searchable_text(doc)
    return {
        "section_id": doc.section_id,
        "release_key": str(doc.release_id),
        "release_id": doc.release_id,
        "order": doc.order,
        "text": text,
        "pairs": text,  # the same string: analysed once (analysis.analyze_with_pairs keeps the last result)
        "agency": doc.agency,
        "version": doc.version,
    }


def pool_sized(fields, chars: float, docs: int = 1):
    """The documents in chunks of about `chars` characters of searchable text and at least `docs` documents."""
    chunk, size = [], 0
    for item in fields:
        chunk.append(item)
        size += len(item["text"])
        if size >= chars and len(chunk) >= docs:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def merge_small_segments(writer, segments):
    """An upload's merge policy: Whoosh's MERGE_SMALL among the small segments only; the large ones a
    rebuild wrote stay, in their order."""
    large = [s for s in segments if s.doc_count_all() >= LARGE_SEGMENT_DOCS]
    small = [s for s in segments if s.doc_count_all() < LARGE_SEGMENT_DOCS]
    return large + MERGE_SMALL(writer, small)


class WhooshBackend:
    name = "whoosh"

    def __init__(self, index_dir: str):
        self.store = IndexStore(index_dir)

    def write_lock(self, timeout: float):
        return file_lock(self.store.lock_path, timeout)

    def write(self, docs: list[SectionDoc], remove: set[int]) -> None:
        """Replace the entries of the `remove` releases with `docs`. Caller holds the write lock."""
        ix = self.store.open_for_write()
        writer = ix.writer(limitmb=WRITER_MB, codec=codec(), compound=False)
        try:
            for release_id in remove:
                writer.delete_by_term("release_key", str(release_id))
            for doc in docs:
                writer.add_document(**doc_fields(doc))
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=merge_small_segments)
        whoosh_verify.record(self.store.current_dir())

    def rebuild_disk(self) -> tuple[str, int]:
        """Where a rebuild writes, and the disk it needs there per character of section text."""
        self.store.root.mkdir(parents=True, exist_ok=True)
        return str(self.store.root), REBUILD_BYTES_PER_CHAR

    def rebuild(self, docs: Iterable[SectionDoc], procs: int = 1) -> int:
        """Build a complete new generation from `docs` and publish it. Caller holds the write lock.
        A rebuild that fails removes its unpublished generation (gigabytes on a large archive), so a retry
        finds the disk as it was."""
        generation = self.store.new_generation()
        try:
            count = self._write_generation(generation, docs, procs)
        except BaseException:
            shutil.rmtree(generation, ignore_errors=True)
            raise
        self.store.publish(generation)
        return count

    def _write_generation(self, generation, docs: Iterable[SectionDoc], procs: int) -> int:
        from whoosh import index as windex

        ix = windex.open_dir(str(generation))
        memory = settings.SEARCH_REBUILD_MEMORY_MB
        # Loaded once here, so every chunk's forked writers inherit jieba's dictionary instead of loading it.
        warm_up()
        count = 0
        chars = procs * memory * 2**20 * POOL_FILL / POOL_BYTES_PER_CHAR
        # At least twice LARGE_SEGMENT_DOCS per process, so uploads never take a rebuild segment for a
        # small one (a small SEARCH_REBUILD_MEMORY_MB then spills instead).
        for chunk in pool_sized(map(doc_fields, docs), chars, 2 * procs * LARGE_SEGMENT_DOCS):
            options = {"limitmb": memory, "codec": codec(), "compound": False}
            # With procs > 1 each sub-writer analyses and writes its own segment: both cores segment text.
            writer = (
                ix.writer(procs=procs, multisegment=True, **options) if procs > 1 else ix.writer(**options)
            )
            try:
                for fields in chunk:
                    writer.add_document(**fields)
            except BaseException:
                writer.cancel()
                raise
            writer.commit(merge=False)  # the segments of earlier chunks stay as written
            count += len(chunk)
        # Whoosh's multiprocess writer drops the segment of a sub-process that died (its result never
        # arrives): publish nothing that lacks documents.
        written = windex.open_dir(str(generation)).doc_count_all()
        if written != count:
            raise OSError(f"the rebuild wrote {written} of {count} sections; the live index is unchanged")
        whoosh_verify.record(generation)
        return count

    def indexed_versions(self) -> dict[int, tuple[str, int]]:
        """release id -> (version, number of sections) as the index holds them."""
        searcher, _ = self.store.searcher()
        found: dict[int, tuple[str, int]] = {}
        for fields in searcher.reader().all_stored_fields():
            rid = fields["release_id"]
            version, count = found.get(rid, (fields.get("version", ""), 0))
            found[rid] = (version, count + 1)
        return found

    def status(self) -> dict:
        try:
            searcher, _ = self.store.searcher()
            # A stat per file: checksums are read again only for a file whose size or mtime changed.
            if self.verify():
                return {"ok": False, "backend": self.name, "error": DAMAGED}
            return {"ok": True, "backend": self.name, "sections": searcher.doc_count()}
        except IndexUnavailable as exc:
            return {"ok": False, "backend": self.name, "error": str(exc)}

    def _read(self, run, *args):
        """`run(searcher, cache, *args)`, once more on a reopened index if a merge elsewhere deleted files
        it was reading (IndexChanged)."""
        searcher, cache = self.store.searcher()
        try:
            return run(searcher, cache, *args)
        except IndexChanged:
            self.store.forget()
            searcher, cache = self.store.searcher()
            return run(searcher, cache, *args)

    def search(self, request):
        try:
            return self._read(run_search, request)
        except IndexUnavailable:
            raise
        except Exception as exc:
            # Damage the checksums could not see (an index written before them): a zlib or struct error
            # from inside a posting list. The reader of a damaged segment is not reused.
            log.error("search failed inside the index: %r", exc, exc_info=True)
            self.store.forget()
            raise IndexUnavailable(DAMAGED) from exc

    def record_checksums(self) -> int:
        """For an index written before checksums existed: record them now (0 if it has them)."""
        with self.write_lock(15.0) as acquired:
            directory = self.store.current_dir()
            if not acquired or directory is None or whoosh_verify.has_manifest(directory):
                return 0
            return whoosh_verify.record(directory)

    def verify(self) -> list[str]:
        """Names of damaged index files (reads every file once per process; cached per file after)."""
        directory = self.store.current_dir()
        return whoosh_verify.damaged_files(directory) if directory else []

    def release_sets(self, request, nodes, release_ids) -> list[set[int]]:
        """Which of `release_ids` each query node matches (search.matching asks, search.ranking uses)."""
        if not release_ids or not nodes:
            return [set() for _ in nodes]
        return self._read(run_release_sets, request, nodes, release_ids)
