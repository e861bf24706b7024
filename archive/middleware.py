"""Request parameters validated once, at the edge, before any view or backend sees them.

A control character in a URL parameter is never something a reader typed on purpose, yet it broke views in
ways that depend on the backend: XML 1.0 cannot carry it (the Atom feed), PostgreSQL text cannot hold NUL
(every filter that reaches a query). Rather than guard each view, parameters are cleaned here: control
characters become spaces (a pasted tab or newline in a query still separates words), so every view and both
search backends only ever see printable text. A path with a control character names no page: 404.
"""

from __future__ import annotations

from django.http import HttpResponseNotFound, QueryDict

from reports.clean import CONTROL_RE
from reports.clean import without_controls as clean_value


def clean_query(params: QueryDict) -> QueryDict:
    cleaned = QueryDict(mutable=True)
    for key, values in params.lists():
        cleaned.setlist(clean_value(key), [clean_value(v) for v in values])
    cleaned._mutable = False
    return cleaned


class CleanParametersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if CONTROL_RE.search(request.path):
            return HttpResponseNotFound("no such page", content_type="text/plain; charset=utf-8")
        params = request.GET
        if any(CONTROL_RE.search(k) or any(CONTROL_RE.search(v) for v in vs) for k, vs in params.lists()):
            request.GET = clean_query(params)
        return self.get_response(request)
