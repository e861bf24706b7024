"""What the index holds for each section, read from the database in one pass per batch."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from reports.ingest import agencies
from reports.models import Metric, Release, Section
from search.numbers import index_tokens

# Words a researcher types for each agency, so `法院 知识产权` prefers the court's section.
AGENCY_WORDS = {slug: "" if slug == agencies.OTHER else agencies.SHORT_NAMES[slug] for slug in agencies.SLUGS}


@dataclass(frozen=True)
class SectionDoc:
    section_id: int
    release_id: int
    order: int
    agency: str
    heading: str  # the section's heading, agency as written and agency label: what the section is about
    text: str  # original script; the analyzer converts, highlighting uses these offsets
    title: str
    city: str  # city slug ("" when unknown)
    province: str
    topics: tuple[str, ...]  # the section's topics and its release's
    date: dt.date | None
    version: str  # release.index_version; check_index compares it with the database
    # Tokens for the section's figures (from its Metric rows) and the release's year: search.numbers.
    # Indexed after the text by both backends, never displayed.
    numbers: str = ""

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None


def release_version(release: Release) -> str:
    return str(release.index_version)


def section_documents(release_ids: Iterable[int], chunk: int = 200) -> Iterator[SectionDoc]:
    ids = list(release_ids)
    for i in range(0, len(ids), chunk):
        releases = (
            Release.objects.filter(pk__in=ids[i : i + chunk])
            .select_related("city")
            .prefetch_related("topics")
            .only("id", "title", "sort_date", "index_version", "city__slug", "city__province")
        )
        by_id = {r.pk: r for r in releases}
        figures: dict[int, list] = {}
        for sid, value, unit in Metric.objects.filter(section__release_id__in=by_id).values_list(
            "section_id", "value", "unit"
        ):
            figures.setdefault(sid, []).append((value, unit))
        sections = (
            Section.objects.filter(release_id__in=by_id)
            .prefetch_related("topics")
            .only("id", "release_id", "order", "agency", "agency_name", "heading", "text")
            .order_by("release_id", "order")
        )
        for section in sections:
            release = by_id[section.release_id]
            topics = {t.slug for t in section.topics.all()} | {t.slug for t in release.topics.all()}
            yield SectionDoc(
                section_id=section.pk,
                release_id=release.pk,
                order=section.order,
                agency=section.agency,
                heading=" ".join(
                    filter(None, [section.heading, section.agency_name, AGENCY_WORDS[section.agency]])
                ),
                text=section.text,
                title=release.title,
                city=release.city.slug if release.city else "",
                province=release.city.province if release.city else "",
                topics=tuple(sorted(topics)),
                date=release.sort_date,
                version=release_version(release),
                numbers=index_tokens(
                    figures.get(section.pk, ()), release.sort_date.year if release.sort_date else None
                ),
            )
