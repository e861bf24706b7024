"""What the query parser says about a query (search/query.py): message codes with their Chinese and English
texts, and ``QueryMessage``, one message with its parameters. No Django.
"""

from __future__ import annotations

from dataclasses import dataclass

from .query_names import KNOWN_EN, KNOWN_ZH

# Message code -> (Chinese, English) templates; the UI may translate codes itself from ``params``.
MESSAGES: dict[str, tuple[str, str]] = {
    "empty_query": ("请输入要搜索的词语。", "Enter something to search for."),
    "query_too_long": (
        "查询过长（{length} 个字符），只使用了前 {limit} 个字符。",
        "The query is too long ({length} characters); only the first {limit} were used.",
    ),
    "too_many_terms": (
        "搜索词过多，只使用了前 {limit} 个。",
        "Too many terms; only the first {limit} were used.",
    ),
    "unbalanced_quote": (
        "引号 {quote} 没有配对，其后的内容按普通词语搜索。",
        "The quote {quote} is not closed; what follows was searched as plain words.",
    ),
    "empty_phrase": ("空引号已忽略。", "Empty quotes were ignored."),
    "lone_minus": (
        "单独的“-”已忽略；要排除某个词，请写成 -词语（中间不留空格）。",
        "A lone '-' was ignored; to exclude a word write -word (no space).",
    ),
    "dangling_or": (
        "OR 两边都需要搜索词，多余的 OR 已忽略。",
        "OR needs a term on both sides; it was ignored.",
    ),
    "exclusion_in_or": (
        "OR 的选项中不能使用排除（-），这些选项已忽略。",
        "Exclusions (-) cannot be alternatives of OR; they were ignored.",
    ),
    "unmatched_paren": ("多余的右括号已忽略。", "An unmatched closing parenthesis was ignored."),
    "unclosed_paren": ("括号没有闭合，已自动补全。", "An unclosed parenthesis was closed."),
    "too_deeply_nested": (
        "括号嵌套超过 {limit} 层，内层括号已忽略。",
        "Parentheses nest deeper than {limit} levels; the inner ones were ignored.",
    ),
    "wildcard_unsupported": (
        "不支持通配符（{chars}），已忽略；中文词语本身也会匹配包含它的长词。",
        "Wildcards ({chars}) are not supported and were ignored; Chinese words also match longer words.",
    ),
    "unknown_filter": (
        "未知的筛选条件“{name}”，已按普通文字搜索。可用：{known_zh}。",
        "Unknown filter '{name}', searched as text. Use {known_en}.",
    ),
    "missing_filter_value": (
        "筛选条件“{name}”缺少值，已忽略。",
        "The filter '{name}' has no value; ignored.",
    ),
    "bad_filter_value": (
        "筛选条件“{name}”的值“{value}”无效，已忽略。{hint}",
        "'{value}' is not a valid value for '{name}'; ignored. {hint_en}",
    ),
    "negated_filter": (
        "筛选条件不能排除（-{name}:），已忽略。",
        "Filters cannot be negated (-{name}:); ignored.",
    ),
    "duplicate_filter": (
        "筛选条件“{name}”出现多次，使用最后一个值。",
        "The filter '{name}' was given more than once; the last value was used.",
    ),
    "date_range_reversed": (
        "起始日期晚于结束日期，已对调。",
        "The start date was after the end date; swapped.",
    ),
    "no_positive_terms": (
        "只有排除词：请再输入要查找的词语或筛选条件。",
        "The query only excludes; add a term or a filter to search for.",
    ),
}


@dataclass(frozen=True)
class QueryMessage:
    code: str
    params: tuple[tuple[str, str], ...] = ()

    def text(self, lang: str = "zh") -> str:
        zh, en = MESSAGES[self.code]
        values = {"known_zh": KNOWN_ZH, "known_en": KNOWN_EN, **dict(self.params)}
        return (zh if lang.startswith("zh") else en).format(**values).strip()

    def as_dict(self) -> dict:
        return {"code": self.code, "params": dict(self.params), "zh": self.text("zh"), "en": self.text("en")}

    def __str__(self) -> str:
        return self.text("zh")


class _Errors(list):
    """The messages of one parse, each once, in the order they arose."""

    def add(self, code: str, **params) -> None:
        msg = QueryMessage(code, tuple((k, str(v)) for k, v in params.items()))
        if msg not in self:
            self.append(msg)
