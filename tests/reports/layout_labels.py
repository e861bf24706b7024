"""The labelled set of our own releases in varied layouts (tests/reports/labels/layouts/), and its scoring.

Each case gives the publication and press-conference dates a careful reader can establish from the text
and its URL (null when nothing establishes them) and the agencies that report figures. A detected date is
`right` when it equals the label (both null included), `unknown` when none was detected or it is coarser
than the label but consistent with it, and `wrong` otherwise: an invented date for an undated release is
wrong. An agency is `found` when some section with that agency holds at least one figure.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from reports.ingest.pipeline import parse_release

LABELS = Path(__file__).resolve().parent / "labels"
LAYOUTS = LABELS / "layouts"


@dataclass
class CaseScore:
    name: str
    held_out: bool
    dates: dict[str, tuple[str, str | None, str | None]] = field(default_factory=dict)  # outcome, got, want
    found: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)


def cases() -> list[dict]:
    return json.loads((LABELS / "layouts.json").read_text(encoding="utf-8"))["cases"]


def date_outcome(got: str | None, want: str | None) -> str:
    if got == want:
        return "right"
    if got is None:
        return "unknown"
    if want is not None and want.startswith(got + "-"):
        return "unknown"  # coarser but consistent: 2024-03 for 2024-03-27
    return "wrong"


def score_case(case: dict) -> CaseScore:
    path = LAYOUTS / case["file"]
    parsed = parse_release(path.read_bytes(), path.name)
    score = CaseScore(path.stem, case["held_out"])
    for name in ("published_on", "held_on"):
        date = getattr(parsed, name)
        got = date.iso() if date else None
        score.dates[name] = (date_outcome(got, case[name]), got, case[name])
    with_figures = {section.agency for section in parsed.sections if section.figures}
    for agency in case["agencies"]:
        (score.found if agency in with_figures else score.missed).append(agency)
    return score


def score_all() -> list[CaseScore]:
    return [score_case(case) for case in cases()]


def totals(scores: list[CaseScore]) -> dict:
    out = {"releases": len(scores), "found": 0, "missed": 0}
    for name in ("published_on", "held_on"):
        for outcome in ("right", "unknown", "wrong"):
            out[f"{name}.{outcome}"] = sum(s.dates[name][0] == outcome for s in scores)
    out["found"] = sum(len(s.found) for s in scores)
    out["missed"] = sum(len(s.missed) for s in scores)
    return out
