"""The domain lexicon (issue 11): add the shipped groups an existing table lacks, with their notes.

Editors' own rows and edits stay. Reversing keeps the rows: an editor may have come to rely on them.
"""

from django.db import migrations


def seed(apps, schema_editor):
    from search.seed_data import load_synonyms

    load_synonyms(apps.get_model("search", "SynonymGroup"))


class Migration(migrations.Migration):
    dependencies = [("search", "0004_postgres_pairs_and_ranking")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
