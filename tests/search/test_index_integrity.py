"""Keeping the index right: concurrent writers, edits and deletions, a damaged index, check_index."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from reports.importer import import_file
from reports.models import Release, Section
from reports.seed_data import load_topics
from search.backends import get_backend
from search.indexing import process_pending
from tests.conftest import ROOT, SAMPLES_DIR, archive_files
from tests.search.test_search import ids, search


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def manage(data_dir: Path, backend: str, *args) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "ARCHIVE_DATA_DIR": str(data_dir),
        "SEARCH_BACKEND": backend,
        "ARCHIVE_HTTPS": "0",
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_neither_corrupt_the_index_nor_lose_an_update(tmp_path, settings, search_backend):
    """Three importing processes and a full rebuild at once, as two web workers and an upload would."""
    load_topics(__import__("reports.models", fromlist=["Topic"]).Topic)
    data_dir = tmp_path / "data"
    settings.SEARCH_INDEX_DIR = data_dir / "index"
    files = archive_files()
    batches = [files[0::3], files[1::3], files[2::3]]
    for n, batch in enumerate(batches):
        folder = tmp_path / f"batch{n}"
        folder.mkdir()
        for path in batch:
            (folder / path.name).write_bytes(path.read_bytes())
    workers = [
        manage(data_dir, search_backend, "import_releases", str(tmp_path / f"batch{n}"), "--no-progress")
        for n in range(3)
    ]
    workers.append(manage(data_dir, search_backend, "rebuild_index"))
    for worker in workers:
        out, _ = worker.communicate(timeout=300)
        assert worker.returncode == 0, out
    assert Release.objects.count() == len(files)
    out = io.StringIO()
    call_command("check_index", "--dry-run", stdout=out)
    assert "0 missing, 0 stale, 0 orphaned; 0 queued" in out.getvalue()
    for release in Release.objects.all():
        assert release.pk in ids(search("", city=release.city.slug, per_page=50)), release.title


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_that_waits_for_the_writer_reads_the_archive_once_it_holds_it(
    tmp_path, settings, search_backend
):
    """A rebuild started while another writer holds the index must not build from what it read before: a
    release that writer indexed meanwhile (its task applied and deleted) would vanish from the new index.
    (Seen in CI under load: the concurrent-writers test above lost a release this way.)"""
    import time

    from reports.models import IndexTask
    from search.indexing import apply_tasks

    load_topics(__import__("reports.models", fromlist=["Topic"]).Topic)
    data_dir = tmp_path / "data"
    settings.SEARCH_INDEX_DIR = data_dir / "index"
    first, second = sorted(SAMPLES_DIR.glob("0*"))[:2]
    import_file(first.read_bytes(), first.name)
    process_pending()
    backend = get_backend()
    with backend.write_lock(30) as acquired:
        assert acquired
        rebuild = manage(data_dir, search_backend, "rebuild_index")
        time.sleep(8)  # the rebuild starts and waits for the writer we hold
        late = import_file(second.read_bytes(), second.name).release
        tasks = list(IndexTask.objects.order_by("id"))
        apply_tasks(backend, tasks)  # as the writer holding the lock does, then deletes what it applied
        IndexTask.objects.filter(id__in=[t.id for t in tasks]).delete()
    out, _ = rebuild.communicate(timeout=300)
    assert rebuild.returncode == 0, out
    report = io.StringIO()
    call_command("check_index", "--dry-run", stdout=report)
    assert "0 missing, 0 stale, 0 orphaned" in report.getvalue(), report.getvalue()
    assert late.pk in ids(search("", city=late.city.slug, per_page=50))


def test_editing_a_section_in_the_admin_reindexes_it(
    admin_client, archive, django_capture_on_commit_callbacks
):
    section = archive["06_anji_zhengfa"].sections.get(order=2)
    assert search("琥珀色警报").total == 0
    data = {
        "order": section.order,
        "heading": section.heading,
        "agency": section.agency,
        "agency_name": section.agency_name,
        "text": section.text + "\n另据通报,启用琥珀色警报机制。",
        "metrics-TOTAL_FORMS": "0",
        "metrics-INITIAL_FORMS": "0",
        "metrics-MIN_NUM_FORMS": "0",
        "metrics-MAX_NUM_FORMS": "1000",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:reports_section_change", args=[section.pk]), data)
    assert response.status_code == 302
    found = search("琥珀色警报")
    assert ids(found) == [section.release_id] and found.results[0].section.pk == section.pk


def test_deleting_a_release_removes_it_from_search(admin_client, archive, django_capture_on_commit_callbacks):
    release = archive["05_zhanjiang_fanzha"]
    assert release.pk in ids(search("湛江"))
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("admin:reports_release_delete", args=[release.pk]), {"post": "yes"})
    assert search("湛江").total == 0


def test_check_index_finds_and_repairs_differences(archive):
    release = archive["06_anji_zhengfa"]
    backend = get_backend()
    with backend.write_lock(10):
        backend.write([], remove={release.pk})  # lost from the index behind the outbox's back
    Section.objects.filter(pk=release.sections.first().pk).update(text="改过的正文")
    Release.objects.filter(pk=archive["03_mianyang_jiancha"].pk).update(title="改过的标题")  # stale stamp
    out = io.StringIO()
    with pytest.raises(CommandError, match="differs"):
        call_command("check_index", "--dry-run", stdout=out)
    assert "1 missing" in out.getvalue()
    out = io.StringIO()
    call_command("check_index", stdout=out)
    assert "repaired" in out.getvalue()
    assert release.pk in ids(search("安吉"))
    out = io.StringIO()
    call_command("check_index", "--dry-run", stdout=out)
    assert "0 missing, 0 stale, 0 orphaned" in out.getvalue()


def damage(backend_name: str):
    if backend_name == "whoosh":
        store = get_backend().store
        for toc in store.current_dir().glob("*.toc"):
            toc.write_bytes(b"\x00garbage")
        store.forget()
    else:
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE search_pg_section RENAME TO search_pg_section_broken")


def test_a_damaged_index_is_reported_and_the_rest_works(client, archive, search_backend):
    damage(search_backend)
    result = search("法院")
    assert result.error and result.total == 0
    api = client.get("/api/search/", {"q": "法院"})
    error = api.json()["error"]
    assert api.status_code == 503 and ("rebuild_index" in error or "check_index" in error)
    health = client.get("/healthz")
    assert health.status_code == 200 and health.json()["status"] == "degraded"
    release = archive["000_21be0218603827b1"]
    assert client.get(f"/api/releases/{release.pk}/").status_code == 200


def test_a_missing_index_says_how_to_build_it(db, index_dir, settings, client):
    settings.SEARCH_BACKEND = "whoosh"
    import_file((SAMPLES_DIR / "06_anji_zhengfa.txt").read_bytes(), "06.txt")  # queued, never processed
    result = search("安吉")
    assert "rebuild_index" in result.error
    assert client.get("/healthz").json()["index"]["ok"] is False


def test_rebuild_with_two_processes_matches_one(archive, search_backend):
    one = [(r.release.pk, r.section.pk) for r in search("法院", per_page=50).results]
    call_command("rebuild_index", "--procs", "2", stdout=io.StringIO())
    two = [(r.release.pk, r.section.pk) for r in search("法院", per_page=50).results]
    assert sorted(one) == sorted(two)


def test_import_is_searchable_at_once(db, search_backend, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        release = import_file((SAMPLES_DIR / "04_weifang_sifa.txt").read_bytes(), "04.txt").release
    assert ids(search("潍坊")) == [release.pk]
    process_pending()


def test_an_index_from_an_older_schema_asks_for_a_rebuild(db, settings, client):
    settings.SEARCH_BACKEND = "whoosh"
    import_file((SAMPLES_DIR / "06_anji_zhengfa.txt").read_bytes(), "06.txt")
    process_pending()
    store = get_backend().store
    (store.current_dir() / "archive-schema-version").write_text("1")
    store.forget()
    result = search("安吉")
    assert "older version" in result.error and "rebuild_index" in result.error
    call_command("rebuild_index", stdout=io.StringIO())
    assert search("安吉").total == 1


def test_index_repairs_leave_public_dates_alone(client, archive):
    """Indexing keeps its own version: a rebuild or a check_index repair must not move the date that the
    feed and the sitemap publish as the release's "updated" date."""
    release = archive["06_anji_zhengfa"]
    before = {r.pk: r.updated_at for r in Release.objects.all()}
    feed_before = client.get("/feeds/releases/").content
    backend = get_backend()
    with backend.write_lock(10):
        backend.write([], remove={release.pk})  # lost from the index: check_index queues and re-indexes it
    call_command("check_index", stdout=io.StringIO())
    assert release.pk in ids(search("安吉"))
    call_command("rebuild_index", stdout=io.StringIO())
    assert {r.pk: r.updated_at for r in Release.objects.all()} == before
    assert client.get("/feeds/releases/").content == feed_before
    out = io.StringIO()
    call_command("check_index", "--dry-run", stdout=out)  # the index's own versions agree with the database
    assert "0 missing, 0 stale, 0 orphaned" in out.getvalue()


def test_a_rebuild_the_disk_cannot_hold_stops_before_it_starts(db, settings, search_backend):
    """A Whoosh rebuild needs tens of GB of scratch on a large archive: refused at once with the figures,
    the index in use untouched. PostgreSQL keeps its rows in the database and is not held back."""
    import shutil

    import_file((SAMPLES_DIR / "06_anji_zhengfa.txt").read_bytes(), "06.txt")
    process_pending()
    backend = get_backend()
    before = backend.store.current_dir() if search_backend == "whoosh" else None
    free_mb = shutil.disk_usage(settings.SEARCH_INDEX_DIR.parent).free // 2**20
    settings.SEARCH_REBUILD_KEEP_FREE_MB = free_mb + 1024  # asks to keep more than the disk has
    if search_backend == "postgres":
        call_command("rebuild_index", stdout=io.StringIO())
        assert ids(search("安吉"))
        return
    with pytest.raises(CommandError) as refused:
        call_command("rebuild_index", stdout=io.StringIO())
    message = str(refused.value)
    assert "not enough disk" in message and "SEARCH_REBUILD_KEEP_FREE_MB" in message
    assert str(settings.SEARCH_INDEX_DIR) in message and "--skip-space-check" in message
    assert sorted(p.name for p in settings.SEARCH_INDEX_DIR.glob("gen-*")) == [before.name]
    assert backend.store.current_dir() == before and ids(search("安吉"))
    call_command("rebuild_index", "--skip-space-check", stdout=io.StringIO())
    assert backend.store.current_dir() != before and ids(search("安吉"))
