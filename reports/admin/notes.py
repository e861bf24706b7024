"""Parse notes in the interface language.

The ingest layer writes its notes in English and stays free of Django (no gettext there), so the admin
translates them when it shows them: each known note is a pattern whose captured values fill a translated
sentence. A note no pattern knows (a new one the ingest layer learnt) is shown as written, marked, rather
than hidden.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# (pattern over the English note, translated template with %(name)s for each named group)
KNOWN_NOTES = [
    (r"read as (?P<codec>[\w-]+)", _("按 %(codec)s 编码读取")),
    (
        r"(?P<count>\d+) undecodable byte sequence\(s\) replaced with U\+FFFD while reading as (?P<codec>[\w-]+)",
        _("按 %(codec)s 读取时有 %(count)s 处无法解码的字节，已替换为 U+FFFD"),
    ),
    (r"no publication date found", _("未找到发布日期")),
    (
        r"press-conference year (?P<year>\d{4}) inferred from the publication date",
        _("发布会年份 %(year)s 系根据发布日期推断"),
    ),
    (
        r"press-conference year (?P<year>\d{4}) inferred from the years the text mentions",
        _("发布会年份 %(year)s 系根据正文提到的年份推断"),
    ),
    (r"no city recognised; set it by hand", _("未识别出城市，请手动设置")),
    (
        r"corrected figure (?P<text>.+) is no longer in the text; dropped",
        _("人工校订过的数据 %(text)s 已不在正文中，已删除"),
    ),
]
_COMPILED = [(re.compile(pattern + r"\Z"), template) for pattern, template in KNOWN_NOTES]


def translate_note(note: str) -> str:
    for pattern, template in _COMPILED:
        match = pattern.match(note)
        if match:
            return str(template) % match.groupdict()
    return gettext("（未翻译的提示）%(note)s") % {"note": note}


def translate_notes(notes) -> list[str]:
    return [translate_note(note) for note in notes or []]
