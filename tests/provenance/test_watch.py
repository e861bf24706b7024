"""watch_sources against a real HTTP server on 127.0.0.1: alive, changed, moved, gone, and what users see."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from reports.fetch.schedule import HostLimiter, round_robin
from reports.importer import import_url
from reports.ingest.pipeline import Hints
from reports.provenance_models import ReleaseVersion, SourceCheck, SourceStatus
from tests.provenance.server import RELEASE_PARAGRAPHS, article

pytestmark = pytest.mark.django_db
TITLE = "清河市召开2025年度平安建设新闻发布会"


def watch(*args):
    out = io.StringIO()
    call_command("watch_sources", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def archived(site):
    site.html("/a.html", article(TITLE, RELEASE_PARAGRAPHS))
    return import_url(site.url("/a.html")).release


def state(release):
    return SourceStatus.objects.get(release=release)


def test_an_unchanged_source_is_alive_and_every_check_is_recorded(site, archived):
    assert "nothing due" in watch()  # not due yet: the first check comes one interval after import
    watch("--all")
    status = state(archived)
    assert status.state == "alive" and status.next_check_at > timezone.now()
    check = SourceCheck.objects.get(status=status)
    assert (
        check.http_status == 200
        and check.final_url == site.url("/a.html")
        and len(check.content_sha256) == 64
    )


def test_a_removed_page_is_gone_and_shown_on_the_page_the_list_and_the_feed(site, archived, client):
    site.remove("/a.html")
    watch("--all")
    status = state(archived)
    assert status.state == "gone" and status.gone_since is not None
    page = client.get(f"/releases/{archived.pk}/").content.decode()
    day = timezone.localtime(status.gone_since).strftime("%Y-%m-%d")
    assert f"原网页已于 {day} 失效，本站存档可用" in page and "/captures/" in page
    # The capture is cited: the address, when it was fetched, and the WARC file's absolute address.
    capture = archived.captures.get()
    assert (
        f"http://testserver/captures/{capture.pk}/warc/"
        in page.split('id="cite-capture"')[1].split("</p>")[0]
    )
    listing = client.get("/sources/vanished/").content.decode()
    assert TITLE in listing and "共 1 篇发布稿的原网页已失效" in listing
    english = client.get(f"/releases/{archived.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"The source page disappeared on {day}; the archived copy is available" in english
    assert "By city" in client.get("/sources/vanished/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    feed = client.get("/feeds/vanished/").content.decode()
    assert "<entry>" in feed and TITLE in feed and f"/releases/{archived.pk}/" in feed
    # Still gone next time: the first-seen date does not move.
    first = status.gone_since
    watch("--all")
    assert state(archived).gone_since == first and SourceCheck.objects.filter(status=status).count() == 2


def test_a_soft_404_page_is_gone(site, archived):
    site.html(
        "/a.html",
        "<html><body><div class='main'><p>对不起，该信息已删除或已过期。</p><p>您可以返回首页，浏览本站其他政务信息和新闻动态。</p></div></body></html>",
    )
    watch("--all")
    assert state(archived).state == "gone"
    assert "该信息已删除" in SourceCheck.objects.get().note


def test_a_changed_page_is_kept_as_a_new_version(site, archived):
    site.html("/a.html", article(TITLE, [p.replace("96.1%", "96.3%") for p in RELEASE_PARAGRAPHS]))
    watch("--all")
    assert state(archived).state == "changed"
    assert ReleaseVersion.objects.filter(release=archived).count() == 2
    archived.refresh_from_db()
    assert "96.3%" in archived.text


def test_a_redirect_to_the_same_article_is_moved_and_to_the_home_page_is_gone(site, archived):
    site.html("/new/a.html", article(TITLE, RELEASE_PARAGRAPHS))
    site.redirect("/a.html", "/new/a.html")
    watch("--all")
    status = state(archived)
    assert status.state == "moved" and status.final_url == site.url("/new/a.html")
    site.html(
        "/", "<html><body><div class='nav'><a href='/x'>首页</a><a href='/y'>要闻</a></div></body></html>"
    )
    site.redirect("/a.html", "/")
    watch("--all")
    assert state(archived).state == "gone"


def test_a_dead_server_is_gone_after_three_failed_checks(site, archived):
    site.stop()
    watch("--all")
    watch("--all")
    status = state(archived)
    assert status.state == "alive" and status.failures == 2  # backing off, not yet gone
    assert status.next_check_at > timezone.now()
    watch("--all")
    assert state(archived).state == "gone"


def test_round_robin_spreads_hosts_and_the_limiter_waits_per_host():
    items = [("a", 1), ("a", 2), ("a", 3), ("b", 1), ("c", 1)]
    assert [h for h, _ in round_robin(items, lambda x: x[0])] == ["a", "b", "c", "a", "a"]
    now = [0.0]
    slept = []
    limiter = HostLimiter(
        2.0, clock=lambda: now[0], sleep=lambda s: (slept.append(s), now.__setitem__(0, now[0] + s))
    )
    limiter.wait("a")
    limiter.wait("b")
    limiter.wait("a")
    assert slept == [2.0]
    limiter.wait("b", at_least=5.0)  # the host's own Crawl-delay wins when longer
    assert slept[-1] == 5.0 - 2.0


def test_the_watcher_keeps_a_hosts_crawl_delay(site, archived):
    from reports.fetch.fetcher import RobotsCache
    from reports.provenance import fetch_policy

    site.pages["/robots.txt"] = (200, {}, b"User-agent: *\nCrawl-delay: 7\n")
    assert RobotsCache(fetch_policy()).crawl_delay(site.url("/a.html")) == 7.0
    site.pages["/robots.txt"] = (200, {}, b"User-agent: *\nCrawl-delay: 86400\n")
    assert RobotsCache(fetch_policy()).crawl_delay(site.url("/a.html")) == 60.0


def test_a_release_from_a_file_gets_its_first_capture_not_a_new_version(site):
    from reports.importer import import_file
    from reports.provenance_models import Capture

    site.html("/a.html", article(TITLE, RELEASE_PARAGRAPHS))
    text = "\n".join([TITLE, "（本稿由编辑据纸质材料录入）", *RELEASE_PARAGRAPHS])
    release = import_file(text.encode(), "paper.txt", hints=Hints(source_url=site.url("/a.html"))).release
    assert "1 newly watched" in watch()
    status = state(release)
    assert status.state == "alive" and "first capture" in SourceCheck.objects.get(status=status).note
    assert Capture.objects.filter(release=release).count() == 1
    assert not ReleaseVersion.objects.filter(release=release).exists()
    release.refresh_from_db()
    assert release.original_filename == "paper.txt"
