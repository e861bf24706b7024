"""Explicit index writes through a transactional outbox.

`queue()` writes an IndexTask row inside the caller's transaction and, once that transaction commits,
processes the outbox. Processing takes the backend's write lock (one writer at a time, across gunicorn
workers and management commands), applies every pending task and deletes the rows it applied. A process
that cannot get the lock in time leaves its rows for the lock holder, which loops until the outbox is
empty, or for the next writer or `check_index`: an update is delayed at worst, never lost.
"""

from __future__ import annotations

import contextlib
import logging
import threading

from django.db import transaction
from django.utils import timezone

from reports.models import Release
from search.backends import get_backend
from search.documents import section_documents
from search.models import IndexTask

log = logging.getLogger(__name__)
BATCH = 200


_deferred = threading.local()


@contextlib.contextmanager
def deferred():
    """Queue index tasks without applying them; the caller applies them in one batch afterwards.

    A bulk import then writes the index once instead of committing a Whoosh segment per file; the
    outbox guarantees nothing is lost if the process dies before the batch.
    """
    _deferred.active = getattr(_deferred, "active", 0) + 1
    try:
        yield
    finally:
        _deferred.active -= 1


def queue(release_id: int, action: str = IndexTask.INDEX) -> None:
    IndexTask.objects.create(release_id=release_id, action=action)
    if action == IndexTask.INDEX:
        # The release's version stamp (updated_at) changes with any edit that reaches the index, section
        # edits included, so check_index can tell a stale entry from a current one.
        Release.objects.filter(pk=release_id).update(updated_at=timezone.now())
    if not getattr(_deferred, "active", 0):
        transaction.on_commit(process_after_commit)


def queue_delete(release_id: int) -> None:
    queue(release_id, IndexTask.DELETE)


def process_after_commit() -> None:
    try:
        process_pending()
    except Exception:  # the change is committed; the outbox keeps the task for the next writer
        log.exception("indexing after commit failed; the task stays queued")


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


def pending_count() -> int:
    return IndexTask.objects.count()
