"""What the upload preview shows, in the interface language: labels for the values the ingest layer returns
as codes (agency, script, direction, topic slugs) and its English parse notes."""

from django import template
from django.utils.translation import gettext

from reports.admin.notes import translate_notes
from reports.browse.labels import agency_label, topic_label
from reports.models import Metric, Script, Topic

register = template.Library()


@register.filter
def agency_name(value: str) -> str:
    return agency_label(value)


@register.filter
def script_name(value: str) -> str:
    try:
        return str(Script(value).label)
    except ValueError:
        return value


@register.filter
def direction_name(value: str) -> str:
    try:
        return str(Metric.Direction(value).label)
    except ValueError:
        return value


@register.filter
def topic_names(slugs) -> str:
    topics = {t.slug: t for t in Topic.objects.filter(slug__in=list(slugs or []))}
    return gettext("、").join(topic_label(topics[s]) if s in topics else s for s in slugs or [])


@register.filter
def parse_notes(notes) -> str:
    return gettext("；").join(translate_notes(notes))
