"""/cities/ and /cities/<slug>/: where releases come from, each city's timeline and figures over time."""

from collections import defaultdict

from django.db.models import Count
from django.shortcuts import get_object_or_404, render

from reports.browse.explorer import city_figures_by_indicator
from reports.browse.labels import sort_agencies
from reports.browse.lists import attach_agencies, paginate, release_rows
from reports.ingest.text import to_simplified
from reports.models import City, Metric, Section
from reports.views.home import cities_by_province

TIMELINE_PER_PAGE = 50
PIVOT_SUBJECTS = 12
PIVOT_DATES = 6
PIVOT_SCAN = 3000  # the newest figures considered for the table; enough for years of releases


def city_list(request):
    context = {"provinces": cities_by_province()}
    return render(request, "reports/city_list.html", context)


def figures_over_time(metrics) -> dict:
    """The city's recurring figures as a table: a row per subject, a column per release date.

    Subjects repeat across years in different scripts and with different units; a row is one
    (simplified subject, unit, change or not), the subjects seen on most dates first.
    """
    rows: dict[tuple, dict] = {}
    for metric in metrics:
        key = (to_simplified(metric["subject"]), metric["unit"], metric["is_change"])
        row = rows.setdefault(key, {"subject": metric["subject"], "unit": metric["unit"], "cells": {}})
        row["cells"].setdefault(metric["section__release__sort_date"], metric)
    ranked = sorted(rows.values(), key=lambda r: (-len(r["cells"]), -max(r["cells"]).toordinal()))
    top = ranked[:PIVOT_SUBJECTS]
    dates = sorted({d for r in top for d in r["cells"]}, reverse=True)[:PIVOT_DATES]
    dates.reverse()
    for row in top:
        row["values"] = [row["cells"].get(d) for d in dates]
    return {"dates": dates, "rows": top}


def city_detail(request, slug: str):
    city = get_object_or_404(City, slug=slug)
    page = paginate(request, release_rows(city.releases.all()), TIMELINE_PER_PAGE)
    attach_agencies(page.object_list)
    years = defaultdict(list)
    for release in page.object_list:
        years[release.sort_date.year if release.sort_date else None].append(release)
    agencies = (
        Section.objects.filter(release__city=city)
        .exclude(agency="other")
        .order_by()
        .values("agency")
        .annotate(sections=Count("id"), releases=Count("release", distinct=True))
    )
    by_agency = {row["agency"]: row for row in agencies}
    metrics = (
        Metric.objects.filter(section__release__city=city, section__release__sort_date__isnull=False)
        .exclude(subject="")
        .order_by("-section__release__sort_date", "section__order", "start")
        .values(
            "id",
            "subject",
            "unit",
            "value",
            "text",
            "is_change",
            "direction",
            "section__release_id",
            "section__release__sort_date",
        )[:PIVOT_SCAN]
    )
    context = {
        "city": city,
        "page": page,
        "years": list(years.items()),
        "agencies": [by_agency[a] for a in sort_agencies(by_agency)],
        "pivot": figures_over_time(metrics),
        "indicator_groups": city_figures_by_indicator(city),
    }
    return render(request, "reports/city_detail.html", context)
