"""A Whoosh rebuild commits a segment whenever its writers' posting pools are full, instead of letting the
pools spill to disk; uploads afterwards never merge those segments (search/backends/whoosh.py)."""

import io

import pytest
from django.core.management import call_command

from reports.models import Release
from search.backends import get_backend
from search.backends import whoosh as whoosh_backend
from search.backends.whoosh_store import IndexChanged
from tests.conftest import archive_files, import_paths, import_texts
from tests.search.test_search import search

QUERIES = ("法院", "公安 诈骗", '"人民调解"', "知識產權", "city:苏州", "agency:court 案件", "2024")


def segment_ids() -> list[str]:
    searcher, _ = get_backend().store.searcher()
    return [sub.segment().segment_id() for sub, _ in searcher.reader().leaf_readers()]


def answers() -> dict:
    out = {}
    for q in QUERIES:
        result = search(q, per_page=50)
        out[q] = (
            result.total,
            [(r.release.pk, r.section.pk) for r in result.results],
            {name: dict(values) for name, values in result.facets.items()},
        )
    return out


def small_pools(monkeypatch, settings, procs: int, chars: int = 3000) -> None:
    """Pools that hold about `chars` characters of text between them: the samples take many commits."""
    per_char = procs * settings.SEARCH_REBUILD_MEMORY_MB * 2**20 * whoosh_backend.POOL_FILL / chars
    monkeypatch.setattr(whoosh_backend, "POOL_BYTES_PER_CHAR", per_char)
    monkeypatch.setattr(whoosh_backend, "LARGE_SEGMENT_DOCS", 1)  # chunks of a few documents may be cut


@pytest.fixture
def whoosh_archive(db, settings, index_dir):
    settings.SEARCH_BACKEND = "whoosh"
    outcomes = import_paths(archive_files())
    assert all(o.status == "created" for o in outcomes)


@pytest.mark.parametrize("procs", [1, 2])
def test_a_rebuild_in_pool_sized_segments_answers_as_one_segment_does(
    whoosh_archive, monkeypatch, settings, procs
):
    call_command("rebuild_index", "--procs", str(procs), stdout=io.StringIO())
    whole = segment_ids()
    assert len(whole) <= procs  # the samples fit one commit: one segment per process
    expected = answers()
    small_pools(monkeypatch, settings, procs)  # the same documents in many commits, each its own segments
    call_command("rebuild_index", "--procs", str(procs), stdout=io.StringIO())
    assert len(segment_ids()) > 5
    assert answers() == expected


def test_an_upload_leaves_the_segments_of_a_rebuild_alone(whoosh_archive, monkeypatch, settings, tmp_path):
    """Whoosh's stock MERGE_SMALL would fold rebuild segments into an upload's commit once there are many of
    them (here: tiny ones; in an archive: more than about 25 large ones)."""
    small_pools(monkeypatch, settings, 1)  # and every rebuild segment counts as large
    call_command("rebuild_index", "--procs", "1", stdout=io.StringIO())
    rebuilt = segment_ids()
    assert len(rebuilt) > 5
    for n, city in enumerate(("丽江", "鹤岗")):  # two uploads, each its own small segment
        text = f"{city}市召开2025年平安建设新闻发布会\n{city}市公安局通报，全年破获电信网络诈骗案件{120 + n}起。\n"
        import_texts(tmp_path, {f"upload{n}": text})
        assert search(city).total == 1
    now = segment_ids()
    assert now[: len(rebuilt)] == rebuilt


@pytest.mark.parametrize("procs", [1, 2])
def test_no_segment_is_compound(whoosh_archive, tmp_path, procs):
    """Whoosh copies every file of a compound segment into each reading process's memory (a worker held the
    whole index: 1,770 MB at 10,000 releases against 322 MB with separate files). Neither a rebuild nor an
    upload may write one."""

    def compound() -> list[bool]:
        searcher, _ = get_backend().store.searcher()
        return [sub.segment().is_compound() for sub, _ in searcher.reader().leaf_readers()]

    call_command("rebuild_index", "--procs", str(procs), stdout=io.StringIO())
    import_texts(tmp_path, {"upload": "丽江市召开平安建设新闻发布会\n丽江市公安局通报全年工作。\n"})
    assert search("丽江").total == 1
    assert len(compound()) >= 2 and not any(compound())  # the rebuild's segment(s) and the upload's


def test_a_reader_may_open_as_many_files_as_the_system_allows(whoosh_archive):
    """A reader keeps about 7 files open per segment, and a large rebuild writes about a hundred segments."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(256, hard), hard))
        get_backend().store.forget()
        assert search("法院").total > 0
        assert resource.getrlimit(resource.RLIMIT_NOFILE)[0] == hard
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_tables_read_while_a_merge_deleted_their_files_are_read_again(whoosh_archive, tmp_path):
    """Another process's upload merges the small segments and deletes their files, right after this one
    opened them: Whoosh then reads a missing column as defaults (release 2147483647), so tables read from
    such a reader are refused and the search reopens the index."""
    from search.backends.whoosh_search import _tables

    call_command("rebuild_index", "--procs", "1", stdout=io.StringIO())
    import_texts(tmp_path, {"first": "丽江市召开平安建设新闻发布会\n丽江市公安局通报全年工作。\n"})
    store = get_backend().store
    store.forget()
    held, cache = store.searcher()  # opened, not yet searched: tables are read by the first search
    held_ids = {sub.segment().segment_id() for sub, _ in held.reader().leaf_readers()}
    store._local.state = None  # as if the writes below were another process's: this one keeps `held`
    cities = ("鹤岗", "铜仁", "普洱", "雅安", "白山", "黑河")
    for n, city in enumerate(cities):  # enough small segments for Whoosh's MERGE_SMALL to fold them in
        import_texts(
            tmp_path, {f"more{n}": f"{city}市召开平安建设新闻发布会\n{city}市公安局通报全年工作。\n"}
        )
    gone = {i for i in held_ids if not any(store.current_dir().glob(f"{i}.*"))}
    assert gone, "no merge deleted a segment the held reader uses"
    with pytest.raises(IndexChanged):
        _tables(held, cache)
    assert all(search(city).total == 1 for city in ("丽江", *cities))


def test_a_rebuild_that_fails_midway_leaves_no_generation_behind(whoosh_archive, monkeypatch, settings):
    """Chunks already committed are gigabytes on a large archive: a failed rebuild removes them, and the
    index in use is untouched."""
    from reports.models import Release
    from search.documents import section_documents

    call_command("rebuild_index", "--procs", "1", stdout=io.StringIO())
    store = get_backend().store
    before, generations = store.current_dir(), sorted(store.root.glob("gen-*"))
    expected = answers()
    small_pools(monkeypatch, settings, 1)

    def failing():  # the database connection lost after some chunks were written
        for n, doc in enumerate(section_documents(Release.objects.values_list("pk", flat=True))):
            if n == 30:
                raise ConnectionError("lost the database")
            yield doc

    with pytest.raises(ConnectionError):
        get_backend().rebuild(failing(), procs=1)
    assert sorted(store.root.glob("gen-*")) == generations
    assert store.current_dir() == before and answers() == expected


def upload(tmp_path, n: int, city: str) -> Release:
    """A one-section release imported through the outbox, as an editor's upload is."""
    from search.indexing import process_pending

    release = import_texts(tmp_path, {f"up{n}": f"{city}市召开平安建设新闻发布会\n{city}市公安局通报。\n"})[
        f"up{n}"
    ]
    process_pending()
    return release


def delete_releases(pks) -> None:
    """Deleted as the admin deletes: the rows, then their index entries, in one index write."""
    from reports import outbox
    from search.indexing import process_pending

    for pk in pks:
        Release.objects.filter(pk=pk).delete()
        outbox.queue_delete(pk)
    process_pending()


def test_a_segment_left_without_documents_leaves_the_index_searchable(whoosh_archive, monkeypatch, tmp_path):
    """Uploads deleted again, as the benchmark and editors do, can leave a segment of no documents, which
    has no column files: the check for files a merge deleted (IndexChanged) must not take it for one. On
    the 100,000-release benchmark's index every search answered 503 so.

    How Whoosh makes one: its MERGE_SMALL merges the small segments once there are five of them, and
    `add_reader` marks the writer as holding documents even when every merged document was deleted. So
    five uploads, each its own commit, then one commit deleting all five."""
    # The samples' rebuild is one segment of 50 documents: large, as a real rebuild's thousands are.
    monkeypatch.setattr(whoosh_backend, "LARGE_SEGMENT_DOCS", 20)

    call_command("rebuild_index", "--procs", "1", stdout=io.StringIO())
    uploads = []
    for n, city in enumerate(("鹤岗", "铜仁", "普洱", "雅安", "白山")):
        uploads.append(upload(tmp_path, n, city).pk)
        assert search(city).total == 1
    delete_releases(uploads)
    searcher, _ = get_backend().store.searcher()
    counts = [sub.doc_count_all() for sub, _ in searcher.reader().leaf_readers()]
    assert 0 in counts, counts  # the premise: this sequence made a segment of no documents
    for query in ("法院", "鹤岗"):
        result = search(query)
        assert not result.error, result.error
    assert search("法院").total > 0 and search("鹤岗").total == 0


def test_after_uploads_and_deletions_searches_derive_their_tables(
    whoosh_archive, monkeypatch, settings, tmp_path
):
    """Upload → searchable stays short on a large archive only if the search after a write patches the
    previous generation's tables instead of reading every document again (28-39 s at 100,000 releases, a
    fresh worker's first query). Through the real path (import, outbox, write, search), on a rebuild of many
    segments, with uploads deleted again as the benchmark does (which leaves a 0-document segment)."""
    from search.backends import whoosh_tables

    small_pools(monkeypatch, settings, procs=1, chars=2000)
    monkeypatch.setattr(whoosh_backend, "LARGE_SEGMENT_DOCS", 3)
    call_command("rebuild_index", "--procs", "1", stdout=io.StringIO())
    read_all = []
    whole = whoosh_tables.Tables._documents

    def counting(tables, leaves):  # calls through: only counts the full reads
        read_all.append(len(leaves))
        return whole(tables, leaves)

    monkeypatch.setattr(whoosh_tables.Tables, "_documents", counting)
    assert search("法院").total > 0
    assert len(segment_ids()) > 5 and read_all == [len(segment_ids())]  # the one full read, at first use
    for n, city in enumerate(("鹤岗", "铜仁", "普洱", "雅安", "白山", "黑河")):
        release = upload(tmp_path, n, city)
        assert search(f'"{city}市召开平安建设新闻发布会"').total == 1
        delete_releases([release.pk])
        assert search(city).total == 0 and search("法院").total > 0
    assert len(read_all) == 1, read_all
