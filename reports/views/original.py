"""The original file exactly as archived, always as a download.

Never rendered: an uploaded HTML page served inline would run its scripts on our origin. The response is an
attachment, typed as what was uploaded, with nosniff and a sandboxing Content-Security-Policy as a second
line of defence.

HEAD answers exactly as GET (status and headers, Content-Length included) without reading the bytes, so a
client or a link checker can ask for a file's size and type cheaply.
"""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_safe

from reports.clean import clean_filename
from reports.models import OriginalFile, Release


@require_safe
def release_original(request, pk: int):
    release = (
        Release.objects.filter(pk=pk)
        .only("original_filename", "content_type", "sha256", "original_size")
        .first()
    )
    originals = OriginalFile.objects.filter(release_id=pk)
    content_type = release.content_type if release else ""
    if request.method == "HEAD":
        if release is None or not originals.exists():
            raise Http404("no such release")
        response = HttpResponse(content_type=content_type or "application/octet-stream")
        response["Content-Length"] = str(release.original_size)  # len() of the bytes, set by the importer
    else:
        original = originals.first()
        if release is None or original is None:
            raise Http404("no such release")
        response = HttpResponse(bytes(original.data), content_type=content_type or "application/octet-stream")
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
