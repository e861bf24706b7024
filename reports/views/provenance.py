"""Provenance pages (issue 13): a diff between two versions, a capture's WARC, vanished sources and their feed."""

from collections import Counter

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from reports.browse.labels import agency_label, city_label
from reports.ingest.textdiff import diff_counts, diff_rows, figure_changes
from reports.models import Release, Section
from reports.provenance_models import Capture, ReleaseVersion, SourceState, SourceStatus

FEED_ITEMS = 50


def _number(value: str, default: int) -> int:
    return int(value) if value.isdigit() else default


def release_diff(request, pk: int):
    """?a=N&b=M: what changed from version N to version M (default: the previous version to the current)."""
    release = get_object_or_404(Release.objects.defer("text", "parse_notes"), pk=pk)
    versions = {v.number: v for v in ReleaseVersion.objects.filter(release=release).defer("data")}
    if len(versions) < 2:
        raise Http404("this release has one version")
    newest = max(versions)
    b = _number(request.GET.get("b", ""), newest)
    a = _number(request.GET.get("a", ""), b - 1)
    if a not in versions or b not in versions:
        raise Http404("no such version")
    rows = diff_rows(versions[a].text, versions[b].text)
    context = {
        "release": release,
        "old": versions[a],
        "new": versions[b],
        "versions": sorted(versions.values(), key=lambda v: v.number),
        "rows": rows,
        "counts": diff_counts(rows),
        "figures": figure_changes(versions[a].text, versions[b].text),
        "title_changed": versions[a].title != versions[b].title,
    }
    return render(request, "reports/release_diff.html", context)


def capture_warc(request, pk: int):
    """The capture exactly as recorded: a gzipped WARC file (request and response of every hop)."""
    capture = get_object_or_404(Capture, pk=pk)
    response = HttpResponse(bytes(capture.warc), content_type="application/warc")
    response["Content-Disposition"] = (
        f'attachment; filename="release-{capture.release_id}-capture-{capture.pk}.warc.gz"'
    )
    return response


def gone_statuses():
    return SourceStatus.objects.filter(state=SourceState.GONE).select_related("release", "release__city")


def vanished(request):
    """Sources that have disappeared, newest first, with counts by city, agency and release year."""
    statuses = list(
        gone_statuses().defer("release__text", "release__parse_notes").order_by("-gone_since", "-id")
    )
    release_ids = [s.release_id for s in statuses]
    agencies = Counter(
        agency
        for _rid, agency in Section.objects.filter(release_id__in=release_ids)
        .exclude(agency="other")
        .order_by()
        .values_list("release_id", "agency")
        .distinct()
    )
    by_city = Counter(city_label(s.release.city) if s.release.city else "—" for s in statuses)
    by_year = Counter(s.release.sort_date.year if s.release.sort_date else "—" for s in statuses)
    context = {
        "statuses": statuses,
        "by_city": by_city.most_common(),
        "by_agency": [(agency_label(a), n) for a, n in agencies.most_common()],
        "by_year": sorted(by_year.items(), key=lambda item: str(item[0]), reverse=True),
        "total": len(statuses),
    }
    return render(request, "reports/vanished.html", context)


class VanishedFeed(Feed):
    """An Atom entry for each source seen gone, newest first."""

    feed_type = Atom1Feed
    title = "平安建设发布稿档案 · 失效的原网页"
    subtitle = "原网页失效的发布稿；本站存档仍可查阅"
    link = "/sources/vanished/"

    def items(self):
        return (
            gone_statuses()
            .defer("release__text", "release__parse_notes")
            .order_by("-gone_since", "-id")[:FEED_ITEMS]
        )

    def item_title(self, item):
        return f"原网页失效：{item.release.title}"

    def item_description(self, item):
        # Atom readers render the summary as HTML: escape what came from the page.
        return escape(f"原网页 {item.url} 已于 {item.gone_since:%Y-%m-%d} 失效，本站存档可用。")

    def item_link(self, item):
        return item.release.get_absolute_url() + "#provenance-web"

    def item_guid(self, item):
        return f"vanished:{item.release_id}:{item.gone_since:%Y-%m-%d}"

    def item_updateddate(self, item):
        return item.gone_since

    def item_pubdate(self, item):
        return item.gone_since


vanished_feed = VanishedFeed()
