"""The Whoosh backend's in-memory tables: after incremental writes, tables derived from the previous
generation's must say exactly what tables read from scratch say (that is what lets an upload become
searchable without re-reading the whole index)."""

import pytest

from reports import outbox
from reports.models import Release
from search import indexing
from search.backends import get_backend
from search.backends.whoosh_tables import Tables, set_bits
from tests.conftest import archive_files, import_paths
from tests.search.test_search import ids, search


def view(t: Tables) -> dict:
    """What the tables say, by release and section ids (internal numbering may differ)."""
    rid = t.release_ids

    def releases(bits: int) -> list[int]:
        return sorted(rid[i] for i in set_bits(bits, t.nreleases))

    court = t.term_leaf("text", "法院")
    return {
        "sections": {rid[i]: sorted(t.doc_section[d] for d in t.release_docs[i]) for i in t.live_releases},
        "all": releases(t.all_releases),
        "facets": {name: {v: releases(b) for v, b in values.items()} for name, values in t.facets.items()},
        "agencies": [releases(bits) for bits in t.agency_releases],
        "by_date": [rid[i] for i in t.by_date],
        "court": [(t.doc_section[d], round(court.scores[d], 5)) for d in court.ranked],
        "court_releases": releases(court.releases),
    }


@pytest.mark.django_db
def test_tables_derived_after_writes_match_tables_read_from_scratch(settings):
    settings.SEARCH_BACKEND = "whoosh"
    files = archive_files()
    import_paths(files[:5])
    assert search("法院").total > 0  # builds this generation's tables
    backend = get_backend()
    _, cache = backend.store.searcher()
    before = cache["tables"]

    # An upload, an edit (re-indexed: its old documents deleted, new ones added) and a deletion.
    added = import_paths(files[5:6])[0].release
    edited = Release.objects.order_by("pk").first()
    section = edited.sections.order_by("order").last()
    section.text += "\n另据通报，启用琥珀色警报机制。"
    section.save()
    outbox.queue(edited.pk)
    deleted = Release.objects.exclude(pk__in=[edited.pk, added.pk]).order_by("pk").last()
    deleted_pk = deleted.pk
    deleted.delete()
    outbox.queue_delete(deleted_pk)  # as the admin's delete does: index writes are explicit
    indexing.process_pending()

    searcher, cache = backend.store.searcher()
    assert cache.get("previous") is before
    derived = Tables(searcher, previous=before)
    assert before.shared_docs(derived.segments) > 0, "nothing was reused: the test would prove nothing"
    fresh = Tables(searcher)
    assert view(derived) == view(fresh)
    assert deleted_pk not in view(derived)["all"] and added.pk in view(derived)["all"]

    # And through search, which derives its tables the same way.
    assert ids(search("琥珀色警报")) == [edited.pk]
    assert deleted_pk not in ids(search("", per_page=50))
    assert added.pk in ids(search(f'"{added.title}"'))


@pytest.mark.seeds
@pytest.mark.django_db
def test_tables_stay_exact_through_many_small_writes_and_segment_merges(settings):
    """Each write derives from the tables before it: single-release writes (Whoosh merges all its small
    segments on the fifth), a re-index that moves a release to another city and year (its facet bits
    must move too), a merge of every segment but the first (documents past the shared prefix disappear
    and come back renumbered), deletions."""
    settings.SEARCH_BACKEND = "whoosh"
    files = archive_files()
    import_paths(files[:2])
    backend = get_backend()
    search("法院")
    steps = [("add", path) for path in files[2:]] + [("move", None), ("merge", None), ("drop", None)]
    steps.append(("drop", None))
    for action, path in steps:
        _, cache = backend.store.searcher()
        before = cache["tables"]
        if action == "add":
            import_paths([path])
        elif action == "move":
            from reports.models import City

            release = Release.objects.order_by("pk").first()
            release.city = City.objects.exclude(pk=release.city_id).exclude(slug="").order_by("pk").first()
            release.sort_date = release.sort_date.replace(year=release.sort_date.year - 7)
            release.save()
            outbox.queue(release.pk)
            indexing.process_pending()
        elif action == "merge":
            with backend.write_lock(5) as acquired:
                assert acquired
                backend.store.open_for_write().writer().commit(mergetype=merge_all_but_first)
        else:
            gone = Release.objects.order_by("pk").last()
            gone_pk = gone.pk
            gone.delete()
            outbox.queue_delete(gone_pk)
            indexing.process_pending()
        searcher, cache = backend.store.searcher()
        derived = Tables(searcher, previous=before)
        if action == "merge":
            assert 0 < before.shared_docs(derived.segments) < before.ndocs
        assert view(derived) == view(Tables(searcher)), action
        # The search path derives the same way, and later steps derive from these.
        assert search("法院").total == len(view(derived)["court_releases"])


def merge_all_but_first(writer, segments):
    """A Whoosh merge policy: the first segment stays, the others become one new segment."""
    from whoosh.reading import SegmentReader

    for segment in segments[1:]:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return segments[:1]


@pytest.mark.django_db
def test_a_generation_opened_without_a_search_passes_its_tables_on(settings):
    """A status check between two writes opens a generation nobody searches; the next search must still
    derive its tables from the last ones built instead of reading every document again."""
    settings.SEARCH_BACKEND = "whoosh"
    files = archive_files()
    import_paths(files[:3])
    search("法院")
    backend = get_backend()
    _, cache = backend.store.searcher()
    built = cache["tables"]
    import_paths(files[3:4])
    assert backend.status()["ok"]  # opens the new generation, searches nothing
    import_paths(files[4:5])
    _, cache = backend.store.searcher()
    assert cache.get("previous") is built
    assert search("法院").total == len(Release.objects.all())


@pytest.mark.django_db
def test_reopened_searcher_reuses_unchanged_segment_readers_only(settings):
    """After a write the searcher keeps the readers of segments that did not change and opens the rest;
    a segment that lost documents gets a fresh reader, so a deleted release cannot be found."""
    settings.SEARCH_BACKEND = "whoosh"
    files = archive_files()
    import_paths(files[:3])
    backend = get_backend()

    def leaves():
        searcher, _ = backend.store.searcher()
        return {r.segment().segment_id(): r for r, _ in searcher.reader().leaf_readers()}

    before = leaves()
    added = import_paths(files[3:4])[0].release
    after = leaves()
    assert len(after) == len(before) + 1
    assert all(after[sid] is reader for sid, reader in before.items())  # reused, not reopened
    assert added.pk in ids(search(f'"{added.title}"'))

    gone = Release.objects.exclude(pk=added.pk).order_by("pk").first()
    gone_pk, title = gone.pk, gone.title
    gone.delete()
    outbox.queue_delete(gone_pk)
    indexing.process_pending()
    final = leaves()
    changed = [sid for sid in before if final.get(sid) is not None and final[sid] is not before[sid]]
    assert changed, "the segment holding the deleted release must be reopened"
    assert all(before[sid].is_closed for sid in changed)  # the replaced readers were closed
    assert gone_pk not in ids(search(f'"{title}"'))
    new_segment = (set(after) - set(before)).pop()
    assert final[new_segment] is after[new_segment]  # untouched by the deletion: still reused


@pytest.mark.django_db
def test_the_index_is_plain_whoosh_readable_without_our_codec(settings):
    """Our writers pass ArchiveCodec (search.backends.whoosh_codec), but the segments they write name a stock
    W3Codec: the files are plain Whoosh 3, and Whoosh alone finds what the backend finds."""
    from whoosh import index as windex
    from whoosh.codec.whoosh3 import W3Codec

    settings.SEARCH_BACKEND = "whoosh"
    import_paths(archive_files()[:3])
    backend = get_backend()
    ix = windex.open_dir(str(backend.store.current_dir()))
    court = Tables(backend.store.searcher()[0]).term_leaf("text", "法院")
    with ix.reader() as reader:
        segments = reader.segments()
        assert segments and all(type(segment.codec()) is W3Codec for segment in segments)
        assert reader.doc_frequency("text", "法院") == court.count > 0
