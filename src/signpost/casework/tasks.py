"""Background work of casework, run by the scheduler (see apps.py)."""

from __future__ import annotations

from django_tasks import task

from signpost.casework import services


@task()
def escalate_overdue_tasks() -> int:
    """Tell team leaders about tasks that became overdue since the last run."""
    return services.tasks_escalate()
