"""Advice sessions (issue 4): booking from the customer record (question pages, then check the
answers), the session page, attendance, cancelling, rescheduling, adding people to a group, the
adviser's "My sessions", the record's Sessions tab, and the organisation's venues.

Reading a session is open to all staff (the record is shared, domain.md §2); booking and changing
sessions needs the session permission, and a session is changed only by its own organisation.
Venues are managed by their organisation's managers and administrators.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from signpost.accounts.roles import MANAGE_SESSIONS, MANAGE_VENUES
from signpost.contacts import codes
from signpost.contacts import session_rules as rules
from signpost.contacts import session_selectors as selectors
from signpost.contacts import session_services as services
from signpost.contacts.models import AdviceSession, SessionBooking
from signpost.customers import selectors as customer_selectors
from signpost.customers.models import Customer
from signpost.organisations import services as organisation_services
from signpost.organisations.models import Venue
from signpost.workspace.access import View, staff_view
from signpost.workspace.customer_pages import customer_or_404, read_only
from signpost.workspace.forms import posted_data
from signpost.workspace.forms_sessions import (
    AddCustomerForm,
    AlternativeForm,
    AttendanceForm,
    CancelForm,
    EligibilityForm,
    RescheduleForm,
    SessionDetailsForm,
    SessionKindForm,
    VenueForm,
)

BOOKING_KEY = "session-booking-{reference}"
# Service errors on fields the forms show under another name.
FORM_FIELD_FOR = {"starts_at": "starts_time", "reference": "reference"}


def _errors_to_form(form: forms.Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, texts in error.message_dict.items():
            field = FORM_FIELD_FOR.get(name, name)
            for text in texts:
                form.add_error(field if field in form.fields else None, text)
    else:
        for text in error.messages:
            form.add_error(None, text)


def _name(user: Any) -> str:
    return user.full_name or user.email


def _adviser_choices(organisation: Any) -> list[tuple[int, str]]:
    return [(user.pk, _name(user)) for user in selectors.session_advisers(organisation)]


def _venue_choices(organisation: Any) -> list[tuple[int, str]]:
    return [(venue.pk, f"{venue.name}, {venue.town}") for venue in selectors.bookable_venues(organisation)]


# Booking: question pages, then check the answers ------------------------------------------------


def _answers(request: HttpRequest, customer: Customer) -> dict[str, Any]:
    return dict(request.session.get(BOOKING_KEY.format(reference=customer.reference)) or {})


def _save_answers(request: HttpRequest, customer: Customer, answers: dict[str, Any]) -> None:
    request.session[BOOKING_KEY.format(reference=customer.reference)] = answers


BookingStep = Callable[[HttpRequest, Customer, dict[str, Any]], HttpResponse]


def booking_step(ready: Callable[[dict[str, Any]], bool] | None = None) -> Callable[[BookingStep], View]:
    """A booking question page, given the customer and the answers so far. A closed record shows
    its read-only page; a page reached before the answers it needs starts the booking again."""

    def decorator(step: BookingStep) -> View:
        @staff_view(MANAGE_SESSIONS)
        @wraps(step)
        def view(request: HttpRequest, reference: str) -> HttpResponse:
            customer = customer_or_404(reference)
            if customer.is_terminated:
                return read_only(request, customer)
            answers = _answers(request, customer)
            if ready is not None and not ready(answers):
                return redirect("workspace:session_book", reference=customer.reference)
            return step(request, customer, answers)

        return view

    return decorator


@booking_step()
def book_start(request: HttpRequest, customer: Customer, answers: dict[str, Any]) -> HttpResponse:
    """Step 1: face to face or telephone; individual or group. Starting again clears old answers."""
    answers = answers if request.GET.get("change") else {}
    initial: dict[str, Any] = {key: str(answers[key]) for key in ("channel", "session_format") if key in answers}
    form = SessionKindForm(posted_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        answers = {**answers, **form.cleaned_data}
        if form.cleaned_data["channel"] == codes.Channel.FACE_TO_FACE:
            _save_answers(request, customer, answers)
            return redirect("workspace:session_book_eligibility", reference=customer.reference)
        answers.update(funding=codes.SessionFunding.FUNDED, circumstance=codes.EligibilityCircumstance.NONE)
        _save_answers(request, customer, answers)
        return redirect("workspace:session_book_details", reference=customer.reference)
    return render(request, "workspace/sessions/book_start.html", {"customer": customer, "form": form})


def _face_to_face(answers: dict[str, Any]) -> bool:
    return answers.get("channel") == codes.Channel.FACE_TO_FACE


@booking_step(_face_to_face)
def book_eligibility(request: HttpRequest, customer: Customer, answers: dict[str, Any]) -> HttpResponse:
    """Step 2 (face to face): the question that decides eligibility at 18, then the rule."""
    initial = {"circumstance": str(answers["circumstance"])} if "circumstance" in answers else {}
    form = EligibilityForm(posted_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        answers["circumstance"] = form.cleaned_data["circumstance"]
        eligibility = rules.free_face_to_face_eligibility(
            customer, on=timezone.localdate(), circumstance=answers["circumstance"]
        )
        if eligibility.eligible:
            answers["funding"] = codes.SessionFunding.FUNDED
            _save_answers(request, customer, answers)
            return redirect("workspace:session_book_details", reference=customer.reference)
        answers.pop("funding", None)
        _save_answers(request, customer, answers)
        return redirect("workspace:session_book_alternatives", reference=customer.reference)
    return render(
        request,
        "workspace/sessions/book_eligibility.html",
        {"customer": customer, "form": form, "introduced_by_jobcentre": customer.introduced_by == 10},
    )


@booking_step(lambda answers: _face_to_face(answers) and "circumstance" in answers)
def book_alternatives(request: HttpRequest, customer: Customer, answers: dict[str, Any]) -> HttpResponse:
    """Not eligible for a free face-to-face session: why, and what they can have instead."""
    eligibility = rules.free_face_to_face_eligibility(
        customer, on=timezone.localdate(), circumstance=answers["circumstance"]
    )
    form = AlternativeForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["choice"] == "telephone":
            answers.update(
                channel=codes.Channel.TELEPHONE,
                funding=codes.SessionFunding.FUNDED,
                circumstance=codes.EligibilityCircumstance.NONE,
            )
        else:
            answers["funding"] = codes.SessionFunding.FEE_PAYING
        _save_answers(request, customer, answers)
        return redirect("workspace:session_book_details", reference=customer.reference)
    return render(
        request,
        "workspace/sessions/book_alternatives.html",
        {
            "customer": customer,
            "eligibility": eligibility,
            "alternatives": rules.alternatives_to_a_free_session(),
            "form": form,
        },
    )


def _details_form(request: HttpRequest, customer: Customer, answers: dict[str, Any], data: Any) -> SessionDetailsForm:
    user: Any = request.user
    calls = selectors.recent_information_calls(customer)
    now = timezone.localtime()
    initial = answers.get("details") or {
        "starts_on": now.strftime("%d/%m/%Y"),
        "adviser": str(user.pk),
        "duration_minutes": "60",
        "information_call": str(calls[0].pk) if calls else "",
    }
    return SessionDetailsForm(
        data,
        initial=initial,
        channel=answers["channel"],
        session_format=answers["session_format"],
        funding=answers["funding"],
        advisers=_adviser_choices(user.organisation),
        venues=_venue_choices(user.organisation),
        calls=[
            (call.pk, f"{timezone.localtime(call.occurred_at):%-d %B at %H:%M}: {call.get_interaction_type_display()}")
            for call in calls
        ],
    )


def _answers_complete(answers: dict[str, Any]) -> bool:
    return all(key in answers for key in ("channel", "session_format", "funding", "circumstance"))


@booking_step(_answers_complete)
def book_details(request: HttpRequest, customer: Customer, answers: dict[str, Any]) -> HttpResponse:
    """Step 3: when, where, with whom (and the fee, the call it follows, a group's title)."""
    form = _details_form(request, customer, answers, posted_data(request))
    if request.method == "POST" and form.is_valid():
        problems = rules.validate_session_times(
            starts_at=form.starts_at(), duration_minutes=form.cleaned_data["duration_minutes"]
        )
        if answers["channel"] == codes.Channel.FACE_TO_FACE and answers["funding"] == codes.SessionFunding.FUNDED:
            # Age is counted on the day of the session, which is only known now.
            eligibility = rules.free_face_to_face_eligibility(
                customer, on=form.cleaned_data["starts_on"], circumstance=answers["circumstance"]
            )
            if not eligibility.eligible:
                problems.setdefault("starts_on", []).append(
                    f"On this date they cannot have a free face-to-face session. {eligibility.reason}"
                )
        if problems:
            _errors_to_form(form, ValidationError(problems))  # type: ignore[arg-type]
        else:
            answers["details"] = {name: value for name, value in request.POST.items() if name in form.fields}
            _save_answers(request, customer, answers)
            return redirect("workspace:session_book_check", reference=customer.reference)
    back = (
        "workspace:session_book_eligibility"
        if answers["channel"] == codes.Channel.FACE_TO_FACE
        else "workspace:session_book"
    )
    return render(
        request,
        "workspace/sessions/book_details.html",
        {"customer": customer, "form": form, "answers": answers, "back": url_for(back, customer), "codes": codes},
    )


def url_for(name: str, customer: Customer) -> str:
    return reverse(name, kwargs={"reference": customer.reference})


@booking_step(lambda answers: _answers_complete(answers) and "details" in answers)
def book_check(request: HttpRequest, customer: Customer, answers: dict[str, Any]) -> HttpResponse:
    """Step 4: check the answers, with warnings (telephone window, adviser already busy); book."""
    form = _details_form(request, customer, answers, answers["details"])
    if not form.is_valid():
        return redirect("workspace:session_book_details", reference=customer.reference)
    user: Any = request.user
    data = form.cleaned_data
    starts_at, duration = form.starts_at(), data["duration_minutes"]
    advisers = dict(_adviser_choices(user.organisation))
    adviser = selectors.session_advisers(user.organisation).filter(pk=data["adviser"]).first()
    venue = Venue.objects.filter(pk=data["venue"]).first() if "venue" in data else None
    calls = {call.pk: call for call in selectors.recent_information_calls(customer)}
    call = calls.get(data.get("information_call") or 0)
    warnings: list[str] = []
    if answers["channel"] == codes.Channel.TELEPHONE:
        warning = rules.telephone_session_warning(
            information_call_at=call.occurred_at if call else timezone.now(),
            starts_at=starts_at,
            later_time_requested=data.get("later_time_requested", False),
        )
        if warning:
            warnings.append(warning)
    if adviser is not None:
        for clash in selectors.adviser_clashes(adviser, starts_at, starts_at + datetime.timedelta(minutes=duration)):
            warnings.append(
                f"{_name(adviser)} already has a session from {timezone.localtime(clash.starts_at):%H:%M} to "
                f"{timezone.localtime(clash.ends_at):%H:%M} that day."
            )
    eligibility = None
    if answers["channel"] == codes.Channel.FACE_TO_FACE and answers["funding"] == codes.SessionFunding.FUNDED:
        eligibility = rules.free_face_to_face_eligibility(
            customer, on=data["starts_on"], circumstance=answers["circumstance"]
        )
    problems: list[str] = []
    if request.method == "POST":
        try:
            booking = services.advice_session_book(
                actor=user,
                customer=customer,
                channel=answers["channel"],
                session_format=answers["session_format"],
                starts_at=starts_at,
                duration_minutes=duration,
                adviser=adviser,
                funding=answers["funding"],
                venue=venue,
                title=data.get("title", ""),
                capacity=data.get("capacity") or 1,
                fee=data.get("fee"),
                circumstance=answers["circumstance"],
                information_call=call,
                later_time_requested=data.get("later_time_requested", False),
                notes=data.get("notes", ""),
            )
        except ValidationError as error:
            problems = [text for texts in error.message_dict.values() for text in texts]
        else:
            del request.session[BOOKING_KEY.format(reference=customer.reference)]
            messages.success(request, f"The session has been booked for {customer.full_name}")
            return redirect("workspace:session_detail", pk=booking.session_id)
    return render(
        request,
        "workspace/sessions/book_check.html",
        {
            "customer": customer,
            "answers": answers,
            "data": data,
            "starts_at": starts_at,
            "adviser_name": advisers.get(data["adviser"], ""),
            "venue": venue,
            "call": call,
            "warnings": warnings,
            "eligibility": eligibility,
            "problems": problems,
            "codes": codes,
        },
        status=422 if problems else 200,
    )


# One session ------------------------------------------------------------------------------------


def _session(pk: int) -> AdviceSession:
    session = selectors.session_with_bookings(pk)
    if session is None:
        raise Http404("No session has this number.")
    return session


def _may_change(user: Any, session: AdviceSession) -> bool:
    return user.has_perm(MANAGE_SESSIONS) and user.organisation_id == session.organisation_id


def _require_change(user: Any, session: AdviceSession) -> None:
    if not _may_change(user, session):
        raise PermissionDenied


@staff_view()
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(pk)
    user: Any = request.user
    bookings = list(session.bookings.all())
    can_change = _may_change(user, session)
    return render(
        request,
        "workspace/sessions/detail.html",
        {
            "session": session,
            "bookings": bookings,
            "can_change": can_change,
            "started": rules.attendance_can_be_recorded(session.starts_at),
            "places_left": session.capacity - sum(1 for b in bookings if b.status == codes.SessionStatus.BOOKED),
            "codes": codes,
            "active_nav": "sessions",
        },
    )


def _booking(session: AdviceSession, booking_pk: int) -> SessionBooking:
    booking = next((b for b in session.bookings.all() if b.pk == booking_pk), None)
    if booking is None:
        raise Http404("This session has no such place.")
    return booking


PlaceStep = Callable[[HttpRequest, AdviceSession, SessionBooking], HttpResponse]


def place_step(step: PlaceStep) -> View:
    """A page about one customer's place in a session their organisation may change. A place
    already attended, missed, cancelled or moved is history: say so and go back to the session."""

    @staff_view(MANAGE_SESSIONS)
    @wraps(step)
    def view(request: HttpRequest, pk: int, booking_pk: int) -> HttpResponse:
        session = _session(pk)
        _require_change(request.user, session)
        booking = _booking(session, booking_pk)
        if not rules.can_change(booking.status):
            messages.info(request, f"This place is already recorded as {booking.get_status_display().lower()}")
            return redirect("workspace:session_detail", pk=session.pk)
        return step(request, session, booking)

    return view


@place_step
def booking_attendance(request: HttpRequest, session: AdviceSession, booking: SessionBooking) -> HttpResponse:
    form = AttendanceForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.session_booking_record_attendance(
                actor=request.user,
                booking=booking,
                attended=form.cleaned_data["attended"],
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            what = "attended" if form.cleaned_data["attended"] else "did not attend"
            messages.success(request, f"Recorded that {booking.customer.full_name} {what}")
            return redirect("workspace:session_detail", pk=session.pk)
    return render(
        request,
        "workspace/sessions/attendance.html",
        {
            "session": session,
            "booking": booking,
            "form": form,
            "started": rules.attendance_can_be_recorded(session.starts_at),
            "active_nav": "sessions",
        },
    )


@place_step
def booking_cancel(request: HttpRequest, session: AdviceSession, booking: SessionBooking) -> HttpResponse:
    form = CancelForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.session_booking_cancel(actor=request.user, booking=booking, note=form.cleaned_data["note"])
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, f"{booking.customer.full_name}'s place has been cancelled")
            return redirect("workspace:session_detail", pk=session.pk)
    return render(
        request,
        "workspace/sessions/cancel.html",
        {"session": session, "booking": booking, "form": form, "active_nav": "sessions"},
    )


@staff_view(MANAGE_SESSIONS)
def session_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Call off a whole group session."""
    session = _session(pk)
    _require_change(request.user, session)
    if session.cancelled_at is not None:
        messages.info(request, "This session has already been cancelled")
        return redirect("workspace:session_detail", pk=session.pk)
    form = CancelForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.advice_session_cancel(actor=request.user, session=session, note=form.cleaned_data["note"])
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, "The session has been cancelled for everyone booked on it")
            return redirect("workspace:session_detail", pk=session.pk)
    return render(
        request,
        "workspace/sessions/cancel.html",
        {"session": session, "booking": None, "form": form, "active_nav": "sessions"},
    )


@place_step
def booking_reschedule(request: HttpRequest, session: AdviceSession, booking: SessionBooking) -> HttpResponse:
    initial = {
        "adviser": str(session.adviser_id),
        "venue": str(session.venue_id or ""),
        "duration_minutes": str(session.duration_minutes),
    }
    form = RescheduleForm(
        posted_data(request),
        initial=initial,
        face_to_face=session.is_face_to_face,
        advisers=_adviser_choices(session.organisation),
        venues=_venue_choices(session.organisation),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            replacement = services.session_booking_reschedule(
                actor=request.user,
                booking=booking,
                starts_at=form.starts_at(),
                duration_minutes=data["duration_minutes"],
                venue=Venue.objects.filter(pk=data.get("venue") or 0).first(),
                adviser=selectors.session_advisers(session.organisation).filter(pk=data["adviser"]).first(),
                note=data["note"],
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, f"{booking.customer.full_name}'s session has been moved")
            return redirect("workspace:session_detail", pk=replacement.session_id)
    return render(
        request,
        "workspace/sessions/reschedule.html",
        {"session": session, "booking": booking, "form": form, "active_nav": "sessions"},
    )


@staff_view(MANAGE_SESSIONS)
def session_add_customer(request: HttpRequest, pk: int) -> HttpResponse:
    """Give another customer a place in a group session."""
    session = _session(pk)
    _require_change(request.user, session)
    if not session.is_group:
        raise Http404("Only group sessions take more people.")
    form = AddCustomerForm(posted_data(request), initial={"circumstance": "0", "funding": "1"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        customer = customer_selectors.customer_by_reference(data["reference"])
        if customer is None:
            form.add_error("reference", "No customer has this reference. Check it and try again")
        else:
            try:
                services.session_booking_add(
                    actor=request.user,
                    session=session,
                    customer=customer,
                    funding=data["funding"],
                    fee=data.get("fee"),
                    circumstance=data["circumstance"],
                )
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                messages.success(request, f"{customer.full_name} has a place in this session")
                return redirect("workspace:session_detail", pk=session.pk)
    return render(
        request,
        "workspace/sessions/add_customer.html",
        {"session": session, "form": form, "fee_cap": rules.fee_cap(), "active_nav": "sessions"},
    )


# The adviser's diary and the record's tab --------------------------------------------------------


@staff_view(MANAGE_SESSIONS)
def my_sessions(request: HttpRequest) -> HttpResponse:
    diary = selectors.adviser_sessions(request.user, on=timezone.localdate())
    return render(request, "workspace/sessions/mine.html", {**diary, "codes": codes, "active_nav": "sessions"})


def sessions_tab_context(customer: Customer, today: datetime.date) -> dict[str, Any]:
    """The record's Sessions tab: every place the customer has had, upcoming first (one query)."""
    bookings = selectors.customer_bookings(customer)
    now = timezone.now()
    return {
        "upcoming_bookings": [b for b in bookings if b.session.starts_at >= now],
        "past_bookings": [b for b in bookings if b.session.starts_at < now],
        "session_codes": codes,
    }


# Venues -----------------------------------------------------------------------------------------


@staff_view(MANAGE_VENUES)
def venue_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    venues = list(selectors.organisation_venues(user.organisation)) if user.organisation_id else []
    return render(request, "workspace/venues/list.html", {"venues": venues, "active_nav": "venues"})


def _venue_form_page(request: HttpRequest, venue: Venue | None) -> HttpResponse:
    user: Any = request.user
    if user.organisation_id is None:
        raise PermissionDenied
    initial: dict[str, Any] = {"is_active": True}
    if venue is not None:
        initial = {name: getattr(venue, name) for name in organisation_services.VENUE_FIELDS}
    form = VenueForm(posted_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if venue is None:
                saved = organisation_services.venue_create(
                    actor=user, organisation=user.organisation, **form.cleaned_data
                )
            else:
                saved = organisation_services.venue_update(actor=user, venue=venue, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, f"{saved.name} has been saved")
            return redirect("workspace:venue_list")
    return render(request, "workspace/venues/form.html", {"form": form, "venue": venue, "active_nav": "venues"})


@staff_view(MANAGE_VENUES)
def venue_create(request: HttpRequest) -> HttpResponse:
    return _venue_form_page(request, None)


@staff_view(MANAGE_VENUES)
def venue_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    venue = Venue.objects.select_related("organisation").filter(pk=pk, organisation_id=user.organisation_id).first()
    if venue is None:
        raise Http404("Your organisation has no venue with this number.")
    return _venue_form_page(request, venue)
