"""The gazetteer (data/gazetteer.tsv) and the city finder. The short texts below are invented for these tests."""

import csv
import subprocess
import sys
from collections import Counter

import pytest

from reports.ingest import gazetteer
from reports.ingest.gazetteer import NATIONAL, find_city, lookup, lookup_all
from tests.conftest import GUIYANG_SEED, ROOT, SHENYANG_SEED, seed_path


def seed(name: str) -> tuple[str, str]:
    text = seed_path(name).read_bytes().decode("utf-8-sig")
    title = next(line.strip() for line in text.splitlines() if line.strip())
    return title, text


def row(name: str, province: str = "") -> dict:
    rows = [r for r in _rows() if r["name"] == name and (not province or r["province"] == province)]
    assert len(rows) == 1, rows
    return rows[0]


def _rows() -> list[dict]:
    with gazetteer.DATA_FILE.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


# -- the data ---------------------------------------------------------------------------------------------


def test_table_shape():
    rows = _rows()
    assert list(rows[0]) == [
        "code",
        "level",
        "name",
        "short",
        "name_trad",
        "short_trad",
        "province",
        "prefecture",
        "name_en",
        "slug",
    ]
    levels = Counter(r["level"] for r in rows)
    assert levels["provincial"] == 34
    assert 330 <= levels["prefecture"] <= 340
    assert 2800 <= levels["county"] <= 2900
    assert len({r["code"] for r in rows}) == len(rows)
    assert len({r["slug"] for r in rows}) == len(rows)
    assert all(r["slug"].replace("-", "").isascii() and r["slug"] == r["slug"].lower() for r in rows)
    # A one-character short name would match everywhere.
    assert all(len(r["short"]) >= 2 for r in rows)


@pytest.mark.parametrize(
    "name, trad",
    [
        ("沈阳市", "瀋陽市"),
        ("台州市", "台州市"),
        ("云南省", "雲南省"),
        ("万州区", "萬州區"),
        ("范县", "范縣"),
        ("余庆县", "餘慶縣"),
        ("钟祥市", "鍾祥市"),
        ("沈丘县", "沈丘縣"),
        ("赤峰市", "赤峰市"),
    ],
)
def test_traditional_names(name, trad):
    assert row(name)["name_trad"] == trad


@pytest.mark.parametrize(
    "name, short",
    [
        ("沈阳市", "沈阳"),
        ("广西壮族自治区", "广西"),
        ("黔东南苗族侗族自治州", "黔东南"),
        ("锡林郭勒盟", "锡林郭勒"),
        ("阿克苏地区", "阿克苏"),
        ("三都水族自治县", "三都"),
        ("鄂温克族自治旗", "鄂温克"),
        ("和县", "和县"),
        ("清新区", "清新"),
        ("神农架林区", "神农架"),
    ],
)
def test_short_names(name, short):
    assert row(name)["short"] == short


def test_english_names_and_slugs():
    assert (row("沈阳市")["name_en"], row("沈阳市")["slug"]) == ("Shenyang", "shenyang")
    assert row("贵阳市")["slug"] == "guiyang"
    assert row("西安市")["name_en"] == "Xi'an"
    assert row("长治市")["name_en"] == "Changzhi"
    assert row("陕西省")["slug"] == "shaanxi"
    # The prefecture-level city keeps the bare slug; districts and counties take their province.
    assert row("朝阳市")["slug"] == "chaoyang"
    assert row("朝阳区", "北京市")["slug"] == "chaoyang-beijing"
    assert row("朝阳区", "吉林省")["slug"] == "chaoyang-jilin"
    # Two prefectures share the pinyin: neither owns it.
    assert {row("苏州市")["slug"], row("宿州市")["slug"]} == {"suzhou-jiangsu", "suzhou-anhui"}


def test_municipalities_and_special_regions():
    beijing = row("北京市")
    assert (beijing["level"], beijing["province"]) == ("provincial", "北京市")
    assert row("朝阳区", "北京市")["prefecture"] == "北京市"
    for name in ("香港特别行政区", "澳门特别行政区", "台湾省"):
        assert row(name)["level"] == "provincial"


def test_no_django_import():
    code = "import sys, reports.ingest.gazetteer as g; g.gazetteer(); assert 'django' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


# -- the seeds --------------------------------------------------------------------------------------------


def test_guiyang_seed():
    city = find_city(*seed(GUIYANG_SEED))
    assert (city.name, city.province, city.level) == ("贵阳市", "贵州省", "prefecture")
    assert (city.name_as_written, city.code, city.slug, city.name_en) == (
        "贵阳市",
        "520100",
        "guiyang",
        "Guiyang",
    )


def test_shenyang_seed_in_traditional_script():
    city = find_city(*seed(SHENYANG_SEED))
    assert (city.name, city.province, city.level) == ("沈阳市", "辽宁省", "prefecture")
    assert city.name_as_written == "瀋陽市"
    assert city.slug == "shenyang"


# -- invented releases ------------------------------------------------------------------------------------

COUNTY = (
    "息烽县召开法治护航营商环境新闻发布会",
    "息烽县召开法治护航营商环境新闻发布会\n"
    "日前,息烽县委政法委召开新闻发布会,县人民法院、县人民检察院、县公安局、县司法局负责人通报工作情况。\n"
    "一年来,全县政法机关围绕贵阳市委部署,共受理各类案件380件,同比下降4.2%。息烽县人民法院"
    "审结涉企纠纷57件,县公安局破获电信网络诈骗案件21起。全县矛盾纠纷调解成功率达97%。",
)

PROVINCIAL = (
    "辽宁省召开平安辽宁建设新闻发布会",
    "辽宁省召开平安辽宁建设新闻发布会\n"
    "省委政法委负责人介绍,全省政法机关持续推进平安建设。省高级人民法院全年审结案件45万件,"
    "省人民检察院起诉电信网络诈骗犯罪嫌疑人2100人。全省刑事警情下降8%,其中沈阳市、大连市、"
    "鞍山市降幅居前。下一步,全省将深化矛盾纠纷多元化解。",
)

NATIONAL_RELEASE = (
    "最高人民法院 最高人民检察院 公安部联合发布打击电信网络诈骗典型案例",
    "最高人民法院 最高人民检察院 公安部联合发布打击电信网络诈骗典型案例\n"
    "最高人民法院、最高人民检察院、公安部在北京举行新闻发布会,发布十件典型案例。"
    "公安部有关负责人表示,全国公安机关将持续保持高压态势;最高人民检察院强调依法从严惩处。",
)


def test_county_release():
    city = find_city(*COUNTY)
    assert (city.name, city.level, city.province, city.code) == ("息烽县", "county", "贵州省", "520122")


def test_provincial_release():
    city = find_city(*PROVINCIAL)
    assert (city.name, city.level, city.province, city.slug) == ("辽宁省", "provincial", "辽宁省", "liaoning")


def test_national_release():
    assert find_city(*NATIONAL_RELEASE) == NATIONAL
    assert (NATIONAL.name, NATIONAL.level, NATIONAL.slug, NATIONAL.name_en) == (
        "全国",
        "national",
        "national",
        "China",
    )


def test_traditional_release_with_short_name():
    title = "平安貴陽建設成效顯著"
    text = (
        title + "\n貴陽市委政法委通報,全市刑事警情同比下降。貴陽持續推進掃黑除惡,白雲區、南明區治安持續向好。"
    )
    city = find_city(title, text)
    assert (city.name, city.name_as_written, city.level) == ("贵阳市", "貴陽市", "prefecture")


def test_traditional_variant_of_tai():
    # OpenCC writes 煙臺; Hong Kong and many mainland traditional pages write 煙台.
    title = "煙台市公安局通報上半年治安形勢"
    city = find_city(title, title + "\n煙台全市盜竊案件下降,煙台市公安局將深化平安建設。")
    assert (city.name, city.name_as_written) == ("烟台市", "煙台市")


def test_traditional_county_level_city():
    # 新民市 is a county-level city under 沈阳: its own 市委 and 法院 make it the subject, not 沈阳.
    title = "瀋陽市新民市法院通報執行工作"
    text = (
        "新民市人民法院召開新聞發布會,通報全市法院執行工作。新民市法院執結案件三千件,"
        "新民市委政法委要求持續推進。瀋陽市中級人民法院予以指導。"
    )
    city = find_city(title, text)
    assert (city.name, city.level, city.province, city.code) == ("新民市", "county", "辽宁省", "210181")


def test_autonomous_prefecture_by_its_usual_short_form():
    title = "黔东南州召开平安建设新闻发布会"
    city = find_city(title, title + "\n州委政法委介绍,全州治安稳定。凯里市、台江县成效明显。")
    assert (city.name, city.name_as_written, city.level) == (
        "黔东南苗族侗族自治州",
        "黔东南苗族侗族自治州",
        "prefecture",
    )


def test_municipality_is_found_as_a_city():
    title = "北京市公安局通报打击电信网络诈骗成效"
    city = find_city(title, title + "\n今年以来,全市公安机关破获案件同比上升。朝阳区、海淀区警情下降。")
    assert (city.name, city.level, city.province, city.slug) == ("北京市", "provincial", "北京市", "beijing")


@pytest.mark.parametrize(
    "context, code",
    [("贵阳市", "520113"), ("广州市", "440111")],
)
def test_shared_district_name_goes_to_the_named_city(context, code):
    title = "白云区人民法院召开新闻发布会"
    text = (
        title
        + f"\n{context}白云区人民法院通报,全区法院审结案件1200件。白云区将继续优化营商环境,区委政法委部署专项行动。"
    )
    city = find_city(title, text)
    assert (city.name, city.level, city.code) == ("白云区", "county", code)


def test_county_names_support_their_city():
    title = "全市政法工作会议召开"
    text = (
        title
        + "\n贵阳市委政法委召开会议。南明区、云岩区、花溪区、观山湖区、清镇市政法单位汇报工作。全市平安建设稳步推进。"
    )
    assert find_city(title, text).name == "贵阳市"


def test_province_and_city_sharing_a_name():
    city = find_city(
        "吉林市公安局召开新闻发布会",
        "吉林市公安局召开新闻发布会\n全市治安形势平稳,吉林市将持续推进平安建设。",
    )
    assert (city.name, city.level) == ("吉林市", "prefecture")
    province = find_city(
        "吉林省召开平安建设推进会", "吉林省召开平安建设推进会\n全省各地,省委政法委要求吉林各地抓好落实。"
    )
    assert (province.name, province.level) == ("吉林省", "provincial")


def test_common_words_are_not_places():
    title = "坚持和平安定 守护长治久安"
    text = (
        title + "\n公安机关会同有关部门开展专项行动,比如加强巡逻、解放思想、振兴乡村;市中级人民法院召开会议,"
        "坚持惠民导向,大兴调查研究,维护社会和谐稳定,确保平安建设示范县创建工作提高县级治理能力。"
    )
    assert find_city(title, text) is None


def test_road_name_does_not_outweigh_the_city():
    title = "平安贵阳建设新闻发布会召开"
    text = (
        title
        + "\n贵阳市公安局中山路派出所、中山西路警务站介绍工作。贵阳市将持续推进平安建设,中山路治安良好。"
    )
    assert find_city(title, text).name == "贵阳市"


def test_text_naming_no_place():
    assert find_city("法院工作情况通报", "今年以来,法院审结案件数量同比上升,调解成功率持续提高。") is None
    assert find_city("", "") is None


# -- lookup -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["沈阳", "沈阳市", "瀋陽", "瀋陽市", "shenyang", "Shenyang", "210100", "2101", " 沈阳 ", "辽宁省沈阳市"],
)
def test_lookup_shenyang(value):
    city = lookup(value)
    assert (city.name, city.province, city.level, city.slug) == ("沈阳市", "辽宁省", "prefecture", "shenyang")


def test_lookup_keeps_the_script_typed():
    assert lookup("瀋陽").name_as_written == "瀋陽市"
    assert lookup("沈阳").name_as_written == "沈阳市"


def test_lookup_other_values():
    assert lookup("21").name == "辽宁省"
    assert lookup("210100000000").name == "沈阳市"
    assert lookup("贵阳").code == "520100"
    assert lookup("chaoyang-beijing").code == "110105"
    assert lookup("jilin").name == "吉林省"
    assert lookup("吉林").name == "吉林省"
    assert lookup("吉林市").name == "吉林市"
    assert lookup("hong kong").name == "香港特别行政区"
    assert lookup("黔东南州").name == "黔东南苗族侗族自治州"
    assert lookup("中山").name == "中山市"
    assert lookup("全国") == NATIONAL
    assert lookup("national") == NATIONAL


def test_lookup_unknown_or_ambiguous():
    assert lookup("") is None
    assert lookup("火星") is None
    assert lookup("999999") is None
    # Two districts of the same level: the editor has to say which.
    assert lookup("朝阳区") is None
    assert {c.code for c in lookup_all("朝阳区")} == {"110105", "220104"}
    assert lookup("suzhou") is None


def test_provinces():
    names = [p.name for p in gazetteer.provinces()]
    assert len(names) == 34
    assert {"北京市", "贵州省", "辽宁省", "香港特别行政区", "台湾省"} <= set(names)


def test_variant_traditional_characters_still_find_the_city():
    # OpenCC writes 赤峯; our traditional names say 赤峰.
    text = "赤峯市公安局通報,今年以來全市刑事警情同比下降7.6%。赤峯市中級人民法院審結案件3.4萬件。"
    found = find_city("赤峯市政法工作情況", text)
    assert found is not None and found.name == "赤峰市" and found.province == "内蒙古自治区"
