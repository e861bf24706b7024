from django.db import migrations


def seed(apps, schema_editor):
    from search.seed_data import load_synonyms

    load_synonyms(apps.get_model("search", "SynonymGroup"))


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
