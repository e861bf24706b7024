"""A cross-process write lock on a file (fcntl.flock), with a timeout.

Whoosh allows one writer at a time and raises LockError at once when another holds its lock. Our writers
(gunicorn workers indexing an upload, the admin, rebuild_index) queue on this lock instead, so they wait
their turn rather than fail; the kernel releases it if a holder dies.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from pathlib import Path


@contextlib.contextmanager
def file_lock(path: Path, timeout: float):
    """Yields True once the lock is held, or False after `timeout` seconds without it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    acquired = False
    try:
        deadline = time.monotonic() + timeout
        delay = 0.01
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                acquired = True
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    break
                time.sleep(delay)
                delay = min(delay * 2, 0.2)
        yield acquired
    finally:
        if acquired:
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
