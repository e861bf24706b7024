"""python manage.py reparse_releases --all | ID... — parse releases again from their archived original bytes.

The same path as the admin action 重新解析 (`reports.importer.reparse`): new text, sections, figures and
topics; sections an editor marked as edited and figures marked as corrected are kept. Archives imported
before stored text kept full-width forms are migrated this way. One line per release, then a summary; exit
status 1 if any release failed, after parsing the others.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from reports import outbox
from reports.importer import reparse
from reports.ingest.types import IngestError
from reports.models import OriginalFile, Release


class Command(BaseCommand):
    help = "Re-parse releases from their archived original bytes, keeping editors' corrections."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="release ids")
        parser.add_argument("--all", action="store_true", help="every release in the archive")

    def handle(self, *args, **options):
        if options["all"] == bool(options["ids"]):
            raise CommandError("give release ids or --all (not both)")
        releases = Release.objects.select_related("original", "city").order_by("pk")
        if not options["all"]:
            releases = releases.filter(pk__in=options["ids"])
            missing = sorted(set(options["ids"]) - set(releases.values_list("pk", flat=True)))
            for pk in missing:
                self.stdout.write(self.style.ERROR(f"error     release {pk}: no such release"))
        else:
            missing = []
        counts = {"reparsed": 0, "changed": 0, "error": len(missing)}
        started = time.perf_counter()
        with outbox.deferred():
            for release in releases.iterator(chunk_size=100):
                self._reparse(release, counts)
        # One index write for the whole run (tasks wait in the outbox until it succeeds).
        outbox.apply_pending()
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"{counts['reparsed']} reparsed ({counts['changed']} with a changed text), "
            f"{counts['error']} failed, in {elapsed:.1f} s"
        )
        if counts["error"]:
            raise CommandError(f"{counts['error']} release(s) could not be re-parsed", returncode=1)

    def _reparse(self, release: Release, counts: dict) -> None:
        before = release.text
        try:
            reparse(release)
        except (IngestError, OriginalFile.DoesNotExist) as exc:
            counts["error"] += 1
            self.stdout.write(self.style.ERROR(f"error     release {release.pk}: {exc}"))
            return
        counts["reparsed"] += 1
        changed = release.text != before
        counts["changed"] += changed
        sections = release.sections.count()
        note = "text changed" if changed else "text unchanged"
        self.stdout.write(f"reparsed  release {release.pk}: {note}, {sections} sections")
