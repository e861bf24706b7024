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
        r"publication date (?P<date>[\d-]+) inferred from the (?P<basis>\w+): “(?P<evidence>.*)”",
        _("发布日期 %(date)s 系推断，依据%(basis)s：“%(evidence)s”"),
    ),
    (
        r"press-conference date (?P<date>[\d-]+) inferred from the (?P<basis>\w+): “(?P<evidence>.*)”",
        _("发布会日期 %(date)s 系推断，依据%(basis)s：“%(evidence)s”"),
    ),
    (
        r"no headline: the title is the opening words of the first paragraph, kept in its section",
        _("没有标题行：标题取自首段开头的文字，该段仍保留在正文段落中"),
    ),
    (
        r"coverage: (?P<count>\d+) characters of the text are in no line",
        _("覆盖检查：正文有 %(count)s 个字符不在任何一行中"),
    ),
    (
        r"coverage: (?P<count>\d+) body lines are in no section: (?P<lines>.*)",
        _("覆盖检查：有 %(count)s 行正文未归入任何段落：%(lines)s"),
    ),
    (
        r"left out of the sections as (?P<why>page furniture|photo caption|byline) \((?P<count>\d+)\): (?P<lines>.*)",
        _("作为%(why)s未归入段落（%(count)s 行）：%(lines)s"),
    ),
    (
        r"corrected figure (?P<text>.+) is no longer in the text; dropped",
        _("人工校订过的数据 %(text)s 已不在正文中，已删除"),
    ),
]
_COMPILED = [(re.compile(pattern + r"\Z"), template) for pattern, template in KNOWN_NOTES]


# Words the notes above fill in from the ingest layer's vocabulary (date bases, kinds of left-out lines).
_VALUES = {
    "basis": {
        "metadata": _("网页元数据"),
        "editor": _("编辑填写"),
        "header": _("页眉"),
        "text": _("正文"),
        "url": _("网址"),
        "period": _("报告期"),
        "publication": _("发布日期"),
    },
    "why": {"page furniture": _("网页附属内容"), "photo caption": _("图片说明"), "byline": _("署名")},
}


def translate_note(note: str) -> str:
    for pattern, template in _COMPILED:
        match = pattern.match(note)
        if match:
            values = {
                name: str(_VALUES.get(name, {}).get(value, value))
                for name, value in match.groupdict().items()
            }
            return str(template) % values
    return gettext("（未翻译的提示）%(note)s") % {"note": note}


def translate_notes(notes) -> list[str]:
    return [translate_note(note) for note in notes or []]
