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


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--hosts", type=int, default=100)
    parser.add_argument("--per-host", type=int, default=20)
    parser.add_argument("--host-delay-ms", type=int, default=200)
    args = parser.parse_args(argv)
    servers = []
    for i in range(args.hosts):
        server = ThreadingHTTPServer((f"127.0.0.{2 + i}", 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.5}, daemon=True).start()
        servers.append(server)
    sources = [
        (
            f"127.0.0.{2 + h}:{s.server_address[1]}",
            f"http://127.0.0.{2 + h}:{s.server_address[1]}/{h * 1000 + k}.html",
        )
        for h, s in enumerate(servers)
        for k in range(1, args.per_host + 1)
    ]
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
    print(f"sources: {len(sources)} on {args.hosts} hosts, per-host delay {args.host_delay_ms} ms")
    print(
        f"checks per minute: {len(sources) / took * 60:.0f} ({took:.1f} s in all; limiter waited {limiter.waited:.1f} s)"
    )
    print(f"states: {dict(sorted(states.items()))}")
    print(f"peak Python memory: {peak / 1048576:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
