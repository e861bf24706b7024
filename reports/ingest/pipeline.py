"""bytes -> text -> metadata -> sections -> figures and topics. Pure functions; the importer saves the result."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, replace

from reports.ingest import agencies, dates, layout
from reports.ingest.documents import docx_to_text, pdf_to_text
from reports.ingest.figures import extract_figures, opening_period
from reports.ingest.gazetteer import find_city
from reports.ingest.htmltext import html_to_article
from reports.ingest.indicators import IndicatorDef, IndicatorMatcher
from reports.ingest.normalize import normalize_text
from reports.ingest.script import detect_script, to_simplified
from reports.ingest.sections import resolve_agencies, split_sections
from reports.ingest.sniff import KINDS, sniff
from reports.ingest.textcodec import decode_text
from reports.ingest.topics import TopicDef, TopicMatcher
from reports.ingest.types import CityRef, IngestError, ParsedRelease, ParsedSection, PartialDate

MIN_TEXT_CHARS = 20


@dataclass(frozen=True)
class Hints:
    """What an editor (or a page's metadata) says, which wins over what we detect."""

    title: str = ""
    city: CityRef | None = None
    published_on: PartialDate | None = None
    held_on: PartialDate | None = None
    outlet: str = ""
    source_url: str = ""


def read_document(data: bytes, filename: str) -> tuple[str, str, Hints, list[str]]:
    """(text, content type, hints found in the document, notes) for any supported file."""
    kind = sniff(data, filename)
    notes: list[str] = []
    hints = Hints()
    if kind == "txt":
        decoded = decode_text(data, filename)
        text, notes = decoded.text, [f"read as {decoded.encoding}", *decoded.notes]
    elif kind == "html":
        article = html_to_article(data)
        text, notes = article.text, [f"read as {article.encoding}", *article.notes]
        hints = Hints(
            title=article.title,
            published_on=dates.parse_date_hint(article.published),
            outlet=article.outlet,
            source_url=article.source_url if article.source_url.startswith(("http://", "https://")) else "",
        )
    elif kind == "docx":
        text = docx_to_text(data)
    else:
        text = pdf_to_text(data)
    return normalize_text(text), KINDS[kind], hints, notes


def parse_release(
    data: bytes,
    filename: str,
    hints: Hints | None = None,
    topics: list[TopicDef] | tuple = (),
    indicators: list[IndicatorDef] | tuple = (),
) -> ParsedRelease:
    text, content_type, found, notes = read_document(data, filename)
    if sum(ch.isalnum() for ch in text) < MIN_TEXT_CHARS:
        raise IngestError("contains too little text to be a release")
    return parse_text(text, content_type, merge_hints(found, hints), topics, notes, indicators)


def merge_hints(found: Hints, given: Hints | None) -> Hints:
    if given is None:
        return found
    return Hints(
        **{name: getattr(given, name) or getattr(found, name) for name in Hints.__dataclass_fields__}
    )


def parse_text(
    text: str, content_type: str, hints: Hints, topics=(), notes=(), indicators=()
) -> ParsedRelease:
    lines = layout.classify_lines(text, hints.title)
    title = hints.title or layout.title_of(lines)
    simplified = to_simplified(text)
    body_lines = [line for line in lines if line.kind == "body"]
    lead = "\n".join(line.simp for line in body_lines[:3])
    published = hints.published_on or dates.first_full_date(
        "\n".join(line.simp for line in lines if line.kind == "header")
    )
    held = hints.held_on or dates.conference_date(lead, published, simplified)
    city = hints.city or find_city(title, text)
    release = ParsedRelease(
        title=title[:500],
        text=text,
        script=detect_script(text),
        content_type=content_type,
        published_on=published,
        held_on=held,
        outlet=hints.outlet or layout.header_outlet(lines) or layout.byline_outlet(lines),
        source_url=hints.source_url,
        city=city,
        notes=list(notes),
    )
    if published is None:
        release.notes.append("no publication date found")
    if held and held.inferred:
        release.notes.append(
            f"press-conference year {held.year} inferred from "
            + ("the publication date" if published else "the years the text mentions")
        )
    if city is None:
        release.notes.append("no city recognised; set it by hand")
    # Periods are read against the release's date: its publication, else its press conference.
    reference = reference_date(published or held)
    release.sections = build_sections(
        lines, city, TopicMatcher(list(topics)), reference, IndicatorMatcher(list(indicators))
    )
    release.topics = sorted({slug for section in release.sections for slug in section.topics})
    return release


def reference_date(date: PartialDate | None) -> dt.date | None:
    """The day relative periods are read against; a month without its day stands for its last day."""
    if date is None or date.month is None:
        return None
    if date.day:
        return date.as_date()
    return dt.date(date.year, date.month, calendar.monthrange(date.year, date.month)[1])


def build_sections(
    lines,
    city: CityRef | None,
    matcher: TopicMatcher,
    reference: dt.date | None = None,
    indicators: IndicatorMatcher | None = None,
) -> list[ParsedSection]:
    raw_sections = split_sections(lines)
    texts = ["\n".join(line.text for line in raw.lines) for raw in raw_sections]
    opening = opening_period(texts[0]) if texts else ""
    figures = [extract_figures(text, reference, opening) for text in texts]
    resolve_agencies(raw_sections, lambda index: bool(figures[index]))
    if indicators is not None:
        figures = [
            [
                replace(f, indicator=indicators.classify(f.subject, f.unit, f.is_change, raw.agency))
                for f in found
            ]
            for raw, found in zip(raw_sections, figures, strict=True)
        ]
    places = _place_names(city)
    sections = []
    for order, (raw, text) in enumerate(zip(raw_sections, texts, strict=True)):
        simp = to_simplified(text)
        sections.append(
            ParsedSection(
                order=order,
                heading=raw.heading[:300],
                agency=raw.agency,
                agency_name=agencies.agency_name(text, simp, raw.agency, places)[:100],
                text=text,
                figures=figures[order],
                topics=matcher.assign(simp),
            )
        )
    return sections


def _place_names(city: CityRef | None) -> tuple[str, ...]:
    if city is None or city.level == "national":
        return ()
    full = to_simplified(city.name)
    short = full
    for suffix in ("市", "省", "县", "区", "自治州", "地区", "盟"):
        if full.endswith(suffix) and len(full) - len(suffix) >= 2:
            short = full[: -len(suffix)]
            break
    return tuple(dict.fromkeys([full, short]))
