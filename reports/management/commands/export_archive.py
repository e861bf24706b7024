"""python manage.py export_archive OUT.jsonl — every release, one JSON object a line, originals included."""

import os
import sys

from django.core.management.base import BaseCommand

from reports.archive_io import export_lines


class Command(BaseCommand):
    help = "Export every release (same shape as /api/releases/<id>/ plus the original bytes) as JSON lines."

    def add_arguments(self, parser):
        parser.add_argument("out", help="output file, or - for standard output")

    def handle(self, *args, out, **options):
        if out == "-":
            count = self._write(sys.stdout)
        else:
            # Write beside the target and rename, so a failed export never leaves a truncated file behind.
            tmp = f"{out}.part"
            with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
                count = self._write(fh)
            os.replace(tmp, out)
        self.stderr.write(f"exported {count} releases")

    def _write(self, fh):
        count = 0
        for line in export_lines():
            fh.write(line + "\n")
            count += 1
        return count
