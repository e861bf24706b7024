"""Labelled figures: the hand-written golden paragraphs and the hand labels of the two seeds, and how to score
an extractor against them. Plain Python (no Django), shared by the tests and `bench/extraction.py`.

A figure counts as found when its span, value and unit all agree with a label.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from tests.seeds import seed_path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
GOLDEN_FIGURES = HERE / "golden" / "figures"
SEED_LABELS = HERE / "labels" / "seeds_figures.json"


@dataclass(frozen=True)
class Key:
    """What must agree for a figure to count: where it is, its value, its unit."""

    unit_of_text: str  # golden name, or seed name + paragraph index
    start: int
    end: int
    value: Decimal | None
    unit: str


@dataclass
class Score:
    expected: int = 0
    found: int = 0
    correct: int = 0

    def add(self, other: Score) -> None:
        self.expected += other.expected
        self.found += other.found
        self.correct += other.correct

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0


def golden_names() -> list[str]:
    return sorted(p.stem for p in GOLDEN_FIGURES.glob("*.txt"))


def golden_input(name: str) -> str:
    # The final newline is the file's, not the paragraph's.
    return (GOLDEN_FIGURES / f"{name}.txt").read_text(encoding="utf-8").removesuffix("\n")


def golden_expected(name: str) -> list[dict]:
    return json.loads((GOLDEN_FIGURES / f"{name}.json").read_text(encoding="utf-8"))


def _value(v) -> Decimal | None:
    return None if v is None else Decimal(str(v))


def key_of(unit_of_text: str, item: dict) -> Key:
    return Key(unit_of_text, item["start"], item["end"], _value(item["value"]), item["unit"])


# Added with periods and indicators (issue 12); the goldens were written before them and test what they
# always did. Periods and indicators have their own labelled set (labels/periods_indicators.json).
LATER_KEYS = ("period_start", "period_end", "period_basis", "from_value", "indicator")


def figure_dicts(figures) -> list[dict]:
    return [{k: v for k, v in f.to_dict().items() if k not in LATER_KEYS} for f in figures]


# Seeds: labels are anchored in the whole seed text; the extractor runs paragraph by paragraph.


def seed_names() -> list[str]:
    return sorted(json.loads(SEED_LABELS.read_text(encoding="utf-8")))


def seed_text(name: str) -> str:
    return seed_path(name).read_text(encoding="utf-8")


def seed_paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset in the whole text, paragraph) for each line."""
    out = []
    pos = 0
    for para in text.split("\n"):
        out.append((pos, para))
        pos += len(para) + 1
    return out


def seed_labels(name: str, text: str) -> list[dict]:
    """The labels of one seed, each with `paragraph`, `start`, `end` (paragraph-relative) resolved from its anchor."""
    labels = json.loads(SEED_LABELS.read_text(encoding="utf-8"))[name]
    paragraphs = seed_paragraphs(text)
    out = []
    for label in labels:
        anchor = label["anchor"]
        at = text.find(anchor)
        if at < 0 or text.find(anchor, at + 1) >= 0:
            raise ValueError(f"{name}: anchor {anchor!r} must occur exactly once")
        inner = anchor.find(label["text"])
        if inner < 0 or anchor.find(label["text"], inner + 1) >= 0:
            raise ValueError(f"{name}: {label['text']!r} must occur exactly once in its anchor {anchor!r}")
        start = at + inner
        index = max(i for i, (offset, _) in enumerate(paragraphs) if offset <= start)
        offset = paragraphs[index][0]
        out.append(
            {**label, "paragraph": index, "start": start - offset, "end": start - offset + len(label["text"])}
        )
    return out


def extract_seed(name: str, text: str, extract) -> list[dict]:
    out = []
    for index, (_, para) in enumerate(seed_paragraphs(text)):
        for item in figure_dicts(extract(para)):
            out.append({**item, "paragraph": index})
    return out


def score(expected: list[Key], found: list[Key]) -> tuple[Score, list[Key], list[Key]]:
    """Score plus the missed and the extra keys."""
    exp, got = set(expected), set(found)
    return (
        Score(len(exp), len(got), len(exp & got)),
        sorted(exp - got, key=_order),
        sorted(got - exp, key=_order),
    )


def _order(k: Key):
    return (k.unit_of_text, k.start)


def score_golden(extract) -> dict[str, tuple[Score, list[Key], list[Key]]]:
    results = {}
    for name in golden_names():
        expected = [key_of(name, d) for d in golden_expected(name)]
        found = [key_of(name, d) for d in figure_dicts(extract(golden_input(name)))]
        results[name] = score(expected, found)
    return results


def score_seeds(extract) -> dict[str, tuple[Score, list[Key], list[Key]]]:
    results = {}
    for name in seed_names():
        text = seed_text(name)
        expected = [key_of(f"{name}#{d['paragraph']}", d) for d in seed_labels(name, text)]
        found = [key_of(f"{name}#{d['paragraph']}", d) for d in extract_seed(name, text, extract)]
        results[name] = score(expected, found)
    return results


def total(results: dict[str, tuple[Score, list[Key], list[Key]]]) -> Score:
    out = Score()
    for s, _, _ in results.values():
        out.add(s)
    return out
