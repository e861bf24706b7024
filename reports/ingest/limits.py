"""Bounds on what one file may become, so one upload cannot take the site down.

A 19 MB text under the size limit (one release pasted 2,000 times) became one release of 136,141 sections:
its import took ten minutes and 1.1 GB, its page and API answered in 47-90 s, past gunicorn's timeout. A real
release is a few thousand to a few tens of thousands of characters in at most a few dozen sections. These
checks refuse, with a message saying which, a file that is really many releases (the same one repeated, or
several titles concatenated) or that exceeds the bounds below; they run on the decoded text, before the
costly parsing, and once more on the sections found.
"""

from __future__ import annotations

import re
from collections import Counter

from reports.ingest.types import IngestError

# About 50 times the longest release in our corpus and the seeds (under 20,000 characters).
MAX_TEXT_CHARS = 1_000_000
MAX_SECTIONS = 300
MAX_SECTION_LINES = 3_000
MAX_FIGURES = 20_000
# A paragraph long enough that its repetition is no accident (not a recurring short heading like 一、).
REPEAT_MIN_CHARS = 40
REPEAT_MIN_COUNT = 5
REPEAT_SHARE = 0.5


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


# The dateline under a title that opens a release: 来源:… / 发布时间:… or "某某日报 | 2025-06-18 09:30".
_DATELINE = re.compile(
    r"^(?:(?:来源|稿源|发布时间|发布日期)[:：]|[\w\s]{2,20}\s*[|｜]\s*20\d\d\s*[-/.年]\s*\d{1,2})"
)
_SENTENCE_END = re.compile(r"[。！？；!?;]")


def check_concatenated(lines: list[str]) -> None:
    """Refuse several different releases in one file: a title followed by a dateline, after the first
    release's body has begun, with a body of its own after it (a signature date at the end does not count)."""
    starts = []
    # The first release's body has begun at its first sentence-length paragraph; mirrors put breadcrumbs,
    # a site-suffixed title and the title again above the dateline, which is still the first release's head.
    body_at = next(
        (n for n, line in enumerate(lines) if len(line) > 40 and _SENTENCE_END.search(line)), len(lines)
    )
    for n in range(max(3, body_at + 2), len(lines) - 5):
        title, dateline = lines[n - 1], lines[n]
        # A closing note or byline in brackets (…记者 某某) is not a title.
        titled = 6 <= len(title) <= 80 and not _SENTENCE_END.search(title) and title[0] not in "(（[【"
        if _DATELINE.match(dateline) and titled:
            starts.append(n - 1)
    if starts:
        titles = "; ".join(f"「{lines[n][:30]}」 at paragraph {n + 1}" for n in starts[:5])
        raise IngestError(
            f"holds {len(starts) + 1} releases: after the first, another title and dateline begin ({titles}); "
            "split the file and import each"
        )


def check_text(text: str) -> None:
    """Refuse, before parsing, a text too long to be one release or made of one release repeated."""
    if len(text) > MAX_TEXT_CHARS:
        raise IngestError(
            f"has {len(text):,} characters of text; one release has at most {MAX_TEXT_CHARS:,}. "
            "Is it several releases in one file? Split it and import each."
        )
    lines = _lines(text)
    if not lines:
        return
    title = lines[0]
    # Mirrors repeat a title on the next line: that is one release.
    starts = [n for n, line in enumerate(lines) if line == title and not (n and lines[n - 1] == title)]
    if len(title) >= 6 and len(starts) >= 2:
        copies = [tuple(lines[a:b]) for a, b in zip(starts, [*starts[1:], len(lines)], strict=True)]
        if len(set(copies)) == 1:
            raise IngestError(
                f"holds the same release {len(starts)} times (its title 「{title[:40]}」 and text repeat); "
                "import one copy"
            )
        raise IngestError(
            f"holds {len(starts)} releases: the title 「{title[:40]}」 starts a new one at paragraphs "
            f"{', '.join(str(n + 1) for n in starts[:10])}; split the file and import each"
        )
    check_concatenated(lines)
    long_lines = [line for line in lines if len(line) >= REPEAT_MIN_CHARS]
    counts = Counter(long_lines)
    repeated = sum(n for n in counts.values() if n > 1)
    if repeated >= REPEAT_MIN_COUNT and repeated > REPEAT_SHARE * len(long_lines):
        raise IngestError(
            f"repeats its text: {repeated} of its {len(long_lines)} paragraphs appear more than once "
            f"(「{counts.most_common(1)[0][0][:30]}…」 {counts.most_common(1)[0][1]} times). Is it the same "
            "release pasted several times, or several releases? Import each release once"
        )


def check_sections(sections) -> None:
    """Refuse a release whose sections exceed what one release holds (called on the parsed sections)."""
    if len(sections) > MAX_SECTIONS:
        raise IngestError(
            f"splits into {len(sections):,} sections; one release has at most {MAX_SECTIONS}. "
            "Is it several releases in one file? Split it and import each."
        )
    for section in sections:
        lines = section.text.count("\n") + 1
        if lines > MAX_SECTION_LINES:
            raise IngestError(
                f"section {section.order + 1} has {lines:,} paragraphs; a section has at most "
                f"{MAX_SECTION_LINES:,}"
            )
    figures = sum(len(section.figures) for section in sections)
    if figures > MAX_FIGURES:
        raise IngestError(f"has {figures:,} figures; one release has at most {MAX_FIGURES:,}")
