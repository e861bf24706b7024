"""The characters with a meaning in the query language (search/query.py): the lexer splits words at them, and
filter values (search/query_filters.py) may not contain them. No Django.
"""

_QUOTE_CLOSERS = {
    '"': '"＂”“',
    "＂": '"＂”“',
    "“": '”"＂“',
    "”": '”"＂“',
    "「": "」",
    "『": "』",
}
_STRAY_CLOSERS = "」』"  # closing-only quotes: seen first, they can only be unbalanced
_DELIMS = "".join(_QUOTE_CLOSERS) + _STRAY_CLOSERS + "()（）|｜"
_MINUS = "-－"
_WILDCARDS = "*?＊"
