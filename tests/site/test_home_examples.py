"""The home page's example queries each find something in the demo data (samples/), on every backend.

Its own module: the samples are imported here per test, not from the module-wide archive of the site tests.
"""

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import SAMPLES_DIR, import_paths
from tests.site.conftest import body, visible_text


def _home_examples(page: str) -> list[str]:
    examples = [
        parse_qs(urlsplit(html.unescape(href)).query)["q"][0]
        for href in re.findall(
            r'<a href="([^"]*)" lang="zh">', page.split('class="help examples"', 1)[1].split("</p>", 1)[0]
        )
    ]
    placeholder = html.unescape(re.search(r'id="home-q"[^>]*placeholder="([^"]*)"', page).group(1))
    examples += re.split(r"[、,，]\s*", placeholder.split("：", 1)[1])
    help_text = visible_text(page.split('id="home-q-help"', 1)[1].split("</p>", 1)[0])
    examples += re.findall(r"[a-z]+:[^\s、，]+", help_text)
    return examples


@pytest.mark.django_db
def test_home_examples_each_find_something_in_the_samples(client, search_backend):
    outcomes = import_paths(sorted(SAMPLES_DIR.glob("0*")))
    assert all(o.status == "created" for o in outcomes)
    examples = _home_examples(body(client.get("/")))
    assert len(examples) >= 8, examples
    for example in examples:
        data = client.get("/api/search/", {"q": example}).json()
        assert data["total"] > 0, f"home example {example!r} finds nothing in samples/ ({search_backend})"
