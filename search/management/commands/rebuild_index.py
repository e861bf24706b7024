"""python manage.py rebuild_index — drop the search index and build it again from the database."""

import os
import time

from django.core.management.base import BaseCommand, CommandError

from reports.models import IndexTask, Release
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

    def handle(self, *args, procs, wait, **options):
        backend = get_backend()
        started = time.perf_counter()
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
