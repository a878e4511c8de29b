"""Builders for plan and outcome tests (and the browser journeys): sessions with a customer's
place in them, linked online accounts, and plans filled through the services."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from signpost.contacts import codes as contact_codes
from signpost.contacts.models import AdviceSession, SessionBooking
from signpost.customers.models import Customer
from signpost.plans import codes, services
from signpost.plans.models import ActionPlan
from signpost.space.models import AccountLink, LinkMethod


def book_session(
    customer: Customer,
    adviser: Any,
    *,
    status: int = contact_codes.SessionStatus.ATTENDED,
    on: datetime.date | None = None,
    organisation: Any = None,
) -> AdviceSession:
    """A one-to-one telephone session at 10:00 London time on ``on`` (today by default), with the
    customer's place in it at ``status``."""
    day = on or timezone.localdate()
    starts_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
    session = AdviceSession.objects.create(
        channel=contact_codes.Channel.TELEPHONE,
        session_format=contact_codes.SessionFormat.INDIVIDUAL,
        starts_at=starts_at,
        duration_minutes=45,
        ends_at=starts_at + datetime.timedelta(minutes=45),
        adviser=adviser,
        organisation=organisation or adviser.organisation,
        created_by=adviser,
    )
    SessionBooking.objects.create(
        session=session,
        customer=customer,
        status=status,
        funding=contact_codes.SessionFunding.FUNDED,
        eligibility_basis=contact_codes.EligibilityBasis.NOT_CHECKED,
        booked_at=starts_at - datetime.timedelta(days=1),
        booked_by=adviser,
    )
    return session


def link_account(user: Any, customer: Customer) -> AccountLink:
    return AccountLink.objects.create(user=user, customer=customer, method=LinkMethod.CODE, linked_at=timezone.now())


def plan_with_goal_and_action(customer: Customer, adviser: Any, session: AdviceSession | None = None) -> ActionPlan:
    """An adviser's plan with one learning goal and one 'find a course' action, both due in a month."""
    session = session or book_session(customer, adviser)
    plan = services.plan_create(
        actor=adviser,
        customer=customer,
        session=session,
        current_situation="Working part time in retail; wants to train as a nursery nurse.",
        charter_shown=True,
        charter_shown_on=timezone.localdate(),
    )
    due = timezone.localdate() + datetime.timedelta(days=30)
    services.goal_add(
        actor=adviser,
        plan=plan,
        goal_type=codes.GoalType.LEARNING,
        summary="Start a level 3 childcare course",
        due_on=due,
    )
    services.action_add(
        actor=adviser,
        plan=plan,
        action_type=codes.ActionType.FIND_A_COURSE,
        summary="Look for evening childcare courses at local colleges",
        due_on=due,
        signposted_to="Lambeth College",
    )
    return plan
