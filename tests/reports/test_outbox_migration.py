"""Moving the outbox from search to reports keeps every queued task (SQLite and PostgreSQL)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("reports", "0112_merge_figures"), ("search", "0110_merge_site_search")]
AFTER = [("reports", "0101_arch_index_outbox"), ("search", "0101_arch_indextask_moved")]


@pytest.mark.django_db(transaction=True)
def test_queued_tasks_survive_the_move_and_the_way_back():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO search_indextask (release_id, action, created_at) VALUES (41, 'index', %s), "
            "(42, 'delete', %s)",
            ["2026-12-01 08:00:00", "2026-12-01 08:00:01"],
        )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    moved = apps.get_model("reports", "IndexTask")
    assert list(moved.objects.order_by("id").values_list("release_id", "action")) == [
        (41, "index"),
        (42, "delete"),
    ]
    assert "search_indextask" not in connection.introspection.table_names()
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)  # reversible: the rows go back with the table
    with connection.cursor() as cursor:
        cursor.execute("SELECT release_id FROM search_indextask ORDER BY id")
        assert [row[0] for row in cursor.fetchall()] == [41, 42]
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    moved.objects.all().delete()
