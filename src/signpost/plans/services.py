"""Writes of skills action plans and outcomes. Each validates with rules.py, runs in one
transaction with its audit event, and puts what an adviser should see on the customer's timeline
(contacts.services.timeline_event_record). Messages go through the notifications outbox.

Two kinds of people write here: staff (any organisation may work on any customer's plan, as the
record is shared) and the customer, signed in to their online space, who may accept a plan,
change the due dates and statuses of its goals and actions, and make and fill their own plans.
Audit details name records and fields, never what was written.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.db import transaction
from django.utils import timezone

from signpost.contacts.models import AdviceSession
from signpost.contacts.services import timeline_event_record
from signpost.core import uploads
from signpost.core.audit import audit_record
from signpost.core.notifications import render_message, send_email, send_letter
from signpost.customers import rules as customer_rules
from signpost.customers import selectors as customer_selectors
from signpost.customers.models import Customer
from signpost.plans import codes, rules, selectors
from signpost.plans.models import Action, ActionPlan, Goal, Outcome, OutcomeEvidence, OutcomeVerification, PlanSent
from signpost.referrals import selectors as referral_selectors
from signpost.referrals.models import Partner
from signpost.space.selectors import linked_customer

EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
# Letters, payslips and certificates arrive as PDFs, photos or Word documents.
EVIDENCE_TYPES = (
    "application/pdf",
    "image/png",
    "image/jpeg",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)


class _Errors:
    """Collects rule failures by field, so a form can show every problem at once."""

    def __init__(self) -> None:
        self.by_field: dict[str, list[ValidationError]] = {}

    def check(self, name: str, rule: Any, *args: Any, **kwargs: Any) -> None:
        try:
            rule(*args, **kwargs)
        except ValidationError as error:
            self.by_field.setdefault(name, []).append(error)

    def raise_any(self) -> None:
        if self.by_field:
            raise ValidationError(self.by_field)  # type: ignore[arg-type]

# A goal or an action: both belong to a plan and are changed the same way.
PlanPart = TypeVar("PlanPart", Goal, Action)


def _is_staff(actor: Any) -> bool:
    return bool(getattr(actor, "is_authenticated", False) and getattr(actor, "organisation_id", None))


def _require_staff(actor: Any) -> None:
    if not _is_staff(actor):
        raise PermissionDenied("Only staff can do this.")


def _require_owner(actor: Any, customer: Customer) -> None:
    """The actor is the customer, signed in to the online account linked to their record."""
    linked = linked_customer(actor)
    if linked is None or linked.pk != customer.pk:
        raise PermissionDenied("This is not your plan.")


def _require_staff_or_owner(actor: Any, customer: Customer) -> None:
    if not _is_staff(actor):
        _require_owner(actor, customer)


def _lock_writable(customer: Customer) -> Customer:
    """Re-read the record under a row lock so a termination cannot slip in between check and write."""
    locked = Customer.objects.select_for_update().get(pk=customer.pk)
    customer_rules.ensure_writable(locked)
    return locked


def _plan_link(plan: ActionPlan) -> dict[str, Any]:
    return {
        "link_name": "workspace:plan_detail",
        "link_kwargs": {"reference": plan.customer.reference, "pk": plan.pk},
    }


def _timeline(actor: Any, plan: ActionPlan, kind: str, title: str, detail: str = "") -> None:
    timeline_event_record(
        actor=actor,
        customer=plan.customer,
        kind=kind,
        title=title,
        detail=detail,
        subject=plan,
        organisation=plan.organisation if not _is_staff(actor) else None,
        **_plan_link(plan),
    )


# Plans ----------------------------------------------------------------------------------------


def plan_create(
    *,
    actor: Any,
    customer: Customer,
    session: AdviceSession,
    current_situation: str,
    charter_shown: bool = False,
    charter_shown_on: datetime.date | None = None,
) -> ActionPlan:
    """An adviser's plan, agreed with the customer in a session they are booked into or attended."""
    _require_staff(actor)
    current_situation = (current_situation or "").strip()
    errors = _Errors()
    errors.check("current_situation", rules.validate_current_situation, current_situation, required=True)
    errors.check("charter_shown_on", rules.validate_charter, charter_shown, charter_shown_on if charter_shown else None)
    errors.check("session", rules.validate_session_for_plan, selectors.booking_status(customer, session))
    errors.raise_any()
    with transaction.atomic():
        locked = _lock_writable(customer)
        plan = ActionPlan.objects.create(
            customer=locked,
            session=session,
            organisation=session.organisation,
            adviser=actor,
            current_situation=current_situation,
            charter_shown=charter_shown,
            charter_shown_on=charter_shown_on if charter_shown else None,
            created_by=actor,
        )
        audit_record(actor=actor, action="plan.created", target=locked, details={"plan": plan.pk})
        _timeline(actor, plan, "plan.created", "Skills action plan agreed", f"In the session on {_day(session)}")
    return plan


def plan_update(
    *,
    actor: Any,
    plan: ActionPlan,
    current_situation: str,
    charter_shown: bool,
    charter_shown_on: datetime.date | None,
) -> ActionPlan:
    _require_staff(actor)
    current_situation = (current_situation or "").strip()
    errors = _Errors()
    errors.check(
        "current_situation",
        rules.validate_current_situation,
        current_situation,
        required=not plan.made_by_customer,
    )
    errors.check("charter_shown_on", rules.validate_charter, charter_shown, charter_shown_on if charter_shown else None)
    errors.raise_any()
    with transaction.atomic():
        _lock_writable(plan.customer)
        locked = ActionPlan.objects.select_for_update().get(pk=plan.pk)
        values = {
            "current_situation": current_situation,
            "charter_shown": charter_shown,
            "charter_shown_on": charter_shown_on if charter_shown else None,
        }
        changed = [name for name, value in values.items() if getattr(locked, name) != value]
        for name in changed:
            setattr(locked, name, values[name])
        locked.save()
        audit_record(
            actor=actor, action="plan.updated", target=locked.customer, details={"plan": locked.pk, "fields": changed}
        )
    return locked


def own_plan_create(*, actor: Any, customer: Customer, current_situation: str = "") -> ActionPlan:
    """A plan the customer makes for themselves online; no session, no adviser."""
    _require_owner(actor, customer)
    current_situation = (current_situation or "").strip()
    errors = _Errors()
    errors.check("current_situation", rules.validate_current_situation, current_situation, required=False)
    errors.raise_any()
    with transaction.atomic():
        locked = _lock_writable(customer)
        plan = ActionPlan.objects.create(
            customer=locked,
            made_by_customer=True,
            current_situation=current_situation,
            delivery_method=codes.DeliveryMethod.DIGITAL,
            created_by=actor,
        )
        audit_record(actor=actor, action="plan.own_created", target=locked, details={"plan": plan.pk})
        _timeline(actor, plan, "plan.own_created", "Customer made their own action plan online")
    return plan


def plan_accept(*, actor: Any, plan: ActionPlan) -> ActionPlan:
    """The customer accepts an adviser's plan in their online space: recorded as acknowledged."""
    _require_owner(actor, plan.customer)
    with transaction.atomic():
        _lock_writable(plan.customer)
        # Lock the plan row only: its organisation may be empty, and PostgreSQL locks no outer-joined rows.
        locked = (
            ActionPlan.objects.select_for_update(of=("self",))
            .select_related("customer", "organisation")
            .get(pk=plan.pk)
        )
        errors = _Errors()
        errors.check(
            "plan",
            rules.validate_acceptance,
            made_by_customer=locked.made_by_customer,
            acknowledged=locked.acknowledged_at is not None,
        )
        errors.raise_any()
        locked.acknowledged_at = timezone.now()
        locked.save(update_fields=["acknowledged_at", "updated_at"])
        audit_record(actor=actor, action="plan.accepted", target=locked.customer, details={"plan": locked.pk})
        _timeline(actor, locked, "plan.accepted", "Customer accepted their skills action plan online")
    return locked


def _day(session: AdviceSession) -> str:
    return rules.show_date(selectors.session_date(session))


# Goals and actions ----------------------------------------------------------------------------


def _goal_errors(
    *,
    goal_type: int,
    summary: str,
    captured_on: datetime.date,
    due_on: datetime.date,
    status: int,
    achieved_on: datetime.date | None,
) -> None:
    errors = _Errors()
    if goal_type not in codes.GoalType.values:
        errors.by_field.setdefault("goal_type", []).append(ValidationError("Select the type of goal.", code="type"))
    errors.check("summary", rules.validate_summary, summary, what="goal")
    errors.check("due_on", rules.validate_goal_dates, captured_on, due_on)
    errors.check("achieved_on", rules.validate_goal_status, status, achieved_on, captured_on=captured_on)
    errors.raise_any()


def goal_add(
    *,
    actor: Any,
    plan: ActionPlan,
    goal_type: int,
    summary: str,
    due_on: datetime.date,
    captured_on: datetime.date | None = None,
    status: int = codes.GoalStatus.IN_PROGRESS,
    achieved_on: datetime.date | None = None,
) -> Goal:
    """Staff add goals to any plan; a customer only to the plan they made themselves."""
    _require_staff_or_owner(actor, plan.customer)
    if not _is_staff(actor) and not plan.made_by_customer:
        raise PermissionDenied("Goals of an adviser's plan are agreed with the adviser.")
    summary = (summary or "").strip()
    captured_on = captured_on or timezone.localdate()
    _goal_errors(
        goal_type=goal_type,
        summary=summary,
        captured_on=captured_on,
        due_on=due_on,
        status=status,
        achieved_on=achieved_on,
    )
    with transaction.atomic():
        _lock_writable(plan.customer)
        goal = Goal.objects.create(
            plan=plan,
            goal_type=goal_type,
            summary=summary,
            captured_on=captured_on,
            due_on=due_on,
            status=status,
            achieved_on=achieved_on,
        )
        audit_record(
            actor=actor, action="plan.goal_added", target=plan.customer, details={"plan": plan.pk, "goal": goal.pk}
        )
        if not _is_staff(actor):
            _timeline(actor, plan, "plan.goal_added", "Customer added a goal to their own plan", _goal_line(goal))
    return goal


def goal_update(
    *,
    actor: Any,
    goal: Goal,
    goal_type: int,
    summary: str,
    captured_on: datetime.date,
    due_on: datetime.date,
    status: int,
    achieved_on: datetime.date | None,
) -> Goal:
    """An adviser changes everything about a goal."""
    _require_staff(actor)
    summary = (summary or "").strip()
    _goal_errors(
        goal_type=goal_type,
        summary=summary,
        captured_on=captured_on,
        due_on=due_on,
        status=status,
        achieved_on=achieved_on,
    )
    values = {
        "goal_type": goal_type,
        "summary": summary,
        "captured_on": captured_on,
        "due_on": due_on,
        "status": status,
        "achieved_on": achieved_on,
    }
    return _save_goal(actor, goal, values)


def goal_progress_update(
    *, actor: Any, goal: Goal, due_on: datetime.date, status: int, achieved_on: datetime.date | None = None
) -> Goal:
    """What the customer may change online: the due date and the status (with the date achieved)."""
    _require_staff_or_owner(actor, goal.plan.customer)
    if status not in codes.GoalStatus.values:
        raise ValidationError({"status": [ValidationError("Select the status of the goal.", code="status")]})
    errors = _Errors()
    errors.check("due_on", rules.validate_goal_dates, goal.captured_on, due_on)
    errors.check("achieved_on", rules.validate_goal_status, status, achieved_on, captured_on=goal.captured_on)
    errors.raise_any()
    return _save_goal(actor, goal, {"due_on": due_on, "status": status, "achieved_on": achieved_on})


def _save_goal(actor: Any, goal: Goal, values: dict[str, Any]) -> Goal:
    return _save_plan_part(actor, goal, values, "goal", "Customer updated a goal online", _goal_line)


def _goal_line(goal: Goal) -> str:
    achieved = f", achieved {rules.show_date(goal.achieved_on)}" if goal.achieved_on else ""
    return (
        f"{goal.get_goal_type_display()} goal: {goal.get_status_display().lower()}{achieved}, "
        f"due {rules.show_date(goal.due_on)}. {goal.summary}"
    )


def _action_errors(
    *,
    action_type: int,
    summary: str,
    agreed_on: datetime.date,
    due_on: datetime.date,
    status: int,
    completed_on: datetime.date | None,
    responsible: int,
    signposted_to: str,
    signposted_partner: Partner | None,
    customer: Customer,
    kept_partner: bool,
) -> None:
    errors = _Errors()
    if action_type not in codes.ActionType.values:
        errors.by_field.setdefault("action_type", []).append(ValidationError("Select the type of action.", code="type"))
    if responsible not in codes.PersonResponsible.values:
        errors.by_field.setdefault("responsible", []).append(
            ValidationError("Select who is responsible for the action.", code="responsible")
        )
    errors.check("summary", rules.validate_summary, summary, what="action")
    errors.check("signposted_to", rules.validate_signposted_to, signposted_to)
    if signposted_partner is not None:
        # Only a newly chosen partner is checked against the directory and the customer's area.
        checked = not kept_partner
        errors.check(
            "signposted_partner",
            rules.validate_signposted_partner,
            signposted_partner,
            text=signposted_to,
            area=referral_selectors.customer_area(customer) if checked else None,
            partner_areas=referral_selectors.partner_areas(signposted_partner) if checked else (),
            kept=kept_partner,
        )
    errors.check("due_on", rules.validate_action_dates, agreed_on, due_on)
    errors.check("completed_on", rules.validate_action_status, status, completed_on, agreed_on=agreed_on)
    errors.raise_any()


def action_add(
    *,
    actor: Any,
    plan: ActionPlan,
    action_type: int,
    summary: str,
    due_on: datetime.date,
    agreed_on: datetime.date | None = None,
    responsible: int = codes.PersonResponsible.CUSTOMER,
    signposted_to: str = "",
    signposted_partner: Partner | None = None,
    status: int = codes.ActionStatus.NOT_STARTED,
    completed_on: datetime.date | None = None,
) -> Action:
    """Staff add actions to any plan; a customer only to the plan they made themselves.
    ``signposted_partner`` is a partner from the directory; ``signposted_to`` names anyone else."""
    _require_staff_or_owner(actor, plan.customer)
    if not _is_staff(actor) and not plan.made_by_customer:
        raise PermissionDenied("Actions of an adviser's plan are agreed with the adviser.")
    summary, signposted_to = (summary or "").strip(), (signposted_to or "").strip()
    agreed_on = agreed_on or timezone.localdate()
    _action_errors(
        action_type=action_type,
        summary=summary,
        agreed_on=agreed_on,
        due_on=due_on,
        status=status,
        completed_on=completed_on,
        responsible=responsible,
        signposted_to=signposted_to,
        signposted_partner=signposted_partner,
        customer=plan.customer,
        kept_partner=False,
    )
    with transaction.atomic():
        _lock_writable(plan.customer)
        action = Action.objects.create(
            plan=plan,
            action_type=action_type,
            summary=summary,
            agreed_on=agreed_on,
            due_on=due_on,
            responsible=responsible,
            signposted_to=signposted_to,
            signposted_partner=signposted_partner,
            status=status,
            completed_on=completed_on,
        )
        audit_record(
            actor=actor,
            action="plan.action_added",
            target=plan.customer,
            details={
                "plan": plan.pk,
                "action": action.pk,
                "partner": signposted_partner.pk if signposted_partner is not None else None,
            },
        )
        if not _is_staff(actor):
            _timeline(
                actor, plan, "plan.action_added", "Customer added an action to their own plan", _action_line(action)
            )
    return action


def action_update(
    *,
    actor: Any,
    action: Action,
    action_type: int,
    summary: str,
    agreed_on: datetime.date,
    due_on: datetime.date,
    responsible: int,
    signposted_to: str,
    status: int,
    completed_on: datetime.date | None,
    signposted_partner: Partner | None = None,
) -> Action:
    """An adviser changes everything about an action."""
    _require_staff(actor)
    summary, signposted_to = (summary or "").strip(), (signposted_to or "").strip()
    _action_errors(
        action_type=action_type,
        summary=summary,
        agreed_on=agreed_on,
        due_on=due_on,
        status=status,
        completed_on=completed_on,
        responsible=responsible,
        signposted_to=signposted_to,
        signposted_partner=signposted_partner,
        customer=action.plan.customer,
        kept_partner=signposted_partner is not None and signposted_partner.pk == action.signposted_partner_id,
    )
    values = {
        "action_type": action_type,
        "summary": summary,
        "agreed_on": agreed_on,
        "due_on": due_on,
        "responsible": responsible,
        "signposted_to": signposted_to,
        "signposted_partner_id": signposted_partner.pk if signposted_partner is not None else None,
        "status": status,
        "completed_on": completed_on,
    }
    return _save_action(actor, action, values)


def action_progress_update(
    *, actor: Any, action: Action, due_on: datetime.date, status: int, completed_on: datetime.date | None = None
) -> Action:
    """What the customer may change online: the due date and the status (with the date completed)."""
    _require_staff_or_owner(actor, action.plan.customer)
    if status not in codes.ActionStatus.values:
        raise ValidationError({"status": [ValidationError("Select the status of the action.", code="status")]})
    errors = _Errors()
    errors.check("due_on", rules.validate_action_dates, action.agreed_on, due_on)
    errors.check("completed_on", rules.validate_action_status, status, completed_on, agreed_on=action.agreed_on)
    errors.raise_any()
    return _save_action(actor, action, {"due_on": due_on, "status": status, "completed_on": completed_on})


def _save_action(actor: Any, action: Action, values: dict[str, Any]) -> Action:
    return _save_plan_part(actor, action, values, "action", "Customer updated an action online", _action_line)


def _save_plan_part(
    actor: Any, part: PlanPart, values: dict[str, Any], name: str, online_title: str, line: Callable[[Any], str]
) -> PlanPart:
    """Change a goal or an action (``name``): audited, and on the timeline when the customer did it."""
    with transaction.atomic():
        _lock_writable(part.plan.customer)
        locked = (
            type(part)
            .objects.select_for_update(of=("self",))
            .select_related("plan", "plan__customer", "plan__organisation")
            .get(pk=part.pk)
        )
        changed = [field for field, value in values.items() if getattr(locked, field) != value]
        for field in changed:
            setattr(locked, field, values[field])
        locked.save()
        plan = locked.plan
        audit_record(
            actor=actor,
            action=f"plan.{name}_updated",
            target=plan.customer,
            details={"plan": plan.pk, name: locked.pk, "fields": changed},
        )
        if changed and not _is_staff(actor):
            _timeline(actor, plan, f"plan.{name}_changed", online_title, line(locked))
    return locked


def _action_line(action: Action) -> str:
    completed = f", completed {rules.show_date(action.completed_on)}" if action.completed_on else ""
    return (
        f"{action.get_action_type_display()}: {action.get_status_display().lower()}{completed}, "
        f"due {rules.show_date(action.due_on)}. {action.summary}"
    )


# Sending a plan -------------------------------------------------------------------------------

SEND_BY_EMAIL = "email"
SEND_BY_POST = "post"


@dataclass(frozen=True)
class PlanDestination:
    method: str  # SEND_BY_EMAIL or SEND_BY_POST
    delivery_method: int
    to: str
    address_lines: tuple[str, ...] = ()

    @property
    def shown_to(self) -> str:
        return ", ".join(self.address_lines) if self.address_lines else self.to


def plan_destination(customer: Customer, method: str) -> PlanDestination:
    """Where a plan sent by ``method`` would go, or a ValidationError saying why it cannot."""
    contact = customer_selectors.contact_details_of(customer)
    if method == SEND_BY_EMAIL:
        if contact is None or not contact.email:
            raise ValidationError(
                "The customer has no email address: add one, or send the plan by post.", code="no_email"
            )
        if not contact.may_contact_by_email:
            raise ValidationError(
                "The customer has not agreed to be contacted by email: send the plan by post.", code="email_not_allowed"
            )
        return PlanDestination(SEND_BY_EMAIL, codes.DeliveryMethod.EMAIL, contact.email)
    if method == SEND_BY_POST:
        address = customer_selectors.current_address(customer)
        if address is None:
            raise ValidationError(
                "The customer has no current address: add one, or send the plan by email.", code="no_address"
            )
        if contact is not None and not contact.may_contact_by_post and contact.may_contact_by_email:
            raise ValidationError(
                "The customer has not agreed to be contacted by post: send the plan by email.", code="post_not_allowed"
            )
        lines = [customer.full_name, address.line_1, address.line_2, address.line_3, address.town, address.county]
        lines = [line for line in lines if line] + [address.postcode]
        return PlanDestination(SEND_BY_POST, codes.DeliveryMethod.PAPER, "\n".join(lines), tuple(lines))
    raise ValidationError("Choose how to send the plan.", code="method")


def plan_send(*, actor: Any, plan: ActionPlan, method: str, account_url: str) -> PlanSent:
    """Send the plan to the customer: by email, a message with a link to read and accept it in
    their online space (``account_url``); by post, the whole plan as a letter, queued in the
    outbox for fulfilment. The plan records the delivery method and the date sent."""
    _require_staff(actor)
    with transaction.atomic():
        customer = _lock_writable(plan.customer)
        locked = ActionPlan.objects.select_for_update().get(pk=plan.pk)
        try:
            destination = plan_destination(customer, method)
        except ValidationError as error:
            raise ValidationError({"method": error.messages}) from None
        full = selectors.customer_plan(customer, locked.pk)
        context = {"customer": customer, "plan": full, "account_url": account_url, "by_post": method == SEND_BY_POST}
        subject, body = render_message("plans/messages/plan", context)
        reference = f"plan-{locked.pk}"
        if method == SEND_BY_EMAIL:
            notification = send_email(
                to=destination.to, subject=subject, body=body, reference=reference, about=customer
            )
        else:
            notification = send_letter(
                address_lines=list(destination.address_lines),
                subject=subject,
                body=body,
                reference=reference,
                about=customer,
            )
        now = timezone.now()
        sent = PlanSent.objects.create(
            plan=locked,
            delivery_method=destination.delivery_method,
            sent_to=destination.to,
            notification=notification,
            sent_at=now,
            sent_by=actor,
        )
        locked.delivery_method = destination.delivery_method
        locked.sent_on = timezone.localdate(now)
        locked.save(update_fields=["delivery_method", "sent_on", "updated_at"])
        audit_record(
            actor=actor,
            action="plan.sent",
            target=customer,
            details={"plan": locked.pk, "delivery_method": destination.delivery_method},
        )
        how = "by email" if method == SEND_BY_EMAIL else "by post"
        _timeline(actor, locked, "plan.sent", f"Skills action plan sent {how}", f"To {destination.shown_to}")
    return sent


# Outcomes -------------------------------------------------------------------------------------


def _outcome_timeline(
    actor: Any,
    customer: Customer,
    outcome: Outcome,
    kind: str,
    title: str,
    detail: str,
    organisation: Any = None,
) -> None:
    timeline_event_record(
        actor=actor,
        customer=customer,
        kind=kind,
        title=title,
        detail=detail,
        subject=outcome,
        organisation=organisation,
        link_name="workspace:outcome_detail",
        link_kwargs={"reference": customer.reference, "pk": outcome.pk},
    )


def outcome_claim(
    *,
    actor: Any,
    customer: Customer,
    session: AdviceSession,
    outcome_type: int,
    effective_on: datetime.date,
    claimed_on: datetime.date | None = None,
    evidence_note: str,
    evidence_file: IO[bytes] | None = None,
    evidence_name: str = "",
    evidence_size: int = 0,
) -> Outcome:
    """Record an outcome and claim it, with every claim rule of domain.md §5 applied now rather
    than months later at payment: refused with the reason when any rule fails. The priority flag
    is worked out from the record, never typed."""
    _require_staff(actor)
    claimed_on = claimed_on or timezone.localdate()
    evidence_note = (evidence_note or "").strip()
    errors = _Errors()
    if outcome_type not in codes.OutcomeType.values:
        errors.by_field.setdefault("outcome_type", []).append(
            ValidationError("Select the type of outcome.", code="type")
        )
    if not evidence_note:
        errors.by_field.setdefault("evidence_note", []).append(
            ValidationError("Enter a note of the evidence for this outcome.", code="required")
        )
    elif len(evidence_note) > 4000:
        errors.by_field.setdefault("evidence_note", []).append(
            ValidationError("The evidence note must be 4000 characters or fewer.", code="max_length")
        )
    errors.check("claimed_on", rules.validate_claim_dates, effective_on, claimed_on)
    errors.check("session", rules.validate_session_for_outcome, selectors.booking_status(customer, session))
    checked = None
    if evidence_file is not None:
        try:
            checked = uploads.check_upload(
                evidence_file, size=evidence_size, allowed=EVIDENCE_TYPES, max_bytes=EVIDENCE_MAX_BYTES
            )
        except ValidationError as error:
            errors.by_field.setdefault("evidence_file", []).append(error)
    errors.raise_any()
    scan_status = codes.EvidenceScan.PENDING
    if evidence_file is not None:
        # Scanned before the transaction: a slow scanner must not hold the record's lock.
        try:
            scan_status = (
                codes.EvidenceScan.CLEAN if uploads.scanner().is_clean(evidence_file) else codes.EvidenceScan.INFECTED
            )
        except uploads.ScanFailed:
            scan_status = codes.EvidenceScan.FAILED
        if scan_status == codes.EvidenceScan.INFECTED:
            raise ValidationError(
                {
                    "evidence_file": [
                        ValidationError("The selected file contains a virus: it has not been kept.", code="virus")
                    ]
                }
            )
    with transaction.atomic():
        # The lock serialises claims for one customer, so two organisations claiming at once
        # cannot both pass the once-a-year rule.
        locked = Customer.objects.select_for_update().get(pk=customer.pk)
        errors = _Errors()
        errors.check("customer", rules.validate_claimable, locked)
        errors.raise_any()
        others = selectors.live_claims(locked)
        errors.check(
            "effective_on",
            rules.validate_effective_window,
            outcome_type,
            session_on=selectors.session_date(session),
            effective_on=effective_on,
        )
        errors.check("effective_on", rules.validate_once_a_year, outcome_type, effective_on, others)
        errors.check("effective_on", rules.validate_employment_sequence, outcome_type, effective_on, others)
        errors.raise_any()
        reason = rules.priority_reason(locked, effective_on)
        outcome = Outcome.objects.create(
            customer=locked,
            session=session,
            organisation=session.organisation,
            outcome_type=outcome_type,
            effective_on=effective_on,
            claimed_on=claimed_on,
            priority=bool(reason),
            priority_reason=reason,
            evidence_note=evidence_note,
            recorded_by=actor,
        )
        if evidence_file is not None and checked is not None:
            key = secrets.token_hex(16)
            evidence = OutcomeEvidence(
                outcome=outcome,
                key=key,
                original_name=(evidence_name or "evidence")[-255:],
                content_type=checked.content_type,
                size=checked.size,
                scan_status=scan_status,
                scanned_at=timezone.now() if scan_status != codes.EvidenceScan.FAILED else None,
            )
            evidence.file.save(key, File(evidence_file), save=False)
            evidence.save()
        audit_record(
            actor=actor,
            action="outcome.claimed",
            target=locked,
            details={"outcome": outcome.pk, "type": outcome_type, "priority": outcome.priority},
        )
        _outcome_timeline(
            actor,
            locked,
            outcome,
            "outcome.claimed",
            f"{outcome.get_outcome_type_display()} outcome claimed",
            f"Effective {rules.show_date(effective_on)}" + (" · priority customer" if outcome.priority else ""),
            organisation=session.organisation,
        )
    return outcome


def outcome_withdraw(*, actor: Any, outcome: Outcome, reason: str) -> Outcome:
    """Withdraw a claim (it stays, marked withdrawn, and counts for nothing). Allowed on a
    terminated record only when it was terminated as a duplicate."""
    _require_staff(actor)
    reason = (reason or "").strip()
    errors = _Errors()
    if not reason:
        errors.by_field.setdefault("reason", []).append(
            ValidationError("Enter why the claim is being withdrawn.", code="required")
        )
    elif len(reason) > 500:
        errors.by_field.setdefault("reason", []).append(
            ValidationError("The reason must be 500 characters or fewer.", code="max_length")
        )
    errors.raise_any()
    with transaction.atomic():
        customer = Customer.objects.select_for_update().get(pk=outcome.customer_id)
        locked = Outcome.objects.select_for_update().get(pk=outcome.pk)
        errors.check("reason", rules.validate_withdrawable, customer, already_withdrawn=locked.is_withdrawn)
        errors.raise_any()
        locked.withdrawn_at = timezone.now()
        locked.withdrawn_by = actor
        locked.withdrawal_reason = reason
        locked.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
        audit_record(actor=actor, action="outcome.withdrawn", target=customer, details={"outcome": locked.pk})
        _outcome_timeline(
            actor, customer, locked, "outcome.withdrawn", f"{locked.get_outcome_type_display()} claim withdrawn", reason
        )
    return locked


def outcome_verification_change(*, actor: Any, outcome: Outcome, status: int, reason: str) -> Outcome:
    """A quality auditor or manager of the claiming organisation (or national staff) checks a
    claim: its verification status moves, with the reason kept beside it (OutcomeVerification),
    audited and on the customer's timeline, where the adviser who claimed it will see it."""
    _require_staff(actor)
    if not rules.may_verify(actor, outcome.organisation_id):
        raise PermissionDenied("You cannot verify this organisation's claims.")
    reason = (reason or "").strip()
    with transaction.atomic():
        customer = Customer.objects.select_for_update().get(pk=outcome.customer_id)
        locked = Outcome.objects.select_for_update().get(pk=outcome.pk)
        try:
            rules.validate_verification_change(
                current=locked.verification_status, new=status, reason=reason, withdrawn=locked.is_withdrawn
            )
        except ValidationError as error:
            field = "reason" if error.code in {"no_reason", "max_length"} else "status"
            raise ValidationError({field: [error]}) from error
        previous = locked.verification_status
        locked.verification_status = status
        locked.save(update_fields=["verification_status"])
        OutcomeVerification.objects.create(
            outcome=locked,
            from_status=previous,
            to_status=status,
            reason=reason,
            changed_at=timezone.now(),
            changed_by=actor,
        )
        audit_record(
            actor=actor,
            action="outcome.verification_changed",
            target=customer,
            details={"outcome": locked.pk, "from": int(previous), "to": int(status)},
        )
        label = str(codes.VerificationStatus(status).label)
        _outcome_timeline(
            actor,
            customer,
            locked,
            "outcome.verification_changed",
            f"{locked.get_outcome_type_display()} claim: {label.lower()}",
            reason,
        )
    return locked


def evidence_downloaded(*, actor: Any, evidence: OutcomeEvidence) -> None:
    """Audit each download of an evidence file (it is part of the customer's record)."""
    _require_staff(actor)
    if not evidence.downloadable:
        raise PermissionDenied("This file has not passed the virus check.")
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="outcome.evidence_downloaded",
            object_type="customers.customer",
            object_id=str(evidence.outcome.customer_id),
            details={"outcome": evidence.outcome_id},
        )


def payment_extract_downloaded(*, actor: Any, organisation: Any, start: datetime.date, end: datetime.date) -> None:
    """Audit the download of a payment extract (who, whose, which period), before it streams."""
    _require_staff(actor)
    rules.validate_payment_period(start, end)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="outcome.payment_extract_downloaded",
            target=organisation,
            details={"start": start.isoformat(), "end": end.isoformat()},
        )
