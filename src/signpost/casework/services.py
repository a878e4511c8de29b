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
from signpost.casework import codes, rules, selectors
from signpost.casework.models import FollowUpCall, FollowUpOffer, Task, Team, Transfer
from signpost.contacts import services as contact_services
from signpost.contacts.models import Interaction
from signpost.core import working_days
from signpost.core.audit import audit_record
from signpost.core.notifications import render_message, send_email
from signpost.customers import rules as customer_rules
from signpost.customers import selectors as customer_selectors
from signpost.customers import services as customer_services
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
        # Claiming a queued transfer is the prime accepting it.
        transfer = _transfer_of(locked)
        if transfer is not None and transfer.status == codes.TransferStatus.REQUESTED:
            _accept(transfer, actor, locked.claimed_at)
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
        # Completing a queued transfer is the prime's callback, made now.
        transfer = _transfer_of(locked)
        finished_at = locked.completed_at or timezone.now()
        if transfer is not None and transfer.status != codes.TransferStatus.CALLED_BACK:
            if transfer.status == codes.TransferStatus.REQUESTED:
                _accept(transfer, actor, finished_at)
            _called_back(transfer, actor, finished_at, note)
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


def task_close_settled(*, actor: Any, task: Task, status: int, note: str) -> Task:
    """Close an active task because what it was for was settled elsewhere (its referral closed,
    say): done or cancelled with ``note`` saying why, whoever had claimed it. The caller's rule
    decides, so nobody's queue keeps work that no longer needs doing. A finished task is left as
    it is. Call it inside the caller's transaction."""
    _require_actor(actor)
    if status not in {codes.TaskStatus.DONE, codes.TaskStatus.CANCELLED}:
        raise ValueError("A settled task is done or cancelled.")
    note = note.strip()
    rules.validate_completion_note(note)
    with transaction.atomic():
        locked = _lock_task(task)
        if not locked.is_active:
            return locked
        held_by = locked.assignee_id
        _finish(locked, actor, status, note)
        audit_record(
            actor=actor,
            action="task.completed" if status == codes.TaskStatus.DONE else "task.cancelled",
            target=locked,
            details={"settled": True, "claimed_by": held_by},
        )
    return locked


def _finish(task: Task, actor: Any, status: int, note: str) -> None:
    task.status = status
    task.completed_at = timezone.now()
    task.completed_by = actor
    task.completion_note = note
    if task.assignee_id is None:
        task.assignee = actor
    task.save(update_fields=["status", "completed_at", "completed_by", "completion_note", "assignee"])


def _transfer_of(task: Task) -> Transfer | None:
    if task.task_type != codes.TaskType.QUEUED_TRANSFER:
        return None
    return (
        Transfer.objects.select_for_update(of=("self",))
        .select_related("customer", "to_organisation")
        .filter(task=task)
        .first()
    )


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


# Transfers -------------------------------------------------------------------------------------


def _timeline(actor: Any, customer: Customer, kind: str, title: str, subject: Any, detail: str = "") -> None:
    contact_services.timeline_event_record(
        actor=actor,
        customer=customer,
        kind=kind,
        title=title,
        detail=detail,
        subject=subject,
        link_name="workspace:transfer_detail" if isinstance(subject, Transfer) else "",
        link_kwargs={"pk": subject.pk} if isinstance(subject, Transfer) else {},
    )


def transfer_request(
    *,
    actor: Any,
    customer: Customer,
    context: str,
    to_organisation: Organisation | None = None,
    requested_callback_at: datetime.datetime | None = None,
    now: datetime.datetime | None = None,
) -> Transfer:
    """Hand the customer to another organisation, normally their area's prime contractor (found
    from their current address when ``to_organisation`` is not given).

    In the prime's office hours it waits in their incoming transfers to be accepted; outside them
    it also becomes a queued-transfer task for their next working day, due within 24 hours of the
    opening (rules.transfer_timing)."""
    _require_actor(actor)
    now = now or timezone.now()
    context = (context or "").strip()
    errors: dict[str, list[str]] = {}
    try:
        rules.validate_transfer_context(context)
    except ValidationError as error:
        errors["context"] = error.messages
    try:
        rules.validate_requested_callback(requested_callback_at, now)
    except ValidationError as error:
        errors["requested_callback_at"] = error.messages
    destination = to_organisation or selectors.area_prime_for(customer)
    if destination is None:
        errors["to_organisation"] = ["The customer's area is not known: choose the prime contractor to transfer to"]
    elif destination.kind != Organisation.Kind.PRIME_CONTRACTOR or not destination.is_active:
        errors["to_organisation"] = ["Choose an area prime contractor"]
    elif destination.pk == actor.organisation_id:
        errors["to_organisation"] = ["The customer is already with your organisation: choose another to transfer to"]
    if errors or destination is None:
        raise ValidationError(errors)  # type: ignore[arg-type]
    timing = rules.transfer_timing(now)
    with transaction.atomic():
        locked = Customer.objects.select_for_update().get(pk=customer.pk)
        customer_rules.ensure_writable(locked)
        task = None
        if timing.queued:
            task = task_create(
                actor=actor,
                task_type=codes.TaskType.QUEUED_TRANSFER,
                customer=locked,
                organisation=destination,
                summary=f"Call back {locked.full_name}, transferred by {actor.organisation.name}",
                details=context,
                available_from=timing.available_from,
                due_at=timing.due_at,
            )
        transfer = Transfer(
            customer=locked,
            from_organisation=actor.organisation,
            to_organisation=destination,
            context=context,
            requested_callback_at=requested_callback_at,
            task=task,
            requested_at=now,
            requested_by=actor,
        )
        transfer.full_clean()
        transfer.save()
        audit_record(
            actor=actor,
            action="transfer.requested",
            target=locked,
            details={"transfer": transfer.pk, "to": destination.pk, "queued": timing.queued},
        )
        _timeline(
            actor,
            locked,
            "transfer.requested",
            f"Transferred to {destination.name}" + (" (queued for their next working day)" if timing.queued else ""),
            transfer,
        )
    return transfer


def _lock_transfer(transfer: Transfer, actor: Any) -> Transfer:
    locked = Transfer.objects.select_for_update(of=("self",)).select_related("customer", "task").get(pk=transfer.pk)
    if not rules.works_in(actor, locked.to_organisation_id) or not actor.has_perm("casework.work_tasks"):
        raise PermissionDenied("Only the receiving organisation's staff can work on this transfer.")
    return locked


def _accept(transfer: Transfer, actor: Any, now: datetime.datetime) -> None:
    transfer.status = codes.TransferStatus.ACCEPTED
    transfer.accepted_at = now
    transfer.accepted_by = actor
    transfer.save(update_fields=["status", "accepted_at", "accepted_by"])
    audit_record(actor=actor, action="transfer.accepted", target=transfer.customer, details={"transfer": transfer.pk})
    _timeline(
        actor, transfer.customer, "transfer.accepted", f"Transfer accepted by {transfer.to_organisation.name}", transfer
    )


def transfer_accept(*, actor: Any, transfer: Transfer) -> Transfer:
    """The prime takes the transfer: accepted now, by the actor; a queued task becomes theirs."""
    _require_actor(actor)
    now = timezone.now()
    with transaction.atomic():
        locked = _lock_transfer(transfer, actor)
        if locked.status != codes.TransferStatus.REQUESTED:
            raise ValidationError("This transfer was already accepted", code="accepted")
        _accept(locked, actor, now)
        task = locked.task
        if task is not None and task.is_active:
            task.status, task.assignee, task.claimed_at = codes.TaskStatus.CLAIMED, actor, now
            task.save(update_fields=["status", "assignee", "claimed_at"])
    return locked


def transfer_callback_record(
    *, actor: Any, transfer: Transfer, called_back_at: datetime.datetime, note: str
) -> Transfer:
    """The prime called the customer back (accepting the transfer first if nobody had)."""
    _require_actor(actor)
    now = timezone.now()
    note = (note or "").strip()
    errors: dict[str, list[str]] = {}
    try:
        rules.validate_completion_note(note)
    except ValidationError as error:
        errors["note"] = ["Enter a note of the callback"] if not note else error.messages
    with transaction.atomic():
        locked = _lock_transfer(transfer, actor)
        if locked.status == codes.TransferStatus.CALLED_BACK:
            raise ValidationError("The callback for this transfer was already recorded", code="called_back")
        try:
            rules.validate_callback_time(called_back_at, locked.accepted_at, now)
        except ValidationError as error:
            errors["called_back_at"] = error.messages
        _raise(errors)
        if locked.status == codes.TransferStatus.REQUESTED:
            _accept(locked, actor, min(now, called_back_at))
        _called_back(locked, actor, called_back_at, note)
        task = locked.task
        if task is not None and task.is_active:
            _finish(task, actor, codes.TaskStatus.DONE, note)
    return locked


def _called_back(transfer: Transfer, actor: Any, called_back_at: datetime.datetime, note: str) -> None:
    transfer.status = codes.TransferStatus.CALLED_BACK
    transfer.called_back_at = called_back_at
    transfer.called_back_by = actor
    transfer.callback_note = note
    transfer.save(update_fields=["status", "called_back_at", "called_back_by", "callback_note"])
    audit_record(
        actor=actor, action="transfer.called_back", target=transfer.customer, details={"transfer": transfer.pk}
    )
    _timeline(
        actor,
        transfer.customer,
        "transfer.called_back",
        f"Called back by {transfer.to_organisation.name}",
        transfer,
        note,
    )


# Follow-up calls -------------------------------------------------------------------------------


def _london_at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, time, tzinfo=working_days.LONDON)


def follow_up_offer_record(*, actor: Any, interaction: Interaction, wanted: bool) -> FollowUpOffer:
    """The customer's answer to a follow-up call at the end of ``interaction``. When they want one,
    the calls are planned in the rule's windows (rules.follow_up_windows), each a task in the
    contact's organisation's queue. Changing the answer to no cancels calls not yet made."""
    _require_actor(actor)
    if interaction.customer_id is None:
        raise ValidationError("Attach this enquiry to a customer record before offering a follow-up call.")
    contact_day = timezone.localtime(interaction.occurred_at).date()
    with transaction.atomic():
        customer = Customer.objects.select_for_update().get(pk=interaction.customer_id)
        customer_rules.ensure_writable(customer)
        service = rules.follow_up_service(customer, interaction.service_level, contact_day)
        if service is None:
            raise ValidationError(
                "Follow-up calls are for young people, and for adults after advice (not information alone)",
                code="not_eligible",
            )
        offer = FollowUpOffer.objects.select_for_update().filter(interaction=interaction).first()
        if offer is None:
            offer = FollowUpOffer(interaction=interaction, customer=customer, organisation=interaction.organisation)
        offer.service, offer.wanted, offer.recorded_at, offer.recorded_by = service, wanted, timezone.now(), actor
        offer.save()
        planned = offer.calls.exists()
        if wanted and not planned:
            windows = rules.follow_up_windows(service, customer, contact_day)
            for number, (opens, closes) in enumerate(windows, start=1):
                label = "Follow-up call" if len(windows) == 1 else f"Follow-up call {number} of {len(windows)}"
                task = task_create(
                    actor=actor,
                    task_type=codes.TaskType.FOLLOW_UP_CALL,
                    customer=customer,
                    organisation=interaction.organisation,
                    summary=f"{label}: {customer.full_name}",
                    available_from=_london_at(opens, working_days.OPENS),
                    due_at=_london_at(closes, working_days.CLOSES),
                )
                FollowUpCall.objects.create(
                    offer=offer, customer=customer, number=number, window_opens=opens, window_closes=closes, task=task
                )
        elif not wanted and planned:
            _cancel_calls(
                offer.calls.filter(status=codes.FollowUpCallStatus.DUE),
                actor,
                "The customer no longer wants follow-up calls",
            )
        audit_record(
            actor=actor,
            action="follow_up.offer_recorded",
            target=customer,
            details={"interaction": interaction.pk, "wanted": wanted, "service": service},
        )
        if wanted:
            windows_text = "; ".join(
                f"{call.window_opens:%-d %b} to {call.window_closes:%-d %b %Y}"
                for call in offer.calls.order_by("number")
            )
            _timeline(actor, customer, "follow_up.wanted", "Wants a follow-up call", offer, windows_text)
    return offer


def _cancel_calls(calls: Any, actor: Any, note: str) -> None:
    for call in calls.select_related("task"):
        call.status = codes.FollowUpCallStatus.CANCELLED
        call.save(update_fields=["status"])
        if call.task is not None and call.task.is_active:
            _finish(call.task, actor, codes.TaskStatus.CANCELLED, note)


def service_improvement_with_follow_up_record(
    *, actor: Any, customer: Customer, interaction: Interaction, follow_up_wanted: bool | None = None, **answers: Any
) -> tuple[Any, FollowUpOffer | None]:
    """The service-improvement questions with their "consent to follow-up" question (domain.md §4),
    in one transaction: the answers through contacts' service, the follow-up answer here.
    ``follow_up_wanted`` None: not asked (the contact is not eligible)."""
    with transaction.atomic():
        ask = contact_services.service_improvement_record(
            actor=actor, customer=customer, interaction=interaction, **answers
        )
        offer = None
        if follow_up_wanted is not None:
            offer = follow_up_offer_record(actor=actor, interaction=interaction, wanted=follow_up_wanted)
    return ask, offer


def follow_up_call_record(
    *,
    actor: Any,
    call: FollowUpCall,
    reached: bool,
    note: str = "",
    situation_change: int | None = None,
    employment_status: int | None = None,
    learning_status: int | None = None,
    no_more_calls: bool = False,
) -> FollowUpCall:
    """What happened on a follow-up call. When the customer was reached: whether their situation
    changed (for the better or worse), and their employment and learning status now, written to
    their status history through the customer record's services when it differs from the latest
    entry. ``no_more_calls`` cancels the later calls of the same offer."""
    _require_actor(actor)
    note = (note or "").strip()
    errors: dict[str, list[str]] = {}
    try:
        rules.validate_follow_up_note(note)
    except ValidationError as error:
        errors["note"] = error.messages
    if reached and situation_change not in codes.SituationChange.values:
        errors["situation_change"] = ["Select whether the customer's situation has changed"]
    _raise(errors)
    now = timezone.now()
    with transaction.atomic():
        locked = FollowUpCall.objects.select_for_update(of=("self",)).select_related("task", "offer").get(pk=call.pk)
        if not rules.works_in(actor, locked.offer.organisation_id):
            raise PermissionDenied("Only the organisation that offered the follow-up call can record it.")
        if locked.status != codes.FollowUpCallStatus.DUE:
            raise ValidationError("This follow-up call was already recorded or cancelled", code="not_due")
        customer = Customer.objects.select_for_update().get(pk=locked.customer_id)
        customer_rules.ensure_writable(customer)
        if reached:
            current = customer_selectors.current_statuses(customer)
            if employment_status is not None and (
                current.employment is None or current.employment.status != employment_status
            ):
                customer_services.employment_status_record(actor=actor, customer=customer, status=employment_status)
            if learning_status is not None and (current.learning is None or current.learning.status != learning_status):
                customer_services.learning_status_record(actor=actor, customer=customer, status=learning_status)
        locked.status = codes.FollowUpCallStatus.MADE
        locked.made_at, locked.reached, locked.note, locked.recorded_by = now, reached, note, actor
        locked.situation_change = situation_change if reached else None
        locked.save()
        if locked.task is not None and locked.task.is_active:
            _finish(
                locked.task, actor, codes.TaskStatus.DONE, note or ("Customer reached" if reached else "Not reached")
            )
        if no_more_calls:
            later = FollowUpCall.objects.filter(offer=locked.offer, status=codes.FollowUpCallStatus.DUE)
            _cancel_calls(later, actor, "The customer wants no more follow-up calls")
        audit_record(
            actor=actor,
            action="follow_up.call_recorded",
            target=customer,
            details={"call": locked.pk, "reached": reached, "situation_change": locked.situation_change},
        )
        if reached and situation_change is not None:
            title = f"Follow-up call: {codes.SituationChange(situation_change).label.lower()}"
        else:
            title = "Follow-up call: not reached"
        _timeline(actor, customer, "follow_up.call_made", title, locked, note)
    return locked
