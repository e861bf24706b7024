"""python manage.py rebuild_index — drop the search index and build it again from the database."""

import os
import shutil
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Sum
from django.db.models.functions import Length

from reports.models import IndexTask, Metric, Release, Section
from search.backends import get_backend
from search.documents import section_documents
from search.indexing import process_pending

# Below this many releases a second process costs more (start-up, a second jieba load) than it saves.
PARALLEL_FROM = 200


class Command(BaseCommand):
    help = "Rebuild the search index from the database (both cores for a large archive)."

    def add_arguments(self, parser):
        parser.add_argument("--procs", type=int, default=0, help="worker processes (default: automatic)")
        parser.add_argument("--wait", type=float, default=600, help="seconds to wait for another writer")
        parser.add_argument(
            "--skip-space-check", action="store_true", help="rebuild even if the disk looks too small"
        )

    def handle(self, *args, procs, wait, skip_space_check, **options):
        backend = get_backend()
        started = time.perf_counter()
        if not skip_space_check:
            check_space(backend)
        with backend.write_lock(wait) as acquired:
            if not acquired:
                raise CommandError(
                    f"another process has held the index writer for {wait:.0f}s; try again later"
                )
            # Read what to rebuild only once we hold the writer: read before, a release another writer
            # indexed (and whose task it deleted) while we waited would be missing from the new generation.
            # Tasks visible now describe changes the database read below already contains, so the rebuild
            # covers them; anything queued later (even with a smaller id from a slower transaction) stays.
            covered = list(IndexTask.objects.values_list("id", flat=True))
            fresh_statistics()
            ids = list(Release.objects.order_by("id").values_list("id", flat=True))
            if procs <= 0:
                procs = min(2, os.cpu_count() or 1) if len(ids) >= PARALLEL_FROM else 1
            sections = backend.rebuild(section_documents(ids), procs=procs)
            IndexTask.objects.filter(id__in=covered).delete()
        later = process_pending()
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"indexed {sections} sections of {len(ids)} releases with {backend.name} in {elapsed:.1f}s "
            f"({procs} process{'es' if procs > 1 else ''}); {later} later change(s) applied"
        )


def check_space(backend) -> None:
    """Refuse before starting, not an hour in, when the disk cannot hold the rebuild (the Whoosh writer's
    temporary runs reach tens of gigabytes on a large archive). The index in use is never touched here."""
    disk = backend.rebuild_disk()
    if disk is None:
        return  # counting the text would cost a full scan for nothing
    where, per_char = disk
    chars = Section.objects.aggregate(n=Sum(Length("text")))["n"] or 0
    needed, free = chars * per_char, shutil.disk_usage(where).free
    keep = settings.SEARCH_REBUILD_KEEP_FREE_MB * 1024 * 1024
    if needed + keep > free:
        gb = 1024**3
        raise CommandError(
            f"not enough disk for a rebuild in {where}: {chars:,} characters of text need about "
            f"{needed / gb:.1f} GB at the peak (temporary runs and the new index) and "
            f"SEARCH_REBUILD_KEEP_FREE_MB keeps {keep / gb:.1f} GB free, but {free / gb:.1f} GB are free. "
            "Free some space or move ARCHIVE_DATA_DIR to a larger disk (--skip-space-check to try anyway); "
            "the current index is untouched."
        )


def fresh_statistics() -> None:
    """A rebuild reads every release, section and figure. Where autovacuum is off or behind a bulk import,
    PostgreSQL plans those reads from stale row counts: at 100,000 releases it scanned all 22 million
    figures for every batch (6.7 s a batch instead of 42 ms, hours in all). ANALYZE samples; seconds."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            tables = ", ".join(model._meta.db_table for model in (Release, Section, Metric))
            cursor.execute(f"ANALYZE {tables}")
