"""Section splitting rules, one small input per rule (the golden files cover whole releases)."""

from reports.ingest.layout import classify_lines
from reports.ingest.pipeline import build_sections
from reports.ingest.topics import TopicDef, TopicMatcher


def split(text, topics=()):
    return build_sections(classify_lines(text), None, TopicMatcher(list(topics)))


def agencies(text):
    return [s.agency for s in split(text)]


def test_standalone_heading_naming_an_agency_starts_a_section():
    text = "标题\n导语,市里召开发布会。\n某市公安局夏季整治行动情况\n破获案件30起。\n某市司法局人民调解工作情况\n调解纠纷120件。"
    sections = split(text)
    assert [s.agency for s in sections] == ["other", "police", "justice_bureau"]
    assert sections[1].heading == "某市公安局夏季整治行动情况"
    assert sections[1].text.startswith("某市公安局夏季整治行动情况\n")  # the heading line is kept


def test_report_title_heading_without_an_agency_takes_the_body_agency():
    text = "标题\n导语。\n社会治安重点工作推进情况\n统筹政法机关、行业部门形成合力,市委政法委牵头抓总。"
    assert agencies(text) == ["other", "political_legal_committee"]


def test_sub_headings_with_a_comma_stay_inside():
    text = "标题\n导语。\n某市检察机关工作情况\n强化法律监督,护航法律援助工作\n起诉案件90件。\n聚焦公共法律服务,提升质效\n办案30件。"
    sections = split(text)
    assert [s.agency for s in sections] == ["other", "procuratorate"]


def test_lead_in_paragraphs_split_and_keep_their_text():
    text = "标题\n县委政法委有关负责同志说,一季度全县刑事警情下降5%。\n县法院:一季度审结案件800件。\n县公安局:破获案件60起。"
    sections = split(text)
    assert [s.agency for s in sections] == ["political_legal_committee", "court", "police"]
    assert sections[1].heading == "县法院"
    assert sections[1].text == "县法院:一季度审结案件800件。"


def test_numbered_headings_and_their_sub_items():
    text = "标题\n导语。\n一、市中级人民法院:审判质效提升\n(一)审判。审结案件6万件。\n(二)执行。到位金额4亿元。\n二、市公安局:严打\n破案100起。"
    assert agencies(text) == ["other", "court", "police"]


def test_officials_taking_the_floor_split_a_release_without_headings():
    text = (
        "标题\n1月10日,某市召开新闻发布会。\n市中级人民法院副院长李某介绍,审结案件5万件。\n"
        "法院还推进诉源治理。\n市公安局有关负责同志介绍,破获案件3200起。"
    )
    sections = split(text)
    assert [s.agency for s in sections] == ["other", "court", "police"]
    assert len(sections[1].text.split("\n")) == 2


def test_intro_only_lead_is_other_but_a_reporting_lead_is_its_agency():
    intro = "标题\n10月14日,发布会在市委政法委举行。\n市公安局工作情况\n破案30起。"
    reporting = "标题\n市委政法委副书记介绍,全市刑事警情同比下降8%。\n市公安局工作情况\n破案30起。"
    assert agencies(intro)[0] == "other"
    assert agencies(reporting)[0] == "political_legal_committee"


def test_a_release_from_one_agency_is_one_section_of_that_agency():
    assert agencies("标题\n某市公安局近日通报,刑事警情下降12%。\n交警部门查处酒驾1450起。") == ["police"]


def test_traditional_headings():
    assert agencies("標題\n導語。\n市檢察院:履行法律監督職能\n起訴案件90件。") == ["other", "procuratorate"]


def test_topics_are_assigned_per_section_in_both_scripts():
    topics = [TopicDef("telecom-fraud", ("电信网络诈骗", "电诈")), TopicDef("drugs", ("毒品",))]
    sections = split("标题\n导语。\n市公安局工作情况\n破获電信網絡詐騙案件30起,毒品案件2起。", topics)
    assert sections[1].topics == ["drugs", "telecom-fraud"]


def test_a_level_word_belongs_to_the_organ_after_it_and_never_reaches_into_the_one_before():
    # find_organs reads the level (市, 全省, 最高) back from the text after finding the organ's name; these
    # are the cases where reading back could differ from matching both at once.
    from reports.ingest.agencies import find_organs

    def found(text):
        return [(m.start, m.end, m.agency) for m in find_organs(text)]

    assert found("市市法院") == [(1, 4, "court")]
    assert found("全省省检察院") == [(2, 6, "procuratorate")]
    assert found("最高人民法院") == [(0, 6, "court")]
    assert found("最高院") == [(1, 3, "court")]  # 高院 is the name; 最 alone is no level
    assert found("全市公安机关和全区检察") == [(0, 6, "police"), (7, 11, "procuratorate")]
    assert found("区法院检察院") == [(0, 3, "court"), (3, 6, "procuratorate")]
    assert found("县区司法局") == [(1, 5, "justice_bureau")]
