"""Readable differences between two texts: versions of one release, or a release and a repost of it.

Pure Python. `diff_rows` gives, paragraph by paragraph, segments tagged "same", "del" or "ins" (changed
paragraphs are compared character by character, so an edited figure shows as 742 -> 756, not as two whole
paragraphs); templates escape the segments, nothing here builds HTML. `copy_differences` summarises how a
repost departs from its canonical in the words an editor uses.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from reports.ingest.figures import extract_figures
from reports.ingest.neardup import comparable_text
from reports.ingest.script import detect_script


def _paragraphs(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def _inline(a: str, b: str) -> list[tuple[str, str]]:
    segments = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            segments.append(("same", a[i1:i2]))
            continue
        if i2 > i1:
            segments.append(("del", a[i1:i2]))
        if j2 > j1:
            segments.append(("ins", b[j1:j2]))
    return segments


def diff_rows(old: str, new: str) -> list[dict]:
    """[{"kind": same|changed|removed|added, "segments": [(tag, text), ...]}] paragraph by paragraph."""
    a, b = _paragraphs(old), _paragraphs(new)
    rows = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            rows.extend({"kind": "same", "segments": [("same", p)]} for p in a[i1:i2])
        elif op == "replace" and i2 - i1 == j2 - j1:
            rows.extend(
                {"kind": "changed", "segments": _inline(x, y)}
                for x, y in zip(a[i1:i2], b[j1:j2], strict=True)
            )
        else:
            rows.extend({"kind": "removed", "segments": [("del", p)]} for p in a[i1:i2])
            rows.extend({"kind": "added", "segments": [("ins", p)]} for p in b[j1:j2])
    return rows


def diff_counts(rows: list[dict]) -> dict[str, int]:
    counts = {"changed": 0, "removed": 0, "added": 0}
    for row in rows:
        if row["kind"] in counts:
            counts[row["kind"]] += 1
    return counts


def copy_differences(canonical: str, copy: str) -> list[str]:
    """How a repost differs from its canonical: script, paragraphs missing, lines added, punctuation."""
    notes = []
    if detect_script(copy) != detect_script(canonical):
        notes.append(f"字体不同（{detect_script(copy)}）")
    mine = {comparable_text(p) for p in _paragraphs(canonical)}
    theirs = {comparable_text(p) for p in _paragraphs(copy)}
    missing = len([p for p in mine if p and p not in theirs])
    added = len([p for p in theirs if p and p not in mine])
    if missing:
        notes.append(f"缺少 {missing} 段")
    if added:
        notes.append(f"多出 {added} 段（广告、注音或改写）")
    if not notes and canonical != copy:
        notes.append("仅标点或格式不同")
    return notes or ["文字相同"]


def figure_changes(old: str, new: str) -> dict:
    """Figures per version, and which figures a change replaced: {"old_count", "new_count", "rows"}.

    Each row is a changed, removed or added paragraph whose figures differ: the figures (as written) only in
    the old text and only in the new one, with their value and unit, e.g. 742起 -> 756起.
    """

    def written(paragraph: str) -> list[tuple[str, str]]:
        return [(f.text, f.unit) for f in extract_figures(paragraph)]

    a, b = _paragraphs(old), _paragraphs(new)
    rows = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        before = [f for p in a[i1:i2] for f in written(p)]
        after = [f for p in b[j1:j2] for f in written(p)]
        gone = [f for f in before if f not in after]
        came = [f for f in after if f not in before]
        if gone or came:
            rows.append({"old": [t for t, _u in gone], "new": [t for t, _u in came]})
    return {"old_count": len(extract_figures(old)), "new_count": len(extract_figures(new)), "rows": rows}
