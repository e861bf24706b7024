"""What the benchmark corpus (bench/corpus.py) is made from: the paragraphs of `samples/` (plus
EXTRA_PARAGRAPHS), sorted by agency into a `Library`, and the cities of the gazetteer.

Importing this needs the project root on sys.path (bench/corpus.py puts it there).
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bench.corpus_data import (
    _PROVINCES,
    _SAMPLE_PLACES,
    AGENCIES,
    CITY,
    COURT_NAME,
    EXTRA_PARAGRAPHS,
    FIXUPS,
    PROC_NAME,
    PROVINCE,
    SHORT,
)
from bench.corpus_templates import compile_template
from reports.ingest import agencies
from reports.ingest.pipeline import parse_release
from reports.ingest.text import converter as _converter  # the one OpenCC loader
from reports.ingest.text import fold_width

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GAZETTEER = ROOT / "reports" / "ingest" / "data" / "gazetteer.tsv"
TOPICS = ROOT / "reports" / "data" / "topics.json"


# --- The paragraph library, from the samples ---------------------------------------------------------------

# Sample 06 is a county's release: its organs become the city's.
_COUNTY = re.compile(
    r"县(?=委|法院|检察院|公安局|司法局|综治中心|教育局|人力社保局|总工会|文旅部门|法律援助中心)"
)
_NOTE = re.compile(r"^\((?:本文为档案库示例稿|示例日报记者)")
_MARKER = re.compile(r"^(?:\((?P<paren>[一二三四五六七八九十]+)\)|(?P<shi>[一二三四五六七八九十]+)是)")
_RELEASE_CLOSING = re.compile(r"^(?:发布会最后|发布会表示|通气会还通报)")
_SECTION_CLOSING = re.compile(r"^(?:下一步|[^,。]{2,12}(?:有关|相关)负责同志表示)")
_HALF_TO_FULL = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"})


@dataclass(frozen=True)
class Paragraph:
    agency: str  # an agency slug, "lead" or "closing"
    kind: str  # open | body | close | sub (a sub-heading with a comma)
    marker: str  # "", "paren" for (一)…, "shi" for 一是…: renumbered where the paragraph lands
    parts: tuple
    topics: frozenset[str]
    source: tuple[int, int] = (0, 0)  # (sample, section): paragraphs from one source stay together
    position: int = 0  # in the source, so that a run keeps its order
    rare: bool = False


def _localise(text: str, sample: int) -> str:
    for old, new in FIXUPS:
        text = text.replace(old, new)
    if sample == 6:
        text = _COUNTY.sub("市", text).replace("全县", "全市")
    for full, short in _SAMPLE_PLACES:
        text = text.replace(full, CITY).replace(short, SHORT)
    for province in _PROVINCES:
        text = text.replace(province, PROVINCE)
    text = text.replace("市中级人民法院", COURT_NAME).replace("市人民检察院", PROC_NAME)
    # Real releases use full-width punctuation (kept as published; rules read a folded view). Keep 1,286.
    return re.sub(r"(?<=\d),(?=\d{3})", "\0", text).translate(_HALF_TO_FULL).replace("\0", ",")


@functools.cache
def _topic_keywords() -> tuple[tuple[str, tuple[str, ...]], ...]:
    import json

    data = json.loads(TOPICS.read_text(encoding="utf-8"))
    return tuple((t["slug"], tuple(t["keywords"])) for t in data)


def _topics_of(text: str) -> frozenset[str]:
    return frozenset(slug for slug, words in _topic_keywords() if any(w in text for w in words))


def _paragraph(
    agency: str,
    kind: str,
    text: str,
    sample: int,
    rare: bool = False,
    where: tuple[int, int, int] = (0, 0, 0),
) -> Paragraph:
    marker = _MARKER.match(text)
    if marker:
        text = text[marker.end() :]
    return Paragraph(
        agency=agency,
        kind=kind,
        marker=(marker.lastgroup or "") if marker else "",
        parts=compile_template(_localise(text, sample)),
        topics=_topics_of(text),
        source=where[:2],
        position=where[2],
        rare=rare,
    )


def _section_lines(section, t2s) -> list[str]:
    # Sections hold the samples as published (，：（）); the library is built from the folded form.
    lines = [t2s(fold_width(line)) for line in section.text.split("\n") if line.strip()]
    heading = t2s(fold_width(section.heading))
    if heading and lines and lines[0] == heading:
        lines = lines[1:]  # a standalone heading: the release gets its own
    elif heading and lines and lines[0].startswith(heading + ":"):
        lines[0] = lines[0][len(heading) + 1 :]  # an inline lead-in (县法院:一季度,…)
    return [line for line in lines if not _NOTE.match(line)]


def _sample_paragraphs(number: int, release) -> Iterator[Paragraph]:
    t2s = _converter("t2s").convert
    for order, section in enumerate(release.sections):
        lines = _section_lines(section, t2s)
        for index, line in enumerate(lines):
            where = (number, order, index)
            speaker = agencies.SPEAKER.match(line)
            if order == 0:
                # The first lead paragraph says who met when: each release writes its own.
                if index > 0 and not speaker:
                    yield _paragraph("lead", "body", line, number, where=where)
            elif len(line) <= 40 and "。" not in line and "," in line:
                yield _paragraph(section.agency, "sub", line, number, where=where)
            elif _RELEASE_CLOSING.match(line):
                yield _paragraph("closing", "close", line, number, where=where)
            elif (
                speaker and index > 0 and agencies.find_organs(speaker["organ"])[-1].agency != section.agency
            ):
                continue  # would start a section of another agency where it lands
            else:
                kind = "close" if _SECTION_CLOSING.match(line) else "open" if index == 0 else "body"
                yield _paragraph(section.agency, kind, line, number, where=where)


@dataclass(frozen=True)
class Library:
    pools: dict[str, tuple[Paragraph, ...]]  # agency slug, "lead", "closing" -> paragraphs
    subheads: dict[str, tuple[Paragraph, ...]]  # agency slug -> sub-headings with a comma


@functools.cache
def library() -> Library:
    paragraphs: list[Paragraph] = []
    for path in sorted(SAMPLES.glob("0[1-9]_*")):
        number = int(path.name[:2])
        paragraphs += _sample_paragraphs(number, parse_release(path.read_bytes(), path.name))
    for index, (agency, rare, text) in enumerate(EXTRA_PARAGRAPHS):
        paragraphs.append(_paragraph(agency, "body", text, 0, rare, where=(0, index, 0)))
    keys = (*AGENCIES, "lead", "closing")
    pools = {key: tuple(p for p in paragraphs if p.agency == key and p.kind != "sub") for key in keys}
    subheads = {a: tuple(p for p in paragraphs if p.agency == a and p.kind == "sub") for a in AGENCIES}
    return Library(pools, subheads)


# --- Cities --------------------------------------------------------------------------------------------------

CITY_COUNT = 150


@dataclass(frozen=True)
class City:
    name: str  # 洛阳市
    short: str  # 洛阳
    province: str


@functools.cache
def cities() -> tuple[City, ...]:
    """About 150 prefecture-level cities, taken in turn from each province so that all provinces occur."""
    by_province: dict[str, list[City]] = {}
    with GAZETTEER.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            name = row["name"]
            # Only 市: the headings and leads say 市委政法委, 市中级人民法院 (no 自治州, 地区, 盟).
            if row["level"] == "prefecture" and name.endswith("市"):
                by_province.setdefault(row["province"], []).append(City(name, row["short"], row["province"]))
    queues = [sorted(group, key=lambda c: c.name) for _, group in sorted(by_province.items())]
    chosen: list[City] = []
    while len(chosen) < CITY_COUNT and any(queues):
        for queue in queues:
            if queue and len(chosen) < CITY_COUNT:
                chosen.append(queue.pop(0))
    return tuple(chosen)
