"""Reads of skills action plans and outcomes, for the workspace, the online space and reports."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from signpost.contacts.models import AdviceSession, SessionBooking
from signpost.customers.models import Customer
from signpost.organisations.models import Organisation
from signpost.plans.models import Action, ActionPlan, Goal, Outcome, OutcomeVerification, PlanSent
from signpost.plans.rules import Claim
from signpost.referrals import selectors as referral_selectors
from signpost.referrals.models import Partner


def _with_contents(queryset: QuerySet[ActionPlan]) -> QuerySet[ActionPlan]:
    return queryset.select_related("session", "organisation", "adviser", "customer").prefetch_related(
        Prefetch("goals", queryset=Goal.objects.order_by("due_on", "id")),
        Prefetch("actions", queryset=Action.objects.select_related("signposted_partner").order_by("due_on", "id")),
        Prefetch("sendings", queryset=PlanSent.objects.select_related("sent_by").order_by("-sent_at", "-id")),
    )


def customer_plans(customer: Customer) -> list[ActionPlan]:
    """Every plan of the customer, newest first, with goals, actions and sendings (four queries)."""
    return list(_with_contents(ActionPlan.objects.filter(customer=customer)).order_by("-created_at", "-id"))


def customer_plan(customer: Customer, pk: int) -> ActionPlan | None:
    """One plan, only if it belongs to this customer (a guessed number shows nothing)."""
    return _with_contents(ActionPlan.objects.filter(customer=customer, pk=pk)).first()


def plan_goal(plan: ActionPlan, pk: int) -> Goal | None:
    return Goal.objects.filter(plan=plan, pk=pk).first()


def plan_action(plan: ActionPlan, pk: int) -> Action | None:
    return Action.objects.filter(plan=plan, pk=pk).select_related("signposted_partner").first()


def signposting_partners(customer: Customer, *, keep: Partner | None = None) -> list[Partner]:
    """The partners an action can point the customer to: active ones serving their area (and
    national ones), plus ``keep``, the partner an action already names, even if it has since left
    the directory, so changing something else about the action does not lose it."""
    partners = list(referral_selectors.partners_for_referral(area=referral_selectors.customer_area(customer)))
    if keep is not None and all(partner.pk != keep.pk for partner in partners):
        partners.append(keep)
    return partners


def customer_sessions(customer: Customer) -> list[SessionBooking]:
    """The customer's places in sessions, newest first, for choosing the session of a plan or outcome."""
    return list(
        SessionBooking.objects.filter(customer=customer)
        .select_related("session", "session__organisation", "session__adviser")
        .order_by("-session__starts_at", "-id")
    )


def booking_status(customer: Customer, session: AdviceSession) -> int | None:
    """The status of the customer's place in the session, or None when they have none."""
    return SessionBooking.objects.filter(customer=customer, session=session).values_list("status", flat=True).first()


def session_date(session: AdviceSession) -> datetime.date:
    """The session's day in Europe/London (stored in UTC)."""
    return timezone.localtime(session.starts_at).date()


def live_claims(customer: Customer, *, excluding: int | None = None) -> list[Claim]:
    """The customer's claims that count (not withdrawn), by any organisation, for the claim rules."""
    queryset = Outcome.objects.filter(customer=customer, withdrawn_at__isnull=True)
    if excluding is not None:
        queryset = queryset.exclude(pk=excluding)
    return [
        Claim(outcome_type=row[0], effective_on=row[1], organisation=row[2], pk=row[3])
        for row in queryset.values_list("outcome_type", "effective_on", "organisation__name", "pk")
    ]


def customer_outcomes(customer: Customer) -> list[Outcome]:
    return list(
        Outcome.objects.filter(customer=customer)
        .select_related("session", "organisation", "recorded_by", "withdrawn_by", "evidence_file")
        .order_by("-effective_on", "-id")
    )


def customer_outcome(customer: Customer, pk: int) -> Outcome | None:
    return (
        Outcome.objects.filter(customer=customer, pk=pk)
        .select_related("session", "organisation", "recorded_by", "withdrawn_by", "evidence_file")
        .first()
    )


def outcome_verifications(outcome: Outcome) -> list[OutcomeVerification]:
    """How the claim's verification status came to be what it is, newest first."""
    return list(OutcomeVerification.objects.filter(outcome=outcome).select_related("changed_by"))


# The payment extract -------------------------------------------------------------------------

EXTRACT_COLUMNS = (
    "Outcome ID",
    "Touchpoint ID",
    "Customer reference",
    "Unique learner number",
    "Session ID",
    "Session date",
    "Outcome type",
    "Effective date",
    "Claimed date",
    "Priority customer",
    "Verification status",
)


def payment_extract(organisation: Organisation, start: datetime.date, end: datetime.date) -> Iterator[tuple[str, ...]]:
    """The organisation's claims whose claimed and effective dates both fall in [start, end],
    withdrawn ones left out, de-duplicated: the same outcome (customer, type, effective date)
    claimed twice appears once, as its first claim. Streamed in chunks, in claim order."""
    live = Outcome.objects.filter(withdrawn_at__isnull=True)
    earlier_twin = live.filter(
        customer=OuterRef("customer"),
        outcome_type=OuterRef("outcome_type"),
        effective_on=OuterRef("effective_on"),
        pk__lt=OuterRef("pk"),
    )
    rows = (
        live.filter(
            organisation=organisation,
            claimed_on__gte=start,
            claimed_on__lte=end,
            effective_on__gte=start,
            effective_on__lte=end,
        )
        .exclude(Exists(earlier_twin))
        .order_by("claimed_on", "id")
        .values_list(
            "pk",
            "organisation__touchpoint_id",
            "customer__reference",
            "customer__unique_learner_number",
            "session_id",
            "session__starts_at",
            "outcome_type",
            "effective_on",
            "claimed_on",
            "priority",
            "verification_status",
        )
    )
    for (
        pk,
        touchpoint,
        reference,
        uln,
        session_id,
        starts_at,
        kind,
        effective,
        claimed,
        priority,
        status,
    ) in rows.iterator(chunk_size=2000):
        yield (
            str(pk),
            touchpoint or "",
            reference,
            uln,
            str(session_id),
            timezone.localtime(starts_at).date().isoformat(),
            str(kind),
            effective.isoformat(),
            claimed.isoformat(),
            "1" if priority else "0",
            str(status),
        )


def extract_organisations(user: object) -> QuerySet[Organisation]:
    """Whose extract a manager may download: their own organisation; national managers any
    delivering organisation (domain.md §2: national managers see all)."""
    organisation: Organisation | None = getattr(user, "organisation", None)
    if organisation is None:
        return Organisation.objects.none()
    if organisation.has_national_scope:
        return Organisation.objects.exclude(kind=Organisation.Kind.PARTNER).order_by("name")
    return Organisation.objects.filter(pk=organisation.pk)
