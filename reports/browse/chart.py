"""A line chart of figures over time, one line per city, computed here and drawn as SVG by a template.

Server-side so it needs no JavaScript and no CDN, prints, and is in the page a screen reader gets (with a
title, a description and the table of figures beside it). Only one unit is charted at a time: 件 and %
on one axis would mislead. Several figures of one city on one date (two releases, or a filter that lets
several subjects through) are drawn as dots, and the line goes through their median.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from reports.browse.labels import compact_number

# Okabe-Ito colours (distinguishable with the common colour-vision deficiencies), each with a marker shape
# so that colour is never the only cue.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8F6A00", "#1B7FA8", "#000000", "#7A4EAB"]
MARKERS = ["circle", "square", "diamond", "triangle"]
MAX_SERIES = len(PALETTE)
WIDTH, HEIGHT = 720, 320
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 40


@dataclass
class Point:
    x: float
    y: float
    label: str
    shape: str  # an SVG path for the marker


@dataclass
class Series:
    name: str
    color: str
    marker: str
    path: str
    points: list[Point] = field(default_factory=list)
    legend_marker: str = ""


@dataclass
class Chart:
    unit: str
    series: list[Series]
    x_ticks: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    top: int = TOP
    plot_right: int = WIDTH - RIGHT
    plot_bottom: int = HEIGHT - BOTTOM
    hidden_series: int = 0  # cities left out beyond MAX_SERIES
    points: int = 0


def nice_step(span: float, ticks: int = 5) -> float:
    raw = span / max(ticks, 1)
    if raw <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def _y_range(values: list[float]) -> tuple[float, float, float]:
    low, high = min(0.0, min(values)), max(0.0, max(values))
    if low == high:
        high = low + 1
    step = nice_step(high - low)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def _x_ticks(first: dt.date, last: dt.date) -> list[dt.date]:
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


def _marker(kind: str, x: float, y: float, r: float = 4.0) -> str:
    if kind == "square":
        return f"M{x - r:.1f} {y - r:.1f}h{2 * r:.1f}v{2 * r:.1f}h{-2 * r:.1f}Z"
    if kind == "diamond":
        return f"M{x:.1f} {y - r - 1:.1f}L{x + r + 1:.1f} {y:.1f}L{x:.1f} {y + r + 1:.1f}L{x - r - 1:.1f} {y:.1f}Z"
    if kind == "triangle":
        return f"M{x:.1f} {y - r - 1:.1f}L{x + r + 1:.1f} {y + r:.1f}L{x - r - 1:.1f} {y + r:.1f}Z"
    return f"M{x - r:.1f} {y:.1f}a{r:.1f} {r:.1f} 0 1 0 {2 * r:.1f} 0a{r:.1f} {r:.1f} 0 1 0 {-2 * r:.1f} 0"


def build_chart(rows, unit: str) -> Chart | None:
    """`rows`: (city name, date, value, label) tuples. None when there is nothing to draw."""
    by_city: dict[str, list[tuple[dt.date, float, str]]] = defaultdict(list)
    for city, date, value, label in rows:
        if city and date and value is not None:
            by_city[city].append((date, float(value), label))
    if not by_city:
        return None
    ranked = sorted(by_city, key=lambda c: (-len(by_city[c]), c))
    shown = ranked[:MAX_SERIES]
    dates = [d for c in shown for d, _, _ in by_city[c]]
    values = [v for c in shown for _, v, _ in by_city[c]]
    first, last = min(dates), max(dates)
    low, high, step = _y_range(values)
    chart = Chart(unit, [], [], [], hidden_series=len(ranked) - len(shown), points=len(values))
    plot_w, plot_h = chart.plot_right - chart.left, chart.plot_bottom - chart.top
    span = (last - first).days

    def x_of(date: dt.date) -> float:
        return chart.left + (plot_w / 2 if span == 0 else plot_w * (date - first).days / span)

    def y_of(value: float) -> float:
        return chart.plot_bottom - plot_h * (value - low) / (high - low)

    tick = low
    while tick <= high + step / 2:
        chart.y_ticks.append((round(y_of(tick), 1), compact_number(tick)))
        tick += step
    for date in _x_ticks(first, last):
        label = str(date.year) if span > 730 else date.strftime("%Y-%m" if span > 90 else "%Y-%m-%d")
        chart.x_ticks.append((round(x_of(date), 1), label))

    for n, city in enumerate(shown):
        color, marker = PALETTE[n % len(PALETTE)], MARKERS[n % len(MARKERS)]
        per_date: dict[dt.date, list[float]] = defaultdict(list)
        series = Series(city, color, marker, "", legend_marker=_marker(marker, 14, 6))
        for date, value, label in sorted(by_city[city]):
            per_date[date].append(value)
            x, y = x_of(date), y_of(value)
            series.points.append(
                Point(round(x, 1), round(y, 1), f"{city} {date.isoformat()}: {label}", _marker(marker, x, y))
            )
        line = [(x_of(d), y_of(statistics.median(vs))) for d, vs in sorted(per_date.items())]
        series.path = "M" + " L".join(f"{x:.1f} {y:.1f}" for x, y in line)
        chart.series.append(series)
    return chart
