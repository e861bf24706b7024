"""The explorer's chart: one indicator across cities, each figure drawn over the period it covers.

A figure is a bar spanning its period (a full year spans the year, 1至9月 nine months, “十四五”期间 five
years) at the height of its value; a stock at one day is a marker. Nothing joins figures into lines: two
figures of one city are only comparable when their periods are alike, and the reader sees that they are or
are not. Period kinds are told apart by the bar's fill (solid for a full year, light with an outline for
year-to-date, hatched for several years, outline only for another span), never by colour alone.

One chart holds one unit and one kind of number (a level or a change): 件 and 人, or a rate and a change
of it, are different charts. Colours (Okabe-Ito) and marker shapes are stable per city: they come from the
city's code, so 沈阳 looks the same in every view. The plot has margins on every side so that no bar or
marker is clipped. Computed here, drawn as SVG by includes/_period_chart.html: no JavaScript, no CDN.
"""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from reports.browse.chart import MARKERS, PALETTE, marker_path, x_ticks, y_range
from reports.browse.labels import compact_number

WIDTH, HEIGHT = 760, 340
LEFT, RIGHT, TOP, BOTTOM = 68, 24, 20, 44
BAR = 8  # bar thickness in px
MIN_BAR = 4  # a one-month period still shows as a bar, not a dot
MAX_POINTS = 3000
KIND_STYLE = {
    "year": "solid",
    "year_to_date": "light",
    "within_year": "outline",
    "multi_year": "hatched",
    "point": "marker",
    "": "marker",
}


KIND_LABELS = {
    "year": _("全年"),
    "year_to_date": _("年初至今（年内累计）"),
    "within_year": _("年内其他时段"),
    "multi_year": _("跨年度（多年累计）"),
    "point": _("时点数（截至某日）"),
}


@dataclass
class Row:
    city_key: str  # the city's code or slug: what its colour is derived from
    city: str  # shown name
    start: dt.date
    end: dt.date
    kind: str
    value: float
    label: str  # the figure as a sentence: city, period, text, value
    url: str  # the exact span in the release page


@dataclass
class Mark:
    x: float
    y: float
    w: float
    style: str
    label: str
    url: str
    shape: str = ""  # SVG path of the city's marker: the point itself, or the end of a bar


@dataclass
class CitySeries:
    name: str
    color: str
    marker: str
    legend_marker: str
    marks: list[Mark] = field(default_factory=list)

    def svg_marks(self, hatch_id: str):
        """The marks as SVG, built here: a chart of thousands of bars rendered through template tags took
        most of the page's time. Every text is escaped; URLs are our own paths."""
        out = []
        for m in self.marks:
            label = escape(m.label)
            head = f'<a class="mark" href="{escape(m.url)}" data-kind="{m.style}" aria-label="{label}">'
            if m.style == "marker":
                out.append(f'{head}<path d="{m.shape}"><title>{label}</title></path></a>')
                continue
            fill = {
                "light": ' fill-opacity="0.3"',
                "outline": ' fill="#fff"',
                "hatched": f' fill="url(#{hatch_id})"',
            }.get(m.style, "")
            out.append(
                f'{head}<rect x="{m.x}" y="{m.y}" width="{m.w}" height="{BAR}" stroke-width="1.5"{fill}>'
                f'<title>{label}</title></rect><path class="end" d="{m.shape}"></path></a>'
            )
        return mark_safe("".join(out))


@dataclass
class PeriodChart:
    unit: str
    is_change: bool
    series: list[CitySeries]
    x_ticks: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]]
    kinds: list[tuple[str, str, str]]  # (kind, style, label) of the kinds drawn
    zero_y: float
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    top: int = TOP
    plot_right: int = WIDTH - RIGHT
    plot_bottom: int = HEIGHT - BOTTOM
    points: int = 0
    dropped: int = 0


def city_style(key: str) -> tuple[str, str]:
    """(colour, marker) of a city, the same in every view."""
    h = zlib.crc32(key.encode("utf-8"))
    return PALETTE[h % len(PALETTE)], MARKERS[(h // len(PALETTE)) % len(MARKERS)]


def build_period_chart(rows: list[Row], unit: str, is_change: bool) -> PeriodChart | None:
    rows = [r for r in rows if r.start and r.end and r.value is not None]
    if not rows:
        return None
    dropped = max(0, len(rows) - MAX_POINTS)
    rows = rows[:MAX_POINTS]
    first = min(r.start for r in rows)
    last = max(r.end for r in rows) + dt.timedelta(days=1)  # a period ends at the end of its last day
    # Margins: a few percent of the span on each side, at least two weeks, so edge bars are whole.
    pad = dt.timedelta(days=max(14, (last - first).days // 30))
    lo_date, hi_date = first - pad, last + pad
    low, high, step = y_range([r.value for r in rows])
    span = (hi_date - lo_date).days
    chart = PeriodChart(unit, is_change, [], [], [], [], 0.0, points=len(rows), dropped=dropped)
    plot_w = chart.plot_right - chart.left
    # Leave half a bar above the top tick and below the bottom one: nothing touches the frame.
    inner_top, inner_bottom = chart.top + BAR, chart.plot_bottom - BAR
    plot_h = inner_bottom - inner_top

    def x_of(date: dt.date) -> float:
        return chart.left + plot_w * (date - lo_date).days / span

    def y_of(value: float) -> float:
        return inner_bottom - plot_h * (value - low) / (high - low)

    tick = low
    while tick <= high + step / 2:
        chart.y_ticks.append((round(y_of(tick), 1), compact_number(tick)))
        tick += step
    chart.zero_y = round(y_of(0.0), 1) if low <= 0 <= high else round(inner_bottom, 1)
    years = (last - first).days > 730
    for date in x_ticks(first, last):
        chart.x_ticks.append((round(x_of(date), 1), str(date.year) if years else date.strftime("%Y-%m")))

    by_city: dict[str, CitySeries] = {}
    kinds = set()
    for r in sorted(rows, key=lambda r: (r.city, r.start, r.end)):
        series = by_city.get(r.city_key)
        if series is None:
            color, marker = city_style(r.city_key)
            series = by_city[r.city_key] = CitySeries(r.city, color, marker, marker_path(marker, 14, 6))
        style = KIND_STYLE.get(r.kind, "marker")
        kinds.add(r.kind if style != "marker" else "point")
        x0, x1, y = x_of(r.start), x_of(r.end + dt.timedelta(days=1)), y_of(r.value)
        if style == "marker":
            mark = Mark(
                round(x0, 1), round(y, 1), 0, style, r.label, r.url, marker_path(series.marker, x0, y, 5)
            )
        else:
            w = max(MIN_BAR, x1 - x0)
            # The city's marker closes each bar, so that two cities sharing a colour still differ by shape.
            end_marker = marker_path(series.marker, x0 + w, y, 4.5)
            mark = Mark(round(x0, 1), round(y - BAR / 2, 1), round(w, 1), style, r.label, r.url, end_marker)
        series.marks.append(mark)
    chart.series = sorted(by_city.values(), key=lambda s: s.name)
    chart.kinds = [(k, KIND_STYLE[k], KIND_LABELS[k]) for k in KIND_LABELS if k in kinds]
    return chart
