"""What ingestion returns: plain dataclasses, no Django. The importer turns them into model rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal


class IngestError(Exception):
    """A file that cannot become a release. The message says why, in words an editor can act on."""


@dataclass(frozen=True)
class PartialDate:
    """A date that may lack its day, month or year; `inferred` marks a year taken from context.

    `basis` says where the date came from (one of DATE_BASES) and `evidence` quotes what it was read from
    (`2024年以来`, `/2023-05/18/`); neither takes part in comparing dates.
    """

    year: int
    month: int | None = None
    day: int | None = None
    inferred: bool = False
    basis: str = field(default="", compare=False)
    evidence: str = field(default="", compare=False)

    def based_on(self, basis: str, evidence: str = "") -> PartialDate:
        return replace(self, basis=basis, evidence=evidence[:100])

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def as_date(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def iso(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    @classmethod
    def parse_iso(cls, text: str | None, inferred: bool = False) -> PartialDate | None:
        """Read back what iso() wrote ("2025", "2025-11", "2025-11-28"); None for empty."""
        if not text:
            return None
        parts = [int(p) for p in str(text).split("-")]
        if not 1 <= len(parts) <= 3:
            raise ValueError(f"not a partial date: {text!r}")
        date = cls(*parts, inferred=inferred)
        date.as_date()  # validates month and day
        return date

    @classmethod
    def from_fields(
        cls, date: dt.date | None, precision: str, inferred: bool, basis: str = "", evidence: str = ""
    ) -> PartialDate | None:
        if date is None or precision == "unknown":
            return None
        return cls(
            date.year,
            date.month if precision in ("month", "day") else None,
            date.day if precision == "day" else None,
            inferred,
            basis,
            evidence,
        )


# Where a date came from. Stated: the page's metadata, an editor, a header line, a full date in the text.
# Inferred (with evidence): a URL's date path, a reporting period in the text, the publication date.
DATE_BASES = ("metadata", "editor", "header", "text", "url", "period", "publication")


@dataclass(frozen=True)
class Figure:
    """One number in a section, with the exact span of section text it was read from."""

    text: str
    start: int
    end: int
    value: Decimal | None
    unit: str
    qualifier: str = ""
    is_change: bool = False
    direction: str | None = None  # "up" | "down" | None
    basis: str = ""  # 同比, 环比, 较2012年, 年均 ... ("" when the figure is not a change)
    subject: str = ""
    period: str = ""
    # The period as dates (see figures/periods.py) and where it came from: "stated" in the figure's sentence,
    # "inherited" from its paragraph's or section's opening, "release" (nothing written: the release date).
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    period_basis: str = ""
    # 由0.9%下降到0.4%: the value the figure moved from, when the text gives it.
    from_value: Decimal | None = None
    indicator: str = ""  # an indicator slug, "" while unclassified

    def to_dict(self) -> dict:
        data = asdict(self)
        data["value"] = decimal_to_json(self.value)
        data["from_value"] = decimal_to_json(self.from_value)
        for name in ("period_start", "period_end"):
            data[name] = data[name].isoformat() if data[name] else None
        return data


@dataclass
class ParsedSection:
    order: int
    heading: str
    agency: str
    agency_name: str
    text: str
    figures: list[Figure] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class CityRef:
    name: str  # simplified, e.g. 沈阳市
    name_as_written: str  # e.g. 瀋陽市
    province: str  # simplified, e.g. 辽宁省
    level: str  # national | provincial | prefecture | county
    code: str = ""
    name_en: str = ""
    slug: str = ""


@dataclass
class ParsedRelease:
    title: str
    text: str
    script: str
    content_type: str
    published_on: PartialDate | None = None
    held_on: PartialDate | None = None
    outlet: str = ""
    source_url: str = ""
    city: CityRef | None = None
    sections: list[ParsedSection] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def decimal_to_json(value: Decimal | None):
    """A Decimal as a JSON number: an int when whole (5460000000), else a float (11.6)."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)
