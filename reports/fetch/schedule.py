"""When to look at a source again, and how to keep to a per-host rate limit. Pure Python.

Each host gets at most one request per `min_interval` seconds. Due sources are interleaved host by host
(round robin), so a run over many hosts rarely waits; a run over one host waits as long as politeness says.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from datetime import datetime, timedelta

MAX_BACKOFF = timedelta(days=30)
ERROR_BASE = timedelta(hours=1)
GONE_FACTOR = 4  # a gone source is still looked at (it may come back), but less often


def next_check(now: datetime, state: str, failures: int, interval: timedelta, key: int) -> datetime:
    """The next look: one interval when all is well (spread by a fixed per-source offset of up to a tenth,
    so sources imported together are not all due together), doubling back-off after failed checks."""
    spread = interval * ((key * 2654435761) % 1000) / 10000
    if failures:
        return now + min(ERROR_BASE * 2 ** (failures - 1), MAX_BACKOFF)
    if state == "gone":
        return now + min(interval * GONE_FACTOR, MAX_BACKOFF) + spread
    return now + interval + spread


def round_robin(items, host_of) -> list:
    """Items reordered so consecutive ones come from different hosts where possible."""
    queues: OrderedDict = OrderedDict()
    for item in items:
        queues.setdefault(host_of(item), deque()).append(item)
    ordered = []
    while queues:
        for host in list(queues):
            ordered.append(queues[host].popleft())
            if not queues[host]:
                del queues[host]
    return ordered


class HostLimiter:
    """Sleep before a request to a host that was asked less than `min_interval` seconds ago."""

    def __init__(self, min_interval: float, clock=time.monotonic, sleep=time.sleep):
        self.min_interval = min_interval
        self.last: dict[str, float] = {}
        self.clock = clock
        self.sleep = sleep
        self.waited = 0.0

    def wait(self, host: str, at_least: float = 0.0) -> None:
        """`at_least`: a longer interval the host asks for itself (robots.txt Crawl-delay)."""
        now = self.clock()
        ready = self.last.get(host, -1e18) + max(self.min_interval, at_least)
        if ready > now:
            self.sleep(ready - now)
            self.waited += ready - now
        self.last[host] = max(now, ready)
