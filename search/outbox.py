"""The outbox drained without waiting for the next write: at start-up and on a schedule.

A release is committed together with its IndexTask row; the index write follows the commit. A worker that
dies in between (killed, out of memory, a deploy) leaves the row behind, and before this nothing applied it
until the next upload or `check_index`: the release stayed unfindable while /healthz said ok.

Three things drain it now:
- start-up: each gunicorn worker, once booted, drains in a background thread (gunicorn_conf.post_worker_init);
- a cheap check after requests: at most every CHECK_EVERY seconds per process, one indexed COUNT of tasks
  older than SEARCH_OUTBOX_STALE_SECONDS; when there are any, they are applied after the response is sent,
  without waiting for the write lock (whoever holds it drains the outbox anyway);
- `manage.py process_outbox [--loop SECONDS]` for cron or a side container.
/healthz reports tasks older than SEARCH_OUTBOX_STALE_SECONDS as degraded.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time

from django.conf import settings
from django.db import connection
from django.utils import timezone

from reports.models import IndexTask

log = logging.getLogger(__name__)
CHECK_EVERY = 30.0
_last_check = {"at": 0.0}


def stale_after() -> float:
    return float(getattr(settings, "SEARCH_OUTBOX_STALE_SECONDS", 60))


def stale_tasks(age: float | None = None) -> int:
    """Tasks queued more than `age` seconds ago: a write that should have happened and did not."""
    cutoff = timezone.now() - dt.timedelta(seconds=stale_after() if age is None else age)
    return IndexTask.objects.filter(created_at__lt=cutoff).count()


def drain(wait: float = 0.0) -> int:
    """Apply what is queued; never raises (a broken index keeps the tasks for check_index)."""
    from search.indexing import process_pending

    try:
        return process_pending(wait=wait)
    except Exception as exc:
        log.error("draining the index outbox failed; the tasks stay queued: %r", exc)
        return 0


def drain_in_background(reason: str) -> threading.Thread:
    def run():
        try:
            applied = drain(wait=30.0)
            if applied:
                log.warning(
                    "index outbox (%s): applied %d task(s) left by an earlier process", reason, applied
                )
        finally:
            connection.close()  # this thread's own connection

    thread = threading.Thread(target=run, name=f"outbox-{reason}", daemon=True)
    thread.start()
    return thread


def drain_if_due(sender=None, **kwargs) -> None:
    """request_finished receiver: the scheduled check, at most every CHECK_EVERY seconds per process."""
    now = time.monotonic()
    if now - _last_check["at"] < CHECK_EVERY:
        return
    _last_check["at"] = now
    try:
        if stale_tasks():
            applied = drain()
            log.warning("index outbox: applied %d stale task(s) after a request", applied)
    except Exception as exc:  # the check must never break serving
        log.error("index outbox check failed: %r", exc)
