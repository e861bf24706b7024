"""What every chart of the site shares: the palette, marker shapes, and axis scales with round ticks.

The figures explorer's chart (reports/browse/period_chart.py) is computed server-side and drawn as SVG by a
template: no JavaScript, no CDN, and it prints.
"""

from __future__ import annotations

import datetime as dt
import math

# Okabe-Ito colours (distinguishable with the common colour-vision deficiencies), each with a marker shape
# so that colour is never the only cue.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8F6A00", "#1B7FA8", "#000000", "#7A4EAB"]
MARKERS = ["circle", "square", "diamond", "triangle"]


def nice_step(span: float, ticks: int = 5) -> float:
    raw = span / max(ticks, 1)
    if raw <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def y_range(values: list[float]) -> tuple[float, float, float]:
    low, high = min(0.0, min(values)), max(0.0, max(values))
    if low == high:
        high = low + 1
    step = nice_step(high - low)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def x_ticks(first: dt.date, last: dt.date) -> list[dt.date]:
    days = (last - first).days
    if days > 730:
        return [dt.date(y, 1, 1) for y in range(first.year + 1, last.year + 1)] or [first]
    if days > 90:
        months = []
        y, m = first.year, first.month
        while (y, m) <= (last.year, last.month):
            months.append(dt.date(y, m, 1))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        stride = max(1, math.ceil(len(months) / 8))
        return [d for d in months[::stride] if first <= d <= last] or [first]
    return sorted({first, last})


def marker_path(kind: str, x: float, y: float, r: float = 4.0) -> str:
    if kind == "square":
        return f"M{x - r:.1f} {y - r:.1f}h{2 * r:.1f}v{2 * r:.1f}h{-2 * r:.1f}Z"
    if kind == "diamond":
        return f"M{x:.1f} {y - r - 1:.1f}L{x + r + 1:.1f} {y:.1f}L{x:.1f} {y + r + 1:.1f}L{x - r - 1:.1f} {y:.1f}Z"
    if kind == "triangle":
        return f"M{x:.1f} {y - r - 1:.1f}L{x + r + 1:.1f} {y + r:.1f}L{x - r - 1:.1f} {y + r:.1f}Z"
    return f"M{x - r:.1f} {y:.1f}a{r:.1f} {r:.1f} 0 1 0 {2 * r:.1f} 0a{r:.1f} {r:.1f} 0 1 0 {-2 * r:.1f} 0"
