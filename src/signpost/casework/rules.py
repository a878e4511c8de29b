"""The rules of casework, one function each (architecture.md §4.4): service levels, transfer
timing, follow-up windows and who may work on a task. Each raises ``ValidationError`` with a
message an adviser can act on, or answers a question.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError

from signpost.casework import codes
from signpost.casework.models import NOTE_MAX_LENGTH, TRANSFER_CONTEXT_MAX_LENGTH, Task
from signpost.contacts import codes as contact_codes
from signpost.core import working_days
from signpost.customers import codes as customer_codes
from signpost.customers.models import Customer
from signpost.customers.rules import ADULT_AGE, age_on

# How long each type of task may wait once it can be worked (ours; domain.md §4 sets the 24 hours
# of a queued transfer). A follow-up call is due when its window closes, given by its creator.
TASK_SERVICE_LEVELS: dict[int, datetime.timedelta] = {
    codes.TaskType.CALLBACK: datetime.timedelta(hours=24),
    codes.TaskType.FOLLOW_UP_CALL: datetime.timedelta(weeks=2),
    codes.TaskType.QUEUED_TRANSFER: datetime.timedelta(hours=24),
    codes.TaskType.REFERRAL_FOLLOW_UP: datetime.timedelta(days=14),
}

# Youth service follow-up windows in weeks after the contact (domain.md §4), by age then.
YOUTH_WINDOW_UNDER_16 = (4, 6)
YOUTH_WINDOW_16_AND_OVER = (12, 14)
YOUTH_OLDER_AGE = 16
# Adult advice service: up to three call-backs on the action plan. The spacing is ours: about one,
# three and six months after the advice, each a two-week window.
ADULT_WINDOWS = ((4, 6), (12, 14), (24, 26))
# A requested callback further ahead than this is a booking, not a callback.
LONGEST_CALLBACK_NOTICE = datetime.timedelta(days=28)


# Tasks -----------------------------------------------------------------------------------------


def task_due_at(task_type: int, available_from: datetime.datetime) -> datetime.datetime:
    """When a task of this type is due: its service level after it can first be worked."""
    return available_from + TASK_SERVICE_LEVELS[task_type]


def task_is_overdue(task: Task, now: datetime.datetime) -> bool:
    """Still to do and past its due time (due at 10:00 is overdue from 10:00:00.000001)."""
    return task.is_active and task.due_at < now


def task_needs_escalation(task: Task, now: datetime.datetime) -> bool:
    """Overdue and its organisation's team leaders have not yet been told."""
    return task_is_overdue(task, now) and task.escalated_at is None


def validate_task_text(summary: str, details: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not summary.strip():
        errors["summary"] = ["Enter what needs to be done"]
    elif len(summary) > 200:
        errors["summary"] = ["What needs to be done must be 200 characters or fewer"]
    if len(details) > NOTE_MAX_LENGTH:
        errors["details"] = [f"The details must be {NOTE_MAX_LENGTH:,} characters or fewer"]
    return errors


def validate_completion_note(note: str) -> None:
    if not note.strip():
        raise ValidationError("Enter a note of what was done", code="required")
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(f"The note must be {NOTE_MAX_LENGTH:,} characters or fewer", code="max_length")


def works_in(user: Any, organisation_id: int | None) -> bool:
    """Staff of the organisation that owns the work (domain.md §2: queues are per organisation)."""
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and user.organisation_id is not None
        and user.organisation_id == organisation_id
    )


def can_see_task(user: Any, task: Task) -> bool:
    return works_in(user, task.organisation_id) and user.has_perm("casework.work_tasks")


def can_claim_task(user: Any, task: Task) -> bool:
    """Anyone in the organisation's queues may take an open task, or one already theirs."""
    return can_see_task(user, task) and task.status == codes.TaskStatus.OPEN


def can_complete_task(user: Any, task: Task) -> bool:
    """The person it is assigned to, or someone who may reassign it (a team leader)."""
    if not (can_see_task(user, task) and task.is_active):
        return False
    return task.assignee_id == user.pk or user.has_perm("casework.reassign_tasks")


def can_reassign_task(user: Any, task: Task) -> bool:
    return can_see_task(user, task) and task.is_active and user.has_perm("casework.reassign_tasks")


def validate_assignee(assignee: Any, task: Task) -> None:
    """Tasks stay inside their organisation, with someone who can work them."""
    if not works_in(assignee, task.organisation_id) or not assignee.has_perm("casework.work_tasks"):
        raise ValidationError(
            "Choose someone in this task's organisation who works on tasks", code="outside_organisation"
        )


# Transfers -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TransferTiming:
    """Whether the prime can take a transfer now, or it waits as a task until they open."""

    queued: bool
    available_from: datetime.datetime
    due_at: datetime.datetime


def transfer_timing(requested_at: datetime.datetime) -> TransferTiming:
    """Primes accept transfers in office hours (working_days). Outside them the transfer is queued
    for the next working day's opening and must be picked up within 24 hours of it."""
    if working_days.is_within_office_hours(requested_at):
        return TransferTiming(False, requested_at, task_due_at(codes.TaskType.QUEUED_TRANSFER, requested_at))
    opening = working_days.next_opening(requested_at)
    return TransferTiming(True, opening, task_due_at(codes.TaskType.QUEUED_TRANSFER, opening))


def validate_transfer_context(context: str) -> None:
    if not context.strip():
        raise ValidationError("Enter why the customer is being transferred", code="required")
    if len(context) > TRANSFER_CONTEXT_MAX_LENGTH:
        raise ValidationError(
            f"The reason for the transfer must be {TRANSFER_CONTEXT_MAX_LENGTH:,} characters or fewer",
            code="max_length",
        )


def validate_requested_callback(requested: datetime.datetime | None, now: datetime.datetime) -> None:
    """Optional; when given, in the future and within four weeks."""
    if requested is None:
        return
    if requested <= now:
        raise ValidationError("The callback time must be in the future", code="past")
    if requested > now + LONGEST_CALLBACK_NOTICE:
        raise ValidationError("The callback time must be within 4 weeks: book a session instead", code="too_far")


def validate_callback_time(
    called_back_at: datetime.datetime, accepted_at: datetime.datetime | None, now: datetime.datetime
) -> None:
    if called_back_at > now + datetime.timedelta(minutes=5):
        raise ValidationError("The time of the callback must be now or in the past", code="future")
    if accepted_at is not None and called_back_at < accepted_at - datetime.timedelta(minutes=1):
        raise ValidationError("The callback cannot be before the transfer was accepted", code="before_accepted")


# Follow-up calls -------------------------------------------------------------------------------


def follow_up_service(customer: Customer, service_level: int, on: datetime.date) -> int | None:
    """Which follow-up rule applies to a contact, or None when the customer is not eligible.

    Under 19 on the day (or, without a date of birth, recorded as a young person): the youth
    service. Adults: only after advice (the adult advice service's call-backs check progress on
    the action plan), not after information alone.
    """
    if customer.date_of_birth is not None:
        young = age_on(customer.date_of_birth, on) < ADULT_AGE
    else:
        young = customer.customer_type == customer_codes.CustomerType.YOUNG_PERSON
    if young:
        return codes.FollowUpService.YOUTH
    if service_level == contact_codes.ServiceLevel.ADVICE:
        return codes.FollowUpService.ADULT_ADVICE
    return None


def follow_up_windows(service: int, customer: Customer, on: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    """The windows (first and last day) of the follow-up calls for a contact on ``on``.

    Youth service: one call 4 to 6 weeks later, or 12 to 14 weeks if 16 or over on the day of the
    contact (a 16th birthday that day counts). Without a date of birth, the earlier window.
    Adult advice service: three call-backs (ADULT_WINDOWS).
    """

    def window(weeks: tuple[int, int]) -> tuple[datetime.date, datetime.date]:
        return on + datetime.timedelta(weeks=weeks[0]), on + datetime.timedelta(weeks=weeks[1])

    if service == codes.FollowUpService.YOUTH:
        older = customer.date_of_birth is not None and age_on(customer.date_of_birth, on) >= YOUTH_OLDER_AGE
        return [window(YOUTH_WINDOW_16_AND_OVER if older else YOUTH_WINDOW_UNDER_16)]
    return [window(weeks) for weeks in ADULT_WINDOWS]


def validate_follow_up_note(note: str) -> None:
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(f"The note must be {NOTE_MAX_LENGTH:,} characters or fewer", code="max_length")
