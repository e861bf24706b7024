"""Lists of releases as every browse page shows them: paginated in the database, light rows, few queries."""

from __future__ import annotations

from collections import defaultdict

from django.core.paginator import Paginator

from reports.browse.labels import sort_agencies
from reports.models import Release, ReleaseCopy, Section

PER_PAGE = 20


def release_rows(queryset=None):
    """Releases for a list: city joined, topics prefetched, the full text and notes left in the database."""
    queryset = Release.objects.all() if queryset is None else queryset
    return (
        queryset.select_related("city")
        .prefetch_related("topics")
        .defer("text", "parse_notes")
        .annotate(copy_count=ReleaseCopy.count_per_release())
    )


def paginate(request, queryset, per_page: int = PER_PAGE):
    """One COUNT and one LIMIT/OFFSET query; a bad or too-large page number gives the nearest page."""
    paginator = Paginator(queryset, per_page)
    page = paginator.get_page(request.GET.get("page"))
    page.links = list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    return page


def attach_agencies(releases) -> None:
    """Set `release.agencies` (slugs in the vocabulary's order) for a page of releases, in one query."""
    releases = list(releases)
    found = defaultdict(list)
    rows = (
        Section.objects.filter(release_id__in=[r.pk for r in releases])
        .exclude(agency="other")
        .order_by()
        .values_list("release_id", "agency")
        .distinct()
    )
    for release_id, agency in rows:
        found[release_id].append(agency)
    for release in releases:
        release.agencies = sort_agencies(found[release.pk])
