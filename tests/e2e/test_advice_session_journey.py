"""Advice sessions in the browser (issue 4): an adviser books a free face-to-face session from the
record through every question page, records attendance and sees both on the timeline; a customer
who has had their free session is offered the alternatives; a telephone session days after the
call is warned about; "My sessions" lists the bookings; a manager keeps the venues. Every page
state passed (empty, filled, with errors) is checked with axe."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from playwright.sync_api import Page, expect

from signpost.accounts.roles import Role
from signpost.contacts import codes
from signpost.contacts import session_services as services
from signpost.customers.models import Customer
from signpost.organisations.models import Organisation, Venue
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import follow
from tests.e2e.pages import WORKSPACE, title
from tests.e2e.staff_steps import a_venue, choose_how, error_summary_says, sign_in
from tests.factories import CustomerFactory, make_staff


def london() -> Organisation:
    return Organisation.objects.get(touchpoint_id="0000000103")


def had_free_session(adviser: Any, customer: Customer, venue: Venue) -> None:
    """A free face-to-face session a fortnight ago, attended, so the free one is used."""
    starts_at = timezone.now() - datetime.timedelta(days=14)
    place = services.advice_session_book(
        actor=adviser,
        customer=customer,
        channel=codes.Channel.FACE_TO_FACE,
        session_format=codes.SessionFormat.INDIVIDUAL,
        starts_at=starts_at,
        duration_minutes=60,
        adviser=adviser,
        funding=codes.SessionFunding.FUNDED,
        venue=venue,
        now=starts_at - datetime.timedelta(days=2),
    )
    services.session_booking_record_attendance(actor=adviser, booking=place, attended=True)


def test_adviser_books_a_free_session_records_attendance_and_sees_both_on_the_timeline(page: Page, site: str) -> None:
    adviser = make_staff(Role.ADVISER, organisation=london(), given_name="Ada", family_name="Adviser")
    venue = a_venue(london())
    customer = CustomerFactory(given_name="Nia", family_name="Roberts", date_of_birth=datetime.date(1990, 4, 2))
    record = f"{site}/workspace/customers/{customer.reference}"

    sign_in(page, site, adviser.email)
    page.goto(f"{record}/sessions/")
    expect(page.locator("main")).to_contain_text("No advice sessions yet")
    assert_accessible(page, "sessions tab, empty")

    follow(page.get_by_role("button", name="Book a session"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Book an advice session")
    expect(page).to_have_title(title("Book an advice session \N{EN DASH} Nia Roberts", site=WORKSPACE))
    assert_accessible(page, "book a session, empty")

    # Nothing chosen: both questions say so.
    follow(page.get_by_role("button", name="Continue"))
    error_summary_says(page, "Select face to face or telephone", "Select individual or group")
    assert_accessible(page, "book a session, nothing chosen")

    page.get_by_label("Individual", exact=True).check()
    follow(page.get_by_role("button", name="Continue"))
    error_summary_says(page, "Select face to face or telephone")
    expect(page.get_by_label("Individual", exact=True)).to_be_checked()  # what was chosen is kept
    choose_how(page, "Face to face")

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Is the customer a Jobcentre Plus customer or in custody?"
    )
    assert_accessible(page, "Jobcentre Plus or custody, empty")
    follow(page.get_by_role("button", name="Continue"))
    error_summary_says(page, "Select whether they are a Jobcentre Plus customer or in custody")
    assert_accessible(page, "Jobcentre Plus or custody, nothing chosen")
    page.get_by_label("No, neither").check()
    follow(page.get_by_role("button", name="Continue"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Face-to-face session details")
    assert_accessible(page, "session details, prefilled")
    # Starting now, so attendance can be recorded straight after booking.
    now = timezone.localtime()
    page.get_by_label("Date").fill(now.strftime("%d/%m/%Y"))
    page.get_by_label("Start time").fill(now.strftime("%H:%M"))
    page.get_by_label("Notes for the adviser (optional)").fill("Wants to retrain as an electrician")
    follow(page.get_by_role("button", name="Continue"))
    error_summary_says(page, "Select the venue")
    expect(page.get_by_label("Notes for the adviser (optional)")).to_have_value("Wants to retrain as an electrician")
    assert_accessible(page, "session details, no venue")

    page.get_by_label("Venue").select_option(label="Southbank Careers Centre, London")
    follow(page.get_by_role("button", name="Continue"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Check the booking")
    summary = page.locator(".govuk-summary-list")
    expect(summary).to_contain_text("Face to face")
    expect(summary).to_contain_text("Southbank Careers Centre")
    expect(summary).to_contain_text("Ada Adviser")
    expect(summary).to_contain_text("This is their free face-to-face session")
    expect(summary).to_contain_text("Wants to retrain as an electrician")
    assert_accessible(page, "check the booking")
    follow(page.get_by_role("button", name="Book the session"))

    expect(page.locator(".govuk-notification-banner")).to_contain_text("The session has been booked for Nia Roberts")
    expect(page.get_by_role("heading", level=1)).to_have_text("Face to face session")
    expect(page.locator("main")).to_contain_text(venue.name)
    assert_accessible(page, "the session, booked")

    follow(page.get_by_role("link", name="Record attendance of Nia Roberts"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Record attendance")
    assert_accessible(page, "record attendance, empty")
    follow(page.get_by_role("button", name="Save attendance"))
    error_summary_says(page, "Select whether they attended")
    assert_accessible(page, "record attendance, nothing chosen")
    page.get_by_label("No, they did not attend").check()
    page.get_by_label("Note (optional)").fill("Arrived late but stayed")
    follow(page.get_by_role("button", name="Save attendance"))
    error_summary_says(page, "Select why they did not attend")
    expect(page.get_by_label("Note (optional)")).to_have_value("Arrived late but stayed")
    assert_accessible(page, "record attendance, no reason")
    page.get_by_label("Yes, they attended").check()
    follow(page.get_by_role("button", name="Save attendance"))

    expect(page.locator(".govuk-notification-banner")).to_contain_text("Recorded that Nia Roberts attended")
    expect(page.locator(".govuk-table")).to_contain_text("Attended")
    assert_accessible(page, "the session, attended")

    page.goto(f"{record}/")
    timeline = page.locator(".moj-timeline")
    expect(timeline).to_contain_text("Face-to-face session on")
    expect(timeline).to_contain_text("booked")
    expect(timeline).to_contain_text("Attended a face-to-face session on")
    assert_accessible(page, "record with the session on the timeline")

    page.goto(f"{record}/sessions/")
    expect(page.locator("main .govuk-table")).to_contain_text("Attended")
    assert_accessible(page, "sessions tab, one attended")


def test_alternatives_telephone_warning_and_my_sessions(page: Page, site: str) -> None:
    adviser = make_staff(Role.ADVISER, organisation=london(), given_name="Ada", family_name="Adviser")
    venue = a_venue(london())
    had_one = CustomerFactory(given_name="Owen", family_name="Lloyd", date_of_birth=datetime.date(1980, 1, 9))
    had_free_session(adviser, had_one, venue)
    caller = CustomerFactory(given_name="Maya", family_name="Shah", date_of_birth=datetime.date(1995, 7, 21))

    sign_in(page, site, adviser.email)
    # Already had the free session and not in a priority group: the alternatives, not a dead end.
    page.goto(f"{site}/workspace/customers/{had_one.reference}/sessions/book/")
    choose_how(page, "Face to face")
    page.get_by_label("No, neither").check()
    follow(page.get_by_role("button", name="Continue"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Owen cannot have a free face-to-face session")
    main = page.locator("main")
    expect(main).to_contain_text("already had their free face-to-face session and are not in a priority group")
    expect(main).to_contain_text("Free advice by telephone")
    expect(main).to_contain_text("Help on the website")
    expect(main).to_contain_text("A fee-paying face-to-face session")
    assert_accessible(page, "alternatives to a free session")

    # A telephone session three days after today's call: warned about on the check page.
    page.goto(f"{site}/workspace/customers/{caller.reference}/sessions/book/")
    choose_how(page, "Telephone")
    expect(page.get_by_role("heading", level=1)).to_have_text("Telephone session details")
    assert_accessible(page, "telephone session details, prefilled")
    later = timezone.localdate() + datetime.timedelta(days=3)
    page.get_by_label("Date").fill(later.strftime("%d/%m/%Y"))
    page.get_by_label("Start time").fill("10:00")
    follow(page.get_by_role("button", name="Continue"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the booking")
    expect(page.locator(".govuk-warning-text")).to_contain_text(
        "Telephone advice sessions should start within 24 hours of the information call"
    )
    assert_accessible(page, "check the booking, telephone warning")

    # The customer asked for a later time: no warning, and it is booked.
    page.get_by_role("link", name="Change whether the customer asked for a later time").click()
    page.get_by_label("The customer asked for a time more than 24 hours after the call").check()
    follow(page.get_by_role("button", name="Continue"))
    expect(page.locator(".govuk-warning-text")).to_have_count(0)
    follow(page.get_by_role("button", name="Book the session"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The session has been booked for Maya Shah")
    expect(page.locator("main")).to_contain_text("Customer asked for a later time")

    follow(page.get_by_role("link", name="My sessions"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My sessions")
    expect(page.locator("main")).to_contain_text("Maya Shah")
    assert_accessible(page, "my sessions")


def test_manager_adds_a_venue_after_a_mistake(page: Page, site: str) -> None:
    manager = make_staff(Role.MANAGER, organisation=london(), given_name="Mo", family_name="Manager")

    sign_in(page, site, manager.email)
    follow(page.get_by_role("link", name="Venues"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Venues")
    expect(page.locator("main")).to_contain_text("No venues yet")
    assert_accessible(page, "venues, empty")

    follow(page.get_by_role("button", name="Add a venue"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a venue")
    assert_accessible(page, "add a venue, empty")

    page.get_by_label("Address line 1").fill("2 Granary Row")
    page.get_by_label("Town or city").fill("London")
    page.get_by_label("Postcode").fill("NOT A POSTCODE")
    page.get_by_label("Largest group it holds (optional)").fill("twelve")
    follow(page.get_by_role("button", name="Save venue"))
    error_summary_says(page, "Enter the venue's name", "Enter the number of people as a whole number, like 12")
    expect(page.get_by_label("Address line 1")).to_have_value("2 Granary Row")
    assert_accessible(page, "add a venue, with errors")

    page.get_by_label("Name").fill("Kings Cross Skills Hub")
    page.get_by_label("Largest group it holds (optional)").fill("12")
    follow(page.get_by_role("button", name="Save venue"))
    error_summary_says(page, "Enter a full UK postcode, like LS1 3AB")
    expect(page.get_by_label("Name")).to_have_value("Kings Cross Skills Hub")
    assert_accessible(page, "add a venue, bad postcode")

    page.get_by_label("Postcode").fill("n1c 4qp")
    follow(page.get_by_role("button", name="Save venue"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Kings Cross Skills Hub has been saved")
    table = page.locator("main .govuk-table")
    expect(table).to_contain_text("Kings Cross Skills Hub")
    expect(table).to_contain_text("N1C 4QP")
    expect(table).to_contain_text("Open for bookings")
    assert_accessible(page, "venues, one added")
