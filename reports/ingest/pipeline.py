"""bytes -> text -> metadata -> sections -> figures and topics. Pure functions; the importer saves the result."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, replace

from reports.ingest import agencies, dates, layout, limits
from reports.ingest.documents import docx_to_text, pdf_to_text
from reports.ingest.figures import extract_figures, opening_period
from reports.ingest.gazetteer import find_city
from reports.ingest.htmltext import html_to_article
from reports.ingest.indicators import IndicatorDef, IndicatorMatcher, matcher_for
from reports.ingest.script import detect_script
from reports.ingest.sections import RawSection, resolve_agencies, split_sections
from reports.ingest.sniff import KINDS, sniff
from reports.ingest.text import clean_stored_text, normal_view
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
    return clean_stored_text(text), KINDS[kind], hints, notes


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
    limits.check_text(text)  # before parsing: a file that is many releases costs no more than reading it
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
    title = _title(lines, hints.title)
    view = normal_view(text)
    body_lines = [line for line in lines if line.kind == "body"]
    lead = "\n".join(line.simp for line in body_lines[:3])
    published = _as_written(publication_date(lines, hints, view.simp), view)
    held = _as_written(conference_date(lead, published, hints, view.simp), view)
    city = hints.city or find_city(normal_view(title).text, view.text)
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
    for label, date in (("publication", published), ("press-conference", held)):
        if date and date.inferred:
            release.notes.append(
                f"{label} date {date.iso()} inferred from the {date.basis}: “{date.evidence}”"
            )
    if city is None:
        release.notes.append("no city recognised; set it by hand")
    if not any(line.kind == "title" for line in lines) and not hints.title:
        release.notes.append(
            "no headline: the title is the opening words of the first paragraph, kept in its section"
        )
    # Periods are read against the release's date: its publication, else its press conference.
    reference = reference_date(published or held)
    release.sections = build_sections(
        lines, city, TopicMatcher(list(topics)), title, reference, matcher_for(tuple(indicators))
    )
    limits.check_sections(release.sections)
    release.notes.extend(coverage_notes(text, lines, release.sections))
    release.topics = sorted({slug for section in release.sections for slug in section.topics})
    return release


def _title(lines, hint: str) -> str:
    """The given title, or the detected one. A given title that differs from the title line only in the
    normalised view (an editor's or a page's title saved before stored text kept full-width forms) gives
    way to the line as published."""
    if not hint:
        return layout.title_of(lines)
    as_written = layout.title_of(lines)
    if as_written != hint and normal_view(as_written).text == normal_view(hint).text:
        return as_written
    return hint


def publication_date(lines, hints: Hints, simplified: str) -> PartialDate | None:
    """The page's own date: metadata, a header line, the URL's date path, a dateline, in that order."""
    if hints.published_on:
        return hints.published_on if hints.published_on.basis else hints.published_on.based_on("metadata")
    header = "\n".join(line.simp for line in lines if line.kind == "header")
    stated = dates.first_full_date(header)
    if stated:
        quoted = (dates.FULL.search(header) or dates.ISO.search(header)).group()
        return stated.based_on("header", quoted)
    for url in [hints.source_url, *dates.URL.findall(simplified)]:
        found = dates.url_date(url) if url else None
        if found:
            return found
    first = next((line.simp for line in lines if line.kind == "body"), "")
    return dates.dateline_date(first, simplified)


def _as_written(date: PartialDate | None, view) -> PartialDate | None:
    """The evidence quoted in the release's own characters (期間, not 期间): rules read the simplified view."""
    if date is None or not date.evidence:
        return date
    at = view.simp.find(date.evidence)
    return date if at < 0 else date.based_on(date.basis, view.cut(at, at + len(date.evidence)))


def conference_date(lead: str, published, hints: Hints, simplified: str) -> PartialDate | None:
    if hints.held_on:
        return hints.held_on if hints.held_on.basis else hints.held_on.based_on("metadata")
    return dates.conference_date(lead, published, simplified)


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
    title: str = "",
    reference: dt.date | None = None,
    indicators: IndicatorMatcher | None = None,
) -> list[ParsedSection]:
    raw_sections = split_sections(lines)
    if not raw_sections:
        # Nothing but a headline and header lines: they become the one section, so a release always has one.
        kept = [line for line in lines if line.kind in ("title", "header", "body")] or lines
        raw_sections = [RawSection(lines=kept)] if kept else []
    texts = [layout.join_lines(raw.lines) for raw in raw_sections]
    views = [normal_view(text) for text in texts]
    opening = opening_period(texts[0]) if texts else ""
    figures = [
        extract_figures(text, reference, opening, view) for text, view in zip(texts, views, strict=True)
    ]
    single = agencies.release_agency(normal_view(title).simp, "\n".join(line.simp for line in lines))
    resolve_agencies(raw_sections, lambda index: bool(figures[index]), single)
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
    for order, (raw, text, view) in enumerate(zip(raw_sections, texts, views, strict=True)):
        sections.append(
            ParsedSection(
                order=order,
                heading=raw.heading[:300],
                agency=raw.agency,
                agency_name=agencies.agency_name(view, raw.agency, places)[:100],
                text=text,
                figures=figures[order],
                topics=matcher.assign(view.simp),
            )
        )
    return sections


def _covered(text: str, sections: list[ParsedSection]) -> bool:
    """A body line is covered when its text is in a section, or split across consecutive sections."""
    rest = text
    for section in sections:
        if rest in section.text:
            return True
        if rest.startswith(section.text.split("\n")[-1]) and section.text.split("\n")[-1]:
            rest = rest[len(section.text.split("\n")[-1]) :]
    return not rest


LEFT_OUT = {"junk": "page furniture", "caption": "photo caption", "byline": "byline"}


def coverage_notes(text: str, lines, sections: list[ParsedSection]) -> list[str]:
    """Check that title, header lines and sections cover the decoded text; say what was left out and why.

    Every non-blank line of the text is classified; body lines must each be found in a section. Lines left
    out on purpose (share buttons, captions, bylines) are listed so an editor can see them.
    """
    notes = []
    visible = sum(not ch.isspace() for ch in text)
    classified = sum(not ch.isspace() for line in lines for ch in line.text)
    if classified != visible:
        notes.append(f"coverage: {visible - classified} characters of the text are in no line")
    joined = "\n".join(section.text for section in sections)
    lost = [line for line in lines if line.kind == "body" and not _covered(line.text, sections)]
    if lost:
        notes.append(
            f"coverage: {len(lost)} body lines are in no section: "
            + "; ".join(f"“{line.text[:20]}”" for line in lost)
        )
    for kind, why in LEFT_OUT.items():
        out = [line for line in lines if line.kind == kind and line.text not in joined]
        if out:
            shown = "; ".join(f"“{line.text[:20]}”" for line in out[:3]) + ("; …" if len(out) > 3 else "")
            notes.append(f"left out of the sections as {why} ({len(out)}): {shown}")
    return notes


def _place_names(city: CityRef | None) -> tuple[str, ...]:
    if city is None or city.level == "national":
        return ()
    full = normal_view(city.name).simp
    short = full
    for suffix in ("市", "省", "县", "区", "自治州", "地区", "盟"):
        if full.endswith(suffix) and len(full) - len(suffix) >= 2:
            short = full[: -len(suffix)]
            break
    return tuple(dict.fromkeys([full, short]))
