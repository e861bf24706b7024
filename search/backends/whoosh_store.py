"""The on-disk Whoosh index: schema, generations, and the cached searcher of each process.

Layout under SEARCH_INDEX_DIR:
    current -> gen-20261122T101500-1234   (symlink, replaced atomically by rebuild_index)
    gen-…/                                 (a complete Whoosh index)
    .write.lock                            (our cross-process writer lock)

A rebuild writes a new generation beside the live one and swaps the link, so searches never see a
half-built index; incremental writes go to the live generation under the write lock. Each process keeps
one searcher and refreshes it when the link or the index generation changes.
"""

from __future__ import annotations

import logging
import os
import resource
import shutil
import threading
import time
from pathlib import Path

from whoosh import index as windex
from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema

from search.analysis import ArchiveAnalyzer, PairsAnalyzer
from search.backends import whoosh_verify
from search.request import IndexUnavailable

log = logging.getLogger(__name__)
# Messages of IndexUnavailable reach anonymous users (the API's 503): never a path; the log has the details.
DAMAGED = "the search index is damaged; run `manage.py check_index` to repair it"

# Bumped whenever the fields change: an index built by older code must be rebuilt, not half-used.
SCHEMA_VERSION = "5"
VERSION_FILE = "archive-schema-version"


def make_schema() -> Schema:
    """Sections only, with what searching needs; release facts (city, year, topics) stay in the database.

    No positions anywhere: a phrase is the sections holding all its adjacent-word pairs, and the rare
    cases that need more (a phrase of three or more words among few candidates, a phrase broken by a stop
    word) are checked against the section texts. Positions were the most expensive part to write.
    """
    return Schema(
        section_id=NUMERIC(int, bits=64, stored=True, sortable=True),
        release_key=ID(),
        release_id=NUMERIC(int, bits=64, stored=True, sortable=True),
        order=NUMERIC(int, stored=True),
        # One text field (see whoosh.searchable_text): one posting list per word, with its frequency.
        text=TEXT(analyzer=ArchiveAnalyzer(), phrase=False),
        pairs=TEXT(analyzer=PairsAnalyzer(), phrase=False),
        agency=ID(stored=True, sortable=True),
        version=STORED(),
    )


def allow_open_files() -> None:
    """Raise this process's soft limit on open files to its hard limit. A reader keeps about 7 files open per
    segment (segments are not compound: search.backends.whoosh), and a rebuild of 100,000 releases writes
    about a hundred segments, past the 1,024 a service manager's soft limit often allows."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    # An unlimited hard limit (macOS) cannot be the soft one: try smaller values the kernel allows.
    for target in (hard, 65536, 10240):
        if target == resource.RLIM_INFINITY or (hard != resource.RLIM_INFINITY and target > hard):
            continue
        if target <= soft:
            return
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            return
        except (ValueError, OSError):  # refused: try a smaller value, else keep the soft limit
            continue


class IndexChanged(Exception):
    """A segment's files were deleted while its reader was being read (an upload's merge, in another
    process): what was read may be Whoosh's defaults. Reopen and read again."""


class IndexStore:
    def __init__(self, root: str | Path):
        self.root = Path(root)
        self.link = self.root / "current"
        self.lock_path = self.root / ".write.lock"
        self._local = threading.local()

    # --- generations -----------------------------------------------------------------------------------

    def current_dir(self) -> Path | None:
        try:
            target = os.readlink(self.link)
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.error("the index link %s is unreadable: %s", self.link, exc)
            raise IndexUnavailable(
                "the search index link is unreadable; run `manage.py check_index`"
            ) from None
        directory = self.root / target
        if not directory.is_dir():
            # A generation removed by hand or by a failed restore: say so, rather than "an older schema".
            log.error("the index link %s points at a missing generation %s", self.link, target)
            raise IndexUnavailable(
                "the search index is missing (its current generation is gone); run `manage.py check_index`"
            )
        return directory

    def new_generation(self) -> Path:
        self.root.mkdir(parents=True, exist_ok=True)
        path = self.root / f"gen-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6}"
        path.mkdir()
        windex.create_in(str(path), make_schema())
        (path / VERSION_FILE).write_text(SCHEMA_VERSION)
        return path

    def check_version(self, directory: Path) -> None:
        try:
            found = (directory / VERSION_FILE).read_text().strip()
        except OSError:
            found = "1"
        if found != SCHEMA_VERSION:
            raise IndexUnavailable(
                f"the search index was built by an older version of the archive (schema {found}, "
                f"now {SCHEMA_VERSION}); run `manage.py rebuild_index`"
            )

    def publish(self, generation: Path) -> None:
        """Point `current` at a finished generation (atomic rename of a fresh link), drop older ones."""
        try:
            previous = self.current_dir()
        except IndexUnavailable:
            previous = None  # a dangling or unreadable link: replaced now
        tmp = self.root / f".current.{os.getpid()}"
        if tmp.is_symlink() or tmp.exists():
            tmp.unlink()
        os.symlink(generation.name, tmp)
        os.replace(tmp, self.link)
        # Keep the generation just replaced: a search that opened it a moment ago may still read it.
        for old in self.root.glob("gen-*"):
            if old != generation and old != previous:
                shutil.rmtree(old, ignore_errors=True)

    def open_for_write(self):
        """The live index, created empty on first use. Call with the write lock held."""
        directory = self.current_dir()
        if directory is None:
            directory = self.new_generation()
            self.publish(directory)
        self.check_version(directory)
        try:
            return windex.open_dir(str(directory))
        except Exception as exc:
            log.error("opening the index at %s for writing failed: %r", directory, exc)
            raise IndexUnavailable("the search index is damaged; run `manage.py check_index`") from exc

    # --- reading -----------------------------------------------------------------------------------------

    def searcher(self):
        """This thread's searcher, reopened when a rebuild swapped generations or a write committed."""
        directory = self.current_dir()
        if directory is None:
            raise IndexUnavailable("the search index has not been built yet; run `manage.py rebuild_index`")
        state = getattr(self._local, "state", None)
        self.check_version(directory)
        try:
            generation = None if state is None else state["ix"].latest_generation()
            if state is None or state["dir"] != directory or generation != state["generation"]:
                # Open afresh rather than Searcher.refresh(): refresh reuses each segment's reader, and a
                # reused reader keeps the deletions it knew, so a deleted release would stay findable.
                # open_searcher reuses a reader only where the deletions are the same. The tables built
                # for the generation before can lend what is unchanged (same directory: an incremental
                # write, which appends a segment and marks deletions). A generation opened but never
                # searched (status, check_index) passes on what it was lent, or the next search would
                # read every document again.
                damaged = whoosh_verify.damaged_files(directory)
                if damaged:
                    log.error("index files failing their checksum in %s: %s", directory, damaged)
                    raise IndexUnavailable(DAMAGED)
                allow_open_files()
                same = state is not None and state["dir"] == directory
                previous = (state["cache"].get("tables") or state["cache"].get("previous")) if same else None
                ix = windex.open_dir(str(directory))
                searcher, generation = open_searcher(ix, state["searcher"] if same else None)
                if state is not None:
                    close_unused(state["searcher"], searcher)
                state = {
                    "dir": directory,
                    "ix": ix,
                    "generation": generation,
                    "searcher": searcher,
                    "cache": {"previous": previous} if previous is not None else {},
                }
                self._local.state = state
        except IndexUnavailable:
            raise
        except Exception as exc:
            self.forget()
            log.error("the index at %s cannot be read: %r", directory, exc)
            raise IndexUnavailable(
                f"the search index cannot be read ({exc.__class__.__name__}); run `manage.py rebuild_index`"
            ) from exc
        return state["searcher"], state["cache"]

    def forget(self) -> None:
        state = getattr(self._local, "state", None)
        if state:
            try:
                state["searcher"].close()
            except Exception:
                pass
        self._local.state = None


def open_searcher(ix, old=None, attempts: int = 10):
    """(searcher, TOC generation) of the index's latest generation, reusing the segment readers of `old`
    whose segment is unchanged: the same segment with as many live documents (deletions only ever grow).
    Opening a segment costs file opens and its tables' reading, so an upload reopens only the new segment
    and those that lost documents.

    All through Whoosh's public API. `FileIndex.reader(reuse=...)` alone would not do: it reuses a reader
    whenever the segment's name matches, deletions or not (a deleted release would stay findable), and
    adds back the segments of `reuse` that a merge has since removed. So we read the table of contents
    ourselves (`TOC.read`), hand Whoosh as `reuse` only the readers whose segment is unchanged in it, and
    check that the reader Whoosh opened holds exactly those segments with those document counts. If not, a
    writer committed in between (or removed a merged segment's files, on which Whoosh retries and closes
    the readers it was lent): read the newer TOC and try again."""
    from whoosh.index import TOC
    from whoosh.reading import MultiReader
    from whoosh.searching import Searcher

    lent = []
    if old is not None:
        lent = [r for r, _ in old.reader().leaf_readers() if r.segment() is not None and not r.is_closed]
    for attempt in range(attempts):
        toc = TOC.read(ix.storage, ix.indexname)
        wanted = [(segment.segment_id(), segment.doc_count()) for segment in toc.segments]
        unchanged = set(wanted)
        reuse = [
            r for r in lent if not r.is_closed and (r.segment().segment_id(), r.doc_count()) in unchanged
        ]
        reader = ix.reader(reuse=reuse[0] if len(reuse) == 1 else MultiReader(reuse) if reuse else None)
        leaves = [r for r, _ in reader.leaf_readers() if r.segment() is not None]
        opened = [r for r in leaves if all(r is not kept for kept in reuse)]
        got = [(r.segment().segment_id(), r.doc_count()) for r in leaves if not r.is_closed]
        if got == wanted:
            return Searcher(reader, fromindex=ix), toc.generation
        for r in opened:
            r.close()
        if attempt + 1 < attempts:
            time.sleep(0.05)
    raise OSError(f"the index kept changing while it was opened ({attempts} attempts)")


def close_unused(old, new) -> None:
    """Close the segment readers of the `old` searcher that `new` does not use."""
    kept = {id(reader) for reader, _ in new.reader().leaf_readers()}
    for reader, _ in old.reader().leaf_readers():
        if id(reader) not in kept:
            try:
                reader.close()
            except Exception:
                pass
