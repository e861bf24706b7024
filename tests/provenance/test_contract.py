"""The release JSON's provenance keys (issue 13 contract) and export -> import -> export with them."""

import io
import json

import pytest
from django.core.management import call_command

from reports.fetch.fetcher import read_warc
from reports.importer import import_url
from reports.models import City, Release
from reports.provenance_models import Capture, ReleaseCopy, ReleaseVersion
from tests.provenance.server import RELEASE_PARAGRAPHS, article

pytestmark = pytest.mark.django_db
TITLE = "清河市召开2025年度平安建设新闻发布会"
OLD_KEYS = {
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
    "dates",
    "original",
    "archived_at",
}


def build(site):
    site.html("/a.html", article(TITLE, RELEASE_PARAGRAPHS))
    release = import_url(site.url("/a.html")).release
    site.html("/m.html", article(TITLE, RELEASE_PARAGRAPHS[:-1] + ["扫码关注公众号"], outlet="镜像网"))
    assert import_url(site.url("/m.html")).status == "copy"
    site.html("/a.html", article(TITLE, [p.replace("4821", "4830") for p in RELEASE_PARAGRAPHS]))
    assert import_url(site.url("/a.html")).status == "version"
    return release


def test_release_json_adds_provenance_and_keeps_every_key(site, client):
    release = build(site)
    data = client.get(f"/api/releases/{release.pk}/").json()
    assert OLD_KEYS <= data.keys()
    assert data["source_status"]["state"] == "alive" and data["source_status"]["checked_at"]
    assert data["copies"] == [
        {
            "source_url": site.url("/m.html"),
            "sha256": ReleaseCopy.objects.get().sha256,
            "archived_at": data["copies"][0]["archived_at"],
            "outlet": "镜像网",
        }
    ]
    assert [v["current"] for v in data["versions"]] == [False, True]
    assert data["versions"][1]["sha256"] == data["sha256"]
    assert [c["http_status"] for c in data["captures"]] == [200, 200]
    warc = client.get(data["captures"][0]["warc_url"])
    assert warc.status_code == 200 and warc["Content-Type"] == "application/warc"
    assert [r[0] for r in read_warc(warc.content)] == ["warcinfo", "request", "response"]


def test_a_release_never_fetched_is_unchecked_with_one_version(client):
    from reports.importer import import_file
    from tests.conftest import SAMPLES_DIR

    release = import_file((SAMPLES_DIR / "06_anji_zhengfa.txt").read_bytes(), "anji.txt").release
    data = client.get(f"/api/releases/{release.pk}/").json()
    assert data["source_status"] == {"state": "unchecked", "since": None, "checked_at": None}
    assert data["copies"] == [] and data["captures"] == []
    assert data["versions"] == [
        {"sha256": release.sha256, "archived_at": data["archived_at"], "current": True}
    ]


def export(path):
    call_command("export_archive", str(path), stderr=io.StringIO())
    return path.read_text(encoding="utf-8")


def test_export_import_export_is_identical_with_copies_versions_and_captures(site, tmp_path):
    build(site)
    first = export(tmp_path / "one.jsonl")
    line = json.loads(first)
    assert len(line["provenance"]["copies"]) == 1 and len(line["provenance"]["versions"]) == 2
    Release.objects.all().delete()
    City.objects.all().delete()
    assert not Capture.objects.exists() and not ReleaseVersion.objects.exists()
    call_command("import_archive", str(tmp_path / "one.jsonl"), stdout=io.StringIO())
    assert export(tmp_path / "two.jsonl") == first
    assert Capture.objects.count() == 3 and ReleaseCopy.objects.count() == 1


def test_the_kept_repost_index_follows_deletions_and_new_releases(site):
    from reports.provenance import find_canonical

    site.html("/a.html", article(TITLE, RELEASE_PARAGRAPHS))
    first = import_url(site.url("/a.html")).release
    assert find_canonical("\n".join(RELEASE_PARAGRAPHS[:-1]))[0] == first
    first.delete()
    assert find_canonical("\n".join(RELEASE_PARAGRAPHS[:-1])) is None
    other = [
        "白河市司法局召开新闻发布会，介绍全市人民调解工作开展情况和下一步安排。",
        "全市共有人民调解委员会612个，专兼职调解员3905名，全年调解纠纷10362件，调解成功率97.5%。",
        "下一步将推进行业性专业性调解组织建设，新建医疗、物业等专业调解委员会28个。",
    ]
    site.html("/b.html", article("白河市发布会", other))
    second = import_url(site.url("/b.html")).release
    assert find_canonical("\n".join(other))[0] == second
    assert find_canonical("\n".join(RELEASE_PARAGRAPHS[:-1])) is None
