"""Find every figure in a section: scan the simplified copy, drop the names, read the context of the rest."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from decimal import Decimal

from ..text import View, normal_view
from ..types import Figure
from .context import (
    _VERB_RE,
    SHORT_UP,
    UP_VERBS,
    VERBS,
    Periods,
    change_before,
    is_list_continuation,
    leading_qualifier,
    subject_for,
)
from .exclusions import exclusion_reason, inside, quoted_spans
from .lists import split_respectively
from .numerals import CN_DIGITS, parse_arabic, parse_chinese, tidy
from .periods import resolve as resolve_period
from .scan import NUMBER, PERCENT_WORDS, ZERO, Candidate, read_candidate

RATE_SUBJECT_ENDINGS = ("率", "比例", "占比")


def opening_period(text: str) -> str:
    """The period a release's opening section states first (一季度, 今年以来), or ""."""
    s = normal_view(text).simp
    return Periods(s, quoted_spans(s)).opening()


def extract_figures(
    text: str, reference: dt.date | None = None, opening: str = "", view: View | None = None
) -> list[Figure]:
    """Every figure in `text` (a section in its original script), in order of appearance.

    `reference` is the release's date (publication, else press conference): relative periods (今年以来,
    近五年) are read against it. `opening` is the period the release's opening states: a figure whose section
    names none inherits it; with neither, the figure stands at the reference date.

    The rules read the normalised view (widths folded, pinyin glosses and symbols dropped, simplified);
    each span is mapped back, so `text[start:end]` is the figure as published: ２１２件, or 1.9萬(wàn)名
    with the gloss inside. A gloss after the unit's last character stays outside the span. `view`, when
    the caller has it already, must be `normal_view(text)`.
    """
    if not text:
        return []
    if view is None or view.original is not text:
        view = normal_view(text)
    s = view.simp
    quotes = quoted_spans(s)
    candidates = find_candidates(s, quotes)
    periods = Periods(s, quotes)
    figures: list[Figure] = []
    prev: Candidate | None = None
    prev_fig: Figure | None = None
    for c in candidates:
        fig = _figure(view, c, prev, prev_fig, periods)
        fig = _with_period(fig, periods, c.start, reference, opening)
        if prev is not None and prev_fig is not None:
            fig = _moved_from(s, c, prev, prev_fig, fig)
            if not fig.subject and prev_fig.subject and _same_sentence(s, prev.trailing_end, c.start):
                # 破获刑事案件1250起，较2012年下降64.4%: the change is of what the sentence just counted.
                fig = replace(fig, subject=prev_fig.subject)
        figures.append(fig)
        prev, prev_fig = c, fig
    return split_respectively(s, candidates, figures)


def _same_sentence(s: str, a: int, b: int) -> bool:
    return a <= b and not any(ch in "。！？!?；;\n" for ch in s[a:b])


# Words saying a figure is a stock (what there is) rather than a flow over the paragraph's period.
STOCK = re.compile(r"在册|现有|注册人数|共有|已有|已建成|累计建成|担任|(?:全县|全市|全区|全省)$")


def _is_stock(s: str, start: int) -> bool:
    clause = max(s.rfind(ch, 0, start) for ch in "，。；：,;:\n") + 1
    return STOCK.search(s, clause, start) is not None


def _with_period(
    fig: Figure, periods: Periods, start: int, reference: dt.date | None, opening: str = ""
) -> Figure:
    phrase, basis = periods.with_basis(start)
    if basis == "inherited" and _is_stock(periods.s, start):
        # 全县在册社区矫正对象152人 under a paragraph about 一季度: a count of what there is, as of the release.
        phrase, basis = "", ""
    elif not phrase and opening and not _is_stock(periods.s, start):
        phrase, basis = opening, "inherited"
    if phrase:
        first, last = resolve_period(phrase, reference)
    elif reference is not None:
        first, last, basis = reference, reference, "release"
    else:
        first = last = None
    return replace(fig, period=phrase, period_start=first, period_end=last, period_basis=basis)


# 由0.9%下降到0.4%: the second figure is a level the first one moved to.
_MOVED_TO = re.compile(
    r"[^，。；,;]{0,8}?(?P<verb>下降|降低|减少|压降|压缩|缩短|上升|增长|提高|提升|增加|降|升|增|减)(?:到|至)[ \u3000]*"
)
_MOVED_FROM = re.compile(r"(?:由|从)[^，。；,;]{0,12}$")


def _moved_from(s: str, c: Candidate, prev: Candidate, prev_fig: Figure, fig: Figure) -> Figure:
    if fig.is_change or prev_fig.unit != fig.unit or prev_fig.value is None:
        return fig
    m = _MOVED_TO.fullmatch(s, prev.trailing_end, c.start)
    if m is None or not _MOVED_FROM.search(s, max(0, prev.start - 12), prev.start):
        return fig
    direction = "up" if m.group("verb") in UP_VERBS or m.group("verb") in SHORT_UP else "down"
    # The level keeps its own period; the start value's period (去年) is the comparison basis.
    return replace(fig, from_value=prev_fig.value, direction=direction, basis=prev_fig.period or fig.basis)


def find_candidates(s: str, quotes: list[tuple[int, int]]) -> list[Candidate]:
    found: list[Candidate] = []
    pos = 0
    while True:
        m = NUMBER.search(s, pos)
        if m is None:
            break
        c = read_candidate(s, m)
        if c is not None and not exclusion_reason(s, c, quotes):
            found.append(c)
            pos = c.end
        else:
            pos = m.end()
    extra = _percent_words(s, quotes) + _zeros(s, quotes)
    if extra:
        taken = [(c.start, c.end) for c in found]
        for c in extra:
            if not any(a < c.end and c.start < b for a, b in taken):
                found.append(c)
        found.sort(key=lambda c: c.start)
    return found


def _percent_words(s: str, quotes) -> list[Candidate]:
    """百分之九十五 -> 95 %."""
    out = []
    for m in PERCENT_WORDS.finditer(s):
        if inside(quotes, m.start(), m.end()):
            continue
        n = m.group("n")
        if n[0].isdigit():
            value = parse_arabic(n)
        else:
            whole, _, frac = n.partition("点")
            parsed = parse_chinese(whole)
            if parsed is None:
                continue
            digits = "".join(str(CN_DIGITS[ch]) for ch in frac)
            value = Decimal(f"{parsed}.{digits}") if digits else Decimal(parsed)
        if value is None:
            continue
        out.append(_simple_candidate(m.start(), m.end(), value, "%"))
    return out


def _zeros(s: str, quotes) -> list[Candidate]:
    """被骗率保持为零 -> 0; the unit is decided with the subject."""
    return [
        _simple_candidate(m.start(), m.end(), Decimal(0), "")
        for m in ZERO.finditer(s)
        if not inside(quotes, m.start(), m.end())
    ]


def _simple_candidate(start: int, end: int, value: Decimal, unit: str) -> Candidate:
    return Candidate(
        start=start,
        end=end,
        num_start=start,
        num_end=end,
        value=value,
        unit=unit,
        trailing_end=end,
        chinese=True,
    )


def _figure(
    view: View, c: Candidate, prev: Candidate | None, prev_fig: Figure | None, periods: Periods
) -> Figure:
    s = view.simp
    lead, lead_start = ("", c.start) if c.bare_lead else leading_qualifier(s, c.start)
    direction, basis, change_start = change_before(s, c.start)
    continuation = (
        prev is not None and prev_fig is not None and is_list_continuation(s, prev.trailing_end, c.start)
    )
    if continuation and direction is None and prev_fig.is_change:
        direction, basis = prev_fig.direction, prev_fig.basis
    if continuation and prev_fig.subject:
        subject = prev_fig.subject
    else:
        floor = prev.trailing_end if prev is not None else 0
        subject = subject_for(s, min(lead_start, change_start), floor, c.trailing_end)
        if (
            subject in VERBS
            and prev_fig is not None
            and prev_fig.subject
            and _verb_only_between(s, prev, lead_start)
        ):
            # 受理知识产权案件2051件、审结1407件: the second verb takes the first one's object.
            verb = _VERB_RE.match(prev_fig.subject)
            if verb:
                subject += prev_fig.subject[verb.end() :]
    unit = c.unit
    if c.value == 0 and not unit and subject.endswith(RATE_SUBJECT_ENDINGS):
        unit = "%"
    start, end = view.span(c.start, c.end)
    return Figure(
        text=view.original[start:end],
        start=start,
        end=end,
        value=tidy(c.value),
        unit=unit,
        qualifier=c.inner or c.trailing or c.bare_lead or lead,
        is_change=direction is not None,
        direction=direction,
        basis=basis if direction else "",
        subject=subject,
        period=periods.for_figure(c.start),
    )


def _verb_only_between(s: str, prev: Candidate, start: int) -> bool:
    between = s[prev.trailing_end : start].strip("、，,；; \u3000")
    return between in VERBS
