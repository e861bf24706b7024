"""The site in a real Chromium against a live server: what a reader does, step by step.

Debian's Chromium (`CHROMIUM`, default /usr/bin/chromium) driven by Playwright for Python; Playwright never
downloads a browser here. A missing Chromium fails these tests: it must not pass as skipped. Each test
saves a screenshot into test-artifacts/. `UPDATE_DOCS_SCREENSHOT=1` also rewrites docs/release-page.png.
"""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.site.conftest import GUIYANG, SHENYANG, SUZHOU

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"Chromium is missing at {CHROMIUM}: install Debian's chromium package (make chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; Django would then refuse the test's own
    # database calls (fixtures, flush) as "async unsafe" although nothing runs concurrently here.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            yield launched
            launched.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def open_page(plain_http_live_server, live_server, browser, live_archive):
    """open_page(path, width=1280, locale="zh-CN") -> a Playwright page at live_server + path."""
    contexts = []

    def open_(path: str, width: int = 1280, height: int = 900, locale: str = "zh-CN"):
        context = browser.new_context(
            viewport={"width": width, "height": height}, locale=locale, accept_downloads=True
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        page.goto(live_server.url + path)
        return page

    yield open_
    for context in contexts:
        context.close()


def shot(page, name: str, full_page: bool = False) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


@pytest.mark.seeds
def test_search_then_narrow_with_a_facet(open_page, live_archive):
    page = open_page("/")
    page.get_by_label("搜索词").fill("知識產權")  # traditional query, simplified releases too
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    titles = page.locator("ol.results h2 a")
    assert titles.count() >= 2
    assert page.locator(".snippet mark").count() > 0
    page.locator("#facet-city + ul a", has_text="贵阳市").click()
    page.wait_for_url(re.compile(r"city=guiyang"))
    assert titles.count() == 1
    assert live_archive[GUIYANG].title in titles.first.inner_text()
    assert page.locator(".chip").count() == 1
    shot(page, "search-facet")


@pytest.mark.seeds
def test_filter_releases_and_remove_a_filter(open_page, live_archive):
    page = open_page("/releases/")
    items = page.locator(".release-list .release-title a")
    assert items.count() == len(live_archive)
    page.get_by_label("城市", exact=True).select_option("shenyang")
    page.get_by_label("机关", exact=True).select_option("court")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url(re.compile(r"/releases/\?city=shenyang&agency=court$"))  # empty fields dropped
    assert items.count() == 1
    chips = page.locator(".chips .chip")
    assert chips.count() == 2
    shot(page, "filters-applied")
    page.get_by_role("link", name="移除筛选：城市 沈阳市").click()
    page.wait_for_url(re.compile(r"/releases/\?agency=court$"))
    assert items.count() == len(live_archive)  # every release has a court section
    assert page.locator(".chips .chip").count() == 1
    shot(page, "filter-removed")


def test_open_a_release_switch_script_and_jump_to_a_figure(open_page, live_archive):
    release = live_archive[SUZHOU]
    page = open_page("/releases/")
    page.get_by_role("link", name=release.title).click()
    page.wait_for_url(re.compile(rf"/releases/{release.pk}/$"))
    heading = page.locator("h1")
    assert "蘇州政法系統" in heading.inner_text()
    page.get_by_role("link", name="简体").click()
    page.wait_for_url(re.compile(r"\?script=simplified$"))
    assert "苏州政法系统" in heading.inner_text()
    assert page.locator(".release-text").get_attribute("lang") == "zh-Hans"
    if os.environ.get("UPDATE_DOCS_SCREENSHOT"):
        # One of our own samples: the seeds are third-party text and stay out of the repository.
        docs = open_page(f"/releases/{live_archive['05_zhanjiang_fanzha'].pk}/", width=1280, height=1000)
        shot_path = ROOT / "docs" / "release-page.png"
        shot_path.parent.mkdir(exist_ok=True)
        docs.screenshot(path=str(shot_path))

    link = page.locator("a.figure-link").nth(25)
    target = link.get_attribute("href")
    figure_text = link.inner_text()
    link.click()
    page.wait_for_url(re.compile(re.escape(target) + "$"))
    mark = page.locator(target)
    assert mark.inner_text() == figure_text
    assert (
        page.evaluate("document.querySelector(':target') && document.querySelector(':target').id")
        == target[1:]
    )
    # Focus follows, for screen readers. The hashchange handler runs after the URL changes, so wait for it
    # rather than read activeElement at once (that raced in CI).
    expect(mark).to_be_focused()
    box = mark.bounding_box()
    assert box is not None and 0 <= box["y"] <= page.viewport_size["height"]
    outline = page.evaluate(f"getComputedStyle(document.querySelector('{target}')).outlineStyle")
    assert outline != "none"
    shot(page, "release-figure-jump")


@pytest.mark.seeds
def test_export_the_filtered_figures_as_csv(open_page, live_archive):
    page = open_page("/figures/?city=shenyang&agency=court")
    count = int(re.search(r"共 (\d+) 项数据", page.locator(".result-count").inner_text()).group(1))
    # Without an indicator the explorer offers indicators to start from (issue 12), not a chart.
    assert page.locator(".indicator-list a").count() >= 1
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV").click()
    path = info.value.path()
    rows = list(csv.DictReader(io.StringIO(Path(path).read_text(encoding="utf-8-sig"))))
    assert len(rows) == count > 0
    assert {r["city_slug"] for r in rows} == {"shenyang"} and {r["agency"] for r in rows} == {"court"}
    shot(page, "figures-export")


def test_switch_the_language(open_page, live_archive):
    page = open_page(f"/releases/{live_archive[SHENYANG].pk}/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    page.wait_for_function("document.documentElement.lang === 'en'")
    assert page.url.endswith(f"/releases/{live_archive[SHENYANG].pk}/")
    assert (
        page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Releases").count()
        == 1
    )
    assert page.get_by_role("heading", name="Provenance").count() == 1
    shot(page, "language-english")
    page.get_by_role("button", name="简体中文").click()
    page.wait_for_function("document.documentElement.lang === 'zh-hans'")
    # A browser asking for English gets English without the switch.
    english = open_page("/", locale="en-GB")
    assert english.locator("html").get_attribute("lang") == "en"


def test_phone_layout_and_keyboard(open_page, live_archive):
    pages = {
        "home": "/",
        "release": f"/releases/{live_archive[SUZHOU].pk}/",
        "figures": "/figures/",
        "search": "/search/?q=诈骗",
        "releases": "/releases/",
    }
    for name, path in pages.items():
        page = open_page(path, width=375, height=812)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, (path, overflow)
        shot(page, f"phone-{name}", full_page=name == "release")
    page = open_page(f"/releases/{live_archive[SUZHOU].pk}/", width=375, height=812)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()
    body_size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.release-text p')).fontSize)"
    )
    assert body_size >= 16
    shot(page, "phone-keyboard")
