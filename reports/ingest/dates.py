"""Publication and press-conference dates, which releases often give only in part (11月28日).

Every date carries its basis (see types.DATE_BASES) and the words it was read from. A date stated in full
is taken as it stands. A date without its year takes the year of the publication date when we have one (a
conference is reported within days, so a month after publication means the previous year); otherwise the
year a reporting period implies (`2024年以来` -> 2024; `截至2023年6月底` at a 7月 conference -> 2023; `2024年
全市…` at a 1月 conference -> 2025, the year after the one reported); otherwise none. A wrong date is worse
than an unknown one, so a bare mention of a year (`2024年`, a plan's `到2035年`) is never used.
"""

from __future__ import annotations

import datetime as dt
import re

from reports.ingest.text import CN_DIGITS
from reports.ingest.types import PartialDate

_NUM = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_YEAR = r"(?:(?:19|20)\d\d|[二〇○零一二三四五六七八九]{4})"
FULL = re.compile(rf"(?P<y>{_YEAR})\s*年\s*(?P<m>{_NUM})\s*月\s*(?P<d>{_NUM})\s*[日号]")
ISO = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)")
YEAR_MONTH = re.compile(rf"(?P<y>{_YEAR})\s*年\s*(?P<m>{_NUM})\s*月(?!\s*{_NUM}\s*[日号])")
MONTH_DAY = re.compile(rf"(?<![\d年])(?P<m>{_NUM})\s*月\s*(?P<d>{_NUM})\s*[日号]")
CONFERENCE = re.compile(r"发布会|新闻发布|通报会|情况通报|见面会|吹风会|新闻通气会|发布活动")
HELD = re.compile(r"召开|举行|举办|在.{0,20}?(?:召开|举行)")


def cn_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if all(ch in CN_DIGITS for ch in text):  # 二〇二五 is written digit by digit
        return int("".join(str(CN_DIGITS[ch]) for ch in text))
    # 十, 十四, 二十, 二十八
    if "十" in text:
        tens, _, units = text.partition("十")
        return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[units] if units else 0)
    raise ValueError(text)


def _make(year, month, day, inferred=False) -> PartialDate | None:
    try:
        date = PartialDate(year, month, day, inferred)
        date.as_date()
    except ValueError:
        return None
    return date


def first_full_date(text: str) -> PartialDate | None:
    """The first complete date (year, month and day) in `text`."""
    found = []
    for pattern in (FULL, ISO):
        match = pattern.search(text)
        if match:
            found.append(match)
    for match in sorted(found, key=lambda m: m.start()):
        date = _make(cn_number(match["y"]), cn_number(match["m"]), cn_number(match["d"]))
        if date:
            return date
    return None


def parse_date_hint(text: str) -> PartialDate | None:
    """A date typed by an editor or given by a page's metadata: 2025-10-16, 2025-10, 2025年10月16日, 2025."""
    text = (text or "").strip()
    if not text:
        return None
    date = first_full_date(text)
    if date:
        return date
    match = re.match(r"^((?:19|20)\d\d)(?:[-/.年](\d{1,2})月?)?$", text)
    if match:
        return _make(int(match[1]), int(match[2]) if match[2] else None, None)
    return None


# Reporting periods, and what each says about the year of a report made in a given month.
_SINCE = re.compile(r"(?P<y>(?:19|20)\d\d)\s*年\s*以来")
_UNTIL = re.compile(
    rf"截至\s*(?:目前|今年|(?P<y>(?:19|20)\d\d)\s*年)?\s*(?P<m>{_NUM})\s*月\s*(?:(?P<d>{_NUM})\s*日|底|末|份)?"
)
_PART_YEAR = re.compile(
    rf"(?P<y>(?:19|20)\d\d)\s*年\s*(?:(?:1|一)\s*(?:至|-|—|–|~|到)\s*(?P<m>{_NUM})\s*月|前三季度|上半年|一季度|前(?P<q>[一二三四五六七八九十\d]{{1,2}})个月)"
)
# A whole year's results: 2024年,全市… / 2024年全市… / 过去的2024年 / 2024年全年 / 2024年度
_WHOLE_YEAR = re.compile(
    r"(?:过去的\s*)?(?P<y>(?:19|20)\d\d)\s*年(?:度|全年|[,，]|(?:全|我)(?:市|区|县|州|省))"
)
_PLAN = re.compile(r"将|计划|力争|预计|目标|要")
# A five-year plan reviewed (“十四五”期间, 十三五以来): reviews come in the plan's last months.
_FIVE_YEAR = re.compile(r"[“\"]?十(?P<n>[一二三四五])五[”\"]?\s*(?:期间|以来)")


def period_year(month: int | None, context: str) -> tuple[int, str] | None:
    """(year, evidence) of a report made in `month`, from the reporting periods the text names.

    Every period found must agree; conflicting evidence gives None rather than a guess.
    """
    found: list[tuple[int, str]] = []
    for match in _SINCE.finditer(context):
        found.append((int(match["y"]), match.group()))
    for match in _UNTIL.finditer(context):
        if match["y"] and month:
            until = cn_number(match["m"])
            found.append((int(match["y"]) + (1 if month < until else 0), match.group()))
    for match in _PART_YEAR.finditer(context):
        if not month:
            continue
        group = match.group()
        last = (
            cn_number(match["m"])
            if match["m"]
            else cn_number(match["q"])
            if match["q"]
            else 9
            if "三季度" in group
            else 6
            if "上半年" in group
            else 3
        )
        found.append((int(match["y"]) + (1 if month <= last else 0), group))
    for match in _WHOLE_YEAR.finditer(context):
        clause = re.split(r"[。;!?\n]", context[match.end() :], maxsplit=1)[0][:30]
        if not month or _PLAN.search(clause):
            continue  # 2025年,全市将…: a plan, not a report
        if month <= 4:
            found.append((int(match["y"]) + 1, match.group()))  # reported early in the next year
    for match in _FIVE_YEAR.finditer(context):
        clause = re.split(r"[。;!?\n]", context[match.end() :], maxsplit=1)[0][:30]
        if month and month >= 6 and not _PLAN.search(clause):
            found.append((2010 + 5 * (cn_number(match["n"]) - 1), match.group()))
    years = {year for year, _ in found}
    if len(years) != 1:
        return None
    return found[0]


# A URL's date path: /2023-05/18/, /202305/t20230518_123.html, /2023/05/18/, /20230518/
_URL_DATES = (
    re.compile(r"/(?P<y>20\d\d)-?(?P<m>\d\d)/(?P<d>\d\d)/"),
    re.compile(r"[/_t](?P<y>20\d\d)(?P<m>\d\d)(?P<d>\d\d)(?=[_/.])"),
    re.compile(r"/(?P<y>20\d\d)[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})/"),
    re.compile(r"/(?P<y>20\d\d)-?(?P<m>\d\d)/"),
)
URL = re.compile(r"https?://[\w.\-:]+/[\w/.\-?=&%#~]*", re.A)


def url_date(url: str) -> PartialDate | None:
    """The date a URL's path carries, marked inferred (a site files a page under its publication day)."""
    path = re.sub(r"^https?://[^/]+", "", url or "")
    for pattern in _URL_DATES:
        match = pattern.search(path)
        if not match:
            continue
        day = int(match["d"]) if "d" in match.groupdict() and match["d"] else None
        date = _make(int(match["y"]), int(match["m"]), day, inferred=True)
        if date:
            return date.based_on("url", match.group())
    return None


def dateline_date(first_line: str, context: str) -> PartialDate | None:
    """The publication date in a dateline (示例网柳州3月27日消息, 新华社北京10月19日电): a year only from evidence."""
    match = re.match(
        rf"^[^\s,。]{{0,16}}?(?P<m>{_NUM})\s*月\s*(?P<d>{_NUM})\s*日\s*(?:消息|电|讯)", first_line
    )
    if not match:
        return None
    month, day = cn_number(match["m"]), cn_number(match["d"])
    year = period_year(month, context)
    if not year:
        return None
    date = _make(year[0], month, day, inferred=True)
    return date.based_on("period", year[1]) if date else None


def conference_date(lead: str, published: PartialDate | None, context: str) -> PartialDate | None:
    """The date of the press conference, from the sentence of the lead that announces it."""
    for sentence in re.split(r"[。!?\n]", lead):
        if not CONFERENCE.search(sentence) or not HELD.search(sentence):
            continue
        # 样稿社绵阳1月9日电(记者 某某)1月8日,…召开…: the dateline's date is the dispatch's, not the event's.
        sentence = _DATELINE.sub("", sentence)
        date = first_full_date(sentence)
        if date:
            return date.based_on("text", _quote(sentence, date))
        match = MONTH_DAY.search(sentence)
        if match:
            return _infer_year(cn_number(match["m"]), cn_number(match["d"]), published, context)
        if published and published.day:
            return _relative_day(sentence, published)
    return None


def _quote(sentence: str, date: PartialDate) -> str:
    match = FULL.search(sentence) or ISO.search(sentence)
    return match.group() if match else date.iso()


_DATELINE = re.compile(
    rf"^[^\s,。]{{0,16}}?{_NUM}\s*月\s*{_NUM}\s*日\s*(?:消息|电|讯)\s*(?:\([^()]{{0,40}}\))?"
)
_DAY_ONLY = re.compile(rf"(?<![\d月年])(?P<d>{_NUM})\s*日(?:上午|下午|晚|,|在|召开|举行)")
_TODAY = re.compile(r"^.{0,30}?(?P<word>今天|今日|昨天|昨日)")


def _relative_day(sentence: str, published: PartialDate) -> PartialDate | None:
    """19日上午… or 今天上午… in a conference sentence: the day is given, month and year by publication."""
    today = _TODAY.match(sentence)
    if today:
        date = published
        if today["word"].startswith("昨"):  # 昨日,梧州市召开…: the day before the paper came out
            day = published.as_date() - dt.timedelta(days=1)
            date = PartialDate(day.year, day.month, day.day, inferred=True)
        return date.based_on("publication", today["word"])
    match = _DAY_ONLY.search(sentence)
    if not match:
        return None
    day = cn_number(match["d"])
    year, month = published.year, published.month
    if day > published.day:  # a conference on the 30th reported on the 2nd: the month before
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    date = _make(year, month, day, inferred=True)
    return date.based_on("publication", match.group()) if date else None


def _infer_year(month: int, day: int, published: PartialDate | None, context: str) -> PartialDate | None:
    if published:
        year = published.year
        if published.month and month > published.month + 1:
            year -= 1  # reported in January about a December conference
        date = _make(year, month, day, inferred=True)
        return date.based_on("publication", published.iso()) if date else None
    found = period_year(month, context)
    if not found:
        return None
    date = _make(found[0], month, day, inferred=True)
    return date.based_on("period", found[1]) if date else None
