"""The one importer. The `import_releases` command and the admin upload both call `import_file`.

It parses first (pure ingest code, nothing stored), then saves the release, its original bytes, sections
and figures in one transaction, and only after that transaction commits asks the search index to take the
release. Bytes we already hold (same sha256) create nothing.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from reports import outbox, provenance
from reports.clean import clean_filename
from reports.fetch.fetcher import Fetched, FetchError, RobotsCache, fetch
from reports.fetch.gone import soft_404
from reports.ingest.indicators import IndicatorDef
from reports.ingest.pipeline import Hints, parse_release
from reports.ingest.text import normal_view
from reports.ingest.topics import TopicDef
from reports.ingest.types import CityRef, IngestError, ParsedRelease, PartialDate
from reports.models import City, Indicator, Metric, OriginalFile, Release, Section, Topic, set_period_kinds

log = logging.getLogger(__name__)


@dataclass
class ImportOutcome:
    filename: str
    status: str  # "created" | "duplicate" | "copy" | "version" | "error"
    release: Release | None = None
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.status != "error"


def topic_defs() -> list[TopicDef]:
    return [TopicDef(t.slug, tuple(t.keyword_list()), t.min_hits) for t in Topic.objects.all()]


def indicator_defs() -> list[IndicatorDef]:
    return [
        IndicatorDef(i.slug, i.agency, i.unit_kind, tuple(i.pattern_list()), i.priority)
        for i in Indicator.objects.order_by("id")
    ]


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_size(data: bytes) -> None:
    limit = settings.ARCHIVE_MAX_UPLOAD_BYTES
    if len(data) > limit:
        raise IngestError(f"is {size_text(len(data))}; the limit is {size_text(limit)}")


def size_text(size: int) -> str:
    return f"{size / 1048576:.1f} MB" if size >= 1048576 else f"{size / 1024:.0f} KB"


def preview(data: bytes, filename: str, hints: Hints | None = None) -> ParsedRelease:
    """What importing would store, without storing anything. Raises IngestError for bad input."""
    check_size(data)
    return parse_release(data, filename, hints, topic_defs(), indicator_defs())


def import_file(
    data: bytes, filename: str, *, hints: Hints | None = None, user=None, merge_reposts: bool = False
) -> ImportOutcome:
    """Import one file. `merge_reposts`: a file that is the same report as a release we hold (a mirror's
    altered copy, an excerpt) is kept as a copy of that release instead of a new one (issue 13)."""
    filename = clean_filename(filename)
    try:
        check_size(data)
        digest = sha256_of(data)
        existing = Release.objects.filter(sha256=digest).only("id", "title").first()
        if existing:
            return ImportOutcome(
                filename, "duplicate", existing, f"already archived as release {existing.pk}"
            )
        parsed = parse_release(data, filename, hints, topic_defs(), indicator_defs())
    except IngestError as exc:
        return ImportOutcome(filename, "error", message=str(exc))
    if merge_reposts:
        held = provenance.holder_of(digest)
        if held:
            return ImportOutcome(filename, "duplicate", held, f"already archived as release {held.pk}")
        match = provenance.find_canonical(parsed.text)
        if match is not None:
            canonical, verdict = match
            with transaction.atomic():
                provenance.add_copy(canonical, parsed, data, filename, digest, verdict)
            return ImportOutcome(
                filename, "copy", canonical, f"copy of release {canonical.pk} ({verdict.describe()})"
            )
    try:
        release = save_parsed(parsed, data, filename, digest, user)
    except IntegrityError:
        # Another import of the same bytes committed between our check and our insert.
        existing = Release.objects.filter(sha256=digest).first()
        if existing:
            return ImportOutcome(
                filename, "duplicate", existing, f"already archived as release {existing.pk}"
            )
        raise
    return ImportOutcome(filename, "created", release, f"{len(parsed.sections)} sections")


def get_city(ref: CityRef | None) -> City | None:
    if ref is None:
        return None
    found = (
        City.objects.filter(code=ref.code)
        if ref.code
        else City.objects.filter(name=ref.name, province=ref.province, code="")
    )
    city = found.first()
    if city:
        return city
    slug = ref.slug or slugify(ref.name_en or ref.code or ref.name, allow_unicode=True) or "city"
    if City.objects.filter(slug=slug).exists():
        slug = f"{slug}-{ref.code or City.objects.count() + 1}"
    return City.objects.create(
        name=ref.name,
        province=ref.province,
        code=ref.code,
        level=ref.level,
        name_as_written=ref.name_as_written,
        name_en=ref.name_en,
        slug=slug,
    )


@transaction.atomic
def save_parsed(parsed: ParsedRelease, data: bytes, filename: str, digest: str, user=None) -> Release:
    release = Release(
        original_filename=clean_filename(filename),
        sha256=digest,
        original_size=len(data),
        imported_by=user if getattr(user, "is_authenticated", False) else None,
    )
    apply_metadata(release, parsed)
    release.text = parsed.text
    release.script = parsed.script
    release.content_type = parsed.content_type
    release.parse_notes = parsed.notes
    release.save()
    OriginalFile.objects.create(release=release, data=data)
    store_sections(release, parsed)
    outbox.queue(release.pk)
    return release


def apply_metadata(release: Release, parsed: ParsedRelease) -> None:
    release.title = parsed.title
    release.city = get_city(parsed.city)
    release.outlet = parsed.outlet[:200]
    release.source_url = parsed.source_url[:1000]
    apply_dates(release, parsed)


def apply_dates(release: Release, parsed: ParsedRelease) -> None:
    """Each date with its precision, whether it was inferred, its basis and the words it was read from."""
    for name in ("published", "held"):
        date = getattr(parsed, f"{name}_on")
        setattr(release, f"{name}_on", date.as_date() if date else None)
        setattr(release, f"{name}_precision", date.precision if date else "unknown")
        setattr(release, f"{name}_inferred", bool(date and date.inferred))
        setattr(release, f"{name}_basis", date.basis if date else "")
        setattr(release, f"{name}_evidence", (date.evidence if date else "")[:100])


def section_row(release: Release, parsed_section) -> Section:
    """The unsaved Section row of a parsed section (store_sections, and bench/bulk_load.py in bulk)."""
    s = parsed_section
    return Section(
        release=release,
        order=s.order,
        heading=s.heading,
        agency=s.agency,
        agency_name=s.agency_name,
        text=s.text,
    )


def metric_row(section: Section, f, indicators: dict[str, int]) -> Metric:
    """The unsaved Metric row of a parsed figure; `indicators` maps indicator slugs to ids."""
    return Metric(
        section=section,
        text=f.text,
        start=f.start,
        end=f.end,
        value=f.value,
        unit=f.unit,
        qualifier=f.qualifier,
        is_change=f.is_change,
        direction=f.direction or "",
        basis=f.basis,
        subject=f.subject[:200],
        period=f.period[:40],
        period_start=f.period_start,
        period_end=f.period_end,
        period_basis=f.period_basis,
        from_value=f.from_value,
        indicator_id=indicators.get(f.indicator),
    )


def store_sections(release: Release, parsed: ParsedRelease, keep: dict | None = None) -> None:
    """Create the parsed sections and figures; `keep` carries editor corrections through a re-parse."""
    topics = {t.slug: t for t in Topic.objects.all()}
    indicators = dict(Indicator.objects.values_list("slug", "id"))
    sections = Section.objects.bulk_create([section_row(release, s) for s in parsed.sections])
    metrics = []
    for section, parsed_section in zip(sections, parsed.sections, strict=True):
        section.topics.set([topics[slug] for slug in parsed_section.topics if slug in topics])
        metrics.extend(metric_row(section, f, indicators) for f in parsed_section.figures)
    if keep:
        metrics = carry_over(sections, metrics, keep, release)
    Metric.objects.bulk_create(set_period_kinds(metrics))
    release.topics.set([topics[slug] for slug in parsed.topics if slug in topics])


def carry_over(sections: list[Section], metrics: list[Metric], keep: dict, release: Release) -> list[Metric]:
    """Re-apply what an editor corrected to freshly parsed sections (see `reparse`).

    Sections and figures are matched on their normalised view, so corrections made when the archive still
    stored folded text (212件 for ２１２件, 市法院: for 市法院：) find the text as published."""
    by_text = {section.text: section for section in sections}
    by_view = {normal_view(section.text).text: section for section in sections}
    for old in keep["sections"]:
        section = by_text.get(old["text"]) or by_view.get(normal_view(old["text"]).text)
        if section:
            Section.objects.filter(pk=section.pk).update(
                heading=old["heading"], agency=old["agency"], agency_name=old["agency_name"], edited=True
            )
    for old in keep["metrics"]:
        target = _locate(sections, old)
        if target is None:
            release.parse_notes.append(f"corrected figure {old['text']!r} is no longer in the text; dropped")
            continue
        section, start, end = target
        metrics = [m for m in metrics if not (m.section is section and m.start < end and start < m.end)]
        fields = {k: v for k, v in old.items() if k not in ("order", "start", "end", "text")}
        text = section.text[start:end]  # as published, which may differ from the old copy in width only
        metrics.append(Metric(section=section, text=text, start=start, end=end, corrected=True, **fields))
    return metrics


def _locate(sections: list[Section], old: dict):
    """The corrected figure's (section, start, end) in the new sections: same section and offset first, then
    the same text anywhere, then the same text in the normalised view (an old folded copy of the figure)."""
    text = old["text"]
    for section in sections:
        if section.order == old["order"] and section.text[old["start"] : old["end"]] == text:
            return section, old["start"], old["end"]
    for section in sections:
        position = section.text.find(text)
        if position >= 0:
            return section, position, position + len(text)
    wanted = normal_view(text).text
    if not wanted:
        return None
    ordered = sorted(sections, key=lambda s: s.order != old["order"])
    for section in ordered:
        view = normal_view(section.text)
        position = view.text.find(wanted)
        if position >= 0:
            return (section, *view.span(position, position + len(wanted)))
    return None


def _given(date: PartialDate | None) -> PartialDate | None:
    """A stored date an editor or the page's metadata gave, which a re-parse keeps; detected ones are redone."""
    return date if date and date.basis in ("editor", "metadata") else None


def reparse(release: Release) -> Release:
    """Parse the archived bytes again: new sections, figures and topics; editor corrections kept."""
    data = bytes(release.original.data)
    hints = Hints(
        title=release.title,
        city=city_ref(release.city),
        published_on=_given(release.published),
        held_on=_given(release.held),
        outlet=release.outlet,
        source_url=release.source_url,
    )
    parsed = parse_release(data, release.original_filename, hints, topic_defs(), indicator_defs())
    keep = {
        "sections": list(
            release.sections.filter(edited=True).values("text", "heading", "agency", "agency_name")
        ),
        "metrics": [
            dict(
                order=m.section.order,
                text=m.text,
                start=m.start,
                end=m.end,
                value=m.value,
                unit=m.unit,
                qualifier=m.qualifier,
                is_change=m.is_change,
                direction=m.direction,
                basis=m.basis,
                subject=m.subject,
                period=m.period,
                period_start=m.period_start,
                period_end=m.period_end,
                period_basis=m.period_basis,
                from_value=m.from_value,
                indicator_id=m.indicator_id,
            )
            for m in Metric.objects.filter(section__release=release, corrected=True).select_related("section")
        ],
    }
    with transaction.atomic():
        before = _content(release)
        release.sections.all().delete()
        release.title = (
            parsed.title
        )  # the hint, or the title line as published when they differ in width only
        release.text = parsed.text
        release.script = parsed.script
        release.parse_notes = parsed.notes
        apply_dates(release, parsed)  # detected dates are detected again; given ones come back as hints
        store_sections(release, parsed, keep)
        # updated_at is the release's public "updated" date (feeds, sitemap): a re-parse that finds what
        # was there (reparse_releases --all after a parser change) leaves it alone.
        if _content(release) != before:
            release.save()
        outbox.queue(release.pk)
    return release


def _content(release: Release) -> tuple:
    """What a re-parse can change, as comparable values: the release's own fields, its sections, their
    figures (by section order, not by id: the rows are made anew), its topics and its sections' topics."""
    skip = {"id", "updated_at", "created_at", "index_version"}
    fields = tuple(
        (f.attname, getattr(release, f.attname))
        for f in Release._meta.concrete_fields
        if f.attname not in skip
    )
    sections = tuple(
        tuple(sorted((k, v) for k, v in row.items() if k not in ("id", "release_id")))
        for row in Section.objects.filter(release=release).order_by("order").values()
    )
    metrics = tuple(
        tuple(sorted((k, str(v)) for k, v in row.items() if k not in ("id", "section_id")))
        for row in Metric.objects.filter(section__release=release)
        .order_by("section__order", "start", "end", "id")
        .values(*[f.attname for f in Metric._meta.concrete_fields], "section__order")
    )
    topics = tuple(sorted(release.topics.values_list("slug", flat=True)))
    section_topics = tuple(
        Section.topics.through.objects.filter(section__release=release)
        .order_by("section__order", "topic__slug")
        .values_list("section__order", "topic__slug")
    )
    return fields, sections, metrics, topics, section_topics


def city_ref(city: City | None) -> CityRef | None:
    if city is None:
        return None
    return CityRef(
        city.name,
        city.name_as_written or city.name,
        city.province,
        city.level,
        city.code,
        city.name_en,
        city.slug,
    )


# --- Archiving from the web (issue 13) -----------------------------------------------------------------------


def page_filename(fetched: Fetched) -> str:
    """A file name for a fetched page: its last path segment, with .html when the server says HTML."""
    name = fetched.final_url.split("?")[0].rstrip("/").rsplit("/", 1)[-1] or "index"
    if "html" in fetched.content_type.lower() and not name.lower().endswith((".html", ".htm", ".shtml")):
        name += ".html"
    return name[:255]


def import_url(url: str, *, user=None, policy=None, robots: RobotsCache | None = None) -> ImportOutcome:
    """Fetch a page and import it: created, duplicate, copy (of release N), version (of release N) or error."""
    try:
        fetched = fetch(url, policy or provenance.fetch_policy(), robots)
    except FetchError as exc:
        return ImportOutcome(url, "error", message=str(exc))
    return import_fetched(fetched, user=user)


def read_page(fetched: Fetched):
    """(parsed release, sha256) of a fetched page, or raises IngestError saying why it is not an article."""
    if fetched.status != 200:
        raise IngestError(f"HTTP {fetched.status} from {fetched.final_url}")
    check_size(fetched.body)
    hints = Hints(source_url=fetched.url[:1000])
    try:
        parsed = parse_release(fetched.body, page_filename(fetched), hints, topic_defs())
    except IngestError as exc:
        raise IngestError(f"not an article: {exc}") from exc
    phrase = soft_404(parsed.title + "\n" + parsed.text)
    if phrase:
        raise IngestError(f"not an article: the page says {phrase}")
    return parsed, sha256_of(fetched.body)


HOME_PATHS = {"", "/", "/index.html", "/index.htm", "/index.shtml", "/index.php", "/default.html"}


def redirected_home(fetched: Fetched) -> bool:
    """A removed article often redirects to the site's home page, which must not be archived as the article."""
    return (
        fetched.redirected
        and urlsplit(fetched.final_url).path in HOME_PATHS
        and urlsplit(fetched.url).path not in HOME_PATHS
    )


def import_fetched(fetched: Fetched, *, user=None) -> ImportOutcome:
    url = fetched.url
    if redirected_home(fetched):
        return ImportOutcome(
            url, "error", message=f"not an article: redirected to the home page {fetched.final_url}"
        )
    try:
        parsed, digest = read_page(fetched)
    except IngestError as exc:
        return ImportOutcome(url, "error", message=str(exc))
    holder = provenance.holder_of(digest)
    if holder:
        return ImportOutcome(url, "duplicate", holder, f"already archived as release {holder.pk}")
    filename = page_filename(fetched)
    same_source = provenance.release_for_source(fetched.url, fetched.final_url)
    if same_source is not None:
        if provenance.same_text(same_source.text, parsed.text):
            return ImportOutcome(url, "duplicate", same_source, f"unchanged; release {same_source.pk}")
        with transaction.atomic():
            replace_content(same_source, parsed, fetched.body, filename, digest)
            provenance.record_capture(same_source, fetched)
        return ImportOutcome(url, "version", same_source, f"new version of release {same_source.pk}")
    match = provenance.find_canonical(parsed.text)
    if match is not None:
        canonical, verdict = match
        with transaction.atomic():
            copy = provenance.add_copy(canonical, parsed, fetched.body, filename, digest, verdict)
            provenance.record_capture(canonical, fetched, copy)
        return ImportOutcome(url, "copy", canonical, f"copy of release {canonical.pk} ({verdict.describe()})")
    with transaction.atomic():
        release = save_parsed(parsed, fetched.body, filename, digest, user)
        provenance.record_capture(release, fetched)
        provenance.watch(release, fetched.url)
        provenance.fingerprint(release)
    return ImportOutcome(url, "created", release, f"{len(parsed.sections)} sections")


def replace_content(
    release: Release, parsed: ParsedRelease, data: bytes, filename: str, digest: str
) -> Release:
    """The source changed: keep the current content as a version, make the new one current, parse again."""
    with transaction.atomic():
        provenance.keep_version(release)
        release.sha256 = digest
        release.title = parsed.title
        release.original_filename = filename[:255]
        release.content_type = parsed.content_type
        release.original_size = len(data)
        release.save()
        OriginalFile.objects.filter(release=release).update(data=data)
        release.refresh_from_db()
        reparse(release)
        provenance.keep_version(release)
        provenance.fingerprint(release)
    return release


def merge_as_copy(release: Release, canonical: Release):
    """An editor merges a missed repost: `release` becomes a copy of `canonical` and leaves the index."""
    gone_id = release.pk
    with transaction.atomic():
        copy = provenance.merge_into(release, canonical)
        outbox.queue_delete(gone_id)
    return copy
