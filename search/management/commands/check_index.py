"""python manage.py check_index — compare the index with the database, and repair what differs."""

from django.core.management.base import BaseCommand, CommandError

from reports.models import Release
from reports.outbox import deferred, pending_count, queue, queue_delete
from search.backends import get_backend
from search.documents import release_version
from search.indexing import process_pending
from search.request import IndexUnavailable


class Command(BaseCommand):
    help = "Report releases missing from, stale in or orphaned in the search index, and repair them."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="report only; change nothing")

    def handle(self, *args, dry_run, **options):
        backend = get_backend()
        try:
            damaged = backend.verify() if hasattr(backend, "verify") else []
            if damaged:
                shown = ", ".join(damaged[:10]) + (" …" if len(damaged) > 10 else "")
                raise IndexUnavailable(
                    f"the index is damaged: {len(damaged)} file(s) fail their checksum ({shown})"
                )
            indexed = backend.indexed_versions()
        except (
            Exception
        ) as exc:  # unreadable, damaged, missing: never a traceback, rebuild unless asked not to
            reason = (
                str(exc) if isinstance(exc, IndexUnavailable) else f"damaged: {exc.__class__.__name__}: {exc}"
            )
            self.stdout.write(f"index unusable ({reason})")
            if dry_run:
                raise CommandError("the index must be rebuilt (run check_index without --dry-run)") from None
            # A damaged segment's releases cannot be read back from it; the database holds them all, so the
            # whole index is rebuilt beside the live one and swapped in.
            self.stdout.write("rebuilding from the database")
            from django.core.management import call_command

            call_command("rebuild_index", stdout=self.stdout)
            return
        from django.db.models import Count

        in_db = {
            r.pk: (release_version(r), r.n)
            for r in Release.objects.annotate(n=Count("sections")).only("id", "index_version")
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
        if hasattr(backend, "record_checksums"):
            recorded = backend.record_checksums()
            if recorded:
                self.stdout.write(f"checksums recorded for {recorded} index file(s) that had none")
