"""Issue 12 in the database: the seeded taxonomy, periods and indicators stored on import, an editor's indicator
surviving re-parse, and the API and exports carrying the new keys."""

import csv
import io
import json

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from reports.importer import import_file, reparse
from reports.models import Indicator, Metric
from tests.conftest import SAMPLES_DIR

pytestmark = pytest.mark.django_db
ANJI = "06_anji_zhengfa.txt"


@pytest.fixture
def anji(index_dir):
    return import_file((SAMPLES_DIR / ANJI).read_bytes(), ANJI).release


@pytest.fixture
def editor(client):
    client.force_login(User.objects.create_superuser("editor", "e@example.org", "pw"))
    return client


def test_the_migration_seeds_an_editable_taxonomy():
    assert Indicator.objects.count() >= 60
    solved = Indicator.objects.get(slug="police-cases-solved")
    assert solved.name == "破获刑事案件" and solved.name_traditional == "破獲刑事案件"
    assert solved.agency == "police" and solved.unit_kind == "cases" and "破获" in solved.pattern_list()


def test_import_stores_periods_against_the_release_date_and_indicators(anji):
    metric = Metric.objects.get(section__release=anji, text="2,587件")
    assert metric.indicator.slug == "court-cases-accepted"
    assert (str(metric.period_start), str(metric.period_end)) == ("2025-01-01", "2025-03-31")
    assert metric.period_basis == "stated" and metric.period_kind == "year_to_date"
    stock = Metric.objects.get(section__release=anji, text="152人")
    assert stock.period_start == stock.period_end == anji.published_on and stock.period_kind == "point"


def test_an_editor_assigns_an_indicator_to_an_unclassified_figure_and_it_survives_reparse(anji, editor):
    unclassified = Metric.objects.filter(section__release=anji, indicator__isnull=True)
    listed = editor.get(reverse("admin:reports_metric_changelist") + "?indicator__isempty=1")
    assert listed.status_code == 200
    metric = unclassified.get(text="1.2万户")
    assert f"/admin/reports/metric/{metric.pk}/change/" in listed.content.decode()
    target = Indicator.objects.get(slug="plc-petitions")
    changelist = reverse("admin:reports_metric_changelist") + "?indicator__isempty=1"
    page = Metric.objects.filter(indicator__isnull=True).order_by("-id")  # the admin's default order
    ids = list(page.values_list("pk", flat=True)[:100])
    data = {"form-TOTAL_FORMS": len(ids), "form-INITIAL_FORMS": len(ids), "_save": "Save"}
    for i, pk in enumerate(ids):
        data[f"form-{i}-id"] = pk
        data[f"form-{i}-indicator"] = target.pk if pk == metric.pk else ""
    response = editor.post(changelist, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    metric.refresh_from_db()
    assert metric.indicator == target and metric.corrected
    assert Metric.objects.filter(corrected=True).count() == 1  # the others were left alone

    reparse(anji)
    again = Metric.objects.get(section__release=anji, text="1.2万户")
    assert again.pk != metric.pk and again.indicator == target and again.corrected
    assert Metric.objects.filter(section__release=anji, text="2,587件").get().indicator.slug == (
        "court-cases-accepted"
    )


def test_api_metric_objects_add_periods_and_indicator_and_keep_every_key(anji, client):
    data = client.get(f"/api/releases/{anji.pk}/").json()
    metrics = [m for s in data["sections"] for m in s["metrics"]]
    contract = {
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
    for m in metrics:
        assert contract | {"period_start", "period_end", "indicator"} <= m.keys()
    accepted = next(m for m in metrics if m["text"] == "2,587件")
    assert (accepted["period_start"], accepted["period_end"], accepted["indicator"]) == (
        "2025-01-01",
        "2025-03-31",
        "court-cases-accepted",
    )
    assert any(m["indicator"] is None for m in metrics)


NEW_COLUMNS = [
    "indicator",
    "period_start",
    "period_end",
    "period_basis",
    "city_code",
    "span_start",
    "span_end",
]


@pytest.mark.parametrize("url", ["/figures/?format=csv", "/api/metrics/?format=csv"])
def test_csv_exports_are_tidy_with_the_new_columns(anji, client, url):
    response = client.get(url + "&indicator=court-cases-accepted")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    expected = Metric.objects.filter(indicator__slug="court-cases-accepted")
    assert len(rows) == expected.count() > 0
    for row in rows:
        assert set(NEW_COLUMNS) <= row.keys() and row["indicator"] == "court-cases-accepted"
        metric = expected.get(pk=int(row["id"]))
        assert row["period_start"] == str(metric.period_start) and row["period_end"] == str(metric.period_end)
        assert row["city_code"] == anji.city.code and row["url"].endswith(f"#figure-{metric.pk}")
        assert metric.section.text[int(row["span_start"]) : int(row["span_end"])] == row["text"]


def test_json_export_filters_by_period_kind(anji, client):
    response = client.get("/figures/?format=json&period=point")
    data = json.loads(b"".join(response.streaming_content))
    assert data["results"] and all(r["period_start"] == r["period_end"] for r in data["results"])
    assert len(data["results"]) == Metric.objects.filter(period_kind="point").count()
