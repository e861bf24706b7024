"""What the index holds for each section, read from the database in one pass per batch."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from reports.ingest import agencies
from reports.models import Metric, Release, Section
from search.filters import ReleaseFacts, facts_of, releases_for_facts
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
    facts: ReleaseFacts  # the release's filter values and sort date (search/filters.py)
    version: str  # release.index_version; check_index compares it with the database
    # Tokens for the section's figures (from its Metric rows) and the release's year: search.numbers.
    # Indexed after the text by both backends, never displayed.
    numbers: str = ""

    @property
    def date(self) -> dt.date | None:
        return self.facts.date


def release_version(release: Release) -> str:
    return str(release.index_version)


def section_documents(release_ids: Iterable[int], chunk: int = 200) -> Iterator[SectionDoc]:
    ids = list(release_ids)
    for i in range(0, len(ids), chunk):
        releases = releases_for_facts("title", "index_version").filter(pk__in=ids[i : i + chunk])
        by_id = {r.pk: r for r in releases}
        facts = {pk: facts_of(release) for pk, release in by_id.items()}
        figures: dict[int, list] = {}
        for sid, value, unit in Metric.objects.filter(section__release_id__in=by_id).values_list(
            "section_id", "value", "unit"
        ):
            figures.setdefault(sid, []).append((value, unit))
        sections = (
            Section.objects.filter(release_id__in=by_id)
            .only("id", "release_id", "order", "agency", "agency_name", "heading", "text")
            .order_by("release_id", "order")
        )
        for section in sections:
            release = by_id[section.release_id]
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
                facts=facts[release.pk],
                version=release_version(release),
                numbers=index_tokens(
                    figures.get(section.pk, ()), release.sort_date.year if release.sort_date else None
                ),
            )
