"""Tasks: creation with service levels, claim, reassign, complete, cancel and escalation."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from signpost.casework import codes, rules, services
from signpost.casework.models import Task
from signpost.core.models import AuditEvent, Notification
from signpost.customers import services as customer_services

pytestmark = pytest.mark.django_db


def callback(actor, customer, organisation, **fields):
    return services.task_create(
        actor=actor,
        task_type=codes.TaskType.CALLBACK,
        customer=customer,
        organisation=organisation,
        summary="Call back about apprenticeships",
        **fields,
    )


def test_a_task_is_due_after_its_types_service_level_and_audited(adviser, customer, london):
    start = timezone.now()
    task = callback(adviser, customer, london, available_from=start)
    assert task.status == codes.TaskStatus.OPEN and task.assignee is None
    assert task.due_at == start + datetime.timedelta(hours=24)
    assert AuditEvent.objects.filter(action="task.created", object_id=str(task.pk), actor=adviser).exists()


@pytest.mark.parametrize(
    ("task_type", "hours"),
    [
        (codes.TaskType.CALLBACK, 24),
        (codes.TaskType.QUEUED_TRANSFER, 24),
        (codes.TaskType.FOLLOW_UP_CALL, 24 * 14),
        (codes.TaskType.REFERRAL_FOLLOW_UP, 24 * 14),
    ],
)
def test_service_levels(task_type, hours):
    start = datetime.datetime(2025, 9, 1, 9, tzinfo=datetime.UTC)
    assert rules.task_due_at(task_type, start) == start + datetime.timedelta(hours=hours)


def test_an_explicit_due_time_and_default_summary(adviser, customer, london):
    due = timezone.now() + datetime.timedelta(days=3)
    task = services.task_create(
        actor=adviser, task_type=codes.TaskType.REFERRAL_FOLLOW_UP, customer=customer, organisation=london, due_at=due
    )
    assert task.due_at == due and task.summary == "Referral follow-up"


def test_bad_task_input_is_refused_field_by_field(adviser, customer, london, north_west):
    with pytest.raises(ValidationError) as refused:
        services.task_create(
            actor=adviser,
            task_type=codes.TaskType.CALLBACK,
            customer=customer,
            organisation=london,
            summary="x" * 201,
            details="y" * 2001,
            available_from=timezone.now(),
            due_at=timezone.now() - datetime.timedelta(hours=1),
        )
    assert set(refused.value.message_dict) == {"summary", "details", "due_at"}
    assert not Task.objects.exists()


def test_a_task_cannot_be_assigned_outside_its_organisation(adviser, outsider, customer, london):
    with pytest.raises(ValidationError) as refused:
        callback(adviser, customer, london, assignee=outsider)
    assert "organisation" in refused.value.message_dict["assignee"][0]


def test_no_task_on_a_terminated_record(adviser, customer, london):
    customer_services.customer_terminate(actor=adviser, customer=customer, reason=1)
    with pytest.raises(ValidationError, match="terminated"):
        callback(adviser, customer, london)


def test_claim_then_complete_with_a_note(adviser, colleague, customer, london):
    task = callback(adviser, customer, london)
    claimed = services.task_claim(actor=colleague, task=task)
    assert (claimed.status, claimed.assignee) == (codes.TaskStatus.CLAIMED, colleague)
    with pytest.raises(ValidationError, match="already claimed by"):
        services.task_claim(actor=adviser, task=task)
    with pytest.raises(PermissionDenied):
        services.task_complete(actor=adviser, task=task, note="Called")
    with pytest.raises(ValidationError) as refused:
        services.task_complete(actor=colleague, task=task, note="  ")
    assert refused.value.message_dict == {"note": ["Enter a note of what was done"]}
    done = services.task_complete(actor=colleague, task=task, note="Called; booked a session")
    assert (done.status, done.completed_by, done.completion_note) == (
        codes.TaskStatus.DONE,
        colleague,
        "Called; booked a session",
    )
    with pytest.raises(ValidationError, match="already finished"):
        services.task_complete(actor=colleague, task=task, note="Again")


def test_staff_of_another_organisation_cannot_claim(adviser, outsider, customer, london):
    task = callback(adviser, customer, london)
    with pytest.raises(PermissionDenied):
        services.task_claim(actor=outsider, task=task)
    assert Task.objects.get().status == codes.TaskStatus.OPEN


def test_team_leaders_reassign_within_the_organisation_and_cancel(
    adviser, colleague, team_leader, outsider, customer, london
):
    task = callback(adviser, customer, london)
    with pytest.raises(PermissionDenied):
        services.task_reassign(actor=adviser, task=task, assignee=colleague)
    with pytest.raises(ValidationError):
        services.task_reassign(actor=team_leader, task=task, assignee=outsider)
    moved = services.task_reassign(actor=team_leader, task=task, assignee=colleague, reason="Speaks Polish")
    assert (moved.assignee, moved.status) == (colleague, codes.TaskStatus.CLAIMED)
    event = AuditEvent.objects.get(action="task.reassigned")
    assert event.details == {"from": None, "to": colleague.pk} and event.reason == "Speaks Polish"
    # A team leader may complete or cancel work that is someone else's.
    cancelled = services.task_cancel(actor=team_leader, task=task, note="Customer called in instead")
    assert cancelled.status == codes.TaskStatus.CANCELLED


def test_overdue_tasks_are_escalated_once_to_the_team_leaders(adviser, team_leader, customer, london, north_west):
    now = timezone.now()
    start = now - datetime.timedelta(hours=30)
    late = callback(adviser, customer, london, available_from=start)
    exactly_due = callback(adviser, customer, london, available_from=now - datetime.timedelta(hours=24))
    on_time = callback(adviser, customer, london)
    assert rules.task_is_overdue(late, now) and not rules.task_is_overdue(exactly_due, exactly_due.due_at)
    assert services.tasks_escalate(now=now) == 1
    late.refresh_from_db()
    on_time.refresh_from_db()
    assert late.escalated_at == now and on_time.escalated_at is None
    email = Notification.objects.get(recipient=team_leader.email)
    assert "1 overdue task" in email.subject and customer.family_name not in email.body
    # Run again: nothing new to escalate, nobody emailed twice.
    assert services.tasks_escalate(now=now) == 0
    assert Notification.objects.count() == 1
    assert AuditEvent.objects.filter(action="task.escalated").count() == 1


def test_escalation_is_a_scheduled_job(adviser, customer, london, team_leader):
    from signpost.core import scheduling

    job = {job.name: job for job in scheduling.registered_jobs()}["casework-escalate-overdue-tasks"]
    callback(adviser, customer, london, available_from=timezone.now() - datetime.timedelta(days=2))
    assert job.task.call() == 1
    assert Task.objects.get().escalated_at is not None
