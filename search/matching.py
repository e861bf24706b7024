"""What matches: the matching strategy, a named setting, applied the same way to both backends.

A query's top-level words are its concepts (a word with its synonyms, a number with its other spellings,
an OR group: each one concept). ``all`` matches releases holding every concept. ``most`` (the default, like
Meilisearch's matchingStrategy "last" or Elasticsearch's minimum_should_match) starts the same way and,
when that finds fewer than a page of releases, lets releases holding most of the concepts follow, each with
the words it lacks (shown as 未包含：…). ``+词`` and quoted phrases are required in every tier; exclusions
and filters stay strict.

The backend answers what only it can: candidates with their scores (``search``) and which candidates hold
which concept (``release_sets``). search.ranking then orders them, so both backends order alike.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from search import ranking
from search.query import And, Not, ParsedQuery, Phrase, Word, render
from search.request import BackendResult, Hit, SearchRequest
from search.synonyms import AllOf, AnyOf, Exclude, QNode, SynonymTable, expand_node

STRATEGIES = ("all", "most")
MATCHING_STRATEGY = "most"
# Candidates ranked by the shared rules: the first pages of results. Deeper pages take the backend's order
# (nobody compares page 6 across backends), which keeps the per-query work bounded whatever the archive size.
CANDIDATES = 100


@dataclass(frozen=True)
class Concept:
    label: str  # as typed, for 未包含：…
    node: QNode
    required: bool


@dataclass
class Matched:
    found: BackendResult
    missing: dict[int, list[str]] = field(default_factory=dict)  # release id -> labels it lacks
    relaxed: bool = False  # results holding only some concepts are on offer


def query_concepts(parsed: ParsedQuery, synonyms: SynonymTable | None) -> list[Concept]:
    root = parsed.root
    children = root.children if isinstance(root, And) else (root,) if root is not None else ()
    out = []
    for child in children:
        if isinstance(child, Not):
            continue
        node = expand_node(child, synonyms)
        if node is None:
            continue
        required = isinstance(child, Phrase) or (isinstance(child, Word) and child.required)
        out.append(Concept(render(child), node, required))
    return out


def _excluded(parsed: ParsedQuery, synonyms: SynonymTable | None) -> list[QNode]:
    root = parsed.root
    children = root.children if isinstance(root, And) else (root,) if root is not None else ()
    out = []
    for child in children:
        if isinstance(child, Not):
            node = expand_node(child, synonyms)
            if node is not None:
                out.append(node)
    return out


def relaxed_node(concepts: list[Concept], excluded: list[QNode]) -> QNode:
    """Every required concept, at least one of the others, none of the exclusions."""
    optional = [c.node for c in concepts if not c.required]
    parts: list[QNode] = [c.node for c in concepts if c.required]
    if optional:
        parts.append(optional[0] if len(optional) == 1 else AnyOf(tuple(optional)))
    parts += [n if isinstance(n, Exclude) else Exclude(n) for n in excluded]
    return parts[0] if len(parts) == 1 else AllOf(tuple(parts))


def _nears(node: QNode) -> list:
    """The in-order sequences of compounds typed as one word (their parts may stand apart to match)."""
    if isinstance(node, AllOf):
        return [node.near] if node.near is not None else []
    if isinstance(node, AnyOf):
        return [n for child in node.children for n in _nears(child)]
    return []


def search(
    backend,
    request: SearchRequest,
    parsed: ParsedQuery,
    synonyms: SynonymTable | None,
    strategy: str | None = None,
) -> Matched:
    strategy = strategy or MATCHING_STRATEGY
    concepts = query_concepts(parsed, synonyms)
    start, end = (request.page - 1) * request.per_page, request.page * request.per_page
    if request.sort != "relevance" or not concepts or end > CANDIDATES:
        return Matched(backend.search(request))
    nears = [seq for c in concepts for seq in _nears(c.node)]
    relaxable = strategy == "most" and len(concepts) > 1 and any(not c.required for c in concepts)
    if not nears:
        # Nothing for the shared rules to reorder among strict matches (they all hold every concept):
        # the page as asked, and the candidate pool only when a relaxed tier must fill it. Measured: asking
        # every query for 100 candidates doubled the Whoosh p95 of phrase queries at 2,000 releases.
        first = backend.search(request)
        if not relaxable or first.total >= request.per_page:
            return Matched(first)
    found = (
        first
        if not nears and request.page == 1
        else backend.search(replace(request, page=1, per_page=CANDIDATES))
    )
    hits = list(found.hits)
    total, facets, sections = found.total, found.facets, dict(found.matched_sections)
    relaxed = False
    if relaxable and found.total < request.per_page:
        node = relaxed_node(concepts, _excluded(parsed, synonyms))
        wide = backend.search(replace(request, node=node, page=1, per_page=CANDIDATES))
        if wide.total > found.total:
            relaxed = True
            seen = {h.release_id for h in hits}
            hits += [h for h in wide.hits if h.release_id not in seen]
            # The relaxed tier offers its best CANDIDATES releases: every page of them is ranked here,
            # so the count says so (the facets still count every release holding some concept).
            total, facets = len(hits), wide.facets
            sections = {**wide.matched_sections, **sections}
    ids = [h.release_id for h in hits]
    # Strict results hold every concept by definition: only a relaxed tier needs asking who holds what.
    asked = [c.node for c in concepts] if relaxed else []
    sets = backend.release_sets(request, asked + nears, ids) if (asked or nears) and ids else []
    concept_sets, near_sets = sets[: len(asked)], sets[len(asked) :]
    # How rare each concept is among the candidates (a bounded pool: no per-query work over the archive).
    pool = len(ids)
    rarity = [math.log((1 + pool) / (1 + len(s))) for s in concept_sets]
    candidates = []
    for hit in hits:
        rid = hit.release_id
        held = [rid in s for s in concept_sets] if concept_sets else [True] * len(concepts)
        candidates.append(
            ranking.Candidate(
                release_id=rid,
                section_id=hit.section_id,
                score=hit.score,
                concepts=sum(held),
                rarity=sum(r for r, h in zip(rarity, held, strict=False) if h),
                required=all(h for h, c in zip(held, concepts, strict=True) if c.required),
                near=sum(rid in s for s in near_sets),
                missing=[c.label for h, c in zip(held, concepts, strict=True) if not h],
            )
        )
    ranked = ranking.rank(candidates)[start:end]
    page_hits = [Hit(c.release_id, c.section_id, c.score) for c in ranked]
    page_sections = {c.release_id: sections.get(c.release_id, [c.section_id]) for c in ranked}
    result = BackendResult(total, page_hits, facets, page_sections)
    return Matched(result, {c.release_id: c.missing for c in ranked if c.missing}, relaxed)
