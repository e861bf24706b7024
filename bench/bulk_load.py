"""Load the generated corpus fast: the importer's parse, on both cores, and batched database writes.

`reports.importer.import_file` parses and saves one release per transaction, about 14 releases/s on the
development machine, nearly all of it parsing (`parse_release`, ~70 ms a release): 12 minutes for 10,000
releases, two hours for 100,000. Here the same `parse_release` runs in worker processes and the rows the
importer's `save_parsed` would write (Release, OriginalFile, Section, Metric, the topic links, cities) are
written with bulk inserts, a few hundred releases per transaction. No IndexTask rows: the benchmark rebuilds
the index. Releases whose bytes the database already holds are skipped, as the importer skips them, so an
interrupted load resumes where it stopped.

    .venv/bin/python bench/bulk_load.py --verify 200     # same rows as the importer? (temporary SQLite)

`verify` imports the same releases both ways into one database and compares every stored field but ids and
timestamps; run it again after a change to `reports/importer.py`, whose row building this file repeats.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_defs: dict = {}


def _parse(item: tuple[str, bytes, str]):
    """Worker: (filename, bytes, sha256) -> (filename, bytes, sha256, ParsedRelease or the error text)."""
    from reports.clean import clean_filename
    from reports.importer import check_size
    from reports.ingest.pipeline import parse_release
    from reports.ingest.types import IngestError

    filename, data, digest = item
    filename = clean_filename(filename)
    try:
        check_size(data)
        return (
            filename,
            data,
            digest,
            parse_release(data, filename, None, _defs["topics"], _defs["indicators"]),
        )
    except IngestError as exc:
        return filename, data, digest, str(exc)


def _items(n: int, seed: int, held: set[str]):
    from bench.corpus import generate

    for filename, data in generate(n, seed):
        digest = hashlib.sha256(data).hexdigest()
        if digest not in held:
            yield filename, data, digest


def load(n: int, seed: int = 0, procs: int = 2, batch: int = 250, progress: bool = True) -> tuple[float, int]:
    """Load releases 0..n-1 of the generated corpus; (seconds, releases created)."""
    from django.db import connections

    from reports.importer import indicator_defs, topic_defs
    from reports.models import Release

    started = time.perf_counter()
    held = set(Release.objects.values_list("sha256", flat=True))
    _defs.update(topics=topic_defs(), indicators=indicator_defs())
    connections.close_all()  # forked workers must not share the parent's connection
    created = errors = 0
    pending: list = []
    # fork: workers inherit the configured Django and the topic/indicator definitions read above.
    context = multiprocessing.get_context("fork")
    pool = context.Pool(procs) if procs > 1 else None
    try:
        parsed = (
            pool.imap(_parse, _items(n, seed, held), chunksize=8)
            if pool
            else map(_parse, _items(n, seed, held))
        )
        for filename, data, digest, result in parsed:
            if isinstance(result, str):
                errors += 1
                print(f"  {filename}: {result}", flush=True)
                continue
            pending.append((filename, data, digest, result))
            if len(pending) >= batch:
                created += write(pending)
                pending = []
                if progress:
                    elapsed = time.perf_counter() - started
                    print(
                        f"  loaded {created}/{n - len(held)} ({elapsed:.0f}s, {created / elapsed:.1f}/s)",
                        flush=True,
                    )
        created += write(pending)
    finally:
        if pool:
            pool.terminate()
    if errors:
        print(f"  {errors} file(s) not imported (errors above)")
    from django.db import connection

    with connection.cursor() as cursor:
        # Rows arrive faster than autovacuum (off on the development cluster) refreshes statistics: left
        # stale, the planner took 22 million metrics for 2.7 million and scanned them all for every batch
        # of the index rebuild that reads them (6.7 s instead of 42 ms a batch at 100,000 releases).
        cursor.execute("ANALYZE")
    return time.perf_counter() - started, created


def write(items: list) -> int:
    """Insert what `save_parsed` inserts for each (filename, bytes, sha256, ParsedRelease), in one transaction."""
    from django.db import transaction

    from reports.importer import apply_metadata, metric_row, section_row
    from reports.models import Indicator, Metric, OriginalFile, Release, Section, Topic, set_period_kinds

    if not items:
        return 0
    topics = dict(Topic.objects.values_list("slug", "id"))
    indicators = dict(Indicator.objects.values_list("slug", "id"))
    with transaction.atomic():
        releases = []
        for filename, data, digest, parsed in items:
            release = Release(original_filename=filename, sha256=digest, original_size=len(data))
            apply_metadata(release, parsed)  # the importer's own: title, city (created once), outlet, dates
            release.text = parsed.text
            release.script = parsed.script
            release.content_type = parsed.content_type
            release.parse_notes = parsed.notes
            release.sort_date = release.published_on or release.held_on  # Release.save(), which bulk skips
            release.index_version = 1  # what outbox.queue leaves after the importer's one queued write
            releases.append(release)
        Release.objects.bulk_create(releases)
        OriginalFile.objects.bulk_create(
            OriginalFile(release=release, data=item[1]) for release, item in zip(releases, items, strict=True)
        )
        sections, owners = [], []
        for release, (*_, parsed) in zip(releases, items, strict=True):
            for s in parsed.sections:
                sections.append(section_row(release, s))
                owners.append(s)
        Section.objects.bulk_create(sections)
        section_topics, metrics = [], []
        for section, parsed_section in zip(sections, owners, strict=True):
            section_topics.extend(
                Section.topics.through(section_id=section.pk, topic_id=topics[slug])
                for slug in dict.fromkeys(parsed_section.topics)
                if slug in topics
            )
            metrics.extend(metric_row(section, f, indicators) for f in parsed_section.figures)
        Section.topics.through.objects.bulk_create(section_topics)
        Metric.objects.bulk_create(set_period_kinds(metrics), batch_size=2000)
        Release.topics.through.objects.bulk_create(
            Release.topics.through(release_id=release.pk, topic_id=topics[slug])
            for release, (*_, parsed) in zip(releases, items, strict=True)
            for slug in dict.fromkeys(parsed.topics)
            if slug in topics
        )
    return len(releases)


# --- verification against the importer ------------------------------------------------------------------

IGNORED = {"id", "created_at", "updated_at", "release", "release_id", "section", "section_id"}


def snapshot() -> dict:
    """Every stored field of every release, section, figure and topic link, keyed by sha256 and order."""
    from reports.models import Metric, OriginalFile, Release, Section

    def row(obj) -> tuple:
        return tuple(
            (f.attname, getattr(obj, f.attname))
            for f in obj._meta.concrete_fields
            if f.attname not in IGNORED and f.name not in IGNORED
        )

    out = {}
    for release in Release.objects.order_by("id").prefetch_related("topics"):
        sections = []
        for section in Section.objects.filter(release=release).order_by("order").prefetch_related("topics"):
            metrics = [
                row(m) for m in Metric.objects.filter(section=section).order_by("start", "end", "text")
            ]
            topics = sorted(t.slug for t in section.topics.all())
            sections.append((row(section), topics, metrics))
        original = bytes(OriginalFile.objects.get(release=release).data)
        out[release.sha256] = (row(release), sorted(t.slug for t in release.topics.all()), original, sections)
    return out


def verify(n: int, seed: int) -> bool:
    from django.core.management import call_command

    from bench.search import import_corpus
    from reports.models import IndexTask, Metric, Release, Section

    call_command("migrate", verbosity=0)
    seconds, created = import_corpus(n, seed)
    print(f"importer: {created} releases in {seconds:.1f}s")
    by_importer = snapshot()
    counts = (Release.objects.count(), Section.objects.count(), Metric.objects.count())
    Release.objects.all().delete()
    IndexTask.objects.all().delete()
    seconds, created = load(n, seed, progress=False)
    print(f"bulk:     {created} releases in {seconds:.1f}s")
    by_bulk = snapshot()
    bulk_counts = (Release.objects.count(), Section.objects.count(), Metric.objects.count())
    print(f"releases/sections/metrics: importer {counts}, bulk {bulk_counts}")
    same = by_importer == by_bulk and counts == bulk_counts
    if not same:
        for digest in sorted(set(by_importer) | set(by_bulk)):
            a, b = by_importer.get(digest), by_bulk.get(digest)
            if a != b:
                print(f"first difference, release {digest[:12]}:")
                labels = ("release", "topics", "original", "sections")
                for label, x, y in zip(labels, a or (), b or (), strict=False):
                    if label == "release":  # field by field: the rows are long
                        x, y = [f for f in x if f not in y], [f for f in y if f not in x]
                    if x != y:
                        print(f"  {label}: importer {str(x)[:300]}\n  {label}: bulk     {str(y)[:300]}")
                break
    print("SAME rows" if same else "DIFFERENT rows")
    return same


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--verify", type=int, metavar="N", required=True, help="compare on N releases")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--database-url", help="default: SQLite in a temporary data dir")
    args = parser.parse_args()
    data_dir = tempfile.mkdtemp(prefix="archive-bulk-verify-")
    os.environ.update(ARCHIVE_DATA_DIR=data_dir, SECRET_KEY="bench-only-not-a-secret-" + "x" * 40)
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    import django

    django.setup()
    sys.exit(0 if verify(args.verify, args.seed) else 1)


if __name__ == "__main__":
    main()
