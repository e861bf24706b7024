"""Is a text written in simplified or traditional characters, or a mix?

We ask OpenCC both ways: a character that t2s changes is traditional-only, one that s2t changes (and t2s
leaves) is simplified-only; everything else is shared. Mirror copies often carry a few converted words
(期間 next to 期间), so the verdict uses shares, not the first hit.
"""

from __future__ import annotations

from reports.ingest.text import HAN_RUN, converter

TRADITIONAL_SHARE = 0.9
SIMPLIFIED_SHARE = 0.1


def script_counts(text: str) -> tuple[int, int]:
    hans = "".join(HAN_RUN.findall(text))
    t2s = converter("t2s").convert(hans)
    s2t = converter("s2t").convert(hans)
    if len(t2s) != len(hans) or len(s2t) != len(hans):
        t2s = "".join(converter("t2s").convert(c)[:1] or c for c in hans)
        s2t = "".join(converter("s2t").convert(c)[:1] or c for c in hans)
    traditional = simplified = 0
    for original, simp, trad in zip(hans, t2s, s2t, strict=True):
        if simp != original:
            traditional += 1
        elif trad != original:
            simplified += 1
    return simplified, traditional


def detect_script(text: str) -> str:
    simplified, traditional = script_counts(text)
    marked = simplified + traditional
    if marked == 0:
        return "simplified"
    share = traditional / marked
    if share >= TRADITIONAL_SHARE:
        return "traditional"
    if share <= SIMPLIFIED_SHARE:
        return "simplified"
    return "mixed"
