"""Exports of exactly the figures a filter selects: CSV and JSON, streamed, shared by /figures/ and the API.

Streamed row by row from one database cursor, so an export of the whole archive neither waits for nor holds
every row in memory. CSV starts with a UTF-8 byte-order mark because Excel, which many of our readers use,
otherwise reads Chinese as mojibake; text cells that a spreadsheet would run as a formula get a leading
apostrophe (numbers are left alone).
"""

from __future__ import annotations

import csv
import io
import json

from django.http import StreamingHttpResponse

from reports.browse.labels import plain_number
from reports.ingest.types import decimal_to_json

COLUMNS = [
    "id",
    "release_id",
    "release_title",
    "published_on",
    "city",
    "city_slug",
    "province",
    "section_id",
    "section_order",
    "agency",
    "agency_name",
    "text",
    "value",
    "unit",
    "qualifier",
    "is_change",
    "direction",
    "basis",
    "subject",
    "period",
    "url",
    # Issue 12: tidy columns for comparing figures across cities and periods.
    "indicator",
    "indicator_name",
    "period_start",
    "period_end",
    "period_basis",
    "from_value",
    "city_code",
    "span_start",
    "span_end",
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TEXT_COLUMNS = {
    "release_title",
    "city",
    "province",
    "agency_name",
    "text",
    "subject",
    "period",
    "basis",
    "qualifier",
    "indicator_name",
}


def export_queryset(queryset):
    return queryset.select_related("section__release__city", "indicator").defer(
        "section__text", "section__release__text", "section__release__parse_notes"
    )


def metric_row(metric, base_url: str) -> dict:
    section = metric.section
    release = section.release
    city = release.city
    published = release.published or release.held
    return {
        "id": metric.id,
        "release_id": release.id,
        "release_title": release.title,
        "published_on": published.iso() if published else None,
        "city": city.name if city else None,
        "city_slug": city.slug if city else None,
        "province": city.province if city else None,
        "section_id": section.id,
        "section_order": section.order,
        "agency": section.agency,
        "agency_name": section.agency_name,
        "text": metric.text,
        "value": metric.value,
        "unit": metric.unit,
        "qualifier": metric.qualifier,
        "is_change": metric.is_change,
        "direction": metric.direction or None,
        "basis": metric.basis,
        "subject": metric.subject,
        "period": metric.period,
        "url": f"{base_url}/releases/{release.id}/#figure-{metric.id}",
        "indicator": metric.indicator.slug if metric.indicator_id else None,
        "indicator_name": metric.indicator.name if metric.indicator_id else None,
        "period_start": metric.period_start.isoformat() if metric.period_start else None,
        "period_end": metric.period_end.isoformat() if metric.period_end else None,
        "period_basis": metric.period_basis,
        "from_value": metric.from_value,
        "city_code": city.code if city else None,
        "span_start": metric.start,
        "span_end": metric.end,
    }


def _csv_cell(name: str, value) -> str:
    if value is None:
        return ""
    if name in ("value", "from_value"):
        return plain_number(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if name in TEXT_COLUMNS and text.startswith(FORMULA_START):
        return "'" + text
    return text


def csv_lines(queryset, base_url: str):
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        data = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return data

    writer.writerow(COLUMNS)
    yield "\ufeff" + flush()
    for metric in export_queryset(queryset).iterator(chunk_size=2000):
        row = metric_row(metric, base_url)
        writer.writerow([_csv_cell(name, row[name]) for name in COLUMNS])
        yield flush()


def json_chunks(queryset, base_url: str, meta: dict):
    head = json.dumps(meta, ensure_ascii=False)[:-1]  # the meta object, left open for "results"
    yield head + (', "results": [' if meta else '"results": [')
    first = True
    for metric in export_queryset(queryset).iterator(chunk_size=2000):
        row = metric_row(metric, base_url)
        row["value"] = decimal_to_json(row["value"])
        row["from_value"] = decimal_to_json(row["from_value"])
        yield ("" if first else ",") + "\n" + json.dumps(row, ensure_ascii=False)
        first = False
    yield "\n]}\n"


def export_response(queryset, request, fmt: str, meta: dict, filename: str = "figures"):
    base_url = request.build_absolute_uri("/").rstrip("/")
    if fmt == "csv":
        response = StreamingHttpResponse(
            csv_lines(queryset, base_url), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    response = StreamingHttpResponse(
        json_chunks(queryset, base_url, meta), content_type="application/json; charset=utf-8"
    )
    response["Access-Control-Allow-Origin"] = "*"  # public data; lets notebooks in the browser fetch it
    return response
