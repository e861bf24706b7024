"""Fixtures for the hardening tests (issue 9): a small archive on each search backend."""

import pytest

from tests.conftest import SAMPLES_DIR, import_paths


@pytest.fixture
def small_archive(db, search_backend):
    """Two samples (one simplified, one traditional) imported and indexed on the backend under test."""
    paths = [SAMPLES_DIR / "01_luoyang_pingan.txt", SAMPLES_DIR / "02_suzhou_fazhi.html"]
    outcomes = import_paths(paths)
    assert all(o.status == "created" for o in outcomes), [o.message for o in outcomes]
    return [o.release for o in outcomes]
