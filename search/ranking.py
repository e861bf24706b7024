"""How results rank, in one place, for both backends: an ordered list of small rules.

A backend supplies candidates (each release's best section and its BM25-style score) and, through
search.matching, which query concepts each candidate holds. The rules below then decide the order, the same
way whichever backend answered (Meilisearch's ranking rules: sort into buckets by the first rule, break ties
with the next). Reordering the rules is a one-line change to RULES.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from search.analysis import Seq
from search.synonyms import AllOf, AnyOf, Exclude


@dataclass
class Candidate:
    release_id: int
    section_id: int
    score: float  # the backend's relevance score (BM25 in Whoosh, ts_rank in PostgreSQL)
    concepts: int = 0  # query concepts the release holds; a synonym group or a number counts once
    required: bool = True  # every +word and quoted phrase is held
    rarity: float = 0.0  # how informative the held concepts are: sum of log(pool / holders) over them
    near: int = 0  # compound words found with their parts in the typed order
    missing: list[str] = field(default_factory=list)  # the typed words the release does not hold


def concepts_held(c: Candidate) -> int:
    """1. A release holding more of what was asked comes first (relaxed matching fills the page after)."""
    return c.concepts


def required_met(c: Candidate) -> int:
    """2. +words and phrases: satisfied before anything else counts (the relaxed tier never breaks them)."""
    return int(c.required)


def rare_concepts(c: Candidate) -> float:
    """3. Of two releases holding as many concepts, the one holding the rarer ones (the city, the campaign)
    beats the one holding the common ones (2024, 通报会): Meilisearch's "frequency" strategy as a rule."""
    return round(c.rarity, 6)


def proximity(c: Candidate) -> int:
    """4. A compound the dictionary lacks (知识产权保护): its parts in the typed order beat parts apart."""
    return c.near


def relevance(c: Candidate) -> float:
    """5. The backend's score breaks the remaining ties."""
    return round(c.score, 6)


# --- what a backend computes per section (the scores the last rule compares) ---------------------------------
# Both backends score a section the same way: BM25 of each searched word (Whoosh computes it from its
# postings, PostgreSQL approximates it with ts_rank over a small ranking vector), summed over the query's
# sequences (search.request.scored_seqs: the in-order sequence of a compound is rule 4's, not a score), then
# multiplied by ALL_WORDS_FACTOR when the section by itself holds the whole query (`holds_whole_query`): of
# two releases that both hold the words, the one saying them together in one section (one agency's
# paragraph on 电诈 and 返还) is about the query; the other mentions them apart. The release's score is its
# best section's. For a query of one concept every carrying section holds it, so the factor changes no order.
ALL_WORDS_FACTOR = 3.0
BM25_K1, BM25_B = 1.2, 0.75


def section_score(parts: float, whole: bool) -> float:
    """A section's score from the summed scores of the words it holds (`parts`), given whether it holds
    the whole query by itself (`holds_whole_query`)."""
    return parts * ALL_WORDS_FACTOR if whole else parts


def holds_whole_query(node, leaf, every, either):
    """The bonus's test, folded over the query: `leaf(seq)` for each sequence, `every(parts)` for an AND,
    `either(parts)` for an OR. Exclusions are left out (they decide which sections are in play, not what a
    section holds). Each backend supplies the three for its own representation: Whoosh tests one section's
    bits, PostgreSQL writes SQL over the section's word bits. Returns None when nothing is left to test."""
    if node is None or isinstance(node, Exclude):
        return None
    if isinstance(node, Seq):
        return leaf(node)
    parts = [p for p in (holds_whole_query(c, leaf, every, either) for c in node.children) if p is not None]
    if not parts:
        return None
    if isinstance(node, AnyOf):
        return either(parts)
    assert isinstance(node, AllOf)
    return every(parts)


RULES = (concepts_held, required_met, rare_concepts, proximity, relevance)


def sort_key(c: Candidate) -> tuple:
    # Ties after every rule: the newer release (larger id) first, the same on both backends.
    return (*(rule(c) for rule in RULES), c.release_id)


def rank(candidates: list[Candidate]) -> list[Candidate]:
    return sorted(candidates, key=sort_key, reverse=True)
