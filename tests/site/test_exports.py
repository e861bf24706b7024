"""CSV and JSON exports hold exactly the filtered figures, on /figures/ and /api/metrics/."""

import csv
import io
import json
from decimal import Decimal

import pytest

from reports.browse.exports import COLUMNS
from reports.models import Metric
from tests.site.conftest import SHENYANG, SUZHOU, body

FILTERS = [
    ("", {}),
    pytest.param("city=shenyang", {"section__release__city__slug": "shenyang"}, marks=pytest.mark.seeds),
    ("agency=court&change=yes", {"section__agency": "court", "is_change": True}),
    ("topic=telecom-fraud&unit=%25", {"section__topics__slug": "telecom-fraud", "unit": "%"}),
    (
        "q=案件&year=2025&province=江苏省",
        {"subject__contains": "案件", "section__release__city__province": "江苏省"},
    ),
]


def read_csv(response):
    assert response["Content-Type"].startswith("text/csv")
    text = body(response)
    assert text.startswith("\ufeff")  # Excel reads UTF-8 only with the mark
    return list(csv.DictReader(io.StringIO(text[1:])))


@pytest.mark.parametrize("base", ["/figures/?format=csv", "/api/metrics/?format=csv"])
@pytest.mark.parametrize(("query", "lookup"), FILTERS)
def test_csv_rows_are_the_filtered_figures(site, client, base, query, lookup):
    rows = read_csv(client.get(f"{base}&{query}"))
    expected = Metric.objects.filter(**lookup)
    assert {int(r["id"]) for r in rows} == set(expected.values_list("pk", flat=True))
    assert len(rows) == expected.count()
    if rows:
        assert list(rows[0]) == COLUMNS


def test_csv_values_match_the_database(site, client):
    rows = read_csv(client.get(f"/figures/?format=csv&release={site[SUZHOU].pk}"))
    by_id = {m.id: m for m in Metric.objects.filter(section__release=site[SUZHOU]).select_related("section")}
    assert len(rows) == len(by_id)
    for row in rows:
        metric = by_id[int(row["id"])]
        assert row["text"] == metric.text
        assert Decimal(row["value"]) == metric.value
        assert row["unit"] == metric.unit and row["subject"] == metric.subject
        assert row["agency"] == metric.section.agency
        assert row["is_change"] == ("true" if metric.is_change else "false")
        assert row["direction"] == metric.direction
        assert row["city"] == "苏州市" and row["province"] == "江苏省"
        assert row["published_on"] == "2025-03-02"
        assert row["url"] == f"http://testserver/releases/{site[SUZHOU].pk}/#figure-{metric.id}"


@pytest.mark.parametrize("base", ["/figures/?format=json", "/api/metrics/?"])
@pytest.mark.parametrize(("query", "lookup"), FILTERS)
def test_json_results_are_the_filtered_figures(site, client, base, query, lookup):
    response = client.get(f"{base}&{query}")
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(body(response))
    expected = Metric.objects.filter(**lookup)
    assert data["count"] == expected.count() == len(data["results"])
    assert {r["id"] for r in data["results"]} == set(expected.values_list("pk", flat=True))
    if data["results"]:
        assert list(data["results"][0]) == COLUMNS


@pytest.mark.seeds
def test_json_values_are_numbers_and_filters_are_echoed(site, client):
    data = json.loads(body(client.get("/api/metrics/?city=shenyang&agency=court")))
    assert data["filters"] == {"city": "shenyang", "agency": "court"}
    metric = Metric.objects.filter(section__release=site[SHENYANG], section__agency="court").first()
    row = next(r for r in data["results"] if r["id"] == metric.id)
    assert row["value"] == json.loads(json.dumps(float(metric.value))) or row["value"] == int(metric.value)
    assert row["direction"] in (None, "up", "down")


def test_export_link_keeps_the_filters(site, client):
    text = body(client.get("/figures/?city=shenyang&agency=court&page=2"))
    assert 'href="?city=shenyang&amp;agency=court&amp;format=csv"' in text
    assert 'href="?city=shenyang&amp;agency=court&amp;format=json"' in text


def test_invalid_filters_are_refused_not_ignored(site, client):
    response = client.get("/api/metrics/?city=atlantis")
    assert response.status_code == 400
    assert "city" in json.loads(response.content)["errors"]
    assert client.get("/figures/?format=csv&year=1900").status_code == 400


def test_spreadsheet_formulas_are_defused(site, client):
    metric = Metric.objects.filter(section__release=site[SHENYANG]).first()
    metric.subject = '=HYPERLINK("http://evil")'
    metric.save()
    rows = read_csv(client.get(f"/api/metrics/?format=csv&release={site[SHENYANG].pk}"))
    row = next(r for r in rows if int(r["id"]) == metric.id)
    assert row["subject"] == '\'=HYPERLINK("http://evil")'
