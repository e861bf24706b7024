"""export_archive / import_archive: the whole archive as JSON lines, originals included, ids kept.

Export, import into an empty database, export again: the two files are identical. Each line is checked on
the way in (the bytes must match their sha256); a bad line is reported with its number and skipped, the
others still import.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.core.management.color import no_style
from django.db import DatabaseError, connection, transaction

from reports import outbox
from reports.ingest.types import CityRef, PartialDate
from reports.models import (
    Capture,
    Indicator,
    Metric,
    OriginalFile,
    Release,
    ReleaseCopy,
    Section,
    Topic,
    set_period_kinds,
)
from reports.provenance_json import import_provenance
from reports.serialize import export_dict, json_value, releases_for_json


def export_lines() -> Iterator[str]:
    for release in releases_for_json().select_related("original").order_by("id").iterator(chunk_size=200):
        yield json.dumps(export_dict(release), ensure_ascii=False, sort_keys=True)


@dataclass
class LineOutcome:
    number: int
    status: str  # created | duplicate | error
    message: str = ""
    release_id: int | None = None


def import_lines(lines: Iterable[str]) -> Iterator[LineOutcome]:
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
            yield import_one(number, data)
        except (ValueError, KeyError, TypeError, AttributeError, binascii.Error) as exc:
            yield LineOutcome(number, "error", f"{type(exc).__name__}: {exc}")
        except DatabaseError as exc:
            # The line's transaction is rolled back; the next lines still import.
            yield LineOutcome(number, "error", f"the database refused it: {str(exc).strip()[:200]}")


def import_one(number: int, data: dict) -> LineOutcome:
    original = data["original"]
    blob = base64.b64decode(original["base64"], validate=True)
    digest = hashlib.sha256(blob).hexdigest()
    if digest != original["sha256"] or digest != data["sha256"]:
        raise ValueError("the original bytes do not match their sha256")
    existing = Release.objects.filter(sha256=digest).first()
    if existing:
        return LineOutcome(number, "duplicate", f"already archived as release {existing.pk}", existing.pk)
    with transaction.atomic():
        release = _create_release(data, blob)
        outbox.queue(release.pk)
    return LineOutcome(number, "created", release_id=release.pk)


def check_fields(obj) -> None:
    """What PostgreSQL would refuse, refused the same way on SQLite (which stores a 600-character title in
    a 255-character column): a missing required value, an over-long one, or a NUL."""
    for f in obj._meta.concrete_fields:
        value = getattr(obj, f.attname)
        filled_on_save = (
            f.primary_key
            or f.has_default()
            or getattr(f, "auto_now_add", False)
            or getattr(f, "auto_now", False)
        )
        if value is None and not f.null and not filled_on_save:
            raise ValueError(f"{f.name} is missing")
        if isinstance(value, str):
            if f.max_length and len(value) > f.max_length:
                raise ValueError(f"{f.name} has {len(value)} characters; at most {f.max_length}")
            if "\x00" in value:
                raise ValueError(f"{f.name} contains a NUL character")


def _keep_id(model, pk):
    # Ids are kept so links and citations survive a move; a clash in a non-empty database gets a new id.
    return pk if pk is not None and not model.objects.filter(pk=pk).exists() else None


def _create_release(data: dict, blob: bytes) -> Release:
    from reports.importer import get_city

    city = None
    if data.get("city"):
        c = data["city"]
        city = get_city(
            CityRef(
                c["name"],
                c.get("name_as_written", ""),
                c.get("province", ""),
                c.get("level", "prefecture"),
                c.get("code", ""),
                c.get("name_en", ""),
                c.get("slug", ""),
            )
        )
    details = data.get("dates") or {}
    release = Release(
        id=_keep_id(Release, data.get("id")),
        title=data["title"],
        city=city,
        outlet=data.get("outlet", ""),
        source_url=data.get("source_url", ""),
        sha256=data["sha256"],
        original_filename=data["original"]["filename"],
        content_type=data["original"]["content_type"],
        original_size=len(blob),
        text=data.get("text", ""),
        script=data["script"],
        parse_notes=data.get("parse_notes", []),
    )
    for name in ("published", "held"):
        detail = details.get(f"{name}_on") or {}
        date = PartialDate.parse_iso(data.get(f"{name}_on"), bool(detail.get("inferred")))
        setattr(release, f"{name}_on", date.as_date() if date else None)
        setattr(release, f"{name}_precision", date.precision if date else "unknown")
        setattr(release, f"{name}_inferred", bool(date and date.inferred))
        setattr(release, f"{name}_basis", (detail.get("basis") or "") if date else "")
        setattr(release, f"{name}_evidence", (detail.get("evidence") or "")[:100] if date else "")
    check_fields(release)
    release.save()
    if data.get("archived_at"):
        Release.objects.filter(pk=release.pk).update(created_at=data["archived_at"])
    OriginalFile.objects.create(release=release, data=blob)
    topics = _topics(
        set(data.get("topics", [])) | {s for sec in data["sections"] for s in sec.get("topics", [])}
    )
    release.topics.set([topics[slug] for slug in data.get("topics", [])])
    for item in data["sections"]:
        section = Section.objects.create(
            id=_keep_id(Section, item.get("id")),
            release=release,
            order=item["order"],
            heading=item.get("heading", ""),
            agency=item["agency"],
            agency_name=item.get("agency_name", ""),
            text=item["text"],
            edited=item.get("edited", False),
        )
        section.topics.set([topics[slug] for slug in item.get("topics", [])])
        metrics = []
        for m in item.get("metrics", []):
            if section.text[m["start"] : m["end"]] != m["text"]:
                raise ValueError(f"figure {m['text']!r} does not match its span in section {item['order']}")
            metrics.append(
                Metric(
                    id=_keep_id(Metric, m.get("id")),
                    section=section,
                    text=m["text"],
                    start=m["start"],
                    end=m["end"],
                    value=json_value(m.get("value")),
                    unit=m.get("unit", ""),
                    qualifier=m.get("qualifier", ""),
                    is_change=m.get("is_change", False),
                    direction=m.get("direction") or "",
                    basis=m.get("basis", ""),
                    subject=m.get("subject", ""),
                    period=m.get("period", ""),
                    corrected=m.get("corrected", False),
                    period_start=_iso_date(m.get("period_start")),
                    period_end=_iso_date(m.get("period_end")),
                    period_basis=m.get("period_basis", ""),
                    from_value=json_value(m.get("from_value")),
                    indicator=_indicator(m.get("indicator")),
                )
            )
        Metric.objects.bulk_create(set_period_kinds(metrics))
    import_provenance(release, data.get("provenance"), _keep_id)
    return release


def _iso_date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _indicator(slug: str | None) -> Indicator | None:
    if not slug:
        return None
    # An indicator the target database lacks: create it so the figure keeps its classification.
    found, _ = Indicator.objects.get_or_create(slug=slug, defaults={"name": slug, "unit_kind": "count"})
    return found


def _topics(slugs: set[str]) -> dict[str, Topic]:
    topics = {t.slug: t for t in Topic.objects.filter(slug__in=slugs)}
    for slug in slugs - topics.keys():
        # A topic the target database lacks: create it so the release keeps its tags; editors can name it.
        topics[slug] = Topic.objects.create(slug=slug, name=slug)
    return topics


def reset_sequences() -> None:
    """After inserting explicit ids, PostgreSQL's sequences must move past them (SQLite needs nothing)."""
    statements = connection.ops.sequence_reset_sql(
        no_style(), [Release, Section, Metric, ReleaseCopy, Capture]
    )
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
