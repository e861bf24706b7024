"""manage.py watch_sources [--all] [--limit N]: re-check source pages that are due; every check recorded.

Run it from cron (e.g. hourly) or as the compose service `watcher` (a loop); see README "Sources that
vanish". Sources are taken in due order, interleaved host by host, one request per host per
ARCHIVE_WATCH_HOST_DELAY_MS. Memory stays bounded: statuses are read in chunks, one page at a time.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from reports.fetch.fetcher import RobotsCache
from reports.fetch.schedule import HostLimiter, round_robin
from reports.provenance import fetch_policy
from reports.provenance_models import SourceStatus
from reports.watch import check_source, ensure_statuses

CHUNK = 500


class Command(BaseCommand):
    help = "Re-fetch due source pages; record alive / changed / moved / gone."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="check every source now, due or not")
        parser.add_argument("--limit", type=int, default=0, help="check at most this many sources")
        parser.add_argument("--loop", type=int, default=0, help="run again every N seconds (for a service)")

    def handle(self, *args, **options):
        while True:
            self.run_once(options)
            if not options["loop"]:
                return
            time.sleep(options["loop"])

    def run_once(self, options):
        added = ensure_statuses()
        policy = fetch_policy()
        robots = RobotsCache(policy)
        limiter = HostLimiter(settings.ARCHIVE_WATCH_HOST_DELAY_MS / 1000)
        due = (
            SourceStatus.objects.all()
            if options["all"]
            else SourceStatus.objects.filter(next_check_at__lte=timezone.now())
        )
        ids = list(due.order_by("next_check_at", "id").values_list("id", "host"))
        if options["limit"]:
            ids = ids[: options["limit"]]
        counts: dict[str, int] = {}
        for start in range(0, len(ids), CHUNK):
            chunk = round_robin(ids[start : start + CHUNK], lambda row: row[1])
            statuses = SourceStatus.objects.select_related("release").in_bulk([pk for pk, _ in chunk])
            for pk, host in chunk:
                limiter.wait(host, robots.crawl_delay(statuses[pk].url))
                check = check_source(statuses[pk], policy, robots)
                counts[check.state] = counts.get(check.state, 0) + 1
                if options["verbosity"] > 1:
                    self.stdout.write(
                        f"{statuses[pk].url}\t{check.state}\t{check.http_status or '-'}\t{check.note}"
                    )
        summary = ", ".join(f"{n} {state}" for state, n in sorted(counts.items())) or "nothing due"
        self.stdout.write(f"checked {len(ids)} sources ({added} newly watched): {summary}")
