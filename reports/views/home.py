"""The front page: the search box first, then what the archive holds and ways into it."""

from django.db.models import Count
from django.shortcuts import render

from reports.browse.labels import province_label
from reports.browse.lists import attach_agencies, release_rows
from reports.ingest.gazetteer import place_order, province_order
from reports.models import City, Metric, Release, Section, Topic

LATEST = 8
# Offered under the search box as links, and named in its placeholder and help. Each finds something in
# the demo data (samples/): tests/site/test_home_examples.py runs every example the page shows.
EXAMPLE_QUERIES = ["电信网络诈骗", "蘇州", "“执行到位”", "法律援助 city:潍坊", "agency:court year:2025"]


def cities_by_province():
    """[(province, [city...])] for cities that have releases, in GB/T 2260 code order; one query."""
    cities = City.objects.annotate(release_count=Count("releases")).filter(release_count__gt=0)
    groups: dict[str, list] = {}
    ordered = sorted(cities, key=lambda c: (province_order(c.province), place_order(c.code, c.name)))
    for city in ordered:
        groups.setdefault(city.province, []).append(city)
    return [(province, province_label(province), members) for province, members in groups.items()]


def home(request):
    latest = list(release_rows().order_by("-created_at", "-id")[:LATEST])
    attach_agencies(latest)
    context = {
        "counts": {
            "releases": Release.objects.count(),
            "figures": Metric.objects.count(),
            "cities": City.objects.filter(releases__isnull=False).distinct().count(),
            "agencies": Section.objects.exclude(agency="other")
            .order_by()
            .values("agency")
            .distinct()
            .count(),
        },
        "latest": latest,
        "topics": Topic.objects.annotate(release_count=Count("releases"))
        .filter(release_count__gt=0)
        .order_by("-release_count", "slug"),
        "provinces": cities_by_province(),
        "examples": EXAMPLE_QUERIES,
    }
    return render(request, "reports/home.html", context)
