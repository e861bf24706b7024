"""The synonym table: its text format, lookups in either script, analysed expansions."""

from search.analysis import Seq, query_sequence
from search.synonyms import MAX_ALTERNATIVES, SYNONYMS_PATH, SynonymTable


def seq(*terms):
    return Seq(tuple(terms), tuple(range(len(terms))))


def test_two_way_group_expands_every_member_to_the_others():
    table = SynonymTable.parse("法援 法律援助")
    assert table.alternatives("法援") == ("法律援助",)
    assert table.alternatives("法律援助") == ("法援",)


def test_one_way_expansion_does_not_come_back():
    table = SynonymTable.parse("公检法 => 公安 检察院 法院")
    assert table.alternatives("公检法") == ("公安", "检察院", "法院")
    assert table.alternatives("法院") == ()


def test_separators_comments_and_blank_lines():
    table = SynonymTable.parse("# 注释\n\n电诈，电信网络诈骗、电信诈骗, 通讯网络诈骗  # trailing\n")
    assert table.alternatives("电诈") == ("电信网络诈骗", "电信诈骗", "通讯网络诈骗")
    assert len(table) == 4 and not table.problems


def test_quoted_entries_keep_spaces_and_punctuation():
    table = SynonymTable.parse('掩隐 "掩饰、隐瞒犯罪所得" “anti fraud”')
    assert table.alternatives("掩隐") == ("掩饰、隐瞒犯罪所得", "anti fraud")


def test_lookup_in_either_script_and_table_in_either_script():
    table = SynonymTable.parse("電詐 電信網絡詐騙")
    assert table.alternatives("电诈") == ("电信网络诈骗",)
    assert table.alternatives("電詐") == ("电信网络诈骗",)
    assert "電詐" in table and "电诈" in table
    assert table.alternatives(" ＡＩ ") == ()


def test_groups_are_unioned_but_not_chained():
    table = SynonymTable.parse("反诈 反电诈\n反电诈 反电信网络诈骗\n两卡 断卡\n断卡 断卡行动")
    assert set(table.alternatives("反电诈")) == {"反诈", "反电信网络诈骗"}
    assert table.alternatives("反诈") == ("反电诈",)
    assert "断卡行动" not in table.alternatives("两卡")


def test_problems_are_reported_and_the_rest_loads():
    table = SynonymTable.parse("孤词\n => 右边\n左边 =>\na => b => c\n法援 法律援助")
    assert [(p.line, p.code) for p in table.problems] == [
        (1, "single_term"),
        (2, "empty_side"),
        (3, "empty_side"),
        (4, "several_arrows"),
    ]
    assert table.alternatives("法援") == ("法律援助",)


def test_alternatives_are_capped():
    table = SynonymTable.parse(" ".join(f"词{i}" for i in range(MAX_ALTERNATIVES + 5)))
    assert len(table.alternatives("词0")) == MAX_ALTERNATIVES


def test_expand_analyses_each_alternative():
    table = SynonymTable.parse('电诈 电信网络诈骗 通讯网络诈骗\n掩隐 "掩饰、隐瞒犯罪所得"')
    # Each alternative, then the Taiwan/Hong Kong wording of the term and its alternatives (OpenCC s2twp).
    assert table.expand("電詐")[:2] == [seq("电信网络诈骗"), seq("通讯", "网络诈骗")]
    assert query_sequence("电信网路诈骗") in table.expand("電詐")
    # Punctuation inside a quoted entry leaves the same hole as in indexed text.
    assert table.expand("掩隐") == [Seq(("掩饰", "隐瞒", "犯罪", "所得"), (0, 2, 3, 4))]
    assert table.expand("没有") == []


def test_default_table_loads_cleanly_with_enough_groups():
    text = SYNONYMS_PATH.read_text(encoding="utf-8")
    groups = [line for line in text.splitlines() if line.split("#", 1)[0].strip()]
    assert len(groups) >= 40
    table = SynonymTable.default()
    assert table.problems == []
    assert table is SynonymTable.default()
    assert "电信网络诈骗" in table.alternatives("电诈")
    assert "扫黑除恶" in table.alternatives("扫黑")
    assert "法律援助" in table.alternatives("法援")
    assert "净网行动" in table.alternatives("净网")
    assert "公检法" not in table.alternatives("法院")


def test_every_default_alternative_analyses_to_something():
    table = SynonymTable.default()
    for term in list(table._mapping):
        # Every alternative, and possibly its regional wording besides.
        assert len(table.expand(term)) >= len(table.alternatives(term)), term
