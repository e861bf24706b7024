"""Server time of the release page for a 10,000-character release: median and p95 over many runs.

    .venv/bin/python bench/release_page.py [--runs 300] [--chars 10000]

Builds a fresh database in a temporary data dir (SQLite, or DATABASE_URL if set), imports one release of
about 10,000 characters made from our own samples (bench/corpus.py), then requests /releases/<id>/ through
Django's full stack (middleware, view, template) in this process: as published, and converted to the other
script. Prints the timings and the number of queries; asserts nothing (issue 5 targets 100 ms). Each request
opens its database connection anew, as production does with CONN_MAX_AGE=0.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(data_dir: str) -> None:
    os.environ["ARCHIVE_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    os.environ.setdefault("ARCHIVE_HTTPS", "0")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def release_bytes(chars: int) -> bytes:
    """The first corpus release at least `chars` long, cut at a line end near `chars`."""
    from bench.corpus import generate

    longest = b""
    for _name, data in generate(60, seed=5):
        if len(data.decode("utf-8")) > len(longest.decode("utf-8")):
            longest = data
        if len(data.decode("utf-8")) >= chars:
            break
    text = longest.decode("utf-8")
    if len(text) > chars:
        text = text[: text.rfind("\n", 0, chars) + 1]
    return text.encode("utf-8")


class QueryCounter(list):
    def __call__(self, execute, sql, params, many, context):
        self.append(sql)
        return execute(sql, params, many, context)


def timings(client, url: str, runs: int) -> list[float]:
    for _ in range(10):  # warm-up: templates, OpenCC dictionaries, database caches
        client.get(url)
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        out.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    return out


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--chars", type=int, default=10_000)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-release-page-") as data_dir:
        setup_django(data_dir)
        from django.db import connection
        from django.test import Client

        from reports.importer import import_file
        from reports.models import Metric
        from search.indexing import process_pending

        outcome = import_file(release_bytes(args.chars), "bench-release.txt")
        process_pending()
        release = outcome.release
        other = "traditional" if release.script != "traditional" else "simplified"
        sections = release.sections.count()
        figures = Metric.objects.filter(section__release=release).count()
        print(
            f"release {release.pk}: {len(release.text):,} characters, {sections} sections, {figures} figures, "
            f"{release.script}, database {connection.vendor}"
        )

        client = Client(HTTP_HOST="localhost")
        url = f"/releases/{release.pk}/"
        for label, path in (("as published", url), (f"?script={other}", f"{url}?script={other}")):
            queries = QueryCounter()
            with connection.execute_wrapper(queries):
                size = len(client.get(path).content)
            ms = timings(client, path, args.runs)
            print(
                f"{label:>22}: median {statistics.median(ms):6.1f} ms   p95 {p95(ms):6.1f} ms   "
                f"max {max(ms):6.1f} ms   ({args.runs} runs, {len(queries)} queries, {size:,} bytes of HTML)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
