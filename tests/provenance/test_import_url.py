"""Archiving from a URL against a real HTTP server on 127.0.0.1: WARC capture, reposts, versions, bad input."""

import pytest
from django.core.management import call_command
from opencc import OpenCC

from reports.fetch.fetcher import read_warc
from reports.importer import import_url
from reports.models import OriginalFile, Release
from reports.provenance_models import Capture, ReleaseCopy, ReleaseVersion, SourceStatus
from search.indexing import process_pending
from tests.provenance.server import RELEASE_PARAGRAPHS, article

pytestmark = pytest.mark.django_db
TITLE = "清河市召开2025年度平安建设新闻发布会"


def stored_nothing():
    return not Release.objects.exists() and not Capture.objects.exists() and not ReleaseCopy.objects.exists()


def test_import_by_url_stores_the_release_its_warc_and_starts_watching(site):
    site.html("/news/2026/0302/a1.html", article(TITLE, RELEASE_PARAGRAPHS))
    outcome = import_url(site.url("/news/2026/0302/a1.html"))
    assert outcome.status == "created", outcome.message
    release = outcome.release
    assert release.title == TITLE
    assert release.source_url == site.url("/news/2026/0302/a1.html")
    assert "4821" in release.text and "首页" not in release.text  # main text only, no navigation
    capture = Capture.objects.get(release=release)
    assert capture.http_status == 200
    records = read_warc(bytes(capture.warc))
    assert [r[0] for r in records] == ["warcinfo", "request", "response"]
    assert b"PinganArchiveBot" in records[0][3]  # who captured it
    assert records[2][1] == site.url("/news/2026/0302/a1.html") and records[2][2] == 200
    assert records[2][3] == bytes(OriginalFile.objects.get(release=release).data)
    assert SourceStatus.objects.get(release=release).state == "alive"
    # Polite: our user agent names the archive and its contact, and robots.txt was read first.
    paths = [path for _host, path, _ua in site.requests]
    assert paths[0] == "/robots.txt"
    assert all("PinganArchiveBot" in ua and "@" in ua for _h, _p, ua in site.requests)


def test_the_same_page_twice_is_a_duplicate(site):
    site.html("/a.html", article(TITLE, RELEASE_PARAGRAPHS))
    assert import_url(site.url("/a.html")).status == "created"
    again = import_url(site.url("/a.html"))
    assert again.status == "duplicate" and Release.objects.count() == 1


def test_redirects_are_followed_and_recorded(site):
    site.redirect("/old.html", "/new.html")
    site.html("/new.html", article(TITLE, RELEASE_PARAGRAPHS))
    outcome = import_url(site.url("/old.html"))
    assert outcome.status == "created"
    capture = Capture.objects.get()
    assert capture.final_url == site.url("/new.html")
    assert [h["status"] for h in capture.redirects] == [301, 200]
    assert [r[2] for r in read_warc(bytes(capture.warc)) if r[0] == "response"] == [301, 200]


def repost(paragraphs, converter=None):
    spam = ["关注微信公众号“法治快讯”，获取更多资讯", "本文转载自网络，如有侵权请联系删除"]
    body = [paragraphs[0], spam[0], *paragraphs[1:-1], spam[1]]  # the last paragraph is dropped
    body = [p.replace("，", ",").replace("平安", "平（píng）安") for p in body]
    if converter:
        body = [converter.convert(p) for p in body]
    return body


def test_a_repost_in_the_other_script_with_spam_is_merged_into_its_canonical(site, client):
    site.html("/a.html", article(TITLE, RELEASE_PARAGRAPHS))
    canonical = import_url(site.url("/a.html")).release
    traditional = OpenCC("s2t")
    site.html(
        "/mirror/123.html",
        article(traditional.convert(TITLE), repost(RELEASE_PARAGRAPHS, traditional), outlet="某某资讯网"),
    )
    outcome = import_url(site.url("/mirror/123.html"))
    assert outcome.status == "copy", outcome.message
    assert outcome.release == canonical and f"copy of release {canonical.pk}" in outcome.message
    assert Release.objects.count() == 1
    copy = ReleaseCopy.objects.get()
    assert copy.canonical == canonical and copy.source_url == site.url("/mirror/123.html")
    assert Capture.objects.filter(copy=copy).count() == 1
    page = client.get(f"/releases/{canonical.pk}/").content.decode()
    assert "也见于 1 处转载" in page and site.url("/mirror/123.html") in page
    listing = client.get("/releases/").content.decode()
    assert listing.count(f'href="/releases/{canonical.pk}/"') == 1 and "也见于 1 处转载" in listing
    process_pending()  # the index outbox (on_commit does not fire inside a test's transaction)
    found = client.get("/search/?q=电信网络诈骗").content.decode()
    assert found.count('<li class="result">') == 1 and "也见于 1 处转载" in found
    feed = client.get("/feeds/releases/").content.decode()
    assert feed.count("<entry>") == 1 and "也见于 1 处转载" in feed


# Boilerplate a city repeats every year, word for word: the template two different releases share.
TEMPLATE = [
    "会议强调，要坚持以人民为中心的发展思想，统筹发展和安全，深入推进更高水平的平安建设，不断增强人民群众的获得感、幸福感、安全感。",
    "下一步，全市政法机关将持续深化诉源治理，完善矛盾纠纷多元化解机制，推动社会治理重心向基层下移，努力把矛盾纠纷化解在萌芽状态。",
    "各级各部门要压紧压实工作责任，加强协调配合，健全考核评价机制，确保各项任务落地见效，为经济社会高质量发展营造安全稳定的社会环境。",
]


def test_a_different_release_from_the_same_template_is_not_merged(site):
    site.html("/a.html", article(TITLE, RELEASE_PARAGRAPHS + TEMPLATE))
    import_url(site.url("/a.html"))
    other_year = [p.replace("2025", "2024") for p in RELEASE_PARAGRAPHS + TEMPLATE]
    for old, new in (
        ("4821", "3907"),
        ("96.1", "93.4"),
        ("38527", "35110"),
        ("1264", "1102"),
        ("742", "655"),
        ("3152", "2874"),
        ("4633", "3650"),
        ("36910", "33020"),
        ("2377", "2018"),
        ("1096", "980"),
        ("5630", "4410"),
        ("1287", "1203"),
        ("318", "240"),
        ("98.4", "97.9"),
        ("95.8", "94.1"),
    ):
        other_year = [p.replace(old, new) for p in other_year]
    site.html("/b.html", article(TITLE.replace("2025", "2024"), other_year))
    assert import_url(site.url("/b.html")).status == "created"
    assert Release.objects.count() == 2 and not ReleaseCopy.objects.exists()


def test_a_changed_source_becomes_a_new_version_with_a_diff(site, client):
    site.html("/a.html", article(TITLE, RELEASE_PARAGRAPHS))
    release = import_url(site.url("/a.html")).release
    first_sha = release.sha256
    edited = [p.replace("742起", "756起") for p in RELEASE_PARAGRAPHS]
    site.html("/a.html", article(TITLE + "（更正）", edited))
    outcome = import_url(site.url("/a.html"))
    assert outcome.status == "version" and outcome.release.pk == release.pk, outcome.message
    release.refresh_from_db()
    assert "756起" in release.text and release.title.endswith("（更正）")
    versions = list(ReleaseVersion.objects.filter(release=release).order_by("number"))
    assert [v.current for v in versions] == [False, True]
    assert versions[0].sha256 == first_sha and "742起" in versions[0].text
    assert release.sections.filter(metrics__text__contains="756").exists()
    diff = client.get(f"/releases/{release.pk}/diff/?a=1&b=2").content.decode()
    # Character-level: the edited figure reads 7<del>42</del><ins>56</ins>, not two whole paragraphs.
    assert "破获电信网络诈骗案件7<del>42</del><ins>56</ins>起" in diff
    assert "<del>清河市召开2025年度平安建设新闻发布会</del>" in diff
    # Figures per version: the edited figure is listed as replaced.
    assert '<td lang="zh"><del>742起</del></td><td lang="zh"><ins>756起</ins></td>' in diff
    page = client.get(f"/releases/{release.pk}/").content.decode()
    assert "版本 1" in page and "版本 2" in page


@pytest.mark.parametrize(
    "case, expected",
    [
        ("unreachable", "connection refused"),
        ("timeout", "timed out"),
        ("404", "HTTP 404"),
        ("not_article", "not an article"),
        ("soft_404", "页面不存在"),
        ("huge", "too large"),
        ("loop", "redirect loop"),
        ("robots", "robots.txt"),
        ("binary", "not an article"),
        ("home", "redirected to the home page"),
    ],
)
def test_bad_input_gets_a_reason_and_stores_nothing(site, case, expected):
    url = site.url(f"/{case}.html")
    if case == "unreachable":
        url = "http://127.0.0.1:9/never.html"  # the discard port: nothing listens
    elif case == "timeout":
        site.html("/timeout.html", article(TITLE, RELEASE_PARAGRAPHS))
        site.slow["/timeout.html"] = 2.5
    elif case == "not_article":
        site.html(
            "/not_article.html", "<html><body><div class='nav'><a href='/'>首页</a></div></body></html>"
        )
    elif case == "soft_404":
        site.html(
            "/soft_404.html",
            "<html><body><div class='main'><p>对不起，您访问的页面不存在或已被删除，请返回首页继续浏览本站其他内容。</p></div></body></html>",
        )
    elif case == "huge":
        site.html("/huge.html", article(TITLE, RELEASE_PARAGRAPHS * 600))
    elif case == "loop":
        site.redirect("/loop.html", "/loop2.html")
        site.redirect("/loop2.html", "/loop.html")
    elif case == "robots":
        site.html("/private/x.html", article(TITLE, RELEASE_PARAGRAPHS))
        url = site.url("/private/x.html")
    elif case == "home":
        site.html("/", article("清河市人民政府门户网站", RELEASE_PARAGRAPHS))  # a home page full of text
        site.redirect("/home.html", "/", status=302)
    elif case == "binary":
        site.pages["/binary.html"] = (
            200,
            {"Content-Type": "image/png"},
            b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10,
        )
    outcome = import_url(url)
    assert outcome.status == "error"
    assert expected in outcome.message
    assert stored_nothing()


def test_import_url_command_prints_one_line_per_url(site, capsys):
    site.html("/a.html", article(TITLE, RELEASE_PARAGRAPHS))
    call_command("import_url", site.url("/a.html"), site.url("/a.html"), site.url("/gone.html"))
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 3
    assert (
        "created" in lines[0] and "duplicate" in lines[1] and "error" in lines[2] and "HTTP 404" in lines[2]
    )


def test_a_corrected_comma_is_a_version_but_a_reflowed_page_is_not(site):
    site.html("/a.html", article(TITLE, RELEASE_PARAGRAPHS))
    release = import_url(site.url("/a.html")).release
    reflowed = (
        article(TITLE, RELEASE_PARAGRAPHS).replace("<p>", "<p>\n  ").replace("</div></div>", "</div>\n</div>")
    )
    site.html("/a.html", reflowed)
    assert import_url(site.url("/a.html")).status == "duplicate"
    site.html(
        "/a.html", article(TITLE, [RELEASE_PARAGRAPHS[0].replace("，", "；", 1), *RELEASE_PARAGRAPHS[1:]])
    )
    assert import_url(site.url("/a.html")).status == "version"
    assert ReleaseVersion.objects.filter(release=release).count() == 2


def test_import_releases_merges_reposted_files_when_asked(tmp_path, capsys):
    from opencc import OpenCC

    first = tmp_path / "a.txt"
    first.write_text("\n".join([TITLE, *RELEASE_PARAGRAPHS]), encoding="utf-8")
    mirror = tmp_path / "b.txt"
    converter = OpenCC("s2t")
    mirror.write_text(
        "\n".join([converter.convert(TITLE), *repost(RELEASE_PARAGRAPHS, converter)]), encoding="utf-8"
    )
    call_command("import_releases", str(first), str(mirror), "--merge-reposts", "--no-progress")
    out = capsys.readouterr().out
    assert "1 created, 0 duplicate, 0 failed, 1 copies of releases held" in out
    assert Release.objects.count() == 1 and ReleaseCopy.objects.get().canonical == Release.objects.get()


def test_provenance_pages_answer_bad_addresses_with_404_never_500(site, client):
    site.html("/a.html", article(TITLE, RELEASE_PARAGRAPHS))
    release = import_url(site.url("/a.html")).release
    assert client.get(f"/releases/{release.pk}/diff/").status_code == 404  # one version only
    site.html("/a.html", article(TITLE, [p.replace("742", "751") for p in RELEASE_PARAGRAPHS]))
    import_url(site.url("/a.html"))
    for query in ("?a=x&b=y", "?a=1&b=9", "?a=-1", "?a=99999999999999999999"):
        assert client.get(f"/releases/{release.pk}/diff/{query}").status_code in (200, 404), query
    assert client.get(f"/releases/{release.pk}/diff/?a=1&b=2").status_code == 200
    assert client.get("/captures/999999/warc/").status_code == 404
    assert client.get("/releases/999999/diff/").status_code == 404
