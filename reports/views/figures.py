"""/figures/: the figures explorer. Pick an indicator, compare it across cities by period; filters, a table,
period charts, and exports of what is filtered.

`?format=csv` and `?format=json` export exactly the rows the same filters select (every page, not only
the one shown), the same code as /api/metrics/.
"""

from django.http import JsonResponse
from django.shortcuts import redirect, render

from reports.browse.explorer import charts_for, indicator_groups
from reports.browse.exports import export_response
from reports.browse.filters import METRIC_SORTS, MetricFilter, chips
from reports.browse.lists import paginate
from reports.browse.querystring import without_empty
from reports.models import Metric

PER_PAGE = 50
EXPORT_FORMATS = ("csv", "json")


def metric_filterset(params) -> MetricFilter:
    return MetricFilter(params, queryset=Metric.objects.order_by(*METRIC_SORTS["newest"]))


def active_filters(filterset) -> dict:
    return {name: filterset.data.get(name) for name in filterset.filters if filterset.data.get(name)}


def export(request, filterset, fmt: str):
    if not filterset.form.is_valid():
        errors = {name: [str(e) for e in errs] for name, errs in filterset.form.errors.items()}
        return JsonResponse(
            {"error": "invalid filters", "errors": errors, "status": 400},
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    meta = {"count": filterset.qs.count(), "filters": active_filters(filterset)}
    return export_response(filterset.qs, request, fmt, meta)


def figures(request):
    clean = without_empty(request.GET)
    if clean is not None:
        return redirect(request.path + (clean if clean != "?" else ""))
    filterset = metric_filterset(request.GET)
    fmt = request.GET.get("format", "")
    if fmt in EXPORT_FORMATS:
        return export(request, filterset, fmt)
    rows = filterset.qs.select_related("section__release__city", "indicator").defer(
        "section__text", "section__release__text", "section__release__parse_notes"
    )
    valid = filterset.form.is_valid()
    indicator = filterset.form.cleaned_data.get("indicator") if valid else None
    find = request.GET.get("find", "")[:40]
    groups, unclassified = ([], 0) if indicator else indicator_groups(filterset.qs, find)
    charts, left_out = charts_for(filterset.qs, indicator) if indicator else ([], 0)
    context = {
        "filter": filterset,
        "chips": chips(filterset, request.GET),
        "page": paginate(request, rows, PER_PAGE),
        "indicator": indicator,
        # The explorer starts from an indicator: only then are the figures one measure, comparable by period.
        "charts": charts,
        "cities_left_out": left_out,
        "indicator_groups": groups,
        "unclassified": unclassified,
        "find": find,
    }
    return render(request, "reports/figures.html", context)
