"""Provenance in the release JSON (issue 13 contract) and in export lines, and back again on import.

`release_provenance` adds `source_status`, `copies`, `versions` and `captures` to /api/releases/<id>/ and to
each export line; `export_provenance` adds what an import needs to rebuild them exactly (bytes, texts, WARC
files, every check), under one key, `provenance`. Ids are kept, as for releases, so `warc_url` survives.
"""

from __future__ import annotations

import base64

from django.urls import reverse

from reports.provenance_models import Capture, ReleaseCopy, ReleaseVersion, SourceCheck, SourceStatus


def _iso(value):
    return value.isoformat() if value else None


def _b64(data) -> str:
    return base64.b64encode(bytes(data)).decode("ascii")


def release_provenance(release) -> dict:
    status = SourceStatus.objects.filter(release=release).first()
    versions = list(
        ReleaseVersion.objects.filter(release=release)
        .order_by("number")
        .only("sha256", "archived_at", "current")
    )
    return {
        "source_status": {
            "state": status.state if status else "unchecked",
            "since": _iso(status.since) if status else None,
            "checked_at": _iso(status.checked_at) if status else None,
        },
        "copies": [
            {
                "source_url": c.source_url,
                "sha256": c.sha256,
                "archived_at": _iso(c.archived_at),
                "outlet": c.outlet,
            }
            for c in ReleaseCopy.objects.filter(canonical=release)
            .order_by("archived_at", "id")
            .only("source_url", "sha256", "archived_at", "outlet")
        ],
        # A release never re-fetched has one version: itself.
        "versions": [
            {"sha256": v.sha256, "archived_at": _iso(v.archived_at), "current": v.current} for v in versions
        ]
        or [{"sha256": release.sha256, "archived_at": _iso(release.created_at), "current": True}],
        "captures": [
            {
                "url": c.url,
                "fetched_at": _iso(c.fetched_at),
                "http_status": c.http_status,
                "warc_url": reverse("capture_warc", args=[c.pk]),
            }
            for c in Capture.objects.filter(release=release, copy__isnull=True)
            .order_by("fetched_at", "id")
            .only("url", "fetched_at", "http_status")
        ],
    }


def export_provenance(release) -> dict:
    status = SourceStatus.objects.filter(release=release).first()
    return {
        "copies": [
            {
                "id": c.pk,
                "source_url": c.source_url,
                "outlet": c.outlet,
                "title": c.title,
                "published_on": _iso(c.published_on),
                "sha256": c.sha256,
                "original_filename": c.original_filename,
                "content_type": c.content_type,
                "base64": _b64(c.data),
                "text": c.text,
                "match": c.match,
                "archived_at": _iso(c.archived_at),
            }
            for c in ReleaseCopy.objects.filter(canonical=release).order_by("id")
        ],
        "versions": [
            {
                "number": v.number,
                "sha256": v.sha256,
                "title": v.title,
                "original_filename": v.original_filename,
                "content_type": v.content_type,
                "base64": _b64(v.data),
                "text": v.text,
                "archived_at": _iso(v.archived_at),
                "current": v.current,
            }
            for v in ReleaseVersion.objects.filter(release=release).order_by("number")
        ],
        "captures": [
            {
                "id": c.pk,
                "copy_sha256": c.copy.sha256 if c.copy_id else None,
                "url": c.url,
                "final_url": c.final_url,
                "fetched_at": _iso(c.fetched_at),
                "http_status": c.http_status,
                "redirects": c.redirects,
                "content_sha256": c.content_sha256,
                "warc_base64": _b64(c.warc),
            }
            for c in Capture.objects.filter(release=release).select_related("copy").order_by("id")
        ],
        "source_status": None
        if status is None
        else {
            "url": status.url,
            "host": status.host,
            "state": status.state,
            "since": _iso(status.since),
            "checked_at": _iso(status.checked_at),
            "next_check_at": _iso(status.next_check_at),
            "failures": status.failures,
            "gone_since": _iso(status.gone_since),
            "final_url": status.final_url,
            "checks": [
                {
                    "checked_at": _iso(k.checked_at),
                    "http_status": k.http_status,
                    "final_url": k.final_url,
                    "content_sha256": k.content_sha256,
                    "state": k.state,
                    "note": k.note,
                }
                for k in status.checks.order_by("checked_at", "id")
            ],
        },
    }


def import_provenance(release, data: dict | None, keep_id) -> None:
    """Rebuild what `export_provenance` wrote (inside the import's transaction)."""
    if not data:
        return
    copies = {}
    for c in data.get("copies", []):
        copies[c["sha256"]] = ReleaseCopy.objects.create(
            id=keep_id(ReleaseCopy, c.get("id")),
            canonical=release,
            source_url=c["source_url"],
            outlet=c["outlet"],
            title=c["title"],
            published_on=c["published_on"],
            sha256=c["sha256"],
            original_filename=c["original_filename"],
            content_type=c["content_type"],
            data=base64.b64decode(c["base64"], validate=True),
            text=c["text"],
            match=c["match"],
            archived_at=c["archived_at"],
        )
    for v in data.get("versions", []):
        ReleaseVersion.objects.create(
            release=release,
            number=v["number"],
            sha256=v["sha256"],
            title=v["title"],
            original_filename=v["original_filename"],
            content_type=v["content_type"],
            data=base64.b64decode(v["base64"], validate=True),
            text=v["text"],
            archived_at=v["archived_at"],
            current=v["current"],
        )
    for c in data.get("captures", []):
        Capture.objects.create(
            id=keep_id(Capture, c.get("id")),
            release=release,
            copy=copies.get(c["copy_sha256"]) if c.get("copy_sha256") else None,
            url=c["url"],
            final_url=c["final_url"],
            fetched_at=c["fetched_at"],
            http_status=c["http_status"],
            redirects=c["redirects"],
            content_sha256=c["content_sha256"],
            warc=base64.b64decode(c["warc_base64"], validate=True),
        )
    s = data.get("source_status")
    if s:
        status = SourceStatus.objects.create(
            release=release,
            **{
                k: s[k]
                for k in (
                    "url",
                    "host",
                    "state",
                    "since",
                    "checked_at",
                    "next_check_at",
                    "failures",
                    "gone_since",
                    "final_url",
                )
            },
        )
        SourceCheck.objects.bulk_create([SourceCheck(status=status, **k) for k in s.get("checks", [])])
