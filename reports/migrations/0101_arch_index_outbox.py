"""The index outbox moves from search to reports (data flows one way), and the index gets its own version.

The IndexTask table is taken over as it is (state only: no row is copied or lost), then renamed to
reports_indextask; search/migrations/0101_arch_indextask_moved drops the model from search's state.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0112_merge_figures"),
        ("search", "0110_merge_site_search"),
    ]

    operations = [
        migrations.AddField(
            model_name="release",
            name="index_version",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="IndexTask",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("release_id", models.BigIntegerField(db_index=True)),
                        (
                            "action",
                            models.CharField(
                                choices=[("index", "index"), ("delete", "delete")],
                                default="index",
                                max_length=8,
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                    ],
                    options={"ordering": ["id"], "db_table": "search_indextask"},
                ),
            ],
        ),
        # A real rename on SQLite and PostgreSQL: the rows stay where they are.
        migrations.AlterModelTable(name="indextask", table=None),
    ]
