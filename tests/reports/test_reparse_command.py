"""`manage.py reparse_releases`: migrate archives whose stored text was folded to ASCII, keeping editors'
corrections (issue 8)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from reports.models import Metric, Release, Section
from tests.conftest import SAMPLES_DIR, import_paths

pytestmark = pytest.mark.django_db

# What the importer stored before issue 8: the whole full-width ASCII block folded (，-> , ２ -> 2 ：-> :).
OLD_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}


def fold_like_before(release: Release) -> None:
    Release.objects.filter(pk=release.pk).update(
        text=release.text.translate(OLD_FOLD), title=release.title.translate(OLD_FOLD)
    )
    for section in release.sections.all():
        Section.objects.filter(pk=section.pk).update(
            text=section.text.translate(OLD_FOLD), heading=section.heading.translate(OLD_FOLD)
        )
    for metric in Metric.objects.filter(section__release=release):
        Metric.objects.filter(pk=metric.pk).update(text=metric.text.translate(OLD_FOLD))


@pytest.fixture
def luoyang(search_backend):
    (outcome,) = import_paths([SAMPLES_DIR / "01_luoyang_pingan.txt"])
    return Release.objects.get(pk=outcome.release.pk)


def run(*args) -> str:
    out = StringIO()
    call_command("reparse_releases", *args, stdout=out)
    return out.getvalue()


def test_reparse_restores_the_published_text_and_keeps_corrections(luoyang):
    published, title = luoyang.text, luoyang.title
    sections = list(luoyang.sections.values_list("order", "text"))
    wide = next(
        m
        for m in Metric.objects.filter(section__release=luoyang).order_by("id")
        if m.text != m.text.translate(OLD_FOLD)
    )
    assert "，" in published
    fold_like_before(luoyang)
    # an editor corrected a section and a figure while the archive held folded text
    lead = luoyang.sections.get(order=0)
    Section.objects.filter(pk=lead.pk).update(agency="court", agency_name="编辑改过", edited=True)
    Metric.objects.filter(pk=wide.pk).update(subject="编辑校订的对象", corrected=True)
    assert "，" not in Release.objects.get(pk=luoyang.pk).text

    out = run("--all")

    assert f"reparsed  release {luoyang.pk}: text changed" in out
    assert "1 reparsed (1 with a changed text), 0 failed" in out
    release = Release.objects.get(pk=luoyang.pk)
    assert release.text == published and release.title == title
    assert list(release.sections.values_list("order", "text")) == sections
    lead = release.sections.get(order=0)
    assert (lead.agency, lead.agency_name, lead.edited) == ("court", "编辑改过", True)
    kept = Metric.objects.get(section__release=release, corrected=True)
    assert kept.subject == "编辑校订的对象" and kept.text == wide.text  # as published again
    assert kept.section.text[kept.start : kept.end] == kept.text
    for metric in Metric.objects.filter(section__release=release).select_related("section"):
        assert metric.section.text[metric.start : metric.end] == metric.text


def test_reparse_by_id_reports_unknown_ids_and_fails(luoyang):
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("reparse_releases", str(luoyang.pk), "999999", stdout=out)
    text = out.getvalue()
    assert "release 999999: no such release" in text
    assert f"reparsed  release {luoyang.pk}: text unchanged" in text
    assert "1 reparsed (0 with a changed text), 1 failed" in text


def test_reparse_needs_ids_or_all():
    with pytest.raises(CommandError):
        run()


def test_reparse_changes_the_public_updated_date_only_when_the_release_changed(luoyang):
    """Release.updated_at is the "updated" date feeds and the sitemap publish: re-parsing the whole archive
    after a parser change must not announce every release as updated, only those whose text, sections,
    figures or topics came out different."""
    stamp = "2020-01-01T00:00:00Z"
    Release.objects.filter(pk=luoyang.pk).update(updated_at=stamp)
    run("--all")
    assert Release.objects.get(pk=luoyang.pk).updated_at.isoformat() == "2020-01-01T00:00:00+00:00"

    fold_like_before(luoyang)  # what an older parser stored: this re-parse changes the release
    Release.objects.filter(pk=luoyang.pk).update(updated_at=stamp)
    run("--all")
    assert Release.objects.get(pk=luoyang.pk).updated_at.year > 2020

    # A figure the parser now reads differently is a change too, though the text is the same.
    Release.objects.filter(pk=luoyang.pk).update(updated_at=stamp)
    metric = Metric.objects.filter(section__release=luoyang, corrected=False).order_by("id").first()
    Metric.objects.filter(pk=metric.pk).update(unit="吨")
    run("--all")
    assert Release.objects.get(pk=luoyang.pk).updated_at.year > 2020
