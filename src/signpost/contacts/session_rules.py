"""The rules of advice sessions, one function each (domain.md §4 and §6; architecture.md §4.4).

Eligibility for a free face-to-face session:
- adults aged 19 or over on the day of the session; 18 is enough for a Jobcentre Plus customer or
  someone in custody. Neither fact is on the customer record (both change), so the adviser answers
  the question at each booking and the answer is kept with the booking (EligibilityCircumstance);
- one free face-to-face session each. A place still booked or attended uses it; a place cancelled,
  rescheduled (its replacement counts instead) or not attended does not, so a customer who missed
  it is not refused another;
- customers in a priority group (any group but 98 "not known" and 99 "not a priority customer")
  may have further free sessions;
- everyone else is offered the alternatives: free telephone advice, the website, or a fee-paying
  session whose fee is never above the public funding rate (settings).

Telephone advice sessions happen immediately or within 24 hours of the information call (exactly
24 hours is still within), unless the customer asked for a later time.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from signpost.contacts import codes, session_selectors
from signpost.customers import codes as customer_codes
from signpost.customers import selectors as customer_selectors
from signpost.customers.models import Customer
from signpost.customers.rules import age_on

ADULT_AGE = 19
# Jobcentre Plus customers and people in custody are adults for the service a year earlier.
ADULT_AGE_JOBCENTRE_PLUS_OR_CUSTODY = 18
FREE_SESSIONS_EACH = 1
TELEPHONE_SESSION_WINDOW = datetime.timedelta(hours=24)
# A session can start "now": a few minutes' grace for the time it takes to fill in the booking.
START_GRACE = datetime.timedelta(minutes=15)
# Far enough ahead for any real diary; further is almost always a mistyped year.
BOOKING_HORIZON = datetime.timedelta(days=366)
MIN_DURATION_MINUTES = 10
MAX_DURATION_MINUTES = 480
MAX_GROUP_SIZE = 30
NOT_PRIORITY = frozenset({customer_codes.PriorityGroup.NOT_KNOWN, customer_codes.PriorityGroup.NOT_A_PRIORITY_CUSTOMER})
# Places that use up the free face-to-face session.
USES_FREE_SESSION = frozenset({codes.SessionStatus.BOOKED, codes.SessionStatus.ATTENDED})


@dataclass(frozen=True)
class Eligibility:
    """Whether a free face-to-face session can be booked, and why, in words for the adviser."""

    eligible: bool
    basis: int | None  # codes.EligibilityBasis when eligible
    reason: str


def in_priority_group(groups: list[int]) -> bool:
    return any(group not in NOT_PRIORITY for group in groups)


def free_session_decision(
    *, age: int | None, circumstance: int, free_sessions_used: int, priority_group: bool
) -> Eligibility:
    """The eligibility rule on facts already read (free_face_to_face_eligibility reads them)."""
    if age is None:
        return Eligibility(False, None, "Their date of birth is not recorded, so their age cannot be checked.")
    adult_from = (
        ADULT_AGE_JOBCENTRE_PLUS_OR_CUSTODY
        if circumstance in (codes.EligibilityCircumstance.JOBCENTRE_PLUS, codes.EligibilityCircumstance.IN_CUSTODY)
        else ADULT_AGE
    )
    if age < adult_from:
        if age == ADULT_AGE_JOBCENTRE_PLUS_OR_CUSTODY:
            why = (
                "They will be 18 on the day: free sessions at 18 are only for Jobcentre Plus customers "
                "or people in custody."
            )
        else:
            why = f"They will be {age} on the day: free face-to-face sessions are for adults aged {ADULT_AGE} or over."
        return Eligibility(False, None, why)
    if free_sessions_used < FREE_SESSIONS_EACH:
        return Eligibility(True, codes.EligibilityBasis.FIRST_FREE_SESSION, "This is their free face-to-face session.")
    if priority_group:
        return Eligibility(
            True,
            codes.EligibilityBasis.PRIORITY_GROUP,
            "They have had their free session, and may have another because they are in a priority group.",
        )
    return Eligibility(
        False,
        None,
        "They have already had their free face-to-face session and are not in a priority group.",
    )


def free_face_to_face_eligibility(
    customer: Customer,
    *,
    on: datetime.date,
    circumstance: int,
    exclude_booking: int | None = None,
) -> Eligibility:
    """Whether ``customer`` may have a free face-to-face session on ``on`` (the session's date).
    ``exclude_booking`` leaves one place out of the count (the one being checked again)."""
    age = age_on(customer.date_of_birth, on) if customer.date_of_birth else None
    return free_session_decision(
        age=age,
        circumstance=circumstance,
        free_sessions_used=session_selectors.free_sessions_used(
            customer, statuses=USES_FREE_SESSION, exclude_booking=exclude_booking
        ),
        priority_group=in_priority_group(customer_selectors.current_priority_groups(customer)),
    )


def fee_cap() -> Decimal:
    return Decimal(settings.ADVICE_SESSION_PUBLIC_FUNDING_RATE)


def validate_fee(fee: Decimal | None) -> Decimal:
    """A fee in pounds and pence, more than nothing and never above the public funding rate."""
    cap = fee_cap()
    try:
        if fee is None or not Decimal(fee).is_finite():
            raise ValidationError("Enter the fee, like 30.00", code="required")
        fee = Decimal(fee)
    except InvalidOperation:
        raise ValidationError("Enter the fee as an amount in pounds, like 30.00", code="invalid") from None
    if fee <= 0:
        raise ValidationError("The fee must be more than £0. For a free session, choose funded", code="zero")
    if fee.as_tuple().exponent < -2:  # type: ignore[operator]
        raise ValidationError("Enter the fee in pounds and pence, like 30.50", code="pence")
    if fee > cap:
        raise ValidationError(
            f"The fee must be £{cap:.2f} or less: it may never be more than the public funding rate", code="too_high"
        )
    return fee


@dataclass(frozen=True)
class Alternative:
    key: str
    title: str
    description: str


def alternatives_to_a_free_session() -> list[Alternative]:
    """What a customer who cannot have a free face-to-face session is offered instead."""
    return [
        Alternative(
            "telephone",
            "Free advice by telephone",
            "A telephone advice session with an adviser, free for everyone, within 24 hours of today's call.",
        ),
        Alternative(
            "web",
            "Help on the website",
            "Job profiles, course search, the skills assessment and an action plan they can make themselves, "
            "at any time.",
        ),
        Alternative(
            "fee_paying",
            "A fee-paying face-to-face session",
            f"A session at one of our venues for a fee of no more than £{fee_cap():.2f}, the public funding rate.",
        ),
    ]


def telephone_session_late(*, information_call_at: datetime.datetime, starts_at: datetime.datetime) -> bool:
    """Whether a telephone session starts more than 24 hours after the information call."""
    return starts_at - information_call_at > TELEPHONE_SESSION_WINDOW


def telephone_session_warning(
    *, information_call_at: datetime.datetime, starts_at: datetime.datetime, later_time_requested: bool
) -> str:
    """The warning to show for a telephone session booked outside its window ("" when none)."""
    if later_time_requested or not telephone_session_late(information_call_at=information_call_at, starts_at=starts_at):
        return ""
    deadline = timezone.localtime(information_call_at + TELEPHONE_SESSION_WINDOW)
    return (
        "Telephone advice sessions should start within 24 hours of the information call, by "
        f"{deadline:%-d %B %Y at %H:%M}. Choose an earlier time, or record that the customer asked for a later one."
    )


def validate_session_times(
    *, starts_at: datetime.datetime, duration_minutes: int, now: datetime.datetime | None = None
) -> dict[str, list[str]]:
    """Field errors for a new session's start and length (empty when both are fine)."""
    now = now or timezone.now()
    errors: dict[str, list[str]] = {}
    if starts_at < now - START_GRACE:
        errors["starts_at"] = ["The session must start now or in the future"]
    elif starts_at > now + BOOKING_HORIZON:
        errors["starts_at"] = ["The session must start within the next 12 months"]
    if not MIN_DURATION_MINUTES <= duration_minutes <= MAX_DURATION_MINUTES:
        errors["duration_minutes"] = [
            f"The length must be between {MIN_DURATION_MINUTES} minutes and {MAX_DURATION_MINUTES // 60} hours"
        ]
    return errors


def attendance_can_be_recorded(starts_at: datetime.datetime, now: datetime.datetime | None = None) -> bool:
    """Whether someone attended can only be known once the session has started."""
    return starts_at <= (now or timezone.now()) + START_GRACE


def can_change(status: int) -> bool:
    """Only a place still booked can be attended, missed, cancelled or rescheduled; the others are
    history (a mistake is put right by an administrator, not by rewriting it here)."""
    return status == codes.SessionStatus.BOOKED
