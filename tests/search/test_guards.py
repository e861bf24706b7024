"""Guard tests for the promises search makes, on every backend (issue 10).

Each was checked by breaking its behaviour once and watching it fail (see the commit message). The releases
are written here: our own sentences with invented figures.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import ON_POSTGRES, import_texts
from tests.search.test_search import ids, search

pytestmark = pytest.mark.django_db

HEAD = (
    "{title}\n\n来源：示例日报    发布时间：2024年{m}月{d}日\n\n2024年{m}月{d}日，{city}召开新闻发布会。\n\n"
)
FILLER = "会议通报了全年平安建设工作情况，各部门分别介绍了本系统的主要做法和下一步安排。"

RELEASES = {
    # The three words of 打击治理诈骗 all occur, and each pair of neighbours occurs, but never the three in a
    # row: a phrase search must not find it (a backend checking word pairs only would).
    "apart": HEAD.format(title="海宁市公安局通报专项行动", m=3, d=8, city="浙江省海宁市公安局")
    + "市公安局：开展打击治理行动，全年治理诈骗窝点十二处，打击行动持续推进。\n",
    "inrow": HEAD.format(title="桐乡市公安局通报专项行动", m=3, d=9, city="浙江省桐乡市公安局")
    + "市公安局：全市开展打击治理诈骗专项行动，挽回群众损失三百一十万元。\n",
    # Holds every word of 禁毒 社区矫正 调解 once, in a long section...
    "all_words": HEAD.format(title="德清县政法委通报平安建设", m=4, d=2, city="浙江省德清县委政法委")
    + "县委政法委："
    + FILLER * 6
    + "禁毒宣传进校园一百二十场，在册社区矫正对象三百四十人，人民调解组织化解纠纷八百件。"
    + FILLER * 6
    + "\n",
    # ... while this one holds two of them many times in a short one: its own score alone is higher.
    "two_words": HEAD.format(title="长兴县司法局通报禁毒工作", m=4, d=3, city="浙江省长兴县司法局")
    + "县司法局：禁毒社区矫正。禁毒与社区矫正衔接，禁毒社区矫正联动，社区矫正对象禁毒教育全覆盖。\n",
    # Traditional script, for highlights of a simplified query.
    "traditional": HEAD.format(title="濱海市警方通報反詐成效", m=5, d=6, city="濱海市公安局")
    + "市公安局：全年偵破電信網絡詐騙案件三百六十宗，電信網絡詐騙發案數下降兩成。\n",
}


@pytest.fixture
def corpus(db, search_backend, tmp_path):
    return import_texts(tmp_path, RELEASES)


def test_a_phrase_of_three_words_matches_only_in_a_row(corpus):
    page = search('"打击治理诈骗"')
    assert ids(page) == [corpus["inrow"].pk]
    # The words themselves, unquoted, do find the release that holds them apart.
    assert corpus["apart"].pk in ids(search("打击 治理 诈骗"))


def test_releases_holding_every_word_outrank_those_holding_fewer(corpus):
    page = search("禁毒 社区矫正 调解")
    found = ids(page)
    assert found[0] == corpus["all_words"].pk, [r.release.title for r in page.results]
    assert found.index(corpus["all_words"].pk) < found.index(corpus["two_words"].pk)
    assert page.results[0].missing == []


def marks(snippet) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", str(snippet))


def test_highlights_mark_exactly_the_matched_characters_in_the_original_script(corpus):
    page = search("电信网络诈骗 下降")  # simplified query, traditional release
    result = next(r for r in page.results if r.release.pk == corpus["traditional"].pk)
    assert marks(result.snippet) == ["電信網絡詐騙", "電信網絡詐騙", "下降"]
    # Outside the marks the snippet is the published text, character for character.
    assert re.sub(r"</?mark>", "", str(result.snippet)).strip("…") in result.section.text


# Forty-eight different words, each three times: a long section whose most frequent words (PostgreSQL's
# ranking vector keeps forty) are not the searched ones.
VARIED = (
    "、".join(
        "安全 生产 消防 检查 交通 整治 食品 监管 环境 保护 矛盾 纠纷 排查 化解 网格 巡逻 治安 防控 信访 接待 "
        "法律 援助 公证 服务 律师 队伍 教育 培训 宣传 活动 督导 考核 基层 组织 乡村 振兴 企业 园区 学校 医院 "
        "车站 市场 道路 桥梁 水库 森林 草原 河道".split()
    )
    + "等方面工作稳步推进。"
) * 3


@pytest.fixture
def together_and_apart(db, search_backend, tmp_path):
    return import_texts(
        tmp_path,
        {
            # Both words once, in one long section, neither among its most frequent words...
            "together": HEAD.format(title="安吉县政法委通报综治工作", m=7, d=1, city="浙江省安吉县委政法委")
            + "县委政法委："
            + VARIED
            + "禁毒深入村居，社区矫正对象全部在管。"
            + VARIED
            + "\n",
            # ... against each word said often in a short section of its own, the two sections apart.
            "apart": HEAD.format(title="嘉善县通报政法工作", m=7, d=2, city="浙江省嘉善县")
            + "县公安局：禁毒禁毒，禁毒宣传、禁毒执法、禁毒教育。\n\n"
            + "县司法局：社区矫正社区矫正，社区矫正教育、社区矫正帮扶。\n",
        },
    )


def test_a_section_holding_the_whole_query_outranks_sections_holding_its_words_apart(together_and_apart):
    """search.ranking's ALL_WORDS_FACTOR: both releases hold both words, so only the backend's section score
    orders them. Each of the other's sections scores higher on its one word, but the one section holding
    both words is about the query. The test of "holds the whole query" must read the whole section, not
    only the words a backend keeps for ranking (PostgreSQL's small ranking vector lacks these two)."""
    page = search("禁毒 社区矫正")
    assert ids(page) == [together_and_apart["together"].pk, together_and_apart["apart"].pk]


@pytest.mark.skipif(not ON_POSTGRES, reason="the PostgreSQL backend needs a PostgreSQL database")
def test_both_backends_agree_on_this_corpus(db, settings, tmp_path):
    from django.core.management import call_command

    from search.backends import _backend

    import_texts(tmp_path, RELEASES)
    queries = [
        '"打击治理诈骗"',
        "打击 治理 诈骗",
        "禁毒 社区矫正 调解",
        "电信网络诈骗 下降",
        "社区矫正",
        "浙江 禁毒",
        "社区矫正 -禁毒",
        "打击治理诈骗 挽回",
        "禁毒 or 调解",
    ]
    tops = {}
    for name in ("whoosh", "postgres"):
        settings.SEARCH_BACKEND = name
        _backend.cache_clear()
        call_command("rebuild_index", verbosity=0)
        tops[name] = {q: ids(search(q, per_page=5))[:3] for q in queries}
    assert tops["whoosh"] == tops["postgres"]


@pytest.mark.skipif(not ON_POSTGRES, reason="the PostgreSQL backend needs a PostgreSQL database")
def test_both_backends_count_the_same_facets_after_uploads_and_deletions(db, settings, tmp_path):
    """PostgreSQL counts facets from per-value release sets that every index write keeps (search_pg_facet):
    after a rebuild, an upload and a deletion, its totals and facets are
    those Whoosh counts from the releases themselves."""
    from django.core.management import call_command

    from reports import outbox
    from reports.models import Release
    from search.backends import _backend
    from search.indexing import process_pending

    queries = ["诈骗", "禁毒", "浙江", "city:海宁 诈骗", "year:2024 调解", "平安建设"]

    def counted(name):
        settings.SEARCH_BACKEND = name
        _backend.cache_clear()
        if name == "whoosh":  # rebuilt from the database: what PostgreSQL's writes must now agree with
            call_command("rebuild_index", verbosity=0)
        return {q: (search(q).total, search(q).facets) for q in queries}

    created = import_texts(tmp_path, RELEASES)
    settings.SEARCH_BACKEND = "postgres"
    _backend.cache_clear()
    call_command("rebuild_index", verbosity=0)
    assert counted("postgres") == counted("whoosh")

    settings.SEARCH_BACKEND = "postgres"
    _backend.cache_clear()
    upload = HEAD.format(title="余杭区公安分局通报反诈工作", m=6, d=1, city="浙江省杭州市余杭区公安分局")
    import_texts(tmp_path, {"upload": upload + "区公安分局：打击治理诈骗，禁毒宣传六十场。\n"})
    gone = created["inrow"].pk
    Release.objects.filter(pk=gone).delete()
    outbox.queue_delete(gone)
    process_pending()
    assert counted("postgres") == counted("whoosh")
