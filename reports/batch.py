"""Files to import from command-line paths: single files, folders (recursively) and zip archives.

Zips are read in memory with the checks a hostile archive needs: no absolute or `..` member paths, no
member larger than the upload limit (sizes in headers are not trusted: reads stop at the limit), a bound on
the total, and no archives inside archives.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings

from reports.importer import size_text

SKIP_NAMES = {".DS_Store", "Thumbs.db", "README.md", "EXPECTED.md"}
MAX_ZIP_TOTAL = 1024 * 1024 * 1024
MAX_ZIP_MEMBERS = 10000


@dataclass
class Item:
    name: str  # what we print: a path, or archive.zip:member
    data: bytes | None
    error: str = ""
    # The file's own name, as the release stores it. Kept apart from `name` because a name may itself hold
    # a colon or a slash-like character (会议纪要:2025年沈阳.txt) that no split of `name` can tell apart.
    filename: str = ""

    def __post_init__(self):
        if not self.filename:
            self.filename = self.name


def iter_items(paths: list[str]) -> Iterator[Item]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.name in SKIP_NAMES or child.name.startswith("."):
                    continue
                yield from _file_items(child)
        elif path.is_file():
            yield from _file_items(path)
        else:
            yield Item(raw, None, "no such file or folder")


def count_items(paths: list[str]) -> int:
    total = 0
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            total += sum(1 for p in path.rglob("*") if p.is_file() and p.name not in SKIP_NAMES)
        else:
            total += 1
    return total


def _file_items(path: Path) -> Iterator[Item]:
    limit = settings.ARCHIVE_MAX_UPLOAD_BYTES
    try:
        size = path.stat().st_size
        if path.suffix.lower() == ".zip":
            yield from zip_items(path.read_bytes(), str(path))
            return
        if size > limit:
            yield Item(str(path), None, f"is {size_text(size)}; the limit is {size_text(limit)}")
            return
        yield Item(str(path), path.read_bytes(), filename=path.name)
    except OSError as exc:
        yield Item(str(path), None, f"cannot be read: {exc.strerror or exc}")


def zip_items(blob: bytes, label: str) -> Iterator[Item]:
    limit = settings.ARCHIVE_MAX_UPLOAD_BYTES
    try:
        archive = zipfile.ZipFile(io.BytesIO(blob))
        members = [m for m in archive.infolist() if not m.is_dir()]
    except (zipfile.BadZipFile, OSError) as exc:
        yield Item(label, None, f"is not a readable zip archive: {exc}")
        return
    if len(members) > MAX_ZIP_MEMBERS:
        yield Item(label, None, f"has {len(members)} members; at most {MAX_ZIP_MEMBERS} are read")
        return
    total = 0
    with archive:
        for member in members:
            name = f"{label}:{member.filename}"
            # Judge safety before skipping hidden files: `..\\evil.txt` looks hidden to a POSIX basename
            # and was dropped without a line.
            problem = _unsafe(member)
            if problem:
                yield Item(name, None, problem)
                continue
            base = PurePosixPath(member.filename.replace("\\", "/")).name
            if base in SKIP_NAMES or base.startswith(".") or member.filename.startswith("__MACOSX/"):
                continue
            if member.file_size > limit:
                yield Item(
                    name,
                    None,
                    f"expands to {size_text(member.file_size)}; the limit is {size_text(limit)}",
                )
                continue
            try:
                with archive.open(member) as fh:
                    data = fh.read(limit + 1)
            except (zipfile.BadZipFile, OSError, RuntimeError, EOFError, NotImplementedError) as exc:
                yield Item(name, None, f"cannot be extracted: {exc}")
                continue
            if len(data) > limit:
                yield Item(name, None, "expands beyond its declared size (a zip bomb?); refused")
                continue
            total += len(data)
            if total > MAX_ZIP_TOTAL:
                yield Item(name, None, "the archive expands to more than 1 GB; the rest is refused")
                return
            if base.lower().endswith(".zip"):
                yield Item(name, None, "archives inside archives are not imported; unpack it first")
                continue
            yield Item(name, data, filename=base)


def _unsafe(member: zipfile.ZipInfo) -> str:
    path = PurePosixPath(member.filename.replace("\\", "/"))
    # A drive (`C:`) makes a Windows path absolute; a colon elsewhere is just part of a name (纪要:2025年).
    drive = bool(path.parts) and re.match(r"[A-Za-z]:", path.parts[0]) is not None
    if path.is_absolute() or ".." in path.parts or drive:
        return f"has an unsafe path {member.filename!r} (absolute or climbing out with ..); refused"
    if member.flag_bits & 0x1:
        return "is encrypted; refused"
    return ""
