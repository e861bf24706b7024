"""Storage side of provenance (issue 13): who holds these bytes, repost lookup, copies, versions, captures.

The importer (reports/importer.py, the one importer) decides what a fetched page is and calls these inside
its transaction; the watcher and the admin use them too. Pure decisions live in reports/ingest/neardup.py
and reports/fetch/; this module only reads and writes the models.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from reports.fetch.fetcher import Fetched, Policy
from reports.ingest.neardup import (
    NearDupIndex,
    Profile,
    signature_bytes,
    signature_from_bytes,
)
from reports.models import Release
from reports.provenance_models import (
    Capture,
    Fingerprint,
    ReleaseCopy,
    ReleaseVersion,
    SourceState,
    SourceStatus,
)

WHITESPACE = re.compile(r"\s+")


def fetch_policy() -> Policy:
    return Policy(
        user_agent=settings.ARCHIVE_USER_AGENT,
        timeout=settings.ARCHIVE_FETCH_TIMEOUT,
        max_bytes=settings.ARCHIVE_FETCH_MAX_BYTES,
        max_redirects=settings.ARCHIVE_FETCH_MAX_REDIRECTS,
    )


def holder_of(digest: str) -> Release | None:
    """The release that already holds these bytes: as itself, as one of its versions, or as a copy."""
    release = Release.objects.filter(sha256=digest).only("id", "title").first()
    if release:
        return release
    version = ReleaseVersion.objects.filter(sha256=digest).select_related("release").first()
    if version:
        return version.release
    copy = ReleaseCopy.objects.filter(sha256=digest).select_related("canonical").first()
    return copy.canonical if copy else None


def release_for_source(*urls: str) -> Release | None:
    """The release whose source page is one of these addresses (asked for, or reached by redirect)."""
    wanted = [u for u in urls if u]
    found = Release.objects.filter(source_url__in=wanted).order_by("id").first()
    if found:
        return found
    status = SourceStatus.objects.filter(url__in=wanted).select_related("release").first()
    if status:
        return status.release
    capture = Capture.objects.filter(copy__isnull=True, url__in=wanted).select_related("release").first()
    return capture.release if capture else None


def text_sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fingerprint(release: Release) -> Fingerprint:
    """The release's stored MinHash signature, computed now if missing or stale."""
    digest = text_sha(release.text)
    existing = Fingerprint.objects.filter(release=release).first()
    if existing and existing.text_sha256 == digest:
        return existing
    signature = signature_bytes(Profile.of(release.text))
    Fingerprint.objects.update_or_create(
        release=release, defaults={"text_sha256": digest, "signature": signature}
    )
    return Fingerprint.objects.get(release=release)


def _release_text(pk: int) -> str | None:
    return Release.objects.filter(pk=pk).values_list("text", flat=True).first()


class _ArchiveIndex:
    """The LSH over every release's signature, kept per process and brought up to date on each use.

    Building it for 10,000 releases takes seconds; bringing it up to date reads only (release id, text hash)
    pairs and the signatures that are new or changed, so a batch of imports does not rebuild it each time.
    """

    def __init__(self):
        self.index = NearDupIndex(load=_release_text)
        self.known: dict[int, str] = {}

    def refresh(self) -> NearDupIndex:
        current = dict(Fingerprint.objects.values_list("release_id", "text_sha256"))
        for pk in [pk for pk, sha in self.known.items() if current.get(pk) != sha]:
            self.index.lsh.remove(pk)
            del self.known[pk]
        fresh = [pk for pk in current if pk not in self.known]
        for start in range(0, len(fresh), 500):
            rows = Fingerprint.objects.filter(release_id__in=fresh[start : start + 500])
            for pk, sha, signature in rows.values_list("release_id", "text_sha256", "signature"):
                self.index.add(pk, signature=signature_from_bytes(bytes(signature)))
                self.known[pk] = sha
        return self.index


_indexes: dict[str, _ArchiveIndex] = {}


def find_canonical(text: str, exclude: tuple[int, ...] = ()):
    """(release, verdict) of the release this text is a repost of, or None.

    Only signatures are held in memory; texts are read for the few LSH candidates, so a stale or reused
    id can cost a candidate but never gives a wrong verdict.
    """
    for release in Release.objects.filter(fingerprint__isnull=True).only("id", "text"):
        fingerprint(release)
    alias = Fingerprint.objects.db
    index = _indexes.setdefault(alias, _ArchiveIndex()).refresh()
    found = index.find(Profile.of(text), exclude=exclude)
    if found is None:
        return None
    return Release.objects.get(pk=found[0]), found[1]


def same_text(a: str, b: str) -> bool:
    """Is the re-fetched main text the text we hold? Whitespace and line breaks aside, every character
    counts: a corrected comma is an edit the archive keeps as a version."""
    return WHITESPACE.sub("", a) == WHITESPACE.sub("", b)


def record_capture(release: Release, fetched: Fetched, copy: ReleaseCopy | None = None) -> Capture:
    return Capture.objects.create(
        release=release,
        copy=copy,
        url=fetched.url[:1000],
        final_url=fetched.final_url[:1000],
        fetched_at=fetched.fetched_at,
        http_status=fetched.status,
        redirects=[{"url": h.url, "status": h.status, "location": h.location} for h in fetched.hops],
        content_sha256=hashlib.sha256(fetched.body).hexdigest(),
        warc=fetched.warc,
    )


def watch(release: Release, url: str) -> SourceStatus:
    """Start watching a release's source page (first check after one interval)."""
    status, _ = SourceStatus.objects.get_or_create(
        release=release,
        defaults={
            "url": url[:1000],
            "host": (urlsplit(url).netloc or "")[:255],
            "state": SourceState.ALIVE,
            "since": timezone.now(),
            "checked_at": timezone.now(),
            "next_check_at": timezone.now() + timezone.timedelta(hours=settings.ARCHIVE_WATCH_INTERVAL_HOURS),
        },
    )
    return status


def add_copy(
    canonical: Release, parsed, data: bytes, filename: str, digest: str, verdict, when=None
) -> ReleaseCopy:
    return ReleaseCopy.objects.create(
        canonical=canonical,
        source_url=parsed.source_url[:1000],
        outlet=parsed.outlet[:200],
        title=parsed.title[:500],
        published_on=parsed.published_on.as_date() if parsed.published_on else None,
        sha256=digest,
        original_filename=filename[:255],
        content_type=parsed.content_type,
        data=data,
        text=parsed.text,
        match=verdict.describe()[:200],
        archived_at=when or timezone.now(),
    )


def keep_version(release: Release, when=None) -> ReleaseVersion:
    """Record the release's current content as a version (the first one when a source first changes)."""
    numbers = list(release.versions.values_list("number", flat=True))
    if release.versions.filter(sha256=release.sha256).exists():
        return release.versions.get(sha256=release.sha256)
    release.versions.update(current=False)
    return ReleaseVersion.objects.create(
        release=release,
        number=max(numbers, default=0) + 1,
        sha256=release.sha256,
        title=release.title,
        original_filename=release.original_filename,
        content_type=release.content_type,
        data=bytes(release.original.data),
        text=release.text,
        archived_at=when or (release.created_at if not numbers else timezone.now()),
        current=True,
    )


def merge_into(release: Release, canonical: Release) -> ReleaseCopy:
    """An editor merges a missed repost: the release becomes a copy of `canonical`; nothing is lost (its bytes,
    text, source and captures move with it). The caller runs this in a transaction and re-indexes."""
    if release.pk == canonical.pk:
        raise ValueError("a release cannot be a copy of itself")
    copy = ReleaseCopy.objects.create(
        canonical=canonical,
        source_url=release.source_url,
        outlet=release.outlet,
        title=release.title,
        published_on=release.published_on,
        sha256=release.sha256,
        original_filename=release.original_filename,
        content_type=release.content_type,
        data=bytes(release.original.data),
        text=release.text,
        match="merged by an editor",
        archived_at=release.created_at,
    )
    Capture.objects.filter(release=release).update(release=canonical, copy=copy)
    ReleaseCopy.objects.filter(canonical=release).update(canonical=canonical)
    release.delete()
    return copy
