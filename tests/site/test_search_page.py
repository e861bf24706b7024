"""/search/ in the site's layout: results, facets as links, filters as chips, sorting, pages, messages."""

import html
import re
from urllib.parse import unquote

from search.request import IndexUnavailable
from tests.site.conftest import GUIYANG, SHENYANG, body

RESULT = re.compile(r'<h2 class="release-title"><a href="/releases/(\d+)/#section-(\d+)"')


def results(text: str) -> list[int]:
    return [int(pk) for pk, _ in RESULT.findall(text)]


def facet_links(text: str, name: str) -> dict[str, str]:
    """{label: href} of one facet group."""
    start = text.index(f'<h2 id="facet-{name}">')
    end = text.find("</section>", start)
    links = re.findall(
        r'<a href="([^"]*)"[^>]*>(?:<span class="visually-hidden">[^<]*</span>)?([^<]+)</a>', text[start:end]
    )
    return {label.strip(): unquote(html.unescape(href)) for href, label in links}


def test_results_link_to_the_matching_section(site, client):
    text = body(client.get("/search/?q=知识产权"))
    found = results(text)
    assert site[GUIYANG].pk in found and site[SHENYANG].pk in found
    assert "<mark>知识产权</mark>" in text or "<mark>知識產權</mark>" in text
    assert '<input id="search-q" name="q" type="search" value="知识产权"' in text


def test_facets_are_links_that_add_and_remove_filters(site, client):
    text = body(client.get("/search/?q=诈骗"))
    cities = facet_links(text, "city")
    assert "沈阳市" in cities or "湛江市" in cities
    href = cities["湛江市"]
    assert href == "?q=诈骗&city=zhanjiang"
    filtered = body(client.get("/search/" + href.replace("诈骗", "%E8%AF%88%E9%AA%97")))
    assert results(filtered) == [site["05_zhanjiang_fanzha"].pk]
    # The selected value now removes itself.
    assert facet_links(filtered, "city")["湛江市"] == "?q=诈骗"
    assert 'aria-current="true" class="selected"' in filtered
    for name in ("agency", "topic", "year", "province"):
        assert f'<h2 id="facet-{name}">' in text


def test_filters_typed_by_people_show_as_chips_and_come_off(site, client):
    text = body(client.get("/search/?q=法院&city=瀋陽&agency=court"))
    assert set(results(text)) == {site[SHENYANG].pk}
    chips = dict(re.findall(r'<a class="chip" href="([^"]*)" aria-label="移除筛选：([^"]*)"', text))
    chips = {label: unquote(html.unescape(href)) for href, label in chips.items()}
    assert chips["城市 沈阳市"] == "?q=法院&agency=court"
    assert chips["机关 法院"] == "?q=法院&city=瀋陽"
    # The selected city facet removes the raw value the reader typed.
    assert facet_links(text, "city")["沈阳市"] == "?q=法院&agency=court"


def test_sort_links(site, client):
    text = body(client.get("/search/?q=诈骗&page=2&per_page=2"))
    links = dict(re.findall(r'<a href="(\?[^"]*sort=(\w+))"', text))
    sorts = {v: unquote(html.unescape(k)) for k, v in links.items()}
    assert sorts["newest"] == "?q=诈骗&per_page=2&sort=newest"  # page resets
    assert sorts["oldest"] == "?q=诈骗&per_page=2&sort=oldest"
    newest = results(body(client.get("/search/?q=诈骗&sort=newest")))
    oldest = results(body(client.get("/search/?q=诈骗&sort=oldest")))
    assert newest == oldest[::-1]
    assert 'aria-current="true">相关度</a>' in text


def test_pagination(site, client):
    first = body(client.get("/search/?q=诈骗&per_page=2"))
    assert 'rel="next"' in first and 'href="?q=%E8%AF%88%E9%AA%97&amp;per_page=2&amp;page=2"' in first
    second = body(client.get("/search/?q=诈骗&per_page=2&page=2"))
    assert 'aria-current="page"' in second
    assert not set(results(first)) & set(results(second))


def test_parser_messages_in_the_interface_language(site, client):
    zh = body(client.get('/search/?q="知识产权'))
    assert "没有配对" in zh
    en = body(client.get('/search/?q="知识产权', HTTP_ACCEPT_LANGUAGE="en"))
    assert "is not closed" in en and '<html lang="en">' in en


def test_relaxed_results_say_which_word_they_lack(site, client):
    text = body(client.get("/search/?q=诈骗 火星基地"))
    assert "未包含：<s>火星基地</s>" in text and "找到 0 篇发布稿" not in text


def test_suggestion_is_a_link(site, client):
    # +火星基地 is required, so no relaxed results: the suggestion drops it.
    text = body(client.get("/search/?q=诈骗 %2B火星基地"))
    assert "找到 0 篇发布稿" in text
    match = re.search(r'<p class="suggestion">[^<]*<a href="([^"]*)">([^<]*)</a>', text)
    assert match, text[text.index("<main") :][:2000]
    assert "火星" not in match.group(2)
    assert results(body(client.get("/search/" + html.unescape(match.group(1)))))


def test_index_unavailable_is_said_not_a_500(site, client, monkeypatch):
    class Broken:
        def search(self, request):
            raise IndexUnavailable("the index directory is damaged")

    monkeypatch.setattr("search.service.get_backend", lambda *a, **k: Broken())
    response = client.get("/search/?q=诈骗")
    assert response.status_code == 200
    text = body(response)
    assert 'role="alert"' in text and "搜索索引暂时不可用" in text
    assert "/releases/" in text
    assert client.get("/releases/").status_code == 200  # browsing works without the index


def test_empty_search_page(site, client):
    response = client.get("/search/")
    assert response.status_code == 200
    text = body(response)
    assert 'for="search-q"' in text and 'role="search"' in text
    assert "找到" not in text


def test_search_feed_link(site, client):
    text = body(client.get("/search/?q=诈骗&city=shenyang&page=2"))
    assert 'href="/feeds/releases/?q=%E8%AF%88%E9%AA%97&amp;city=shenyang"' in text
