"""The one importer: what it stores, that it stores nothing twice, and that bad input stores nothing."""

import pytest

from reports.importer import import_file, reparse
from reports.ingest.pipeline import Hints
from reports.ingest.types import PartialDate
from reports.models import City, IndexTask, Metric, OriginalFile, Release, Section
from tests.conftest import GUIYANG_SEED, SHENYANG_SEED, seed_path

pytestmark = pytest.mark.django_db


def test_guiyang_seed_imports_as_an_editor_would_split_it(guiyang_bytes):
    outcome = import_file(guiyang_bytes, GUIYANG_SEED)
    assert outcome.status == "created"
    release = outcome.release
    assert release.city.name == "贵阳市" and release.city.province == "贵州省"
    assert release.script == "simplified"
    assert release.published.iso() == "2025-10-16" and not release.published_inferred
    assert release.held.iso() == "2025-10-14" and release.held_inferred
    agencies = list(release.sections.values_list("agency", flat=True))
    assert agencies == [
        "other",
        "political_legal_committee",
        "political_legal_committee",
        "court",
        "procuratorate",
        "police",
        "justice_bureau",
    ]
    assert bytes(release.original.data) == guiyang_bytes


def test_shenyang_seed_imports_with_traditional_script_and_inferred_year(shenyang_bytes):
    release = import_file(shenyang_bytes, SHENYANG_SEED).release
    assert release.city.name == "沈阳市" and release.city.name_as_written == "瀋陽市"
    assert release.script == "traditional"
    assert release.published is None
    assert release.held.iso() == "2025-11-28" and release.held_inferred
    assert release.sort_date.year == 2025
    assert list(release.sections.values_list("agency", flat=True)) == [
        "political_legal_committee",
        "court",
        "procuratorate",
        "police",
        "justice_bureau",
    ]
    court = release.sections.get(agency="court")
    assert court.agency_name == "瀋陽市中級人民法院"


def test_every_figure_span_points_at_its_words(guiyang_bytes, shenyang_bytes):
    for data, name in ((guiyang_bytes, GUIYANG_SEED), (shenyang_bytes, SHENYANG_SEED)):
        import_file(data, name)
    metrics = Metric.objects.select_related("section")
    assert metrics.count() > 100
    for metric in metrics:
        assert metric.section.text[metric.start : metric.end] == metric.text


def test_same_bytes_twice_create_nothing(guiyang_bytes):
    first = import_file(guiyang_bytes, "a.txt")
    counts = (Release.objects.count(), Section.objects.count(), Metric.objects.count())
    second = import_file(guiyang_bytes, "renamed.txt")
    assert second.status == "duplicate" and second.release.pk == first.release.pk
    assert (Release.objects.count(), Section.objects.count(), Metric.objects.count()) == counts


def test_the_import_queues_the_index_in_its_transaction(guiyang_bytes):
    release = import_file(guiyang_bytes, "a.txt").release
    assert IndexTask.objects.filter(release_id=release.pk, action="index").exists()


def test_editor_hints_win_over_detection(guiyang_bytes):
    from reports.ingest.gazetteer import lookup

    hints = Hints(
        city=lookup("遵义"),
        published_on=PartialDate(2025, 10),
        outlet="样稿电台",
        source_url="https://example.org/r/1",
    )
    release = import_file(guiyang_bytes, "a.txt", hints=hints).release
    assert release.city.name == "遵义市"
    assert release.published.iso() == "2025-10" and release.published_precision == "month"
    assert release.outlet == "样稿电台" and release.source_url == "https://example.org/r/1"


def test_cities_with_the_same_name_in_one_province_stay_apart(db):
    from reports.importer import get_city
    from reports.ingest.gazetteer import lookup_all

    gulou = [ref for ref in lookup_all("鼓楼区") if ref.province == "江苏省"]
    assert len(gulou) == 2
    cities = {get_city(ref).pk for ref in gulou}
    assert len(cities) == 2 and City.objects.filter(name="鼓楼区").count() == 2


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"", "empty.txt", "empty"),
        (bytes(range(256)) * 40, "noise.txt", "binary|cannot be decoded"),
        (b"\x89PNG\r\n\x1a\n" + bytes(2000), "photo.txt", "PNG image"),
        ("审结案件".encode("utf-16-le") * 50 + b"\xff\xfe\x00", "odd.txt", "binary|cannot be decoded"),
    ],
)
def test_bad_files_store_nothing_and_say_why(data, name, reason):
    import re

    outcome = import_file(data, name)
    assert outcome.status == "error"
    assert re.search(reason, outcome.message)
    assert Release.objects.count() == 0 and OriginalFile.objects.count() == 0 and Section.objects.count() == 0


def test_oversized_file_is_refused_before_parsing(settings):
    settings.ARCHIVE_MAX_UPLOAD_BYTES = 1000
    outcome = import_file(b"x" * 2000, "big.txt")
    assert outcome.status == "error" and "limit is" in outcome.message
    assert Release.objects.count() == 0


def test_reparse_keeps_editor_corrections(guiyang_bytes):
    release = import_file(guiyang_bytes, "a.txt").release
    section = release.sections.get(order=3)
    Section.objects.filter(pk=section.pk).update(agency="other", agency_name="编辑改过", edited=True)
    metric = Metric.objects.filter(section__release=release).order_by("id").first()
    Metric.objects.filter(pk=metric.pk).update(subject="编辑校订的对象", corrected=True)
    reparse(Release.objects.get(pk=release.pk))
    section = release.sections.get(order=3)
    assert section.agency == "other" and section.agency_name == "编辑改过" and section.edited
    kept = Metric.objects.get(section__release=release, corrected=True)
    assert kept.subject == "编辑校订的对象" and kept.text == metric.text
    assert kept.section.text[kept.start : kept.end] == kept.text
    # the corrected figure replaces the extractor's own at that spot rather than doubling it
    assert Metric.objects.filter(section=kept.section, start=kept.start).count() == 1


def test_reparse_rebuilds_sections_from_the_archived_bytes():
    data = seed_path(SHENYANG_SEED).read_bytes()
    release = import_file(data, "s.txt").release
    before = list(release.sections.values_list("agency", "text"))
    Section.objects.filter(release=release).delete()
    reparse(Release.objects.get(pk=release.pk))
    assert list(release.sections.values_list("agency", "text")) == before
