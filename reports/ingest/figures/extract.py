"""Find every figure in a section: scan the simplified copy, drop the names, read the context of the rest."""

from __future__ import annotations

from decimal import Decimal

from ..text import View, normal_view
from ..types import Figure
from .context import (
    _VERB_RE,
    VERBS,
    Periods,
    change_before,
    is_list_continuation,
    leading_qualifier,
    subject_for,
)
from .exclusions import exclusion_reason, inside, quoted_spans
from .numerals import CN_DIGITS, parse_arabic, parse_chinese, tidy
from .scan import NUMBER, PERCENT_WORDS, ZERO, Candidate, read_candidate

RATE_SUBJECT_ENDINGS = ("率", "比例", "占比")


def extract_figures(text: str, view: View | None = None) -> list[Figure]:
    """Every figure in `text` (a section as published), in order of appearance.

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
        figures.append(fig)
        prev, prev_fig = c, fig
    return figures


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
