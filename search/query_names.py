"""The names researchers type for each filter in the query language (城市:沈阳, year:2025), in one table.

The parser (search/query.py, search/query_filters.py) reads a query's filters by them, and the parser's
messages (search/query_messages.py) list them when a name is not known. A new release filter
(search/filters.py) only needs its names here to be typed in a query.
"""

from __future__ import annotations

FILTER_NAMES = {
    **dict.fromkeys(["city", "城市", "地市"], "city"),
    **dict.fromkeys(["province", "省份", "省"], "province"),
    **dict.fromkeys(["agency", "机关", "部门", "单位", "机构"], "agency"),
    **dict.fromkeys(["topic", "主题", "专题", "话题"], "topic"),
    **dict.fromkeys(["year", "年份", "年度", "年"], "year"),
    **dict.fromkeys(["from", "since", "从", "自", "起"], "from"),
    **dict.fromkeys(["to", "until", "到", "至", "止", "截至"], "to"),
}

# The filters in query order (canonical() writes them so). Release filters beyond agency, year and the dates
# are plain values: a new one (search/filters.py) only needs its names above to be typed in a query.
ORDER = tuple(dict.fromkeys(FILTER_NAMES.values()))
# The names the parser's messages list as available (a new filter appears there with its names above):
# each filter's English name, and its first Chinese one.
KNOWN_EN = ", ".join(ORDER)
KNOWN_ZH = "、".join(
    next(
        (typed for typed, name in FILTER_NAMES.items() if name == canonical and not typed.isascii()),
        canonical,
    )
    for canonical in ORDER
)
