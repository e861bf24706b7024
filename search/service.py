"""From a query string and URL filters to a page of grouped results: shared by /search/ and /api/search/.

Parses (search.query), expands synonyms from the editable table, resolves filter values typed by people
(沈阳, 瀋陽, shenyang; 法院; 电诈) to slugs, asks the configured backend, then loads the page's releases and
sections in two queries and builds escaped, marked snippets. A broken index never raises from here: the
page says the index is unavailable.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.db.models import Count, Max, Q

from reports.models import Agency, Metric, Release, ReleaseCopy, Section
from search import filters as search_filters
from search import matching
from search.backends import get_backend
from search.filters import FACETS
from search.highlight import count_hits, marked_terms, snippet
from search.models import SynonymGroup
from search.numbers import query_figure, same_units
from search.query import ParsedQuery, Phrase, Word, parse_query
from search.query_filters import parse_period
from search.query_messages import QueryMessage
from search.request import SORTS, BackendResult, IndexUnavailable, SearchRequest
from search.synonyms import SynonymTable, expand_query

log = logging.getLogger(__name__)
PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_PAGE = 500


@dataclass
class Result:
    release: Release
    section: Section
    score: float
    snippet: str
    missing: list[str] = field(default_factory=list)  # query words this release lacks (relaxed matching)

    def as_dict(self) -> dict:
        # published_on is the publication date only; a release known by its conference gives held_on.
        published, held = self.release.published, self.release.held
        return {
            "release_id": self.release.pk,
            "section_id": self.section.pk,
            "title": self.release.title,
            "city": self.release.city.name if self.release.city else None,
            "agency": self.section.agency,
            "published_on": published.iso() if published else None,
            "held_on": held.iso() if held else None,
            "score": round(self.score, 4),
            "snippet": str(self.snippet),
            "agency_name": self.section.agency_name,
            "missing": list(self.missing),
        }


@dataclass
class SearchPage:
    query: str
    parsed: ParsedQuery
    sort: str
    page: int
    per_page: int
    total: int = 0
    results: list[Result] = field(default_factory=list)
    facets: dict[str, dict[str, int]] = field(default_factory=lambda: {name: {} for name in FACETS})
    messages: list[QueryMessage] = field(default_factory=list)
    suggestion: str = ""
    error: str = ""
    active: dict[str, list[str]] = field(default_factory=dict)
    relaxed: bool = False  # some results hold only part of the query (each says what it lacks)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    def as_dict(self, lang: str = "zh") -> dict:
        return {
            "query": self.query,
            "total": self.total,
            "page": self.page,
            "results": [r.as_dict() for r in self.results],
            "facets": self.facets,
            "sort": self.sort,
            "per_page": self.per_page,
            "pages": self.pages,
            "filters": self.active,
            "messages": [m.as_dict() for m in self.messages],
            "suggestion": self.suggestion or None,
            "error": self.error or None,
            "relaxed": self.relaxed,
        }


# --- synonyms from the database ----------------------------------------------------------------------------

_synonym_cache: dict = {"key": None, "table": None}


def synonym_table() -> SynonymTable:
    """The admin-edited table; reparsed only when a row changed (one cheap query per search)."""
    stamp = SynonymGroup.objects.aggregate(latest=Max("updated_at"), top=Max("id"), count=Count("id"))
    key = (stamp["latest"], stamp["top"], stamp["count"])
    if _synonym_cache["key"] != key or _synonym_cache["table"] is None:
        lines = SynonymGroup.objects.values_list("line", flat=True)
        _synonym_cache["table"] = SynonymTable.parse("\n".join(lines)) if key[0] else SynonymTable.default()
        _synonym_cache["key"] = key
    return _synonym_cache["table"]


# --- filter values typed by people (search/filters.py resolves them) ---------------------------------------


def _date_param(raw: str, end: bool) -> dt.date | None:
    period = parse_period(raw) if raw else None
    return None if period is None else period[1 if end else 0]


# --- the search ---------------------------------------------------------------------------------------------


def run(q: str, params, page: int = 1, per_page: int = PER_PAGE, sort: str = "") -> SearchPage:
    parsed = parse_query(q or "")
    sort = sort if sort in SORTS else ("relevance" if parsed.has_positive_terms else "newest")
    page = min(max(1, page), MAX_PAGE)
    per_page = min(max(1, per_page), MAX_PER_PAGE)
    result_page = SearchPage(q or "", parsed, sort, page, per_page, messages=list(parsed.errors))
    filters = parsed.filters
    agencies = [*filters.agencies, *(a for a in params.getlist("agency") if a in Agency.values)]
    request = SearchRequest(
        node=None,
        # Query-text values first, then URL values: the page layer pairs each URL value with its resolution.
        filters={
            name: search_filters.resolve(name, [*filters.get(name), *params.getlist(name)])
            for name in search_filters.NAMES
        },
        agencies=sorted(set(agencies)),
        date_from=filters.date_from or _date_param(params.get("from", ""), end=False),
        date_to=filters.date_to or _date_param(params.get("to", ""), end=True),
        sort=sort,
        page=page,
        per_page=per_page,
    )
    result_page.active = {
        **request.filters,
        "agency": request.agencies,
        "from": [request.date_from.isoformat()] if request.date_from else [],
        "to": [request.date_to.isoformat()] if request.date_to else [],
    }
    synonyms = synonym_table()
    request.node = expand_query(parsed, synonyms)
    if (
        request.node is None
        and not parsed.has_positive_terms
        and parsed.filters.is_empty()
        and not any(result_page.active.values())
    ):
        return result_page  # nothing asked: an empty page with the parser's message
    backend = get_backend()
    try:
        matched = matching.search(backend, request, parsed, synonyms)
        last = max(1, -(-matched.found.total // per_page))
        if page > last:  # past the last page: show the last one (one more backend query, only then)
            request.page = result_page.page = last
            matched = matching.search(backend, request, parsed, synonyms)
    except IndexUnavailable as exc:
        log.warning("search unavailable: %s", exc)
        result_page.error = str(exc)
        return result_page
    found = matched.found
    result_page.relaxed = matched.relaxed
    terms = marked_terms(request.node)
    _fill(result_page, found, terms, request.sort, matched.missing, query_figures(parsed))
    if found.total == 0 and parsed.has_positive_terms:
        result_page.suggestion = _suggest(backend, parsed, request, synonyms)
    return result_page


def query_figures(parsed: ParsedQuery) -> list[tuple]:
    """(value, unit) of each figure typed as a word (47万人次): their spans are marked in snippets."""
    out = []
    for leaf in parsed.leaves():
        if isinstance(leaf, Word):
            figure = query_figure(leaf.text)
            if figure is not None:
                out.append(figure)
    return out


def figure_spans(section_ids, figures) -> dict[int, list[tuple[int, int]]]:
    """Spans of the sections' figures equal to a searched one, from the Metric rows (no re-parsing)."""
    spans: dict[int, list[tuple[int, int]]] = {}
    if not figures or not section_ids:
        return spans
    match = Q()
    for value, unit in figures:
        match |= Q(value=value, unit__in=same_units(unit))
    rows = Metric.objects.filter(match, section_id__in=list(section_ids)).values_list(
        "section_id", "start", "end"
    )
    for sid, start, end in rows:
        spans.setdefault(sid, []).append((start, end))
    return spans


def _fill(
    page: SearchPage,
    found: BackendResult,
    terms: set[str],
    sort: str,
    missing: dict | None = None,
    figures: list | None = None,
) -> None:
    page.total = found.total
    release_ids = [hit.release_id for hit in found.hits]
    # A result shows the title, city and dates; the full text (~10,000 characters) stays in the database.
    # copy_count: reposts merged into the release (issue 13), shown as "也见于 N 处转载"; a subquery, no extra query.
    releases = (
        Release.objects.select_related("city")
        .defer("text")
        .annotate(copy_count=ReleaseCopy.count_per_release())
        .in_bulk(release_ids)
    )
    section_ids = {hit.section_id for hit in found.hits}
    if sort != "relevance":
        for rid in release_ids:
            section_ids.update(found.matched_sections.get(rid, []))
    sections = Section.objects.in_bulk(section_ids)
    marked_figures = figure_spans(section_ids, figures)
    for hit in found.hits:
        release = releases.get(hit.release_id)
        section = sections.get(hit.section_id)
        if release is None or section is None:
            continue  # deleted since the index was written; the outbox will catch up
        if sort != "relevance":
            # Date order says nothing about which section matched best: take the one with most hits.
            candidates = [
                sections[s] for s in found.matched_sections.get(hit.release_id, []) if s in sections
            ]
            if candidates:
                section = max(candidates, key=lambda s: (count_hits(s.text, terms), -s.order))
        missed = (missing or {}).get(hit.release_id, [])
        text = snippet(section.text, terms, extra=marked_figures.get(section.pk, ()))
        page.results.append(Result(release, section, hit.score, text, missed))
    page.facets = found.facets  # counts; the page layer labels them (reports/browse/facets.py)


def _suggest(backend, parsed: ParsedQuery, request: SearchRequest, synonyms: SynonymTable) -> str:
    """Nothing matched: the query without its rarest term, or a synonym that does match."""
    leaves = parsed.leaves()

    def total_for(candidate: ParsedQuery) -> int:
        probe = SearchRequest(
            **{**request.__dict__, "node": expand_query(candidate, synonyms), "page": 1, "per_page": 1}
        )
        return backend.search(probe).total if probe.node is not None else 0

    if len(leaves) > 1:
        rarest = min(leaves, key=lambda leaf: total_for(parse_query(_leaf_text(leaf))))
        candidate = parsed.without(rarest)
        if total_for(candidate):
            return candidate.canonical()
    for leaf in leaves:
        for alternative in synonyms.alternatives(leaf.text):
            suggested = parsed.canonical().replace(leaf.text, alternative, 1)
            if suggested != parsed.canonical() and total_for(parse_query(suggested)):
                return suggested
    return ""


def _leaf_text(leaf) -> str:
    return f'"{leaf.text}"' if isinstance(leaf, Phrase) else leaf.text


def newest_release_ids(q: str, params, limit: int) -> list[int]:
    """The releases a query finds, newest first: what the ?q= feed lists (registered in SearchConfig.ready)."""
    found = run(q, params, per_page=limit, sort="newest")
    return [result.release.pk for result in found.results]
