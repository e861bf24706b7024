"""manage.py import_url URL [URL ...]: archive web pages through the one importer, one line per URL."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand

from reports.fetch.fetcher import RobotsCache
from reports.fetch.schedule import HostLimiter
from reports.importer import import_url
from reports.provenance import fetch_policy


class Command(BaseCommand):
    help = (
        "Fetch web pages politely (robots.txt, timeouts, size limit), keep a WARC capture, import the text."
    )

    def add_arguments(self, parser):
        parser.add_argument("urls", nargs="+")

    def handle(self, *args, **options):
        policy = fetch_policy()
        robots = RobotsCache(policy)
        failed = 0
        limiter = HostLimiter(settings.ARCHIVE_WATCH_HOST_DELAY_MS / 1000)
        for url in options["urls"]:
            # Many URLs of one site are fetched no faster than the watcher would (robots.txt Crawl-delay too).
            limiter.wait(urlsplit(url).netloc, robots.crawl_delay(url) if url.startswith("http") else 0)
            outcome = import_url(url, policy=policy, robots=robots)
            if outcome.status == "error":
                failed += 1
                self.stdout.write(f"{url}\terror\t{outcome.message}")
            elif outcome.status in ("copy", "version"):
                word = "copy of" if outcome.status == "copy" else "version of"
                self.stdout.write(f"{url}\t{word} release {outcome.release.pk}\t{outcome.message}")
            else:
                self.stdout.write(f"{url}\t{outcome.status}\trelease {outcome.release.pk}\t{outcome.message}")
        if failed:
            self.stderr.write(f"{failed} of {len(options['urls'])} URLs failed")
