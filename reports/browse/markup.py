"""Section text as HTML, with each figure marked where it stands, in the script the reader asked for.

The archived text is never changed: conversion happens on the way out. Figure spans index the archived
text, so the displayed text must keep its length. OpenCC's t2s does (reports.ingest.script makes sure);
s2t usually does, and when it does not we convert piece by piece between span boundaries instead, which
keeps every span aligned by construction.

Safety: every piece of text goes through `escape` before a tag is put around it, and only the assembled
string, made of escaped text and our own tags, is marked safe.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from reports.ingest.text import to_simplified, to_traditional

SCRIPTS = ("simplified", "traditional")
HTML_LANG = {"simplified": "zh-Hans", "traditional": "zh-Hant", "mixed": "zh"}


def display_script(requested: str | None, published: str) -> str | None:
    """The script to convert to, or None to show the archived text as it is."""
    if requested in SCRIPTS and requested != published:
        return requested
    return None


def converter(target: str | None) -> Callable[[str], str]:
    if target == "simplified":
        return to_simplified
    if target == "traditional":
        return to_traditional
    return lambda text: text


def aligned_slicer(text: str, target: str | None) -> Callable[[int, int], str]:
    """`slice(a, b)` gives the displayed form of `text[a:b]`, whatever the conversion does to length."""
    if target is None:
        return lambda a, b: text[a:b]
    convert = converter(target)
    whole = convert(text)
    if len(whole) == len(text):
        return lambda a, b: whole[a:b]
    return lambda a, b: convert(text[a:b])


@dataclass
class Span:
    start: int
    end: int
    ids: list[int] = field(default_factory=list)  # the first is marked; others overlapped it: anchors only


def figure_spans(metrics, length: int) -> list[Span]:
    """Non-overlapping spans in text order; a figure overlapping an earlier one keeps an anchor there."""
    spans: list[Span] = []
    for metric in sorted(metrics, key=lambda m: (m.start, -m.end, m.id)):
        if not (0 <= metric.start < metric.end <= length):
            continue  # an edited section may have outgrown a stale span: list the figure, mark nothing
        if spans and metric.start < spans[-1].end:
            spans[-1].ids.append(int(metric.id))
            continue
        spans.append(Span(metric.start, metric.end, [int(metric.id)]))
    return spans


def marked_lines(text: str, metrics, target: str | None = None) -> list[SafeString]:
    """One escaped HTML string per line of `text`, figures wrapped in <mark class="figure" id=...>."""
    piece = aligned_slicer(text, target)
    spans = figure_spans(metrics, len(text))
    opened: set[int] = set()
    lines: list[SafeString] = []
    pos, i = 0, 0
    for raw in text.split("\n"):
        line_start, line_end = pos, pos + len(raw)
        pos = line_end + 1
        out, cursor = [], line_start
        j = i
        while j < len(spans) and spans[j].start < line_end:
            span = spans[j]
            a, b = max(span.start, line_start), min(span.end, line_end)
            if a < b:
                out.append(escape(piece(cursor, a)))
                out.append(_open_mark(span, first=j not in opened))
                out.append(escape(piece(a, b)))
                out.append("</mark>")
                opened.add(j)
                cursor = b
            if span.end > line_end:
                break  # the span goes on in the next line
            j += 1
        i = j
        out.append(escape(piece(cursor, line_end)))
        lines.append(mark_safe("".join(out)))
    return lines


def _open_mark(span: Span, first: bool) -> str:
    if not first:
        return f'<mark class="figure" data-figure="{span.ids[0]}">'
    anchors = "".join(f'<span class="figure-anchor" id="figure-{extra}"></span>' for extra in span.ids[1:])
    return f'{anchors}<mark class="figure" id="figure-{span.ids[0]}" data-figure="{span.ids[0]}">'


@dataclass
class SectionView:
    section: object
    heading: SafeString | None  # the first line, when it is the section's heading
    paragraphs: list[SafeString]
    metrics: list


def section_view(section, metrics, target: str | None) -> SectionView:
    lines = marked_lines(section.text, metrics, target)
    raw_lines = section.text.split("\n")
    heading = None
    if section.heading.strip() and raw_lines and raw_lines[0].strip() == section.heading.strip():
        heading = lines[0]
        lines, raw_lines = lines[1:], raw_lines[1:]
    paragraphs = [html for html, raw in zip(lines, raw_lines, strict=True) if raw.strip()]
    return SectionView(section, heading, paragraphs, list(metrics))
