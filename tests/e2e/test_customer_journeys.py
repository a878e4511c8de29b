"""An adviser finds or creates a customer and records a contact; an anonymous enquiry is attached
to a record later (issue 3, items 1, 3, 4, 6, 7 and 8). Every page passed is checked with axe."""

from __future__ import annotations

import datetime

from playwright.sync_api import Page, expect

from signpost.accounts.roles import Role
from signpost.contacts import codes as contact_codes
from signpost.customers.models import Customer
from signpost.organisations.models import Organisation
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import follow
from tests.e2e.outbox import latest_email_to
from tests.e2e.pages import WORKSPACE, title
from tests.e2e.staff_steps import sign_in
from tests.factories import CustomerFactory, make_staff

RECORD_TABS = ["Details", "Contact", "Addresses", "Diversity", "Employment and learning", "Consents"]


def london() -> Organisation:
    return Organisation.objects.get(touchpoint_id="0000000103")


def error_summary_says(page: Page, *messages: str) -> None:
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("There is a problem")
    for message in messages:
        expect(summary).to_contain_text(message)
    assert page.title().startswith("Error: "), page.title()


def every_tab_is_accessible(page: Page, name: str) -> None:
    tabs = page.get_by_role("navigation", name="Customer record")
    for tab in RECORD_TABS:
        follow(tabs.get_by_role("link", name=tab, exact=True))
        expect(page).to_have_title(title(f"{tab} \N{EN DASH} {name}", site=WORKSPACE))
        expect(page.get_by_role("heading", level=2, name=tab, exact=True)).to_be_visible()
        assert_accessible(page, f"customer record, {tab.lower()} tab")
    follow(tabs.get_by_role("link", name="Details", exact=True))


def test_adviser_finds_no_one_creates_a_record_records_a_contact_and_sends_a_summary(page: Page, site: str) -> None:
    adviser = make_staff(Role.ADVISER, organisation=london(), given_name="Ada", family_name="Adviser")
    born = datetime.date(1990, 5, 14)
    # Someone already has this name and date of birth: the create step must offer them first.
    existing = CustomerFactory(given_name="Amara", family_name="Okafor", date_of_birth=born)
    email = "amara.okafor@example.com"

    sign_in(page, site, adviser.email)

    # A name alone is too broad: the search asks for a second field.
    page.locator("#customer-search").fill("Amara Okafor")
    follow(page.get_by_role("search").get_by_role("button", name="Search"))
    expect(page).to_have_title(title("Find a customer", site=WORKSPACE, error=True))
    error_summary_says(page, "To search by name, enter at least 3 letters of the name and the customer’s date of birth")
    expect(page.get_by_label("Reference, name, postcode, phone number or email address")).to_have_value("Amara Okafor")
    assert_accessible(page, "find a customer, name only")

    # Name and a date of birth nobody has (the customer gave the wrong year at first).
    page.get_by_label("Day").fill("14")
    page.get_by_label("Month").fill("5")
    page.get_by_label("Year").fill("1991")
    follow(page.locator("main").get_by_role("button", name="Search"))
    expect(page).to_have_title(title("Find a customer", site=WORKSPACE))
    expect(page.get_by_role("status")).to_have_text("No customers match your search")
    assert_accessible(page, "find a customer, no results")

    follow(page.get_by_role("button", name="Create a new customer record"))
    expect(page).to_have_title(title("Create a customer record", site=WORKSPACE))
    expect(page.get_by_label("First name")).to_have_value("Amara")
    expect(page.get_by_label("Last name")).to_have_value("Okafor")
    expect(page.get_by_label("Year")).to_have_value("1991")
    assert_accessible(page, "create a customer record, prefilled")

    # A typo in the year, with contact details typed: the error keeps everything.
    page.get_by_label("Year").fill("199")
    page.get_by_label("Email address (optional)").fill(email)
    page.get_by_label("Mobile number (optional)").fill("07700 900456")
    follow(page.get_by_role("button", name="Continue"))
    expect(page).to_have_title(title("Create a customer record", site=WORKSPACE, error=True))
    error_summary_says(page, "Date of birth must be a real date")
    expect(page.get_by_label("First name")).to_have_value("Amara")
    expect(page.get_by_label("Year")).to_have_value("199")
    expect(page.get_by_label("Email address (optional)")).to_have_value(email)
    expect(page.get_by_label("Mobile number (optional)")).to_have_value("07700 900456")
    assert_accessible(page, "create a customer record, with errors")

    # They prefer email but have not yet agreed to be contacted that way.
    page.get_by_label("Year").fill("1990")
    page.get_by_role("radio", name="Email").check()
    follow(page.get_by_role("button", name="Continue"))
    expect(page.get_by_role("heading", level=1)).to_have_text("This customer may already have a record")
    duplicates = page.locator("#likely-duplicates")
    expect(duplicates).to_contain_text(existing.display_reference)
    expect(duplicates).to_contain_text("14 May 1990")
    assert_accessible(page, "likely duplicates")

    follow(page.get_by_role("button", name="None of these: create a new record"))
    created = Customer.objects.exclude(pk=existing.pk).get(family_name="Okafor")
    expect(page).to_have_url(f"{site}/workspace/customers/{created.reference}/")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(created.display_reference)
    expect(page.get_by_role("heading", level=1)).to_have_text("Amara Okafor")
    every_tab_is_accessible(page, "Amara Okafor")

    # Record a telephone contact (prefilled as one): without a summary first.
    follow(page.get_by_role("button", name="Record a contact"))
    expect(page).to_have_title(title("Record a contact \N{EN DASH} Amara Okafor", site=WORKSPACE))
    expect(page.get_by_label("Channel")).to_have_value(str(contact_codes.Channel.TELEPHONE))
    assert_accessible(page, "record a contact, empty")
    follow(page.get_by_role("button", name="Save contact"))
    error_summary_says(page, "Enter a summary of the discussion")
    assert_accessible(page, "record a contact, with errors")

    summary = "Asked about apprenticeships in engineering; gave the apprenticeship search and two local providers."
    page.get_by_label("Reason for contact").select_option(label="Develop my career")
    page.get_by_label("Summary of the discussion").fill(summary)
    assert_accessible(page, "record a contact, filled")
    follow(page.get_by_role("button", name="Save contact"))

    # The service-improvement questions come after the advice, prefilled; here they are answered.
    expect(page.get_by_role("heading", level=1)).to_have_text("Service-improvement questions")
    assert_accessible(page, "service-improvement questions")
    page.get_by_label("More detail (optional)").fill("A poster at the library")
    follow(page.get_by_role("button", name="Save answers"))

    expect(page).to_have_url(f"{site}/workspace/customers/{created.reference}/#contact-history")
    timeline = page.locator(".moj-timeline")
    expect(timeline).to_contain_text("Telephone")
    expect(timeline).to_contain_text(summary)
    expect(timeline).to_contain_text("Ada Adviser")
    assert_accessible(page, "customer record with a contact")

    # Sending needs the customer's agreement to be emailed: not given yet.
    follow(timeline.get_by_role("link", name="Send a summary"))
    expect(page.get_by_role("heading", level=1)).to_have_text("The summary cannot be sent")
    assert_accessible(page, "send a summary, refused")
    summary_page = page.url

    # The customer agrees on the call; the adviser records it and sends.
    page.goto(f"{site}/workspace/customers/{created.reference}/change/contact/")
    expect(page.get_by_label("Email address (optional)")).to_have_value(email)
    page.get_by_label("May contact by email").check()
    follow(page.locator("main form[method=post] button[type=submit]").first)
    page.goto(summary_page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Send the customer a summary by email?")
    expect(page.locator(".govuk-inset-text")).to_have_text(email)
    assert_accessible(page, "send a summary, confirm")
    follow(page.get_by_role("button", name="Send summary"))

    expect(page.locator(".govuk-notification-banner")).to_contain_text(f"The summary has been sent by email to {email}")
    expect(page.locator(".moj-timeline")).to_contain_text(f"Summary sent by email to {email}")
    expect(page.locator(".moj-timeline").get_by_role("link", name="Send the summary again")).to_be_visible()
    assert_accessible(page, "customer record after sending the summary")

    sent = latest_email_to(email)
    assert summary in sent.body, sent.body


def test_adviser_records_an_anonymous_enquiry_and_attaches_it_to_a_record(page: Page, site: str) -> None:
    adviser = make_staff(Role.ADVISER, organisation=london(), given_name="Ada", family_name="Adviser")
    customer = CustomerFactory(given_name="Kwame", family_name="Mensah", date_of_birth=datetime.date(1985, 2, 3))

    sign_in(page, site, adviser.email)
    follow(page.get_by_role("link", name="Record an anonymous enquiry"))
    expect(page).to_have_title(title("Record an anonymous enquiry", site=WORKSPACE))
    assert_accessible(page, "record an anonymous enquiry, empty")

    summary = "Asked whether adult learning is free; explained funding for a first level 3."
    page.get_by_label("Summary of the discussion (optional)").fill(summary)
    today = page.get_by_label("Date", exact=True).input_value()
    page.get_by_label("Date", exact=True).fill("31/02/2026")
    follow(page.get_by_role("button", name="Save enquiry"))
    error_summary_says(page, "Enter a real date, like 27/3/2025")
    expect(page.get_by_label("Summary of the discussion (optional)")).to_have_value(summary)
    expect(page.get_by_label("Date", exact=True)).to_have_value("31/02/2026")
    assert_accessible(page, "record an anonymous enquiry, with errors")

    page.get_by_label("Reason for contact").select_option(label="Funding and eligibility")
    page.get_by_label("Date", exact=True).fill(today)
    page.get_by_label("Age", exact=True).select_option(label="16 to 17")
    follow(page.get_by_role("button", name="Save enquiry"))

    expect(page).to_have_title(title("Anonymous enquiries", site=WORKSPACE))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The anonymous enquiry has been recorded")
    row = page.locator("tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Telephone: funding and eligibility")
    expect(row).to_contain_text("age 16 to 17")
    assert_accessible(page, "anonymous enquiries, one waiting")

    follow(row.get_by_role("link", name="Attach to a record"))
    expect(page).to_have_title(title("Attach an enquiry to a customer record", site=WORKSPACE))
    expect(page.locator(".govuk-summary-list")).to_contain_text(summary)
    assert_accessible(page, "attach an enquiry, empty")

    page.get_by_label("Customer reference").fill("ZZZZ-ZZZZ")
    follow(page.get_by_role("button", name="Attach to record"))
    error_summary_says(page, "No customer has this reference")
    expect(page.get_by_label("Customer reference")).to_have_value("ZZZZ-ZZZZ")
    assert_accessible(page, "attach an enquiry, bad reference")

    page.get_by_label("Customer reference").fill(customer.display_reference)
    follow(page.get_by_role("button", name="Attach to record"))

    expect(page).to_have_url(f"{site}/workspace/customers/{customer.reference}/#contact-history")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "The enquiry has been attached to Kwame Mensah's record"
    )
    timeline = page.locator(".moj-timeline")
    expect(timeline).to_contain_text(summary)
    expect(timeline).to_contain_text("anonymous enquiry, attached")
    assert_accessible(page, "customer record with the attached enquiry")

    page.goto(f"{site}/workspace/enquiries/")
    expect(page.locator("main")).to_contain_text("There are no anonymous enquiries waiting to be attached.")
    assert_accessible(page, "anonymous enquiries, none waiting")
