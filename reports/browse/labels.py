"""Names and numbers as a reader sees them, in the interface language.

Chinese names are the archive's own; English names come from the model (cities, topics) or the gazetteer
(provinces). Values are Decimals with six places in the database: shown without trailing zeros.
"""

from __future__ import annotations

import functools
from decimal import Decimal

from django.utils.translation import get_language

from reports.models import Agency

AGENCY_ORDER = {value: i for i, value in enumerate(Agency.values)}


def english() -> bool:
    return (get_language() or "").startswith("en")


def city_label(city) -> str:
    if city is None:
        return ""
    if english() and city.name_en:
        return city.name_en
    return city.name


@functools.cache
def _province_names() -> dict[str, str]:
    from reports.ingest.gazetteer import provinces

    return {ref.name: ref.name_en for ref in provinces() if ref.name_en}


def province_label(name: str) -> str:
    if english() and name:
        return _province_names().get(name, name)
    return name


def topic_label(topic) -> str:
    if topic is None:
        return ""
    return topic.name_en if english() and topic.name_en else topic.name


def indicator_label(indicator) -> str:
    if indicator is None:
        return ""
    return indicator.name_en if english() and indicator.name_en else indicator.name


def agency_label(value: str) -> str:
    try:
        return str(Agency(value).label)
    except ValueError:
        return value


def sort_agencies(values) -> list[str]:
    return sorted(set(values), key=lambda v: AGENCY_ORDER.get(v, 99))


def plain_number(value: Decimal | None) -> str:
    """Decimal('1318.000000') -> '1318': exact, no exponent, no grouping (for exports)."""
    if value is None:
        return ""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def grouped_number(value: Decimal | None) -> str:
    """Decimal('186400000.000000') -> '186,400,000'; keeps the decimals the source gave."""
    if value is None:
        return ""
    text = plain_number(value)
    whole, _, frac = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    grouped = f"{int(whole):,}" if whole else "0"
    return sign + grouped + ("." + frac if frac else "")


def compact_number(value: float) -> str:
    """Axis labels: 12,000 -> 1.2万 (zh) or 12k (en)."""
    magnitude = abs(value)
    if english():
        steps = [(1e9, "B"), (1e6, "M"), (1e3, "k")]
    else:
        steps = [(1e8, "亿"), (1e4, "万")]
    for size, suffix in steps:
        if magnitude >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:.4g}"
