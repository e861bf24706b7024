"""/feeds/releases/: an Atom feed of newly archived releases, for everything or one city, topic or query.

`?city=<slug>` and `?topic=<slug>` narrow it; `?q=<query>` makes it a search's feed, narrowed by every
filter the search page takes (city, province, topic, year, agency, from, to). Atom readers render an entry's
summary as HTML, so the summary is escaped here first: a release quoting `<script>` reads as text.
"""

import datetime as dt

from django.contrib.syndication.views import Feed
from django.core.exceptions import BadRequest
from django.db.models.functions import Substr
from django.http import QueryDict
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from reports.browse.labels import city_label, shown_date, topic_label
from reports.browse.lists import release_rows
from reports.browse.querystring import NOT_FILTERS
from reports.models import City, Topic

ITEMS = 50
SUMMARY_CHARS = 300

# How a query finds releases, newest first: (q, params, limit) -> release ids. The search app registers it in
# SearchConfig.ready, because reports never imports search; without it a ?q= feed is empty.
_query_finder = {"find": None}
# How many parameters, and values of one, a search's feed URL may carry.
MAX_FILTERS = 20


def set_query_finder(find) -> None:
    _query_finder["find"] = find


class ReleaseFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request):
        params = request.GET
        query = params.get("q", "").strip()[:500]
        if query:
            # A search's feed narrows as the search does: every filter of the search page (year, agency,
            # province, dates…) goes to the search with the query, which resolves typed values (city=瀋陽,
            # topic=电诈) as the page does. The city and topic name the feed when they are slugs.
            narrowing = QueryDict(mutable=True)
            names = [name for name in params if name not in NOT_FILTERS]
            if len(names) > MAX_FILTERS or any(len(params.getlist(name)) > MAX_FILTERS for name in names):
                # Refused, not cut: a feed silently wider or narrower than the search it follows misleads.
                raise BadRequest(f"a search feed takes at most {MAX_FILTERS} filters of {MAX_FILTERS} values")
            for name in names:
                narrowing.setlist(name, [v[:200] for v in params.getlist(name)])
            city = City.objects.filter(slug=params.get("city", "")).first()
            topic = Topic.objects.filter(slug=params.get("topic", "")).first()
        else:  # the archive's newest, or one city's or topic's page as a feed
            narrowing = None
            city = get_object_or_404(City, slug=params["city"]) if params.get("city") else None
            topic = get_object_or_404(Topic, slug=params["topic"]) if params.get("topic") else None
        return {
            "city": city,
            "topic": topic,
            "q": query,
            "filters": narrowing,
            "url": request.build_absolute_uri(),
        }

    def title(self, obj):
        parts = [_("平安建设发布稿档案")]
        if obj["city"]:
            parts.append(city_label(obj["city"]))
        if obj["topic"]:
            parts.append(topic_label(obj["topic"]))
        if obj["q"]:
            parts.append(_("搜索：%(q)s") % {"q": obj["q"]})
        return " · ".join(parts)

    def subtitle(self, obj):
        return _("新收录的发布稿")

    def link(self, obj):
        if obj["q"]:
            return "/search/?" + _encode(obj)
        if obj["city"]:
            return obj["city"].get_absolute_url()
        if obj["topic"]:
            return obj["topic"].get_absolute_url()
        return "/releases/"

    def feed_url(self, obj):
        return obj["url"]

    def items(self, obj):
        rows = release_rows().annotate(lead=Substr("text", 1, SUMMARY_CHARS))
        if obj["q"]:
            find = _query_finder["find"]
            ids = find(obj["q"], obj["filters"], ITEMS) if find else []
            by_id = rows.in_bulk(ids)
            return [by_id[i] for i in ids if i in by_id]
        if obj["city"]:
            rows = rows.filter(city=obj["city"])
        if obj["topic"]:
            rows = rows.filter(topics=obj["topic"])
        return list(rows.order_by("-created_at", "-id")[:ITEMS])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        copies = _("也见于 %(n)s 处转载") % {"n": item.copy_count} if getattr(item, "copy_count", 0) else ""
        meta = " · ".join(x for x in (city_label(item.city), _date(item), item.outlet, copies) if x)
        return escape(f"{meta}\n{item.lead}…" if meta else f"{item.lead}…")

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        # Atom's <published> is when the release came out, not when we archived it; none when unknown.
        date = item.published or item.held
        if date is None:
            return None
        return dt.datetime.combine(date.as_date(), dt.time(), tzinfo=dt.UTC)

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.outlet or None

    def item_categories(self, item):
        return [topic_label(t) for t in item.topics.all()]


def _date(release) -> str:
    iso, kind = shown_date(release)
    return f"{kind} {iso}" if kind else iso


def _encode(obj) -> str:
    """The search this feed follows, as /search/'s query string."""
    params = obj["filters"].copy()
    params["q"] = obj["q"]
    return params.urlencode()


release_feed = ReleaseFeed()
