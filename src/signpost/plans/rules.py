"""The rules of skills action plans and outcomes, one function each (architecture.md §4.4).

Services call them before every write, whoever writes (an adviser in the workspace, the customer
online, the API), so a rule is stated once. Each raises ``ValidationError`` with a message the
person can act on; the outcome rules say why a claim is refused and what would be allowed.

Months are calendar months: twelve months after 29 February 2024 is 28 February 2025, and a month
after 31 January is the last day of February.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from signpost.accounts.roles import VERIFY_OUTCOMES
from signpost.contacts import codes as contact_codes
from signpost.customers import codes as customer_codes
from signpost.customers.models import Customer
from signpost.plans import codes
from signpost.plans.models import (
    SIGNPOSTED_TO_MAX_LENGTH,
    SITUATION_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    VERIFICATION_REASON_MAX_LENGTH,
)
from signpost.referrals import rules as referral_rules
from signpost.referrals.models import Partner

# How long after the session an outcome may take effect (domain.md §5): employment and career
# progression take longer to show than satisfaction, career management or a qualification.
EFFECTIVE_WINDOW_MONTHS = {
    codes.OutcomeType.CUSTOMER_SATISFACTION: 12,
    codes.OutcomeType.CAREER_MANAGEMENT: 12,
    codes.OutcomeType.ACCREDITED_LEARNING: 12,
    codes.OutcomeType.SUSTAINABLE_EMPLOYMENT: 13,
    codes.OutcomeType.CAREER_PROGRESSION: 13,
}
# At most one of each of these per customer in any rolling 12 months, across all organisations.
ONCE_A_YEAR = frozenset({codes.OutcomeType.CUSTOMER_SATISFACTION, codes.OutcomeType.CAREER_MANAGEMENT})
ONCE_A_YEAR_MONTHS = 12
# Neither of these may directly follow the other for the same customer.
EMPLOYMENT_OUTCOMES = frozenset({codes.OutcomeType.SUSTAINABLE_EMPLOYMENT, codes.OutcomeType.CAREER_PROGRESSION})
# A government-defined economic shock makes a claim priority for this long before its effective date.
ECONOMIC_SHOCK_MONTHS = 12
PRIORITY_GROUPS = frozenset(
    group
    for group in customer_codes.PriorityGroup
    if group not in {customer_codes.PriorityGroup.NOT_KNOWN, customer_codes.PriorityGroup.NOT_A_PRIORITY_CUSTOMER}
)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (or earlier, when negative), or the month's last day when it
    is shorter: 31 January + 1 month = 28 (or 29) February; 29 February 2024 + 12 = 28 February 2025."""
    year, month = divmod(day.year * 12 + (day.month - 1) + months, 12)
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month + 1, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def show_date(day: datetime.date) -> str:
    """As GOV.UK writes dates: 3 March 2026."""
    return f"{day.day} {day:%B %Y}"


# Plans ---------------------------------------------------------------------------------------


def validate_current_situation(text: str, *, required: bool) -> None:
    """What the customer's situation is now; required on an adviser's plan, at most 4000 characters."""
    if required and not text.strip():
        raise ValidationError("Enter the customer's current situation.", code="required")
    if len(text) > SITUATION_MAX_LENGTH:
        raise ValidationError(
            f"The current situation must be {SITUATION_MAX_LENGTH} characters or fewer.", code="max_length"
        )


def validate_charter(shown: bool, shown_on: datetime.date | None, *, today: datetime.date | None = None) -> None:
    """When the customer charter was shown, the date it was shown: today or earlier."""
    today = today or timezone.localdate()
    if shown and shown_on is None:
        raise ValidationError("Enter the date the customer charter was shown.", code="charter_date_required")
    if shown_on is not None and shown_on > today:
        raise ValidationError("The date the customer charter was shown must be today or in the past.", code="future")


def validate_summary(text: str, *, what: str) -> None:
    """A goal's or action's summary: required, at most 2000 characters."""
    if not text.strip():
        raise ValidationError(f"Enter a summary of the {what}.", code="required")
    if len(text) > SUMMARY_MAX_LENGTH:
        raise ValidationError(f"The summary must be {SUMMARY_MAX_LENGTH} characters or fewer.", code="max_length")


def validate_signposted_to(text: str) -> None:
    if len(text) > SIGNPOSTED_TO_MAX_LENGTH:
        raise ValidationError(
            f"Who they were signposted to must be {SIGNPOSTED_TO_MAX_LENGTH} characters or fewer.", code="max_length"
        )


def validate_signposted_partner(
    partner: Partner | None, *, text: str, area: int | None, partner_areas: Iterable[int], kept: bool
) -> None:
    """An action points to one partner from the directory or to someone typed in, not both. A
    newly chosen partner is active and serves the customer's area (the choices the form offers);
    a link kept unchanged stays even if the partner has since left the directory."""
    if partner is None:
        return
    if text:
        raise ValidationError(
            "Choose a partner from the directory or type who else can help, not both.", code="partner_and_text"
        )
    if kept:
        return
    referral_rules.validate_partner_choosable(partner)
    if not referral_rules.partner_serves_area(partner, area, partner_areas):
        raise ValidationError(
            f"{partner.name} does not serve the customer's area: choose one of the partners listed.",
            code="outside_area",
        )


def validate_goal_dates(captured_on: datetime.date, due_on: datetime.date) -> None:
    """A goal is due on or after the date it was captured (the same day is allowed)."""
    if due_on < captured_on:
        raise ValidationError(
            f"The due date must be the same as or after the date the goal was captured ({show_date(captured_on)}).",
            code="due_before_captured",
        )


def validate_goal_status(
    status: int, achieved_on: datetime.date | None, *, captured_on: datetime.date, today: datetime.date | None = None
) -> None:
    """An achieved goal has the date it was achieved: not before it was captured, not in the
    future. Any other status has no achieved date."""
    today = today or timezone.localdate()
    if status == codes.GoalStatus.ACHIEVED:
        if achieved_on is None:
            raise ValidationError("Enter the date the goal was achieved.", code="achieved_date_required")
        if achieved_on > today:
            raise ValidationError("The date achieved must be today or in the past.", code="future")
        if achieved_on < captured_on:
            raise ValidationError(
                f"The date achieved must be the same as or after the date the goal was captured "
                f"({show_date(captured_on)}).",
                code="achieved_before_captured",
            )
    elif achieved_on is not None:
        raise ValidationError("Only an achieved goal has a date achieved.", code="achieved_date_not_achieved")


def validate_action_dates(agreed_on: datetime.date, due_on: datetime.date) -> None:
    """An action is due on or after the date it was agreed (the same day is allowed)."""
    if due_on < agreed_on:
        raise ValidationError(
            f"The due date must be the same as or after the date the action was agreed ({show_date(agreed_on)}).",
            code="due_before_agreed",
        )


def validate_action_status(
    status: int, completed_on: datetime.date | None, *, agreed_on: datetime.date, today: datetime.date | None = None
) -> None:
    """A completed action has the date it was completed: not before it was agreed, not in the
    future. Any other status has no completed date."""
    today = today or timezone.localdate()
    if status == codes.ActionStatus.COMPLETED:
        if completed_on is None:
            raise ValidationError("Enter the date the action was completed.", code="completed_date_required")
        if completed_on > today:
            raise ValidationError("The date completed must be today or in the past.", code="future")
        if completed_on < agreed_on:
            raise ValidationError(
                f"The date completed must be the same as or after the date the action was agreed "
                f"({show_date(agreed_on)}).",
                code="completed_before_agreed",
            )
    elif completed_on is not None:
        raise ValidationError("Only a completed action has a date completed.", code="completed_date_not_completed")


def validate_acceptance(*, made_by_customer: bool, acknowledged: bool) -> None:
    """A customer accepts a plan an adviser agreed with them, once. Their own plan needs no acceptance."""
    if made_by_customer:
        raise ValidationError("This is your own plan: there is nothing to accept.", code="own_plan")
    if acknowledged:
        raise ValidationError("You have already accepted this plan.", code="already_accepted")


# Outcomes ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Claim:
    """Another live (not withdrawn) claim of the customer, as the rules need to see it."""

    outcome_type: int
    effective_on: datetime.date
    organisation: str = ""
    pk: int | None = None


def validate_claim_dates(
    effective_on: datetime.date, claimed_on: datetime.date, *, today: datetime.date | None = None
) -> None:
    """Neither the effective date nor the claimed date is in the future; claimed ≥ effective."""
    today = today or timezone.localdate()
    if effective_on > today:
        raise ValidationError(
            "The effective date must be today or in the past: an outcome is claimed once it has happened.",
            code="effective_future",
        )
    if claimed_on > today:
        raise ValidationError("The claimed date must be today or in the past.", code="claimed_future")
    if claimed_on < effective_on:
        raise ValidationError(
            f"The claimed date must be the same as or after the effective date ({show_date(effective_on)}).",
            code="claimed_before_effective",
        )


def validate_effective_window(outcome_type: int, *, session_on: datetime.date, effective_on: datetime.date) -> None:
    """The effective date falls on or after the session and within 12 months of it for customer
    satisfaction, career management and accredited learning, 13 months for sustainable employment
    and career progression. The last allowed day is the session's date that many months later."""
    label = codes.OutcomeType(outcome_type).label.lower()
    if effective_on < session_on:
        raise ValidationError(
            f"The effective date must be on or after the session ({show_date(session_on)}): "
            "an outcome counts only when it follows the advice.",
            code="effective_before_session",
        )
    months = EFFECTIVE_WINDOW_MONTHS[codes.OutcomeType(outcome_type)]
    last_day = add_months(session_on, months)
    if effective_on > last_day:
        raise ValidationError(
            f"A {label} outcome must take effect within {months} months of the session: for the session on "
            f"{show_date(session_on)} the last allowed effective date was {show_date(last_day)}.",
            code="outside_window",
        )


def validate_once_a_year(outcome_type: int, effective_on: datetime.date, others: Iterable[Claim]) -> None:
    """At most one customer satisfaction and one career management outcome per customer in any
    rolling 12 months, whichever organisation claimed it: two such claims must be at least 12 months
    apart (the anniversary of the other's effective date is allowed)."""
    if outcome_type not in ONCE_A_YEAR:
        return
    label = codes.OutcomeType(outcome_type).label.lower()
    for other in others:
        if other.outcome_type != outcome_type:
            continue
        if (
            add_months(other.effective_on, -ONCE_A_YEAR_MONTHS)
            < effective_on
            < add_months(other.effective_on, ONCE_A_YEAR_MONTHS)
        ):
            by = f" (claimed by {other.organisation})" if other.organisation else ""
            raise ValidationError(
                f"This customer already has a {label} outcome effective on {show_date(other.effective_on)}{by}. "
                f"Only one is allowed in any 12 months: another can take effect no earlier than "
                f"{show_date(add_months(other.effective_on, ONCE_A_YEAR_MONTHS))}.",
                code="once_a_year",
            )


def validate_employment_sequence(outcome_type: int, effective_on: datetime.date, others: Iterable[Claim]) -> None:
    """A sustainable employment outcome may not directly follow a career progression outcome for
    the same customer, nor the reverse. "Directly" is among the customer's employment outcomes
    (types 3 and 5) in effective-date order, so the new claim is checked against its neighbours on
    both sides: the one before it, and the one it would come before."""
    if outcome_type not in EMPLOYMENT_OUTCOMES:
        return
    employment = sorted(
        (other for other in others if other.outcome_type in EMPLOYMENT_OUTCOMES),
        key=lambda claim: (claim.effective_on, claim.pk or 0),
    )
    before = [claim for claim in employment if claim.effective_on <= effective_on]
    after = [claim for claim in employment if claim.effective_on > effective_on]
    label = codes.OutcomeType(outcome_type).label.lower()
    for neighbour, relation in (
        (before[-1] if before else None, "follow"),
        (after[0] if after else None, "come before"),
    ):
        if neighbour is not None and neighbour.outcome_type != outcome_type:
            other_label = codes.OutcomeType(neighbour.outcome_type).label.lower()
            raise ValidationError(
                f"A {label} outcome cannot directly {relation} a {other_label} outcome, and this customer has a "
                f"{other_label} outcome effective on {show_date(neighbour.effective_on)}.",
                code="employment_sequence",
            )


def validate_claimable(customer: Customer) -> None:
    """No claims on a terminated record."""
    if customer.is_terminated:
        raise ValidationError(
            f"Customer {customer.display_reference}'s record was terminated: no outcome can be claimed on it.",
            code="terminated",
        )


def validate_withdrawable(customer: Customer, *, already_withdrawn: bool) -> None:
    """A claim can be withdrawn once. On a terminated record only a duplicate's claims can be
    withdrawn (so they can be claimed again on the surviving record)."""
    if already_withdrawn:
        raise ValidationError("This claim has already been withdrawn.", code="already_withdrawn")
    if customer.is_terminated and customer.termination_reason != customer_codes.TerminationReason.DUPLICATE:
        raise ValidationError(
            f"Customer {customer.display_reference}'s record was terminated: claims on it can be withdrawn only "
            "when it was terminated as a duplicate.",
            code="terminated",
        )


def priority_reason(customer: Customer, effective_on: datetime.date) -> str:
    """Why a claim effective on ``effective_on`` counts as priority, or "" when it does not.

    Priority when the customer's confirmed priority groups at that date include a priority group
    (1 to 6), or when a government-defined economic shock was recorded in their employment status
    in the 12 months up to the effective date (from the same date a year before, inclusive)."""
    confirmation = (
        customer.priority_group_confirmations.filter(confirmed_on__lte=effective_on)
        .order_by("-confirmed_on", "-id")
        .first()
    )
    if confirmation is not None:
        groups = sorted(set(confirmation.groups) & PRIORITY_GROUPS)
        if groups:
            return "Priority group " + ", ".join(str(group) for group in groups)
    since = add_months(effective_on, -ECONOMIC_SHOCK_MONTHS)
    shock = customer.employment_statuses.filter(
        economic_shock=customer_codes.EconomicShock.GOVERNMENT_DEFINED,
        recorded_on__gte=since,
        recorded_on__lte=effective_on,
    ).exists()
    return "Government-defined economic shock" if shock else ""


def may_verify(actor: Any, organisation_id: int) -> bool:
    """Who may check a claim: staff holding the verify permission, of the organisation that
    claimed it, or of a national organisation (national staff look across every contract)."""
    organisation = getattr(actor, "organisation", None)
    if organisation is None or not actor.has_perm(VERIFY_OUTCOMES):
        return False
    return bool(organisation.pk == organisation_id or organisation.has_national_scope)


def validate_verification_change(*, current: int, new: int, reason: str, withdrawn: bool) -> None:
    """A claim's verification status moves to another status, with a reason; a withdrawn claim
    is not paid, so there is nothing left to verify."""
    if withdrawn:
        raise ValidationError("This claim has been withdrawn: it is not paid, so it is not verified.", code="withdrawn")
    if new not in codes.VerificationStatus.values:
        raise ValidationError("Select the verification status.", code="status")
    if new == current:
        label = codes.VerificationStatus(new).label.lower()
        raise ValidationError(f"The claim is already {label}: select a different status.", code="unchanged")
    if not reason:
        raise ValidationError("Enter why the verification status is changing.", code="no_reason")
    if len(reason) > VERIFICATION_REASON_MAX_LENGTH:
        raise ValidationError(
            f"The reason must be {VERIFICATION_REASON_MAX_LENGTH} characters or fewer.", code="max_length"
        )


def validate_payment_period(start: datetime.date, end: datetime.date) -> None:
    if end < start:
        raise ValidationError("The end of the period must be the same as or after its start.", code="end_before_start")


# Sessions ------------------------------------------------------------------------------------


def validate_session_for_plan(booking_status: int | None) -> None:
    """An adviser's plan is agreed in a session the customer has a place in, that has not been
    cancelled, rescheduled or missed."""
    if booking_status is None:
        raise ValidationError("Choose a session this customer is booked into.", code="not_booked")
    if booking_status not in {contact_codes.SessionStatus.BOOKED, contact_codes.SessionStatus.ATTENDED}:
        status = contact_codes.SessionStatus(booking_status).label.lower()
        raise ValidationError(
            f"The customer's place in this session is {status}: choose a session they are booked into or attended.",
            code="session_not_held",
        )


def validate_session_for_outcome(booking_status: int | None) -> None:
    """An outcome is claimed against a session the customer attended."""
    if booking_status is None:
        raise ValidationError("Choose a session this customer attended.", code="not_booked")
    if booking_status != contact_codes.SessionStatus.ATTENDED:
        status = contact_codes.SessionStatus(booking_status).label.lower()
        raise ValidationError(
            f"The customer's place in this session is {status}: an outcome is claimed only against a session "
            "they attended. Record their attendance first.",
            code="session_not_attended",
        )
