"""GET /api/releases/<id>/ in the contract's shape, and export -> import -> export giving identical files."""

import io
import json

import pytest
from django.core.management import call_command

from reports.importer import import_file
from reports.models import City, Metric, Release, Section
from tests.conftest import GUIYANG_SEED, SAMPLES_DIR, SHENYANG_SEED, seed_path

pytestmark = pytest.mark.django_db
CONTRACT_KEYS = {
    "id",
    "title",
    "city",
    "published_on",
    "held_on",
    "outlet",
    "source_url",
    "script",
    "sha256",
    "topics",
    "sections",
}
SECTION_KEYS = {"id", "order", "heading", "agency", "text", "metrics"}
METRIC_KEYS = {
    "id",
    "text",
    "value",
    "unit",
    "qualifier",
    "is_change",
    "direction",
    "subject",
    "start",
    "end",
}


def test_release_json_has_the_contract_shape(client):
    release = import_file(seed_path(GUIYANG_SEED).read_bytes(), GUIYANG_SEED).release
    data = client.get(f"/api/releases/{release.pk}/").json()
    assert CONTRACT_KEYS <= data.keys()
    assert data["city"]["name"] == "贵阳市" and data["city"]["province"] == "贵州省"
    assert data["published_on"] == "2025-10-16" and data["held_on"] == "2025-10-14"
    assert data["script"] == "simplified" and len(data["sha256"]) == 64
    assert "telecom-fraud" in data["topics"]
    for section in data["sections"]:
        assert SECTION_KEYS <= section.keys()
        for metric in section["metrics"]:
            assert METRIC_KEYS <= metric.keys()
            assert section["text"][metric["start"] : metric["end"]] == metric["text"]
            assert metric["direction"] in ("up", "down", None)
    values = {m["text"]: m for s in data["sections"] for m in s["metrics"]}
    assert values["54.6亿元"]["value"] == 5460000000 and values["54.6亿元"]["unit"] == "元"
    assert values["11.6%"]["direction"] == "down" and values["11.6%"]["is_change"] is True


def test_traditional_release_json_keeps_the_original_script(client):
    release = import_file(seed_path(SHENYANG_SEED).read_bytes(), SHENYANG_SEED).release
    data = client.get(f"/api/releases/{release.pk}/").json()
    assert data["script"] == "traditional"
    assert data["held_on"] == "2025-11-28" and data["dates"]["held_on"] == {
        "precision": "day",
        "inferred": True,
        "basis": "period",
        "evidence": "“十四五”期間",  # quoted as the release writes it
    }
    assert data["published_on"] is None
    court = next(s for s in data["sections"] if s["agency"] == "court")
    assert "瀋陽市中級人民法院" in court["text"]
    figures = {m["text"]: m for m in court["metrics"]}
    assert figures["370餘萬條"]["value"] == 3700000 and figures["370餘萬條"]["qualifier"] == "余"


def test_unknown_release_is_a_json_404(client):
    response = client.get("/api/releases/999999/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["status"] == 404


def export(path):
    call_command("export_archive", str(path), stderr=io.StringIO())
    return path.read_text(encoding="utf-8")


def test_export_then_import_into_an_empty_database_is_identical(tmp_path, index_dir):
    for path in [*sorted(SAMPLES_DIR.glob("0*")), seed_path(GUIYANG_SEED), seed_path(SHENYANG_SEED)]:
        assert import_file(path.read_bytes(), path.name).status == "created"
    metric = Metric.objects.order_by("id").first()
    Metric.objects.filter(pk=metric.pk).update(subject="编辑校订", corrected=True)  # edits survive too
    first = export(tmp_path / "one.jsonl")
    lines = first.splitlines()
    assert len(lines) == 8
    line = json.loads(lines[0])
    assert line["original"]["sha256"] == line["sha256"] and line["original"]["base64"]

    Release.objects.all().delete()
    City.objects.all().delete()
    assert Section.objects.count() == 0
    out = io.StringIO()
    call_command("import_archive", str(tmp_path / "one.jsonl"), stdout=out)
    assert "8 created, 0 duplicate, 0 failed" in out.getvalue()
    second = export(tmp_path / "two.jsonl")
    assert second == first
    # ids continue after the imported ones (sequences reset on PostgreSQL)
    new = import_file(b"\xef\xbb\xbf" + (SAMPLES_DIR / "06_anji_zhengfa.txt").read_bytes() + b"\n", "x.txt")
    assert new.release.pk > max(json.loads(x)["id"] for x in lines)


def test_import_archive_reports_bad_lines_and_keeps_the_good(tmp_path, index_dir):
    release = import_file(seed_path(GUIYANG_SEED).read_bytes(), "g.txt").release
    good = export(tmp_path / "a.jsonl").splitlines()[0]
    tampered = json.loads(good)
    tampered["original"]["base64"] = tampered["original"]["base64"][:-8] + "AAAAAAA="
    Release.objects.all().delete()
    (tmp_path / "b.jsonl").write_text(
        "not json\n" + json.dumps(tampered) + "\n" + good + "\n", encoding="utf-8"
    )
    out = io.StringIO()
    with pytest.raises(Exception) as failure:
        call_command("import_archive", str(tmp_path / "b.jsonl"), stdout=out)
    assert getattr(failure.value, "returncode", None) == 1
    text = out.getvalue()
    assert "line 1: JSONDecodeError" in text
    assert "line 2:" in text and "sha256" in text
    assert "1 created, 0 duplicate, 2 failed" in text
    assert Release.objects.get().sha256 == release.sha256
