"""The original file exactly as archived, always as a download.

Never rendered: an uploaded HTML page served inline would run its scripts on our origin. The response is an
attachment, typed as what was uploaded, with nosniff and a sandboxing Content-Security-Policy as a second
line of defence.
"""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from reports.clean import clean_filename
from reports.models import OriginalFile, Release


@require_GET
def release_original(request, pk: int):
    release = Release.objects.filter(pk=pk).only("original_filename", "content_type", "sha256").first()
    original = OriginalFile.objects.filter(release_id=pk).first()
    if release is None or original is None:
        raise Http404("no such release")
    response = HttpResponse(
        bytes(original.data), content_type=release.content_type or "application/octet-stream"
    )
    response["Content-Disposition"] = _attachment(release.original_filename)
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    response["X-Archive-SHA256"] = release.sha256
    return response


def _attachment(filename: str) -> str:
    from urllib.parse import quote

    # A name stored before the importer cleaned names may hold CR/LF; a header cannot carry them, and
    # Django would refuse the whole response.
    filename = clean_filename(filename)
    ascii_name = filename.encode("ascii", "replace").decode().replace('"', "").replace("?", "_") or "release"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
