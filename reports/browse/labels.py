"""Names and numbers as a reader sees them, in the interface language.

Chinese names are the archive's own; English names come from the model (cities, topics) or the gazetteer
(provinces). Values are Decimals with six places in the database: shown without trailing zeros.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal

from django.utils.translation import get_language, pgettext, pgettext_lazy

from reports.models import Agency

AGENCY_ORDER = {value: i for i, value in enumerate(Agency.values)}


def english() -> bool:
    return (get_language() or "").startswith("en")


def city_label(city) -> str:
    if city is None:
        return ""
    if english() and city.name_en:
        return city.name_en
    return city.name


@functools.cache
def _province_names() -> dict[str, str]:
    from reports.ingest.gazetteer import provinces

    return {ref.name: ref.name_en for ref in provinces() if ref.name_en}


def province_label(name: str) -> str:
    if english() and name:
        return _province_names().get(name, name)
    return name


def topic_label(topic) -> str:
    if topic is None:
        return ""
    return topic.name_en if english() and topic.name_en else topic.name


# The words a release puts around a figure, for the English interface; the Chinese one shows them as written.
QUALIFIERS = {
    word: label
    for words, label in [
        ("余 有余 多 之多 超 超过 逾 以上 上", pgettext_lazy("figure qualifier", "余")),
        ("近 将近 接近", pgettext_lazy("figure qualifier", "近")),
        ("约 左右 上下 大约", pgettext_lazy("figure qualifier", "约")),
        ("达 达到", pgettext_lazy("figure qualifier", "达")),
        ("以内 以下 不超过 不到", pgettext_lazy("figure qualifier", "以内")),
        ("不低于 不少于 至少", pgettext_lazy("figure qualifier", "不低于")),
        ("总计 共计 合计 累计", pgettext_lazy("figure qualifier", "总计")),
    ]
    for word in words.split()
}
BASES = {
    "同比": pgettext_lazy("figure basis", "同比"),
    "环比": pgettext_lazy("figure basis", "环比"),
    "年均": pgettext_lazy("figure basis", "年均"),
    **dict.fromkeys(["较去年", "比去年", "较上年", "比上年"], pgettext_lazy("figure basis", "较去年")),
    **dict.fromkeys(["较去年同期", "比去年同期", "较上年同期"], pgettext_lazy("figure basis", "较去年同期")),
}
BASIS_YEAR = re.compile(r"[较比](\d{4})年")


def qualifier_label(value: str) -> str | None:
    """The qualifier in the interface language, or None when it is shown as written (Chinese, or unknown)."""
    if not english() or value not in QUALIFIERS:
        return None
    return str(QUALIFIERS[value])


def basis_label(value: str) -> str | None:
    """The comparison basis in the interface language (同比 -> year on year), or None to show it as written."""
    if not english():
        return None
    if value in BASES:
        return str(BASES[value])
    match = BASIS_YEAR.fullmatch(value)
    if match:
        return pgettext("figure basis", "较%(year)s年") % {"year": match.group(1)}
    return None


def indicator_label(indicator) -> str:
    if indicator is None:
        return ""
    return indicator.name_en if english() and indicator.name_en else indicator.name


def agency_label(value: str) -> str:
    try:
        return str(Agency(value).label)
    except ValueError:
        return value


def sort_agencies(values) -> list[str]:
    return sorted(set(values), key=lambda v: AGENCY_ORDER.get(v, 99))


def plain_number(value: Decimal | None) -> str:
    """Decimal('1318.000000') -> '1318': exact, no exponent, no grouping (for exports)."""
    if value is None:
        return ""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def grouped_number(value: Decimal | None) -> str:
    """Decimal('186400000.000000') -> '186,400,000'; keeps the decimals the source gave."""
    if value is None:
        return ""
    text = plain_number(value)
    whole, _, frac = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    grouped = f"{int(whole):,}" if whole else "0"
    return sign + grouped + ("." + frac if frac else "")


def compact_number(value: float) -> str:
    """Axis labels: 12,000 -> 1.2万 (zh) or 12k (en)."""
    magnitude = abs(value)
    if english():
        steps = [(1e9, "B"), (1e6, "M"), (1e3, "k")]
    else:
        steps = [(1e8, "亿"), (1e4, "万")]
    for size, suffix in steps:
        if magnitude >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:.4g}"


def date_basis(date) -> dict | None:
    """Where a date came from, for a reader: {"label": "推断：据", "evidence": "2024年以来", "quote": True}.

    The evidence is the release's own words (shown in lang="zh", in quotation marks unless it brings its own,
    as “十四五”期间 does); the label is interface text. None when nothing is recorded.
    """
    from django.utils.translation import gettext as _

    if date is None:
        return None
    if not date.basis:
        return {"label": _("年份据上下文推断"), "evidence": "", "quote": False} if date.inferred else None
    stated = {
        "metadata": _("据网页元数据"),
        "editor": _("编辑填写"),
        "header": _("据页眉"),
        "text": _("据正文"),
        "url": _("据网址"),
        "period": _("据"),
        "publication": _("据发布日期"),
    }
    inferred = {
        "metadata": _("推断：据网页元数据"),
        "editor": _("编辑填写"),
        "header": _("推断：据页眉"),
        "text": _("推断：据正文"),
        "url": _("推断：据网址"),
        "period": _("推断：据"),
        "publication": _("推断：据发布日期"),
    }
    label = (inferred if date.inferred else stated).get(date.basis, "")
    evidence = date.evidence or ""
    return {"label": label, "evidence": evidence, "quote": bool(evidence) and not evidence.startswith("“")}


def shown_date(release) -> tuple[str, str]:
    """(ISO date, which date it is) for lists and feeds: the publication date, else the conference's, labelled."""
    from django.utils.translation import gettext as _

    if release.published:
        return release.published.iso(), ""
    if release.held:
        return release.held.iso(), _("发布会日期")
    return "", ""
