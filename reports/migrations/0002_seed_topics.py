from django.db import migrations


def seed(apps, schema_editor):
    from reports.seed_data import load_topics

    load_topics(apps.get_model("reports", "Topic"))


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
