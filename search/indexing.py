"""The index side of the outbox: applies the tasks the data side queued (reports/outbox.py).

reports never imports search: SearchConfig.ready registers `process_pending` as the outbox's consumer, and
`reports.outbox.queue()` runs it once the queuing transaction commits. Processing takes the backend's
write lock (one writer at a time, across gunicorn workers and management commands), applies every pending
task and deletes the rows it applied. A process
that cannot get the lock in time leaves its rows for the lock holder, which loops until the outbox is
empty, or for the next writer or `check_index`: an update is delayed at worst, never lost.
"""

from __future__ import annotations

import logging

from reports.models import IndexTask
from search.backends import get_backend
from search.documents import section_documents

log = logging.getLogger(__name__)
BATCH = 200


def process_pending(wait: float = 15.0) -> int:
    """Apply queued tasks; returns how many tasks were applied (0 if another process holds the lock)."""
    backend = get_backend()
    applied = 0
    with backend.write_lock(wait) as acquired:
        if not acquired:
            log.info("index writer busy; queued tasks stay for the current writer")
            return 0
        while True:
            tasks = list(IndexTask.objects.order_by("id")[:BATCH])
            if not tasks:
                break
            apply_tasks(backend, tasks)
            IndexTask.objects.filter(id__in=[t.id for t in tasks]).delete()
            applied += len(tasks)
    return applied


def apply_tasks(backend, tasks: list[IndexTask]) -> None:
    last_action: dict[int, str] = {}
    for task in tasks:  # in id order: the latest task for a release decides
        last_action[task.release_id] = task.action
    to_index = [rid for rid, action in last_action.items() if action == IndexTask.INDEX]
    # Every touched release loses its old entries; those that still exist get fresh ones. A release deleted
    # after its index task was queued simply has no documents any more.
    backend.write(list(section_documents(to_index)), remove=set(last_action))
