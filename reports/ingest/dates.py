"""Publication and press-conference dates, which releases often give only in part (11月28日).

A date without its year takes the year of the publication date when we have one (a conference is reported
within days, so a month after publication means the previous year); otherwise the latest year the text
mentions, e.g. 《…报告(2025)》 or 2024年. Either way it is marked as inferred.
"""

from __future__ import annotations

import re

from reports.ingest.text import CN_DIGITS
from reports.ingest.types import PartialDate

_NUM = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_YEAR = r"(?:(?:19|20)\d\d|[二〇○零一二三四五六七八九]{4})"
FULL = re.compile(rf"(?P<y>{_YEAR})\s*年\s*(?P<m>{_NUM})\s*月\s*(?P<d>{_NUM})\s*[日号]")
ISO = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)")
YEAR_MONTH = re.compile(rf"(?P<y>{_YEAR})\s*年\s*(?P<m>{_NUM})\s*月(?!\s*{_NUM}\s*[日号])")
MONTH_DAY = re.compile(rf"(?<![\d年])(?P<m>{_NUM})\s*月\s*(?P<d>{_NUM})\s*[日号]")
# A year closing a range or a target (2024-2026年, 到2035年) says nothing about when the text was written.
YEAR_MENTION = re.compile(r"(?<![\d\-–—~至到])((?:19|20)\d\d)(?!\d)")
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


def latest_year(text: str, not_after: int | None = None) -> int | None:
    years = [int(y) for y in YEAR_MENTION.findall(text)]
    if not_after:
        years = [y for y in years if y <= not_after]
    return max(years) if years else None


def conference_date(lead: str, published: PartialDate | None, context: str) -> PartialDate | None:
    """The date of the press conference, from the sentence of the lead that announces it."""
    for sentence in re.split(r"[。!?\n]", lead):
        if not CONFERENCE.search(sentence) or not HELD.search(sentence):
            continue
        date = first_full_date(sentence)
        if date:
            return date
        match = MONTH_DAY.search(sentence)
        if match:
            return _infer_year(cn_number(match["m"]), cn_number(match["d"]), published, context)
    return None


def _infer_year(month: int, day: int, published: PartialDate | None, context: str) -> PartialDate | None:
    if published:
        year = published.year
        if published.month and month > published.month + 1:
            year -= 1  # reported in January about a December conference
        return _make(year, month, day, inferred=True)
    year = latest_year(context)
    return _make(year, month, day, inferred=True) if year else None
