"""Topics of a section or release, from the words that signal them (editable data kept in the database)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reports.ingest.text import to_simplified


@dataclass(frozen=True)
class TopicDef:
    slug: str
    keywords: tuple[str, ...]
    min_hits: int = 1


class TopicMatcher:
    """One regex over every keyword of every topic: a section is scanned once, not once per word."""

    def __init__(self, topics: list[TopicDef]):
        self.topics = topics
        self.owner: dict[str, list[str]] = {}
        for topic in topics:
            for word in topic.keywords:
                word = to_simplified(word.strip())
                if word:
                    self.owner.setdefault(word, []).append(topic.slug)
        words = sorted(self.owner, key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, words))) if words else None
        self.min_hits = {t.slug: max(1, t.min_hits) for t in topics}

    def counts(self, simplified: str) -> dict[str, int]:
        hits: dict[str, int] = {}
        if self.pattern is None:
            return hits
        for match in self.pattern.finditer(simplified):
            for slug in self.owner[match.group()]:
                hits[slug] = hits.get(slug, 0) + 1
        return hits

    def assign(self, simplified: str) -> list[str]:
        counts = self.counts(simplified)
        return sorted(slug for slug, n in counts.items() if n >= self.min_hits[slug])
