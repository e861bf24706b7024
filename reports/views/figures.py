"""/figures/: the figures explorer. Filters, a table, a chart over time, and exports of what is filtered.

`?format=csv` and `?format=json` export exactly the rows the same filters select (every page, not only
the one shown), the same code as /api/metrics/.
"""

from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import redirect, render

from reports.browse.chart import build_chart
from reports.browse.exports import export_response
from reports.browse.filters import METRIC_SORTS, MetricFilter, chips
from reports.browse.labels import english, grouped_number
from reports.browse.lists import paginate
from reports.browse.querystring import without_empty
from reports.models import Metric

PER_PAGE = 50
CHART_MAX_POINTS = 3000
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


def chart_for(filterset):
    """The chart of the filtered figures in one unit: the chosen one, else the most common."""
    qs = filterset.qs
    unit = filterset.form.cleaned_data.get("unit") if filterset.form.is_valid() else ""
    if not unit:
        top = qs.order_by().values("unit").annotate(n=Count("id")).order_by("-n", "unit").first()
        unit = top["unit"] if top else ""
    if not unit:
        return None
    name_field = "section__release__city__name_en" if english() else "section__release__city__name"
    rows = (
        qs.filter(unit=unit, value__isnull=False, section__release__sort_date__isnull=False)
        .order_by()
        .values_list(
            name_field, "section__release__city__name", "section__release__sort_date", "value", "text"
        )[:CHART_MAX_POINTS]
    )
    data = [
        (shown or name, date, value, f"{text} ({grouped_number(value)} {unit})")
        for shown, name, date, value, text in rows
    ]
    return build_chart(data, unit)


def figures(request):
    clean = without_empty(request.GET)
    if clean is not None:
        return redirect(request.path + (clean if clean != "?" else ""))
    filterset = metric_filterset(request.GET)
    fmt = request.GET.get("format", "")
    if fmt in EXPORT_FORMATS:
        return export(request, filterset, fmt)
    rows = filterset.qs.select_related("section__release__city").defer(
        "section__text", "section__release__text", "section__release__parse_notes"
    )
    context = {
        "filter": filterset,
        "chips": chips(filterset, request.GET),
        "page": paginate(request, rows, PER_PAGE),
        "chart": chart_for(filterset),
    }
    return render(request, "reports/figures.html", context)
