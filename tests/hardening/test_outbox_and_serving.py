"""Issue 9, failures 7 and 9, through real gunicorn: the outbox is drained at start-up and on a schedule,
/healthz reports stale tasks, import_releases survives a broken index, long queries reach the app."""

import io
import os
import subprocess
import sys
import time
import urllib.parse

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from reports.importer import import_file
from reports.models import IndexTask
from reports.outbox import deferred
from tests.conftest import ROOT, SAMPLES_DIR
from tests.search.test_index_integrity import database_url
from tests.site.test_serving import free_port, get

SAMPLE = SAMPLES_DIR / "05_zhanjiang_fanzha.txt"


def committed_but_not_indexed():
    """What a worker killed between its commit and its index write leaves: a release and its queued task."""
    with deferred():  # queued in the outbox, never applied: as if the process died right after the commit
        outcome = import_file(SAMPLE.read_bytes(), "05.txt")
    assert outcome.status == "created" and IndexTask.objects.count() == 1
    return outcome.release


def age_tasks(seconds: int):
    IndexTask.objects.update(created_at=timezone.now() - timezone.timedelta(seconds=seconds))


def test_healthz_says_degraded_while_a_task_is_stale(db, client, search_backend):
    committed_but_not_indexed()
    health = client.get("/healthz").json()
    assert health["index"]["pending"] == 1 and health["index"]["stale"] == 0
    age_tasks(600)
    health = client.get("/healthz").json()
    assert health["status"] == "degraded" and health["index"]["stale"] == 1


def test_a_request_drains_a_stale_outbox(db, client, search_backend):
    from search import outbox

    release = committed_but_not_indexed()
    age_tasks(600)
    outbox._last_check["at"] = 0.0  # the last check in this process was long ago
    client.get("/")  # any request: the check runs after the response
    assert IndexTask.objects.count() == 0
    found = client.get("/api/search/", {"q": "湛江"}).json()
    assert [r["release_id"] for r in found["results"]] == [release.pk]
    assert client.get("/healthz").json()["status"] == "ok"


def test_process_outbox_command(db, search_backend):
    committed_but_not_indexed()
    out = io.StringIO()
    call_command("process_outbox", stdout=out)
    assert "applied 1 queued change(s); 0 left" in out.getvalue()


def test_import_releases_with_a_broken_index_prints_its_summary(db, settings, tmp_path):
    settings.SEARCH_BACKEND = "whoosh"
    settings.SEARCH_INDEX_DIR.mkdir(parents=True, exist_ok=True)
    (settings.SEARCH_INDEX_DIR / "current").symlink_to("gen-gone")  # a dangling link: the index is unusable
    out = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_releases", str(SAMPLE), "--no-progress", stdout=out)
    text = out.getvalue()
    assert "created" in text and "1 created, 0 duplicate, 0 failed" in text
    assert "check_index" in text and raised.value.returncode == 1
    assert IndexTask.objects.count() == 1  # still queued, not lost


@pytest.fixture
def gunicorn(transactional_db, tmp_path):
    """The app under real gunicorn with the project's config, against this test's database."""
    servers = []

    def start(**extra_env):
        port = free_port()
        env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "ARCHIVE_DATA_DIR": str(tmp_path / "data"),
            "SEARCH_INDEX_DIR": "",
            "ARCHIVE_HTTPS": "0",
            "WEB_CONCURRENCY": "1",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECRET_KEY": "gunicorn-test-" + "k" * 50,
            **extra_env,
        }
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "archive.wsgi:application",
                "--config",
                "archive/gunicorn_conf.py",
                "--bind",
                f"127.0.0.1:{port}",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        servers.append(server)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                get(f"{base}/healthz")
                return base
            except OSError:
                if server.poll() is not None:
                    pytest.fail(server.stdout.read())
                time.sleep(0.3)
        pytest.fail("gunicorn did not answer")

    yield start
    for server in servers:
        server.terminate()
        server.wait(timeout=30)


def test_gunicorn_start_up_drains_what_a_dead_worker_left(gunicorn, settings, tmp_path, search_backend):
    settings.SEARCH_INDEX_DIR = tmp_path / "data" / "index"
    release = committed_but_not_indexed()  # committed: transactional_db
    base = gunicorn(SEARCH_BACKEND=search_backend)
    deadline = time.monotonic() + 30
    while IndexTask.objects.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not IndexTask.objects.exists()
    status, body, _ = get(f"{base}/api/search/?q=" + urllib.parse.quote("湛江"))
    assert status == 200 and f'"release_id": {release.pk}' in body


@pytest.mark.parametrize("chars", [201, 450, 800])
def test_a_long_query_gets_the_friendly_message_through_gunicorn(gunicorn, chars):
    base = gunicorn()
    query = urllib.parse.quote("法" * chars)
    status, body, _ = get(f"{base}/api/search/?q={query}&city=shenyang&topic=drugs&page=1")
    # The app answered (no index was built here: 503 with the app's JSON), and it said the query is too long.
    assert status in (200, 503), body[:300]
    assert "query_too_long" in body
    status, body, _ = get(f"{base}/search/?q={query}")
    assert status == 200 and "Traceback" not in body
