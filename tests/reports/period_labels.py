"""The labelled set for periods and indicators (issue 12), and how to score the extractor against it.

Plain Python (no Django), shared by tests/reports/test_periods.py and bench/extraction.py. Three parts:

- labels/periods_dev.txt: paragraphs we wrote, used while tuning the rules;
- labels/periods_holdout.txt: paragraphs written afterwards and kept out of tuning;
- labels/samples_periods.json: figures of our sample releases (samples/), read through the whole pipeline
  (sections, agencies, the release date, the opening period), each label [text, indicator, period] matched
  to the next extracted figure with that text.

Scores: a labelled figure is *found* when a figure with its exact span (text and place) is extracted. Period
accuracy is the share of found figures whose first and last day both agree. Coverage is the share of found
figures labelled with an indicator that got one; indicator accuracy the share of classified found figures
whose indicator is the labelled one (an indicator on a figure labelled "-" counts as wrong).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from reports.ingest.figures import extract_figures
from reports.ingest.indicators import IndicatorDef, IndicatorMatcher
from reports.ingest.text import to_traditional

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
LABELS = HERE / "labels"
INDICATORS_FILE = ROOT / "reports" / "data" / "indicators.json"
SAMPLES = ROOT / "samples"
PARTS = ("dev", "holdout")

HEADER = re.compile(r"^## (.*)$")
FIGURE = re.compile(r"\{([^|{}]+)\|([^|{}]+)\|([^|{}]+)\}")


@dataclass(frozen=True)
class Label:
    where: str
    start: int
    end: int
    text: str
    indicator: str  # "" when labelled "-"
    period: tuple[dt.date | None, dt.date | None]


@dataclass
class Block:
    where: str
    text: str
    reference: dt.date
    agency: str
    labels: list[Label] = field(default_factory=list)


def parse_period(spec: str) -> tuple[dt.date | None, dt.date | None]:
    spec = spec.strip()
    if spec == "-":
        return None, None
    if re.fullmatch(r"\d{4}", spec):
        return dt.date(int(spec), 1, 1), dt.date(int(spec), 12, 31)
    first, _, last = spec.partition("..")
    return dt.date.fromisoformat(first), dt.date.fromisoformat(last)


def load_blocks(part: str) -> list[Block]:
    path = LABELS / f"periods_{part}.txt"
    blocks: list[Block] = []
    header: dict | None = None
    lines: list[str] = []

    def flush():
        if header is not None and lines:
            blocks.append(_block(f"{part}#{len(blocks)}", "\n".join(lines), header))

    for line in path.read_text(encoding="utf-8").splitlines():
        m = HEADER.match(line)
        if m:
            flush()
            header = dict(item.split("=", 1) for item in m.group(1).split())
            lines = []
        elif line.startswith("#"):
            continue
        elif line.strip() and header is not None:
            lines.append(line)
    flush()
    return blocks


def _block(where: str, marked: str, header: dict) -> Block:
    traditional = header.get("script") == "traditional"
    plain, labels, pos, cursor = [], [], 0, 0
    for m in FIGURE.finditer(marked):
        before = marked[cursor : m.start()]
        plain.append(before)
        pos += len(before)
        text = to_traditional(m.group(1)) if traditional else m.group(1)
        indicator = "" if m.group(2).strip() == "-" else m.group(2).strip()
        labels.append(Label(where, pos, pos + len(text), text, indicator, parse_period(m.group(3))))
        plain.append(text)
        pos += len(text)
        cursor = m.end()
    plain.append(marked[cursor:])
    text = "".join(plain)
    if traditional:
        converted = to_traditional(text)
        # s2t keeps lengths in this genre; the spans must still point at the figures.
        if len(converted) == len(text):
            text = converted
    block = Block(where, text, dt.date.fromisoformat(header["ref"]), header.get("agency", ""), labels)
    for label in labels:
        if text[label.start : label.end] != label.text:
            raise ValueError(f"{where}: label {label.text!r} does not match its span")
    return block


def matcher() -> IndicatorMatcher:
    items = json.loads(INDICATORS_FILE.read_text(encoding="utf-8"))
    return IndicatorMatcher(
        [
            IndicatorDef(i["slug"], i["agency"], i["unit_kind"], tuple(i["patterns"]), i.get("priority", 0))
            for i in items
        ]
    )


@dataclass(frozen=True)
class Found:
    where: str
    start: int
    end: int
    text: str
    indicator: str
    period: tuple[dt.date | None, dt.date | None]


def extract_block(block: Block, match: IndicatorMatcher) -> list[Found]:
    out = []
    for f in extract_figures(block.text, block.reference):
        indicator = match.classify(f.subject, f.unit, f.is_change, block.agency)
        out.append(Found(block.where, f.start, f.end, f.text, indicator, (f.period_start, f.period_end)))
    return out


@dataclass
class PeriodScore:
    labelled: int = 0
    extracted: int = 0
    found: int = 0
    period_right: int = 0
    with_indicator: int = 0  # found figures labelled with an indicator
    covered: int = 0  # ... of which got one
    classified: int = 0  # found figures that got an indicator
    indicator_right: int = 0
    misses: list[str] = field(default_factory=list)

    def ratio(self, a: int, b: int) -> float:
        return a / b if b else 1.0

    @property
    def precision(self):
        return self.ratio(self.found, self.extracted)

    @property
    def recall(self):
        return self.ratio(self.found, self.labelled)

    @property
    def period_accuracy(self):
        return self.ratio(self.period_right, self.found)

    @property
    def coverage(self):
        return self.ratio(self.covered, self.with_indicator)

    @property
    def indicator_accuracy(self):
        return self.ratio(self.indicator_right, self.classified)


def score_labels(labels: list[Label], found: list[Found], result: PeriodScore) -> None:
    by_span = {(f.where, f.start, f.end): f for f in found}
    result.labelled += len(labels)
    result.extracted += len(found)
    for label in labels:
        f = by_span.get((label.where, label.start, label.end))
        if f is None:
            result.misses.append(f"{label.where} missed {label.text}")
            continue
        result.found += 1
        if f.period == label.period:
            result.period_right += 1
        else:
            result.misses.append(
                f"{label.where} {label.text}: period {_p(f.period)}, labelled {_p(label.period)}"
            )
        if label.indicator:
            result.with_indicator += 1
            result.covered += bool(f.indicator)
        if f.indicator:
            result.classified += 1
            if f.indicator == label.indicator:
                result.indicator_right += 1
        if f.indicator != label.indicator:
            result.misses.append(
                f"{label.where} {label.text}: indicator {f.indicator or '-'}, labelled {label.indicator or '-'}"
            )


def _p(period) -> str:
    a, b = period
    return f"{a}..{b}"


def score_part(part: str) -> PeriodScore:
    match = matcher()
    result = PeriodScore()
    for block in load_blocks(part):
        score_labels(block.labels, extract_block(block, match), result)
    return result


def score_samples() -> PeriodScore:
    """The labelled figures of samples/, through the whole pipeline."""
    from reports.ingest.pipeline import parse_release

    items = json.loads((LABELS / "samples_periods.json").read_text(encoding="utf-8"))
    indicators = matcher().defs
    result = PeriodScore()
    for name, rows in items.items():
        parsed = parse_release((SAMPLES / name).read_bytes(), name, indicators=indicators)
        figures = [f for s in parsed.sections for f in s.figures]
        found = [
            Found(name, i, i + 1, f.text, f.indicator, (f.period_start, f.period_end))
            for i, f in enumerate(figures)
        ]
        labels, used = [], 0
        for text, indicator, period in rows:
            at = next((i for i in range(used, len(figures)) if figures[i].text == text), None)
            if at is None:
                result.labelled += 1
                result.misses.append(f"{name} missed {text}")
                continue
            used = at + 1
            labels.append(
                Label(name, at, at + 1, text, "" if indicator == "-" else indicator, parse_period(period))
            )
        score_labels(labels, [found[label.start] for label in labels], result)
    return result
