"""Snippets with the matched words marked, in the original script.

Every piece of text is escaped before a <mark> goes around it, and only the assembled string is marked
safe: a release quoting `<script>` shows the word, never runs it.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from search.analysis import find_spans
from search.request import positive_seqs

SNIPPET_CHARS = 140
LEAD_IN = 24


def best_window(spans: list[tuple[int, int]], length: int, width: int) -> tuple[int, int]:
    """The window of `width` characters covering the most matches, starting a little before the first."""
    if not spans:
        return 0, min(length, width)
    best_start, best_count = spans[0][0], 0
    j = 0
    for i, (start, _) in enumerate(spans):
        j = max(j, i)
        while j + 1 < len(spans) and spans[j + 1][1] <= start + width - LEAD_IN:
            j += 1
        if j - i + 1 > best_count:
            best_start, best_count = start, j - i + 1
    begin = max(0, best_start - LEAD_IN)
    return begin, min(length, begin + width)


def mark(text: str, spans: list[tuple[int, int]], begin: int = 0, end: int | None = None) -> SafeString:
    end = len(text) if end is None else end
    out, cursor = [], begin
    for start, stop in spans:
        if stop <= begin or start >= end:
            continue
        start, stop = max(start, begin), min(stop, end)
        out.append(escape(text[cursor:start]))
        out.append(f"<mark>{escape(text[start:stop])}</mark>")
        cursor = stop
    out.append(escape(text[cursor:end]))
    return mark_safe("".join(out))


def merge_spans(*lists: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Ascending, non-overlapping spans from several lists (an earlier-starting, then longer span wins)."""
    out: list[tuple[int, int]] = []
    for start, stop in sorted((s for spans in lists for s in spans), key=lambda s: (s[0], -s[1])):
        if not out or start >= out[-1][1]:
            out.append((start, stop))
    return out


def snippet(text: str, terms, width: int = SNIPPET_CHARS, extra=()) -> SafeString:
    """`extra`: spans to mark besides the terms' (a searched figure's span, from its Metric row)."""
    spans = find_spans(text, terms) if terms else []
    if extra:
        spans = merge_spans(spans, list(extra))
    begin, end = best_window(spans, len(text), width)
    flat = text.replace("\n", " ")  # same length: offsets still line up
    body = mark(flat, spans, begin, end)
    prefix = "…" if begin > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + body + suffix)


def count_hits(text: str, terms) -> int:
    return len(find_spans(text, terms)) if terms else 0


def marked_terms(node) -> set[str]:
    """What to mark for a query: each searched word, and each phrase as one whole string.

    A phrase of consecutive words is marked where it occurs as a whole (平安贵阳建设), not word by word
    all over the section; a phrase with a gap (a stop word inside) falls back to its words.
    """
    terms: set[str] = set()
    for seq in positive_seqs(node):
        consecutive = all(b - a == 1 for a, b in zip(seq.positions, seq.positions[1:], strict=False))
        if len(seq.terms) > 1 and consecutive and not any(t.isascii() for t in seq.terms):
            terms.add("".join(seq.terms))
        else:
            terms.update(seq.terms)
    return terms
