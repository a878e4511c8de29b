"""Writes about advice sessions: booking (with the eligibility rule), adding people to a group,
attendance, cancelling and rescheduling. Each validates with session_rules, runs in one
transaction, writes its audit event and puts the step on the customer's timeline.
Audit details name records and codes, never what was written.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from signpost.contacts import codes
from signpost.contacts import session_rules as rules
from signpost.contacts.models import AdviceSession, Interaction, SessionBooking
from signpost.contacts.services import timeline_event_record
from signpost.core.audit import audit_record
from signpost.customers import rules as customer_rules
from signpost.customers.models import Customer
from signpost.organisations.models import Organisation, Venue

MANAGE_SESSIONS = "contacts.manage_sessions"
NOTES_MAX_LENGTH = 2000
NOTE_MAX_LENGTH = 1000
TITLE_MAX_LENGTH = 200


def _require(actor: Any) -> None:
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.has_perm(MANAGE_SESSIONS):
        raise PermissionDenied("You cannot book advice sessions.")


def _lock_writable(customer: Customer) -> Customer:
    locked = Customer.objects.select_for_update().get(pk=customer.pk)
    customer_rules.ensure_writable(locked)
    return locked


def _what(session: AdviceSession) -> str:
    """ "face-to-face session on 3 March 2025 at 10:00 at Leeds Central Library" (for the timeline)."""
    start = timezone.localtime(session.starts_at)
    kind = "group" if session.is_group else ("face-to-face" if session.is_face_to_face else "telephone")
    where = f" at {session.venue.name}" if session.venue is not None else ""
    return f"{kind} session on {start:%-d %B %Y at %H:%M}{where}"


def _describe(session: AdviceSession) -> str:
    what = _what(session)
    return what[0].upper() + what[1:]


def _event(actor: Any, booking: SessionBooking, kind: str, title: str, detail: str = "") -> None:
    timeline_event_record(
        actor=actor,
        customer=booking.customer,
        kind=kind,
        title=title,
        detail=detail,
        subject=booking.session,
        link_name="workspace:session_detail",
        link_kwargs={"pk": booking.session_id},
        organisation=booking.session.organisation,
    )


def _check_funding(
    errors: dict[str, list[str]],
    *,
    customer: Customer,
    session_channel: int,
    session_date: datetime.date,
    funding: int,
    fee: Decimal | None,
    circumstance: int,
) -> tuple[int, Decimal | None]:
    """The eligibility basis and fee of a new place, or errors saying why it cannot be had."""
    if funding not in codes.SessionFunding.values:
        errors.setdefault("funding", []).append("Select funded or fee-paying")
        return codes.EligibilityBasis.NOT_CHECKED, None
    if circumstance not in codes.EligibilityCircumstance.values:
        errors.setdefault("circumstance", []).append("Select whether they are a Jobcentre Plus customer or in custody")
        return codes.EligibilityBasis.NOT_CHECKED, None
    if session_channel != codes.Channel.FACE_TO_FACE:
        if funding != codes.SessionFunding.FUNDED:
            errors.setdefault("funding", []).append("Telephone advice is free: it cannot be fee-paying")
        return codes.EligibilityBasis.NOT_CHECKED, None
    if funding == codes.SessionFunding.FEE_PAYING:
        try:
            return codes.EligibilityBasis.FEE_PAYING, rules.validate_fee(fee)
        except ValidationError as error:
            errors.setdefault("fee", []).extend(error.messages)
            return codes.EligibilityBasis.FEE_PAYING, None
    eligibility = rules.free_face_to_face_eligibility(customer, on=session_date, circumstance=circumstance)
    if not eligibility.eligible:
        errors.setdefault("funding", []).append(
            f"{customer.full_name} cannot have a free face-to-face session. {eligibility.reason} "
            "Offer telephone advice, the website or a fee-paying session instead"
        )
        return codes.EligibilityBasis.NOT_CHECKED, None
    return eligibility.basis or codes.EligibilityBasis.FIRST_FREE_SESSION, None


def advice_session_book(
    *,
    actor: Any,
    customer: Customer,
    channel: int,
    session_format: int,
    starts_at: datetime.datetime,
    duration_minutes: int,
    adviser: Any,
    funding: int,
    venue: Venue | None = None,
    title: str = "",
    capacity: int = 1,
    fee: Decimal | None = None,
    circumstance: int = codes.EligibilityCircumstance.NONE,
    information_call: Interaction | None = None,
    later_time_requested: bool = False,
    notes: str = "",
    organisation: Organisation | None = None,
    source: int = codes.BookingSource.ADVISER,
    now: datetime.datetime | None = None,
) -> SessionBooking:
    """Book a new session with ``customer`` in it (the first of a group's places).

    Refused (ValidationError by field) when a free face-to-face place is asked for a customer who
    is not eligible, a fee is above the public funding rate, the times are impossible, the venue
    is not the organisation's, or the adviser cannot run sessions. A telephone session more than
    24 hours after the information call is allowed (the booking pages warn first) and audited.
    """
    _require(actor)
    now = now or timezone.now()
    title, notes = (title or "").strip(), (notes or "").strip()
    organisation = organisation or getattr(actor, "organisation", None)
    errors = rules.validate_session_times(starts_at=starts_at, duration_minutes=duration_minutes, now=now)
    if channel not in [c.value for c in codes.SESSION_CHANNELS]:
        errors.setdefault("channel", []).append("Select face to face or telephone")
    if session_format not in codes.SessionFormat.values:
        errors.setdefault("session_format", []).append("Select individual or group")
    if organisation is None:
        errors.setdefault("adviser", []).append("You need to belong to an organisation to book sessions")
    if channel == codes.Channel.FACE_TO_FACE:
        if venue is None:
            errors.setdefault("venue", []).append("Select the venue")
        elif venue.organisation_id != getattr(organisation, "pk", None) or not venue.is_active:
            errors.setdefault("venue", []).append("Select one of your organisation's venues")
    else:
        venue = None
    if (
        adviser is None
        or adviser.organisation_id != getattr(organisation, "pk", None)
        or not adviser.has_perm(MANAGE_SESSIONS)
    ):
        errors.setdefault("adviser", []).append("Select an adviser from your organisation")
    if session_format == codes.SessionFormat.GROUP:
        if not 2 <= capacity <= rules.MAX_GROUP_SIZE:
            errors.setdefault("capacity", []).append(f"A group session has between 2 and {rules.MAX_GROUP_SIZE} places")
        elif venue is not None and venue.capacity is not None and capacity > venue.capacity:
            errors.setdefault("capacity", []).append(f"{venue.name} holds at most {venue.capacity} people")
        if not title:
            errors.setdefault("title", []).append("Enter what the group session is about")
    else:
        capacity = 1
    if len(title) > TITLE_MAX_LENGTH:
        errors.setdefault("title", []).append(f"The title must be {TITLE_MAX_LENGTH} characters or fewer")
    if len(notes) > NOTES_MAX_LENGTH:
        errors.setdefault("notes", []).append(f"The notes must be {NOTES_MAX_LENGTH} characters or fewer")
    if information_call is not None and information_call.customer_id != customer.pk:
        errors.setdefault("information_call", []).append("Select one of this customer's calls")
    basis, fee = _check_funding(
        errors,
        customer=customer,
        session_channel=channel,
        session_date=timezone.localtime(starts_at).date(),
        funding=funding,
        fee=fee,
        circumstance=circumstance,
    )
    if errors:
        raise ValidationError(errors)  # type: ignore[arg-type]
    late = False
    if channel == codes.Channel.TELEPHONE:
        called_at = information_call.occurred_at if information_call is not None else now
        late = rules.telephone_session_late(information_call_at=called_at, starts_at=starts_at)
    with transaction.atomic():
        locked = _lock_writable(customer)
        session = AdviceSession(
            channel=channel,
            session_format=session_format,
            title=title,
            venue=venue,
            starts_at=starts_at,
            duration_minutes=duration_minutes,
            ends_at=starts_at + datetime.timedelta(minutes=duration_minutes),
            adviser=adviser,
            organisation=organisation,
            capacity=capacity,
            created_by=actor,
        )
        session.full_clean()
        session.save()
        booking = SessionBooking(
            session=session,
            customer=locked,
            funding=funding,
            fee=fee,
            eligibility_basis=basis,
            circumstance=circumstance,
            information_call=information_call if channel == codes.Channel.TELEPHONE else None,
            later_time_requested=later_time_requested and channel == codes.Channel.TELEPHONE,
            notes=notes,
            source=source,
            booked_at=now,
            booked_by=actor,
        )
        booking.full_clean()
        booking.save()
        audit_record(
            actor=actor,
            action="session.booked",
            target=locked,
            details={
                "session": session.pk,
                "booking": booking.pk,
                "channel": channel,
                "format": session_format,
                "funding": funding,
                "basis": basis,
                "circumstance": circumstance,
                "outside_telephone_window": late and not booking.later_time_requested,
            },
        )
        _event(actor, booking, "session.booked", f"{_describe(session)} booked", _funding_words(booking))
    return booking


def _funding_words(booking: SessionBooking) -> str:
    if booking.funding == codes.SessionFunding.FEE_PAYING:
        return f"Fee-paying: £{booking.fee:.2f}"
    if booking.eligibility_basis == codes.EligibilityBasis.NOT_CHECKED:
        return "Free"
    return f"Free: {booking.get_eligibility_basis_display().lower()}"


def session_booking_add(
    *,
    actor: Any,
    session: AdviceSession,
    customer: Customer,
    funding: int,
    fee: Decimal | None = None,
    circumstance: int = codes.EligibilityCircumstance.NONE,
    notes: str = "",
    now: datetime.datetime | None = None,
) -> SessionBooking:
    """Give ``customer`` a place in a group session that has one free."""
    _require(actor)
    now = now or timezone.now()
    notes = (notes or "").strip()
    errors: dict[str, list[str]] = {}
    if len(notes) > NOTES_MAX_LENGTH:
        errors["notes"] = [f"The notes must be {NOTES_MAX_LENGTH} characters or fewer"]
    with transaction.atomic():
        locked_session = (
            AdviceSession.objects.select_for_update(of=("self",)).select_related("venue").get(pk=session.pk)
        )
        if not locked_session.is_group:
            errors.setdefault("reference", []).append("Only a group session can have more people in it")
        elif locked_session.cancelled_at is not None:
            errors.setdefault("reference", []).append("This session has been cancelled")
        elif locked_session.starts_at < now - rules.START_GRACE:
            errors.setdefault("reference", []).append("This session has already started")
        elif locked_session.bookings.filter(customer=customer).exists():
            errors.setdefault("reference", []).append(f"{customer.full_name} already has a place in this session")
        elif locked_session.bookings.filter(status=codes.SessionStatus.BOOKED).count() >= locked_session.capacity:
            errors.setdefault("reference", []).append("This session is full")
        if customer.is_terminated:
            errors.setdefault("reference", []).append("This customer's record is closed")
        basis, fee = _check_funding(
            errors,
            customer=customer,
            session_channel=locked_session.channel,
            session_date=timezone.localtime(locked_session.starts_at).date(),
            funding=funding,
            fee=fee,
            circumstance=circumstance,
        )
        if errors:
            raise ValidationError(errors)  # type: ignore[arg-type]
        locked = _lock_writable(customer)
        booking = SessionBooking(
            session=locked_session,
            customer=locked,
            funding=funding,
            fee=fee,
            eligibility_basis=basis,
            circumstance=circumstance,
            notes=notes,
            booked_at=now,
            booked_by=actor,
        )
        booking.full_clean()
        booking.save()
        audit_record(
            actor=actor,
            action="session.place_added",
            target=locked,
            details={"session": locked_session.pk, "booking": booking.pk, "funding": funding, "basis": basis},
        )
        _event(actor, booking, "session.booked", f"{_describe(locked_session)} booked", _funding_words(booking))
    return booking


def _lock_changeable(booking: SessionBooking) -> SessionBooking:
    locked = (
        SessionBooking.objects.select_for_update(of=("self",))
        .select_related("session__venue", "customer")
        .get(pk=booking.pk)
    )
    if not rules.can_change(locked.status):
        raise ValidationError(
            {"status": [f"This place is already recorded as {locked.get_status_display().lower()}"]},
            code="closed",
        )
    return locked


def _close(locked: SessionBooking, actor: Any, status: int, note: str, now: datetime.datetime) -> None:
    locked.status = status
    locked.status_note = note
    locked.status_recorded_at = now
    locked.status_recorded_by = actor


def session_booking_record_attendance(
    *,
    actor: Any,
    booking: SessionBooking,
    attended: bool,
    reason: int | None = None,
    note: str = "",
    now: datetime.datetime | None = None,
) -> SessionBooking:
    """Attended, or did not attend with a reason (domain.md §4). Only once the session has started."""
    _require(actor)
    now = now or timezone.now()
    note = (note or "").strip()
    errors: dict[str, list[str]] = {}
    if not attended and reason not in codes.NonAttendanceReason.values:
        errors["reason"] = ["Select why they did not attend"]
    if len(note) > NOTE_MAX_LENGTH:
        errors["note"] = [f"The note must be {NOTE_MAX_LENGTH} characters or fewer"]
    if errors:
        raise ValidationError(errors)  # type: ignore[arg-type]
    with transaction.atomic():
        locked = _lock_changeable(booking)
        if not rules.attendance_can_be_recorded(locked.session.starts_at, now):
            raise ValidationError(
                {"attended": ["Attendance can be recorded once the session has started. To call it off, cancel it"]}
            )
        customer_rules.ensure_writable(locked.customer)
        status = codes.SessionStatus.ATTENDED if attended else codes.SessionStatus.DID_NOT_ATTEND
        _close(locked, actor, status, note, now)
        locked.non_attendance_reason = None if attended else reason
        locked.full_clean()
        locked.save()
        audit_record(
            actor=actor,
            action="session.attended" if attended else "session.did_not_attend",
            target=locked.customer,
            details={"session": locked.session_id, "booking": locked.pk, "reason": locked.non_attendance_reason},
        )
        if attended:
            _event(actor, locked, "session.attended", f"Attended a {_what(locked.session)}")
        else:
            _event(
                actor,
                locked,
                "session.did_not_attend",
                f"Did not attend a {_what(locked.session)}",
                f"Reason: {locked.get_non_attendance_reason_display()}",
            )
    return locked


def session_booking_cancel(
    *, actor: Any, booking: SessionBooking, note: str = "", now: datetime.datetime | None = None
) -> SessionBooking:
    """Cancel one place. An individual session is cancelled with its only place."""
    _require(actor)
    now = now or timezone.now()
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError({"note": [f"The note must be {NOTE_MAX_LENGTH} characters or fewer"]})
    with transaction.atomic():
        locked = _lock_changeable(booking)
        _close(locked, actor, codes.SessionStatus.CANCELLED, note, now)
        locked.full_clean()
        locked.save()
        if not locked.session.is_group:
            AdviceSession.objects.filter(pk=locked.session_id).update(cancelled_at=now, updated_at=now)
        audit_record(
            actor=actor,
            action="session.cancelled",
            target=locked.customer,
            details={"session": locked.session_id, "booking": locked.pk},
        )
        _event(actor, locked, "session.cancelled", f"{_describe(locked.session)} cancelled")
    return locked


def advice_session_cancel(
    *, actor: Any, session: AdviceSession, note: str = "", now: datetime.datetime | None = None
) -> AdviceSession:
    """Call off a whole session (the adviser is ill, the venue closed): every place still booked is
    cancelled, each on its customer's timeline."""
    _require(actor)
    now = now or timezone.now()
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError({"note": [f"The note must be {NOTE_MAX_LENGTH} characters or fewer"]})
    with transaction.atomic():
        locked = AdviceSession.objects.select_for_update(of=("self",)).select_related("venue").get(pk=session.pk)
        if locked.cancelled_at is not None:
            raise ValidationError({"note": ["This session has already been cancelled"]})
        locked.cancelled_at = now
        locked.save(update_fields=["cancelled_at", "updated_at"])
        bookings = list(
            locked.bookings.select_for_update(of=("self",))
            .filter(status=codes.SessionStatus.BOOKED)
            .select_related("customer")
        )
        for booking in bookings:
            booking.session = locked
            _close(booking, actor, codes.SessionStatus.CANCELLED, note, now)
            booking.save()
            _event(actor, booking, "session.cancelled", f"{_describe(locked)} cancelled")
        audit_record(
            actor=actor,
            action="session.called_off",
            target=locked,
            details={"bookings": [booking.pk for booking in bookings]},
        )
    return locked


def session_booking_reschedule(
    *,
    actor: Any,
    booking: SessionBooking,
    starts_at: datetime.datetime,
    duration_minutes: int,
    venue: Venue | None = None,
    adviser: Any = None,
    note: str = "",
    now: datetime.datetime | None = None,
) -> SessionBooking:
    """Move one customer's place to a new time: a new individual session (same channel, funding and
    eligibility) is booked, and the old place is marked rescheduled and linked to the new one."""
    _require(actor)
    now = now or timezone.now()
    note = (note or "").strip()
    errors = rules.validate_session_times(starts_at=starts_at, duration_minutes=duration_minutes, now=now)
    if len(note) > NOTE_MAX_LENGTH:
        errors["note"] = [f"The note must be {NOTE_MAX_LENGTH} characters or fewer"]
    old_session = booking.session
    adviser = adviser or old_session.adviser
    if adviser.organisation_id != old_session.organisation_id or not adviser.has_perm(MANAGE_SESSIONS):
        errors.setdefault("adviser", []).append("Select an adviser from the session's organisation")
    if old_session.is_face_to_face:
        venue = venue or old_session.venue
        if venue is None or venue.organisation_id != old_session.organisation_id or not venue.is_active:
            errors.setdefault("venue", []).append("Select one of the organisation's venues")
    else:
        venue = None
    if errors:
        raise ValidationError(errors)  # type: ignore[arg-type]
    with transaction.atomic():
        locked = _lock_changeable(booking)
        customer = _lock_writable(locked.customer)
        session = AdviceSession(
            channel=old_session.channel,
            session_format=codes.SessionFormat.INDIVIDUAL,
            title=old_session.title,
            venue=venue,
            starts_at=starts_at,
            duration_minutes=duration_minutes,
            ends_at=starts_at + datetime.timedelta(minutes=duration_minutes),
            adviser=adviser,
            organisation=old_session.organisation,
            capacity=1,
            created_by=actor,
        )
        session.full_clean()
        session.save()
        replacement = SessionBooking.objects.create(
            session=session,
            customer=customer,
            funding=locked.funding,
            fee=locked.fee,
            eligibility_basis=locked.eligibility_basis,
            circumstance=locked.circumstance,
            information_call=locked.information_call,
            later_time_requested=locked.later_time_requested,
            notes=locked.notes,
            source=locked.source,
            booked_at=now,
            booked_by=actor,
        )
        _close(locked, actor, codes.SessionStatus.RESCHEDULED, note, now)
        locked.rescheduled_to = replacement
        locked.full_clean()
        locked.save()
        if not old_session.is_group:
            AdviceSession.objects.filter(pk=old_session.pk).update(cancelled_at=now, updated_at=now)
        audit_record(
            actor=actor,
            action="session.rescheduled",
            target=customer,
            details={
                "booking": locked.pk,
                "session": old_session.pk,
                "new_booking": replacement.pk,
                "new_session": session.pk,
            },
        )
        _event(
            actor,
            replacement,
            "session.rescheduled",
            f"{_describe(old_session)} moved",
            f"New time: {_describe(session)}",
        )
    return replacement
