"""/search/ (HTML) and /api/search/ (JSON): one service, two renderings, the same results."""

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from search import service


def _int(raw, default):
    try:
        return int(raw)
    except (TypeError, ValueError):
        return default


def _run(request):
    return service.run(
        request.GET.get("q", ""),
        request.GET,
        page=_int(request.GET.get("page"), 1),
        per_page=_int(request.GET.get("per_page"), service.PER_PAGE),
        sort=request.GET.get("sort", ""),
    )


@require_GET
def api_search(request):
    # Labels in the request's language and links to the release pages: the page layer's job.
    from reports.browse.facets import facet_lists
    from reports.browse.parts import section_url

    page = _run(request)
    status = 503 if page.error else 200
    data = {**page.as_dict(get_language() or "zh"), "facets": facet_lists(page.facets)}
    for row, result in zip(data["results"], page.results, strict=True):
        row["url"] = section_url(result.release, result.section.order)
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


@require_GET
def search_page(request):
    from reports.browse.searchpage import search_context  # facet links etc.: shared with the browse pages

    page = _run(request)
    lang = get_language() or "zh-hans"
    context = {
        "page": page,
        "q": request.GET.get("q", ""),
        "lang": lang,
        **search_context(request, page, lang),
    }
    return render(request, "search/search.html", context, status=200)


def healthz(request):
    status = {"database": "ok"}
    code = 200
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # report, never raise: this is what monitors poll
        status["database"] = f"error: {exc.__class__.__name__}"
        code = 503
    from reports.outbox import pending_count
    from search.backends import get_backend
    from search.outbox import stale_after, stale_tasks

    status["index"] = get_backend().status()
    stale = 0
    if code == 200:
        status["index"]["pending"] = pending_count()
        # Queued longer than a write takes: committed releases that search does not find yet.
        stale = status["index"]["stale"] = stale_tasks()
        status["index"]["stale_after_seconds"] = int(stale_after())
    healthy = code == 200 and status["index"].get("ok") and not stale
    status["status"] = "ok" if healthy else "degraded"
    return JsonResponse(status, status=code)
