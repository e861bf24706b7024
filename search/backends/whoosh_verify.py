"""Checksums of the Whoosh index's files, so byte damage is found before a query trips over it.

Whoosh has no checksums of its own: a flipped byte inside a segment opens fine and then, depending on
which posting list a query reads, gives wrong results or a `zlib.error` from deep inside a search. Every
write (incremental or rebuild) records a CRC-32 of each file it leaves behind in `archive-checksums.json`
beside the segments. Whoosh never rewrites a segment file (deletions live in the TOC), so a file's
checksum holds for its whole life, and a verdict per (file, size, mtime) is computed once per process:
after a write only the new segment is read. A file on disk that the manifest does not list (written by
code older than the manifest, or between a commit and its manifest) is unverified, not damaged.
"""

from __future__ import annotations

import json
import os
import threading
import zlib
from pathlib import Path

MANIFEST = "archive-checksums.json"
# Our own small files beside the segments: not Whoosh's, and rewritten in place.
OWN_FILES = {MANIFEST, "archive-schema-version"}
CHUNK = 1 << 20

_verdicts: dict[tuple[str, int, int], int] = {}
_lock = threading.Lock()


def crc_of(path: Path) -> int:
    crc = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            crc = zlib.crc32(chunk, crc)
    return crc


def _cached_crc(path: Path) -> int:
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    with _lock:
        found = _verdicts.get(key)
    if found is None:
        found = crc_of(path)
        with _lock:
            _verdicts[key] = found
    return found


def index_files(directory: Path) -> list[Path]:
    return sorted(
        p
        for p in directory.iterdir()
        if p.is_file() and p.name not in OWN_FILES and not p.name.endswith(".lock")
    )


def load_manifest(directory: Path) -> dict[str, dict] | None:
    try:
        return json.loads((directory / MANIFEST).read_text())["files"]
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return {}  # an unreadable manifest verifies nothing; check_index writes a fresh one


def record(directory: Path) -> int:
    """Write the manifest for the files now in `directory`; call with the write lock held, after a commit.
    Files already listed keep their recorded checksum (recomputing would bless damage done since)."""
    old = load_manifest(directory) or {}
    files = {}
    for path in index_files(directory):
        size = path.stat().st_size
        entry = old.get(path.name)
        if entry is None or entry.get("size") != size:
            entry = {"size": size, "crc32": _cached_crc(path)}
        files[path.name] = entry
    tmp = directory / f".{MANIFEST}.{os.getpid()}"
    tmp.write_text(json.dumps({"files": files}, indent=0, sort_keys=True))
    os.replace(tmp, directory / MANIFEST)
    return len(files)


def damaged_files(directory: Path) -> list[str]:
    """Names of the files whose size or checksum differs from the manifest (empty: none found)."""
    manifest = load_manifest(directory)
    if not manifest:
        return []
    damaged = []
    for name, entry in sorted(manifest.items()):
        path = directory / name
        try:
            if path.stat().st_size != entry["size"] or _cached_crc(path) != entry["crc32"]:
                damaged.append(name)
        except FileNotFoundError:
            continue  # merged away by a later write; the TOC no longer needs it
        except (OSError, KeyError, TypeError):
            damaged.append(name)
    return damaged


def has_manifest(directory: Path) -> bool:
    return load_manifest(directory) is not None
