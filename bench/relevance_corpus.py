"""The relevance evaluation set: releases written by us in the genre, and the queries researchers would type.

    .venv/bin/python bench/relevance_corpus.py --out bench/relevance_data   # rewrite the committed files

Every sentence below is our own and every figure is invented (drawn per release from a fixed seed); the
cities are real so that the importer's gazetteer places them. The releases take the shapes seen in real
pages of the genre: a title, a source/date line, a lead naming the conference and the agencies, then one
part per agency, led by an inline lead-in (市法院：) or by a heading line; some in traditional script with
Taiwan or Hong Kong vocabulary (OpenCC s2twp / s2hk), some as noisy mirror copies of another release
(navigation, share buttons, full-width digits, an editor's line).

Queries are written the way researchers type them: abbreviations (电诈, 批捕, 社矫), the other script, a
figure written another way (47.3万人次 for 四十七萬三千人次), an extra generic word the release lacks
(通报会, 新闻发布会), a compound typed as one word, a year. Each query names the releases judged relevant
(a release and its mirror copies). The queries are split, by a hash of their text, into a tuning file and a
held-out file (about a third), which is not to be looked at while tuning.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

import opencc

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.corpus_templates import int_to_cn  # noqa: E402

DATA_DIR = Path(__file__).resolve().parent / "relevance_data"

# (city as written, level word for agencies, province) - real places, invented releases.
CITIES = [
    ("洛阳", "市", "河南"),
    ("苏州", "市", "江苏"),
    ("绵阳", "市", "四川"),
    ("潍坊", "市", "山东"),
    ("湛江", "市", "广东"),
    ("安吉", "县", "浙江"),
    ("昆明", "市", "云南"),
    ("南宁", "市", "广西"),
    ("兰州", "市", "甘肃"),
    ("银川", "市", "宁夏"),
    ("太原", "市", "山西"),
    ("石家庄", "市", "河北"),
    ("合肥", "市", "安徽"),
    ("南昌", "市", "江西"),
    ("长沙", "市", "湖南"),
    ("福州", "市", "福建"),
    ("宁波", "市", "浙江"),
    ("温州", "市", "浙江"),
    ("徐州", "市", "江苏"),
    ("大连", "市", "辽宁"),
    ("哈尔滨", "市", "黑龙江"),
    ("长春", "市", "吉林"),
    ("宜宾", "市", "四川"),
    ("遵义", "市", "贵州"),
    ("桂林", "市", "广西"),
    ("佛山", "市", "广东"),
    ("惠州", "市", "广东"),
    ("台州", "市", "浙江"),
    ("嘉兴", "市", "浙江"),
    ("绍兴", "市", "浙江"),
    ("德清", "县", "浙江"),
    ("义乌", "市", "浙江"),
    ("赣州", "市", "江西"),
    ("襄阳", "市", "湖北"),
    ("宜昌", "市", "湖北"),
    ("株洲", "市", "湖南"),
]

CAMPAIGNS = ["断卡", "净网", "云剑", "昆仑", "百日行动", "夏季治安打击整治"]
EVENTS = ["新闻通气会", "情况通报会", "新闻发布会", "工作通报会"]
OUTLETS = ["示例日报", "样稿通讯社", "示例法治网", "样稿晚报"]


def cn_number(n: int) -> str:
    """A whole number in Chinese numerals, 万 and 亿 groups: 473000 -> 四十七万三千."""
    if n == 0:
        return "零"
    parts = []
    yi, rest = divmod(n, 10**8)
    wan, low = divmod(rest, 10**4)
    if yi:
        parts.append(int_to_cn(yi) + "亿")
    if wan:
        if yi and wan < 1000:
            parts.append("零")
        parts.append(int_to_cn(wan) + "万")
    if low:
        if (yi or wan) and low < 1000:
            parts.append("零")
        parts.append(int_to_cn(low))
    return "".join(parts)


@dataclass
class Fig:
    """An invented figure: `value` in units, written in the release as `text`, queried as `query`."""

    value: int
    unit: str
    text: str
    query: str


def _wan_text(value: int) -> str:
    whole, frac = divmod(value, 10**4)
    return f"{whole}.{frac:04d}".rstrip("0") + "万" if frac else f"{whole}万"


def make_figure(rng: random.Random, unit: str, low: int, high: int, style: int) -> Fig:
    """A figure written one way in the text and another way in the query (the point of numbers-as-numbers)."""
    value = rng.randrange(low, high)
    if unit == "元":  # money: millions, written with 亿 or 万
        value = value // 10**6 * 10**6
        yi = f"{value / 10**8:.2f}".rstrip("0").rstrip(".") + "亿"
        wan = f"{value // 10**4}万"
        styles = [
            (yi + "元", cn_number(value) + "元"),
            (cn_number(value) + "元", yi + "元"),
            (yi + "余元", wan + "元"),
            (wan + "元", yi + "元"),
        ]
        text, query = styles[style % len(styles)]
        return Fig(value, unit, text, query)
    if value >= 10**4:
        value = value // 100 * 100  # 47.3万: a figure people round and write with 万
    if value >= 10**4:
        styles = [
            (_wan_text(value) + unit, cn_number(value) + unit),  # 47.3万人次 / 四十七万三千人次
            (cn_number(value) + unit, _wan_text(value) + unit),
            (_wan_text(value) + "余" + unit, _wan_text(value) + unit),  # 余 between number and unit
            (f"{value:,}" + unit, _wan_text(value) + unit),
        ]
    else:
        styles = [
            (f"{value}{unit}", cn_number(value) + unit),
            (cn_number(value) + unit, f"{value}{unit}"),
            (f"{value}余{unit}", f"{value}{unit}"),
            (f"{value}{unit}", f"{value}{unit}"),
        ]
    text, query = styles[style % len(styles)]
    return Fig(value, unit, text, query)


@dataclass
class Release:
    key: str
    city: str
    level: str
    province: str
    year: int
    month: int
    event: str
    outlet: str
    script: str  # simplified, tw, hk
    layout: str  # inline, headings
    topics: list[str]
    campaign: str
    figures: dict[str, Fig] = field(default_factory=dict)
    mirror_of: str | None = None
    text: str = ""


# --- the paragraphs: our own sentences, one function per agency part ----------------------------------------


def _plc(r: Release) -> list[str]:
    f = r.figures
    return [
        f"{r.year}年以来，{r.city}{r.level}委政法委牵头推进平安建设，把年度任务细化为{f['tasks'].text}，"
        "逐项明确牵头单位和完成时限，每月调度、每季通报。",
        f"在基层治理方面，全{r.level}综治中心共受理群众诉求{f['appeals'].text}，按期办结率保持在九成以上；"
        f"网格员走访群众{f['visits'].text}，发现并化解苗头性问题，矛盾纠纷“一站式”受理、分类流转。",
    ]


def _court(r: Release) -> list[str]:
    f = r.figures
    out = [
        f"{r.city}{r.level}法院{'' if r.level == '县' else '及所属基层法院'}共受理各类案件{f['cases'].text}，"
        f"审结{f['closed'].text}，执行到位金额{f['money'].text}。",
    ]
    if "知识产权" in r.topics:
        out.append(
            f"在知识产权审判方面，法院审结侵害商标权、著作权纠纷{f['ip'].text}，"
            "对恶意侵权、重复侵权依法适用惩罚性赔偿，并向辖区企业发布知识产权保护白皮书。"
        )
    else:
        out.append(
            "法院深化诉源治理，在乡镇和社区设立诉讼服务站点，引导当事人先行调解，"
            f"诉前化解纠纷{f['ip'].text}，新收民商事案件数有所下降。"
        )
    return out


def _proc(r: Release) -> list[str]:
    f = r.figures
    return [
        f"{r.city}{r.level}检察院受理审查逮捕案件后，依法批准逮捕犯罪嫌疑人{f['arrest'].text}，"
        f"受理审查起诉案件后提起公诉{f['prosecute'].text}。",
        "检察机关坚持宽严相济，对情节轻微、认罪悔罪的依法作出不起诉决定；在公益诉讼方面，"
        f"围绕水源地保护和食品安全立案办理公益诉讼案件{f['public'].text}。",
    ]


def _police(r: Release) -> list[str]:
    f = r.figures
    out = []
    if "电信网络诈骗" in r.topics:
        out.append(
            f"{r.city}{r.level}公安局全力打击治理电信网络诈骗犯罪，深入开展“{r.campaign}”专项行动，"
            f"破获电信网络诈骗案件{f['fraud'].text}，紧急止付涉案资金{f['stop'].text}，"
            f"见面劝阻潜在受害群众{f['dissuade'].text}。"
        )
    if "扫黑除恶" in r.topics:
        out.append(
            "公安机关推进常态化扫黑除恶斗争，依法打掉涉黑涉恶团伙，"
            f"抓获犯罪嫌疑人{f['gang'].text}，查封扣押冻结涉案资产一批。"
        )
    if "禁毒" in r.topics:
        out.append(
            f"在禁毒工作中，公安机关侦破毒品犯罪案件{f['drug'].text}，"
            "开展禁毒宣传进校园、进社区活动，全民禁毒意识进一步增强。"
        )
    out.append(
        f"全{r.level}刑事案件立案数同比下降，公安机关共破获刑事案件{f['solved'].text}，"
        "群众安全感和满意度继续保持高位。"
    )
    return out


def _justice(r: Release) -> list[str]:
    f = r.figures
    return [
        f"{r.city}{r.level}司法局指导各级人民调解组织排查调处矛盾纠纷{f['mediate'].text}，"
        f"办理法律援助案件{f['aid'].text}，为困难群众挽回经济损失。",
        f"在社区矫正工作中，全{r.level}在册社区矫正对象{f['correct'].text}，"
        "司法所落实分类管理和个别化矫正，未发生脱管漏管。",
    ]


AGENCY_PARTS = [
    ("委政法委", _plc),
    ("法院", _court),
    ("检察院", _proc),
    ("公安局", _police),
    ("司法局", _justice),
]

FIGURE_SPECS = {
    "tasks": ("项", 20, 80),
    "appeals": ("件", 1500, 60000),
    "visits": ("户", 20000, 900000),
    "cases": ("件", 8000, 160000),
    "closed": ("件", 6000, 150000),
    "money": ("元", 10**8, 9 * 10**9),
    "ip": ("件", 120, 3000),
    "arrest": ("人", 200, 5000),
    "prosecute": ("人", 500, 9000),
    "public": ("件", 30, 600),
    "fraud": ("起", 300, 9000),
    "stop": ("元", 10**7, 9 * 10**8),
    "dissuade": ("人次", 10000, 900000),
    "gang": ("名", 40, 900),
    "drug": ("起", 50, 900),
    "solved": ("起", 1000, 40000),
    "mediate": ("件", 3000, 90000),
    "aid": ("件", 800, 20000),
    "correct": ("人", 300, 6000),
}


def _figures(rng: random.Random, used: set) -> dict[str, Fig]:
    """The release's figures; a (value, unit) already drawn for another release is drawn again, so that a
    figure names one release (and its copies) and the judgments of number queries stay complete."""
    out = {}
    for name, (unit, low, high) in FIGURE_SPECS.items():
        fig = make_figure(rng, unit, low, high, rng.randrange(4))
        while (fig.value, unit) in used:
            fig = make_figure(rng, unit, low, high, rng.randrange(4))
        used.add((fig.value, unit))
        out[name] = fig
    return out


def _compose(r: Release, rng: random.Random) -> str:
    agencies = "、".join(
        f"{r.level}{name}" if name != "委政法委" else f"{r.level}委政法委" for name, _ in AGENCY_PARTS
    )
    title = f"{r.city}召开{r.year}年平安建设{r.event} 通报政法工作成效"
    if "电信网络诈骗" in r.topics and r.layout == "headings":
        title = f"{r.city}{r.level}政法机关通报{r.year}年打击治理电信网络诈骗和平安建设情况"
    lines = [title, "", f"来源：{r.outlet}    发布时间：{r.year}年{r.month}月{rng.randrange(1, 28)}日", ""]
    lines.append(
        f"{r.year}年{r.month}月，{r.province}省{r.city}{r.level}召开{r.event}，{agencies}负责同志"
        "分别介绍工作情况，并回答记者提问。"
    )
    lines.append("")
    for name, part in AGENCY_PARTS:
        label = f"{r.level}{name}" if name != "委政法委" else f"{r.level}委政法委"
        paragraphs = part(r)
        if r.layout == "inline":
            lines.append(f"{label}：{paragraphs[0]}")
            lines += ["", *(p for q in paragraphs[1:] for p in (q, ""))]
        else:
            lines += [f"{label}工作情况", "", *(p for q in paragraphs for p in (q, ""))]
    lines.append("（本文为档案库评测样稿，数据均为虚构）")
    text = "\n".join(lines) + "\n"
    if r.script == "tw":
        text = opencc.OpenCC("s2twp").convert(text)
    elif r.script == "hk":
        text = opencc.OpenCC("s2hk").convert(text)
    return text


def _mirror(text: str, rng: random.Random) -> str:
    """A noisy copy as a portal reposts it: navigation, share line, full-width digits, an editor's line."""
    width = str.maketrans("0123456789", "０１２３４５６７８９")
    lines = text.splitlines()
    body = [line.translate(width) if rng.random() < 0.4 else line for line in lines[1:]]
    return (
        "\n".join(
            [
                lines[0],
                "首页 > 政法新闻 > 正文",
                "分享到：微信 微博",
                *body,
                "责任编辑：样稿编辑",
                "【打印本页】【关闭窗口】",
            ]
        )
        + "\n"
    )


def build(seed: int = 11) -> list[Release]:
    rng = random.Random(seed)
    releases: list[Release] = []
    used: set = set()
    topic_sets = [
        ["电信网络诈骗", "扫黑除恶"],
        ["电信网络诈骗", "知识产权"],
        ["扫黑除恶", "禁毒"],
        ["禁毒", "知识产权"],
        ["电信网络诈骗", "禁毒"],
        ["扫黑除恶", "知识产权"],
    ]
    # Two releases of one city never share a topic: "city + topic" then names one release.
    for i, (city, level, province) in enumerate(CITIES):
        years = [2023 + i % 3]
        if i % 3 != 2:  # a city with releases of two years: the topic or the year in the query decides
            years.append(years[0] + 1)
        first_topics = None
        for year in years:
            topics = topic_sets[rng.randrange(len(topic_sets))]
            while first_topics is not None and set(topics) & set(first_topics):
                topics = topic_sets[rng.randrange(len(topic_sets))]
            first_topics = first_topics or topics
            r = Release(
                key=f"e{len(releases):03d}",
                city=city,
                level=level,
                province=province,
                year=year,
                month=rng.randrange(1, 13),
                event=EVENTS[rng.randrange(len(EVENTS))],
                outlet=OUTLETS[rng.randrange(len(OUTLETS))],
                script=["simplified", "simplified", "tw", "simplified", "hk"][len(releases) % 5],
                layout="inline" if rng.random() < 0.6 else "headings",
                topics=topics,
                campaign=CAMPAIGNS[rng.randrange(len(CAMPAIGNS))],
            )
            r.figures = _figures(rng, used)
            r.text = _compose(r, rng)
            releases.append(r)
    for source in list(releases[3::9]):  # mirror-like noisy copies of some releases
        copy = Release(**{**source.__dict__, "key": f"e{len(releases):03d}", "mirror_of": source.key})
        copy.text = _mirror(source.text, rng)
        releases.append(copy)
    return releases


# --- queries ------------------------------------------------------------------------------------------------

TOPIC_ABBR = {"电信网络诈骗": "电诈", "扫黑除恶": "扫黑", "禁毒": "禁毒", "知识产权": "知产"}
AGENCY_ABBR = {"法院": "法院", "检察院": "检察院", "公安局": "公安", "司法局": "司法局"}
TO_TW = opencc.OpenCC("s2t")


@dataclass
class Query:
    text: str
    kind: str
    relevant: list[str]


def queries(releases: list[Release], seed: int = 5) -> list[Query]:
    rng = random.Random(seed)
    by_city: dict[str, list[Release]] = {}
    for r in releases:
        if r.mirror_of is None:
            by_city.setdefault(r.city, []).append(r)
    copies: dict[str, list[str]] = {}
    for r in releases:
        if r.mirror_of:
            copies.setdefault(r.mirror_of, []).append(r.key)
    out: list[Query] = []
    for r in releases:
        if r.mirror_of:
            continue
        relevant = [r.key, *copies.get(r.key, [])]
        several = len(by_city[r.city]) > 1
        when = f" {r.year}" if several else ""
        f = r.figures
        topic = r.topics[0]
        # 1. abbreviation, with the city: the city's other release is about other things, so the
        # abbreviation decides (no year)
        out.append(Query(f"{r.city} {TOPIC_ABBR[topic]}", "abbreviation", relevant))
        # 2. a figure written another way, alone or with a word
        name = rng.choice(["money", "cases", "visits", "mediate", "solved", "closed", "aid"])
        fig = f[name]
        out.append(Query(fig.query if rng.random() < 0.5 else f"{r.city} {fig.query}", "number", relevant))
        # 3. an extra generic word the release may lack, and a procedure abbreviation
        extra = rng.choice(["通报会", "新闻发布会", "情况通报", "工作会议"])
        proc = rng.choice(["批捕", "公诉", "社矫", "人调", "法援", "执行到位"])
        out.append(Query(f"{r.city} {proc} {extra}{when}", "extra_word", relevant))
        # 4. the other script (a researcher copying from a Hong Kong or Taiwan page), agency and topic
        city = TO_TW.convert(r.city) if r.script == "simplified" else r.city
        agency = rng.choice(list(AGENCY_ABBR.values()))
        words = f"{city} {TO_TW.convert(agency) if r.script == 'simplified' else agency} {r.topics[-1]}"
        out.append(Query(words + when, "mixed_script", relevant))
        # 5. a compound typed as one word (city and campaign joined), or city + year for repeated cities
        if "电信网络诈骗" in r.topics and rng.random() < 0.7:
            out.append(Query(f"{r.city}{r.campaign}专项行动{when}", "compound", relevant))
        elif several:
            out.append(Query(f"{r.city}平安建设 {r.year}", "year", relevant))
    return out


def held_out(query: Query) -> bool:
    """About a third of the queries, chosen by a hash of their text: the report, not the tuning."""
    return int(hashlib.sha256(query.text.encode()).hexdigest(), 16) % 3 == 0


def write(out_dir: Path) -> tuple[int, int]:
    releases = build()
    release_dir = out_dir / "releases"
    release_dir.mkdir(parents=True, exist_ok=True)
    for old in release_dir.glob("*.txt"):
        old.unlink()
    for r in releases:
        (release_dir / f"{r.key}.txt").write_text(r.text, encoding="utf-8")
    found = queries(releases)
    header = "# query\ttype\trelevant releases (file stems); written by bench/relevance_corpus.py\n"
    for name, keep in (("queries_tune.tsv", False), ("queries_heldout.tsv", True)):
        rows = [f"{q.text}\t{q.kind}\t{','.join(q.relevant)}\n" for q in found if held_out(q) == keep]
        (out_dir / name).write_text(header + "".join(rows), encoding="utf-8")
    return len(releases), len(found)


def read_queries(path: Path) -> list[Query]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            text, kind, relevant = line.split("\t")
            out.append(Query(text, kind, relevant.split(",")))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    args = parser.parse_args(argv)
    releases, found = write(args.out)
    print(f"{releases} releases, {found} queries -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
