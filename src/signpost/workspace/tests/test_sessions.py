"""Advice-session pages: who may see and use each, booking through the question pages, the
alternatives for an ineligible customer, attendance, and every form's bad input."""

from __future__ import annotations

import datetime
import re
from html import unescape
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import PEOPLE, PROVIDER_STAFF
from signpost.accounts.roles import Role
from signpost.contacts import codes
from signpost.contacts import session_services as services
from signpost.contacts.models import SessionBooking, TimelineEvent
from signpost.organisations.models import Venue
from tests.factories import CustomerFactory, make_staff

pytestmark = pytest.mark.django_db

SIGN_IN = "/workspace/sign-in/"
STAFF = {role.value for role in Role} - PROVIDER_STAFF | {"other_organisation_admin", "other_organisation_adviser"}
BOOKERS = {Role.ADVISER, Role.TEAM_LEADER, "other_organisation_adviser"}
# Changing a session: its own organisation's advisers and team leaders.
CHANGERS = {Role.ADVISER, Role.TEAM_LEADER}
VENUE_MANAGERS = {Role.MANAGER, Role.SYSTEM_ADMINISTRATOR, "other_organisation_admin"}


def text_of(response: Any) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def expect_denied(response: Any, who: str) -> None:
    if who == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith(SIGN_IN)
    else:
        assert response.status_code in (403, 404)


@pytest.fixture
def adviser(london):
    return make_staff(Role.ADVISER, organisation=london, given_name="Ade", family_name="Adviser")


@pytest.fixture
def customer(db):
    return CustomerFactory(given_name="Ada", family_name="Lovelace", date_of_birth=datetime.date(1990, 5, 1))


@pytest.fixture
def venue(london):
    return Venue.objects.create(
        organisation=london, name="Riverside Library", line_1="1 Quay Street", town="London", postcode="SE1 9PX"
    )


def tomorrow_at(hour=10):
    day = timezone.localdate() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def booking(adviser, customer, venue):
    return services.advice_session_book(
        actor=adviser,
        customer=customer,
        channel=codes.Channel.FACE_TO_FACE,
        session_format=codes.SessionFormat.GROUP,
        title="CV workshop",
        capacity=4,
        starts_at=tomorrow_at(),
        duration_minutes=60,
        adviser=adviser,
        funding=codes.SessionFunding.FUNDED,
        venue=venue,
    )


def started(booking):
    """Move the session into the past so attendance can be recorded."""
    session = booking.session
    session.starts_at -= datetime.timedelta(days=2)
    session.ends_at -= datetime.timedelta(days=2)
    session.save()
    return booking


# Authorisation ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", PEOPLE)
def test_booking_is_for_staff_who_run_sessions(who, person, client_for, customer):
    response = client_for(person(who)).get(reverse("workspace:session_book", kwargs={"reference": customer.reference}))
    if who in BOOKERS:
        assert response.status_code == 200 and "Book an advice session" in text_of(response)
    else:
        expect_denied(response, who)


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize(
    "page", ["session_book_eligibility", "session_book_alternatives", "session_book_details", "session_book_check"]
)
def test_later_booking_steps_are_for_staff_who_run_sessions(who, page, person, client_for, customer):
    response = client_for(person(who)).get(reverse(f"workspace:{page}", kwargs={"reference": customer.reference}))
    if who in BOOKERS:
        # Without the earlier answers each step sends them back to the start.
        assert response.status_code == 302 and response["Location"].endswith("/sessions/book/")
    else:
        expect_denied(response, who)


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("page", ["session_detail", "customer_record_sessions"])
def test_every_member_of_staff_reads_sessions(who, page, person, client_for, booking):
    kwargs = {"pk": booking.session_id} if page == "session_detail" else {"reference": booking.customer.reference}
    response = client_for(person(who)).get(reverse(f"workspace:{page}", kwargs=kwargs))
    if who in STAFF:
        assert response.status_code == 200 and "CV workshop" in text_of(response)
    else:
        expect_denied(response, who)


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize(
    "page",
    ["session_attendance", "session_place_cancel", "session_reschedule", "session_add_customer", "session_cancel"],
)
def test_changing_a_session_is_for_its_own_organisations_advisers(who, page, person, client_for, booking):
    started(booking) if page == "session_attendance" else None
    kwargs: dict[str, int] = {"pk": booking.session_id}
    if page in ("session_attendance", "session_place_cancel", "session_reschedule"):
        kwargs["booking_pk"] = booking.pk
    response = client_for(person(who)).get(reverse(f"workspace:{page}", kwargs=kwargs))
    if who in CHANGERS:
        assert response.status_code == 200 and "<h1" in response.content.decode()
    else:
        expect_denied(response, who)


@pytest.mark.parametrize("who", PEOPLE)
def test_my_sessions_is_for_staff_who_run_sessions(who, person, client_for):
    response = client_for(person(who)).get(reverse("workspace:my_sessions"))
    if who in BOOKERS:
        assert response.status_code == 200 and "My sessions" in text_of(response)
    else:
        expect_denied(response, who)


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("page", ["venue_list", "venue_create"])
def test_venues_are_managed_by_managers_and_administrators(who, page, person, client_for, venue):
    response = client_for(person(who)).get(reverse(f"workspace:{page}"))
    if who in VENUE_MANAGERS:
        assert response.status_code == 200
        assert ("Riverside Library" in text_of(response)) == (
            page == "venue_list" and who != "other_organisation_admin"
        )
    else:
        expect_denied(response, who)


@pytest.mark.parametrize("who", PEOPLE)
def test_a_venue_is_changed_only_by_its_own_organisation(who, person, client_for, venue):
    response = client_for(person(who)).get(reverse("workspace:venue_edit", kwargs={"pk": venue.pk}))
    if who in {Role.MANAGER, Role.SYSTEM_ADMINISTRATOR}:
        assert response.status_code == 200 and 'value="Riverside Library"' in response.content.decode()
    else:
        expect_denied(response, who)


# Booking through the pages ---------------------------------------------------------------------


def test_book_a_face_to_face_session_through_the_question_pages(client_for, adviser, customer, venue):
    client = client_for(adviser)
    ref = {"reference": customer.reference}
    response = client.post(reverse("workspace:session_book", kwargs=ref), {"channel": "1", "session_format": "1"})
    assert response["Location"] == reverse("workspace:session_book_eligibility", kwargs=ref)
    response = client.post(reverse("workspace:session_book_eligibility", kwargs=ref), {"circumstance": "0"})
    assert response["Location"] == reverse("workspace:session_book_details", kwargs=ref)
    day = (timezone.localdate() + datetime.timedelta(days=2)).strftime("%d/%m/%Y")
    details = {
        "starts_on": day,
        "starts_time": "10:30",
        "duration_minutes": "60",
        "adviser": str(adviser.pk),
        "venue": str(venue.pk),
        "notes": "Wants to talk about nursing",
    }
    response = client.post(reverse("workspace:session_book_details", kwargs=ref), details)
    assert response["Location"] == reverse("workspace:session_book_check", kwargs=ref)
    check = text_of(client.get(response["Location"]))
    assert "Riverside Library" in check and "10:30" in check
    assert "Free: This is their free face-to-face session" in check
    response = client.post(reverse("workspace:session_book_check", kwargs=ref))
    booking = SessionBooking.objects.get(customer=customer)
    assert response["Location"] == reverse("workspace:session_detail", kwargs={"pk": booking.session_id})
    assert booking.notes == "Wants to talk about nursing"
    assert TimelineEvent.objects.filter(customer=customer, kind="session.booked").exists()
    record = text_of(client.get(reverse("workspace:customer_record", kwargs=ref)))
    assert "Face-to-face session on" in record and "booked" in record


def test_an_ineligible_customer_is_shown_the_alternatives_and_can_book_by_telephone(client_for, adviser, venue):
    young = CustomerFactory(date_of_birth=timezone.localdate().replace(year=timezone.localdate().year - 18))
    client = client_for(adviser)
    ref = {"reference": young.reference}
    client.post(reverse("workspace:session_book", kwargs=ref), {"channel": "1", "session_format": "1"})
    response = client.post(reverse("workspace:session_book_eligibility", kwargs=ref), {"circumstance": "0"})
    assert response["Location"] == reverse("workspace:session_book_alternatives", kwargs=ref)
    page = text_of(client.get(response["Location"]))
    assert "cannot have a free face-to-face session" in page
    assert "Free advice by telephone" in page and "Help on the website" in page and "fee-paying" in page
    response = client.post(reverse("workspace:session_book_alternatives", kwargs=ref), {"choice": "telephone"})
    assert response["Location"] == reverse("workspace:session_book_details", kwargs=ref)
    details = text_of(client.get(response["Location"]))
    assert "Telephone session details" in details and "Venue" not in details


def test_a_telephone_session_beyond_24_hours_warns_on_the_check_page(client_for, adviser, customer):
    client = client_for(adviser)
    ref = {"reference": customer.reference}
    client.post(reverse("workspace:session_book", kwargs=ref), {"channel": "2", "session_format": "1"})
    day = (timezone.localdate() + datetime.timedelta(days=3)).strftime("%d/%m/%Y")
    details = {"starts_on": day, "starts_time": "09:00", "duration_minutes": "30", "adviser": str(adviser.pk)}
    response = client.post(reverse("workspace:session_book_details", kwargs=ref), details)
    check = text_of(client.get(response["Location"]))
    assert "should start within 24 hours of the information call" in check
    details["later_time_requested"] = "on"
    client.post(reverse("workspace:session_book_details", kwargs=ref), details)
    assert "within 24 hours" not in text_of(client.get(reverse("workspace:session_book_check", kwargs=ref)))


# Bad input keeps what was typed ----------------------------------------------------------------


def test_booking_questions_unanswered(client_for, adviser, customer):
    client = client_for(adviser)
    ref = {"reference": customer.reference}
    page = text_of(client.post(reverse("workspace:session_book", kwargs=ref), {"channel": "1"}))
    assert "Error:" in page and "Select individual or group" in page
    assert (
        'value="1" checked'
        in client.post(reverse("workspace:session_book", kwargs=ref), {"channel": "1"}).content.decode()
    )
    client.post(reverse("workspace:session_book", kwargs=ref), {"channel": "1", "session_format": "1"})
    page = text_of(client.post(reverse("workspace:session_book_eligibility", kwargs=ref), {"circumstance": "7"}))
    assert "Select whether they are a Jobcentre Plus customer or in custody" in page


def test_session_details_with_bad_date_time_and_a_fee_above_the_rate(client_for, adviser, customer, venue, settings):
    from decimal import Decimal

    settings.ADVICE_SESSION_PUBLIC_FUNDING_RATE = Decimal("45.00")
    services.advice_session_book(
        actor=adviser,
        customer=customer,
        channel=codes.Channel.FACE_TO_FACE,
        session_format=codes.SessionFormat.INDIVIDUAL,
        starts_at=tomorrow_at(),
        duration_minutes=60,
        adviser=adviser,
        funding=codes.SessionFunding.FUNDED,
        venue=venue,
    )
    client = client_for(adviser)
    ref = {"reference": customer.reference}
    client.post(reverse("workspace:session_book", kwargs=ref), {"channel": "1", "session_format": "1"})
    client.post(reverse("workspace:session_book_eligibility", kwargs=ref), {"circumstance": "0"})
    client.post(reverse("workspace:session_book_alternatives", kwargs=ref), {"choice": "fee_paying"})
    typed = {
        "starts_on": "31/02/2026",
        "starts_time": "25:00",
        "duration_minutes": "60",
        "adviser": str(adviser.pk),
        "venue": str(venue.pk),
        "fee": "60.00",
        "notes": "Keep these words",
    }
    response = client.post(reverse("workspace:session_book_details", kwargs=ref), typed)
    page, html = text_of(response), response.content.decode()
    assert "Enter a real date, like 27/3/2026" in page and "Enter a real time, like 14:30" in page
    assert 'value="31/02/2026"' in html and 'value="25:00"' in html and "Keep these words" in html
    past = {**typed, "starts_on": "01/01/2020", "starts_time": "10:00"}
    page = text_of(client.post(reverse("workspace:session_book_details", kwargs=ref), past))
    assert "The session must start now or in the future" in page
    future = {
        **typed,
        "starts_on": (timezone.localdate() + datetime.timedelta(days=2)).strftime("%d/%m/%Y"),
        "starts_time": "11:00",
    }
    client.post(reverse("workspace:session_book_details", kwargs=ref), future)
    response = client.post(reverse("workspace:session_book_check", kwargs=ref))
    assert response.status_code == 422 and "£45.00 or less" in text_of(response)


def test_attendance_without_a_reason(client_for, adviser, booking):
    started(booking)
    url = reverse("workspace:session_attendance", kwargs={"pk": booking.session_id, "booking_pk": booking.pk})
    response = client_for(adviser).post(url, {"attended": "no", "note": "Phoned to say sorry"})
    page = text_of(response)
    assert "Select why they did not attend" in page and "Phoned to say sorry" in response.content.decode()
    assert SessionBooking.objects.get(pk=booking.pk).status == codes.SessionStatus.BOOKED
    response = client_for(adviser).post(url, {"attended": "no", "reason": "3"})
    assert response.status_code == 302
    assert SessionBooking.objects.get(pk=booking.pk).status == codes.SessionStatus.DID_NOT_ATTEND


def test_attendance_before_the_session_starts_is_refused(client_for, adviser, booking):
    url = reverse("workspace:session_attendance", kwargs={"pk": booking.session_id, "booking_pk": booking.pk})
    page = text_of(client_for(adviser).post(url, {"attended": "yes"}))
    assert "once the session has started" in page


def test_cancel_with_too_long_a_note(client_for, adviser, booking):
    url = reverse("workspace:session_place_cancel", kwargs={"pk": booking.session_id, "booking_pk": booking.pk})
    response = client_for(adviser).post(url, {"note": "x" * 1001})
    assert "The note must be 1000 characters or fewer" in text_of(response)
    assert SessionBooking.objects.get(pk=booking.pk).status == codes.SessionStatus.BOOKED


def test_reschedule_into_the_past(client_for, adviser, booking, venue):
    url = reverse("workspace:session_reschedule", kwargs={"pk": booking.session_id, "booking_pk": booking.pk})
    typed = {
        "starts_on": "01/01/2020",
        "starts_time": "10:00",
        "duration_minutes": "60",
        "adviser": str(adviser.pk),
        "venue": str(venue.pk),
        "note": "Bus strike",
    }
    response = client_for(adviser).post(url, typed)
    assert "The session must start now or in the future" in text_of(response)
    assert 'value="01/01/2020"' in response.content.decode() and "Bus strike" in response.content.decode()
    moved = {**typed, "starts_on": (timezone.localdate() + datetime.timedelta(days=5)).strftime("%d/%m/%Y")}
    response = client_for(adviser).post(url, moved)
    assert response.status_code == 302
    assert SessionBooking.objects.get(pk=booking.pk).status == codes.SessionStatus.RESCHEDULED


def test_add_a_customer_by_an_unknown_reference(client_for, adviser, booking):
    url = reverse("workspace:session_add_customer", kwargs={"pk": booking.session_id})
    response = client_for(adviser).post(url, {"reference": "ZZZZ-ZZZZ", "circumstance": "0", "funding": "1"})
    assert "No customer has this reference" in text_of(response) and 'value="ZZZZ-ZZZZ"' in response.content.decode()
    other = CustomerFactory(date_of_birth=datetime.date(1985, 1, 1))
    response = client_for(adviser).post(url, {"reference": other.reference, "circumstance": "0", "funding": "1"})
    assert response.status_code == 302 and booking.session.bookings.count() == 2


def test_venue_with_a_bad_postcode_keeps_what_was_typed(client_for, london):
    manager = make_staff(Role.MANAGER, organisation=london)
    typed = {
        "name": "Community Hub",
        "line_1": "5 High Street",
        "town": "London",
        "postcode": "NOT A CODE",
        "accessibility": "Step-free",
        "is_active": "on",
    }
    response = client_for(manager).post(reverse("workspace:venue_create"), typed)
    assert "Enter a full UK postcode" in text_of(response)
    assert 'value="Community Hub"' in response.content.decode() and "Step-free" in response.content.decode()
    response = client_for(manager).post(reverse("workspace:venue_create"), {})
    assert "Enter the venue's name" in text_of(response)
    response = client_for(manager).post(reverse("workspace:venue_create"), {**typed, "postcode": "SE1 9PX"})
    assert response.status_code == 302
    venue = Venue.objects.get(name="Community Hub")
    # The area comes from the postcode district table, which these tests do not load.
    assert venue.organisation == london and venue.postcode == "SE1 9PX" and venue.latitude is not None
