"""Scheduled jobs: a small register of (name, cron schedule, background task), run by
``manage.py scheduler`` (started by ``manage.py serve``, or from cron with ``--once``).

The scheduler does no work itself: when a job is due it enqueues the job's django-tasks task,
and a task worker runs it. Domain apps register their jobs from ``AppConfig.ready()``::

    from signpost.core.scheduling import register_job
    from signpost.myapp.tasks import send_reminders   # a django_tasks @task, taking no arguments

    register_job(name="reminders", schedule="0 8 * * *", task=send_reminders,
                 description="Remind customers of tomorrow's sessions")

Schedules are cron expressions in the service's time zone (Europe/London), so "30 2 * * *" is
half past two local time in summer and winter alike. Missed runs (the scheduler was stopped)
are caught up with one run, not one per missed slot. When each job runs next is kept in the
database (ScheduledJobState), so restarts keep the rhythm and two schedulers started by mistake
still enqueue each run once; run one scheduler all the same.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from typing import Any

from croniter import croniter
from django.db import transaction
from django.utils import timezone

from signpost.core.models import ScheduledJobState

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ScheduledJob:
    name: str
    schedule: str
    task: Any  # a django_tasks Task that takes no arguments
    description: str = ""

    def next_after(self, moment: datetime.datetime) -> datetime.datetime:
        local = timezone.localtime(moment)
        following: datetime.datetime = croniter(self.schedule, local).get_next(datetime.datetime)
        return following


_jobs: dict[str, ScheduledJob] = {}


def register_job(*, name: str, schedule: str, task: Any, description: str = "") -> ScheduledJob:
    if name in _jobs:
        raise ValueError(f"A scheduled job called {name!r} is already registered.")
    if not croniter.is_valid(schedule):
        raise ValueError(f"{name}: {schedule!r} is not a cron schedule.")
    if not hasattr(task, "enqueue"):
        raise ValueError(f"{name}: the job must be a background task (django_tasks @task).")
    job = ScheduledJob(name=name, schedule=schedule, task=task, description=description)
    _jobs[name] = job
    return job


def unregister_job(name: str) -> None:
    """For tests that register a throwaway job."""
    _jobs.pop(name, None)


def registered_jobs() -> list[ScheduledJob]:
    return sorted(_jobs.values(), key=lambda job: job.name)


def run_due_jobs(now: datetime.datetime | None = None) -> list[str]:
    """Enqueue every job whose time has come; returns their names. Safe to call at any moment."""
    now = now or timezone.now()
    enqueued = []
    for job in registered_jobs():
        state, created = ScheduledJobState.objects.get_or_create(
            name=job.name, defaults={"next_run_at": job.next_after(now)}
        )
        if created or state.next_run_at > now:
            continue
        with transaction.atomic():
            # Claim this run: only the scheduler whose update finds the old time enqueues it.
            claimed = ScheduledJobState.objects.filter(pk=state.pk, next_run_at=state.next_run_at).update(
                next_run_at=job.next_after(now), last_run_at=now
            )
            if claimed:
                job.task.enqueue()
        if claimed:
            enqueued.append(job.name)
            logger.info("scheduled job enqueued", extra={"job": job.name})
    return enqueued


def schedule_overview() -> list[dict[str, Any]]:
    """Each job with when it last ran and runs next (for the scheduler's start-up output)."""
    states = {state.name: state for state in ScheduledJobState.objects.all()}
    return [
        {
            "name": job.name,
            "schedule": job.schedule,
            "description": job.description,
            "next_run_at": states[job.name].next_run_at if job.name in states else None,
            "last_run_at": states[job.name].last_run_at if job.name in states else None,
        }
        for job in registered_jobs()
    ]
