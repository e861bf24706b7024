"""python manage.py import_releases PATH... — files, folders or zips; one line per file and a summary."""

import sys

from django.core.management.base import BaseCommand, CommandError

from reports.batch import count_items, iter_items
from reports.importer import import_file
from reports.ingest.dates import parse_date_hint
from reports.ingest.gazetteer import lookup
from reports.ingest.pipeline import Hints
from search import indexing


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
        with indexing.deferred():
            self._import_all(options["paths"], hints, counts, total, show_progress)
        # One index write for the whole batch (tasks stay in the outbox until it succeeds).
        indexing.process_pending()
        summary = f"{counts['created']} created, {counts['duplicate']} duplicate, {counts['error']} failed"
        if self.merge_reposts:
            summary += f", {counts['copy']} copies of releases held"
        self.stdout.write(summary)
        if counts["error"]:
            raise CommandError(f"{counts['error']} file(s) could not be imported", returncode=1)

    def _import_all(self, paths, hints, counts, total, show_progress):
        for done, item in enumerate(iter_items(paths), start=1):
            if item.data is None:
                status, message = "error", item.error
            else:
                outcome = import_file(
                    item.data,
                    item.name.rsplit("/", 1)[-1].rsplit(":", 1)[-1],
                    hints=hints,
                    merge_reposts=self.merge_reposts,
                )
                status, message = outcome.status, outcome.message
                if outcome.status == "created":
                    message = f"release {outcome.release.pk}, {outcome.message}"
            counts[status] += 1
            if show_progress:
                sys.stderr.write("\r\033[K")
            line = f"{status:9} {item.name}: {message}"
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
        return Hints(city=city, outlet=options["outlet"], source_url=options["source_url"], **dates)
