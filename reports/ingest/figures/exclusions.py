"""What looks like a figure but is not one.

Most non-figures never reach this module: dates (2025年10月14日), years (一七年), operation names (净网2025,
国门利剑2024) and hotlines (12345, 12348) have no unit after the number, and the scanner needs one. What is
left is decided here, by the context around a candidate, with one rule per kind of name:

- quoted and titled text is a name: “十五条举措”, “24小时无人警局”, “1234模式”, 《…(2025)》;
- an ordinal or a rank: 第一, 第二十场, 全省第一, 前三名;
- a code, a time, a range or a masked figure: 2·24, 9时30分, 2024-2026, 1至2名, #萬起, 7×24小时;
- the length of a prison sentence: 判处有期徒刑三年六个月;
- a one-character Chinese numeral before a noun is a set phrase: 三个安全, 五项措施, 四大检察, 一件事, 一批
  (a real small count in words ends its clause: 抓获犯罪嫌疑人三名。), unless it carries a qualifier (十余家);
- a vague quantity: 数十万, 几百.
"""

from __future__ import annotations

import bisect
import re

from .numerals import CN_NUMERAL_CHARS
from .scan import CLAUSE_END, Candidate
from .units import BOUNDED_UNITS

# Paired marks inside which a number names something. ASCII quotes pair up in order of appearance.
QUOTE_PAIRS = {"“": "”", "《": "》", "「": "」", "『": "』", "〈": "〉", "‘": "’", "﹁": "﹂"}
MAX_QUOTED = 40  # a longer "quotation" is a mismatched mark, not a name

MASKS = frozenset("#*＊×xX※■□�")
CONNECTORS = frozenset("·•・./:：-－~～—–_")
ORDINAL_BEFORE = re.compile(r"(?:第|初|周|星期|礼拜|农历|每周|No\.?|NO\.?)\s*$")
VAGUE_BEFORE = frozenset("数几若")
RANK_UNITS = frozenset(("名", "位"))
# Words before a small Chinese numeral that make it a pointer, not a count: 其中一人, 这三个.
POINTER_BEFORE = frozenset("其这那哪每另之任各")
APPROX_BEFORE = re.compile(r"(?:近|约|超过|超|逾|达|达到|共|共计|累计|多达|高达|不足|不到)$")
# 判处有期徒刑三年六个月: the length of a sentence, not a result.
SENTENCING = re.compile(r"徒刑|拘役|管制|缓刑|判处|刑期")
# Page furniture on mirror copies: 浏览量：1234次, 阅读 1.2万.
PAGE_FURNITURE = re.compile(r"(?:浏览|阅读|点击|访问|评论|点赞|收藏|转发|分享)(?:量|数|次数|人数)?[：:\s]*$")
HOTLINES = frozenset(
    "110 119 120 122 12110 12309 12315 12318 12320 12328 12333 12338 12345 12348 12355 12358 12365 12366 "
    "12368 12369 12377 12380 12389 12393 96110 967110 7110".split()
)


def quoted_spans(s: str) -> list[tuple[int, int]]:
    """(open, close) index pairs of quoted or titled stretches no longer than MAX_QUOTED."""
    spans = []
    stack: list[tuple[str, int]] = []
    ascii_open = -1
    for i, ch in enumerate(s):
        if ch in QUOTE_PAIRS:
            stack.append((QUOTE_PAIRS[ch], i))
        elif stack and ch == stack[-1][0]:
            _, j = stack.pop()
            if i - j <= MAX_QUOTED:
                spans.append((j, i))
        elif ch == '"':
            if ascii_open >= 0 and i - ascii_open <= MAX_QUOTED:
                spans.append((ascii_open, i))
                ascii_open = -1
            else:
                ascii_open = i
        elif ch == "\n":
            stack.clear()
            ascii_open = -1
    spans.sort()
    return spans


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies within a quoted span; spans are sorted and at most MAX_QUOTED long."""
    lo = bisect.bisect_left(spans, (start - MAX_QUOTED - 1, 0))
    for a, b in spans[lo:]:
        if a >= start:
            break
        if end <= b:
            return True
    return False


def exclusion_reason(s: str, c: Candidate, quotes: list[tuple[int, int]]) -> str:
    """Why the candidate is not a figure, or '' when it is one."""
    i = c.start
    before = s[max(0, i - 6) : i]
    prev = before[-1:] if before else ""
    after = s[c.num_end : c.num_end + 2]

    if inside(quotes, c.start, c.end):
        return "quoted name"
    if ORDINAL_BEFORE.search(before):
        return "ordinal"
    if prev in MASKS or after[:1] in MASKS:
        return "masked or code"
    if (
        prev in CONNECTORS
        and len(before) >= 2
        and (before[-2].isdigit() or before[-2].isascii() and before[-2].isalpha())
    ):
        return "code, time or range"
    if prev.isascii() and prev.isalpha():
        return "model or code number"
    if after[:1] in CONNECTORS and after[1:2].isdigit():
        return "code, time or range"
    if prev in "时点" and len(before) >= 2 and before[-2].isdigit():
        return "time of day"
    if prev in "至到~～" and len(before) >= 2 and (before[-2].isdigit() or before[-2] in CN_NUMERAL_CHARS):
        return "end of a range"
    if c.unit in BOUNDED_UNITS and SENTENCING.search(s, max(0, i - 10), i):
        return "length of a sentence"
    if prev == "每":
        return "denominator of a rate"
    if PAGE_FURNITURE.search(s, max(0, i - 8), i):
        return "page furniture"
    if before.endswith("为期"):
        return "campaign duration"
    if c.chinese and prev in VAGUE_BEFORE:
        return "vague quantity"
    if prev == "前" and c.unit in RANK_UNITS:
        return "rank"
    if not c.unit and not c.has_multiplier and not c.level:
        return "no unit"
    if not c.chinese and not c.unit and s[c.num_start : c.num_end] in HOTLINES:
        return "hotline"
    if c.simple:
        if c.inner or c.unit == "成" or APPROX_BEFORE.search(before):
            return ""
        if c.unit == "名" and c.value >= 2 and prev not in POINTER_BEFORE:
            return ""  # 抓获两名犯罪嫌疑人: 名 counts people, never names a set
        if prev in POINTER_BEFORE:
            return "pointer, not a count"
        if c.value == 1:
            return "one in words (一次, 一组, 一起) is a manner, not a count"
        nxt = s[c.trailing_end : c.trailing_end + 1]
        if nxt and nxt not in CLAUSE_END:
            return "set phrase"
    return ""
