"""python manage.py import_releases PATH... — files, folders or zips; one line per file and a summary."""

import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator

from reports import outbox
from reports.batch import count_items, iter_items
from reports.clean import without_controls
from reports.importer import import_file
from reports.ingest.dates import parse_date_hint
from reports.ingest.gazetteer import lookup
from reports.ingest.pipeline import Hints


class Command(BaseCommand):
    help = "Import release files (.txt, .html, .docx, .pdf), folders of them, or zip archives of them."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+")
        parser.add_argument("--city", help="city for every file (沈阳, 瀋陽市, shenyang or a division code)")
        parser.add_argument("--published-on", help="publication date for every file (2025-10-16, 2025-10)")
        parser.add_argument("--held-on", help="press-conference date for every file")
        parser.add_argument("--outlet", default="")
        parser.add_argument("--source-url", default="")
        parser.add_argument("--no-progress", action="store_true", help="never draw the progress bar")
        parser.add_argument(
            "--merge-reposts",
            action="store_true",
            help="keep a file that repeats a release we hold (a mirror's copy, an excerpt) as a copy of it",
        )

    def handle(self, *args, **options):
        hints = self._hints(options)
        total = count_items(options["paths"])
        show_progress = total >= 20 and not options["no_progress"] and sys.stderr.isatty()
        counts = {"created": 0, "duplicate": 0, "copy": 0, "error": 0}
        self.merge_reposts = options["merge_reposts"]
        with outbox.deferred():
            self._import_all(options["paths"], hints, counts, total, show_progress)
        # One index write for the whole batch (tasks stay in the outbox until it succeeds).
        index_problem = ""
        try:
            outbox.apply_pending()
        except Exception as exc:  # the releases are committed; their index writes stay queued
            index_problem = f"{exc.__class__.__name__}: {exc}"
        summary = f"{counts['created']} created, {counts['duplicate']} duplicate, {counts['error']} failed"
        if self.merge_reposts:
            summary += f", {counts['copy']} copies of releases held"
        self.stdout.write(summary)
        if index_problem:
            self.stdout.write(
                self.style.ERROR(
                    f"the search index was not updated ({index_problem}); the imported releases are saved "
                    "and their index writes stay queued: run `manage.py check_index`"
                )
            )
        if counts["error"]:
            raise CommandError(f"{counts['error']} file(s) could not be imported", returncode=1)
        if index_problem:
            raise CommandError("the search index could not be updated", returncode=1)

    def _import_all(self, paths, hints, counts, total, show_progress):
        for done, item in enumerate(iter_items(paths), start=1):
            if item.data is None:
                status, message = "error", item.error
            else:
                outcome = import_file(item.data, item.filename, hints=hints, merge_reposts=self.merge_reposts)
                status, message = outcome.status, outcome.message
                if outcome.status == "created":
                    message = f"release {outcome.release.pk}, {outcome.message}"
            counts[status] += 1
            if show_progress:
                sys.stderr.write("\r\033[K")
            line = f"{status:9} {without_controls(item.name, '_')}: {message}"  # one line per file
            self.stdout.write(self.style.ERROR(line) if status == "error" else line)
            if show_progress:
                filled = int(30 * done / max(total, done))
                sys.stderr.write(f"[{'#' * filled}{'.' * (30 - filled)}] {done}/{max(total, done)}")
                sys.stderr.flush()
        if show_progress:
            sys.stderr.write("\r\033[K")

    def _hints(self, options):
        city = None
        if options["city"]:
            city = lookup(options["city"])
            if city is None:
                raise CommandError(f"--city {options['city']!r} is not a known city, county or province")
        dates = {}
        for name in ("published_on", "held_on"):
            raw = options[name]
            if raw:
                dates[name] = parse_date_hint(raw)
                if dates[name] is None:
                    raise CommandError(f"--{name.replace('_', '-')} {raw!r} is not a date like 2025-10-16")
        source_url = options["source_url"].strip()
        if source_url:
            # The release page links to it: only a web address, never javascript: or data:.
            try:
                URLValidator(schemes=["http", "https"])(source_url)
            except ValidationError:
                raise CommandError(f"--source-url {source_url!r} is not an http(s) address") from None
        return Hints(city=city, outlet=options["outlet"], source_url=source_url, **dates)
