"""The scheduler: a due job is enqueued once, a job not yet due is not, and cron times are local."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from signpost.core import scheduling
from signpost.core.models import ScheduledJobState

LONDON = ZoneInfo("Europe/London")


@task()
def tidy_up() -> None:
    """A job for these tests (does nothing)."""


def enqueued() -> int:
    return DBTaskResult.objects.filter(task_path=f"{__name__}.tidy_up").count()


@pytest.fixture
def nightly(db: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[scheduling.ScheduledJob]:
    # This job alone: the apps' own jobs would be due at the same made-up times.
    monkeypatch.setattr(scheduling, "_jobs", {})
    yield scheduling.register_job(name="test-tidy-up", schedule="30 2 * * *", task=tidy_up, description="test")


def at(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


def test_a_new_job_waits_for_its_first_time(nightly: scheduling.ScheduledJob) -> None:
    assert scheduling.run_due_jobs(now=at(2026, 1, 10, 12, 0)) == []
    state = ScheduledJobState.objects.get(name="test-tidy-up")
    assert state.next_run_at == at(2026, 1, 11, 2, 30)
    assert enqueued() == 0


def test_a_due_job_is_enqueued_once(nightly: scheduling.ScheduledJob) -> None:
    scheduling.run_due_jobs(now=at(2026, 1, 10, 12, 0))
    assert scheduling.run_due_jobs(now=at(2026, 1, 11, 2, 29)) == []
    assert scheduling.run_due_jobs(now=at(2026, 1, 11, 2, 30)) == ["test-tidy-up"]
    # Checked again in the same minute, or by a second scheduler: not enqueued again.
    assert scheduling.run_due_jobs(now=at(2026, 1, 11, 2, 30, 20)) == []
    assert enqueued() == 1
    state = ScheduledJobState.objects.get(name="test-tidy-up")
    assert state.next_run_at == at(2026, 1, 12, 2, 30)
    assert state.last_run_at == at(2026, 1, 11, 2, 30)


def test_missed_runs_are_caught_up_with_one_run(nightly: scheduling.ScheduledJob) -> None:
    scheduling.run_due_jobs(now=at(2026, 1, 10, 12, 0))
    # The scheduler was stopped for three nights.
    assert scheduling.run_due_jobs(now=at(2026, 1, 14, 9, 0)) == ["test-tidy-up"]
    assert enqueued() == 1
    assert ScheduledJobState.objects.get(name="test-tidy-up").next_run_at == at(2026, 1, 15, 2, 30)


def test_schedules_follow_london_time_across_the_clock_change(nightly: scheduling.ScheduledJob) -> None:
    # Clocks go forward on 29 March 2026: 02:30 local is then 01:30 UTC.
    assert nightly.next_after(at(2026, 3, 30, 12, 0)) == at(2026, 3, 31, 2, 30)
    assert nightly.next_after(at(2026, 3, 30, 12, 0)).astimezone(datetime.UTC).hour == 1


def test_a_claim_lost_to_another_scheduler_enqueues_nothing(nightly: scheduling.ScheduledJob) -> None:
    scheduling.run_due_jobs(now=at(2026, 1, 10, 12, 0))
    state = ScheduledJobState.objects.get(name="test-tidy-up")
    # Another scheduler claimed the run between our read and our update.
    ScheduledJobState.objects.filter(pk=state.pk).update(next_run_at=at(2026, 1, 12, 2, 30))
    assert scheduling.run_due_jobs(now=at(2026, 1, 11, 2, 30)) == []
    assert enqueued() == 0


@pytest.mark.parametrize(
    ("schedule", "job_task", "message"),
    [("every night", tidy_up, "not a cron schedule"), ("0 3 * * *", print, "background task")],
)
def test_bad_registrations_are_refused(schedule: str, job_task: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        scheduling.register_job(name="test-bad", schedule=schedule, task=job_task)
    assert "test-bad" not in {job.name for job in scheduling.registered_jobs()}


def test_a_name_is_registered_once(nightly: scheduling.ScheduledJob) -> None:
    with pytest.raises(ValueError, match="already registered"):
        scheduling.register_job(name="test-tidy-up", schedule="0 3 * * *", task=tidy_up)


def test_the_command_once_enqueues_what_is_due(nightly: scheduling.ScheduledJob, capsys: Any) -> None:
    ScheduledJobState.objects.create(name="test-tidy-up", next_run_at=at(2020, 1, 1, 2, 30))
    call_command("scheduler", "--once")
    assert "enqueued test-tidy-up" in capsys.readouterr().out
    assert enqueued() == 1
    call_command("scheduler", "--once")
    assert enqueued() == 1
