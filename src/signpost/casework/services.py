"""Writes about casework. Each validates with rules.py, runs in one transaction and writes its
audit event in it; messages go through the notifications outbox after commit. Audit details name
records and fields, never what was said.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from signpost.accounts.roles import Role
from signpost.casework import codes, rules
from signpost.casework.models import Task, Team
from signpost.core.audit import audit_record
from signpost.core.notifications import render_message, send_email
from signpost.customers import rules as customer_rules
from signpost.customers.models import Customer
from signpost.organisations.models import Organisation


def _require_actor(actor: Any) -> None:
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("Sign in to work on tasks.")


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)  # type: ignore[arg-type]


# Tasks -----------------------------------------------------------------------------------------


def task_create(
    *,
    actor: Any,
    task_type: int,
    customer: Customer | None,
    organisation: Organisation,
    summary: str = "",
    details: str = "",
    assignee: Any = None,
    team: Team | None = None,
    available_from: datetime.datetime | None = None,
    due_at: datetime.datetime | None = None,
) -> Task:
    """A task in ``organisation``'s queue (for a team or a person when given).

    ``available_from`` defaults to now; ``due_at`` to the type's service level after it
    (rules.task_due_at). ``summary`` defaults to the type's name. Any staff member may put work in
    another organisation's queue (a transfer, a referral); only the owner's staff work it.
    """
    _require_actor(actor)
    if task_type not in codes.TaskType.values:
        raise ValidationError({"task_type": ["Select the type of task"]})
    summary = (summary or "").strip() or str(codes.TaskType(task_type).label)
    details = (details or "").strip()
    errors = rules.validate_task_text(summary, details)
    now = timezone.now()
    available_from = available_from or now
    due_at = due_at or rules.task_due_at(task_type, available_from)
    if due_at < available_from:
        errors.setdefault("due_at", []).append("The due time must be after the task can be started")
    if not organisation.delivers_service:
        errors.setdefault("organisation", []).append("Tasks belong to an organisation that delivers the service")
    if team is not None and team.organisation_id != organisation.pk:
        errors.setdefault("team", []).append("Choose a team in the task's organisation")
    _raise(errors)
    with transaction.atomic():
        if customer is not None:
            customer_rules.ensure_writable(Customer.objects.select_for_update().get(pk=customer.pk))
        task = Task(
            task_type=task_type,
            organisation=organisation,
            team=team,
            customer=customer,
            summary=summary,
            details=details,
            available_from=available_from,
            due_at=due_at,
            created_at=now,
            created_by=actor,
        )
        if assignee is not None:
            try:
                rules.validate_assignee(assignee, task)
            except ValidationError as error:
                raise ValidationError({"assignee": error.messages}) from error
            task.assignee = assignee
        task.full_clean()
        task.save()
        audit_record(
            actor=actor,
            action="task.created",
            target=task,
            details={"type": task_type, "organisation": organisation.pk, "customer": customer.pk if customer else None},
        )
    return task


def _lock_task(task: Task) -> Task:
    return Task.objects.select_for_update().get(pk=task.pk)


def task_claim(*, actor: Any, task: Task) -> Task:
    """Take an open task from a queue: it becomes the actor's, claimed."""
    _require_actor(actor)
    with transaction.atomic():
        locked = _lock_task(task)
        if not rules.can_see_task(actor, locked):
            raise PermissionDenied("This task belongs to another organisation.")
        if not rules.can_claim_task(actor, locked):
            who = locked.assignee if locked.status == codes.TaskStatus.CLAIMED else None
            message = (
                f"This task was already claimed by {who.full_name or who.email}"
                if who is not None
                else "This task is no longer open"
            )
            raise ValidationError(message, code="not_open")
        locked.status = codes.TaskStatus.CLAIMED
        locked.assignee = actor
        locked.claimed_at = timezone.now()
        locked.save(update_fields=["status", "assignee", "claimed_at"])
        audit_record(actor=actor, action="task.claimed", target=locked)
    return locked


def task_reassign(*, actor: Any, task: Task, assignee: Any, reason: str = "") -> Task:
    """Give an active task to someone else in its organisation (a team leader's decision).
    Reassigned work is claimed by its new owner: it is theirs to do."""
    _require_actor(actor)
    with transaction.atomic():
        locked = _lock_task(task)
        if not rules.can_reassign_task(actor, locked):
            raise PermissionDenied("You cannot reassign this task.")
        try:
            rules.validate_assignee(assignee, locked)
        except ValidationError as error:
            raise ValidationError({"assignee": error.messages}) from error
        if len(reason) > 500:
            raise ValidationError({"reason": ["The reason must be 500 characters or fewer"]})
        previous = locked.assignee_id
        locked.assignee = assignee
        locked.status = codes.TaskStatus.CLAIMED
        locked.claimed_at = timezone.now()
        locked.save(update_fields=["assignee", "status", "claimed_at"])
        audit_record(
            actor=actor,
            action="task.reassigned",
            target=locked,
            reason=reason.strip(),
            details={"from": previous, "to": assignee.pk},
        )
    return locked


def task_complete(*, actor: Any, task: Task, note: str) -> Task:
    """Mark an active task done with a note of what was done."""
    _require_actor(actor)
    note = (note or "").strip()
    try:
        rules.validate_completion_note(note)
    except ValidationError as error:
        raise ValidationError({"note": error.messages}) from error
    with transaction.atomic():
        locked = _lock_task(task)
        if not rules.can_complete_task(actor, locked):
            if not locked.is_active:
                raise ValidationError("This task is already finished", code="finished")
            raise PermissionDenied("Only the person this task is assigned to, or a team leader, can complete it.")
        _finish(locked, actor, codes.TaskStatus.DONE, note)
        audit_record(actor=actor, action="task.completed", target=locked)
    return locked


def task_cancel(*, actor: Any, task: Task, note: str) -> Task:
    _require_actor(actor)
    note = (note or "").strip()
    try:
        rules.validate_completion_note(note)
    except ValidationError as error:
        raise ValidationError({"note": ["Enter why the task is cancelled"] if not note else error.messages}) from error
    with transaction.atomic():
        locked = _lock_task(task)
        if not rules.can_reassign_task(actor, locked):
            raise PermissionDenied("Only a team leader can cancel a task.")
        _finish(locked, actor, codes.TaskStatus.CANCELLED, note)
        audit_record(actor=actor, action="task.cancelled", target=locked)
    return locked


def _finish(task: Task, actor: Any, status: int, note: str) -> None:
    task.status = status
    task.completed_at = timezone.now()
    task.completed_by = actor
    task.completion_note = note
    if task.assignee_id is None:
        task.assignee = actor
    task.save(update_fields=["status", "completed_at", "completed_by", "completion_note", "assignee"])


def _team_leaders(organisation_id: int) -> list[Any]:
    return list(
        get_user_model()
        .objects.filter(organisation_id=organisation_id, is_active=True, groups__name=Role.TEAM_LEADER)
        .order_by("pk")
        .distinct()
    )


def tasks_escalate(*, now: datetime.datetime | None = None) -> int:
    """Escalate every task that became overdue: mark it (shown in the queues) and email the
    organisation's team leaders once per run, naming how many, not whom (no personal data in
    email). Run by the scheduler; safe to run again (each task is escalated once)."""
    now = now or timezone.now()
    with transaction.atomic():
        overdue = list(
            Task.objects.select_for_update(skip_locked=True)
            .filter(status__in=codes.ACTIVE_TASK_STATUSES, escalated_at__isnull=True, due_at__lt=now)
            .order_by("due_at", "id")
        )
        by_organisation: dict[int, list[Task]] = defaultdict(list)
        for task in overdue:
            by_organisation[task.organisation_id].append(task)
        Task.objects.filter(pk__in=[task.pk for task in overdue]).update(escalated_at=now)
        for organisation_id, tasks in by_organisation.items():
            audit_record(
                actor=None,
                action="task.escalated",
                object_type="organisations.organisation",
                object_id=str(organisation_id),
                details={"tasks": [task.pk for task in tasks]},
            )
            for leader in _team_leaders(organisation_id):
                subject, body = render_message(
                    "casework/messages/tasks_escalated",
                    {
                        "leader": leader,
                        "count": len(tasks),
                        "types": sorted({t.get_task_type_display() for t in tasks}),
                    },
                )
                send_email(to=leader.email, subject=subject, body=body, reference=f"escalation-{organisation_id}")
    return len(overdue)
