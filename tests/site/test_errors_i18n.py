"""Friendly 404 and 500 pages in the layout; Chinese by default, English by Accept-Language or the switch."""

import pytest
from django.test import Client, RequestFactory
from django.utils import translation

from reports.models import Agency, Metric, Release
from tests.site.conftest import SUZHOU, body


def test_404_in_the_site_layout(site, client):
    response = client.get("/releases/424242/")
    assert response.status_code == 404
    text = body(response)
    assert '<html lang="zh-hans">' in text and 'aria-label="主导航"' in text
    assert "找不到这个页面" in text and 'role="search"' in text
    assert client.get("/no/such/path/").status_code == 404


@pytest.mark.urls("tests.site.urls_error")
def test_500_in_the_site_layout(site, client):
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    text = body(response)
    assert "服务器出错了" in text and 'aria-label="主导航"' in text
    assert "set_language" not in text and "csrfmiddlewaretoken" not in text


def test_500_needs_no_database_and_no_context_processors():
    from django.views.defaults import server_error

    # No db fixture: pytest-django fails this test on any database access.
    with translation.override("zh-hans"):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "服务器出错了" in response.content.decode()


@pytest.mark.seeds
def test_english_by_accept_language(site, client):
    text = body(client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9"))
    assert '<html lang="en">' in text
    assert ">Releases</a>" in text and ">Figures</a>" in text
    assert "Shenyang" in text  # city names in English
    assert 'lang="zh-hans"' in text  # the switch offers Chinese, marked as Chinese
    zh = body(client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9"))
    assert '<html lang="zh-hans">' in zh and ">发布稿</a>" in zh


def test_switching_language_with_the_form(site, client):
    release = site[SUZHOU]
    page = body(client.get(f"/releases/{release.pk}/"))
    assert 'action="/i18n/setlang/"' in page and 'name="language" value="en"' in page
    assert f'name="next" type="hidden" value="/releases/{release.pk}/"' in page
    response = client.post("/i18n/setlang/", {"language": "en", "next": f"/releases/{release.pk}/"})
    # The switch leads to the same page's English URL, which can be linked; the cookie keeps English on.
    assert response.status_code == 302 and response["Location"] == f"/en/releases/{release.pk}/"
    for url in (f"/en/releases/{release.pk}/", f"/releases/{release.pk}/"):
        english = body(client.get(url))
        assert '<html lang="en">' in english
        assert "Provenance" in english and "Download the archived original" in english
        assert '<span class="badge agency-court">Court</span>' in english
    response = client.post("/i18n/setlang/", {"language": "zh-hans", "next": f"/en/releases/{release.pk}/"})
    assert response["Location"] == f"/releases/{release.pk}/"
    assert '<html lang="zh-hans">' in body(client.get("/"))


def test_every_page_template_string_is_translated(site, client):
    """No Chinese interface text left on English pages, outside the archived content (marked lang=zh)."""
    import re

    from tests.site.conftest import visible_text

    urls = [
        "/",
        "/releases/",
        f"/releases/{site[SUZHOU].pk}/",
        "/cities/",
        "/cities/shenyang/",
        "/agencies/",
        "/agencies/court/",
        "/topics/",
        "/topics/telecom-fraud/",
        "/figures/?unit=%25",
        "/search/?q=诈骗",
        "/no/such/page/",
    ]
    untranslated = {}
    for url in urls:
        page = body(client.get(url, HTTP_ACCEPT_LANGUAGE="en")).split('<main id="main"', 1)[1]
        # Drop archive content, which is Chinese and marked so (innermost elements first), and form values.
        page = re.sub(r"<input[^>]*>", "", page)
        page = re.sub(r'<select[^>]*id="id_unit".*?</select>', "", page, flags=re.S)  # units are data
        page = re.sub(r'<path class="marker"[^>]*><title>.*?</title></path>', "", page)  # as is each point
        page = re.sub(r'<p class="citation" id="cite-en".*?</p>', "", page, flags=re.S)
        for _ in range(3):
            page = re.sub(r'<(\w+)[^>]*\blang="zh[^"]*"[^>]*>[^<]*(?:<(?!/?\1\b)[^<]*)*</\1>', "", page)
        leftover = set(re.findall(r"[\u4e00-\u9fff]+", visible_text(page))) - ALLOWED
        if leftover:
            untranslated[url] = sorted(leftover)
    assert not untranslated


# Chinese examples in English help texts ("city:沈阳"), the project's name, and the script switch, which
# names each script in that script.
ALLOWED = {"沈阳", "瀋陽", "苏州", "蘇州", "电信网络诈骗", "执行到位", "电诈", "审结案件"}
ALLOWED |= {"平安建设", "政法", "简体", "繁體"}


def test_model_names_have_english_translations():
    with translation.override("en"):
        assert str(Release._meta.verbose_name) == "release"
        assert str(Metric._meta.verbose_name) == "figure"
        assert str(Agency.COURT.label) == "Court"
        assert str(Agency.POLITICAL_LEGAL_COMMITTEE.label) == "Political-legal committee"
        assert str(Release._meta.get_field("published_on").verbose_name) == "publication date"
    with translation.override("zh-hans"):
        assert str(Agency.COURT.label) == "法院"
