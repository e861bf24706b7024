"""/releases/<id>/: one release as published, its provenance, its figures in place, how to cite it.

Six queries whatever the release's size (a release of more than 40 sections is shown in parts): the release with its city, its sections, their figures, its
topics, and related releases. The text is marked up once per request in Python (reports.browse.markup).
"""

from collections import defaultdict

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from reports.browse.citation import cite
from reports.browse.explorer import group_by_indicator
from reports.browse.labels import agency_label, grouped_number
from reports.browse.markup import HTML_LANG, SCRIPTS, converter, display_script, section_view
from reports.browse.parts import SECTIONS_PER_PART, chosen_part
from reports.models import Metric, Release

RELATED = 6


def related_releases(release, topic_ids: list[int]):
    """Same city or shared topics; most shared topics first, then the same city, then the newest."""
    match = Q(topics__in=topic_ids)
    if release.city_id:
        match |= Q(city_id=release.city_id)
    return list(
        Release.objects.filter(match)
        .exclude(pk=release.pk)
        .annotate(shared=Count("topics", filter=Q(topics__in=topic_ids), distinct=True))
        .select_related("city")
        .defer("text", "parse_notes")
        .order_by("-shared", "-sort_date", "-id")[:RELATED]
    )


def release_detail(request, pk: int):
    release = get_object_or_404(Release.objects.select_related("city").defer("text", "parse_notes"), pk=pk)
    requested = request.GET.get("script", "")
    target = display_script(requested, release.script)
    convert = converter(target)

    part, parts = chosen_part(request.GET.get("part"), release.sections.count())
    first = (part - 1) * SECTIONS_PER_PART
    shown = release.sections.filter(order__gte=first, order__lt=first + SECTIONS_PER_PART)
    sections = list(shown.order_by("order"))
    metrics = list(
        Metric.objects.filter(section__in=[s.pk for s in sections])
        .select_related("indicator")
        .order_by("section__order", "start", "id")
    )
    by_section = defaultdict(list)
    for metric in metrics:
        by_section[metric.section_id].append(metric)
    section_views = [section_view(s, by_section[s.pk], target) for s in sections]
    order_of = {s.pk: s for s in sections}
    # Labels computed here rather than by template includes: a long release has hundreds of rows.
    arrows = {"up": "↑ ", "down": "↓ "}
    figure_rows = [
        {
            "metric": m,
            "section": order_of[m.section_id],
            "text": convert(m.text),
            "subject": convert(m.subject),
            "agency_label": agency_label(order_of[m.section_id].agency),
            "value": grouped_number(m.value),
            "arrow": arrows.get(m.direction, ""),
            "direction": m.get_direction_display() if m.direction else "",
        }
        for m in metrics
    ]
    topics = list(release.topics.all())
    permalink = request.build_absolute_uri(release.get_absolute_url())
    shown_script = target or release.script
    context = {
        "release": release,
        "title": convert(release.title),
        "sections": section_views,
        "figures": figure_rows,
        "topics": topics,
        "related": related_releases(release, [t.pk for t in topics]),
        "citation": cite(release, permalink, timezone.localdate()),
        "script": {
            "current": requested if requested in SCRIPTS else "",
            "shown": shown_script,
            "converted": target is not None,
            "lang": HTML_LANG.get(shown_script, "zh"),
        },
        "source_is_web": release.source_url.lower().startswith(("http://", "https://")),
        "parts": {"current": part, "count": parts, "numbers": list(range(1, parts + 1))}
        if parts > 1
        else None,
        "indicator_groups": group_by_indicator(metrics),
    }
    return render(request, "reports/release_detail.html", context)
