"""The provenance box of a release page (issue 13): source state, captures, copies, versions.

An inclusion tag, so the release page's view and template change by one line each time someone extends it.
Binary columns (WARC, bytes of copies and versions) are deferred: the page never loads them.
"""

from django import template
from django.urls import reverse

from reports.ingest.textdiff import copy_differences
from reports.provenance_models import Capture, ReleaseCopy, ReleaseVersion, SourceStatus

register = template.Library()


@register.inclusion_tag("includes/_provenance.html", takes_context=True)
def provenance_box(context, release):
    status = SourceStatus.objects.filter(release=release).first()
    copies = list(ReleaseCopy.objects.filter(canonical=release).defer("data"))
    text = release.text if copies else ""
    for copy in copies:
        copy.differences = copy_differences(text, copy.text)
    versions = list(
        ReleaseVersion.objects.filter(release=release).only(
            "id", "number", "sha256", "archived_at", "current", "title"
        )
    )
    captures = list(
        Capture.objects.filter(release=release).only(
            "id", "url", "final_url", "fetched_at", "http_status", "copy_id"
        )
    )
    release_captures = [c for c in captures if c.copy_id is None]
    request = context.get("request")
    cite = None
    if release_captures and request is not None:
        # A citation of the capture itself: what was at the address, when, and where the WARC file lives.
        latest = release_captures[-1]
        cite = {
            "url": latest.url,
            "fetched": latest.fetched_at,
            "warc": request.build_absolute_uri(reverse("capture_warc", args=[latest.pk])),
        }
    return {
        "capture_citation": cite,
        "release": release,
        "status": status,
        "copies": copies,
        "versions": versions,
        "captures": captures,
        "release_captures": release_captures,
    }
