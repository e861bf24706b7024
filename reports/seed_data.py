"""Seed data shipped with the code: the starting topic list (editors extend it in the admin)."""

import json
from pathlib import Path

from reports.ingest.text import to_traditional

TOPICS_FILE = Path(__file__).resolve().parent / "data" / "topics.json"


def load_topics(Topic) -> int:
    """Create the shipped topics that are missing; never overwrite an editor's changes."""
    created = 0
    for item in json.loads(TOPICS_FILE.read_text(encoding="utf-8")):
        _, made = Topic.objects.get_or_create(
            slug=item["slug"],
            defaults={
                "name": item["name"],
                "name_traditional": to_traditional(item["name"]),
                "name_en": item.get("name_en", ""),
                "keywords": "\n".join(item["keywords"]),
                "min_hits": item.get("min_hits", 1),
            },
        )
        created += made
    return created


INDICATORS_FILE = Path(__file__).resolve().parent / "data" / "indicators.json"


def load_indicators(Indicator) -> int:
    """Create the shipped indicators that are missing; never overwrite an editor's changes."""
    created = 0
    for item in json.loads(INDICATORS_FILE.read_text(encoding="utf-8")):
        _, made = Indicator.objects.get_or_create(
            slug=item["slug"],
            defaults={
                "name": item["name"],
                "name_traditional": to_traditional(item["name"]),
                "name_en": item.get("name_en", ""),
                "agency": item["agency"],
                "unit_kind": item["unit_kind"],
                "priority": item.get("priority", 0),
                "patterns": "\n".join(item["patterns"]),
            },
        )
        created += made
    return created
