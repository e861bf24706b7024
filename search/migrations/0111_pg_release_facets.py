"""PostgreSQL backend: a release's filter values in one `facets text[]` column ('city=shenyang', 'year=2024'),
so a new filter (search/filters.py) needs no new column. The old columns' rows cannot be converted without
the release facts, so the release rows are dropped and every release is queued for indexing again (the
outbox); the next index writer or `rebuild_index` fills them.
"""

from django.db import migrations

FORWARD = """
TRUNCATE search_pg_section, search_pg_release;
DROP INDEX IF EXISTS search_pg_release_topics;
ALTER TABLE search_pg_release DROP COLUMN IF EXISTS city, DROP COLUMN IF EXISTS province,
    DROP COLUMN IF EXISTS year, DROP COLUMN IF EXISTS topics;
ALTER TABLE search_pg_release ADD COLUMN IF NOT EXISTS facets text[] NOT NULL DEFAULT '{}';
CREATE INDEX IF NOT EXISTS search_pg_release_facets ON search_pg_release USING GIN (facets);
"""
BACKWARD = """
TRUNCATE search_pg_section, search_pg_release;
DROP INDEX IF EXISTS search_pg_release_facets;
ALTER TABLE search_pg_release DROP COLUMN IF EXISTS facets;
ALTER TABLE search_pg_release ADD COLUMN IF NOT EXISTS city varchar(96) NOT NULL DEFAULT '',
    ADD COLUMN IF NOT EXISTS province varchar(32) NOT NULL DEFAULT '', ADD COLUMN IF NOT EXISTS year integer,
    ADD COLUMN IF NOT EXISTS topics text[] NOT NULL DEFAULT '{}';
CREATE INDEX IF NOT EXISTS search_pg_release_topics ON search_pg_release USING GIN (topics);
"""


def _queue_all(apps):
    Release = apps.get_model("reports", "Release")
    IndexTask = apps.get_model("reports", "IndexTask")
    IndexTask.objects.bulk_create(
        (IndexTask(release_id=pk, action="index") for pk in Release.objects.values_list("pk", flat=True)),
        batch_size=1000,
    )


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)
        _queue_all(apps)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)
        _queue_all(apps)


class Migration(migrations.Migration):
    dependencies = [("search", "0101_arch_indextask_moved"), ("reports", "0114_merge_arch")]
    operations = [migrations.RunPython(forwards, backwards)]
