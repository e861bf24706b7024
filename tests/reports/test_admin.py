"""Editors' admin through the Django test client: upload with preview, corrections, re-parse, download."""

import io
import re
import zipfile

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from reports.models import Metric, Release, Section, StagedUpload
from tests.conftest import GUIYANG_SEED, SAMPLES_DIR, import_paths, seed_path

pytestmark = pytest.mark.django_db
UPLOAD = "admin:reports_release_upload"


@pytest.fixture
def editor(client):
    user = User.objects.create_superuser("editor", "e@example.org", "pw")
    client.force_login(user)
    return client


def upload(client, *files, **fields):
    return client.post(reverse(UPLOAD), {"files": list(files), **fields})


def sample(name):
    return SimpleUploadedFile(name, (SAMPLES_DIR / name).read_bytes())


def test_only_staff_reach_the_upload(client):
    response = client.get(reverse(UPLOAD))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    User.objects.create_user("reader", password="pw")
    client.login(username="reader", password="pw")
    assert client.get(reverse(UPLOAD)).status_code == 302
    assert upload(client, sample("05_zhanjiang_fanzha.txt")).status_code == 302
    assert Release.objects.count() == 0 and StagedUpload.objects.count() == 0


def test_upload_needs_a_csrf_token():
    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.create_superuser("e", "e@example.org", "pw"))
    assert upload(client, sample("05_zhanjiang_fanzha.txt")).status_code == 403
    form = client.get(reverse(UPLOAD))
    assert b"csrfmiddlewaretoken" in form.content


def test_preview_then_confirm(editor):
    response = upload(editor, sample("05_zhanjiang_fanzha.txt"), sample("02_suzhou_fazhi.html"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "湛江市" in page and "苏州市" in page  # detected cities
    assert "2025-12-18" in page  # conference date
    assert page.count('class="section-row"') == 11  # 6 + 5 sections with their agencies
    assert "&lt;script&gt;" not in page or "<script>alert" not in page
    assert Release.objects.count() == 0  # nothing saved before confirming
    stages = list(StagedUpload.objects.values_list("pk", flat=True))
    done = editor.post(reverse(UPLOAD), {"confirm": "1", "stage": stages})
    assert done.status_code == 302
    assert Release.objects.count() == 2 and StagedUpload.objects.count() == 0
    release = Release.objects.get(city__name="湛江市")
    assert release.imported_by.username == "editor"


def test_upload_with_editor_metadata(editor):
    upload(
        editor,
        sample("06_anji_zhengfa.txt"),
        city="湖州",
        published_on="2025-04",
        outlet="样稿台",
        source_url="https://example.org/anji",
    )
    editor.post(
        reverse(UPLOAD), {"confirm": "1", "stage": list(StagedUpload.objects.values_list("pk", flat=True))}
    )
    release = Release.objects.get()
    assert release.city.name == "湖州市" and release.published.iso() == "2025-04"
    assert release.outlet == "样稿台" and release.source_url == "https://example.org/anji"


def test_bad_fields_are_reported_on_the_form(editor):
    response = upload(editor, sample("06_anji_zhengfa.txt"), city="亚特兰蒂斯", published_on="someday")
    page = response.content.decode()
    assert "不认识" in page and "不是日期" in page
    assert StagedUpload.objects.count() == 0


def test_bad_and_oversized_files_are_named_and_the_others_still_preview(editor, settings):
    settings.ARCHIVE_MAX_UPLOAD_BYTES = 200_000
    big = SimpleUploadedFile("big.txt", b"a" * 300_000)
    empty = SimpleUploadedFile("empty.txt", b"")
    png = SimpleUploadedFile("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(100))
    page = upload(editor, big, empty, png, sample("05_zhanjiang_fanzha.txt")).content.decode()
    assert "big.txt" in page and "195 KB" in page
    assert "empty.txt" in page and "the file is empty" in page
    assert "photo.txt" in page and "PNG image" in page
    assert "湛江市" in page
    assert StagedUpload.objects.count() == 1


def test_zip_upload_previews_each_member(editor):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a/06.txt", (SAMPLES_DIR / "06_anji_zhengfa.txt").read_bytes())
        archive.writestr("../x.txt", b"escape")
    page = upload(editor, SimpleUploadedFile("batch.zip", buffer.getvalue())).content.decode()
    assert "安吉县" in page and "unsafe path" in page
    assert StagedUpload.objects.count() == 1


def test_duplicate_upload_is_flagged_and_not_saved(editor):
    from reports.importer import import_file

    data = (SAMPLES_DIR / "05_zhanjiang_fanzha.txt").read_bytes()
    existing = import_file(data, "05.txt").release
    page = upload(editor, SimpleUploadedFile("again.txt", data)).content.decode()
    assert f"发布稿 {existing.pk}" in page


def test_editor_corrects_a_section_and_a_figure(editor):
    from reports.importer import import_file

    release = import_file(seed_path(GUIYANG_SEED).read_bytes(), "g.txt").release
    section = release.sections.get(order=2)
    metric = section.metrics.order_by("start").first()
    url = reverse("admin:reports_section_change", args=[section.pk])
    form = editor.get(url)
    assert form.status_code == 200
    data = section_form_data(section)
    data.update({"agency": "police", "agency_name": "某公安局"})
    data["metrics-0-subject"] = "编辑校订"
    Release.objects.filter(pk=release.pk).update(updated_at="2020-01-01T00:00:00Z")
    response = editor.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    section.refresh_from_db()
    assert section.agency == "police" and section.edited
    # The release says something else now: its public "updated" date (feeds, sitemap) moves.
    assert Release.objects.get(pk=release.pk).updated_at.year > 2020
    metric.refresh_from_db()
    assert metric.subject == "编辑校订" and metric.corrected
    assert Metric.objects.filter(corrected=True).count() == 1


def test_saving_a_section_unchanged_changes_nothing(editor):
    """A browser posts a textarea's line breaks as CRLF: pressing Save on a section nobody touched must
    not mark it edited, store CRLF (which would shift every figure's offsets) or move the release's
    public "updated" date."""
    (outcome,) = import_paths([SAMPLES_DIR / "01_luoyang_pingan.txt"])
    section = next(s for s in outcome.release.sections.order_by("order") if "\n" in s.text)
    text, spans = section.text, list(section.metrics.values_list("start", "end", "text"))
    data = section_form_data(section)
    data["text"] = text.replace("\n", "\r\n")
    Release.objects.filter(pk=outcome.release.pk).update(updated_at="2020-01-01T00:00:00Z")
    response = editor.post(reverse("admin:reports_section_change", args=[section.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    section.refresh_from_db()
    assert section.text == text and not section.edited
    assert list(section.metrics.values_list("start", "end", "text")) == spans
    assert Release.objects.get(pk=outcome.release.pk).updated_at.year == 2020

    # Correcting a figure on its own page changes what the release says: the date moves then.
    m = section.metrics.order_by("id").first()
    fields = ["start", "end", "unit", "qualifier", "direction", "basis", "period", "period_basis"]
    data = {name: getattr(m, name) for name in fields}
    data.update({"value": m.value if m.value is not None else "", "subject": "编辑校订的对象"})
    data.update({"is_change": "on" if m.is_change else "", "indicator": m.indicator_id or ""})
    data.update(
        {"period_start": m.period_start or "", "period_end": m.period_end or "", "section": m.section_id}
    )
    response = editor.post(reverse("admin:reports_metric_change", args=[m.pk]), data)
    assert response.status_code == 302, re.findall(r"errorlist.*?</ul>", response.content.decode(), re.S)
    assert Metric.objects.get(pk=m.pk).corrected
    assert Release.objects.get(pk=outcome.release.pk).updated_at.year > 2020


def section_form_data(section) -> dict:
    """The admin's section form as a browser posts it, unchanged, with its figures inline."""
    metrics = list(section.metrics.order_by("start", "id"))
    data = {
        "order": section.order,
        "heading": section.heading,
        "agency": section.agency,
        "agency_name": section.agency_name,
        "text": section.text,
        "edited": "on" if section.edited else "",
        "metrics-TOTAL_FORMS": str(len(metrics) + 1),
        "metrics-INITIAL_FORMS": str(len(metrics)),
        "metrics-MIN_NUM_FORMS": "0",
        "metrics-MAX_NUM_FORMS": "1000",
    }
    for i, m in enumerate(metrics):
        data.update(
            {
                f"metrics-{i}-id": m.pk,
                f"metrics-{i}-section": section.pk,
                f"metrics-{i}-start": m.start,
                f"metrics-{i}-end": m.end,
                f"metrics-{i}-value": m.value if m.value is not None else "",
                f"metrics-{i}-unit": m.unit,
                f"metrics-{i}-qualifier": m.qualifier,
                f"metrics-{i}-is_change": "on" if m.is_change else "",
                f"metrics-{i}-direction": m.direction,
                f"metrics-{i}-basis": m.basis,
                f"metrics-{i}-indicator": m.indicator_id or "",
                f"metrics-{i}-subject": m.subject,
                f"metrics-{i}-period": m.period,
            }
        )
    return data


def test_a_figure_span_outside_the_text_is_refused(editor):
    from reports.admin.forms import MetricForm
    from reports.importer import import_file

    release = import_file(seed_path(GUIYANG_SEED).read_bytes(), "g.txt").release
    section = release.sections.get(order=1)
    form = MetricForm(
        data={"start": 5, "end": len(section.text) + 10, "unit": "件"},
        instance=Metric(section=section),
        section_text=section.text,
    )
    assert not form.is_valid() and "超出" in str(form.errors)


def test_reparse_action_and_original_download(editor):
    from reports.importer import import_file

    data = seed_path(GUIYANG_SEED).read_bytes()
    release = import_file(data, "guiyang.txt").release
    response = editor.post(
        reverse("admin:reports_release_changelist"),
        {"action": "reparse_selected", "_selected_action": [release.pk]},
    )
    assert response.status_code == 302
    assert Section.objects.filter(release=release).count() == 7
    download = editor.get(reverse("release_original", args=[release.pk]))
    assert download.content == data
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    change = editor.get(reverse("admin:reports_release_change", args=[release.pk]))
    assert change.status_code == 200 and b"guiyang.txt" in change.content


def test_deleting_a_release_queues_its_removal(editor):
    from reports.importer import import_file
    from reports.models import IndexTask

    release = import_file(seed_path(GUIYANG_SEED).read_bytes(), "g.txt").release
    editor.post(reverse("admin:reports_release_delete", args=[release.pk]), {"post": "yes"})
    assert not Release.objects.filter(pk=release.pk).exists()
    assert IndexTask.objects.filter(release_id=release.pk, action="delete").exists()
