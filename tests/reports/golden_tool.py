"""Look at and regenerate the figure golden files (tests/reports/golden/figures/NAME.json).

    .venv/bin/python -m tests.reports.golden_tool show NAME      # what the extractor finds, as a table
    .venv/bin/python -m tests.reports.golden_tool diff [NAME...]  # differences from the expected JSON
    .venv/bin/python -m tests.reports.golden_tool regen NAME...   # overwrite the expected JSON

A regenerated file is a proposal: read every figure against the input before keeping it. The goldens are
only worth something because a person checked them.
"""

from __future__ import annotations

import json
import sys

from reports.ingest.figures import extract_figures
from tests.reports.figure_labels import (
    GOLDEN_FIGURES,
    figure_dicts,
    golden_expected,
    golden_input,
    golden_names,
)

FIELDS = ("text", "value", "unit", "qualifier", "is_change", "direction", "basis", "subject", "period")


def render(item: dict) -> str:
    return " | ".join(f"{k}={item[k]!r}" for k in ("start", "end") + FIELDS)


def diff_lines(expected: list[dict], actual: list[dict]) -> list[str]:
    """A readable difference: figures keyed by span, then field by field."""
    exp = {(d["start"], d["end"]): d for d in expected}
    act = {(d["start"], d["end"]): d for d in actual}
    lines = []
    for span in sorted(exp.keys() | act.keys()):
        e, a = exp.get(span), act.get(span)
        if e is None:
            lines.append(f"+ extra    {render(a)}")
        elif a is None:
            lines.append(f"- missing  {render(e)}")
        elif e != a:
            changed = [
                f"{k}: expected {e.get(k)!r}, got {a.get(k)!r}"
                for k in e.keys() | a.keys()
                if e.get(k) != a.get(k)
            ]
            lines.append(f"~ {e['text']!r} at {span}: " + "; ".join(sorted(changed)))
    return lines


def write(name: str) -> None:
    items = figure_dicts(extract_figures(golden_input(name)))
    path = GOLDEN_FIGURES / f"{name}.json"
    path.write_text(json.dumps(items, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("show", "diff", "regen"):
        print(__doc__)
        return 2
    command, names = argv[0], argv[1:]
    if command == "regen" and not names:
        print("name the goldens to regenerate; each must then be checked by hand")
        return 2
    names = names or golden_names()
    status = 0
    for name in names:
        actual = figure_dicts(extract_figures(golden_input(name)))
        if command == "show":
            print(f"== {name}")
            for item in actual:
                print("  " + render(item))
        elif command == "diff":
            if not (GOLDEN_FIGURES / f"{name}.json").exists():
                status = 1
                print(f"== {name}: no expected file yet (regen it, then check it by hand)")
                continue
            lines = diff_lines(golden_expected(name), actual)
            if lines:
                status = 1
                print(f"== {name}")
                print("\n".join("  " + line for line in lines))
        else:
            write(name)
            print(f"wrote {name}.json: {len(actual)} figures; check each one against {name}.txt")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
