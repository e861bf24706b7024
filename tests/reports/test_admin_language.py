"""The admin entirely in the interface language: no slugs, no English labels, parse notes translated, places in
GB/T 2260 code order."""

import html
import re

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from reports.admin.notes import KNOWN_NOTES, translate_note
from reports.importer import import_file
from reports.ingest.gazetteer import lookup
from reports.models import Agency, Release, Script, Topic
from tests.conftest import SAMPLES_DIR

pytestmark = pytest.mark.django_db

SAMPLES = [
    "02_suzhou_fazhi.html",
    "04_weifang_sifa.txt",
    "05_zhanjiang_fanzha.txt",
    "03_mianyang_jiancha.docx",
]
# ASCII words an editor may meet in the Chinese admin: Django's own Chinese help names keys (Control,
# Command, Mac), file formats and encodings, checksums' name.
ALLOWED_WORDS = {"Control", "Command", "Mac", "SHA", "UTF", "utf", "GBK", "Big5"}
ALLOWED_WORDS |= {"txt", "html", "docx", "pdf", "zip", "Big"}
# The upload form's help names what an editor may type for a city, a pinyin slug among them.
ALLOWED_WORDS |= {"shenyang"}
# The synonym table cites its source by name: OpenCC's Taiwan / Hong Kong phrase tables.
ALLOWED_WORDS |= {"OpenCC", "TWPhrases", "HKPhrases", "HKVariants", "TWVariants"}


@pytest.fixture
def editor(client):
    client.force_login(User.objects.create_superuser("editor", "e@example.org", "pw"))
    return client


@pytest.fixture
def releases():
    return {name: import_file((SAMPLES_DIR / name).read_bytes(), name).release for name in SAMPLES}


def visible_words(page: str, data: list[str]) -> set[str]:
    """ASCII words a reader of the page sees, leaving out scripts, form values and the given data values."""
    page = re.sub(r"<(script|style|svg|textarea)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<(input|option)\b[^>]*>", " ", page)
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    for value in sorted(data, key=len, reverse=True):
        text = text.replace(value, " ")
    words = re.findall(r"[A-Za-z_]+(?:-[A-Za-z_]+)*", text)
    return {word for word in words if len(word) > 2} - ALLOWED_WORDS


def admin_pages(releases):
    release = releases["02_suzhou_fazhi.html"]
    section = release.sections.first()
    metric = section.metrics.first() or releases["05_zhanjiang_fanzha.txt"].sections.first().metrics.first()
    city = release.city
    return [
        reverse("admin:index"),
        reverse("admin:reports_release_changelist"),
        reverse("admin:reports_release_changelist") + "?script__exact=traditional",
        reverse("admin:reports_release_change", args=[release.pk]),
        reverse("admin:reports_section_change", args=[section.pk]),
        reverse("admin:reports_metric_changelist"),
        reverse("admin:reports_metric_change", args=[metric.pk]),
        reverse("admin:reports_city_changelist"),
        reverse("admin:reports_city_change", args=[city.pk]),
        reverse("admin:reports_topic_changelist"),
        reverse("admin:reports_topic_change", args=[Topic.objects.first().pk]),
        reverse("admin:reports_release_upload"),
        reverse("admin:search_synonymgroup_changelist"),
        reverse("admin:search_synonymgroup_add"),
    ]


def test_chinese_admin_shows_no_english_and_no_slugs(editor, releases):
    data = ["editor"]  # the user's name
    for release in Release.objects.all():
        data += [release.sha256, release.original_filename, release.content_type]
    data += [t.name_en for t in Topic.objects.all()]  # the 英文名 column is data an editor maintains
    slugs = set(Agency.values) | set(Script.values) | set(Topic.objects.values_list("slug", flat=True))
    found = {}
    for url in admin_pages(releases):
        response = editor.get(url, HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
        assert response.status_code == 200, url
        words = visible_words(response.content.decode(), data)
        if words:
            found[url] = sorted(words)
        assert not (words & slugs), url
    assert not found


def test_parse_notes_are_shown_in_the_interface_language(editor, releases):
    release = releases["05_zhanjiang_fanzha.txt"]
    assert any(note.startswith("read as ") for note in release.parse_notes)
    page = editor.get(reverse("admin:reports_release_change", args=[release.pk])).content.decode()
    assert "按 utf-8 编码读取" in page and "read as" not in page
    english = editor.get(
        reverse("admin:reports_release_change", args=[release.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "read as utf-8" in english.content.decode()


def test_every_known_note_has_a_translation_and_unknown_ones_are_marked():
    examples = {
        "read as gb18030": "按 gb18030 编码读取",
        "3 undecodable byte sequence(s) replaced with U+FFFD while reading as gb18030": (
            "按 gb18030 读取时有 3 处无法解码的字节，已替换为 U+FFFD"
        ),
        "no publication date found": "未找到发布日期",
        "press-conference year 2025 inferred from the publication date": "发布会年份 2025 系根据发布日期推断",
        "press-conference year 2024 inferred from the years the text mentions": (
            "发布会年份 2024 系根据正文提到的年份推断"
        ),
        "no city recognised; set it by hand": "未识别出城市，请手动设置",
        "corrected figure '212件' is no longer in the text; dropped": "人工校订过的数据 '212件' 已不在正文中，已删除",
        "publication date 2024-05-18 inferred from the url: “/2024-05/18/”": (
            "发布日期 2024-05-18 系推断，依据网址：“/2024-05/18/”"
        ),
        "press-conference date 2025-01 inferred from the period: “2024年全市”": (
            "发布会日期 2025-01 系推断，依据报告期：“2024年全市”"
        ),
        "no headline: the title is the opening words of the first paragraph, kept in its section": (
            "没有标题行：标题取自首段开头的文字，该段仍保留在正文段落中"
        ),
        "coverage: 12 characters of the text are in no line": "覆盖检查：正文有 12 个字符不在任何一行中",
        "coverage: 1 body lines are in no section: “某某”": "覆盖检查：有 1 行正文未归入任何段落：“某某”",
        "left out of the sections as photo caption (2): “图为”": "作为图片说明未归入段落（2 行）：“图为”",
    }
    assert len(examples) == len(KNOWN_NOTES)
    with translation.override("zh-hans"):
        for note, chinese in examples.items():
            assert translate_note(note) == chinese
        assert translate_note("a note nobody translated") == "（未翻译的提示）a note nobody translated"
    with translation.override("en"):
        for note in examples:
            # Notes that fill in a date basis read it in English words (url -> URL); the rest read as written.
            english = translate_note(note)
            assert "未翻译" not in english
            if " inferred from the " not in note:
                assert english == note
        assert translate_note("a note nobody translated") == "a note nobody translated"


def test_upload_preview_shows_labels_not_codes(editor):
    data = (SAMPLES_DIR / "02_suzhou_fazhi.html").read_bytes()
    page = editor.post(
        reverse("admin:reports_release_upload"), {"files": [SimpleUploadedFile("s.html", data)]}
    ).content.decode()
    preview = page.split('class="module aligned upload-preview"', 1)[1]
    text = html.unescape(re.sub(r"<[^>]+>", " ", preview))
    assert "繁体" in text and "traditional" not in text
    assert "公安" in text and "police" not in text and "political_legal_committee" not in text
    assert "按 utf-8 编码读取" in text and "read as" not in text
    assert "intellectual-property" not in text and "telecom-fraud" not in text


def _codes(names):
    return [lookup(name).code for name in names]


def test_admin_filters_list_provinces_in_code_order(editor, releases):
    for url in (reverse("admin:reports_release_changelist"), reverse("admin:reports_city_changelist")):
        page = editor.get(url).content.decode()
        provinces = re.findall(r'<a href="\?[^"]*province=[^"]*"[^>]*>([^<]+省)</a>', page)
        assert len(provinces) == len(SAMPLES), (url, provinces)
        assert _codes(provinces) == sorted(_codes(provinces)), (url, provinces)
    # 江苏 32, 山东 37, 广东 44, 四川 51: by code point 四 < 山 < 广 < 江 would reverse them.
    assert provinces == ["江苏省", "山东省", "广东省", "四川省"]
    rows = editor.get(reverse("admin:reports_city_changelist")).content.decode()
    names = re.findall(r'<th class="field-name"><a [^>]*>([^<]+)</a>', rows)
    assert names == ["苏州市", "潍坊市", "湛江市", "绵阳市"]
