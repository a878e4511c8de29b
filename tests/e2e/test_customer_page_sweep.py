"""Every customer page type in the workspace, checked with axe in its empty, filled and error states.

The journeys (test_customer_journeys.py) walk the main paths; this sweep reaches every page and
state they do not: a record with every part filled and one with nothing, a terminated record, the
timeline filtered to nothing, the summary refused, empty lists, and special category access.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from playwright.sync_api import Page, expect

from signpost.accounts.roles import Role
from signpost.contacts import codes as contact_codes
from signpost.contacts import services as contact_services
from signpost.customers import codes, services
from signpost.customers.models import Customer
from signpost.organisations.models import Organisation
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import follow, watch
from tests.e2e.staff_steps import sign_in
from tests.factories import CustomerFactory, filled_customer, make_staff

TAB_PATHS = ["", "contact/", "addresses/", "diversity/", "employment-and-learning/", "consents/"]


def visit(page: Page, url: str, label: str, *, status: int = 200) -> None:
    response = page.goto(url)
    assert response is not None and response.status == status, (label, response and response.status)
    if status != 200:
        # The browser logs an error status itself; that one message is expected, nothing else.
        problems = watch(page)
        assert all(f"status of {status}" in problem for problem in problems.seen), problems.seen
        problems.seen.clear()
    expect(page.locator("h1")).to_have_count(1)
    assert not page.title().startswith("Error: "), (label, page.title())
    assert_accessible(page, label)


def shows_errors(page: Page, label: str) -> None:
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.locator("h1")).to_have_count(1)
    assert page.title().startswith("Error: "), (label, page.title())
    assert_accessible(page, f"{label}, with errors")


def submit_empty(page: Page, label: str, *, button: str | None = None) -> None:
    """Clear every text box of the page's form and send it, to see the error state."""
    form = page.locator("main form[method=post]").first
    for box in form.locator("input[type=text], input[type=email], input[type=tel], textarea").all():
        if box.is_visible():
            box.fill("")
    for box in form.locator("input[type=checkbox]:checked").all():
        box.uncheck()
    submit = form.get_by_role("button", name=button) if button else form.locator("button[type=submit]").first
    follow(submit)
    shows_errors(page, label)


def london() -> Organisation:
    return Organisation.objects.get(touchpoint_id="0000000103")


def record_url(site: str, customer: Customer, tab: str = "") -> str:
    return f"{site}/workspace/customers/{customer.reference}/{tab}"


def full_customer(actor: Any) -> Customer:
    return filled_customer(actor)


def a_contact(actor: Any, customer: Customer | None, **fields: Any) -> Any:
    values: dict[str, Any] = {
        "channel": contact_codes.Channel.TELEPHONE,
        "interaction_type": contact_codes.InteractionType.TELEPHONE_CALL,
        "reason": contact_codes.ReasonForContact.DEVELOP_MY_CAREER,
        "service_level": contact_codes.ServiceLevel.INFORMATION,
        "organisation": actor.organisation,
        "occurred_at": timezone.now() - datetime.timedelta(hours=1),
        "summary": "Talked through apprenticeships and local colleges.",
    }
    values.update(fields)
    if customer is None:
        return contact_services.anonymous_enquiry_record(actor=actor, **values)
    return contact_services.interaction_record(actor=actor, customer=customer, **values)


def test_find_and_create_pages(page: Page, site: str) -> None:
    adviser = make_staff(Role.ADVISER, organisation=london())
    priya = full_customer(adviser)
    sign_in(page, site, adviser.email)

    search = f"{site}/workspace/customers/"
    visit(page, search, "find a customer, empty")
    visit(page, f"{search}?q={priya.display_reference}", "find a customer, one result")
    expect(page.locator("#customer-results")).to_contain_text("Priya Sharma")
    visit(page, f"{search}?q=SW1A1AA", "find a customer, by postcode")
    visit(page, f"{search}?q=nobody%40example.com", "find a customer, no results")
    expect(page.get_by_role("status")).to_have_text("No customers match your search")
    page.goto(f"{search}?q=Priya")
    shows_errors(page, "find a customer, name only")
    page.goto(f"{search}?q=Priya&date_of_birth-day=31&date_of_birth-month=2&date_of_birth-year=1990")
    shows_errors(page, "find a customer, impossible date")
    page.goto(f"{search}?q=Priya&postcode=not-a-postcode")
    shows_errors(page, "find a customer, bad postcode")

    create = f"{site}/workspace/customers/new/"
    visit(page, create, "create a customer record, empty")
    submit_empty(page, "create a customer record")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the customer’s first name")
    born = priya.date_of_birth
    assert born is not None
    visit(
        page,
        f"{create}?given_name=Priya&family_name=Sharma&date_of_birth-day={born.day}"
        f"&date_of_birth-month={born.month}&date_of_birth-year={born.year}",
        "create a customer record, prefilled",
    )
    page.get_by_role("radio", name="Not known").check()
    follow(page.get_by_role("button", name="Continue"))
    expect(page.get_by_role("heading", level=1)).to_have_text("This customer may already have a record")
    assert_accessible(page, "likely duplicates")
    follow(page.get_by_role("button", name="Change the details"))
    expect(page.get_by_label("First name")).to_have_value("Priya")
    assert_accessible(page, "create a customer record, back to change the details")


def test_record_tabs_timeline_and_contact_pages(page: Page, site: str) -> None:
    adviser = make_staff(Role.ADVISER, organisation=london())
    priya = full_customer(adviser)
    contact = a_contact(
        adviser,
        priya,
        channel=contact_codes.Channel.WEBCHAT,
        interaction_type=contact_codes.InteractionType.WEBCHAT,
        transcript="Adviser: Hello\nCustomer: Hi, I want to retrain.",
        line_or_campaign="National line",
        language="Punjabi",
        interpreter_used=True,
    )
    empty = CustomerFactory(given_name="Sam", family_name="Blank", date_of_birth=None)
    empty_contact = a_contact(adviser, empty)
    terminated = CustomerFactory(given_name="Terry", family_name="Ended")
    a_contact(adviser, terminated)
    services.customer_terminate(actor=adviser, customer=terminated, reason=codes.TerminationReason.DUPLICATE)
    sign_in(page, site, adviser.email)

    for tab in TAB_PATHS:
        visit(page, record_url(site, priya, tab), f"filled record, tab {tab or 'details'}")
        visit(page, record_url(site, empty, tab), f"empty record, tab {tab or 'details'}")
        visit(page, record_url(site, terminated, tab), f"terminated record, tab {tab or 'details'}")
    expect(page.get_by_role("region", name="Record terminated")).to_be_visible()

    visit(page, record_url(site, priya) + "?channel=5&type=3#contact-history", "timeline filtered to nothing")
    expect(page.locator("main")).to_contain_text("No contacts match these filters.")
    visit(page, record_url(site, priya) + f"?channel={contact_codes.Channel.WEBCHAT}", "timeline filtered")
    expect(page.locator(".moj-timeline")).to_contain_text("Hi, I want to retrain.")
    visit(page, f"{site}/workspace/customers/AAAA-AAAA/", "no such customer", status=404)

    new_contact = record_url(site, priya, "contacts/new/")
    visit(page, new_contact, "record a contact, prefilled")
    submit_empty(page, "record a contact")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a summary of the discussion")
    # A transcript on a telephone contact is refused by the contacts rules, keeping what was typed.
    page.get_by_label("Date", exact=True).fill(timezone.localdate().strftime("%d/%m/%Y"))
    page.get_by_label("Time", exact=True).fill("09:30")
    page.get_by_label("Summary of the discussion").fill("Some advice")
    page.get_by_label("Transcript (optional)").fill("Not a chat")
    follow(page.get_by_role("button", name="Save contact"))
    shows_errors(page, "record a contact, transcript on a call")
    expect(page.get_by_label("Transcript (optional)")).to_have_value("Not a chat")

    questions = record_url(site, priya, f"contacts/{contact.pk}/service-improvement/")
    visit(page, questions, "service-improvement questions, prefilled")
    page.get_by_label("More detail (optional)").fill("x" * 101)
    follow(page.get_by_role("button", name="Save answers"))
    shows_errors(page, "service-improvement questions")
    expect(page.get_by_label("More detail (optional)")).to_have_value("x" * 101)

    visit(page, record_url(site, priya, f"contacts/{contact.pk}/send-summary/"), "send a summary, by email")
    expect(page.get_by_role("heading", level=1)).to_have_text("Send the customer a summary by email?")
    # Their preference changes before the adviser presses send: the send is refused as an error.
    services.contact_details_set(actor=adviser, customer=priya, email="priya.sharma@example.com")
    follow(page.get_by_role("button", name="Send summary"))
    expect(page.get_by_role("heading", level=1)).to_have_text("The summary cannot be sent")
    shows_errors(page, "send a summary, refused on sending")
    visit(page, record_url(site, empty, f"contacts/{empty_contact.pk}/send-summary/"), "send a summary, refused")
    expect(page.get_by_role("heading", level=1)).to_have_text("The summary cannot be sent")


def test_anonymous_enquiry_pages(page: Page, site: str) -> None:
    adviser = make_staff(Role.ADVISER, organisation=london())
    sign_in(page, site, adviser.email)

    visit(page, f"{site}/workspace/enquiries/", "anonymous enquiries, none")
    visit(page, f"{site}/workspace/enquiries/new/", "record an anonymous enquiry, prefilled")
    submit_empty(page, "record an anonymous enquiry")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the date of the contact")

    a_contact(adviser, None, summary="")
    with_summary = a_contact(
        adviser,
        None,
        customer_type=codes.CustomerType.ADULT,
        age_band=contact_codes.AgeBand.AGED_16_TO_17,
        area=None,
    )
    visit(page, f"{site}/workspace/enquiries/", "anonymous enquiries, two")
    expect(page.locator("tbody tr")).to_have_count(2)
    visit(page, f"{site}/workspace/enquiries/{with_summary.pk}/attach/", "attach an enquiry")
    submit_empty(page, "attach an enquiry")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the customer's reference")
    follow(page.get_by_role("link", name="Back to anonymous enquiries"))
    follow(page.get_by_role("link", name="Attach to a record").last)
    expect(page.get_by_label("Summary of the discussion")).to_be_visible()
    assert_accessible(page, "attach an enquiry recorded without a summary")
    visit(page, f"{site}/workspace/enquiries/999999/attach/", "no such enquiry", status=404)


def test_diversity_tab_needs_the_special_category_permission(page: Page, site: str) -> None:
    manager = make_staff(Role.MANAGER, organisation=london())
    customer = CustomerFactory(given_name="Jo", family_name="Private")
    sign_in(page, site, manager.email)

    visit(page, record_url(site, customer), "record without special category access")
    tabs = page.get_by_role("navigation", name="Customer record")
    expect(tabs.get_by_role("link", name="Details", exact=True)).to_be_visible()
    expect(tabs.get_by_role("link", name="Diversity")).to_have_count(0)
    visit(page, record_url(site, customer, "diversity/"), "diversity tab refused", status=403)
    expect(page.locator("main")).not_to_contain_text("Ethnicity")
    visit(page, record_url(site, customer, "change/diversity/"), "change diversity refused", status=403)


def send_bad_email(page: Page, label: str) -> None:
    """Every contact detail is optional: a malformed email address is the error to show."""
    page.get_by_label("Email address (optional)").fill("not-an-email")
    follow(page.locator("main form[method=post] button[type=submit]").first)
    shows_errors(page, label)
    expect(page.get_by_label("Email address (optional)")).to_have_value("not-an-email")


def declare_without_consent(page: Page, label: str) -> None:
    """Health information without the customer's consent to record it (domain.md's consent rule)."""
    page.get_by_label("Learning difficulty, disability or health problem").select_option(
        label="Has a learning difficulty, disability or health problem"
    )
    follow(page.locator("main form[method=post] button[type=submit]").first)
    shows_errors(page, label)
    expect(page.get_by_label("Learning difficulty, disability or health problem")).to_have_value(
        str(codes.DisabilityDeclaration.HAS_DIFFICULTY_OR_DISABILITY)
    )


# Changing the record (views_customer_edit): each page under the record, shown for a full record,
# then for an empty one and sent from there with every box cleared (or the page's own mistake).
ERROR_BY = {"change/contact/": send_bad_email, "change/diversity/": declare_without_consent}
EDIT_PAGES = [
    "change/identity/",
    "change/contact/",
    "change/addresses/new/",
    "change/diversity/",
    "change/employment-status/",
    "change/learning-status/",
    "change/priority-groups/",
    "change/consents/",
    "memorable-word/",
    "terminate/",
]


def test_change_record_pages(page: Page, site: str) -> None:
    adviser = make_staff(Role.ADVISER, organisation=london())
    priya = full_customer(adviser)
    services.identity_secret_set(actor=adviser, customer=priya, word="Marigold42")
    current = services.address_add(
        actor=adviser, customer=priya, line_1="10 Downing Street", postcode="SW1A 2AA", ends_previous=False
    )
    empty = CustomerFactory(given_name="Sam", family_name="Blank", date_of_birth=None)
    terminated = CustomerFactory(given_name="Terry", family_name="Ended")
    services.customer_terminate(actor=adviser, customer=terminated, reason=codes.TerminationReason.DUPLICATE)
    sign_in(page, site, adviser.email)

    for path in EDIT_PAGES:
        visit(page, record_url(site, priya, path), f"{path}, filled")
        visit(page, record_url(site, empty, path), f"{path}, empty")
        ERROR_BY.get(path, submit_empty)(page, path)
    visit(page, record_url(site, terminated, "change/identity/"), "change a terminated record", status=409)

    check = record_url(site, priya, "identity-check/")
    visit(page, check, "check identity")
    submit_empty(page, "check identity")
    visit(page, record_url(site, empty, "identity-check/"), "check identity without a memorable word")
    expect(page.get_by_role("heading", level=1)).to_have_text("Set a memorable word")

    end = record_url(site, priya, f"change/addresses/{current.pk}/end/")
    visit(page, end, "end an address")
    submit_empty(page, "end an address")
