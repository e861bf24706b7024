"""Editors: archive from URLs in the admin, split a wrong merge, merge a missed one. Staff only."""

import pytest

from reports.importer import import_url
from reports.models import Release
from reports.provenance_models import Capture, ReleaseCopy
from tests.provenance.server import RELEASE_PARAGRAPHS, article

pytestmark = pytest.mark.django_db
TITLE = "清河市召开2025年度平安建设新闻发布会"


def test_the_admin_form_archives_urls_with_one_line_each(site, admin_client, client):
    site.html("/a.html", article(TITLE, RELEASE_PARAGRAPHS))
    assert client.get("/admin/reports/releasecopy/import-urls/").status_code == 302  # not staff: login
    response = admin_client.post(
        "/admin/reports/releasecopy/import-urls/",
        {"urls": f"{site.url('/a.html')}\n{site.url('/missing.html')}"},
    )
    page = response.content.decode()
    assert 'class="result-created"' in page and 'class="result-error"' in page and "HTTP 404" in page
    assert Release.objects.count() == 1


def test_split_then_merge_again(site, admin_client):
    site.html("/a.html", article(TITLE, RELEASE_PARAGRAPHS))
    canonical = import_url(site.url("/a.html")).release
    site.html("/m.html", article(TITLE, RELEASE_PARAGRAPHS[:-1], outlet="镜像网"))
    assert import_url(site.url("/m.html")).status == "copy"
    copy = ReleaseCopy.objects.get()
    admin_client.post(
        "/admin/reports/releasecopy/", {"action": "split_off", "_selected_action": [copy.pk]}, follow=True
    )
    assert not ReleaseCopy.objects.exists() and Release.objects.count() == 2
    split = Release.objects.exclude(pk=canonical.pk).get()
    assert split.source_url == site.url("/m.html") and Capture.objects.filter(release=split).count() == 1
    admin_client.post("/admin/reports/releasecopy/merge/", {"release": split.pk, "canonical": canonical.pk})
    assert Release.objects.count() == 1
    again = ReleaseCopy.objects.get()
    assert again.canonical == canonical and again.source_url == site.url("/m.html")
    assert Capture.objects.filter(copy=again).count() == 1


def test_an_uploaded_repost_is_kept_as_a_copy_of_the_release_held(admin_client):
    """The admin upload, like a URL import, links a mirror's altered copy to the canonical release."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from opencc import OpenCC

    from reports.importer import import_file
    from reports.models import StagedUpload

    canonical = import_file("\n".join([TITLE, *RELEASE_PARAGRAPHS]).encode(), "a.txt").release
    convert = OpenCC("s2t").convert
    mirror = "\n".join([convert(TITLE), *(convert(p) for p in RELEASE_PARAGRAPHS[:-1])]).encode()
    url = "/admin/reports/release/upload/"
    admin_client.post(url, {"files": [SimpleUploadedFile("mirror.txt", mirror)]})
    stages = list(StagedUpload.objects.values_list("pk", flat=True))
    assert stages
    admin_client.post(url, {"confirm": "1", "stage": stages})
    assert Release.objects.count() == 1
    assert ReleaseCopy.objects.get().canonical == canonical
