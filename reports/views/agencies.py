"""/agencies/ and /agencies/<agency>/: one agency's sections across cities, with its figures."""

from collections import defaultdict

from django.db.models import Count
from django.http import Http404
from django.shortcuts import render

from reports.browse.lists import paginate
from reports.models import Agency, City, Metric, Section

FIGURES_PER_SECTION = 6
TOP_SUBJECTS = 15


def agency_list(request):
    sections = {
        row["agency"]: row
        for row in Section.objects.order_by()
        .values("agency")
        .annotate(
            sections=Count("id"),
            releases=Count("release", distinct=True),
            cities=Count("release__city", distinct=True),
        )
    }
    figures = dict(
        Metric.objects.order_by()
        .values("section__agency")
        .annotate(n=Count("id"))
        .values_list("section__agency", "n")
    )
    agencies = [
        {"value": value, "label": label, "figures": figures.get(value, 0), **sections.get(value, {})}
        for value, label in Agency.choices
    ]
    return render(request, "reports/agency_list.html", {"agencies": agencies})


def agency_detail(request, agency: str):
    if agency not in Agency.values:
        raise Http404("no such agency")
    sections = Section.objects.filter(agency=agency)
    city = None
    if request.GET.get("city"):
        city = City.objects.filter(slug=request.GET["city"]).first()
        if city is None:
            raise Http404("no such city")
        sections = sections.filter(release__city=city)
    sections = (
        sections.select_related("release__city")
        .defer("release__text", "release__parse_notes")
        .order_by("-release__sort_date", "-release_id", "order")
    )
    page = paginate(request, sections)
    figures = defaultdict(list)
    for metric in Metric.objects.filter(section__in=[s.pk for s in page.object_list]).order_by("start"):
        figures[metric.section_id].append(metric)
    for section in page.object_list:
        section.figures = figures[section.pk][:FIGURES_PER_SECTION]
        section.more_figures = max(0, len(figures[section.pk]) - FIGURES_PER_SECTION)
        lines = section.text.split("\n")
        section.body = "\n".join(lines[1:] if section.heading and len(lines) > 1 else lines).strip()
    base = Metric.objects.filter(section__agency=agency)
    if city is not None:
        base = base.filter(section__release__city=city)
    subjects = (
        base.exclude(subject="")
        .order_by()
        .values("subject", "unit")
        .annotate(n=Count("id"), cities=Count("section__release__city", distinct=True))
        .order_by("-n", "subject")[:TOP_SUBJECTS]
    )
    cities = (
        Section.objects.filter(agency=agency, release__city__isnull=False)
        .order_by()
        .values("release__city__slug", "release__city__name", "release__city__name_en")
        .annotate(n=Count("id"))
        .order_by("-n", "release__city__name")
    )
    context = {
        "agency": agency,
        "agency_label": Agency(agency).label,
        "city": city,
        "page": page,
        "subjects": list(subjects),
        "cities": list(cities),
    }
    return render(request, "reports/agency_detail.html", context)
