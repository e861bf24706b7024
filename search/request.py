"""What a backend is asked and what it answers: plain data shared by both backends.

Matching is decided per release: a release matches `电诈 扫黑` when its sections between them contain both
words, as a researcher expects of "a release that speaks of both". Exclusions and the agency filter work
per section: `知识产权 -法院` drops the sections that mention 法院 and matches on the rest (a release almost
always mentions the courts somewhere; excluding whole releases would exclude everything). Ranking scores
sections and shows each release once, with its best section.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from search.analysis import Seq
from search.synonyms import AllOf, AnyOf, Exclude, QNode

SORTS = ("relevance", "newest", "oldest")
# A phrase of three or more words is found through its word pairs (an index lookup). Three words can hold
# every pair without forming the phrase, so when the pairs occur in at most this many sections, both
# backends check the candidates' positions; above it the check would read thousands of sections and the
# pairs decide (a common phrase's candidates are nearly all true phrases).
VERIFY_LIMIT = 300


class IndexUnavailable(Exception):
    """The index is missing or cannot be read; the message says which and what to do."""


@dataclass
class SearchRequest:
    node: QNode | None  # None: no words, only filters (browse)
    # Release filters (search/filters.py) by name, stored values: {"city": ["shenyang"], "year": ["2024"]}.
    # Several values of one filter: any of them; several filters: all of them.
    filters: dict[str, list[str]] = field(default_factory=dict)
    agencies: list[str] = field(default_factory=list)  # the section filter
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20


@dataclass
class Hit:
    release_id: int
    section_id: int
    score: float


@dataclass
class BackendResult:
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]
    # Sections of each release on the page that matched, for picking a best section when sorting by date.
    matched_sections: dict[int, list[int]] = field(default_factory=dict)


def positive_seqs(node: QNode | None) -> list[Seq]:
    """Every sequence a matching section may contain (not the excluded ones): what scoring ORs together."""
    out: list[Seq] = []

    def walk(n, excluded):
        if isinstance(n, Seq):
            if not excluded:
                out.append(n)
        elif isinstance(n, Exclude):
            walk(n.child, True)
        elif isinstance(n, (AllOf, AnyOf)):
            for child in n.children:
                walk(child, excluded)
            if isinstance(n, AllOf) and n.near is not None and not excluded:
                out.append(n.near)

    walk(node, False)
    return list(dict.fromkeys(out))


def scored_seqs(node: QNode | None) -> list[Seq]:
    """The sequences whose word scores a section's score sums (search.ranking): the positive ones without
    a compound's in-order sequence, which ranks through its own rule (proximity), not as a score."""
    nears: set[Seq] = set()
    children: set[Seq] = set()  # sequences the query asks for as such (a quoted phrase may equal a near)

    def walk(n):
        if isinstance(n, AllOf) and n.near is not None:
            nears.add(n.near)
        if isinstance(n, (AllOf, AnyOf)):
            for child in n.children:
                if isinstance(child, Seq):
                    children.add(child)
                walk(child)

    walk(node)
    if isinstance(node, Seq):
        children.add(node)
    return [seq for seq in positive_seqs(node) if seq not in nears or seq in children]


def excluded_seqs(node: QNode | None) -> list[Seq]:
    out: list[Seq] = []

    def walk(n, excluded):
        if isinstance(n, Seq):
            if excluded:
                out.append(n)
        elif isinstance(n, Exclude):
            walk(n.child, True)
        elif isinstance(n, (AllOf, AnyOf)):
            for child in n.children:
                walk(child, excluded)

    walk(node, False)
    return list(dict.fromkeys(out))
