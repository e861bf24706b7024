"""The figures explorer in a real Chromium (issue 12): pick an indicator, read its chart across cities by period,
follow a bar to its exact span. Shares the browser fixtures of test_browser.py.

`UPDATE_DOCS_SCREENSHOT=1` also rewrites docs/figures-explorer.png (the chart only: the table would show
subjects from the third-party seeds).
"""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import expect

from reports.models import Metric
from tests.seeds import seeds_available
from tests.site import test_browser
from tests.site.test_browser import ROOT, shot

# The browser fixtures of test_browser.py, registered here under their names.
browser = test_browser.browser
open_page = test_browser.open_page

pytestmark = pytest.mark.browser
INDICATOR = "court-cases-concluded"
FIGURE_LINK = re.compile(r"^/releases/(\d+)/#figure-(\d+)$")


def test_explore_one_indicator_across_cities_by_period(open_page, live_archive):
    page = open_page("/figures/")
    page.get_by_label("查找指标（简体、繁体或英文名称）").fill(
        "審結"
    )  # traditional finds the simplified name
    page.get_by_role("button", name="查找").click()
    page.locator(f'a[data-indicator="{INDICATOR}"]').click()
    page.wait_for_url(re.compile(rf"indicator={INDICATOR}"))

    charted = Metric.objects.filter(
        indicator__slug=INDICATOR, value__isnull=False, period_start__isnull=False, period_end__isnull=False
    )
    units = set(charted.values_list("unit", "is_change"))
    charts = page.locator("figure.period-chart")
    expect(charts).to_have_count(len(units))
    svg = charts.first.locator("svg[role=img]")
    expect(svg).to_have_attribute("role", "img")
    marks = page.locator("figure.period-chart a.mark")
    assert marks.count() == charted.count() > 5

    # Every bar or marker links to the exact span of its figure, and carries an accessible label.
    hrefs = [marks.nth(i).get_attribute("href") for i in range(marks.count())]
    linked = {int(FIGURE_LINK.match(h).group(2)) for h in hrefs}
    assert linked == set(charted.values_list("id", flat=True))
    assert all(marks.nth(i).get_attribute("aria-label") for i in range(marks.count()))

    # Periods of different lengths are drawn differently: a full year as a solid bar, a year to date as a
    # light one, several years hatched; and a full year's bar is wider than a shorter period's.
    kinds = {marks.nth(i).get_attribute("data-kind") for i in range(marks.count())}
    assert {"solid", "light"} <= kinds
    # The multi-year (hatched) figures of this indicator come from a seed release; without the seeds (a
    # fresh clone) the samples give full years and years to date only.
    assert len(kinds) >= (3 if seeds_available() else 2)
    widths = {}
    for i in range(marks.count()):
        kind = marks.nth(i).get_attribute("data-kind")
        box = marks.nth(i).bounding_box()
        widths.setdefault(kind, []).append(box["width"])
    assert max(widths["solid"]) > min(widths["light"])
    if "hatched" in widths:
        assert max(widths["hatched"]) > max(widths["solid"])
    assert page.locator(".legend.kinds li").count() == len(kinds)

    # Nothing clipped: every mark lies inside its chart.
    frame = svg.bounding_box()
    for i in range(marks.count()):
        box = marks.nth(i).bounding_box()
        assert frame["x"] <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"] + 0.5
        assert frame["y"] <= box["y"] and box["y"] + box["height"] <= frame["y"] + frame["height"] + 0.5

    # Same colour for a city in every chart and view: the chart of the city's own filter agrees.
    first_city = page.locator("figure.period-chart g.series").first
    city_name, colour = first_city.get_attribute("data-city"), first_city.get_attribute("fill")
    shot(page, "figures-explorer", full_page=True)
    if os.environ.get("UPDATE_DOCS_SCREENSHOT"):
        charts.first.screenshot(path=str(ROOT / "docs" / "figures-explorer.png"))

    filtered = open_page(f"/figures/?indicator={INDICATOR}&agency=court")
    same = filtered.locator(f'figure.period-chart g.series[data-city="{city_name}"]').first
    assert same.get_attribute("fill") == colour

    # Following a bar (from the keyboard: bars may overlap under a pointer) lands on the figure's span.
    target = hrefs[0]
    marks.first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(target) + "$"))
    mark = page.locator(f"#figure-{FIGURE_LINK.match(target).group(2)}")
    expect(mark).to_be_visible()
    figure = Metric.objects.get(pk=int(FIGURE_LINK.match(target).group(2)))
    assert mark.inner_text().strip() == figure.text
