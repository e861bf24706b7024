"""Shareable URLs: a filter state is its query string, so links add or remove one value and keep the rest.

Every link that changes a filter drops `page`: page 7 of the old result set means nothing in the new one.
"""

from __future__ import annotations

from urllib.parse import urlencode

RESET_ON_CHANGE = ("page",)
# A search URL's parameters that are not filters: what a search's feed leaves out (it lists the newest).
NOT_FILTERS = frozenset({"q", "page", "per_page", "sort"})


def _pairs(params) -> list[tuple[str, str]]:
    return [(key, value) for key in params for value in params.getlist(key)]


def encode(pairs: list[tuple[str, str]]) -> str:
    return "?" + urlencode(pairs) if pairs else "?"


def with_value(params, name: str, value) -> str:
    """Add `name=value` (several values of one filter are allowed), unless it is already there."""
    value = str(value)
    pairs = [(k, v) for k, v in _pairs(params) if k not in RESET_ON_CHANGE]
    if (name, value) not in pairs:
        pairs.append((name, value))
    return encode(pairs)


def without_value(params, name: str, values=None) -> str:
    """Remove `name` entirely, or only the given values of it."""
    drop = None if values is None else {str(v) for v in ([values] if isinstance(values, str) else values)}
    pairs = [
        (k, v)
        for k, v in _pairs(params)
        if k not in RESET_ON_CHANGE and not (k == name and (drop is None or v in drop))
    ]
    return encode(pairs)


def replaced(params, **changes) -> str:
    """Set single-valued parameters (None removes) and keep the rest; `page` survives only if given."""
    pairs = [(k, v) for k, v in _pairs(params) if k not in changes and k not in RESET_ON_CHANGE]
    for key, value in changes.items():
        if value is not None and value != "":
            pairs.append((key, str(value)))
    return encode(pairs)


def without_empty(params) -> str | None:
    """The same query without empty values, or None when there are none (a GET form sends `city=`)."""
    pairs = _pairs(params)
    kept = [(k, v) for k, v in pairs if v.strip() != ""]
    return None if len(kept) == len(pairs) else encode(kept)
