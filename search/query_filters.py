"""Filters of the query language (search/query.py): ``name:value`` in English or Chinese, the agency aliases,
the values as parsed (``Filters``) and the hints shown for a bad value. No Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from reports.ingest import agencies

from .analysis import normalize_term
from .query_messages import _Errors
from .query_names import ORDER
from .query_syntax import _DELIMS, _WILDCARDS

HINTS: dict[str, tuple[str, str]] = {
    "agency": (
        "可用：政法委、法院、检察院、公安、司法局、其他。",
        "Use political_legal_committee, court, procuratorate, police, justice_bureau or other.",
    ),
    "year": ("请写成 2025 或 2023-2025。", "Write 2025 or 2023-2025."),
    "date": ("请写成 2024、2024-06 或 2024-06-30。", "Write 2024, 2024-06 or 2024-06-30."),
}


AGENCY_SLUGS = agencies.SLUGS
AGENCY_ALIASES = {
    **{slug: slug for slug in AGENCY_SLUGS},
    **dict.fromkeys(
        ["plc", "committee", "政法委", "政法委员会", "市委政法委", "政法", "平安办"],
        "political_legal_committee",
    ),
    **dict.fromkeys(
        ["courts", "法院", "人民法院", "中院", "中级人民法院", "高院", "法庭", "审判机关"], "court"
    ),
    **dict.fromkeys(
        ["procuratorates", "prosecutor", "检察院", "检察", "人民检察院", "检察机关", "检方"], "procuratorate"
    ),
    **dict.fromkeys(["公安", "公安局", "公安机关", "警方", "派出所", "警察"], "police"),
    **dict.fromkeys(["justice", "司法局", "司法", "司法行政", "司法所"], "justice_bureau"),
    **dict.fromkeys(["其他", "其它"], "other"),
}

_VALUE_SPLIT_RE = re.compile(r"[,，、|｜]")
_YEAR_RE = re.compile(r"(\d{4})年?(?:(?:-|~|～|—|至|到|\.\.)(\d{4})年?)?")
_DATE_RE = re.compile(r"(\d{4})(?:年|[-/.])?(?:(\d{1,2})(?:月|[-/.])?(?:(\d{1,2})日?)?)?")


@dataclass
class Filters:
    """Values are normalised (simplified, lowercase). Several values of one filter mean any of them.

    ``values``: the release filters by name (city, province, topic, year; years as "2025"), as typed; the
    service resolves them to stored values (search/filters.py). Agencies are slugs already; dates a period.
    """

    values: dict[str, list[str]] = field(default_factory=dict)
    agencies: list[str] = field(default_factory=list)
    date_from: date | None = None
    date_to: date | None = None

    def get(self, name: str) -> list[str]:
        return self.values.get(name, [])

    def is_empty(self) -> bool:
        return not any(values for _, values in self.items())

    def items(self) -> list[tuple[str, list]]:
        """``(filter name, values)`` in query-language order; dates as ISO strings."""
        special = {
            "agency": self.agencies,
            "from": [self.date_from.isoformat()] if self.date_from else [],
            "to": [self.date_to.isoformat()] if self.date_to else [],
        }
        return [(name, special[name] if name in special else self.get(name)) for name in ORDER]

    def add(self, name: str, value: str) -> None:
        target = self.values.setdefault(name, [])
        if value not in target:
            target.append(value)


def _apply_filter(
    filters: Filters, name: str, typed: str, value: str, errors: _Errors, periods: dict
) -> None:
    if name in ("from", "to"):
        period = parse_period(value)
        if period is None:
            errors.add(
                "bad_filter_value", name=typed, value=value, hint=HINTS["date"][0], hint_en=HINTS["date"][1]
            )
            return
        if name in periods:
            errors.add("duplicate_filter", name=typed)
        periods[name] = period
        return
    if any(w in value for w in _WILDCARDS):
        errors.add("wildcard_unsupported", chars=" ".join(sorted({w for w in value if w in _WILDCARDS})))
    for part in _VALUE_SPLIT_RE.split(value):
        # Names and slugs hold no spaces or query syntax; dropping them keeps canonical() re-parsable.
        v = normalize_term("".join(ch for ch in part if not ch.isspace() and ch not in _DELIMS + _WILDCARDS))
        if not v:
            continue
        if name == "agency":
            slug = AGENCY_ALIASES.get(v.replace("-", "_"))
            if slug is None:
                errors.add(
                    "bad_filter_value",
                    name=typed,
                    value=part,
                    hint=HINTS["agency"][0],
                    hint_en=HINTS["agency"][1],
                )
            elif slug not in filters.agencies:
                filters.agencies.append(slug)
        elif name == "year":
            m = _YEAR_RE.fullmatch(v)
            first, last = (int(m.group(1)), int(m.group(2) or m.group(1))) if m else (0, 0)
            if not m or not (1900 <= min(first, last) and max(first, last) <= 2100) or abs(last - first) > 50:
                errors.add(
                    "bad_filter_value",
                    name=typed,
                    value=part,
                    hint=HINTS["year"][0],
                    hint_en=HINTS["year"][1],
                )
                continue
            for year in range(min(first, last), max(first, last) + 1):
                filters.add("year", str(year))
        else:
            filters.add(name, v)


def parse_period(value: str) -> tuple[date, date] | None:
    """A partial date as the first and last day it covers: 2024 -> 2024-01-01..2024-12-31."""
    m = _DATE_RE.fullmatch(normalize_term(value))
    if not m:
        return None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    try:
        if month is None:
            return date(year, 1, 1), date(year, 12, 31)
        if day is None:
            first = date(year, month, 1)
            following = date(year + (month == 12), month % 12 + 1, 1)
            return first, date.fromordinal(following.toordinal() - 1)
        return date(year, month, day), date(year, month, day)
    except ValueError:
        return None
