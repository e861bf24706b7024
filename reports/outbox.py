"""The index outbox: the data side records which releases the search index must (re)write or remove.

`queue()` writes an IndexTask row inside the caller's transaction, so a crash between the commit and the
index write loses nothing. The data side never imports search: search registers the function that applies
the outbox (`set_consumer`, from SearchConfig.ready), and `queue()` asks for it to run after the commit.
Without a registered consumer (reports used alone) the rows simply wait in the table.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable

from django.db import transaction
from django.db.models import F

from reports.models import IndexTask, Release

log = logging.getLogger(__name__)

_deferred = threading.local()
_consumer: dict[str, Callable[..., int] | None] = {"apply": None}


def set_consumer(apply: Callable[..., int]) -> None:
    """Register the function that applies queued tasks and returns how many it applied (search does this)."""
    _consumer["apply"] = apply


@contextlib.contextmanager
def deferred():
    """Queue index tasks without applying them; the caller applies them in one batch afterwards.

    A bulk import then writes the index once instead of once per file; the outbox guarantees nothing is lost
    if the process dies before the batch.
    """
    _deferred.active = getattr(_deferred, "active", 0) + 1
    try:
        yield
    finally:
        _deferred.active -= 1


def queue(release_id: int, action: str = IndexTask.INDEX) -> None:
    IndexTask.objects.create(release_id=release_id, action=action)
    if action == IndexTask.INDEX:
        # The index's own version of the release: check_index compares it with what the index holds. It is
        # not updated_at, which feeds and the sitemap publish and must change only when the release does.
        Release.objects.filter(pk=release_id).update(index_version=F("index_version") + 1)
    if not getattr(_deferred, "active", 0):
        transaction.on_commit(apply_after_commit)


def queue_delete(release_id: int) -> None:
    queue(release_id, IndexTask.DELETE)


def apply_pending(**options) -> int:
    """Apply queued tasks now through the registered consumer; 0 when none is registered or it is busy."""
    apply = _consumer["apply"]
    return apply(**options) if apply else 0


def apply_after_commit() -> None:
    try:
        apply_pending()
    except Exception:  # the change is committed; the outbox keeps the task for the next writer
        log.exception("indexing after commit failed; the task stays queued")


def pending_count() -> int:
    return IndexTask.objects.count()
