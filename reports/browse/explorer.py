"""What /figures/ shows around its table: the indicators to start from, and the period charts of one indicator.

Queries stay few and narrow so that an indicator view answers quickly on a large archive (see
bench/figures_explorer.py): one grouped count for the indicator list, one list of plain tuples for the charts
(no model instances), both on the (indicator, unit) index.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Q
from django.urls import reverse

from reports.browse.labels import agency_label, english, grouped_number, indicator_label
from reports.browse.period_chart import MAX_POINTS, Row, build_period_chart
from reports.ingest.text import to_simplified, to_traditional
from reports.models import Agency, Indicator

MAX_CHARTS = 4
MAX_CITIES = 12


def figure_url(release_id: int, metric_id: int) -> str:
    return f"{reverse('release_detail', args=[release_id])}#figure-{metric_id}"


def find_indicators(text: str):
    """Indicators whose names (either script, English) or slug contain `text`."""
    found = Indicator.objects.all()
    text = text.strip()[:40]
    if text:
        q = Q(slug__icontains=text) | Q(name_en__icontains=text)
        for form in {text, to_simplified(text), to_traditional(text)}:
            q |= Q(name__icontains=form) | Q(name_traditional__icontains=form)
        found = found.filter(q)
    return found


def indicator_groups(metrics, text: str = "") -> tuple[list[dict], int]:
    """([{agency, label, indicators: [{indicator, count}]}], figures without an indicator) for the list."""
    counts = dict(
        metrics.order_by().values_list("indicator").annotate(n=Count("id")).values_list("indicator", "n")
    )
    unclassified = counts.pop(None, 0)
    groups: dict[str, list] = defaultdict(list)
    for ind in find_indicators(text).order_by("agency", "-priority", "slug"):
        groups[ind.agency].append(
            {"indicator": ind, "label": indicator_label(ind), "count": counts.get(ind.id, 0)}
        )
    ordered = []
    for agency in Agency.values:
        if groups.get(agency):
            ordered.append({"agency": agency, "label": agency_label(agency), "indicators": groups[agency]})
    return ordered, unclassified


def charts_for(metrics, indicator) -> tuple[list, int]:
    """(charts, cities left out): one chart per (unit, level or change) of the indicator's figures, the most
    common first, for the MAX_CITIES cities with the most of them (a chart of hundreds of cities is neither
    readable nor quick; the table and the filters reach the others)."""
    name_field = "section__release__city__name_en" if english() else "section__release__city__name"
    charted = metrics.filter(value__isnull=False, period_start__isnull=False, period_end__isnull=False)
    cities = list(
        charted.order_by()
        .values_list("section__release__city")
        .annotate(n=Count("id"))
        .order_by("-n", "section__release__city")
        .values_list("section__release__city", flat=True)
    )
    left_out = max(0, len(cities) - MAX_CITIES)
    rows = (
        charted.filter(section__release__city__in=cities[:MAX_CITIES])
        .order_by()
        .values_list(
            "unit",
            "is_change",
            "section__release__city__code",
            "section__release__city__slug",
            name_field,
            "section__release__city__name",
            "period_start",
            "period_end",
            "period_kind",
            "value",
            "text",
            "section__release_id",
            "id",
        )[:MAX_POINTS]
    )
    groups: dict[tuple[str, bool], list[Row]] = defaultdict(list)
    for unit, is_change, code, slug, shown, name, start, end, kind, value, text, release_id, pk in rows:
        city = shown or name or "—"
        period = start.isoformat() if start == end else f"{start.isoformat()}–{end.isoformat()}"
        label = f"{city} {period}: {text} ({grouped_number(value)} {unit})"
        groups[(unit, is_change)].append(
            Row(code or slug or city, city, start, end, kind, float(value), label, figure_url(release_id, pk))
        )
    ordered = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))[:MAX_CHARTS]
    charts = []
    for (unit, is_change), group in ordered:
        chart = build_period_chart(group, unit, is_change)
        if chart is not None:
            charts.append(chart)
    return charts, left_out


PER_INDICATOR = 5
CITY_SCAN = 3000


def group_by_indicator(metrics, per_indicator: int | None = None) -> list[dict]:
    """Figures (model instances with `indicator` loaded) grouped by indicator: the most figures first,
    unclassified last; within a group the latest period first, at most `per_indicator`."""
    groups: dict[int | None, dict] = {}
    for m in metrics:
        group = groups.setdefault(m.indicator_id, {"indicator": m.indicator, "figures": [], "count": 0})
        group["count"] += 1
        group["figures"].append(m)
    ordered = sorted(
        groups.values(),
        key=lambda g: (g["indicator"] is None, -g["count"], g["indicator"] and g["indicator"].slug),
    )
    for group in ordered:
        group["label"] = indicator_label(group["indicator"])
        group["figures"].sort(
            key=lambda m: (m.period_end is None, -(m.period_end.toordinal() if m.period_end else 0), m.start)
        )
        if per_indicator:
            group["figures"] = group["figures"][:per_indicator]
    return ordered


def city_figures_by_indicator(city) -> list[dict]:
    """A city's classified figures by indicator, the latest few of each (one query)."""
    from reports.models import Metric

    metrics = (
        Metric.objects.filter(section__release__city=city, indicator__isnull=False)
        .select_related("indicator", "section")
        .defer("section__text")
        .order_by("-period_end", "-id")[:CITY_SCAN]
    )
    return group_by_indicator(metrics, PER_INDICATOR)
