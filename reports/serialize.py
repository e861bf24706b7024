"""A release as JSON: the shape of GET /api/releases/<id>/ (DESIGN.md contract), shared by the export.

Contract keys first; extensions (date precision, agency as written, basis, period, provenance) are added
beside them, never renamed.
"""

from __future__ import annotations

import base64
from decimal import Decimal

from django.db.models import Prefetch

from reports.ingest.types import PartialDate, decimal_to_json
from reports.models import Metric, Release, Section
from reports.provenance_json import export_provenance, release_provenance

EXPORT_VERSION = 1


def releases_for_json():
    return Release.objects.select_related("city").prefetch_related(
        "topics",
        Prefetch(
            "sections",
            queryset=Section.objects.order_by("order").prefetch_related(
                "topics",
                Prefetch(
                    "metrics", queryset=Metric.objects.select_related("indicator").order_by("start", "id")
                ),
            ),
        ),
    )


def city_dict(city):
    if city is None:
        return None
    return {
        "name": city.name,
        "province": city.province,
        "name_as_written": city.name_as_written,
        "level": city.level,
        "code": city.code,
        "slug": city.slug,
        "name_en": city.name_en,
    }


def metric_dict(metric: Metric) -> dict:
    return {
        "id": metric.id,
        "text": metric.text,
        "value": decimal_to_json(metric.value),
        "unit": metric.unit,
        "qualifier": metric.qualifier,
        "is_change": metric.is_change,
        "direction": metric.direction or None,
        "subject": metric.subject,
        "start": metric.start,
        "end": metric.end,
        "basis": metric.basis,
        "period": metric.period,
        "corrected": metric.corrected,
        "period_start": metric.period_start.isoformat() if metric.period_start else None,
        "period_end": metric.period_end.isoformat() if metric.period_end else None,
        "period_basis": metric.period_basis,
        "from_value": decimal_to_json(metric.from_value),
        "indicator": metric.indicator.slug if metric.indicator_id else None,
    }


def section_dict(section: Section) -> dict:
    return {
        "id": section.id,
        "order": section.order,
        "heading": section.heading,
        "agency": section.agency,
        "text": section.text,
        "metrics": [metric_dict(m) for m in section.metrics.all()],
        "agency_name": section.agency_name,
        "topics": sorted(t.slug for t in section.topics.all()),
        "edited": section.edited,
    }


def _date_detail(date: PartialDate | None) -> dict | None:
    if date is None:
        return None
    return {
        "precision": date.precision,
        "inferred": date.inferred,
        "basis": date.basis,
        "evidence": date.evidence,
    }


def release_dict(release: Release) -> dict:
    published, held = release.published, release.held
    return {
        "id": release.id,
        "title": release.title,
        "city": city_dict(release.city),
        "published_on": published.iso() if published else None,
        "held_on": held.iso() if held else None,
        "outlet": release.outlet,
        "source_url": release.source_url,
        "script": release.script,
        "sha256": release.sha256,
        "topics": sorted(t.slug for t in release.topics.all()),
        "sections": [section_dict(s) for s in release.sections.all()],
        "dates": {"published_on": _date_detail(published), "held_on": _date_detail(held)},
        "original": {
            "filename": release.original_filename,
            "content_type": release.content_type,
            "size": release.original_size,
        },
        "archived_at": release.created_at.isoformat(),
        **release_provenance(release),
    }


def export_dict(release: Release) -> dict:
    """release_dict plus what an import needs to rebuild the release exactly: the bytes and the notes."""
    data = bytes(release.original.data)
    line = release_dict(release)
    line["export_version"] = EXPORT_VERSION
    line["parse_notes"] = release.parse_notes
    line["text"] = release.text
    line["original"] = {
        **line["original"],
        "sha256": release.sha256,
        "base64": base64.b64encode(data).decode("ascii"),
    }
    line["provenance"] = export_provenance(release)
    return line


def json_value(value) -> Decimal | None:
    """A JSON number back to the Decimal we store (through str, so 11.6 stays 11.6)."""
    return None if value is None else Decimal(str(value))
