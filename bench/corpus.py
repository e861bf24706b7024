"""A deterministic corpus of realistic releases, built from the project's own sample releases.

    .venv/bin/python bench/corpus.py --releases N --out DIR [--seed S]

Writes r00000.txt … (UTF-8), each 5,000 to 10,000 characters: a title, an outlet/date line, a lead naming the
city and the conference date, and 4 to 6 agency sections. The paragraphs come from `samples/` only (never
from ../shared/seeds, which we may not redistribute) plus a few paragraphs written here for rare topics;
cities, dates, agency names, figures and the script are re-drawn per release. Release i depends only on
(seed, i), so a corpus of 100 is the first 100 files of a corpus of 10,000, byte for byte.

`generate(n, seed)` yields (filename, bytes) for in-process benchmarks; `sample_queries(seed)` gives the
fixed mix of 200 search queries (see `query_mix`). No Django needed.

This module plans and composes releases, builds the query mix and is the command line. The rest, re-exported
here: corpus_data.py (text tables: fix-ups, extra paragraphs, themes, headings, query vocabulary),
corpus_templates.py (figures and other slots of a paragraph, re-drawn per release) and corpus_library.py (the
paragraph library from `samples/`, the cities from the gazetteer).
"""

from __future__ import annotations

import argparse
import functools
import math
import random
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# The generator's data, library and templates live in bench/corpus_*.py; this module puts them together.
from bench.corpus_data import (  # noqa: E402
    AGENCIES,
    AGENCY_FILTERS,
    CITY,
    COMMON_WORDS,
    COURT,
    COURT_NAME,
    FOCUS,
    HEADING_ORGANS,
    HEADLINES,
    NO_MATCH,
    NUMERALS,
    ORDERS,
    ORGAN_NAMES,
    OUTLETS,
    PHRASES,
    POLICE,
    PROC_NAME,
    PROVINCE,
    RARE_WORDS,
    REPORTERS,
    SHORT,
    SHORT_ORGANS,
    STYLES,
    THEMES,
)
from bench.corpus_library import (  # noqa: E402
    City,
    Paragraph,
    _converter,
    _topic_keywords,
    cities,
    library,
)
from bench.corpus_templates import (  # noqa: E402
    Context,
    compile_template,
    render,
)

MIN_CHARS, MAX_CHARS = 5_000, 10_000
# Aim inside the bounds: s2t and the re-drawn figures move the length by a few characters after fitting.
FIT_MIN, FIT_MAX = 5_300, 9_700
TRADITIONAL_SHARE = 0.25
RARE_RATE = 0.04  # per section: keeps 反邪教 / 地理标志 in a few percent of releases
# Without this, every release would draw on a third of all sample paragraphs and every topic would be in
# nearly every release. A release speaks of a gated topic only when the topic is on for it: always when its
# theme favours the topic, otherwise with this probability.
GATED_TOPICS = {
    "intellectual-property": 0.15,
    "telecom-fraud": 0.55,
    "anti-gang": 0.4,
    "business-environment": 0.35,
    "drugs": 0.3,
    "illegal-fundraising": 0.25,
    "minors": 0.4,
    "public-interest-litigation": 0.4,
    "road-safety": 0.4,
    "enforcement": 0.6,
    "cybersecurity": 0.4,
}


# --- Release plans -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """What a release is about: the test compares the importer's reading with this."""

    index: int
    city: City
    held_on: date
    published_on: date | None
    theme: str
    agencies: tuple[str, ...]  # one per agency section, in order
    style: str
    traditional: bool
    target_chars: int
    topics_on: frozenset[str]  # gated topics this release may speak of


def _rng(seed: int, index: int) -> random.Random:
    # A string seed is hashed with SHA-512 by `random`, the same in every process (no PYTHONHASHSEED).
    return random.Random(f"corpus:{seed}:{index}")


def plan_release(index: int, seed: int = 0) -> Plan:
    rng = _rng(seed, index)
    theme = rng.choice(sorted(THEMES))
    held = date(rng.randint(2019, 2026), rng.choice(THEMES[theme][0]), rng.randint(1, 28))
    published = None if rng.random() < 0.15 else held + timedelta(days=rng.choice((0, 1, 1, 2, 3)))
    style = rng.choice(STYLES)
    count = rng.choices((4, 5, 6), weights=(35, 45, 20))[0]
    if style == "inline":
        count = min(count, 5)  # a lead-in of the agency already speaking would not open a section
    order = list(rng.choice(ORDERS))
    if count == 4:
        order.remove(rng.choice(order))
    if count == 6:
        extra = rng.choice((COURT, POLICE))
        order.insert(order.index(extra) + 1, extra)
    favoured = THEMES[theme][2]
    topics_on = frozenset(t for t, p in sorted(GATED_TOPICS.items()) if t in favoured or rng.random() < p)
    return Plan(
        index=index,
        city=rng.choice(cities()),
        held_on=held,
        published_on=published,
        theme=theme,
        agencies=tuple(order),
        style=style,
        traditional=rng.random() < TRADITIONAL_SHARE,
        target_chars=rng.randint(FIT_MIN, FIT_MAX),
        topics_on=topics_on,
    )


# --- Building a release --------------------------------------------------------------------------------------


def _weighted_order(items, rng: random.Random, weight) -> list:
    # Efraimidis-Spirakis: sampling without replacement with weights, deterministic for a given rng.
    keyed = [(rng.random() ** (1.0 / weight(item)), i, item) for i, item in enumerate(items)]
    return [item for _, _, item in sorted(keyed, key=lambda k: (-k[0], k[1]))]


def _favoured(plan: Plan):
    topics = THEMES[plan.theme][2]
    return lambda p: 3.0 if p.topics & topics else 1.0


def _ranked(pool, plan: Plan, rng: random.Random) -> list[Paragraph]:
    """The pool in the order a release uses it: weighted by theme, paragraphs on topics that are off last
    (used only when a release would otherwise be too short)."""
    off = GATED_TOPICS.keys() - plan.topics_on
    ordered = _weighted_order(pool, rng, _favoured(plan))
    # Fallbacks on the commonest topics first, so that a rare topic stays rare in long releases too.
    fallback = sorted(
        (p for p in ordered if p.topics & off), key=lambda p: -min(GATED_TOPICS[t] for t in p.topics & off)
    )
    return [p for p in ordered if not p.topics & off] + fallback


@dataclass
class SectionDraft:
    agency: str
    opening: Paragraph
    candidates: list[Paragraph]  # not used yet, best first
    bodies: list[Paragraph]
    closing: Paragraph | None


def _draft_sections(plan: Plan, rng: random.Random) -> list[SectionDraft]:
    pools, orders, drafts = library().pools, {}, []
    off = GATED_TOPICS.keys() - plan.topics_on
    for agency in sorted(set(plan.agencies)):
        pool = [p for p in pools[agency] if not p.rare or rng.random() < RARE_RATE]
        orders[agency] = _ranked(pool, plan, rng)
    for position, agency in enumerate(plan.agencies):
        # An agency with two sections deals its paragraphs between them: the second says something else.
        share = orders[agency][plan.agencies[:position].count(agency) :: plan.agencies.count(agency)]
        opening = next((p for p in share if p.kind == "open"), share[0])
        closings = [p for p in share if p.kind == "close" and not p.topics & off]
        closing = closings[0] if closings and rng.random() < 0.35 else None
        candidates = [p for p in share if p.kind != "close" and p is not opening]
        drafts.append(SectionDraft(agency, opening, candidates, [], closing))
    return drafts


def _size(paragraph: Paragraph) -> int:
    return sum(len(p) if isinstance(p, str) else 3 for p in paragraph.parts) + 2


def _fill(drafts: list[SectionDraft], budget: int) -> None:
    """Deal body paragraphs to the sections in turn until the estimated length reaches the budget."""
    total = sum(_size(d.opening) + (_size(d.closing) if d.closing else 0) + 40 for d in drafts)
    while total < budget and any(d.candidates for d in drafts):
        for draft in drafts:
            if draft.candidates and total < budget:
                paragraph = draft.candidates.pop(0)
                draft.bodies.append(paragraph)
                total += _size(paragraph)


def _adjust(drafts: list[SectionDraft], too_long: bool) -> bool:
    """One paragraph less (from the longest section) or more (to the shortest); False when impossible."""
    if too_long:
        longest = max(drafts, key=lambda d: (len(d.bodies), -drafts.index(d)))
        if len(longest.bodies) <= 1:
            return False
        longest.candidates.insert(0, longest.bodies.pop())
        return True
    growing = [d for d in drafts if d.candidates]
    if not growing:
        return False
    shortest = min(growing, key=lambda d: (len(d.bodies), drafts.index(d)))
    shortest.bodies.append(shortest.candidates.pop(0))
    return True


@functools.cache
def _compiled(text: str) -> tuple:
    return compile_template(text)


_SPEAKER_PREFIX = re.compile(r"^[^，。]{2,16}?(?:有关负责同志|相关负责同志|有关负责人)(?:在发布会上)?介绍，")


def _heading(plan: Plan, agency: str, position: int, ctx: Context) -> tuple[str, str]:
    """(heading line or "", inline lead-in or "") in the release's style."""
    rng, city, repeat = ctx.rng, plan.city, plan.agencies[:position].count(agency)
    if plan.style == "inline":
        return "", SHORT_ORGANS[agency] + "："
    if plan.style == "colon" and not repeat:
        return f"{SHORT_ORGANS[agency]}：{render(_compiled(rng.choice(HEADLINES[agency])), ctx)}", ""
    focus_list = FOCUS[agency]
    focus = focus_list[(rng.randrange(len(focus_list)) + repeat) % len(focus_list)].format(short=city.short)
    if plan.style == "numbered":
        return f"{NUMERALS[position]}、{ORGAN_NAMES[agency]}{focus}", ""
    return f"{city.short}{rng.choice(HEADING_ORGANS[agency])}{focus}情况", ""


def _numbered(rows: list[tuple[str, str]]) -> list[str]:
    """Renumber (一)… and 一是… where the paragraphs now stand; 一是 restarts after anything else."""
    out, paren, shi = [], 0, 0
    for marker, text in rows:
        if marker == "paren":
            paren += 1
            text = f"（{NUMERALS[min(paren, 10) - 1]}）{text}"
        elif marker == "shi":
            shi += 1
            text = f"{NUMERALS[min(shi, 10) - 1]}是{text}"
        if marker != "shi":
            shi = 0
        out.append(text)
    return out


def _in_runs(draft: SectionDraft, rng: random.Random) -> list[Paragraph]:
    """Bodies grouped by source, each group in its original order, the opening's source first."""
    sources = sorted({p.source for p in draft.bodies})
    rank = {source: rng.random() for source in sources}
    rank[draft.opening.source] = -1.0
    return sorted(draft.bodies, key=lambda p: (rank[p.source], p.source, p.position))


def _section_text(
    plan: Plan, position: int, draft: SectionDraft, ctx: Context, subheads: list[Paragraph]
) -> str:
    rng = ctx.rng
    heading, inline = _heading(plan, draft.agency, position, ctx)
    opening = render(draft.opening.parts, ctx)
    if inline:
        opening = inline + _SPEAKER_PREFIX.sub("", opening)
    rows: list[tuple[str, str]] = [(draft.opening.marker, opening)]
    # Sub-headings with a comma (聚焦重点领域，严打…) only where the samples have them: under title lines.
    wanted = 0
    if subheads and plan.style in ("standalone", "numbered") and rng.random() < 0.5:
        wanted = min(2, len(draft.bodies) - 1, len(subheads))
    slots = set(rng.sample(range(1, len(draft.bodies)), k=wanted)) if wanted > 0 else set()
    for i, body in enumerate(_in_runs(draft, rng)):
        if i in slots:
            rows.append(("", render(subheads.pop(0).parts, ctx)))
        text = render(body.parts, ctx)
        # Another source's opening, now inside a section: its speaker was already introduced.
        rows.append((body.marker, _SPEAKER_PREFIX.sub("", text) if body.kind == "open" else text))
    if draft.closing:
        rows.append(("", render(draft.closing.parts, ctx)))
    return "\n\n".join(([heading] if heading else []) + _numbered(rows))


def _date_cn(day: date, with_year: bool = True) -> str:
    return (f"{day.year}年" if with_year else "") + f"{day.month}月{day.day}日"


def _header(plan: Plan, outlet: str, rng: random.Random) -> str:
    day = plan.published_on
    if day is None:
        return ""
    form = rng.randrange(3)
    if form == 0:
        return (
            f"{outlet} | {day.isoformat()} {rng.randint(7, 21):02d}:{rng.choice((0, 5, 15, 30, 45, 50)):02d}"
        )
    if form == 1:
        return f"来源：{outlet}    发布时间：{_date_cn(day)}"
    return f"{outlet} {_date_cn(day)}"


def _lead(plan: Plan, ctx: Context) -> list[str]:
    rng, city = ctx.rng, plan.city
    names = "、".join(dict.fromkeys(ORGAN_NAMES[a] for a in plan.agencies))
    conference = THEMES[plan.theme][1].format(prev=plan.held_on.year - 1)
    # The year may be left to the date line, as releases do; without a date line the lead must give it.
    when = _date_cn(plan.held_on, plan.published_on is None or rng.random() < 0.5)
    host = rng.choice(("", "政府新闻办", "委政法委"))
    verb = rng.choice(("依次通报", "分别介绍", "介绍"))
    period = (
        "一季度工作情况" if plan.theme == "quarter" else rng.choice(("今年以来相关工作情况", "近期工作进展"))
    )
    first = (
        f"{when}{rng.choice(('上午', '下午', ''))}，{city.name}{host}召开{conference}。{names}有关负责同志"
        f"{verb}{period}，并回答了记者提问。"
    )
    pool = _ranked(library().pools["lead"], plan, rng)
    return [first] + [render(p.parts, ctx) for p in pool[: rng.randint(1, 2)]]


def _context(plan: Plan, rng: random.Random) -> Context:
    # One scale per release, so a big city's figures are big throughout.
    scale = math.exp(rng.uniform(math.log(0.4), math.log(2.5)))
    places = {
        CITY: plan.city.name,
        SHORT: plan.city.short,
        PROVINCE: plan.city.province,
        COURT_NAME: rng.choice(("市中级人民法院", "市中级人民法院", "市中院")),
        PROC_NAME: rng.choice(("市人民检察院", "市人民检察院", "市检察院")),
    }
    return Context(rng, scale, plan.held_on.year, places)


def _compose(plan: Plan, drafts: list[SectionDraft], rng: random.Random) -> str:
    ctx = _context(plan, rng)
    outlet = rng.choice(OUTLETS)
    city, year = plan.city, plan.held_on.year
    title = rng.choice(THEMES[plan.theme][3]).format(
        short=city.short, city=city.name, year=year, prev=year - 1
    )
    header = _header(plan, outlet, rng)
    blocks = [title] + ([header] if header else []) + _lead(plan, ctx)
    subheads = {a: _weighted_order(library().subheads[a], rng, lambda p: 1.0) for a in AGENCIES}
    blocks += [_section_text(plan, i, d, ctx, subheads[d.agency]) for i, d in enumerate(drafts)]
    closings = library().pools["closing"]
    if rng.random() < 0.6:
        blocks.append(render(closings[rng.randrange(len(closings))].parts, ctx))
    blocks.append("（本文为档案库示例稿，数据均为虚构）")
    if plan.published_on is None:
        blocks.append(f"（{outlet}记者 {rng.choice(REPORTERS)}）")  # the outlet, when no date line names it
    text = "\n\n".join(blocks) + "\n"
    return _converter("s2t").convert(text) if plan.traditional else text


def build_release(index: int, seed: int = 0) -> tuple[str, str]:
    """(filename, text) of release `index`: a pure function of (index, seed)."""
    plan = plan_release(index, seed)
    drafts = _draft_sections(plan, _rng(seed, index + 1_000_000_000))
    _fill(drafts, plan.target_chars - 700)  # title, header, lead and headings are not in the estimate
    for _ in range(40):
        # Each attempt renders from the same stream, so the result depends on the paragraphs only.
        text = _compose(plan, drafts, _rng(seed, index + 2_000_000_000))
        too_long = len(text) > MAX_CHARS - 100
        if MIN_CHARS + 100 <= len(text) <= MAX_CHARS - 100 or not _adjust(drafts, too_long):
            break
    return f"r{index:05d}.txt", text


def generate(n: int, seed: int = 0) -> Iterator[tuple[str, bytes]]:
    """(filename, UTF-8 bytes) for releases 0 … n-1."""
    for index in range(n):
        name, text = build_release(index, seed)
        yield name, text.encode("utf-8")


# --- Queries -------------------------------------------------------------------------------------------------

_FIGURE = re.compile(
    r"(?<![\d,.])(\d{3,6}(?:\.\d{1,2})?|\d{1,2}\.\d{1,2})(?![\d,.])(?=[余万亿%件起人名个元条家次场])"
)


def _first_releases(seed: int, releases: int = 20) -> list[str]:
    # Releases 0-19 are in every corpus of 20 or more built with this seed: what occurs in them always occurs.
    t2s = _converter("t2s").convert
    return [t2s(data.decode("utf-8")) for _, data in generate(releases, seed)]


def _figures(texts: list[str]) -> list[str]:
    found: dict[str, None] = {}
    for text in texts:
        for match in _FIGURE.finditer(text):
            found.setdefault(match.group(1))
    return list(found)


def _several_words(rng: random.Random, words: list[str], texts: list[str]) -> list[str]:
    """Two or three words: 20 that occur together in one release, 10 drawn blindly (often no match)."""
    found: dict[str, None] = {}
    while len(found) < 20:
        present = [w for w in words if w in rng.choice(texts)]
        found.setdefault(" ".join(rng.sample(present, min(len(present), rng.choice((2, 2, 3))))))
    while len(found) < 30:
        found.setdefault(" ".join(rng.sample(words, rng.choice((2, 2, 3)))))
    return list(found)


def query_mix(seed: int = 0) -> list[tuple[str, str]]:
    """(kind, query) × 200: 40 words, 30 several words, 25 phrases, 45 filters, 30 traditional, 15 numbers,
    15 that match nothing."""
    rng = random.Random(f"queries:{seed}")
    s2t = _converter("s2t").convert
    words = list(COMMON_WORDS + RARE_WORDS)
    city_pool = list(cities())
    topics = [slug for slug, _ in _topic_keywords()]
    texts = _first_releases(seed)
    mix = [("word", w) for w in words]
    mix += [("words", q) for q in _several_words(rng, words, texts)]
    mix += [("phrase", f'"{p}"') for p in PHRASES]
    filters = [
        f"{rng.choice(('city', '城市'))}:{c.short} {rng.choice(words)}" for c in rng.sample(city_pool, 10)
    ]
    filters += [f"city:{c.short}" for c in rng.sample(city_pool, 2)]
    filters += [f"{a} {rng.choice(words)}" for a in AGENCY_FILTERS] + list(AGENCY_FILTERS[:3])
    filters += [
        f"{rng.choice(('year', '年份'))}:{y} {rng.choice(words)}" for y in (2019, 2021, 2023, 2024, 2026)
    ]
    filters += ["year:2023-2025 法院", "year:2025", "from:2024-01 to:2025-06 电诈"]
    filters += [f"topic:{t}" for t in rng.sample(topics, 5)]
    filters += [f"topic:{t} {rng.choice(words)}" for t in rng.sample(topics, 5)]
    filters += [
        f"city:{c.short} agency:police year:{rng.randint(2019, 2026)}" for c in rng.sample(city_pool, 5)
    ]
    mix += [("filter", q) for q in filters]

    # Only queries that s2t changes: the point is a traditional query finding simplified text.
    def changed(items):
        return [q for q in items if s2t(q) != q]

    traditional = rng.sample(changed(words), 10) + rng.sample(changed(q for _, q in mix[40:70]), 8)
    traditional += rng.sample(changed(f'"{p}"' for p in PHRASES), 6)
    city_queries = [f"city:{c.short} {rng.choice(words)}" for c in city_pool if s2t(c.short) != c.short]
    traditional += rng.sample(city_queries, 6)
    mix += [("traditional", s2t(q)) for q in traditional]
    mix += [("number", q) for q in rng.sample(_figures(texts), 15)]
    mix += [("no-match", q) for q in NO_MATCH]
    return mix


def sample_queries(seed: int = 0) -> list[str]:
    """The 200 queries of the search benchmark, the same for the same seed."""
    return [query for _, query in query_mix(seed)]


# --- Command line --------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, required=True, help="how many releases to write")
    parser.add_argument("--out", type=Path, required=True, help="folder for r00000.txt …")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    chars = traditional = 0
    for index in range(args.releases):
        name, text = build_release(index, args.seed)
        (args.out / name).write_bytes(text.encode("utf-8"))
        chars += len(text)
        traditional += plan_release(index, args.seed).traditional
    elapsed = time.perf_counter() - started
    share = traditional / args.releases if args.releases else 0.0
    print(
        f"{args.releases} files in {args.out}: {chars:,} characters "
        f"({chars / max(1, args.releases):,.0f} per release), {share:.1%} traditional, {elapsed:.1f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
