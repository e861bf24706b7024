"""An article page (HTML) to its main text, title and page metadata. The HTML itself is never kept for display.

News portals wrap a release in navigation, sidebars, share buttons and footers. We score containers the way
readability tools do: each paragraph with real Chinese text credits its parent fully and its grandparent by
half, links count against, and the best container is the article. Everything else is dropped.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from reports.ingest.text import COMMON_HAN
from reports.ingest.textcodec import decode_text
from reports.ingest.types import IngestError

SKIP = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "iframe",
    "head",
    "nav",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "textarea",
    "object",
    "embed",
    "canvas",
    "video",
    "audio",
    "map",
}
BLOCK = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "td",
    "th",
    "tr",
    "blockquote",
    "pre",
    "table",
    "ul",
    "ol",
    "dd",
    "dt",
    "dl",
    "figcaption",
    "figure",
    "header",
    "center",
    "font",
}
VOID = {"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "source", "track", "wbr", "param"}
DATE_META = {
    "publishdate",
    "pubdate",
    "publish_date",
    "publishtime",
    "article:published_time",
    "og:release_date",
    "datepublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "firstpublishedtime",
    "sitepublishtime",
}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_SITE_SUFFIX = re.compile(r"\s*(?:[-_|—–]+|&nbsp;)\s*")


@dataclass
class Block:
    text: str
    element: int  # id of the element the text sits in
    ancestors: tuple[int, ...]
    link_chars: int = 0
    tag: str = ""


@dataclass
class HtmlArticle:
    text: str
    title: str = ""
    published: str = ""
    outlet: str = ""
    source_url: str = ""
    encoding: str = ""
    notes: list[str] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, int]] = []
        self.next_id = 1
        self.skip_depth = 0
        self.blocks: list[Block] = []
        self.current: list[str] = []
        self.current_links = 0
        self.in_link = 0
        self.meta: dict[str, str] = {}
        self.title_parts: list[str] = []
        self.in_title = False
        self.h1: list[str] = []
        self.in_h1 = False
        self.canonical = ""
        self.jsonld: list[str] = []
        self.in_jsonld = False

    # A block boundary closes the running paragraph and attributes it to the innermost open element.
    def _flush(self):
        text = re.sub(r"[ \t\r\f\v\u00a0\u3000]+", " ", "".join(self.current)).strip()
        if text:
            ids = tuple(i for _, i in self.stack)
            tag = self.stack[-1][0] if self.stack else ""
            self.blocks.append(Block(text, ids[-1] if ids else 0, ids, self.current_links, tag))
        self.current = []
        self.current_links = 0

    def handle_starttag(self, tag, attrs):
        attrs = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (attrs.get("name") or attrs.get("property") or attrs.get("itemprop") or "").lower()
            if key and attrs.get("content"):
                self.meta.setdefault(key, attrs["content"].strip())
            return
        if tag == "link" and "canonical" in attrs.get("rel", "").lower():
            self.canonical = attrs.get("href", "")
            return
        if tag == "title":
            self.in_title = True
            return
        if tag == "script" and "ld+json" in attrs.get("type", ""):
            self.in_jsonld = True
        if tag in VOID:
            if tag == "br" and not self.skip_depth:
                self.current.append("\n")
            return
        if self.skip_depth or tag in SKIP or _looks_like_chrome(attrs):
            self.skip_depth += 1
            self.stack.append((tag, 0))
            return
        if tag in BLOCK:
            self._flush()
        if tag == "a":
            self.in_link += 1
        if tag == "h1":
            self.in_h1 = True
        self.stack.append((tag, self.next_id))
        self.next_id += 1

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
            return
        if tag == "script":
            self.in_jsonld = False
        if tag in VOID:
            return
        # Pop up to the matching open tag; stray end tags in real pages are ignored.
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                break
        else:
            return
        while len(self.stack) > depth:
            open_tag, ident = self.stack.pop()
            if ident == 0:
                self.skip_depth -= 1
            elif open_tag in BLOCK:
                self._flush()
            if open_tag == "a" and ident:
                self.in_link = max(0, self.in_link - 1)
            if open_tag == "h1":
                self.in_h1 = False

    def handle_data(self, data):
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.in_jsonld:
            self.jsonld.append(data)
            return
        if self.skip_depth:
            return
        self.current.append(data)
        if self.in_link:
            self.current_links += len(data.strip())
        if self.in_h1:
            self.h1.append(data)

    def close(self):
        super().close()
        self._flush()


_CHROME = re.compile(
    r"(^|[\s_-])(nav|menu|footer|header|sidebar|share|breadcrumb|crumb|copyright|comment|"
    r"related|recommend|advert|ads?|banner|toolbar|login|search)([\s_-]|$)",
    re.I,
)


def _looks_like_chrome(attrs: dict) -> bool:
    """Containers that name themselves navigation, sharing, footer… hold no article text."""
    names = f"{attrs.get('class', '')} {attrs.get('id', '')}"
    if attrs.get("role") in {"navigation", "banner", "contentinfo", "complementary"}:
        return True
    return bool(names.strip()) and bool(_CHROME.search(names)) and "content" not in names.lower()


def html_to_article(data: bytes) -> HtmlArticle:
    html, encoding, notes = _decode_html(data)
    parser = _Collector()
    try:
        parser.feed(html)
        parser.close()
    except Exception as exc:  # html.parser is lenient; anything it raises means a broken file
        raise IngestError(f"the HTML could not be read: {exc}") from None
    paragraphs = _main_text(parser.blocks)
    if not paragraphs:
        raise IngestError("the HTML page contains no article text")
    title = _title(parser)
    article = HtmlArticle(
        text="\n".join(paragraphs),
        title=title,
        published=_published(parser),
        outlet=_source_line(parser.blocks)
        or parser.meta.get("source", "")
        or parser.meta.get("og:site_name", ""),
        source_url=parser.canonical or parser.meta.get("og:url", ""),
        encoding=encoding,
        notes=list(notes),
    )
    if title and not paragraphs[0].startswith(title[:12]):
        article.text = f"{title}\n{article.text}"
    return article


def _decode_html(data: bytes) -> tuple[str, str, tuple[str, ...]]:
    match = _CHARSET.search(data[:4096])
    if match and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = match.group(1).decode("ascii").lower()
        codec = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "big5hkscs", "utf8": "utf-8"}.get(
            declared, declared
        )
        try:
            return data.decode(codec), declared, ()
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; fall back to detection
    decoded = decode_text(data)
    return decoded.text, decoded.encoding, decoded.notes


def _main_text(blocks: list[Block]) -> list[str]:
    scores: dict[int, float] = {}
    for block in blocks:
        hans = len(COMMON_HAN.findall(block.text))
        if hans < 10 or block.link_chars > len(block.text) * 0.5:
            continue
        weight = hans - block.link_chars
        ancestors = block.ancestors
        if ancestors:
            scores[ancestors[-1]] = scores.get(ancestors[-1], 0) + weight
        if len(ancestors) > 1:
            scores[ancestors[-2]] = scores.get(ancestors[-2], 0) + weight / 2
    if not scores:
        return [b.text for b in blocks if COMMON_HAN.search(b.text) and b.link_chars < len(b.text) * 0.5]
    best = max(scores, key=scores.get)
    out = []
    for block in blocks:
        if best in block.ancestors and block.link_chars < len(block.text) * 0.5:
            out.extend(line.strip() for line in block.text.split("\n") if line.strip())
    return out


_SOURCE = re.compile(
    "(?:\u6765\u6e90|\u4f86\u6e90|\u7a3f\u6e90)\\s*[:\uff1a]\\s*([\u4e00-\u9fffA-Za-z\u00b7]{2,30})"
)


def _source_line(blocks: list[Block]) -> str:
    """The outlet a page credits (来源:某某日报), usually in the article's info line outside the body."""
    for block in blocks:
        match = _SOURCE.search(block.text[:80])
        if match:
            return match.group(1)
    return ""


def _title(parser: _Collector) -> str:
    h1 = " ".join("".join(parser.h1).split())
    if h1 and COMMON_HAN.search(h1):
        return h1
    og = parser.meta.get("og:title", "")
    if og:
        return og
    title = " ".join("".join(parser.title_parts).split())
    parts = [p for p in _SITE_SUFFIX.split(title) if p]
    return max(parts, key=lambda p: len(COMMON_HAN.findall(p)), default=title)


def _published(parser: _Collector) -> str:
    for key in DATE_META:
        if parser.meta.get(key):
            return parser.meta[key]
    for raw in parser.jsonld:
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and item.get("datePublished"):
                return str(item["datePublished"])
    return ""
