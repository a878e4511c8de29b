"""The organisation queue index also carries each task's assignee and team, so the three queues'
to-do and overdue counts are answered from the index alone on PostgreSQL (SQLite ignores INCLUDE
and gets the same index as before). The task table holds open work only in the hundreds of
thousands, so rebuilding the partial index is brief."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0002_team_archiving_and_managers"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="task",
            name="task_organisation_queue_idx",
        ),
        migrations.AddIndex(
            model_name="task",
            index=models.Index(
                condition=models.Q(("status__in", [1, 2])),
                fields=["organisation", "due_at", "id"],
                include=("assignee", "team"),
                name="task_organisation_queue_idx",
            ),
        ),
    ]
