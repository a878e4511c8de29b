"""The rules of contacts, one function each (architecture.md §4.4)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone

from signpost.contacts import codes
from signpost.contacts.models import SUMMARY_MAX_LENGTH, TRANSCRIPT_MAX_LENGTH, ServiceImprovementAsk
from signpost.core.models import Notification
from signpost.customers import codes as customer_codes
from signpost.customers.models import Address, ContactDetails, Customer

# Service-improvement questions are asked at most once per customer in this many months
# (domain.md §4). Twelve: status and "how they heard of us" are reported yearly, and a customer
# who calls several times a year is not asked again and again.
SERVICE_IMPROVEMENT_PERIOD_MONTHS = 12
# A clock a few minutes fast on an adviser's machine must not make "now" look like the future.
CLOCK_SKEW = datetime.timedelta(minutes=5)
# GOV.UK Notify's limit for one text message (6 fragments of 153 characters).
SMS_MAX_LENGTH = 918


def _months_before(day: datetime.date, months: int) -> datetime.date:
    year, month = divmod(day.year * 12 + (day.month - 1) - months, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def service_improvement_due(customer: Customer, on: datetime.date | None = None) -> bool:
    """Whether to offer the service-improvement questions to ``customer`` on ``on``.

    Due unless they were answered within the last SERVICE_IMPROVEMENT_PERIOD_MONTHS (an answer on
    the same date a year ago no longer counts). "Ask later" is not an answer: the questions are
    offered again at the next contact. Never due for a terminated (read-only) record.
    """
    if customer.is_terminated:
        return False
    on = on or timezone.localdate()
    since = _months_before(on, SERVICE_IMPROVEMENT_PERIOD_MONTHS)
    start = timezone.make_aware(datetime.datetime.combine(since + datetime.timedelta(days=1), datetime.time.min))
    return not ServiceImprovementAsk.objects.filter(
        customer=customer, outcome=codes.ServiceImprovementOutcome.ANSWERED, recorded_at__gte=start
    ).exists()


def transcript_allowed(channel: int) -> bool:
    return channel in codes.TRANSCRIPT_CHANNELS


def validate_interaction_text(
    *, channel: int | None, summary: str, transcript: str, summary_required: bool
) -> dict[str, list[str]]:
    """Field errors for the summary and the transcript (empty when both are fine)."""
    errors: dict[str, list[str]] = {}
    if summary_required and not summary.strip():
        errors["summary"] = ["Enter a summary of the discussion"]
    elif len(summary) > SUMMARY_MAX_LENGTH:
        errors["summary"] = [f"The summary must be {SUMMARY_MAX_LENGTH} characters or fewer"]
    if transcript.strip():
        if channel is not None and not transcript_allowed(channel):
            names = ", ".join(str(codes.Channel(c).label).lower() for c in sorted(codes.TRANSCRIPT_CHANNELS))
            errors["transcript"] = [f"Only add a transcript for a contact by {names}"]
        elif len(transcript) > TRANSCRIPT_MAX_LENGTH:
            errors["transcript"] = [f"The transcript must be {TRANSCRIPT_MAX_LENGTH:,} characters or fewer"]
    return errors


def validate_occurred_at(occurred_at: datetime.datetime, *, now: datetime.datetime | None = None) -> None:
    now = now or timezone.now()
    if occurred_at > now + CLOCK_SKEW:
        raise ValidationError("The time of the contact must be now or in the past", code="future")


class SummaryRefused(ValidationError):
    """The customer cannot be sent a summary by their preferred method; the message says why."""


@dataclass(frozen=True)
class SummaryDestination:
    channel: str  # Notification.Channel
    method: str  # as the adviser says it: "email", "text message", "post"
    # Email address, mobile number (E.164) or the postal address lines (name first, postcode last).
    to: str
    address_lines: tuple[str, ...] = ()

    @property
    def shown_to(self) -> str:
        return ", ".join(self.address_lines) if self.address_lines else self.to


def summary_destination(
    customer: Customer, contact: ContactDetails | None, address: Address | None
) -> SummaryDestination:
    """Where a summary goes: the customer's preferred contact method, if it can carry one.

    Email → their email address; mobile or text message → a text to their mobile; post → a letter
    to their current address. Refused (SummaryRefused, with a message for the adviser) when there
    is no preferred method that can carry writing, the detail it needs is missing, or the customer
    has not allowed contact on that channel.
    """
    Method = customer_codes.ContactMethod
    method = contact.preferred_method if contact is not None else Method.NOT_KNOWN
    name = customer.full_name
    if contact is None or method in (Method.NOT_KNOWN, Method.TELEPHONE, Method.WHATSAPP):
        label = "not recorded" if contact is None or method == Method.NOT_KNOWN else Method(method).label.lower()
        raise SummaryRefused(
            f"{name}'s preferred contact method is {label}: a summary can only be sent by email, text message "
            "or post. Update their contact details first.",
            code="no_method",
        )
    if method == Method.EMAIL:
        if not contact.email:
            raise SummaryRefused(f"{name} has no email address on their record.", code="no_email")
        if not contact.may_contact_by_email:
            raise SummaryRefused(f"{name} has not agreed to be contacted by email.", code="email_refused")
        return SummaryDestination(Notification.Channel.EMAIL, "email", contact.email)
    if method in (Method.MOBILE, Method.SMS):
        if not contact.mobile:
            raise SummaryRefused(f"{name} has no mobile number on their record.", code="no_mobile")
        if not contact.may_contact_by_sms:
            raise SummaryRefused(f"{name} has not agreed to be contacted by text message.", code="sms_refused")
        return SummaryDestination(Notification.Channel.SMS, "text message", contact.mobile)
    # Post
    if address is None:
        raise SummaryRefused(f"{name} has no current address on their record.", code="no_address")
    if not contact.may_contact_by_post:
        raise SummaryRefused(f"{name} has not agreed to be contacted by post.", code="post_refused")
    lines = [name, *(getattr(address, part) for part in ("line_1", "line_2", "line_3", "town", "county"))]
    lines = [line for line in lines if line]
    lines.append(address.postcode)
    return SummaryDestination(Notification.Channel.LETTER, "post", "\n".join(lines), tuple(lines))


def validate_sms_length(body: str) -> None:
    if len(body) > SMS_MAX_LENGTH:
        raise SummaryRefused(
            f"This summary is too long for a text message ({len(body)} characters; at most {SMS_MAX_LENGTH}). "
            "Ask the customer for an email address or a postal address instead.",
            code="sms_too_long",
        )


def age_band(age: int | None) -> int:
    """The anonymous-enquiry age band for an age in completed years; also what an anonymised
    record's contacts keep instead of the date of birth."""
    if age is None or age < 13:
        return codes.AgeBand.NOT_KNOWN
    for upper, band in (
        (15, codes.AgeBand.AGED_13_TO_15),
        (17, codes.AgeBand.AGED_16_TO_17),
        (24, codes.AgeBand.AGED_18_TO_24),
        (49, codes.AgeBand.AGED_25_TO_49),
        (64, codes.AgeBand.AGED_50_TO_64),
    ):
        if age <= upper:
            return band
    return codes.AgeBand.AGED_65_PLUS
