"""The grammar of one figure, read left to right on the simplified text:

    number [space] [余|多] [junk] [multiplier] [junk] [余|多] [space] [junk] unit [space] [以上|左右|…]

`number` is Arabic (1,234 / 54.6) or a Chinese numeral (二百零七, 十五万五千); the multiplier is 百/千/万/亿 or
a chain (千万, 万亿); junk is what mirror sites splice in (萬(wàn), 【广告】, a URL) and is kept inside the
span because it sits between characters that belong to the figure. Deciding whether a candidate is a name, a
date or a label is left to `exclusions`; this module only reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .numerals import multiplier_value, parse_arabic, parse_chinese
from .units import BOUNDED_UNITS, bounded_ok, match_unit

# Zero-width characters and soft hyphens that mirror pages leave between digits are read through.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
NUMBER = re.compile(
    rf"(?P<ar>\d{{1,3}}(?:[,，]\d{{3}}(?!\d))+(?:\.\d+)?|\d(?:[{INVISIBLE}]?\d)*(?:\.\d+)?)"
    r"|(?P<cn>[零〇一二两三四五六七八九十百千万亿]+)"
)
SPACES = frozenset(" \u00a0\u3000\t")
# Junk seen inside figures on mirror pages: pinyin glosses, bracketed ad strings, bare URLs. Never digits,
# so a junk match cannot hide a second number.
JUNK = re.compile(
    r"[(（][A-Za-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ'\s]{1,12}[)）]"
    r"|[【\[][^【】\[\]\d\n]{1,20}[】\]]"
    r"|(?:https?://|www\.)[A-Za-z0-9./_-]{2,40}"
    r"|[A-Za-z][A-Za-z-]*\.(?:com|cn|net|org)(?:\.cn)?(?:/[A-Za-z0-9._/-]*)?"
    r"|&(?:nbsp|ensp|emsp|thinsp|#160|#xa0);"
    rf"|[{INVISIBLE}]"
)
ARABIC_MULTIPLIER = re.compile(r"[百千]?万亿|[百千]?[万亿]|[百千](?![克米瓦分])")
CN_MULTIPLIER = re.compile(r"万亿|[万亿]")
INNER_QUALIFIERS = "余多"
TRAILING_QUALIFIER = re.compile(r"[ \u3000]?(以上|左右|以下|以内|之多|上下|有余|多)")
# A bare multiplier is a number after one of these: 上亿元, 近万人, 超千家.
BARE_LEADS = frozenset("上近超逾过")
LEVEL_BEFORE = re.compile(r"(?:为|至|到|达|是|降|升|长|少|低|高|加)$")
YEAR_LIKE = re.compile(r"(?:19|20)\d\d")
# Clause-ending characters: a unit-less or bounded figure must be followed by one of these.
CLAUSE_END = frozenset('，。；、：！？,;:!?）)」”』"\n')


@dataclass
class Candidate:
    start: int  # span start in the text (the number, or the lead of a bare multiplier)
    end: int  # span end: after the unit, or after the number/multiplier when there is no unit
    num_start: int
    num_end: int
    value: Decimal
    unit: str
    inner: str = ""  # 余 / 多 inside the span
    trailing: str = ""  # 以上 / 左右 … after the span
    trailing_end: int = 0
    bare_lead: str = ""  # 上 / 近 … when the number is a bare multiplier (上亿元)
    chinese: bool = False
    simple: bool = False  # a single Chinese numeral 一…十
    has_multiplier: bool = False
    level: bool = False  # a unit-less value after 为/至/下降: 万人发案率为3.2


def _skip(s: str, p: int) -> int:
    n = len(s)
    while p < n:
        if s[p] in SPACES:
            p += 1
            continue
        m = JUNK.match(s, p)
        if m:
            p = m.end()
            continue
        break
    return p


def read_candidate(s: str, m: re.Match) -> Candidate | None:
    """Read the figure that starts with the number matched by NUMBER, or None when it has no reading."""
    num_start, num_end = m.span()
    ar = m.group("ar")
    bare_lead = ""
    bare = False
    if ar is not None:
        value = parse_arabic(ar)
        chinese = simple = False
    else:
        cn = m.group("cn")
        parsed = parse_chinese(cn)
        chinese = True
        simple = len(cn) == 1 and cn in "一二两三四五六七八九十"
        if parsed is None:
            # A bare multiplier is a number after 上/近/超 (上亿元, 近万人) or before 余/多 (百余家, 千余人).
            if any(ch not in "百千万亿" for ch in cn):
                return None
            bare_lead = s[num_start - 1] if num_start > 0 and s[num_start - 1] in BARE_LEADS else ""
            if not bare_lead and not s.startswith(("余", "多"), num_end):
                return None
            bare = True
            parsed = multiplier_value(cn)
        value = Decimal(parsed)
    if value is None:
        return None

    n = len(s)
    inner = ""
    mult = ""
    level = False
    content_end = num_end  # end of the last character that belongs to the number itself
    p = _skip(s, num_end)
    if p < n and s[p] in INNER_QUALIFIERS:
        inner = s[p]
        content_end = p + 1
        p = _skip(s, p + 1)
    mm = (ARABIC_MULTIPLIER if ar is not None else CN_MULTIPLIER).match(s, p)
    if mm:
        mult = mm.group()
        content_end = mm.end()
        p = _skip(s, mm.end())
    if not inner and p < n and s[p] in INNER_QUALIFIERS:
        inner = s[p]
        content_end = p + 1
        p = _skip(s, p + 1)
    unit = match_unit(s, p)
    if not unit and ar is not None and s.startswith("大类", p):
        unit = "类"  # 6大类38项: the adjective sits inside the span
        p += 1
    if not unit and chinese and simple and s.startswith("成", p) and _ends_phrase(s, p + 1):
        unit = "成"  # 九成以上, 下降三成: tenths, only ever written with a Chinese numeral
    if unit:
        end = p + len(unit)
        if unit in BOUNDED_UNITS and not bounded_ok(s, end):
            return None
    else:
        # No unit: a multiplied amount (惠及152万) or a level after 为/至/下降 (万人发案率为3.2) may stand
        # alone, and only at the end of a clause.
        end = content_end
        if bare or end < n and s[end] not in CLAUSE_END:
            return None
        if not mult:
            if ar is None or inner or not LEVEL_BEFORE.search(s, max(0, num_start - 2), num_start):
                return None
            if YEAR_LIKE.fullmatch(ar):
                return None
            level = True
    if bare and unit in ("元", "美元") and end < n and s[end] not in CLAUSE_END:
        # 案值超亿元非法集资案件: a bare threshold describing the cases, not an amount.
        return None

    value = value * multiplier_value(mult) if mult else value
    trailing = ""
    trailing_end = end
    tm = TRAILING_QUALIFIER.match(s, end)
    if tm and (tm.group(1) != "多" or tm.end() >= n or s[tm.end()] in CLAUSE_END):
        trailing = tm.group(1)
        trailing_end = tm.end()
    return Candidate(
        start=num_start - 1 if bare_lead else num_start,
        end=end,
        num_start=num_start,
        num_end=num_end,
        value=value,
        unit=unit,
        inner=inner,
        trailing=trailing,
        trailing_end=trailing_end,
        bare_lead=bare_lead,
        chinese=chinese,
        simple=simple,
        has_multiplier=bool(mult) or (chinese and any(c in "万亿" for c in m.group())),
        level=level,
    )


def _ends_phrase(s: str, p: int) -> bool:
    return p >= len(s) or s[p] in CLAUSE_END or s.startswith(("以上", "左右", "多"), p)


PERCENT_WORDS = re.compile(
    r"百分之(?P<n>\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?)"
)
ZERO = re.compile(r"(?<=[为至到])零(?=[，。；、,;：:！？!?）)\s]|$)")
