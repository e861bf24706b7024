"""Server time of the figures explorer's indicator view at archive scale: median and p95 over many runs.

    .venv/bin/python bench/figures_explorer.py [--releases 10000] [--per-release 50] [--runs 60]

Builds a fresh database in a temporary data dir (SQLite, or DATABASE_URL if set) holding `--releases`
releases of `--per-release` figures each (10,000 x 50 = half a million figures), written directly with
bulk_create: cities, sections, indicators from the seeded taxonomy, a quarter of the figures unclassified,
periods of every kind (full years, year to date, several years, stocks), values and units as the extractor
gives them. Then requests /figures/ through Django's full stack (middleware, view, template, charts) in this
process: an indicator alone and with each filter, and, as the baseline of the same run, the indicator list
that /figures/ shows before one is chosen. Prints medians, p95 and ratios to the baseline, and the number of
queries; asserts nothing (issue 12 targets < 300 ms for an indicator view).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.release_page import QueryCounter, p95, setup_django  # noqa: E402

AGENCIES = ["political_legal_committee", "court", "procuratorate", "police", "justice_bureau"]
UNITS = {"cases": ["件", "起"], "people": ["人", "名"], "money": ["元"], "rate": ["%"], "count": ["个", "处"]}


def period_for(rng: random.Random, published: dt.date) -> tuple[dt.date, dt.date]:
    kind = rng.random()
    year = published.year
    if kind < 0.35:
        return dt.date(year - 1, 1, 1), dt.date(year - 1, 12, 31)
    if kind < 0.7:
        return dt.date(year, 1, 1), published
    if kind < 0.8:
        return dt.date(year - 5, 1, 1), dt.date(year - 1, 12, 31)
    if kind < 0.9:
        return published, published
    return dt.date(year, 1, 1), dt.date(year, 3, 31)


def build(releases: int, per_release: int, seed: int = 12) -> None:
    from django.db import transaction

    from reports.ingest.figures.periods import kind_of
    from reports.models import City, Indicator, Metric, Release, Section

    rng = random.Random(seed)
    indicators = list(Indicator.objects.all())
    cities = City.objects.bulk_create(
        [
            City(name=f"样例{n}市", province=f"样例{n % 31}省", code=f"{110000 + n * 100}", slug=f"city-{n}")
            for n in range(300)
        ]
    )
    batch = 500
    for first in range(0, releases, batch):
        with transaction.atomic():
            rows = []
            for n in range(first, min(releases, first + batch)):
                published = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3900))
                rows.append(
                    Release(
                        title=f"发布稿{n}",
                        city=rng.choice(cities),
                        published_on=published,
                        published_precision="day",
                        sort_date=published,
                        sha256=f"{n:064x}",
                        original_filename=f"{n}.txt",
                        content_type="text/plain",
                        text="",
                        script="simplified",
                    )
                )
            made = Release.objects.bulk_create(rows)
            sections = Section.objects.bulk_create(
                [
                    Section(release=r, order=k, agency=AGENCIES[k], text="某" * 400)
                    for r in made
                    for k in range(len(AGENCIES))
                ]
            )
            metrics = []
            for section in sections:
                published = section.release.published_on
                for k in range(per_release // len(AGENCIES)):
                    indicator = rng.choice(indicators) if rng.random() < 0.75 else None
                    kind = indicator.unit_kind if indicator else "count"
                    change = kind != "rate" and rng.random() < 0.2
                    unit = "%" if change else rng.choice(UNITS.get(kind, ["件"]))
                    start, end = period_for(rng, published)
                    value = Decimal(rng.randrange(1, 100000)) / (10 if unit == "%" else 1)
                    text = f"{value}{unit}"
                    metrics.append(
                        Metric(
                            section=section,
                            text=text,
                            start=k * 6,
                            end=k * 6 + len(text),
                            value=value,
                            unit=unit,
                            is_change=change,
                            direction="down" if change else "",
                            subject="审结案件",
                            indicator=indicator,
                            period_start=start,
                            period_end=end,
                            period_kind=kind_of(start, end),
                            period_basis="stated",
                        )
                    )
            Metric.objects.bulk_create(metrics, batch_size=5000)
        print(f"  built {min(releases, first + batch):,} releases", end="\r", flush=True)
    print()


def timings(client, url: str, runs: int) -> list[float]:
    for _ in range(3):
        client.get(url)
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        out.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=10_000)
    parser.add_argument("--per-release", type=int, default=50)
    parser.add_argument("--runs", type=int, default=60)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-figures-") as data_dir:
        setup_django(data_dir)
        from django.db import connection
        from django.db.models import Count
        from django.test import Client

        from reports.models import City, Metric

        t0 = time.perf_counter()
        build(args.releases, args.per_release)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        figures = Metric.objects.count()
        print(
            f"{args.releases:,} releases, {figures:,} figures built in {time.perf_counter() - t0:.0f} s "
            f"({connection.vendor})"
        )
        busiest = (
            Metric.objects.exclude(indicator=None)
            .values_list("indicator__slug")
            .order_by()
            .annotate(n=Count("id"))
            .order_by("-n")
            .first()
        )
        slug, count = busiest
        city = City.objects.first()
        print(f"indicator {slug}: {count:,} figures")
        client = Client(HTTP_HOST="localhost")
        base = f"/figures/?indicator={slug}"
        cases = [
            ("baseline: indicator list", "/figures/"),
            ("indicator", base),
            ("indicator + province", f"{base}&province={city.province}"),
            ("indicator + city", f"{base}&city={city.slug}"),
            ("indicator + agency", f"{base}&agency=police"),
            ("indicator + full years", f"{base}&period=year"),
            ("indicator, page 20", f"{base}&page=20"),
        ]
        baseline = None
        for label, url in cases:
            queries = QueryCounter()
            with connection.execute_wrapper(queries):
                size = len(client.get(url).content)
            ms = timings(client, url, args.runs)
            median = statistics.median(ms)
            baseline = baseline or median
            print(
                f"{label:>26}: median {median:6.1f} ms   p95 {p95(ms):6.1f} ms   x{median / baseline:4.2f} "
                f"of baseline   ({len(queries)} queries, {size:,} bytes)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
