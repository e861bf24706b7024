"""The page furniture around a release: title, header lines, captions, bylines and share buttons.

A release's body is what the agencies said. Around it, copies carry the outlet's header (`贵州交通广播 |
2025-10-16 07:53`), a repeated title on mirrors, photo captions, the reporter's byline and widget text. We
label those lines so sections hold only the body; the stored full text keeps everything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reports.ingest.text import View, normal_view

_DATE_TOKEN = re.compile(r"20\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
_HEADER_FIELD = re.compile(
    r"^(?:来源|稿源|发布时间|发布日期|时间|日期|作者|编辑|责任编辑|记者|字号|浏览次数|点击)[::]"
)
_CAPTION = re.compile(r"(?:摄|供图|图|资料图片|记者\s*\S{2,4}\s*摄)\)?$")
_JUNK = re.compile(
    r"^(?:分享(?:你的喜爱|到|至)?|【?(?:打印|关闭|纠错|收藏|返回顶部)】?|扫一扫|(?:责任)?编辑[::]|审核[::]|校对[::]|"
    r"上一篇|下一篇|相关(?:新闻|阅读|链接)|(?:微信|微博)(?:扫一扫|分享)|点击(?:阅读|查看)|阅读原文|举报|"
    r"[\[【](?:责任编辑|编辑)[::]|版权所有|copyright|(?:当前位置|您的位置|位置)[::]|首页\s*[>»›/])",
    re.I,
)
# Breadcrumbs: 首页 > 政法要闻 > 正文
_BREADCRUMB = re.compile(r"^\S{1,10}(?:\s*[>»›]\s*\S{1,12}){1,5}$")
# A site name appended to a title on mirrors: "… - 某某新闻网", "…_某某网", "… | 某某在线"
_SITE_SUFFIX = re.compile(
    r"\s*(?:\s-\s|_|\s\|\s|——)\s*[^\s_|-]{2,14}(?:网|报|台|在线|新闻|门户|客户端|频道|号)$"
)
_BYLINE = re.compile(r"^\((?P<body>[^()]{0,60}?(?:记者|通讯员|来源|稿源|报道|供稿)[^()]{0,30})\)$")
_SENTENCE = re.compile(r"[。!?;]")
# A title is a headline: short, no sentence inside it. Longer lines or lines with a full stop are body text
# (a repost that opens with its news paragraph has no headline at all).
TITLE_MAX = 60
# 示例网柳州3月27日消息(记者 张某) / 新华社北京10月19日电: a dateline opens a news paragraph, never a headline.
DATELINE = re.compile(
    r"^(?P<outlet>[^\s,。]{0,16}?)(?P<m>\d{1,2})月(?P<d>\d{1,2})日\s*(?:消息|电|讯)|^[^,。]{0,24}\((?:记者|通讯员)"
)


@dataclass
class Line:
    """A line as published (`text`) and its normalised view: rules match `simp` (widths folded, mirror
    noise dropped, simplified) and cut what they keep from `text` with `cut`, so offsets never mix."""

    text: str  # as published
    simp: str  # the normalised view, simplified (may be shorter than `text`)
    kind: str = "body"  # title | header | caption | junk | byline | body
    # A piece of a paragraph split where another agency becomes the subject: it continues the previous
    # line in the original, with no line break between them.
    cont: bool = False
    view: View | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, text: str, cont: bool = False) -> Line:
        view = normal_view(text)
        return cls(text, view.simp, cont=cont, view=view)

    def cut(self, start: int, end: int) -> str:
        """The published characters behind `simp[start:end]`."""
        return self.view.cut(start, end) if self.view is not None else self.text[start:end]

    def without_site_suffix(self) -> str:
        match = _SITE_SUFFIX.search(self.simp)
        return self.cut(0, match.start()) if match else self.text


def join_lines(lines: list[Line]) -> str:
    """Lines back into text as they stood: a line break between lines, none before a continuing piece."""
    return "".join(("" if line.cont or not index else "\n") + line.text for index, line in enumerate(lines))


def classify_lines(text: str, title_hint: str = "") -> list[Line]:
    lines = [Line.of(raw) for raw in (part.strip() for part in text.split("\n")) if raw]
    if not lines:
        return lines
    title = title_hint.strip() or _pick_title(lines)
    title_key = _key(normal_view(title).simp)
    seen_body = False
    for index, line in enumerate(lines):
        key = _key(line.simp)
        is_title = title_key and (key == title_key or (len(key) > 8 and key in title_key))
        if not seen_body and is_title and reads_like_title(line.simp):
            line.kind = "title"
        elif not seen_body and index < 6 and _is_header(line.simp):
            line.kind = "header"
        elif _JUNK.match(line.simp) or _BREADCRUMB.match(line.simp):
            line.kind = "junk"
        elif _is_caption(line.simp):
            line.kind = "caption"
        elif index >= len(lines) - 3 and _BYLINE.match(line.simp):
            line.kind = "byline"
        else:
            seen_body = True
    return lines


def title_of(lines: list[Line]) -> str:
    for line in lines:
        if line.kind == "title":
            return line.without_site_suffix()
    return _pick_title(lines) if lines else ""


def reads_like_title(simp: str) -> bool:
    """Short, no sentence punctuation, not a dateline: a headline rather than the first paragraph."""
    text = _SITE_SUFFIX.sub("", simp).strip()
    return 0 < len(text) <= TITLE_MAX and not _SENTENCE.search(text) and not DATELINE.match(text)


def _pick_title(lines: list[Line]) -> str:
    """The headline among the first lines; a release without one is named by its opening words.

    Only a line that reads like a title is taken (and later labelled `title`); the opening words of a
    paragraph make a title too, but their line stays body, so none of its figures is lost.
    """
    candidates = [
        line
        for line in lines[:4]
        if not _is_header(line.simp) and not _JUNK.match(line.simp) and not _BREADCRUMB.match(line.simp)
    ]
    for position, line in enumerate(candidates):
        followed = position + 1 < len(candidates) or line is not lines[-1]
        if reads_like_title(line.simp) and followed:
            return line.without_site_suffix()
        break  # only the first candidate may be the headline
    first = candidates[0] if candidates else lines[0]
    return opening_words(first)


def opening_words(line: Line) -> str:
    """A stand-in title from a paragraph: its first clause after any dateline, at most TITLE_MAX chars."""
    simp = line.simp
    dateline = DATELINE.match(simp)
    start = 0
    if dateline:
        close = simp.find(")", dateline.end() - 1)
        start = close + 1 if 0 <= close - dateline.start() < 40 else dateline.end()
    cut = re.search(r"[。!?;]", simp[start:])
    end = start + (cut.start() if cut else len(simp) - start)
    text = re.sub(r"^[\s,，]+|[\s,，]+$", "", line.cut(start, end))
    return text[:TITLE_MAX] if len(text) > TITLE_MAX else text


def _key(simp: str) -> str:
    # Mirrors append " -", "_站名" or " | 站名" to the title; compare on the letters only.
    return re.sub(r"[\s\-_|—–·]+", "", _SITE_SUFFIX.sub("", simp))


def _is_header(simp: str) -> bool:
    if _HEADER_FIELD.match(simp):
        return True
    if _DATE_TOKEN.search(simp) and len(simp) <= 60 and not _SENTENCE.search(simp):
        return True
    return (
        bool(re.match(r"^[\w\s]{2,20}\s*[|｜]\s*\S", simp)) and len(simp) <= 60 and not _SENTENCE.search(simp)
    )


def _is_caption(simp: str) -> bool:
    # Short, ends with the photographer's credit (…张三摄) or 供图; real sentences end otherwise.
    return (
        len(simp) <= 60
        and bool(_CAPTION.search(simp))
        and bool(re.search(r"\w{2,4}\s?(?:摄|供图)\)?$", simp))
    )


def byline_outlet(lines: list[Line]) -> str:
    """The outlet named in a closing byline, e.g. (瀋陽日報、沈報全媒體記者周賢忠) -> 瀋陽日報."""
    for line in reversed(lines):
        if line.kind != "byline":
            continue
        match = _BYLINE.match(line.simp)
        # Read on the view, cut from the published line: the view's offsets are not the line's.
        body = match.group("body")
        skip = re.match(r"(?:来源|稿源)[::]\s*", body)
        start = 1 + (skip.end() if skip else 0)
        first = re.split(r"[、,;\s]|记者|通讯员|全媒体", line.simp[start : 1 + len(body)], maxsplit=1)[0]
        if 2 <= len(first) <= 20:
            return line.cut(start, start + len(first))
    return ""


def header_outlet(lines: list[Line]) -> str:
    """The outlet named in a header line: `贵州交通广播 | 2025-10-16` or `来源:新华网`."""
    for line in lines:
        if line.kind != "header":
            continue
        source = re.search(r"(?:来源|稿源)[::]\s*([\u4e00-\u9fffA-Za-z·]{2,30})", line.simp)
        if source:
            start = source.start(1)
            return line.cut(start, source.end(1))
        parts = re.split(r"\s*[|｜]\s*", line.text)
        if len(parts) > 1 and parts[0] and not _DATE_TOKEN.search(normal_view(parts[0]).simp):
            return parts[0].strip()
        # 样稿通讯社 2025年9月12日: the words before the date name the outlet.
        date = _DATE_TOKEN.search(line.simp)
        before = line.cut(0, date.start()).strip() if date else ""
        if 2 <= len(before) <= 20 and re.fullmatch(r"[\u4e00-\u9fff\w]+", before):
            return before
    return ""
