"""PostgreSQL backend: word-pair and ranking vectors beside the positions vector.

Existing rows lack the new vectors, so they are dropped and every release is queued for indexing again
(the outbox, now reports/outbox.py); the next index writer or `rebuild_index` fills them.
"""

from django.db import migrations

FORWARD = """
TRUNCATE search_pg_section, search_pg_release;
ALTER TABLE search_pg_section ADD COLUMN IF NOT EXISTS pairs tsvector NOT NULL DEFAULT '';
ALTER TABLE search_pg_section ADD COLUMN IF NOT EXISTS rank tsvector NOT NULL DEFAULT '';
CREATE INDEX IF NOT EXISTS search_pg_section_pairs ON search_pg_section USING GIN (pairs);
"""
BACKWARD = """
DROP INDEX IF EXISTS search_pg_section_pairs;
ALTER TABLE search_pg_section DROP COLUMN IF EXISTS pairs;
ALTER TABLE search_pg_section DROP COLUMN IF EXISTS rank;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FORWARD)
    Release = apps.get_model("reports", "Release")
    IndexTask = apps.get_model("search", "IndexTask")
    IndexTask.objects.bulk_create(
        IndexTask(release_id=pk, action="index") for pk in Release.objects.values_list("pk", flat=True)
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_postgres_tables"), ("reports", "0002_seed_topics")]
    operations = [migrations.RunPython(forwards, backwards)]
