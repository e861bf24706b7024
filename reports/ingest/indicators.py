"""Indicators: what a figure measures, so that 破获刑事案件1250起 in one city and 破獲刑事案件386起 in another line up.

The taxonomy is editable data (the `Indicator` model, seeded from reports/data/indicators.json); ingestion
gets it as plain `IndicatorDef`s. A figure is classified from its subject (simplified), its unit and the
agency of its section:

1. The figure's unit kind: cases (件 起 宗), people (人 名 人次), money (元), rate (% that is a level), change
   (% or 个百分点 that is a change); anything else counts things (个 家 公斤 天).
2. Candidates are the indicators one of whose patterns (regular expressions on the simplified subject)
   matches and whose unit kind fits: the same kind; a change fits any kind but rate, a change in
   个百分点 fits a rate (破案率提高4.3个百分点).
3. The best candidate is, in this order: of the section's agency (审结 in a court section and 办结 in a
   justice bureau's count different things; 起诉…诈骗犯罪47人 in a procuratorate's is people prosecuted,
   not fraud suspects); of higher priority (a specific indicator, 破获盗窃案件 -> theft cases, before the
   generic one, criminal cases solved); with the longest matching pattern. Ties go to the one listed first.

No candidate leaves the figure unclassified (""): editors see those in the admin and assign one by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reports.ingest.text import to_simplified

UNIT_KINDS = ("cases", "people", "money", "rate", "change", "count")
CASE_UNITS = frozenset("件 起 宗 案 件次".split())
PEOPLE_UNITS = frozenset("人 名 人次 位 户 户次".split())
MONEY_UNITS = frozenset("元 美元 港元 欧元".split())
DURATION_UNITS = frozenset("天 日 小时 个小时 分钟 秒 个工作日 工作日 个月 年".split())
RATE_UNITS = frozenset("% ‰ 个百分点 百分点 成".split())


@dataclass(frozen=True)
class IndicatorDef:
    slug: str
    agency: str
    unit_kind: str
    patterns: tuple[str, ...]
    priority: int = 0


def unit_kind(unit: str, is_change: bool) -> str:
    if unit in RATE_UNITS:
        return "change" if is_change else "rate"
    if unit in MONEY_UNITS:
        return "money"
    if unit in CASE_UNITS:
        return "cases"
    if unit in PEOPLE_UNITS:
        return "people"
    return "count"


def _fits(indicator_kind: str, kind: str, unit: str) -> bool:
    if indicator_kind == kind:
        return True
    if {indicator_kind, kind} == {"count", "cases"}:
        # 发出检察建议96件, 排查风险隐患2160处: cases and things are counted in each other's words; a duration
        # (平均调解用时4.5天) never counts cases, whatever its subject says.
        return unit not in DURATION_UNITS
    if kind == "change":
        return indicator_kind == "rate" if unit in ("个百分点", "百分点") else indicator_kind != "rate"
    return False


class IndicatorMatcher:
    # Classifying is about a third of parsing a release (profiled on 100 generated releases: 22,500 figures,
    # 2 million `_fits` calls and 3.6 million regex searches). Three things cut it without changing a result:
    # the indicators that fit a unit are worked out once per unit; a pattern without regex syntax is tested
    # with `in`; a release repeats subjects (破获刑事案件 in every year's paragraph), so answers are memoised.
    _MEMO_LIMIT = 50_000

    def __init__(self, indicators: list[IndicatorDef] | tuple = ()):
        self.defs = tuple(indicators)
        self._entries = []
        for ind in self.defs:
            literals, compiled = [], []
            for pattern in ind.patterns:
                pattern = to_simplified(pattern.strip())
                if not pattern:
                    continue
                if re.escape(pattern) == pattern:
                    literals.append(pattern)
                    continue
                try:
                    compiled.append(re.compile(pattern))
                except re.error:
                    literals.append(pattern)  # an editor's typo stays a plain word
            self._entries.append((ind, tuple(literals), tuple(compiled)))
        self._fitting: dict[tuple[str, str], list] = {}
        self._memo: dict[tuple[str, str, bool, str], str] = {}

    def classify(self, subject: str, unit: str, is_change: bool, agency: str = "") -> str:
        """The slug of the indicator the figure measures, or "" when none fits."""
        if not subject or not self._entries:
            return ""
        key = (subject, unit, is_change, agency)
        if (slug := self._memo.get(key)) is None:
            if len(self._memo) >= self._MEMO_LIMIT:
                self._memo.clear()
            slug = self._memo[key] = self._classify(to_simplified(subject), unit, is_change, agency)
        return slug

    def _classify(self, subject: str, unit: str, is_change: bool, agency: str) -> str:
        kind = unit_kind(unit, is_change)
        fitting = self._fitting.get((kind, unit))
        if fitting is None:
            fitting = self._fitting[(kind, unit)] = [
                entry for entry in self._entries if _fits(entry[0].unit_kind, kind, unit)
            ]
        best, best_score = "", (0, 0, 0)
        for ind, literals, patterns in fitting:
            length = max((len(word) for word in literals if word in subject), default=0)
            for pattern in patterns:
                if (m := pattern.search(subject)) and len(m.group()) > length:
                    length = len(m.group())
            if not length:
                continue
            score = (int(bool(agency) and ind.agency == agency), ind.priority, length)
            if score > best_score:
                best, best_score = ind.slug, score
        return best


@lru_cache(maxsize=4)
def matcher_for(indicators: tuple[IndicatorDef, ...]) -> IndicatorMatcher:
    """One matcher per taxonomy, shared by the releases parsed with it, so its memo carries over. The defs
    are frozen and compared by value: an editor's change to the taxonomy makes a new matcher."""
    return IndicatorMatcher(indicators)
