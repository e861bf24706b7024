"""Fixtures for the public site's tests.

Importing the six samples and two seeds takes a second or two; the view tests only read, so one module-wide
import serves them all (`site`), with every test still in its own rolled-back transaction. Browser tests
need committed data a live server can see: `live_archive` imports per test on `transactional_db`.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from django.test.utils import override_settings

from tests.conftest import Archive, archive_files, import_paths

MAX_QUERIES = 15
SUZHOU = "02_suzhou_fazhi"
SHENYANG = "004_7fa52357448e1af8"
GUIYANG = "000_21be0218603827b1"
SCRIPT_TAG = "<script>alert(1)</script>"


def body(response) -> str:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return raw.decode(response.charset or "utf-8")


def visible_text(page: str) -> str:
    """The page's text with tags dropped and entities decoded: what a reader sees (roughly)."""
    import re

    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def _reset_archive():
    from reports.models import City, IndexTask, Release

    IndexTask.objects.all().delete()
    Release.objects.all().delete()
    City.objects.all().delete()


@pytest.fixture(scope="module")
def site_data(django_db_setup, django_db_blocker, tmp_path_factory):
    """The archive imported once per module, committed, with its own Whoosh index; removed afterwards."""
    index_dir = tmp_path_factory.mktemp("site-index")
    with override_settings(SEARCH_BACKEND="whoosh", SEARCH_INDEX_DIR=index_dir), django_db_blocker.unblock():
        from search.backends import _backend

        _backend.cache_clear()
        _reset_archive()
        outcomes = import_paths(archive_files())
        assert all(o.status == "created" for o in outcomes), [o.message for o in outcomes]
        ids = {Path(o.filename).stem: o.release.pk for o in outcomes}
        yield {"index_dir": index_dir, "ids": ids}
        _reset_archive()
        _backend.cache_clear()


@pytest.fixture
def site(site_data, db, settings):
    """{file stem: Release} for the module's archive, the index pointed at its directory."""
    from reports.models import Release

    settings.SEARCH_BACKEND = "whoosh"
    settings.SEARCH_INDEX_DIR = site_data["index_dir"]
    releases = Release.objects.in_bulk(list(site_data["ids"].values()))
    return Archive({stem: releases[pk] for stem, pk in site_data["ids"].items()})


@pytest.fixture(scope="session")
def plain_http_live_server(django_db_blocker):
    """pytest-django's live_server, built while plain HTTP is configured.

    The live server builds its middleware once, when it starts, and SecurityMiddleware reads
    SECURE_SSL_REDIRECT then: the per-test `_plain_http` fixture comes too late, and the browser would be
    sent to https://localhost. Request this fixture instead of `live_server`, before any test starts one.
    """
    with override_settings(
        SECURE_SSL_REDIRECT=False,
        SECURE_HSTS_SECONDS=0,
        SESSION_COOKIE_SECURE=False,
        CSRF_COOKIE_SECURE=False,
    ):
        yield


@pytest.fixture
def live_archive(transactional_db, settings, tmp_path):
    """The archive imported for one browser test, committed so the live server's thread sees it."""
    from reports.models import Indicator, Topic
    from reports.seed_data import load_indicators, load_topics
    from search.models import SynonymGroup
    from search.seed_data import load_synonyms

    settings.SEARCH_BACKEND = "whoosh"
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    # A flush by an earlier transactional test removes the rows migrations seeded: put them back.
    load_topics(Topic)
    load_indicators(Indicator)
    load_synonyms(SynonymGroup)
    outcomes = import_paths(archive_files())
    assert all(o.status == "created" for o in outcomes), [o.message for o in outcomes]
    return Archive({Path(o.filename).stem: o.release for o in outcomes})
