"""Facets as a reader sees them: the one place that turns counts into titled, labelled, ordered lists.

A search answers with bare counts ({"city": {"shenyang": 3}}, search/filters.py); the search page and the
JSON API both call `facet_lists` for labels in the interface language (Chinese names, English where we
have them) and the order: most releases first, ties in GB/T 2260 code order for places (never by the names'
code points), years newest first. A facet this module does not know is shown with its values as labels.
"""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from reports.browse.labels import english, province_label
from reports.ingest.gazetteer import place_order, province_order
from reports.models import Agency, City, Topic

FACET_TITLES = {
    "city": pgettext_lazy("label", "城市"),
    "province": pgettext_lazy("label", "省份"),
    "agency": pgettext_lazy("label", "机关"),
    "topic": pgettext_lazy("label", "主题"),
    "year": pgettext_lazy("label", "年份"),
}


def _cities(slugs) -> tuple:
    rows = City.objects.filter(slug__in=list(slugs)).values_list("slug", "name", "name_en", "code")
    names = {slug: (name_en if english() and name_en else name) for slug, name, name_en, _ in rows}
    codes = {slug: code for slug, _, _, code in rows}
    return names.get, lambda slug: place_order(codes.get(slug, ""), slug)


def _topics(slugs) -> tuple:
    rows = Topic.objects.filter(slug__in=list(slugs)).values_list("slug", "name", "name_en")
    names = {slug: (name_en if english() and name_en else name) for slug, name, name_en in rows}
    return names.get, None


def _provinces(names) -> tuple:
    return province_label, province_order


def _agencies(slugs) -> tuple:
    labels = dict(Agency.choices)
    return (lambda slug: str(labels[slug]) if slug in labels else None), None


# name -> (values -> (label of a value or None, order key of a value or None)); one query per facet at most.
LABELLERS = {"city": _cities, "topic": _topics, "province": _provinces, "agency": _agencies}
NEWEST_FIRST = {"year"}  # facets listed by value, descending, rather than by count


def facet_lists(raw: dict[str, dict[str, int]]) -> dict[str, list[dict]]:
    """{name: [{"value", "label", "count"}]} in display order, labels in the active language."""
    out = {}
    for name, counts in raw.items():
        label, order = LABELLERS[name](counts) if name in LABELLERS else (None, None)
        items = [
            {"value": value, "label": (label(value) if label else None) or value, "count": count}
            for value, count in counts.items()
        ]
        if name in NEWEST_FIRST:
            items.sort(key=lambda item: item["value"], reverse=True)
        else:
            key = order or (lambda value: ("", value))
            items.sort(key=lambda item: (-item["count"], key(item["value"]), item["label"]))
        out[name] = items
    return out
