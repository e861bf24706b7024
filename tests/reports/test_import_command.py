"""python manage.py import_releases: files, folders and zips, a line per file, bad input reported."""

import io
import zipfile

import pytest
from django.core.management import CommandError, call_command

from reports.models import Release
from tests.conftest import SAMPLES_DIR

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    try:
        call_command("import_releases", *map(str, args), "--no-progress", stdout=out)
        code = 0
    except CommandError as exc:
        code = exc.returncode
    return code, out.getvalue()


def test_a_folder_imports_every_release_and_skips_notes(tmp_path):
    code, out = run(SAMPLES_DIR)
    assert code == 0
    assert out.count("created") == 7  # six lines, and "6 created" in the summary
    assert "6 created, 0 duplicate, 0 failed" in out
    assert "README" not in out and "EXPECTED" not in out
    code, out = run(SAMPLES_DIR)
    assert "0 created, 6 duplicate, 0 failed" in out
    assert Release.objects.count() == 6


def test_bad_files_fail_with_reasons_and_the_rest_still_import(tmp_path):
    good = tmp_path / "good.txt"
    good.write_bytes((SAMPLES_DIR / "05_zhanjiang_fanzha.txt").read_bytes())
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(500))
    (tmp_path / "noise.txt").write_bytes(bytes(range(256)) * 20)
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as fh:  # sparse: 100 MB on paper, nothing on disk
        fh.truncate(100 * 1024 * 1024)
    code, out = run(tmp_path)
    assert code == 1
    assert "empty.txt: the file is empty" in out
    assert "photo.txt: is a PNG image" in out
    assert "noise.txt:" in out and ("binary" in out or "cannot be decoded" in out)
    assert "huge.txt: is 100.0 MB; the limit is 20.0 MB" in out
    assert "1 created, 0 duplicate, 4 failed" in out
    assert Release.objects.count() == 1


def make_zip(path, members):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return path


def test_zip_imports_members_and_refuses_escapes_and_bombs(tmp_path):
    sample = (SAMPLES_DIR / "06_anji_zhengfa.txt").read_bytes()
    bundle = make_zip(
        tmp_path / "batch.zip",
        [
            ("releases/anji.txt", sample),
            ("../evil.txt", sample + b"x"),
            ("/abs/evil.txt", sample + b"y"),
            ("bomb.txt", b"0" * (30 * 1024 * 1024)),  # 30 MB of zeros: a few KB compressed
            ("inner.zip", b"PK\x03\x04"),
        ],
    )
    code, out = run(bundle)
    assert code == 1
    assert "batch.zip:releases/anji.txt: release" in out
    assert "batch.zip:../evil.txt: has an unsafe path" in out
    assert "batch.zip:/abs/evil.txt: has an unsafe path" in out
    assert "batch.zip:bomb.txt: expands to 30.0 MB; the limit is 20.0 MB" in out
    assert "archives inside archives" in out
    assert Release.objects.count() == 1
    assert not (tmp_path.parent / "evil.txt").exists()


def test_broken_zip_is_reported(tmp_path):
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 not really")
    code, out = run(broken)
    assert code == 1 and "broken.zip: is not a readable zip archive" in out


def test_missing_path_and_bad_hints(tmp_path):
    code, out = run(tmp_path / "nope.txt")
    assert code == 1 and "no such file or folder" in out
    with pytest.raises(CommandError, match="not a known city"):
        call_command("import_releases", str(SAMPLES_DIR), "--city", "亚特兰蒂斯")
    with pytest.raises(CommandError, match="not a date"):
        call_command("import_releases", str(SAMPLES_DIR), "--published-on", "soon")


def test_hints_apply_to_every_file():
    call_command(
        "import_releases",
        str(SAMPLES_DIR / "06_anji_zhengfa.txt"),
        "--city",
        "湖州",
        "--published-on",
        "2025-04",
        "--outlet",
        "样稿日报",
        stdout=io.StringIO(),
    )
    release = Release.objects.get()
    assert release.city.name == "湖州市" and release.published.iso() == "2025-04"
    assert release.outlet == "样稿日报"
