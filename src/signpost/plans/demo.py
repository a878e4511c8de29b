"""Demo plans and outcomes, in the states an adviser meets: a plan not sent yet, one sent by email
and waiting, one accepted online with progress, one sent by post, a customer's own plan, and
outcomes claimed (one priority), withdrawn, and claimed by another organisation.

Sessions, plans and outcomes go through the services, as an adviser and the customer would write
them, so the demo data keeps the same rules, audit events and timeline entries as real work.
Jordan Hughes's demo account is linked to a record of their own so the online space shows plans.
"""

from __future__ import annotations

import contextlib
import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from signpost.accounts.models import User
from signpost.contacts import codes as contact_codes
from signpost.contacts import session_services
from signpost.contacts.models import AdviceSession
from signpost.customers import codes as customer_codes
from signpost.customers import services as customer_services
from signpost.customers.models import Customer
from signpost.plans import codes, services
from signpost.plans.models import ActionPlan
from signpost.referrals import selectors as referral_selectors
from signpost.referrals.codes import PartnerCategory
from signpost.referrals.models import Partner
from signpost.space.models import AccountLink, LinkMethod

DEMO_ACCOUNT = "jordan.hughes@example.com"
SITE = "http://127.0.0.1:8000"


def _attended(customer: Customer, adviser: Any, days_ago: int) -> AdviceSession:
    """A telephone session ``days_ago`` that the customer attended, through the session services:
    booked "as of" two hours before it started, its attendance recorded as of its end."""
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    starts_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 30)))
    booking = session_services.advice_session_book(
        actor=adviser,
        customer=customer,
        channel=contact_codes.Channel.TELEPHONE,
        session_format=contact_codes.SessionFormat.INDIVIDUAL,
        starts_at=starts_at,
        duration_minutes=45,
        adviser=adviser,
        funding=contact_codes.SessionFunding.FUNDED,
        now=starts_at - datetime.timedelta(hours=2),
    )
    session_services.session_booking_record_attendance(
        actor=adviser, booking=booking, attended=True, now=starts_at + datetime.timedelta(minutes=50)
    )
    return booking.session


def _plan(
    adviser: Any,
    customer: Customer,
    session: AdviceSession,
    situation: str,
    goals: list[tuple[int, str, int]],
    actions: list[tuple[int, str, int, str | Partner]],
) -> ActionPlan:
    """``goals``: (type, summary, due in days); ``actions``: (type, summary, due in days, signposted
    to: a partner from the directory, or a name)."""
    plan = services.plan_create(
        actor=adviser,
        customer=customer,
        session=session,
        current_situation=situation,
        charter_shown=True,
        charter_shown_on=timezone.localtime(session.starts_at).date(),
    )
    agreed = timezone.localtime(session.starts_at).date()
    for kind, summary, days in goals:
        services.goal_add(
            actor=adviser,
            plan=plan,
            goal_type=kind,
            summary=summary,
            captured_on=agreed,
            due_on=agreed + datetime.timedelta(days=days),
        )
    for kind, summary, days, signposted in actions:
        partner = signposted if isinstance(signposted, Partner) else None
        services.action_add(
            actor=adviser,
            plan=plan,
            action_type=kind,
            summary=summary,
            agreed_on=agreed,
            due_on=agreed + datetime.timedelta(days=days),
            signposted_to="" if partner is not None else str(signposted),
            signposted_partner=partner,
        )
    return plan


def _college(customer: Customer) -> Partner | None:
    """A further education partner from the demo directory serving the customer's area, if any."""
    return referral_selectors.partners_for_referral(
        area=referral_selectors.customer_area(customer), category=PartnerCategory.FURTHER_EDUCATION
    ).first()


def _jordan(adviser: Any) -> tuple[User | None, Customer | None]:
    """Jordan's demo account and the record it is linked to (made and linked here if need be)."""
    account = User.objects.filter(email=DEMO_ACCOUNT).first()
    if account is None:
        return None, None
    link = AccountLink.objects.filter(user=account).select_related("customer").first()
    if link is not None:
        return account, link.customer
    customer = customer_services.customer_create(
        actor=adviser,
        given_name="Jordan",
        family_name="Hughes",
        date_of_birth=datetime.date(1996, 8, 14),
        introduced_by=customer_codes.IntroducedBy.NATIONAL_CAREERS_SERVICE_WEBSITE,
    )
    customer_services.contact_details_set(
        actor=adviser,
        customer=customer,
        preferred_method=customer_codes.ContactMethod.EMAIL,
        email=DEMO_ACCOUNT,
        may_contact_by_email=True,
    )
    # As if Jordan had confirmed the code sent to the record (space.services does that online).
    AccountLink.objects.create(customer=customer, user=account, method=LinkMethod.CODE, linked_at=timezone.now())
    return account, customer


def load_demo_plans(*, london: Any, national: Any) -> str:
    if ActionPlan.objects.filter(adviser=london).exists():
        return "Demo plans already loaded; nothing added."
    customers = list(
        Customer.objects.filter(terminated_at__isnull=True, customer_type=customer_codes.CustomerType.ADULT)
        .exclude(online_account_link__isnull=False)
        .order_by("id")[:5]
    )
    with transaction.atomic():
        plans = outcomes = 0
        if len(customers) >= 1:
            first = customers[0]
            session = _attended(first, london, days_ago=45)
            _plan(
                london,
                first,
                session,
                "Made redundant from a print works after 20 years; unsure which skills carry over.",
                [(codes.GoalType.SKILLS, "Know which of my skills employers in logistics want", 60)],
                [
                    (codes.ActionType.SKILLS_HEALTH_CHECK, "Do the skills health check online", 14, ""),
                    (codes.ActionType.CREATE_OR_UPDATE_CV, "Rewrite the CV around skills, not job titles", 30, ""),
                ],
            )
            plans += 1
            services.outcome_claim(
                actor=london,
                customer=first,
                session=session,
                outcome_type=codes.OutcomeType.CAREER_MANAGEMENT,
                effective_on=timezone.localdate() - datetime.timedelta(days=10),
                evidence_note="Customer described their next steps and has applied for two jobs; confirmed by phone.",
            )
            outcomes += 1
        if len(customers) >= 2:
            second = customers[1]
            plan = _plan(
                london,
                second,
                _attended(second, london, days_ago=20),
                "Working part time in a café; wants a level 3 qualification in early years.",
                [
                    (codes.GoalType.LEARNING, "Start a level 3 early years course in September", 150),
                    (codes.GoalType.WORK, "Work as a nursery practitioner", 400),
                ],
                [
                    (
                        codes.ActionType.FIND_A_COURSE,
                        "Compare evening courses at two colleges",
                        21,
                        _college(second) or "Local further education college",
                    ),
                    (codes.ActionType.VOLUNTEER, "Volunteer one morning a week at a playgroup", 45, ""),
                ],
            )
            plans += 1
            # A generated customer may have no email: the plan stays unsent.
            with contextlib.suppress(ValidationError):
                services.plan_send(
                    actor=london,
                    plan=plan,
                    method=services.SEND_BY_EMAIL,
                    account_url=f"{SITE}/account/plans/{plan.pk}/",
                )
        if len(customers) >= 3:
            third = customers[2]
            session = _attended(third, london, days_ago=300)
            plan = _plan(
                london,
                third,
                session,
                "Long-term unemployed; wants warehouse work near home.",
                [(codes.GoalType.WORK, "A permanent warehouse job", 90)],
                [
                    (
                        codes.ActionType.SEARCH_FOR_VACANCY,
                        "Search for warehouse jobs three times a week",
                        30,
                        "Jobcentre Plus",
                    )
                ],
            )
            plans += 1
            # A generated customer may have no address: the plan stays unsent.
            with contextlib.suppress(ValidationError):
                services.plan_send(
                    actor=london,
                    plan=plan,
                    method=services.SEND_BY_POST,
                    account_url=f"{SITE}/account/plans/{plan.pk}/",
                )
            claimed = services.outcome_claim(
                actor=london,
                customer=third,
                session=session,
                outcome_type=codes.OutcomeType.SUSTAINABLE_EMPLOYMENT,
                effective_on=timezone.localdate() - datetime.timedelta(days=30),
                evidence_note="Payslips for three months seen.",
            )
            services.outcome_withdraw(
                actor=london, outcome=claimed, reason="Employer confirmed fewer than 16 hours a week"
            )
            outcomes += 1
        if len(customers) >= 4:
            fourth = customers[3]
            services.outcome_claim(
                actor=national,
                customer=fourth,
                session=_attended(fourth, national, days_ago=60),
                outcome_type=codes.OutcomeType.CUSTOMER_SATISFACTION,
                effective_on=timezone.localdate() - datetime.timedelta(days=55),
                evidence_note="Satisfaction survey answered: the service met their needs very well.",
            )
            outcomes += 1
        account, jordan = _jordan(london)
        if account is not None and jordan is not None:
            session = _attended(jordan, london, days_ago=30)
            plan = _plan(
                london,
                jordan,
                session,
                "Finished a degree in history; wants a graduate job in the public sector.",
                [
                    (codes.GoalType.WORK, "A place on a public sector graduate scheme", 240),
                    (codes.GoalType.SKILLS, "Be confident at assessment centres", 90),
                ],
                [
                    (codes.ActionType.INTERVIEW_SKILLS_WORKSHOP, "Book the interview skills workshop", 14, ""),
                    (codes.ActionType.SEARCH_FOR_VACANCY, "Shortlist five graduate schemes", 30, ""),
                    (codes.ActionType.BOOK_FOLLOW_UP_APPOINTMENT, "Book a follow-up call for next month", 35, ""),
                ],
            )
            plans += 1
            services.plan_send(
                actor=london, plan=plan, method=services.SEND_BY_EMAIL, account_url=f"{SITE}/account/plans/{plan.pk}/"
            )
            services.plan_accept(actor=account, plan=plan)
            first_action = plan.actions.order_by("due_on", "id").first()
            if first_action is not None:
                services.action_progress_update(
                    actor=account,
                    action=first_action,
                    due_on=first_action.due_on,
                    status=codes.ActionStatus.COMPLETED,
                    completed_on=timezone.localdate() - datetime.timedelta(days=3),
                )
            services.outcome_claim(
                actor=london,
                customer=jordan,
                session=session,
                outcome_type=codes.OutcomeType.ACCREDITED_LEARNING,
                effective_on=timezone.localdate() - datetime.timedelta(days=20),
                evidence_note="Degree certificate seen at the session.",
            )
            outcomes += 1
            own = services.own_plan_create(
                actor=account, customer=jordan, current_situation="Saving up to learn to drive."
            )
            services.goal_add(
                actor=account,
                plan=own,
                goal_type=codes.GoalType.OTHER,
                summary="Pass my driving test",
                due_on=timezone.localdate() + datetime.timedelta(days=180),
            )
            plans += 1
    return f"Demo plans ready: {plans} plans, {outcomes} outcomes."
