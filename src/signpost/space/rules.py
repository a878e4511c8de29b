"""The rules of linking an online account to a customer record, one function each.

Linking needs two proofs: the account's verified email and the date of birth must match a live
record, and then the customer must type a code sent to the record's own email or mobile (or, when
an adviser invited them, follow the emailed link and give their date of birth). Whoever fails is
told the same thing whatever the reason, so nobody learns whether a record exists.
"""

from __future__ import annotations

import datetime
from typing import Any

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.utils import timezone

from signpost.customers.models import ContactDetails, Customer
from signpost.space.models import AccountInvitation, LinkRequest

CODE_DIGITS = 6
CODE_LIFETIME = datetime.timedelta(minutes=15)
# Wrong codes allowed for one code; a new code starts again.
CODE_ATTEMPTS = 5
# Codes one link request may send (the first and two resends), at most one a minute.
CODES_PER_REQUEST = 3
RESEND_INTERVAL = datetime.timedelta(seconds=60)
# Dates of birth an account may try in a day, matched or not: a date cannot be found by trying.
CHECKS_PER_DAY = 5
CHECK_WINDOW = datetime.timedelta(hours=24)
# How long a matched request stays open for its code to be sent and typed.
REQUEST_LIFETIME = datetime.timedelta(hours=1)
INVITATION_LIFETIME = datetime.timedelta(days=14)
INVITATION_ATTEMPTS = 5

NOT_MATCHED = (
    "We could not match your details to an advice record. Check your date of birth, or contact us "
    "and an adviser will help you link your account."
)


class LinkRefused(ValidationError):
    """A step of linking refused, with a message for the customer."""


def is_customer_account(user: Any) -> bool:
    """Signed in, and not a staff account: staff never link to (or read) a customer record here."""
    return bool(getattr(user, "is_authenticated", False)) and getattr(user, "organisation_id", None) is None


def email_verified(user: Any) -> bool:
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def record_matches(customer: Customer, contact: ContactDetails | None, *, email: str, date_of_birth: Any) -> bool:
    """A live record whose email and date of birth are the ones given."""
    return (
        not customer.is_terminated
        and contact is not None
        and bool(contact.email)
        and contact.email.lower() == (email or "").strip().lower()
        and customer.date_of_birth is not None
        and customer.date_of_birth == date_of_birth
    )


def checks_left(checks_in_window: int) -> int:
    return max(0, CHECKS_PER_DAY - checks_in_window)


def request_open(request: LinkRequest, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        request.customer_id is not None and request.completed_at is None and request.created_at + REQUEST_LIFETIME > now
    )


def code_expired(request: LinkRequest, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    return request.code_expires_at is None or request.code_expires_at <= now


def resend_wait(request: LinkRequest, now: datetime.datetime | None = None) -> datetime.timedelta:
    """How long until another code may be sent (zero when it may be sent now)."""
    now = now or timezone.now()
    if request.code_sent_at is None:
        return datetime.timedelta(0)
    return max(datetime.timedelta(0), request.code_sent_at + RESEND_INTERVAL - now)


def validate_code_send(request: LinkRequest, now: datetime.datetime | None = None) -> None:
    if request.codes_sent >= CODES_PER_REQUEST:
        raise LinkRefused(
            "We have sent you as many codes as we can for now. Start again, or contact us for help.",
            code="too_many_codes",
        )
    wait = resend_wait(request, now)
    if wait:
        seconds = max(1, int(wait.total_seconds()))
        raise LinkRefused(
            f"Wait {seconds} second{'s' if seconds != 1 else ''} before asking for another code.", code="too_soon"
        )


def validate_code_entry(request: LinkRequest, now: datetime.datetime | None = None) -> None:
    """Whether the current code may still be tried (before comparing it)."""
    if request.code_sent_at is None:
        raise LinkRefused("Ask us to send you a code first.", code="no_code")
    if request.failed_attempts >= CODE_ATTEMPTS:
        raise LinkRefused("You have entered the wrong code too many times. Ask for a new code.", code="too_many")
    if code_expired(request, now):
        raise LinkRefused("This code has expired. Ask for a new code.", code="expired")


def invitation_refusal(customer: Customer, contact: ContactDetails | None, *, linked: bool) -> str:
    """Why an adviser cannot invite this customer to an online account, or '' when they can."""
    if customer.is_terminated:
        return "The record is terminated."
    if linked:
        return "The customer has already linked an online account to this record."
    if contact is None or not contact.email:
        return "There is no email address on the record to send the invitation to."
    if not contact.may_contact_by_email:
        return "The customer has not agreed to be contacted by email."
    return ""


def invitation_open(invitation: AccountInvitation, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        invitation.accepted_at is None
        and invitation.withdrawn_at is None
        and invitation.expires_at > now
        and invitation.failed_attempts < INVITATION_ATTEMPTS
    )


def mask_email(email: str) -> str:
    """Enough to recognise one's own address without showing it to someone over a shoulder."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}{'•' * max(3, len(local) - 1)}@{domain}"


def mask_phone(e164: str) -> str:
    return f"ending {e164[-3:]}"
