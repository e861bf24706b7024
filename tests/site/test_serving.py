"""Production serving without Docker: docker-compose's web settings, run by bin/serve under gunicorn.

No Docker engine runs in CI, so this reads the web service's environment and command from
docker-compose.yml and starts exactly that entry point against the local test database.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
import yaml

from tests.conftest import ROOT, SAMPLES_DIR
from tests.search.test_index_integrity import database_url

COMPOSE = ROOT / "docker-compose.yml"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # report redirects instead of following them to an https:// nobody serves here


OPENER = urllib.request.build_opener(_NoRedirect)


def get(url: str, headers: dict | None = None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with OPENER.open(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8"), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace"), dict(exc.headers)


def test_compose_file_describes_the_stack():
    compose = yaml.safe_load(COMPOSE.read_text())
    db, web = compose["services"]["db"], compose["services"]["web"]
    assert "healthcheck" in db and db["volumes"]
    assert web["depends_on"]["db"]["condition"] == "service_healthy"
    assert web["command"] == ["bin/serve"] and any("/data" in v for v in web["volumes"])
    assert (ROOT / "Dockerfile").read_text().count("bin/serve") == 1


@pytest.mark.django_db(transaction=True)
def test_the_compose_web_service_serves_with_gunicorn(tmp_path):
    from reports.models import Topic
    from reports.seed_data import load_topics

    load_topics(Topic)
    web = yaml.safe_load(COMPOSE.read_text())["services"]["web"]
    env = {key: str(value) for key, value in web["environment"].items() if not str(value).startswith("${")}
    port = free_port()
    backend = "postgres" if database_url().startswith("postgres") else "whoosh"
    env.update(
        DATABASE_URL=database_url(),  # the compose file's "db" host is this machine's test database here
        SEARCH_BACKEND=backend,
        ARCHIVE_DATA_DIR=str(tmp_path / "data"),
        SECRET_KEY="serving-test-" + "k" * 50,
        ALLOWED_HOSTS="127.0.0.1",
        BIND=f"127.0.0.1:{port}",
        PYTHON=sys.executable,
    )
    assert env["ARCHIVE_HTTPS"] == "1" if "ARCHIVE_HTTPS" in env else True
    sample = SAMPLES_DIR / "05_zhanjiang_fanzha.txt"
    subprocess.run(
        [sys.executable, "manage.py", "import_releases", str(sample)],
        cwd=ROOT,
        check=True,
        env={**os.environ, **env},
        capture_output=True,
    )
    server = subprocess.Popen(
        [str(ROOT / web["command"][0])],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        status = None
        while time.monotonic() < deadline:
            try:
                status, body, _ = get(f"{base}/healthz")
                break
            except OSError:
                time.sleep(0.3)
        assert status == 200, server.stdout.read() if server.poll() is not None else "no answer"
        assert '"status": "ok"' in body
        # Behind the TLS proxy the compose file assumes: plain HTTP is redirected, proxied HTTPS is served.
        status, _, headers = get(f"{base}/")
        assert status == 301 and headers["Location"].startswith("https://")
        https = {"X-Forwarded-Proto": "https"}
        status, body, headers = get(f"{base}/search/?q=%E6%B9%9B%E6%B1%9F", https)
        assert status == 200 and "湛江" in body
        assert headers.get("Strict-Transport-Security")
        status, body, _ = get(f"{base}/api/search/?q=%E6%B9%9B%E6%B1%9F", https)
        assert status == 200 and '"total": 1' in body
        status, _, _ = get(f"{base}/static/site/site.css", https)
        assert status == 200
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_deploy_checks_are_clean_for_production_settings(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "deploy-check-" + "x7" * 30,
        "ALLOWED_HOSTS": "archive.example.org",
        "ARCHIVE_DATA_DIR": str(tmp_path),
    }
    env.pop("ARCHIVE_HTTPS", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
