"""What /search/ shows around its results: facets as links, removable filters, sort links, pages.

Filter values in the URL may be typed by people (city=瀋陽) while the service reports resolved ones
(city=shenyang): links that remove a filter remove the raw values that resolved to it.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

from reports.browse.facets import FACET_TITLES, facet_lists
from reports.browse.querystring import NOT_FILTERS, replaced, with_value, without_value

FILTER_TITLES = {**FACET_TITLES, "from": _("起始"), "to": _("截止")}
SORT_TITLES = {"relevance": _("相关度"), "newest": _("最新"), "oldest": _("最早")}
FACET_SHOWN = 12


def raw_values(params, active: dict, name: str) -> dict[str, list[str]]:
    """{resolved value: [raw URL values]} for one filter."""
    raws = params.getlist(name)
    if name in FACET_TITLES and name != "agency":
        # The service resolves query-text filters first, then URL values, one result per value.
        resolved = active.get(name, [])[-len(raws) :] if raws else []
        pairs = zip(raws, resolved, strict=False)
    else:
        pairs = ((raw, raw) for raw in raws)
    out: dict[str, list[str]] = {}
    for raw, value in pairs:
        out.setdefault(value, []).append(raw)
    return out


def facet_groups(params, page) -> list[dict]:
    groups = []
    for name, title in FACET_TITLES.items():
        raws = raw_values(params, page.active, name)
        selected = set(page.active.get(name, []))
        items = []
        for item in page.facets_shown.get(name, [])[:FACET_SHOWN]:
            value = str(item["value"])
            is_selected = value in selected
            if is_selected:
                url = without_value(params, name, raws[value]) if value in raws else None
            else:
                url = with_value(params, name, value)
            items.append({**item, "selected": is_selected, "url": url})
        if items:
            groups.append({"name": name, "title": title, "items": items})
    return groups


def filter_chips(params, page) -> list[dict]:
    labels = {
        (name, str(item["value"])): item["label"]
        for name, items in page.facets_shown.items()
        for item in items
    }
    chips = []
    for name, title in FILTER_TITLES.items():
        raws = raw_values(params, page.active, name)
        for value, raw_list in raws.items():
            for raw in raw_list:
                if not raw.strip():
                    continue
                shown = labels.get((name, value), raw)
                invalid = name in FACET_TITLES and value not in page.active.get(name, [])
                chips.append(
                    {
                        "name": name,
                        "label": title,
                        "value": shown,
                        "invalid": invalid,
                        "remove": without_value(params, name, [raw]),
                    }
                )
    return chips


def sort_links(params, page) -> list[dict]:
    return [
        {"value": key, "title": title, "url": replaced(params, sort=key), "current": page.sort == key}
        for key, title in SORT_TITLES.items()
    ]


def page_links(page) -> list:
    if page.pages <= 1:
        return []
    paginator = Paginator(range(page.pages), 1)
    return list(paginator.get_elided_page_range(page.page, on_each_side=2, on_ends=1))


def feed_query(params) -> str:
    """The Atom feed of this search: the query and every filter (the feed narrows as the search does)."""
    if not params.get("q", "").strip():
        return ""
    keep = [
        (name, value) for name in params if name not in NOT_FILTERS for value in params.getlist(name) if value
    ]
    return "?" + urlencode([("q", params.get("q")), *keep])


def search_context(request, page, lang: str) -> dict:
    params = request.GET
    ui = "en" if lang.startswith("en") else "zh"
    page.facets_shown = facet_lists(page.facets)
    return {
        "messages_text": [message.text(ui) for message in page.messages],
        "facet_groups": facet_groups(params, page),
        "chips": filter_chips(params, page),
        "sort_links": sort_links(params, page),
        "page_links": page_links(page),
        "suggestion_url": replaced(params, q=page.suggestion) if page.suggestion else "",
        "feed_query": feed_query(params),
    }
