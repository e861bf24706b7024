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
