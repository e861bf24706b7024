"""What a reader meets: linkable English pages, robots.txt, HEAD on originals, places in GB/T 2260 order,
English words for 同比 and 余, Chinese punctuation in Chinese text (home-page examples: test_home_examples.py)."""

import html
import re
import urllib.robotparser
from pathlib import Path

import pytest

from reports.ingest.gazetteer import lookup
from reports.models import Metric
from tests.conftest import ROOT, SAMPLES_DIR
from tests.site.conftest import SUZHOU, body

WEIFANG = "04_weifang_sifa"
ZHANJIANG = "05_zhanjiang_fanzha"


# -- /en/: the English interface can be linked -----------------------------------------------------------


def test_en_prefix_serves_english_whatever_the_browser_asks(site, client):
    release = site[SUZHOU]
    page = body(client.get(f"/en/releases/{release.pk}/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9"))
    assert '<html lang="en">' in page and "Download the archived original" in page
    # Links on an English page stay in the English interface.
    assert 'href="/en/releases/"' in page and 'href="/en/search/"' in page or 'action="/en/search/"' in page
    # The unprefixed URL is still the Chinese page it always was.
    chinese = body(client.get(f"/releases/{release.pk}/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9"))
    assert '<html lang="zh-hans">' in chinese and 'href="/releases/"' in chinese


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/releases/",
        "/releases/{suzhou}/",
        "/releases/{suzhou}/original/",
        "/cities/",
        "/cities/suzhou-jiangsu/",
        "/agencies/",
        "/agencies/court/",
        "/topics/",
        "/topics/telecom-fraud/",
        "/figures/",
        "/search/?q=法律援助",
        "/feeds/releases/",
    ],
)
def test_every_public_page_answers_unprefixed_and_under_en(site, client, path):
    path = path.format(suzhou=site[SUZHOU].pk)
    for url in (path, "/en" + path):
        response = client.get(url)
        assert response.status_code == 200, url
        if url.startswith("/en") and not url.endswith("/original/") and "html" in response["Content-Type"]:
            assert '<html lang="en">' in body(response)


def test_machine_urls_have_one_address(site, client):
    for url in ("/api/search/?q=法院", f"/api/releases/{site[SUZHOU].pk}/", "/sitemap.xml", "/robots.txt"):
        assert client.get(url).status_code == 200, url
    assert client.get("/en/api/search/?q=法院").status_code == 404
    assert client.get("/en/admin/").status_code == 404


def test_sitemap_lists_both_interfaces_with_alternates(site, client):
    text = body(client.get("/sitemap.xml"))
    pk = site[SUZHOU].pk
    assert f"<loc>http://testserver/releases/{pk}/</loc>" in text
    assert f"<loc>http://testserver/en/releases/{pk}/</loc>" in text
    assert 'hreflang="en"' in text and 'hreflang="x-default"' in text
    # The same whatever language the crawler's browser asks for.
    assert body(client.get("/sitemap.xml", HTTP_ACCEPT_LANGUAGE="en")) == text


def test_english_figure_table_translates_bases_and_qualifiers(site, client):
    release = site[ZHANJIANG]
    metrics = Metric.objects.filter(section__release=release)
    assert metrics.filter(basis="同比").exists() and metrics.filter(qualifier="余").exists()
    english = body(client.get(f"/en/releases/{release.pk}/"))
    table = english.split('id="figures-title"', 1)[1]
    assert '<span title="同比">year on year</span>' in table
    assert '<span title="余">over</span>' in table
    figures = body(client.get("/en/figures/?change=yes"))
    assert "year on year" in figures and ">同比<" not in figures
    chinese = body(client.get(f"/releases/{release.pk}/")).split('id="figures-title"', 1)[1]
    assert '<span lang="zh">同比</span>' in chinese and "year on year" not in chinese


# -- robots.txt and HEAD -----------------------------------------------------------------------------------


def _allowed(robots: str, path: str) -> bool:
    """RFC 9309 matching, as the big crawlers do it: the longest matching rule wins (Allow on a tie); `*`
    matches any run of characters, `$` anchors the end. (Python's robotparser predates the RFC: it drops a
    trailing `?` and takes the first matching rule.)"""
    best = (-1, True)
    for line in robots.splitlines():
        field, _, value = line.partition(":")
        field, value = field.strip().lower(), value.strip()
        if field not in ("allow", "disallow") or not value:
            continue
        pattern = re.escape(value).replace(r"\*", ".*")
        pattern = pattern[:-2] + "$" if pattern.endswith(r"\$") else pattern
        if re.match(pattern, path) and (len(value), field == "allow") > best:
            best = (len(value), field == "allow")
    return best[1]


def test_robots_txt_lets_crawlers_read_pages_not_query_floods(site, client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    robots = body(response)
    pk = site[SUZHOU].pk
    for allowed in ["/", f"/releases/{pk}/", f"/en/releases/{pk}/", "/cities/suzhou-jiangsu/", "/releases/"]:
        assert _allowed(robots, allowed), allowed
    refused = ["/admin/", "/api/search/?q=x", "/search/?q=x", "/en/search/?q=x", "/releases/?page=3"]
    refused += ["/en/figures/?unit=件", "/cities/suzhou-jiangsu/?page=2", "/feeds/releases/?q=x"]
    for path in refused:
        assert not _allowed(robots, path), path
    parsed = urllib.robotparser.RobotFileParser()
    parsed.parse(robots.splitlines())
    assert parsed.site_maps() == ["http://testserver/sitemap.xml"]
    assert not parsed.can_fetch("AnyBot", "/admin/") and parsed.can_fetch("AnyBot", f"/releases/{pk}/")


def test_head_on_an_original_answers_like_get(site, client):
    url = f"/releases/{site[SUZHOU].pk}/original/"
    get, head = client.get(url), client.head(url)
    assert head.status_code == get.status_code == 200
    assert head.content == b""
    assert dict(head.headers) == dict(get.headers)
    assert int(head["Content-Length"]) == len(get.content) > 0
    assert (
        client.head("/releases/999999/original/").status_code
        == client.get("/releases/999999/original/").status_code
        == 404
    )
    assert client.post(url).status_code == 405


# -- places in GB/T 2260 order -------------------------------------------------------------------------------


def _codes(names):
    return [lookup(name).code for name in names]


def test_cities_and_provinces_in_code_order(site, client):
    page = body(client.get("/cities/"))
    provinces = re.findall(r"<dt>([^<]+)</dt>", page.split('class="provinces"', 1)[1])
    assert len(provinces) >= 6
    assert _codes(provinces) == sorted(_codes(provinces)), provinces
    # 江苏 (32) before 浙江 (33) before 河南 (41) … before 四川 (51): not the names' code points (四 < 山 < 广 …).
    assert provinces.index("江苏省") < provinces.index("浙江省") < provinces.index("四川省")

    form = body(client.get("/releases/"))
    select = re.search(r'<select name="province".*?</select>', form, re.S).group(0)
    options = [html.unescape(v) for v in re.findall(r'<option value="([^"]+)"', select)]
    assert _codes(options) == sorted(_codes(options)), options
    city_select = re.search(r'<select name="city".*?</select>', form, re.S).group(0)
    cities = re.findall(r'<option value="([^"]+)"', city_select)
    from reports.models import City

    codes = [City.objects.get(slug=slug).code for slug in cities]
    assert codes == sorted(codes)


# -- Chinese punctuation in the interface's own Chinese text --------------------------------------------------

CJK = r"[\u3400-\u9fff\u3001-\u303f\uff01-\uff60“”‘’…—]"
# An ASCII , ; : ( or ) touching a Chinese character; `city:沈阳`-style search syntax keeps its ASCII colon.
ASCII_BESIDE_CJK = re.compile(rf"{CJK}[,;:()]|(?<![A-Za-z])[,;:()]{CJK}|(?<=[A-Za-z])[,;()]{CJK}")


def _msgids(po_text: str) -> list[str]:
    out = []
    for block in po_text.split("\n\n"):
        if block.lstrip().startswith("#~"):
            continue
        for match in re.finditer(r'^msgid(?:_plural)? ((?:".*"\n?)+)', block, re.M):
            out.append("".join(re.findall(r'"(.*)"', match.group(1))))
    return out


def test_interface_strings_use_chinese_punctuation():
    offenders = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        text = re.sub(
            r"\{%\s*(?:comment|load|url|include|extends|block|if|for)\b.*?%\}", "", path.read_text()
        )
        offenders += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in ASCII_BESIDE_CJK.finditer(text)]
    po = (ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    offenders += [f"msgid {msgid!r}" for msgid in _msgids(po) if ASCII_BESIDE_CJK.search(msgid)]
    assert not offenders, offenders


def test_the_punctuation_check_sees_what_it_must():
    assert ASCII_BESIDE_CJK.search("链接可能有误,或者") and ASCII_BESIDE_CJK.search("订阅(Atom)")
    assert ASCII_BESIDE_CJK.search("已保存:%(title)s") and ASCII_BESIDE_CJK.search("数据(%(counter)s 项)")
    assert not ASCII_BESIDE_CJK.search("可加 city:沈阳、agency:court") and not ASCII_BESIDE_CJK.search(
        "订阅（Atom）"
    )


def test_city_names_with_their_province_use_chinese_brackets(site):
    assert str(site[SUZHOU].city) == "苏州市（江苏省）"


def test_samples_dir_is_the_demo_data():
    assert Path(SAMPLES_DIR).is_dir() and len(list(Path(SAMPLES_DIR).glob("0*"))) == 6
