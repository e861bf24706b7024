"""Tables of the PostgreSQL search backend. Created on PostgreSQL only: SQLite deployments use Whoosh."""

from django.db import migrations

CREATE = """
CREATE TABLE IF NOT EXISTS search_pg_section (
    section_id bigint PRIMARY KEY,
    release_id bigint NOT NULL,
    agency varchar(32) NOT NULL,
    tsv tsvector NOT NULL,
    version varchar(40) NOT NULL
);
CREATE INDEX IF NOT EXISTS search_pg_section_tsv ON search_pg_section USING GIN (tsv);
CREATE INDEX IF NOT EXISTS search_pg_section_release ON search_pg_section (release_id);
CREATE TABLE IF NOT EXISTS search_pg_release (
    release_id bigint PRIMARY KEY,
    city varchar(96) NOT NULL DEFAULT '',
    province varchar(32) NOT NULL DEFAULT '',
    date date,
    year integer,
    topics text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS search_pg_release_topics ON search_pg_release USING GIN (topics);
"""
DROP = "DROP TABLE IF EXISTS search_pg_section; DROP TABLE IF EXISTS search_pg_release;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_seed_synonyms")]
    operations = [migrations.RunPython(forwards, backwards)]
