"""Dates and agencies on our labelled set of releases in varied layouts.

    .venv/bin/python bench/layouts.py [-v]

Prints, for the tuning part, the held-out part and all of the set: publication and press-conference dates
right / unknown / wrong, and the agencies reporting figures found / missed (see tests/reports/layout_labels.py
for what counts as what). `-v` lists every case that is not right. No Django needed.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.reports.layout_labels import score_all, totals  # noqa: E402


def main(argv: list[str]) -> int:
    scores = score_all()
    parts = {
        "tuning": [s for s in scores if not s.held_out],
        "held out": [s for s in scores if s.held_out],
        "all": scores,
    }
    print(
        "| part | releases | published: right / unknown / wrong | conference: right / unknown / wrong "
        "| agencies found / missed |"
    )
    print("| --- | --- | --- | --- | --- |")
    for label, part in parts.items():
        t = totals(part)
        dates = [
            " / ".join(str(t[f"{name}.{o}"]) for o in ("right", "unknown", "wrong"))
            for name in ("published_on", "held_on")
        ]
        print(f"| {label} | {t['releases']} | {dates[0]} | {dates[1]} | {t['found']} / {t['missed']} |")
    if "-v" in argv:
        for score in scores:
            problems = [
                f"{n}: {o} (got {g}, want {w})" for n, (o, g, w) in score.dates.items() if o != "right"
            ]
            if score.missed:
                problems.append(f"missed {', '.join(score.missed)}")
            if problems:
                print(f"{score.name}{' [held out]' if score.held_out else ''}: " + "; ".join(problems))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
