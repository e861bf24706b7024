"""Migration benchmark: how long re-parsing an archive takes (`manage.py reparse_releases --all`).

    .venv/bin/python bench/reparse.py [--releases 500] [--seed 0]

Imports N generated releases (bench/corpus.py) into a fresh data dir (SQLite and Whoosh unless DATABASE_URL
says otherwise), folds their stored text as the importer did before issue 8 (，-> , ２ -> 2), then re-parses
every release through `reports.importer.reparse`, the code the command and the admin action run, and
applies the index outbox once, as the command does. Baseline, measured in the same run: importing the same
releases. Prints per-release median and p95, totals, the ratio to the import, and the time extrapolated
linearly to 10,000 releases. Nothing is asserted.
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

from bench.stats import percentile  # noqa: E402  (after the path is set)

OLD_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}


def per_release(label: str, seconds: list[float]) -> str:
    return (
        f"{label}: median {statistics.median(seconds) * 1000:6.1f} ms   "
        f"p95 {percentile(seconds, 95) * 1000:6.1f} ms   total {sum(seconds):6.1f} s"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    os.environ.setdefault("ARCHIVE_DATA_DIR", tempfile.mkdtemp(prefix="archive-reparse-"))
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret-" + "x" * 40)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench.corpus import generate
    from reports import outbox
    from reports.importer import import_file, reparse
    from reports.models import Metric, Release, Section
    from search import indexing

    call_command("migrate", verbosity=0)
    print(f"database {connection.vendor}, data dir {os.environ['ARCHIVE_DATA_DIR']}")

    imports = []
    with outbox.deferred():
        for filename, data in generate(args.releases, args.seed):
            started = time.perf_counter()
            import_file(data, filename)
            imports.append(time.perf_counter() - started)
    started = time.perf_counter()
    indexing.process_pending()
    import_index = time.perf_counter() - started

    def wide() -> int:
        return sum(1 for r in Release.objects.only("text") if r.text != r.text.translate(OLD_FOLD))

    published = wide()
    # The archive as the importer stored it before issue 8.
    for release in Release.objects.only("id", "text"):
        Release.objects.filter(pk=release.pk).update(text=release.text.translate(OLD_FOLD))
    for section in Section.objects.only("id", "text"):
        Section.objects.filter(pk=section.pk).update(text=section.text.translate(OLD_FOLD))
    assert wide() == 0
    # A few corrected figures per 100 releases, to exercise carrying them over.
    corrected = list(
        Metric.objects.order_by("id").values_list("id", flat=True)[:: max(1, Metric.objects.count() // 50)]
    )
    Metric.objects.filter(pk__in=corrected).update(corrected=True)

    reparses = []
    with outbox.deferred():
        for release in (
            Release.objects.select_related("original", "city").order_by("pk").iterator(chunk_size=100)
        ):
            started = time.perf_counter()
            reparse(release)
            reparses.append(time.perf_counter() - started)
    started = time.perf_counter()
    indexing.process_pending()
    reparse_index = time.perf_counter() - started
    restored = wide()

    n = len(reparses)
    print(
        f"{n} releases ({published} published with full-width forms, folded, {restored} restored), {len(corrected)} corrected figures"
    )
    print(per_release("import (baseline)", imports) + f"   + index {import_index:.1f} s")
    print(per_release("reparse          ", reparses) + f"   + index {reparse_index:.1f} s")
    ratio = statistics.median(reparses) / statistics.median(imports)
    print(f"reparse / import (median per release): {ratio:.2f}")
    total = sum(reparses) + reparse_index
    print(
        f"reparse_releases --all: {total:.1f} s for {n}; extrapolated to 10,000: {total * 10000 / n / 60:.1f} min"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
