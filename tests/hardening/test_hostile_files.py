"""Hostile files and arguments through import_releases (issue 9, failures 4, 6 and 8)."""

import io
import zipfile

import pytest
from django.core.management import CommandError, call_command

from reports.models import Release
from tests.conftest import SAMPLES_DIR

pytestmark = pytest.mark.django_db

SAMPLE = SAMPLES_DIR / "05_zhanjiang_fanzha.txt"


def run(*args):
    out = io.StringIO()
    try:
        call_command("import_releases", *map(str, args), "--no-progress", stdout=out)
        code = 0
    except CommandError as exc:
        code = exc.returncode
    return code, out.getvalue()


def test_a_filename_with_a_colon_is_stored_whole(tmp_path):
    path = tmp_path / "会议纪要:2025年沈阳.txt"
    path.write_bytes(SAMPLE.read_bytes())
    code, out = run(path)
    assert code == 0, out
    assert Release.objects.get().original_filename == "会议纪要:2025年沈阳.txt"


def test_zip_members_keep_their_names_and_every_member_gets_a_line(tmp_path):
    blob = io.BytesIO()
    with zipfile.ZipFile(blob, "w") as zf:
        zf.writestr("纪要:2025年.txt", SAMPLE.read_bytes())
        zf.writestr("..\\winevil.txt", b"x")
        zf.writestr("sub/../../evil.txt", b"x")
        zf.writestr("evil\r\nname.txt", (SAMPLES_DIR / "04_weifang_sifa.txt").read_bytes())
    path = tmp_path / "batch.zip"
    path.write_bytes(blob.getvalue())
    code, out = run(path)
    assert code == 1
    assert "winevil.txt" in out and "evil.txt: has an unsafe path" in out
    assert "2 created, 0 duplicate, 2 failed" in out
    names = set(Release.objects.values_list("original_filename", flat=True))
    assert names == {"纪要:2025年.txt", "evil_name.txt"}


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "ftp://x.cn/a", "not a url"])
def test_source_url_must_be_a_web_address(tmp_path, url):
    code, out = run(SAMPLE, "--source-url", url)
    assert code != 0
    assert not Release.objects.exists()


def test_an_http_source_url_is_kept():
    code, out = run(SAMPLE, "--source-url", "https://example.cn/a.html")
    assert code == 0
    assert Release.objects.get().source_url == "https://example.cn/a.html"


# --- 6: import_archive goes on after a line the database refuses --------------------------------------------


def test_import_archive_reports_bad_lines_and_imports_the_rest(tmp_path):
    import json

    from tests.conftest import import_paths

    import_paths([SAMPLES_DIR / "04_weifang_sifa.txt", SAMPLE, SAMPLES_DIR / "06_anji_zhengfa.txt"])
    export = tmp_path / "out.jsonl"
    call_command("export_archive", str(export), stdout=io.StringIO())
    lines = [json.loads(line) for line in export.read_text().splitlines()]
    assert len(lines) == 3
    lines[0]["script"] = None
    lines[1]["title"] = "长" * 600
    Release.objects.all().delete()
    hostile = tmp_path / "in.jsonl"
    hostile.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n")
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_archive", str(hostile), stdout=out)
    text = out.getvalue()
    assert "error     line 1: ValueError: script is missing" in text
    assert "error     line 2: ValueError: title has 600 characters; at most" in text
    assert "1 created, 0 duplicate, 2 failed" in text
    assert Release.objects.count() == 1


# --- 1: a file under the size limit that is really many releases ------------------------------------------


def _upload_text(body: str) -> bytes:
    return body.encode("utf-8")


def test_one_release_repeated_is_refused_quickly_with_a_reason(tmp_path):
    one = SAMPLE.read_bytes().decode("utf-8")
    path = tmp_path / "repeated.txt"
    path.write_text("\n\n".join([one] * 40), encoding="utf-8")
    code, out = run(path)
    assert code == 1
    assert "holds the same release 40 times" in out and "import one copy" in out
    assert not Release.objects.exists()


def test_several_releases_concatenated_are_refused_saying_where(tmp_path):
    first = SAMPLE.read_bytes().decode("utf-8")
    second = (SAMPLES_DIR / "06_anji_zhengfa.txt").read_bytes().decode("utf-8")
    path = tmp_path / "two.txt"
    path.write_text(first + "\n\n" + second, encoding="utf-8")
    code, out = run(path)
    assert code == 1 and "holds 2 releases" in out and "安吉县召开一季度" in out
    assert "split the file" in out
    assert not Release.objects.exists()


def test_the_same_title_repeated_with_different_text_is_two_releases(tmp_path):
    one = SAMPLE.read_bytes().decode("utf-8")
    lines = one.splitlines()
    second = "\n".join([lines[0], *(line.replace("2025", "2024") for line in lines[1:])])
    path = tmp_path / "two.txt"
    path.write_text(one + "\n\n" + second, encoding="utf-8")
    code, out = run(path)
    assert code == 1 and "holds 2 releases" in out


def test_paragraphs_pasted_over_and_over_are_refused(tmp_path):
    paragraph = "市法院深入推进诉源治理，全年受理各类案件一万余件，审结率保持在较高水平，群众满意度稳步提升。"
    body = "某市政法工作新闻发布会\n" + "\n".join(f"{paragraph}" for _ in range(300))
    path = tmp_path / "pasted.txt"
    path.write_text(body, encoding="utf-8")
    code, out = run(path)
    assert code == 1 and "repeats its text" in out


def test_a_text_too_long_for_one_release_is_refused_before_parsing(tmp_path):
    from reports.ingest.limits import MAX_TEXT_CHARS

    rows = [
        f"第{n}段：全市公安机关开展专项行动{n}次，破获案件{n * 7}起，抓获嫌疑人{n * 3}名。"
        for n in range(60000)
    ]
    path = tmp_path / "long.txt"
    path.write_text("某市平安建设通报\n" + "\n".join(rows), encoding="utf-8")
    assert len(path.read_text()) > MAX_TEXT_CHARS
    code, out = run(path)
    assert code == 1 and "one release has at most 1,000,000" in out


def test_too_many_sections_are_refused():
    from reports.ingest.limits import MAX_SECTIONS, check_sections
    from reports.ingest.types import IngestError, ParsedSection

    sections = [
        ParsedSection(order=n, heading="", agency="court", agency_name="", text="x", figures=[], topics=[])
        for n in range(MAX_SECTIONS + 1)
    ]
    with pytest.raises(IngestError, match="splits into 301 sections"):
        check_sections(sections)
    check_sections(sections[:MAX_SECTIONS])


def test_the_admin_upload_of_a_repeated_release_says_why(client, settings):
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    settings.ARCHIVE_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
    client.force_login(User.objects.create_superuser("editor", "e@example.org", "pw"))
    one = SAMPLE.read_bytes().decode("utf-8")
    repeated = ("\n\n".join([one] * 200)).encode("utf-8")  # about 1.9 MB, under the limit
    response = client.post(
        reverse("admin:reports_release_upload"),
        {"files": [SimpleUploadedFile("repeated.txt", repeated)]},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "repeated.txt" in page and "holds the same release 200 times" in page
    assert not Release.objects.exists()
