"""/releases/: the archive as a list, filtered with django-filter, sorted, paginated in the database."""

from django.shortcuts import redirect, render

from reports.browse.filters import ReleaseFilter, chips
from reports.browse.lists import attach_agencies, paginate, release_rows
from reports.browse.querystring import without_empty


def release_list(request):
    # A GET form sends every field, empty ones too: redirect to the short URL people can share.
    clean = without_empty(request.GET)
    if clean is not None:
        return redirect(request.path + (clean if clean != "?" else ""))
    filterset = ReleaseFilter(request.GET, queryset=release_rows())
    page = paginate(request, filterset.qs)
    attach_agencies(page.object_list)
    context = {
        "filter": filterset,
        "chips": chips(filterset, request.GET),
        "page": page,
        "feed_query": _feed_query(filterset),
    }
    return render(request, "reports/release_list.html", context)


def _feed_query(filterset) -> str:
    """The Atom feed that follows this list, when its filters are ones the feed understands."""
    data = filterset.form.cleaned_data if filterset.is_bound and filterset.form.is_valid() else {}
    if data.get("city"):
        return f"?city={data['city'].slug}"
    if data.get("topic"):
        return f"?topic={data['topic'].slug}"
    return ""
