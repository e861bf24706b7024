import pytest

from tests.provenance.server import Site


@pytest.fixture
def site():
    server = Site().start()
    server.pages["/robots.txt"] = (
        200,
        {"Content-Type": "text/plain"},
        b"User-agent: *\nDisallow: /private/\n",
    )
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _fast_fetch(settings):
    settings.ARCHIVE_FETCH_TIMEOUT = 1
    settings.ARCHIVE_FETCH_MAX_BYTES = 200_000
    settings.ARCHIVE_WATCH_HOST_DELAY_MS = 0
