"""Template helpers for the public pages: links that add or remove one filter value, labels, numbers."""

from django import template
from django.utils.html import format_html

from reports.browse import labels, querystring

register = template.Library()


@register.simple_tag(takes_context=True)
def set_params(context, **changes):
    return querystring.replaced(context["request"].GET, **changes)


@register.filter
def city_label(city):
    return labels.city_label(city)


@register.filter
def svg_marks(series, hatch_id):
    return series.svg_marks(hatch_id)


@register.filter
def indicator_name(indicator):
    return labels.indicator_label(indicator)


@register.filter
def province_label(name):
    return labels.province_label(name)


@register.filter
def topic_label(topic):
    return labels.topic_label(topic)


@register.filter
def agency_label(value):
    return labels.agency_label(value)


def _as_written_or_label(value, label):
    # Translated: the English words, the original in a tooltip; otherwise the Chinese as written, marked zh.
    if not value:
        return ""
    if label is None:
        return format_html('<span lang="zh">{}</span>', value)
    return format_html('<span title="{}">{}</span>', value, label)


@register.filter
def qualifier_label(value):
    return _as_written_or_label(value, labels.qualifier_label(value))


@register.filter
def basis_label(value):
    return _as_written_or_label(value, labels.basis_label(value))


@register.filter
def in_parens(value):
    """（value） in the Chinese interface, (value) in the English one."""
    if labels.english():
        return f"({value})"
    return f"（{value}）"


@register.filter
def number(value):
    return labels.grouped_number(value)


@register.filter
def partial_date(release):
    """The release's date as precise as it is known: 2025-06-18, 2025-06 or 2025; '' when unknown.

    The publication date; a release known only by its press conference shows that date (see date_kind).
    """
    return labels.shown_date(release)[0]


@register.filter
def date_kind(release):
    """'' when partial_date is the publication date, else the label of the date it is (发布会日期)."""
    return labels.shown_date(release)[1]


@register.filter
def date_basis(date):
    return labels.date_basis(date)


@register.filter
def section_link(release, order):
    """The release page's URL for one of its sections: its part of a long release, then its anchor."""
    from reports.browse.parts import section_url

    return section_url(release, order)
