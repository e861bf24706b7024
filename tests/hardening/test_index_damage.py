"""Issue 9, failure 2: byte damage inside the Whoosh index is detected, never a 500, and check_index repairs.

The probe flipped bytes in the middle of the largest segment file: Whoosh opened the index happily and then
raised zlib errors from inside a query. These tests do the same to a real index on disk.
"""

import io

import pytest
from django.core.management import CommandError, call_command

from search.backends import get_backend
from tests.conftest import SAMPLES_DIR, import_paths

PATH_MARKERS = ("/tmp", "/work", "index", "gen-")


@pytest.fixture
def whoosh_archive(db, settings, index_dir):
    settings.SEARCH_BACKEND = "whoosh"
    outcomes = import_paths(sorted(SAMPLES_DIR.glob("0*")))
    assert all(o.status == "created" for o in outcomes)
    return outcomes


def largest_segment_file():
    directory = get_backend().store.current_dir()
    files = [p for p in directory.iterdir() if p.is_file() and not p.name.endswith((".toc", ".json"))]
    return max(files, key=lambda p: p.stat().st_size)


def flip_bytes(path, count=64):
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    for i in range(middle, min(len(data), middle + count)):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))
    get_backend().store.forget()


def test_byte_damage_is_a_503_with_a_friendly_message_and_healthz_says_degraded(whoosh_archive, client):
    flip_bytes(largest_segment_file())
    for url in ("/api/search/?q=法院", "/api/search/?q=诈骗&city=suzhou-jiangsu", "/api/search/?q=案件"):
        response = client.get(url)
        assert response.status_code == 503, response.content[:300]
        error = response.json()["error"]
        assert error and not any(marker in error for marker in ("/tmp", "/work", "gen-"))
    page = client.get("/search/", {"q": "法院"})
    assert page.status_code == 200 and "Traceback" not in page.content.decode()
    assert client.get("/feeds/releases/", {"q": "法院"}).status_code < 500
    health = client.get("/healthz").json()
    assert health["status"] == "degraded" and health["index"]["ok"] is False
    assert "damaged" in health["index"]["error"]


def test_check_index_reports_damage_and_repairs_it(whoosh_archive, client):
    flip_bytes(largest_segment_file())
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("check_index", "--dry-run", stdout=out)
    assert "damaged" in out.getvalue()
    out = io.StringIO()
    call_command("check_index", stdout=out)  # no traceback: repaired
    assert "damaged" in out.getvalue()
    assert client.get("/healthz").json()["status"] == "ok"
    assert client.get("/api/search/", {"q": "法院"}).json()["total"] >= 3
    out = io.StringIO()
    call_command("check_index", "--dry-run", stdout=out)
    assert "0 missing, 0 stale, 0 orphaned" in out.getvalue()


def test_a_dangling_current_link_is_reported_as_missing_not_as_an_old_schema(whoosh_archive, client):
    import shutil

    store = get_backend().store
    shutil.rmtree(store.current_dir())
    store.forget()
    error = client.get("/api/search/", {"q": "法院"}).json()["error"]
    assert "schema" not in error and "older version" not in error
    assert not any(marker in error for marker in ("/tmp", "/work", "gen-"))
    call_command("check_index", stdout=io.StringIO())
    assert client.get("/api/search/", {"q": "法院"}).json()["total"] >= 3
