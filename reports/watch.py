"""Re-checking source pages (issue 13): one check of one source, recorded, with its new state.

States: alive (same text), changed (the text changed: a new version was kept through the importer), moved
(redirected to another address that still carries the article), gone (404/410, a soft-404 page such as
页面不存在, a redirect to a page that is not the article, or a dead domain) with the date first seen gone.
Other failures (timeouts, 5xx) keep the state, are recorded, and back off.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from reports import provenance
from reports.fetch.fetcher import FetchError, RobotsCache, fetch
from reports.fetch.gone import GONE_STATUSES
from reports.fetch.schedule import next_check
from reports.importer import import_fetched, read_page
from reports.ingest.neardup import Profile, compare
from reports.ingest.types import IngestError
from reports.models import Release
from reports.provenance_models import Capture, SourceCheck, SourceState, SourceStatus

DEAD_DOMAIN = ("host not found",)
# A refused connection may be a server briefly down: gone only after this many failed checks in a row.
UNREACHABLE = ("connection refused",)
UNREACHABLE_CHECKS = 3


def ensure_statuses() -> int:
    """Start watching releases that have a web source but no status yet (e.g. uploaded files)."""
    missing = Release.objects.filter(source_url__startswith="http", source_status__isnull=True).only(
        "id", "source_url"
    )
    count = 0
    for release in missing.iterator(chunk_size=500):
        SourceStatus.objects.create(
            release=release,
            url=release.source_url,
            host=urlsplit(release.source_url).netloc[:255],
            next_check_at=timezone.now(),
        )
        count += 1
    return count


def observe(status: SourceStatus, policy, robots: RobotsCache):
    """(state or None for a failed check, http status, final url, content sha256, note, fetched page)."""
    try:
        fetched = fetch(status.url, policy, robots)
    except FetchError as exc:
        message = str(exc)
        if message.startswith(DEAD_DOMAIN) or (
            message.startswith(UNREACHABLE) and status.failures + 1 >= UNREACHABLE_CHECKS
        ):
            return SourceState.GONE, None, "", "", message, None
        return None, None, "", "", message, None
    digest = hashlib.sha256(fetched.body).hexdigest()
    base = (fetched.status, fetched.final_url, digest)
    if fetched.status in GONE_STATUSES:
        return (SourceState.GONE, *base, f"HTTP {fetched.status}", None)
    if fetched.status != 200:
        return (None, *base, f"HTTP {fetched.status}", None)
    try:
        parsed, _digest = read_page(fetched)
    except IngestError as exc:
        return (SourceState.GONE, *base, str(exc)[:300], None)
    release = status.release
    moved = fetched.final_url.rstrip("/") != status.url.rstrip("/")
    if not compare(Profile.of(release.text), Profile.of(parsed.text)).same and moved:
        return (SourceState.GONE, *base, "redirected to a page that is not the article", None)
    if moved:
        return (SourceState.MOVED, *base, f"now at {fetched.final_url}"[:300], fetched)
    if digest == release.sha256 or provenance.same_text(release.text, parsed.text):
        return (SourceState.ALIVE, *base, "", None)
    return (SourceState.CHANGED, *base, "", fetched)


def check_source(status: SourceStatus, policy, robots: RobotsCache) -> SourceCheck:
    state, http_status, final_url, digest, note, fetched = observe(status, policy, robots)
    now = timezone.now()
    baseline = not Capture.objects.filter(release=status.release, copy__isnull=True).exists()
    if state == SourceState.CHANGED and fetched is not None and baseline:
        # A release imported from a file and never fetched: its text came from the file (a PDF, an editor's
        # copy), so a different web text is not a new version. Keep the page as the first capture instead.
        provenance.record_capture(status.release, fetched)
        state, note = SourceState.ALIVE, "first capture of the source page (the archived file stays current)"
    elif state == SourceState.CHANGED and fetched is not None:
        outcome = import_fetched(fetched)  # the one importer keeps the new version
        note = outcome.message[:300]
        if outcome.status == "error":
            state = None
    with transaction.atomic():
        check = SourceCheck.objects.create(
            status=status,
            checked_at=now,
            http_status=http_status,
            final_url=final_url[:1000],
            content_sha256=digest,
            state=state or status.state,
            note=note[:300] if state else f"check failed: {note}"[:300],
        )
        if state is None:
            status.failures += 1
        else:
            status.failures = 0
            if state != status.state:
                status.since = now
            if state == SourceState.GONE and status.gone_since is None:
                status.gone_since = now
            if state != SourceState.GONE:
                status.gone_since = None
            status.state = state
            status.final_url = final_url[:1000]
        status.checked_at = now
        interval = timedelta(hours=settings.ARCHIVE_WATCH_INTERVAL_HOURS)
        status.next_check_at = next_check(now, status.state, status.failures, interval, status.pk)
        status.save()
    return check
