"""Issue 9's numbered failures, each reproduced as the hostile probe found it, on every search backend."""

import pytest

from tests.site.conftest import body

CONTROL_CHARS = [chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32), 127)]


def assert_not_5xx(response):
    assert response.status_code < 500, body(response)[:500]


# --- 3: a page past the last ------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["999", "2", "-1", "0", "abc", "99999999999999999999"])
def test_search_page_past_the_last_is_the_last_page_not_a_500(small_archive, client, page):
    # One result a page, so the two releases make two pages and 999 lies past the last.
    response = client.get("/search/", {"q": "法院", "page": page, "per_page": "1"})
    assert response.status_code == 200, body(response)[:500]
    api = client.get("/api/search/", {"q": "法院", "page": page, "per_page": "1"})
    assert api.status_code == 200
    assert api.json()["page"] <= max(1, api.json()["pages"])


# --- 4: a stored filename with CR/LF ----------------------------------------------------------------------


HOSTILE_NAMES = ["evil\r\nSet-Cookie: x=1.txt", "a\nb.txt", "tab\there.txt", "\x00nul.txt"]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_file_named_with_control_characters_imports_and_downloads(small_archive, client, name):
    from reports.importer import import_file
    from tests.conftest import SAMPLES_DIR

    outcome = import_file((SAMPLES_DIR / "04_weifang_sifa.txt").read_bytes(), name)
    assert outcome.status == "created", outcome.message
    stored = outcome.release.original_filename
    assert not any(ord(c) < 32 for c in stored) and stored.endswith(".txt")
    response = client.get(f"/releases/{outcome.release.pk}/original/")
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert "\r" not in disposition and "\n" not in disposition and "Set-Cookie" not in response.headers


@pytest.mark.parametrize("name", HOSTILE_NAMES[:3])  # PostgreSQL never stored a NUL
def test_a_name_stored_earlier_with_cr_lf_still_downloads(small_archive, client, name):
    from reports.models import Release

    release = small_archive[0]
    Release.objects.filter(pk=release.pk).update(original_filename=name)
    response = client.get(f"/releases/{release.pk}/original/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "\n" not in response["Content-Disposition"]


# --- 5: control characters and NUL in parameters ----------------------------------------------------------


@pytest.mark.parametrize("char", CONTROL_CHARS)
def test_control_characters_in_the_feed_query(small_archive, client, char):
    assert_not_5xx(client.get("/feeds/releases/", {"q": char}))
    assert_not_5xx(client.get("/feeds/releases/", {"q": f"法院{char}"}))


@pytest.mark.parametrize(
    "url",
    [
        "/search/?q=法院&city=%00",
        "/search/?q=法院&province=%00",
        "/search/?q=法院&topic=%00",
        "/search/?city=%00",
        "/api/search/?q=法院&city=%00",
        "/api/search/?q=法院&province=%00",
        "/api/search/?q=法院&topic=a%00b",
        "/feeds/releases/?city=%00",
        "/feeds/releases/?topic=%00",
        "/feeds/releases/?q=%00",
        "/cities/%00/",
        "/topics/%00/",
        "/agencies/%00/",
        "/releases/?city=%00&topic=%00&province=%00&agency=%00",
        "/figures/?city=%00&q=%00&unit=%00",
        "/api/metrics/?city=%00&q=%00",
        "/search/?q=%00",
        "/search/?q=city:%00",
    ],
)
def test_nul_in_a_parameter_is_never_a_500(small_archive, client, url):
    response = client.get(url)
    assert_not_5xx(response)


# --- found by the fuzzing suite: an id past 64 bits -----------------------------------------------------


@pytest.mark.parametrize("path", ["/releases/{}/", "/api/releases/{}/", "/releases/{}/original/"])
def test_an_id_past_64_bits_is_a_404(small_archive, client, path):
    assert client.get(path.format(2**63)).status_code == 404
    assert client.get(path.format(10**20)).status_code == 404
