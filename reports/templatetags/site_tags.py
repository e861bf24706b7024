"""Template helpers for the public pages: links that add or remove one filter value, labels, numbers."""

from django import template

from reports.browse import labels, querystring

register = template.Library()


@register.simple_tag(takes_context=True)
def add_param(context, name, value):
    return querystring.with_value(context["request"].GET, name, value)


@register.simple_tag(takes_context=True)
def remove_param(context, name, value=None):
    return querystring.without_value(context["request"].GET, name, value)


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


@register.filter
def number(value):
    return labels.grouped_number(value)


@register.filter
def partial_date(release):
    """The release's date as precise as it is known: 2025-06-18, 2025-06 or 2025; '' when unknown."""
    date = release.published or release.held
    return date.iso() if date else ""
