"""python manage.py check_index — compare the index with the database, and repair what differs."""

from django.core.management.base import BaseCommand, CommandError

from reports.models import Release
from search.backends import get_backend
from search.documents import release_version
from search.indexing import deferred, pending_count, process_pending, queue, queue_delete
from search.request import IndexUnavailable


class Command(BaseCommand):
    help = "Report releases missing from, stale in or orphaned in the search index, and repair them."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="report only; change nothing")

    def handle(self, *args, dry_run, **options):
        backend = get_backend()
        try:
            indexed = backend.indexed_versions()
        except IndexUnavailable as exc:
            if dry_run:
                raise CommandError(f"{exc}") from None
            self.stdout.write(f"index unreadable ({exc}); rebuilding")
            from django.core.management import call_command

            call_command("rebuild_index", stdout=self.stdout)
            return
        from django.db.models import Count

        in_db = {
            r.pk: (release_version(r), r.n)
            for r in Release.objects.annotate(n=Count("sections")).only("id", "updated_at")
        }
        missing = sorted(in_db.keys() - indexed.keys())
        orphans = sorted(indexed.keys() - in_db.keys())
        stale = sorted(rid for rid in in_db.keys() & indexed.keys() if in_db[rid] != indexed[rid])
        pending = pending_count()
        self.stdout.write(
            f"{len(in_db)} releases in the database, {len(indexed)} in the index: {len(missing)} missing, "
            f"{len(stale)} stale, {len(orphans)} orphaned; {pending} queued change(s)"
        )
        for label, ids in (("missing", missing), ("stale", stale), ("orphaned", orphans)):
            if ids:
                self.stdout.write(
                    f"  {label}: {', '.join(map(str, ids[:50]))}{' …' if len(ids) > 50 else ''}"
                )
        if dry_run:
            if missing or stale or orphans:
                raise CommandError("the index differs from the database", returncode=1)
            return
        # Deferred: queued one by one, each would be applied on its own commit (one index write per
        # release, and a count of 0 below); together they are applied in one write.
        with deferred():
            for rid in missing + stale:
                queue(rid)
            for rid in orphans:
                queue_delete(rid)
        applied = process_pending()
        self.stdout.write(f"repaired: {applied} change(s) applied")
