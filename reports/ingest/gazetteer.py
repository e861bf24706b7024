"""China's administrative divisions in both scripts, and the finder that decides which one a release is about.

The data is `data/gazetteer.tsv` (built by scripts/build_gazetteer.py): GB/T 2260 provinces, prefecture-level
divisions and county-level divisions, each with its short name (沈阳 for 沈阳市) in simplified and traditional
script. Plain Python, no Django: the importer turns a CityRef into a City row.
"""

from __future__ import annotations

import csv
import functools
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .types import CityRef

DATA_FILE = Path(__file__).resolve().parent / "data" / "gazetteer.tsv"
LEVEL_RANK = {"national": -1, "provincial": 0, "prefecture": 1, "county": 2}
NATIONAL = CityRef(
    name="全国",
    name_as_written="全国",
    province="",
    level="national",
    code="",
    name_en="China",
    slug="national",
)

# How much one mention counts, by where it stands: a release names its city in the title and the lead.
TITLE_WEIGHT = 6.0
LEAD_WEIGHT = 2.0
LEAD_CHARS = 300
# A county's mentions count this much towards its prefecture (白云区, 南明区 speak for 贵阳市).
COUNTY_SHARE = 0.5
# Below this, a place named once in passing is not what the release is about.
MIN_SCORE = 2.0

STRONG, WEAK = 1.0, 0.5

# Short names that are everyday words in this genre (平安建设, 公安机关, 会同有关部门, 比如, 惠民, 长治久安,
# 市中级人民法院, 中山路, 朝阳群众, 文山会海 ...). They never count on their own; the full name (平安区,
# 公安县, 中山市) still does.
COMMON_SHORTS = frozenset(
    """
    平安 公安 长安 合作 和平 解放 东方 中方 前进 友好 友谊 光明 新兴 新华 振兴 复兴 红旗 东风 工农 富裕 清新
    宏伟 向阳 安定 共和 平和 太和 太平 江南 南海 中原 平原 城中 城北 城东 城西 城关 城厢 市中 市南 市北 新市
    西市 路南 路北 站前 河东 河西 江北 江岸 南岸 港口 资源 比如 南部 通道 延长 会同 上党 大兴 惠民 惠农 富民
    爱民 安居 同心 民权 民和 政和 无为 大方 互助 平定 永和 方正 前锋 长子 长寿 新城 老城 古城 江城 山城 龙城
    榕城 大城 中山 朝阳 长治 安康 来宾 文山 阿里 大理 红河 海西 石门 温泉 清水 高明 名山 大名 石棉 双桥 九龙
    二道 小店 平房 宝塔 元宝 灯塔 天涯 七星 博爱 同仁 回民 钟楼 鼓楼 白塔 黑水 龙凤 新民 临清 建华 建安 大安
    大化 大通 大田 金山 宝山 青山 南山 东山 龙华 天元 天心 金水 三元 华龙 新林 铁山 明山 仁和 阳明 大观 月湖
    文峰 永福 永新 永丰 永胜 永定 安远 开化 登封 顺德 江油 兴业 上高 左权 孝义 新化 新丰 新会 五华 五常 红星
    安宁 六合
    """.split()
)
# Full names that are words (城区 is "the urban area") or that several cities share with nothing to tell apart.
BLOCKED_NAMES = frozenset("城区 矿区 郊区 东区 西区 南区 北区".split())

# Two-character words whose second character starts a place name: in 召开阳光 there is no 开阳, in 平安顺利
# no 安顺, in 示范县 no 范县. A match that starts inside one of these words is dropped. Both scripts.
WORDS_BEFORE = frozenset(
    """
    示范 提高 管理 治理 信息 探索 形成 健康 小康 现代 时代 相应 对应 响应 创新 更新 重新 全新 最新 平安 治安
    公安 保安 维安 久安 人民 公民 居民 村民 市民 农民 网民 行政 执政 民政 财政 邮政 法治 稳定 确定 规定 决定
    制定 认定 约定 鉴定 评定 判定 锁定 肯定 指定 特定 坚定 社会 大会 协会 学会 机会 都会 开会 营商 经商 招商
    协商 电商 客商 厂商 召开 展开 公开 分开 离开 打开 普通 流通 交通 沟通 畅通 开通 贯通 互通 联通 融通 打通
    发展 安全 完善 保障 服务 建设 工作 推进 加强 实现 提升 强化 深化 落实 健全 开展 打击 犯罪 案件 群众 调解
    幸福 共建 创建 构建 组建 筹建 新建 重建 修建 援建 扩建 兴建
    示範 現代 時代 相應 對應 響應 創新 維安 農民 網民 執政 財政 郵政 穩定 確定 規定 決定 認定 約定 鑑定 鑒定
    評定 鎖定 堅定 社會 大會 協會 學會 機會 都會 開會 營商 經商 協商 電商 廠商 召開 展開 公開 分開 離開 打開
    溝通 暢通 開通 貫通 聯通 發展 服務 建設 推進 加強 實現 強化 落實 開展 打擊 群眾 群衆 調解 創建 構建 組建
    籌建 擴建 興建
    """.split()
)

# Which bodies speak for which level. Counted in both scripts; 全国 alone is not here because city releases
# quote national titles (全国社会治安防控体系建设示范城市).
SIGNALS = {
    "national": "最高人民法院 最高人民检察院 最高人民檢察院 最高法 最高检 最高檢 公安部 司法部 国家安全部 國家安全部 "
    "中央政法委 国务院 國務院 国新办 國新辦 全国法院 全國法院 全国检察机关 全國檢察機關 全国公安机关 全國公安機關 "
    "全国政法 全國政法",
    "provincial": "全省 省委 省政府 省高级人民法院 省高級人民法院 省高院 省人民检察院 省人民檢察院 省检察院 省檢察院 "
    "省公安厅 省公安廳 省司法厅 省司法廳 自治区党委 自治區黨委 自治区高级人民法院 自治區高級人民法院",
    "city": "全市 市委 市政府 市中级人民法院 市中級人民法院 市中院 市人民检察院 市人民檢察院 市检察院 市檢察院 "
    "市公安局 市司法局",
    "county": "全县 全縣 县委 縣委 县政府 縣政府 县人民法院 縣人民法院 县法院 縣法院 县人民检察院 縣人民檢察院 "
    "县检察院 縣檢察院 县公安局 縣公安局 县司法局 縣司法局 区委 區委 区政府 區政府 区人民法院 區人民法院 "
    "区人民检察院 區人民檢察院 区公安分局 區公安分局 区司法局 區司法局",
}
SIGNAL_RE = re.compile(
    "|".join(sorted({w for words in SIGNALS.values() for w in words.split()}, key=len, reverse=True))
)
SIGNAL_LEVEL = {w: level for level, words in SIGNALS.items() for w in words.split()}


# Identity equality: divisions are dict keys in the finder's inner loop, and each row is one object.
@dataclass(frozen=True, eq=False)
class Division:
    code: str
    level: str
    name: str
    short: str
    name_trad: str
    short_trad: str
    province: str
    prefecture: str
    name_en: str
    slug: str

    @property
    def is_municipality(self) -> bool:
        """北京, 天津, 上海, 重庆: provincial divisions that releases treat as cities."""
        return self.level == "provincial" and self.name.endswith("市")

    def ref(self, written: str = "") -> CityRef:
        return CityRef(
            name=self.name,
            name_as_written=written or self.name,
            province=self.province,
            level=self.level,
            code=self.code,
            name_en=self.name_en,
            slug=self.slug,
        )


@dataclass(frozen=True)
class _Alias:
    """One way of writing one division: `written` is the full name in the script the text used."""

    division: Division
    strength: float
    written: str | None
    traditional: bool | None  # None when both scripts write it alike (北京市)


def _variants(text: str) -> list[str]:
    # Hong Kong and many mainland traditional texts write 台 where OpenCC's standard gives 臺 (煙台, 台灣).
    other = text.replace("臺", "台")
    return [text, other] if other != text else [text]


class Gazetteer:
    def __init__(self, divisions: list[Division]):
        self.divisions = divisions
        self.by_code = {d.code: d for d in divisions}
        self.by_slug = {d.slug: d for d in divisions}
        self.by_name = {d.name: d for d in divisions if d.level != "county"}
        self.aliases: dict[str, list[_Alias]] = defaultdict(list)
        for d in divisions:
            self._add_aliases(d)
        self.aliases = dict(self.aliases)
        # Aliases by first character, longest first: one dict probe per candidate length, not per alias.
        lengths: dict[str, set[int]] = defaultdict(set)
        for alias in self.aliases:
            lengths[alias[0]].add(len(alias))
        self._lengths = {char: tuple(sorted(ns, reverse=True)) for char, ns in lengths.items()}
        # Every alias has at least two characters; most candidate positions fail on the second one.
        self._bigrams = frozenset(alias[:2] for alias in self.aliases)
        self._start_re = re.compile("[" + re.escape("".join(sorted(self._lengths))) + "]")

    # -- building -------------------------------------------------------------------------------------

    def _add(self, simplified: str, traditional: str, d: Division, strength: float, full: bool) -> None:
        """Register one name of `d` in both scripts. `written` is the full name in the script of the form
        found, or None when both scripts write that form alike (香港, 北京市) and the text's script decides."""
        name, name_trad = (simplified, traditional) if full else (d.name, d.name_trad)
        forms = [(simplified, False, name)]
        for form in _variants(traditional):
            forms.append((form, True, name_trad if form == traditional else name_trad.replace("臺", "台")))
        for form, is_trad, written in forms:
            same_in_both = form == simplified if is_trad else form in _variants(traditional)
            entries = self.aliases[form]
            if not any(e.division is d for e in entries):
                script = None if same_in_both else is_trad
                entries.append(_Alias(d, strength, None if same_in_both else written, script))

    def _add_aliases(self, d: Division) -> None:
        if d.name in BLOCKED_NAMES:
            return
        # 和县, 范县, 高县: a one-character stem hides inside words (示范县, 提高县级), so it needs support.
        full_strength = WEAK if d.short == d.name and len(d.name) == 2 else STRONG
        self._add(d.name, d.name_trad, d, full_strength, full=True)
        # What releases write for autonomous divisions: 黔东南州, 三都县, 鄂温克旗.
        for suffix, extra, extra_trad in (
            ("自治州", "州", "州"),
            ("自治县", "县", "縣"),
            ("自治旗", "旗", "旗"),
        ):
            if d.name.endswith(suffix) and d.short != d.name:
                self._add(d.short + extra, d.short_trad + extra_trad, d, STRONG, full=False)
        if d.short == d.name or d.short in COMMON_SHORTS:
            return
        self._add(d.short, d.short_trad, d, WEAK if d.level == "county" else STRONG, full=False)

    # -- relations ------------------------------------------------------------------------------------

    def province_of(self, d: Division) -> Division:
        return self.by_name[d.province]

    def parent(self, d: Division) -> Division | None:
        if d.level == "county":
            return self.by_name[d.prefecture] if d.prefecture else self.province_of(d)
        if d.level == "prefecture":
            return self.province_of(d)
        return None

    def city_of(self, d: Division) -> Division | None:
        """The city a division belongs to: itself for a prefecture or municipality, its prefecture for a
        county, itself for a county-level city under its province (仙桃, 济源); None for a province."""
        if d.level == "prefecture" or d.is_municipality:
            return d
        if d.level == "county":
            return self.by_name[d.prefecture] if d.prefecture else d
        return None

    # -- scanning -------------------------------------------------------------------------------------

    def scan(self, text: str) -> list[tuple[int, str]]:
        """Leftmost-longest matches of every alias: (position, alias). 贵阳市 is one match, not 贵阳 + 市."""
        found = []
        aliases, lengths, bigrams = self.aliases, self._lengths, self._bigrams
        end = 0
        for m in self._start_re.finditer(text):
            i = m.start()
            if i < end or text[i : i + 2] not in bigrams:
                continue
            if i and text[i - 1 : i + 1] in WORDS_BEFORE:
                continue
            for n in lengths[text[i]]:
                alias = text[i : i + n]
                if alias in aliases and len(alias) == n and not self._rejected(text, i, alias):
                    found.append((i, alias))
                    end = i + n
                    break
        return found

    @staticmethod
    def _rejected(text: str, i: int, alias: str) -> bool:
        after = text[i + len(alias) : i + len(alias) + 1]
        if alias.endswith("市") and after in ("场", "場"):
            return True  # 市场 (market): 贵阳市场 is 贵阳 + 市场
        if len(alias) == 2 and alias[-1] in "县縣区區市" and after in ("级", "級", "域"):
            return True  # 和县级, 范县域: the county level, not 和县
        return False

    # -- the finder -----------------------------------------------------------------------------------

    def find_city(self, title: str, text: str) -> CityRef | None:
        hits: list[tuple[float, str]] = []
        signals = {level: 0.0 for level in SIGNALS}
        for source, in_title in ((title or "", True), (text or "", False)):
            found = self.scan(source)
            hits += [(_weight(i, in_title), alias) for i, alias in found]
            # 沈阳市中级人民法院 and 息烽县委 already count as mentions of their division; only the bare
            # forms (全市, 县人民法院, 省委政法委) say which level speaks.
            name_ends = {i + len(alias) for i, alias in found}
            for m in SIGNAL_RE.finditer(source):
                level = SIGNAL_LEVEL[m.group()]
                if level == "national" or not ({m.start(), m.start() + 1} & name_ends):
                    signals[level] += _weight(m.start(), in_title)

        scores, written, traditional = self._score(hits)
        city_score: dict[Division, float] = defaultdict(float)
        for d, score in scores.items():
            city = self.city_of(d)
            if city is not None:
                city_score[city] += score if city is d else COUNTY_SHARE * score
        province_total: dict[Division, float] = defaultdict(float)
        for d, score in scores.items():
            if d.level == "provincial" and not d.is_municipality:
                province_total[d] += score
        for city, score in city_score.items():
            province_total[self.province_of(city)] += score

        best_local = max(province_total.values(), default=0.0)
        if best_local < MIN_SCORE or signals["national"] > best_local:
            return NATIONAL if signals["national"] >= MIN_SCORE else None
        province = min(province_total, key=lambda p: (-province_total[p], p.code))

        def ref(d: Division) -> CityRef:
            # The form the text used most; 香港 or a name known only through its counties takes the script
            # of the whole text.
            default = d.name_trad if traditional else d.name
            forms: dict[str, float] = defaultdict(float)
            for form, weight in written.get(d, {}).items():
                forms[form or default] += weight
            return d.ref(min(forms, key=lambda f: (-forms[f], f)) if forms else default)

        if province.is_municipality:
            city = province
        else:
            cities = [c for c in city_score if c.province == province.name]
            if not cities:
                return ref(province)
            city = min(cities, key=lambda c: (-city_score[c], c.code))
            province_strength = scores.get(province, 0.0) + signals["provincial"]
            city_strength = city_score[city] + signals["city"]
            share = city_score[city] / sum(city_score[c] for c in cities)
            if province_strength > city_strength or (
                share < 0.5 and signals["provincial"] >= signals["city"]
            ):
                return ref(province)

        counties = [d for d in scores if d.level == "county" and d is not city and self.city_of(d) is city]
        if counties:
            county = min(counties, key=lambda d: (-scores[d], d.code))
            county_strength = scores[county] + signals["county"]
            if scores[county] >= MIN_SCORE and county_strength > scores.get(city, 0.0) + signals["city"]:
                return ref(county)
        return ref(city)

    def _score(self, hits: list[tuple[float, str]]):
        """Weighted mentions per division. An alias shared by several divisions (吉林, 白云区) goes to the one
        named most on its own, then to the one whose city or province is named, then to the higher level;
        a county's short name counts only when its city or province is named."""
        direct: dict[Division, float] = defaultdict(float)
        for weight, alias in hits:
            entries = self.aliases[alias]
            if len(entries) == 1 and entries[0].strength == STRONG:
                direct[entries[0].division] += weight

        def support(d: Division) -> float:
            parent = self.parent(d)
            total = direct[parent] if parent is not None else 0.0
            if d.level == "county" and parent is not None and parent.level != "provincial":
                total += direct[self.province_of(d)]
            return total

        scores: dict[Division, float] = defaultdict(float)
        written: dict[Division, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        votes = {True: 0.0, False: 0.0, None: 0.0}
        for weight, alias in hits:
            entries = [e for e in self.aliases[alias] if e.strength == STRONG or support(e.division) > 0]
            if not entries:
                continue
            if len(entries) > 1:

                def key(e: _Alias) -> tuple:
                    return (direct[e.division], support(e.division), -LEVEL_RANK[e.division.level])

                best = max(key(e) for e in entries)
                entries = [e for e in entries if key(e) == best]
            for e in entries:
                scores[e.division] += weight * e.strength / len(entries)
                written[e.division][e.written] += weight
            votes[entries[0].traditional] += weight
        return scores, written, votes[True] > votes[False]

    # -- lookup ---------------------------------------------------------------------------------------

    def lookup_all(self, value: str) -> list[CityRef]:
        """Every division an editor's typed value can mean, highest level first."""
        value = (value or "").strip()
        if not value:
            return []
        if value in ("全国", "全國") or value.lower() in ("national", "china", "quanguo"):
            return [NATIONAL]
        if value.isdigit():
            # 21 and 2101 are GB/T 2260 prefixes; 210100000000 is the statistics bureau's 12-digit form.
            if len(value) in (9, 12) and not value[6:].strip("0"):
                value = value[:6]
            code = value.ljust(6, "0") if len(value) in (2, 4) else value
            return [self.by_code[code].ref()] if code in self.by_code else []
        if value.isascii():
            return self._lookup_ascii(value)
        return self._lookup_chinese(value)

    def lookup(self, value: str) -> CityRef | None:
        """The division an editor means (沈阳, 瀋陽市, shenyang, 210100), or None when unknown or when
        several divisions of the same level share the value (朝阳区)."""
        found = self.lookup_all(value)
        if len(found) > 1 and LEVEL_RANK[found[0].level] == LEVEL_RANK[found[1].level]:
            return None
        return found[0] if found else None

    def _lookup_ascii(self, value: str) -> list[CityRef]:
        slug = value.strip().lower().replace(" ", "-")
        if slug in self.by_slug:
            return [self.by_slug[slug].ref()]
        key = re.sub(r"[^a-z]", "", value.lower().replace("ü", "v"))
        found = [
            d for d in self.divisions if re.sub(r"[^a-z]", "", d.name_en.lower().replace("ü", "v")) == key
        ]
        return [d.ref() for d in sorted(found, key=lambda d: (LEVEL_RANK[d.level], d.code))]

    def _lookup_chinese(self, value: str) -> list[CityRef]:
        value = re.sub(r"\s+", "", value)
        found = self._by_written(value)
        if not found:
            # 贵州省贵阳市, 辽宁沈阳: a province first, then the division inside it.
            for p in (d for d in self.divisions if d.level == "provincial"):
                for prefix in {p.name, p.short, p.name_trad, p.short_trad}:
                    if value.startswith(prefix) and len(value) > len(prefix):
                        inner = self._by_written(value[len(prefix) :])
                        found += [(d, w) for d, w in inner if d.province == p.name]
        seen = {}
        for d, w in sorted(found, key=lambda dw: (LEVEL_RANK[dw[0].level], dw[0].code)):
            seen.setdefault(d, w)
        return [d.ref(w) for d, w in seen.items()]

    def _by_written(self, value: str) -> list[tuple[Division, str]]:
        # Lookups trust the editor: a common word (中山) or a county's short name is accepted here.
        found = [(a.division, a.written or a.division.name) for a in self.aliases.get(value, [])]
        for d in self.divisions:
            if value in (d.short, d.short_trad, d.name, d.name_trad) or value in _variants(d.short_trad):
                found.append((d, d.name_trad if value in (d.name_trad, d.short_trad) else d.name))
        return found

    def provinces(self) -> list[CityRef]:
        return [d.ref() for d in self.divisions if d.level == "provincial"]


def _weight(i: int, in_title: bool) -> float:
    if in_title:
        return TITLE_WEIGHT
    return LEAD_WEIGHT if i < LEAD_CHARS else 1.0


def load(path: Path = DATA_FILE) -> list[Division]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [Division(**row) for row in csv.DictReader(fh, delimiter="\t")]


@functools.cache
def gazetteer() -> Gazetteer:
    """The one gazetteer, read on first use (about 3,200 rows)."""
    return Gazetteer(load())


def find_city(title: str, text: str) -> CityRef | None:
    """The division a release is about: a city, a county, a province, 全国 for national bodies, or None."""
    found = gazetteer().find_city(title, text)
    if found is None:
        # Traditional texts may use variant characters our traditional names lack (赤峯 for 赤峰):
        # OpenCC folds them; t2s keeps the length, so nothing else moves.
        from reports.ingest.text import to_simplified

        simplified = gazetteer().find_city(to_simplified(title or ""), to_simplified(text or ""))
        if simplified is not None:
            found = simplified
    return found


def lookup(value: str) -> CityRef | None:
    return gazetteer().lookup(value)


def lookup_all(value: str) -> list[CityRef]:
    return gazetteer().lookup_all(value)


def provinces() -> list[CityRef]:
    return gazetteer().provinces()


def divisions() -> list[Division]:
    return list(gazetteer().divisions)


@functools.cache
def _province_codes() -> dict[str, str]:
    return {ref.name: ref.code for ref in provinces()}


def place_order(code: str, name: str) -> tuple[str, str]:
    """Sort key for places: their GB/T 2260 code (north to south-west, as Chinese readers list them:
    北京 110000 … 辽宁 210000 … 广东 440000 … 新疆 650000), never the code points of their names;
    places without a code come last, by name."""
    return (code or "999999", name)


def province_order(name: str) -> tuple[str, str]:
    """place_order for a province known only by its name (cities store their province as a name)."""
    return place_order(_province_codes().get(name, ""), name)
