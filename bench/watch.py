"""How fast and how lean the source watcher's fetching loop is, against local servers on 127.0.0.x.

    .venv/bin/python bench/watch.py [--hosts 100] [--per-host 20] [--host-delay-ms 200]

Starts one HTTP server per loopback address (127.0.0.2, 127.0.0.3, ...: many hosts, no traffic off the
machine), serves `per-host` article pages on each (a few removed, a few soft-404, a few redirected), then
runs the watcher's loop: round-robin over hosts, the per-host limiter, a polite fetch (robots.txt, WARC
record), main-text extraction, soft-404 test and content hash for every source. Prints checks per minute,
the states found and the peak Python memory (tracemalloc). The database writes of `watch_sources` are not
in this loop; on SQLite they add about one small INSERT and UPDATE per check. No Django needed.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import threading
import time
import tracemalloc
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from reports.fetch.fetcher import FetchError, Policy, RobotsCache, fetch  # noqa: E402
from reports.fetch.gone import soft_404  # noqa: E402
from reports.fetch.schedule import HostLimiter, round_robin  # noqa: E402
from reports.ingest.htmltext import html_to_article  # noqa: E402

PARAGRAPH = "全年共排查化解矛盾纠纷{n}件，化解率96.{m}%，群众安全感达到98.{m}%，各项工作取得明显成效。"


def page(n: int) -> bytes:
    n = 1 if SAME_PAGE["on"] else n
    body = "".join(f"<p>{PARAGRAPH.format(n=n * 7 + i, m=i)}</p>" for i in range(12))
    return f"<html><head><title>第{n}号发布稿</title></head><body><div class='content'>{body}</div></body></html>".encode()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/robots.txt":
            status, body, headers = 200, b"User-agent: *\nDisallow: /private/\n", {}
        else:
            n = int(self.path.strip("/").split(".")[0] or 0)
            if n % 17 == 0:
                status, body, headers = 404, b"not found", {}
            elif n % 19 == 0:
                status, body, headers = 200, "<p>该信息已删除</p>".encode(), {}
            elif n % 23 == 0 and not self.path.endswith("x"):
                status, body, headers = 301, b"", {"Location": f"/{n}.htmlx"}
            else:
                status, body, headers = 200, page(n), {}
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


SAME_PAGE = {"on": False}  # --django: every live page carries the one archived release's text


def start_servers(count: int) -> list:
    servers = []
    for i in range(count):
        server = ThreadingHTTPServer((f"127.0.0.{2 + i}", 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.5}, daemon=True).start()
        servers.append(server)
    return servers


def sources_of(servers, per_host: int) -> list[tuple[str, str]]:
    """(host, url) of every source: per_host pages on each server."""
    return [
        (
            f"127.0.0.{2 + h}:{s.server_address[1]}",
            f"http://127.0.0.{2 + h}:{s.server_address[1]}/{h * 1000 + k}.html",
        )
        for h, s in enumerate(servers)
        for k in range(1, per_host + 1)
    ]


def run_loop(args) -> int:
    servers = start_servers(args.hosts)
    sources = sources_of(servers, args.per_host)
    policy = Policy(user_agent="PinganArchiveBot/bench", timeout=5)
    robots = RobotsCache(policy)
    limiter = HostLimiter(args.host_delay_ms / 1000)
    states: Counter = Counter()
    tracemalloc.start()
    started = time.perf_counter()
    for host, url in round_robin(sources, lambda item: item[0]):
        limiter.wait(host)
        try:
            fetched = fetch(url, policy, robots)
        except FetchError:
            states["error"] += 1
            continue
        hashlib.sha256(fetched.body).hexdigest()
        if fetched.status in (404, 410):
            states["gone"] += 1
            continue
        text = html_to_article(fetched.body).text
        if soft_404(text):
            states["gone"] += 1
        elif fetched.final_url != url:
            states["moved"] += 1
        else:
            states["alive"] += 1
    took = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    for server in servers:
        server.shutdown()
    print(
        f"fetch loop only: {len(sources)} sources on {args.hosts} hosts, per-host delay {args.host_delay_ms} ms"
    )
    print(
        f"checks per minute: {len(sources) / took * 60:.0f} ({took:.1f} s; limiter waited {limiter.waited:.1f} s)"
    )
    print(f"states: {dict(sorted(states.items()))}")
    print(f"peak Python memory: {peak / 1048576:.1f} MB")
    return 0


def run_django(args) -> int:
    """The real `watch_sources` on a fresh SQLite archive: fetch, classify, record every check, schedule."""
    import os
    import resource
    import tempfile

    SAME_PAGE["on"] = True
    os.environ["ARCHIVE_DATA_DIR"] = tempfile.mkdtemp(prefix="watch-bench-")
    os.environ["ARCHIVE_WATCH_HOST_DELAY_MS"] = str(args.host_delay_ms)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    os.environ.setdefault("ARCHIVE_HTTPS", "0")
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from reports.importer import import_file
    from reports.models import Release
    from reports.provenance_models import SourceCheck, SourceStatus

    call_command("migrate", verbosity=0)
    servers = start_servers(args.hosts)
    sources = sources_of(servers, args.per_host)
    model = import_file(page(1), "model.html").release
    fields = {
        f.attname: getattr(model, f.attname) for f in Release._meta.concrete_fields if f.attname != "id"
    }
    Release.objects.bulk_create(
        [
            Release(**{**fields, "sha256": f"{i:064x}", "source_url": url})
            for i, (_h, url) in enumerate(sources)
        ],
        batch_size=500,
    )
    now = timezone.now()
    SourceStatus.objects.bulk_create(
        [
            SourceStatus(
                release=r, url=r.source_url, host=r.source_url.split("/")[2], state="alive", next_check_at=now
            )
            for r in Release.objects.exclude(pk=model.pk).only("id", "source_url")
        ],
        batch_size=500,
    )
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    call_command("watch_sources", verbosity=0)
    took = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    states = Counter(SourceStatus.objects.values_list("state", flat=True))
    for server in servers:
        server.shutdown()
    print(
        f"watch_sources on SQLite: {len(sources)} sources on {args.hosts} hosts, per-host delay {args.host_delay_ms} ms"
    )
    print(
        f"checks per minute: {len(sources) / took * 60:.0f} ({took:.1f} s; {SourceCheck.objects.count()} checks recorded)"
    )
    print(f"states: {dict(sorted(states.items()))}")
    print(f"peak RSS: {after / 1024:.0f} MB (before the run: {before / 1024:.0f} MB)")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--hosts", type=int, default=100)
    parser.add_argument("--per-host", type=int, default=20)
    parser.add_argument("--host-delay-ms", type=int, default=200)
    parser.add_argument(
        "--django", action="store_true", help="run the real watch_sources on a temp SQLite archive"
    )
    args = parser.parse_args(argv)
    return run_django(args) if args.django else run_loop(args)


if __name__ == "__main__":
    sys.exit(main())
