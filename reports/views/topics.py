"""/topics/ and /topics/<slug>/: releases that speak of a theme, and the figures of its sections."""

from django.db.models import Count
from django.shortcuts import get_object_or_404, render

from reports.browse.lists import attach_agencies, paginate, release_rows
from reports.models import Metric, Topic

TOPIC_FIGURES = 20


def topic_list(request):
    topics = Topic.objects.annotate(
        release_count=Count("releases", distinct=True), section_count=Count("sections", distinct=True)
    ).order_by("-release_count", "slug")
    return render(request, "reports/topic_list.html", {"topics": topics})


def topic_detail(request, slug: str):
    topic = get_object_or_404(Topic, slug=slug)
    page = paginate(request, release_rows(topic.releases.all()))
    attach_agencies(page.object_list)
    cities = (
        topic.releases.filter(city__isnull=False)
        .order_by()
        .values("city__slug", "city__name", "city__name_en")
        .annotate(n=Count("id"))
        .order_by("-n", "city__name")
    )
    figures = (
        Metric.objects.filter(section__topics=topic)
        .select_related("section__release__city")
        .defer("section__text", "section__release__text", "section__release__parse_notes")
        .order_by("-section__release__sort_date", "section__release_id", "section__order", "start")[
            :TOPIC_FIGURES
        ]
    )
    context = {"topic": topic, "page": page, "cities": list(cities), "figures": list(figures)}
    return render(request, "reports/topic_detail.html", context)
