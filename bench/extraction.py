"""How well and how fast the figure extractor works.

    .venv/bin/python bench/extraction.py [--runs N]

Prints precision and recall on the hand-written golden paragraphs and on the hand-labelled seeds (a figure
counts when its span, value and unit agree with a label), the misses and extras per file; period accuracy,
indicator accuracy and coverage on the labelled set of issue 12 (tests/reports/period_labels.py), its
held-out part apart; and the speed in characters per second (median over several runs on all of that text).
No Django needed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from reports.ingest.figures import extract_figures  # noqa: E402
from tests.reports.figure_labels import (  # noqa: E402
    golden_input,
    golden_names,
    score_golden,
    score_seeds,
    seed_names,
    seed_paragraphs,
    seed_text,
    total,
)
from tests.reports.period_labels import PeriodScore, score_part, score_samples  # noqa: E402


def report(title: str, results) -> None:
    score = total(results)
    print(f"{title}: precision {score.precision:.3f}  recall {score.recall:.3f}  "
          f"({score.correct} right of {score.found} found, {score.expected} labelled)")  # fmt: skip
    for name, (s, missed, extra) in results.items():
        if missed or extra:
            print(f"  {name}: precision {s.precision:.3f} recall {s.recall:.3f}")
            for k in missed:
                print(f"    missed {k.unit_of_text} [{k.start}:{k.end}] {k.value} {k.unit!r}")
            for k in extra:
                print(f"    extra  {k.unit_of_text} [{k.start}:{k.end}] {k.value} {k.unit!r}")


def combined(scores):
    out = PeriodScore()
    for score in scores:
        for name in ("labelled", "extracted", "found", "period_right", "with_indicator", "covered"):
            setattr(out, name, getattr(out, name) + getattr(score, name))
        out.classified += score.classified
        out.indicator_right += score.indicator_right
    return out


def speed(texts: list[str], runs: int) -> float:
    chars = sum(len(t) for t in texts)
    timings = []
    for _ in range(runs):
        t0 = time.perf_counter()
        for t in texts:
            extract_figures(t)
        timings.append(time.perf_counter() - t0)
    return chars / statistics.median(timings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--misses", action="store_true", help="list the period and indicator misses")
    args = parser.parse_args(argv)

    report("golden paragraphs", score_golden(extract_figures))
    try:
        seeds = score_seeds(extract_figures)
    except FileNotFoundError as exc:
        print(f"seeds: not found ({exc}); set ARCHIVE_SEEDS_DIR")
        seeds = None
    if seeds is not None:
        report("seeds", seeds)

    print("periods and indicators (labelled set, tests/reports/labels/):")
    parts = [
        ("dev (tuned on)", score_part("dev")),
        ("samples/06 (tuned on)", score_samples()),
        ("held out", score_part("holdout")),
    ]
    parts.append(("all", combined([score for _, score in parts])))
    for part, score in parts:
        print(
            f"  {part:>22}: {score.labelled:3d} figures  precision {score.precision:.3f}  "
            f"recall {score.recall:.3f}  period accuracy {score.period_accuracy:.3f}  "
            f"indicator accuracy {score.indicator_accuracy:.3f}  coverage {score.coverage:.3f}"
        )
        if args.misses:
            for line in score.misses:
                print(f"      {line}")

    paragraphs = [golden_input(n) for n in golden_names()]
    whole = []
    if seeds is not None:
        for name in seed_names():
            text = seed_text(name)
            whole.append(text)
            paragraphs += [p for _, p in seed_paragraphs(text) if p.strip()]
    extract_figures("预热12件")  # load OpenCC outside the timing
    print(f"speed, paragraph by paragraph: {speed(paragraphs, args.runs):,.0f} chars/s")
    if whole:
        print(f"speed, whole seeds at once:     {speed(whole, args.runs):,.0f} chars/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
