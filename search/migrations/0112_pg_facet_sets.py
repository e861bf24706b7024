"""PostgreSQL backend: each filter value's releases as one sorted int4[] (`search_pg_facet`), kept by every
index write, so a search counts its facets by intersecting its matched releases with each value's set
(intarray's `&`, linear merges in C) instead of unnesting every matched release's values row by row.
Measured at 10,000 releases for 电诈's 8,726 matched releases and 205 values: 40-75 ms unnested, 12 ms
intersected. intarray is a contrib extension marked trusted: the database's owner may create it.
"""

from django.db import migrations

FORWARD = """
CREATE EXTENSION IF NOT EXISTS intarray;
CREATE TABLE IF NOT EXISTS search_pg_facet (value text PRIMARY KEY, releases int4[] NOT NULL);
DELETE FROM search_pg_facet;
INSERT INTO search_pg_facet (value, releases)
    SELECT v, sort(array_agg(release_id::int4)) FROM search_pg_release, unnest(facets) v GROUP BY v;
"""
BACKWARD = "DROP TABLE IF EXISTS search_pg_facet;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("search", "0111_pg_release_facets")]
    operations = [migrations.RunPython(forwards, backwards)]
