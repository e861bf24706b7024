"""Shared test set-up: where the seeds live, and a private data dir (database files, index) per session.

Tests that need the seed releases (tests/seeds.py) stand aside when the seeds are not on this machine (a fresh
clone): they are counted in one terminal-summary line instead of one skip line each. A test needs them when
it asks for a seed (`seed_path`, the `guiyang_bytes`/`shenyang_bytes` fixtures, a seed release of the
`archive`), calls `need_seeds()`, or carries `@pytest.mark.seeds` (its assertions are about the seeds' content).
`ARCHIVE_REQUIRE_SEEDS=1` (set by .ci/run) makes missing seeds a failure before any test runs.
"""

from pathlib import Path

import pytest

from tests.seeds import (
    GUIYANG_SEED,
    ROOT,
    SEED_STEMS,
    SEEDS_DIR,
    SHENYANG_SEED,
    SeedsMissing,
    missing_message,
    need_seeds,
    seed_path,
    seeds_available,
    seeds_required,
)

__all__ = ["GUIYANG_SEED", "ROOT", "SEEDS_DIR", "SHENYANG_SEED", "need_seeds", "seed_path"]

SAMPLES_DIR = ROOT / "samples"
_NOT_RUN = pytest.StashKey[list]()


def pytest_configure(config):
    config.stash[_NOT_RUN] = []
    if seeds_required() and not seeds_available():
        raise pytest.UsageError(f"ARCHIVE_REQUIRE_SEEDS is set, and {missing_message()}")


def pytest_runtest_setup(item):
    if item.get_closest_marker("seeds"):
        need_seeds()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if call.excinfo is not None and call.excinfo.errisinstance(SeedsMissing) and not seeds_required():
        # Stand aside: a skip, but reported once for all of them (pytest_terminal_summary), not line by line.
        report.outcome = "skipped"
        report.longrepr = (str(item.path), item.location[1] or 0, f"Skipped: {call.excinfo.value}")
        report.seeds_missing = True
        item.config.stash[_NOT_RUN].append(item.nodeid)
    return report


def pytest_report_teststatus(report, config):
    if getattr(report, "seeds_missing", False):
        return "", "s", "SEEDS MISSING"
    return None


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    not_run = config.stash.get(_NOT_RUN, [])
    if not_run:
        terminalreporter.write_line(f"seed tests: {len(not_run)} not run: {missing_message()}", yellow=True)


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
BACKENDS = ["whoosh", "postgres"] if ON_POSTGRES else ["whoosh"]


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


def import_texts(folder, releases: dict[str, str]) -> dict:
    """Write {file name: text} into `folder` as UTF-8 files and import them (see import_paths); returns
    {file stem: Release}."""
    paths = []
    for name, text in releases.items():
        path = Path(folder) / (name if name.endswith(".txt") else f"{name}.txt")
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    outcomes = import_paths(paths)
    assert all(o.status == "created" for o in outcomes), [o.message for o in outcomes]
    return {o.filename.split(".")[0]: o.release for o in outcomes}


def archive_files():
    """The six samples, and both seeds when they are here (a fresh clone still tests on the samples)."""
    samples = sorted(p for p in SAMPLES_DIR.glob("0*"))
    if not seeds_available():
        return samples
    return samples + [seed_path(GUIYANG_SEED), seed_path(SHENYANG_SEED)]


class Archive(dict):
    """{file stem: Release}; asking for a seed's release where the seeds are missing makes the test stand
    aside (SeedsMissing) instead of failing with a KeyError."""

    def __missing__(self, key):
        if key in SEED_STEMS:
            need_seeds()
        raise KeyError(key)


@pytest.fixture
def archive(db, search_backend):
    """The six samples and both seeds (when here) imported and indexed; returns {file stem: Release}."""
    outcomes = import_paths(archive_files())
    assert all(o.status == "created" for o in outcomes), [o.message for o in outcomes if not o.ok]
    return Archive({Path(o.filename).stem: o.release for o in outcomes})
