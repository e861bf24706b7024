"""Numbers as numbers: a figure in a query (47万人次, 2.35亿元, 260萬次, 百分之九十六) finds the figures with
the same value and unit however a release wrote them (47萬餘人次, 二亿三千五百万元, 96%).

The ingest layer already reads every figure of a section into a Metric row (value multiplied out, unit
simplified). The indexer turns each row into one ASCII token (`figure_token`) that both backends index with
the section's words; the query side reads a typed word with the same ingest parser
(reports.ingest.figures) and searches for the same token. No second numeral parser: what ingest reads as
470000 人次 in a release, it reads as 470000 人次 in a query.

A bare year (2024) is indexed the same way, as a token for the release's date year, so the query 2024
finds a release dated 2024 whose text never writes the year.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# Measure words that count the same thing in different usage: Hong Kong and Taiwan releases count cases in
# 宗 where the mainland writes 起, people in 名 beside 人. Keys fold to values on both sides.
UNIT_FOLD = {"宗": "起", "名": "人", "個": "个", "萬": "万"}

_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_YEAR_WORD_RE = re.compile(r"((?:19|20)\d\d)(?:年|年度|年份)?")
TOKEN_PREFIX = "qn"  # [a-z][a-z0-9]*: the analyzer keeps such a word whole, in either backend
YEAR_PREFIX = "qy"


def _unit_code(unit: str) -> str:
    unit = UNIT_FOLD.get(unit, unit)
    return unit.encode("utf-8").hex()


def _value_code(value: Decimal) -> str:
    value = value.normalize()
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", "d").replace("-", "m")


def figure_token(value, unit: str) -> str | None:
    """The index token of a figure: `qn` + the unit as hex + `v` + the value (`d` for the decimal point)."""
    if value is None or not unit:
        return None
    try:
        value = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return None
    return f"{TOKEN_PREFIX}{_unit_code(unit)}v{_value_code(value)}"


def year_token(year: int | None) -> str | None:
    return f"{YEAR_PREFIX}{year}" if year else None


def query_figure(word: str):
    """The one figure a query word is, as (value, unit), or None when the word is not just a figure."""
    from reports.ingest.figures import extract_figures

    text = word.strip()
    if not text or not any(ch.isdigit() or ch in "零〇一二两三四五六七八九十百千万萬亿億" for ch in text):
        return None
    figures = extract_figures(text)
    if len(figures) != 1:
        return None
    figure = figures[0]
    # A leading qualifier (近3000人, 超10万人次) stays outside the figure's span; anything else must not.
    outside = (text[: figure.start] + text[figure.end :]).strip()
    if outside and outside not in ("近", "约", "超", "逾", "达", "共", "累计", "以上", "左右", "余", "多"):
        return None
    if figure.value is None or not figure.unit:
        return None
    return figure.value, figure.unit


def query_year(word: str) -> int | None:
    """2024 or 2024年 typed alone: a year, which also matches a release dated that year."""
    m = _YEAR_WORD_RE.fullmatch(word.strip())
    return int(m.group(1)) if m else None


def index_tokens(figures, year: int | None) -> str:
    """The line of tokens appended to a section's indexed text (never displayed): one per figure, and the
    release's year. `figures` are (value, unit) pairs read from Metric rows."""
    tokens = [figure_token(value, unit) for value, unit in figures]
    tokens.append(year_token(year))
    return " ".join(dict.fromkeys(t for t in tokens if t))


def same_units(unit: str) -> set[str]:
    """The units written for the same measure as `unit` (宗 and 起; 名 and 人)."""
    canonical = UNIT_FOLD.get(unit, unit)
    return {canonical} | {k for k, v in UNIT_FOLD.items() if v == canonical}
