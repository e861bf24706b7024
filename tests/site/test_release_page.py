"""The release page: provenance, sections with badges, figures in place, script display, citation, related."""

import re

import pytest

from reports.ingest.text import to_simplified, to_traditional
from reports.models import Metric
from tests.site.conftest import GUIYANG, SHENYANG, SUZHOU, body

MARK = re.compile(r'<mark class="figure" id="figure-(\d+)" data-figure="\d+">(.*?)</mark>')


def test_facts_and_provenance(site, client):
    release = site[SUZHOU]
    text = body(client.get(f"/releases/{release.pk}/"))
    assert "蘇州政法系統曬出2024年度" in text
    assert '<time datetime="2025-03-02">' in text and '<time datetime="2025-02-28">' in text
    # The conference's year comes from the publication date, and the page says so.
    assert '推断：据发布日期“<span lang="zh">2025-03-02</span>”' in text
    assert "樣稿通訊社" in text
    assert release.sha256 in text
    assert f'href="/releases/{release.pk}/original/"' in text and "02_suzhou_fazhi.html" in text
    assert "存档时间" in text
    assert f'href="/api/releases/{release.pk}/"' in text


def test_download_is_the_archived_original(site, client):
    release = site[SUZHOU]
    response = client.get(f"/releases/{release.pk}/original/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    import hashlib

    assert hashlib.sha256(response.content).hexdigest() == release.sha256


def test_sections_in_order_with_agency_badges(site, client):
    release = site[SHENYANG]
    text = body(client.get(f"/releases/{release.pk}/"))
    positions = [text.index(f'id="section-{s.order}"') for s in release.sections.order_by("order")]
    assert positions == sorted(positions)
    for agency, label in (
        ("court", "法院"),
        ("procuratorate", "检察院"),
        ("police", "公安"),
        ("justice_bureau", "司法局"),
        ("political_legal_committee", "政法委"),
    ):
        assert f'<span class="badge agency-{agency}">{label}</span>' in text
    # The heading line is shown once, as the heading, not again as a paragraph.
    assert text.count("市法院:案件質效和司法公信力持續提升") == 1


def test_every_figure_is_marked_where_it_stands(site, client):
    release = site[GUIYANG]
    text = body(client.get(f"/releases/{release.pk}/"))
    metrics = {m.id: m for m in Metric.objects.filter(section__release=release)}
    marked = dict((int(i), content) for i, content in MARK.findall(text))
    assert set(marked) == set(metrics)
    for metric_id, content in marked.items():
        assert content == metrics[metric_id].text  # escaped text equals the span (no markup inside)
    # ...and the table links to each spot.
    for metric_id in metrics:
        assert f'href="#figure-{metric_id}"' in text


def test_figures_table_columns(site, client):
    release = site[SUZHOU]
    text = body(client.get(f"/releases/{release.pk}/"))
    table = text[text.index('id="figures-title"') :]
    for header in ("机关", "原文", "数值", "单位", "限定词", "变化", "统计对象", "时期"):
        assert re.search(rf'<th scope="col"( class="num")?>{header}</th>', table), header
    down = Metric.objects.filter(section__release=release, direction="down").first()
    assert down is not None
    assert "↓" in table and "下降" in table
    assert f"/api/metrics/?format=csv&amp;release={release.pk}" in table


def test_script_switch_converts_display_only(site, client):
    release = site[SUZHOU]
    original = body(client.get(f"/releases/{release.pk}/"))
    simplified = body(client.get(f"/releases/{release.pk}/?script=simplified"))
    assert "蘇州政法系統" in original and "苏州政法系统" in simplified
    assert 'lang="zh-Hant"' in original and '<div class="release-text" lang="zh-Hans">' in simplified
    assert "自动转换" in simplified and "自动转换" not in original
    assert '<a href="?script=simplified" lang="zh-Hans" aria-current="true">简体</a>' in simplified
    release.refresh_from_db()
    assert "蘇州" in release.text  # the archive is untouched
    # Marks still sit on the figures, converted.
    metrics = {m.id: m for m in Metric.objects.filter(section__release=release)}
    for metric_id, content in MARK.findall(simplified):
        assert content == to_simplified(metrics[int(metric_id)].text)


def test_simplified_release_in_traditional(site, client):
    release = site[GUIYANG]
    text = body(client.get(f"/releases/{release.pk}/?script=traditional"))
    assert to_traditional("多管齐下打出") in text
    metrics = {m.id: m for m in Metric.objects.filter(section__release=release)}
    found = MARK.findall(text)
    assert len(found) == len(metrics)
    for metric_id, content in found:
        assert content == to_traditional(metrics[int(metric_id)].text)


def test_unknown_script_value_shows_the_original(site, client):
    release = site[SUZHOU]
    text = body(client.get(f"/releases/{release.pk}/?script=klingon"))
    assert "蘇州政法系統" in text and "自动转换" not in text


def test_citation_and_permalink(site, client):
    release = site[SHENYANG]
    text = body(client.get(f"/releases/{release.pk}/"))
    permalink = f"http://testserver/releases/{release.pk}/"
    assert f'value="{permalink}"' in text
    assert f'<link rel="canonical" href="{permalink}">' in text
    gbt = re.search(r'<p class="citation" id="cite-gbt" lang="zh">(.*?)</p>', text).group(1)
    assert gbt.startswith("瀋陽日報. ")
    # No publication date is known: the conference's date is not cited as one.
    assert "[EB/OL]" in gbt and "(2025-11-28)" not in gbt and permalink in gbt
    english = re.search(r'<p class="citation" id="cite-en" lang="en">(.*?)</p>', text).group(1)
    assert "[in Chinese]" in english and release.sha256 in english and permalink in english
    assert "Press conference of 2025-11-28; date of publication unknown." in english


@pytest.mark.seeds
def test_related_releases_share_city_or_topics(site, client):
    release = site[SUZHOU]
    text = body(client.get(f"/releases/{release.pk}/"))
    related = text[text.index('id="related-title"') : text.index('id="figures-title"')]
    assert related.count("<li>") == 6
    assert f"/releases/{release.pk}/" not in related


def test_source_url_only_links_when_it_is_the_web(site, client):
    release = site[GUIYANG]
    release.source_url = "javascript:alert(1)"
    release.save()
    text = body(client.get(f"/releases/{release.pk}/"))
    assert 'href="javascript:' not in text
    assert "javascript:alert(1)" in text  # shown as text
    release.source_url = "https://example.org/a?b=1&c=2"
    release.save()
    text = body(client.get(f"/releases/{release.pk}/"))
    assert 'href="https://example.org/a?b=1&amp;c=2" rel="nofollow noopener noreferrer"' in text
