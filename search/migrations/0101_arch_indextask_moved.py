"""IndexTask now belongs to reports (reports/migrations/0101_arch_index_outbox took over its table)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0110_merge_site_search"),
        ("reports", "0101_arch_index_outbox"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="IndexTask")]),
    ]
