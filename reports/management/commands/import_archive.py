"""python manage.py import_archive IN.jsonl — the inverse of export_archive."""

from django.core.management.base import BaseCommand, CommandError

from reports import outbox
from reports.archive_io import import_lines, reset_sequences


class Command(BaseCommand):
    help = "Import releases from an export_archive file; existing releases (same sha256) are skipped."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        counts = {"created": 0, "duplicate": 0, "error": 0}
        try:
            fh = open(path, encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}") from None
        with fh:
            for outcome in import_lines(fh):
                counts[outcome.status] += 1
                detail = outcome.message or f"release {outcome.release_id}"
                line = f"{outcome.status:9} line {outcome.number}: {detail}"
                self.stdout.write(self.style.ERROR(line) if outcome.status == "error" else line)
        reset_sequences()
        outbox.apply_pending()
        self.stdout.write(
            f"{counts['created']} created, {counts['duplicate']} duplicate, {counts['error']} failed"
        )
        if counts["error"]:
            raise CommandError(f"{counts['error']} line(s) could not be imported", returncode=1)
