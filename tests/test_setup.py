"""The README's set-up promises: a fresh clone's tests pass without the seeds (they stand aside in one line),
CI fails without them, Chromium installs without desktop packages, `make superuser` runs without a terminal."""

import os
import sqlite3
import subprocess
import sys

from tests.conftest import ROOT

# A seed test that needs no database: the two gazetteer tests on the seeds, and one that needs no seed.
SEED_TESTS = ["tests/reports/test_gazetteer.py", "-k", "seed or table_shape"]


def run_pytest(tmp_path, **env):
    full_env = {
        **os.environ,
        "ARCHIVE_DATA_DIR": str(tmp_path / "data"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'inner.db'}",
        "ARCHIVE_SEEDS_DIR": str(tmp_path / "no-seeds-here"),
        **env,
    }
    if "ARCHIVE_REQUIRE_SEEDS" not in env:
        full_env.pop("ARCHIVE_REQUIRE_SEEDS", None)  # CI's own setting must not leak into the fresh clone
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:randomly", "-p", "no:cacheprovider", *SEED_TESTS],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_without_seeds_the_seed_tests_stand_aside_in_one_line(tmp_path):
    result = run_pytest(tmp_path)
    assert result.returncode == 0, result.stdout[-3000:]
    lines = [line for line in result.stdout.splitlines() if "seed" in line.lower()]
    assert lines == [
        f"seed tests: 2 not run: {tmp_path / 'no-seeds-here'} is missing (set ARCHIVE_SEEDS_DIR to the folder "
        "holding 000_21be0218603827b1.txt, 004_7fa52357448e1af8.txt)"
    ], result.stdout[-3000:]
    assert "SKIPPED" not in result.stdout and "1 passed" in result.stdout


def test_ci_makes_missing_seeds_a_failure(tmp_path):
    result = run_pytest(tmp_path, ARCHIVE_REQUIRE_SEEDS="1")
    assert result.returncode != 0
    assert "ARCHIVE_REQUIRE_SEEDS is set" in result.stderr + result.stdout
    assert "export ARCHIVE_REQUIRE_SEEDS=1" in (ROOT / ".ci" / "run").read_text()


def make(*args, env=None):
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=ROOT,
        env=env or os.environ,
        stdin=subprocess.DEVNULL,  # no terminal: createsuperuser would stop and ask
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_chromium_installs_without_recommended_desktop_packages(tmp_path):
    result = make("-n", "chromium", f"CHROMIUM={tmp_path / 'no-chromium'}")
    install = [line for line in result.stdout.splitlines() if "apt-get install" in line]
    assert len(install) == 1
    assert "--no-install-recommends chromium fonts-noto-cjk" in install[0]


def test_make_superuser_without_a_terminal(tmp_path):
    db = tmp_path / "archive.db"
    env = {
        **os.environ,
        "ARCHIVE_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{db}",
        "DJANGO_SUPERUSER_USERNAME": "chief",
        "DJANGO_SUPERUSER_EMAIL": "chief@example.org",
        "DJANGO_SUPERUSER_PASSWORD": "a long enough password 42",
    }
    # -o install: the environment running the tests is already installed; do not reinstall it.
    result = make("-o", "install", "superuser", f"PY={sys.executable}", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT username, email, is_superuser, is_staff FROM auth_user").fetchall()
    assert rows == [("chief", "chief@example.org", 1, 1)]
