"""Which agency a heading or a passage belongs to, and the agency's name as the text writes it.

Matching runs on the simplified copy of a text (same length as the original), so one table serves both
scripts; names are then cut from the original. Each agency has explicit organ names (法院, 检察院, 公安局 …)
and softer function words (公共法律服务 for the justice bureau); an organ named at the start of a heading is
the heading's subject and decides it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reports.ingest.text import View

PLC = "political_legal_committee"
COURT = "court"
PROCURATORATE = "procuratorate"
POLICE = "police"
JUSTICE = "justice_bureau"
OTHER = "other"
# The one agency table: slugs in the order lists, facets and the index show them, and their short names
# (DESIGN.md's vocabulary). The model's choices, the search documents and the query filters take them here.
SLUGS = (PLC, COURT, PROCURATORATE, POLICE, JUSTICE, OTHER)
SHORT_NAMES = {
    PLC: "政法委",
    COURT: "法院",
    PROCURATORATE: "检察院",
    POLICE: "公安",
    JUSTICE: "司法局",
    OTHER: "其他",
}

# Words of level that may stand before an organ (市法院, 全省检察机关): two characters, then one.
LEVELS = tuple("最高 全省 全市 全区 全县 全州 两级 各级 省 市 县 区 州 盟 旗".split())
# Longest alternatives first: the regex engine takes the first alternative that matches at a position.
ORGANS = {
    COURT: r"(?:高级|中级|基层|互联网|金融|海事|铁路运输)?人民法院|知识产权法庭|人民法庭|中院|高院|法院|法庭",
    PROCURATORATE: r"人民检察院|检察分院|检察机关|检察院|检察系统|检察室|检察官|检察",
    POLICE: r"公安分局|公安局|公安厅|公安部|公安机关|公安系统|公安交警|派出所|网警|交警|警方|公安",
    JUSTICE: r"司法局|司法厅|司法部|司法行政(?:机关|系统|部门)?|公共法律服务(?:中心|体系)?|法律援助(?:中心)?|人民调解",
    PLC: r"(?:党委)?政法委员会|(?:委|党委)?政法委|政法机关|政法系统|政法单位|平安\w{0,4}建设领导小组|"
    r"平安建设领导小组|综治办|平安办|扫黑办|扫黑除恶(?:专项斗争)?领导小组办公室",
}
# Words that are proper organs (heading subjects, agency names) rather than functions or people.
STRONG = re.compile(
    r"人民法院|法院|法庭|中院|高院|检察院|检察机关|检察分院|公安局|公安厅|公安部|公安机关|公安分局|派出所|"
    r"司法局|司法厅|司法部|司法行政|政法委|政法机关|政法系统|领导小组|扫黑办"
)
# The organ names alone. The level before one is read back from the text (`find_organs`): as an optional
# group in front of every agency's names it made the regex try 15 levels × 5 agencies at every character,
# this search took twice as long (43,000 paragraphs of generated and sample releases, same results).
_ORGAN = re.compile("|".join(f"(?P<{slug}>{pattern})" for slug, pattern in ORGANS.items()))
# 司法机关 means courts and procuratorates together, not the justice bureau; it names no single agency.
_NOT_ORGAN = re.compile(r"司法机关|司法公信|司法保护|司法确认|司法鉴定|司法所")
OFFICIAL = _OFFICIAL = (
    r"(?:党组)?(?:副)?(?:书记|常务副院长|院长|检察长|局长|主任|庭长|部长|政委|处长|厅长|负责人|新闻发言人|"
    r"专职委员|委员|督察长|巡视员)"
)
# A paragraph that opens with an agency, or one of its officials, taking the floor: 市公安局副局长王某介绍,
# 市中级人民法院有关负责同志介绍, 市法院介绍.
SPEAKER = re.compile(
    rf"^(?:在?(?:新闻)?(?:发布会|通气会|会|答记者问环节|互动环节|问答环节)上?,|据)?(?P<organ>[\w“”]{{0,16}}?(?:{'|'.join(ORGANS.values())}))"
    rf"(?:[\w]{{0,12}}?{_OFFICIAL}[\w·]{{1,4}}|有关负责同志|有关负责人|负责同志)?"
    rf"(?:在发布会上|在会上|在通气会上)?(?:介绍|通报|发布|表示|说)"
)


@dataclass(frozen=True)
class OrganMention:
    start: int
    end: int
    agency: str
    strong: bool


def find_organs(simplified: str) -> list[OrganMention]:
    """Organ names with the level word before them (市法院, 全省检察机关), left to right, not overlapping."""
    mentions = []
    taken = 0  # where the previous name ended: a level word cannot reach back into it
    for match in _ORGAN.finditer(simplified):
        start, end = match.span()
        for level in LEVELS:
            if start - len(level) >= taken and simplified.startswith(level, start - len(level)):
                start -= len(level)
                break
        taken = end
        if _NOT_ORGAN.match(simplified, start) or _NOT_ORGAN.search(simplified[max(0, start - 2) : end + 2]):
            continue
        mentions.append(
            OrganMention(start, end, match.lastgroup, bool(STRONG.search(simplified, start, end)))
        )
    return mentions


def heading_agency(simplified: str) -> str | None:
    """The agency that is a heading's subject: an organ named in its first few characters."""
    mentions = find_organs(simplified)
    for mention in mentions:
        if mention.start <= 12:
            return mention.agency
        break
    # Headings like 贵阳市公共法律服务工作情况 name a function, not an organ, anywhere in the line.
    agencies = {m.agency for m in mentions}
    return agencies.pop() if len(agencies) == 1 else None


def dominant_agency(simplified: str, head_weight: int = 400) -> str | None:
    """The agency a passage speaks for: organ mentions counted, the first few hundred characters weighted."""
    scores: dict[str, float] = {}
    for mention in find_organs(simplified):
        weight = (3.0 if mention.start < head_weight else 1.0) * (2.0 if mention.strong else 1.0)
        scores[mention.agency] = scores.get(mention.agency, 0) + weight
    if not scores:
        return None
    best = max(scores, key=scores.get)
    return best


def agency_name(view: View, agency: str, places: tuple[str, ...] = ()) -> str:
    """The fullest proper name of `agency` in the passage, as written (瀋陽市中級人民法院, 市检察院)."""
    simplified = view.simp
    best, best_key = "", None
    for mention in find_organs(simplified):
        if mention.agency != agency or not mention.strong:
            continue
        start = mention.start
        for place in places:
            if place and simplified.startswith(place, max(0, start - len(place))) and start >= len(place):
                start -= len(place)
                break
        name = view.cut(start, mention.end)
        has_place = start < mention.start
        specific = name[-1] in "院局委庭厅所部组"
        key = (has_place, specific, len(name))
        if best_key is None or key > best_key:
            best, best_key = name, key
    return best


def release_agency(title_simp: str, text_simp: str) -> str | None:
    """The single agency a release comes from: the only one its title and text name as an organ."""
    named = {m.agency for m in find_organs(title_simp + "\n" + text_simp) if m.strong}
    return named.pop() if len(named) == 1 else None
