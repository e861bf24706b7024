"""A period phrase as dates: 今年以来 in a release of 14 Oct 2025 -> 2025-01-01..2025-10-14.

`resolve(phrase, reference)` reads one simplified period phrase (as `context.PERIOD` finds it) against the
release's reference date (its publication date, else its press conference's) and returns the first and last
day it covers, or (None, None) when the phrase is vague (近年来, 专项行动开展以来) or needs a reference the
release lacks. Conventions:

- A year, half, quarter or month range covers whole days: 2024年 -> 2024-01-01..2024-12-31, 前三季度 ->
  Jan 1..Sep 30, 1至9月 -> Jan 1..Sep 30.
- Without a written year (上半年, 全年, 1-9月) the release's year is meant, unless that period ends more than
  45 days after the release (a January release speaking of 全年 reports the year before).
- …以来 runs to the reference date: 今年以来, 2022年3月以来, 自2022年3月成立以来, 党的十八大以来 (from 8 Nov 2012).
- 近五年 / 五年来 / 连续五年: the five years up to the reference date.
- “十四五”期间: 2021-01-01..2025-12-31 (each plan covers five calendar years).
- A stock at a date (截至2023年6月底, 截至目前, 目前) is one day: start == end.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from .numerals import parse_chinese

Span = tuple[dt.date | None, dt.date | None]
NONE: Span = (None, None)

PLANS = {"十一五": 2006, "十二五": 2011, "十三五": 2016, "十四五": 2021, "十五五": 2026}
CONGRESSES = {
    "十八大": dt.date(2012, 11, 8),
    "十九大": dt.date(2017, 10, 18),
    "二十大": dt.date(2022, 10, 16),
}
LATE_TOLERANCE = dt.timedelta(days=45)

_N = r"(\d{1,2}|[一二三四五六七八九十两]+)"
YEAR_WORD = re.compile(r"((?:19|20)\d\d)年度?|今年|本年度|本年|去年|上年|前年")
PART = re.compile(
    r"上半年|下半年|首半年|前三季度|全年|年底|年末|"
    rf"前{_N}个月|第?([一二三四1-4])季度|首季度?|"
    rf"(?:1|一)(?:-|—|–|~|～|至|到){_N}月份?"
)
MONTH = re.compile(rf"{_N}月(?:份)?(?:(\d{{1,2}})日)?(?P<end>底|末)?(?P<xun>上旬|中旬|下旬)?")
RECENT_YEARS = re.compile(rf"^(?:近|连续)?{_N}年(?:来|以来)?$")


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    value = parse_chinese(text)
    return int(value) if value is not None else None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years) + dt.timedelta(days=1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28) + dt.timedelta(days=1)


def _year_of(word: str | None, ref: dt.date | None) -> int | None:
    """The year a year word names: 2024年 -> 2024, 今年 -> the reference's, 去年 -> the one before."""
    if word is None:
        return None
    if word[:2] in ("19", "20"):
        return int(word[:4])
    if ref is None:
        return None
    return ref.year - {"去年": 1, "上年": 1, "前年": 2}.get(word, 0)


def _part(part: re.Match, year: int) -> Span:
    text = part.group()
    if text in ("上半年", "首半年"):
        return dt.date(year, 1, 1), dt.date(year, 6, 30)
    if text == "下半年":
        return dt.date(year, 7, 1), dt.date(year, 12, 31)
    if text == "前三季度":
        return dt.date(year, 1, 1), dt.date(year, 9, 30)
    if text == "全年":
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if text in ("年底", "年末"):
        return dt.date(year, 12, 31), dt.date(year, 12, 31)
    if text.startswith("首季"):
        return dt.date(year, 1, 1), dt.date(year, 3, 31)
    if part.group(2):  # 第一季度
        q = "一二三四".find(part.group(2)) + 1 or int(part.group(2))
        return dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q)
    months = _number(part.group(1) or part.group(3) or "")
    if months is None or not 1 <= months <= 12:
        return NONE
    return dt.date(year, 1, 1), _month_end(year, months)


def _guess_year(span_of, ref: dt.date) -> Span:
    """A period written without its year: the release's year, or the one before if that has not ended yet."""
    span = span_of(ref.year)
    if span[1] is not None and span[1] > ref + LATE_TOLERANCE:
        span = span_of(ref.year - 1)
    return span


def _point_in_time(text: str, ref: dt.date | None) -> dt.date | None:
    """The day a 截至… / 自… phrase names: 2023年6月底 -> 2023-06-30, 2022年3月 -> 2022-03-01."""
    y = YEAR_WORD.search(text)
    year = _year_of(y.group(1) or y.group(), ref) if y else (ref.year if ref else None)
    rest = text[y.end() :] if y else text
    m = MONTH.search(rest)
    if year is None:
        return None
    if m is None:
        if y is None:
            return None
        end = rest.startswith(("底", "末"))
        return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
    month = _number(m.group(1))
    if month is None or not 1 <= month <= 12:
        return None
    if m.group(2):
        try:
            return dt.date(year, month, int(m.group(2)))
        except ValueError:
            return None
    if m.group("xun"):  # 6月上旬: the stock stands at the end of those ten days
        return {"上旬": dt.date(year, month, 10), "中旬": dt.date(year, month, 20)}.get(
            m.group("xun"), _month_end(year, month)
        )
    return _month_end(year, month) if m.group("end") else dt.date(year, month, 1)


def resolve(phrase: str, ref: dt.date | None) -> Span:
    """(first day, last day) of a simplified period phrase read against the reference date."""
    p = phrase.strip('“”"')
    if not p:
        return NONE
    plan = next((k for k in PLANS if k in p), None)
    if plan:
        first = dt.date(PLANS[plan], 1, 1)
        if p.endswith("以来"):
            return (first, ref) if ref else NONE
        return first, dt.date(PLANS[plan] + 4, 12, 31)
    congress = next((k for k in CONGRESSES if k in p), None)
    if congress:
        return (CONGRESSES[congress], ref) if ref and p.endswith("以来") else NONE
    if p.startswith(("截至", "截止")):
        if "目前" in p:
            return (ref, ref) if ref else NONE
        day = _point_in_time(p, ref)
        return (day, day) if day else NONE
    if p == "目前":
        return (ref, ref) if ref else NONE
    if p.startswith(("自", "从")):
        day = _point_in_time(p, ref)
        return (day, ref) if day and ref and day <= ref else NONE
    m = RECENT_YEARS.match(p)
    if m:
        n = _number(m.group(1))
        return (_years_before(ref, n), ref) if ref and n else NONE
    y = YEAR_WORD.match(p)
    rest = p[y.end() :] if y else p
    year = _year_of(y.group(1) or y.group(), ref) if y else None
    if rest in ("以来", "年初以来"):
        if year is None or ref is None:
            return NONE
        return dt.date(year, 1, 1), ref
    if rest == "":
        if year is None:
            return NONE
        if y.group() in ("今年", "本年度", "本年") and ref is not None:
            return dt.date(year, 1, 1), ref  # 今年 on its own: the year so far
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    part = PART.fullmatch(rest)
    if part:
        if year is not None:
            return _part(part, year)
        return _guess_year(lambda yr: _part(part, yr), ref) if ref else NONE
    since = re.fullmatch(rf"{_N}月(?:份)?以来", rest)
    if since:
        month = _number(since.group(1))
        yr = year if year is not None else (ref.year if ref else None)
        if yr is None or ref is None or month is None or not 1 <= month <= 12:
            return NONE
        first = dt.date(yr, month, 1)
        return (first, ref) if first <= ref else (dt.date(yr - 1, month, 1), ref)
    return NONE


PERIOD_KINDS = ("year", "year_to_date", "within_year", "multi_year", "point")


def kind_of(first: dt.date | None, last: dt.date | None) -> str:
    """What kind of span a period is, so that a full year is never drawn or compared as if it were a quarter:
    year (one calendar year), year_to_date (from 1 January to a day before its end: 今年以来, 1至9月),
    within_year (another span inside one year: 下半年, 5月以来), multi_year, point (a stock at one day);
    "" when unknown."""
    if first is None or last is None:
        return ""
    if first == last:
        return "point"
    if first.year != last.year:
        return "multi_year"
    if (first.month, first.day) == (1, 1):
        return "year" if (last.month, last.day) == (12, 31) else "year_to_date"
    return "within_year"
