"""python manage.py process_outbox [--loop SECONDS] — apply queued index writes (for cron or a side container)."""

import time

from django.core.management.base import BaseCommand, CommandError

from reports.outbox import pending_count
from search.outbox import drain


class Command(BaseCommand):
    help = "Apply the queued index writes (the outbox); with --loop, keep doing so every SECONDS."

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop", type=float, metavar="SECONDS", help="repeat every SECONDS until stopped"
        )

    def handle(self, *args, loop=None, **options):
        while True:
            applied = drain(wait=30.0)
            left = pending_count()
            self.stdout.write(f"applied {applied} queued change(s); {left} left")
            if loop is None:
                if left:
                    raise CommandError(
                        f"{left} change(s) could not be applied; see check_index", returncode=1
                    )
                return
            time.sleep(max(1.0, loop))
