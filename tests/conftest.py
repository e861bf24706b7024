"""Shared test set-up: where the seeds live, and a private data dir (database files, index) per session."""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = Path(os.environ.get("ARCHIVE_SEEDS_DIR", ROOT.parent / "shared" / "seeds"))
SAMPLES_DIR = ROOT / "samples"
GUIYANG_SEED = "000_21be0218603827b1.txt"
SHENYANG_SEED = "004_7fa52357448e1af8.txt"


def seed_path(name: str) -> Path:
    path = SEEDS_DIR / name
    if not path.exists():
        # The seeds are part of the test set-up (../shared/seeds beside the checkout); a missing seed must
        # fail loudly, never turn into a skipped test.
        pytest.fail(
            f"seed {path} is missing: set ARCHIVE_SEEDS_DIR or put ../shared/seeds beside the checkout"
        )
    return path


@pytest.fixture
def guiyang_bytes() -> bytes:
    return seed_path(GUIYANG_SEED).read_bytes()


@pytest.fixture
def shenyang_bytes() -> bytes:
    return seed_path(SHENYANG_SEED).read_bytes()


# --- Django-side fixtures ------------------------------------------------------------------------------------

from django.conf import settings as django_settings  # noqa: E402

ON_POSTGRES = django_settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
# Whoosh always; PostgreSQL full text only when the test database is PostgreSQL (the CI's second run).
# postgres-wide: the PostgreSQL backend with its plan for many matching releases forced on, which the
# small test archive would otherwise never reach.
BACKENDS = ["whoosh", "postgres", "postgres-wide"] if ON_POSTGRES else ["whoosh"]


@pytest.fixture(autouse=True)
def _plain_http(settings):
    """Tests talk plain HTTP to the test client and live servers; production settings insist on HTTPS."""
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


@pytest.fixture(autouse=True)
def _fresh_caches():
    from search import service
    from search.backends import _backend

    _backend.cache_clear()
    service._synonym_cache.update(key=None, table=None)
    yield
    _backend.cache_clear()


@pytest.fixture(autouse=True)
def index_dir(tmp_path, settings):
    """A private, empty Whoosh index directory for every test: no test writes into the data dir's."""
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    return settings.SEARCH_INDEX_DIR


def _is_transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or "transactional_db" in request.fixturenames


@pytest.fixture(autouse=True)
def _empty_postgres_search_tables(request, django_db_blocker):
    """Django's flush after a transactional test empties the model tables only; the PostgreSQL backend's own
    tables (created by raw SQL) would keep rows for releases that no longer exist and leak them into later
    tests, so empty them too."""
    yield
    if ON_POSTGRES and _is_transactional(request):
        from django.db import connection

        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute("TRUNCATE search_pg_section, search_pg_release")


@pytest.fixture(params=BACKENDS)
def search_backend(request, settings, index_dir, monkeypatch):
    name = request.param
    if name == "postgres-wide":
        monkeypatch.setattr("search.backends.postgres.MANY_RELEASES", 0)
        name = "postgres"
    settings.SEARCH_BACKEND = name
    return name


def import_paths(paths, **kwargs):
    """Import files through the one importer and apply the index outbox (on_commit does not fire inside a
    test's transaction)."""
    from reports.importer import import_file
    from search.indexing import process_pending

    outcomes = [import_file(Path(p).read_bytes(), Path(p).name, **kwargs) for p in paths]
    process_pending()
    return outcomes


def archive_files():
    samples = sorted(p for p in SAMPLES_DIR.glob("0*"))
    return samples + [seed_path(GUIYANG_SEED), seed_path(SHENYANG_SEED)]


@pytest.fixture
def archive(db, search_backend):
    """The six samples and both seeds imported and indexed; returns {file stem: Release}."""
    outcomes = import_paths(archive_files())
    assert all(o.status == "created" for o in outcomes), [o.message for o in outcomes if not o.ok]
    return {Path(o.filename).stem: o.release for o in outcomes}
