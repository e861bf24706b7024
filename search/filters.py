"""What a search can be narrowed by, defined once: each release filter's name, where a release's values come
from, and how a value typed by a person (沈阳, 瀋陽, shenyang; 电诈) becomes a stored one.

Both backends read FILTERS and never name a field: Whoosh keeps each value as a bitset of releases per index
generation, PostgreSQL keeps a release's values in one `facets text[]` column ('city=shenyang') under a GIN
index. Facet counts come back as {filter name: {value: releases}}; the page layer labels them
(reports/browse/facets.py). Adding a release filter, say the site a release was published on, is:

1. a `Filter` below (name, `read`, `resolve`);
2. its title in the page layer (`FACET_TITLES` in reports/browse/facets.py);
3. optionally, the names researchers type for it in the query language (`FILTER_NAMES` in
   search/query_names.py; the parser's messages list them from there).

Then `rebuild_index`. Two filters are not release filters and stay apart: the agency (a section's, so
`知识产权 agency:court` matches on the court's sections) and the date range (`from:`/`to:`, on the release's
sort date, which both backends also sort by).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.db.models import Q

from reports.ingest.gazetteer import lookup
from reports.models import City, Release, Topic
from search.analysis import normalize_term


@dataclass(frozen=True)
class Filter:
    name: str  # URL parameter, facet name, API key and query-language name
    read: Callable[[Release], Iterable[str]]  # a release's values (its city and topics are loaded)
    # Values typed by people -> stored values, one for one, in order ("unknown:…" where none): the page layer
    # pairs each URL value with its resolution to offer removing it.
    resolve: Callable[[list[str]], list[str]]


def resolve_cities(values: list[str]) -> list[str]:
    slugs = []
    for value in values:
        value = value.strip()
        norm = normalize_term(value)
        city = City.objects.filter(
            Q(slug=value.lower())
            | Q(name=norm)
            | Q(name_as_written=value)
            | Q(name=norm + "市")
            | Q(name_en__iexact=value)
            | Q(code=value)
        ).first()
        if city is None:
            ref = lookup(value)
            city = City.objects.filter(code=ref.code).first() if ref and ref.code else None
        slugs.append(city.slug if city else f"unknown:{norm}")
    return slugs


def resolve_provinces(values: list[str]) -> list[str]:
    out = []
    for value in values:
        norm = normalize_term(value)
        match = City.objects.filter(province__startswith=norm).values_list("province", flat=True).first()
        out.append(match or norm)
    return out


def resolve_topics(values: list[str]) -> list[str]:
    slugs = []
    for value in values:
        norm = normalize_term(value)
        topic = Topic.objects.filter(Q(slug=value.lower()) | Q(name=norm) | Q(name_en__iexact=value)).first()
        if topic is None:  # a signal word (电诈) names its topic too
            topic = next((t for t in Topic.objects.all() if norm in t.keyword_list()), None)
        slugs.append(topic.slug if topic else f"unknown:{norm}")
    return slugs


def resolve_years(values: list[str]) -> list[str]:
    out = []
    for value in values:
        value = normalize_term(str(value))
        out.append(str(int(value)) if value.isdigit() and len(value) <= 4 else f"unknown:{value}")
    return out


FILTERS: tuple[Filter, ...] = (
    Filter("city", lambda r: [r.city.slug] if r.city else [], resolve_cities),
    Filter("province", lambda r: [r.city.province] if r.city and r.city.province else [], resolve_provinces),
    Filter("topic", lambda r: [t.slug for t in r.topics.all()], resolve_topics),
    Filter("year", lambda r: [str(r.sort_date.year)] if r.sort_date else [], resolve_years),
)
BY_NAME = {f.name: f for f in FILTERS}
NAMES = tuple(BY_NAME)
AGENCY = "agency"  # the section filter; counted as a facet too
FACETS = (*NAMES, AGENCY)


@dataclass(frozen=True)
class ReleaseFacts:
    release_id: int
    date: dt.date | None  # the sort date: the date-range filter and date order
    values: dict[str, tuple[str, ...]]  # filter name -> the release's values

    def terms(self) -> list[str]:
        """'name=value' of every value: what PostgreSQL stores and matches with `&&`."""
        return [term(name, v) for name, values in self.values.items() for v in values]


def term(name: str, value: str) -> str:
    return f"{name}={value}"


def facts_of(release: Release) -> ReleaseFacts:
    values = {f.name: tuple(dict.fromkeys(v for v in f.read(release) if v)) for f in FILTERS}
    return ReleaseFacts(release.pk, release.sort_date, values)


def releases_for_facts(*fields: str):
    """The release query every `read` may rely on (city joined, topics prefetched, no text), with `fields`."""
    return (
        Release.objects.select_related("city")
        .prefetch_related("topics")
        .only("id", "sort_date", "city__slug", "city__province", *fields)
    )


def release_facts(release_ids=None, chunk: int = 2000) -> Iterator[ReleaseFacts]:
    """Facts of the given releases (None: every release), a few queries per chunk."""
    if release_ids is None:
        release_ids = Release.objects.order_by("pk").values_list("pk", flat=True)
    ids = list(release_ids)
    for i in range(0, len(ids), chunk):
        for release in releases_for_facts().filter(pk__in=ids[i : i + chunk]):
            yield facts_of(release)


def resolve(name: str, values: list[str]) -> list[str]:
    return BY_NAME[name].resolve(values) if values else []
