"""A customer links their online account to their advice record (date of birth, then a code read
from the outbox), updates their contact details and reads a summary; an adviser invites another
customer, who creates an account from the emailed link (issue 3, what a customer can do).
Every page state passed is checked with axe."""

from __future__ import annotations

import datetime
import re

from playwright.sync_api import Browser, Page, expect

from signpost.accounts.roles import Role
from signpost.contacts import codes as contact_codes
from signpost.contacts import services as contact_services
from signpost.customers import codes
from signpost.customers import services as customer_services
from signpost.customers.models import ContactDetails, Customer
from signpost.organisations.models import Organisation
from signpost.space.models import AccountLink
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import follow
from tests.e2e.outbox import latest_email_to, link_in
from tests.e2e.pages import WORKSPACE, title
from tests.e2e.staff_steps import sign_in
from tests.factories import TEST_PASSWORD, CustomerFactory, make_customer, make_staff

BORN = datetime.date(1990, 5, 14)
SUMMARY = "Talked through apprenticeships in engineering; gave two local providers to contact."


def london() -> Organisation:
    return Organisation.objects.get(touchpoint_id="0000000103")


def record_for(adviser: object, given: str, family: str, email: str) -> Customer:
    customer: Customer = CustomerFactory(given_name=given, family_name=family, date_of_birth=BORN)  # type: ignore[assignment]
    customer_services.contact_details_set(
        actor=adviser,
        customer=customer,
        preferred_method=codes.ContactMethod.EMAIL,
        email=email,
        mobile="07700 900456",
        may_contact_by_email=True,
        may_contact_by_sms=True,
    )
    return customer


def error_summary_says(page: Page, message: str) -> None:
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text(message)
    assert page.title().startswith("Error: "), page.title()


def fill_date_of_birth(page: Page, day: str, month: str, year: str) -> None:
    page.get_by_label("Day").fill(day)
    page.get_by_label("Month").fill(month)
    page.get_by_label("Year").fill(year)


def code_in(body: str) -> str:
    found = re.search(r"\b(\d{6})\b", body)
    assert found, body
    return found.group(1)


def test_customer_links_their_account_updates_details_and_reads_a_summary(page: Page, site: str) -> None:
    email = "amara.okafor@example.com"
    adviser = make_staff(Role.ADVISER, organisation=london(), given_name="Ada", family_name="Adviser")
    customer = record_for(adviser, "Amara", "Okafor", email)
    contact_services.interaction_record(
        actor=adviser,
        customer=customer,
        channel=contact_codes.Channel.TELEPHONE,
        interaction_type=contact_codes.InteractionType.TELEPHONE_CALL,
        reason=contact_codes.ReasonForContact.DEVELOP_MY_CAREER,
        service_level=contact_codes.ServiceLevel.ADVICE,
        summary=SUMMARY,
    )
    make_customer(email=email, given_name="Amara", family_name="Okafor")

    page.goto(f"{site}/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    follow(page.get_by_role("button", name="Sign in"))
    expect(page).to_have_title(title("Your account"))
    assert_accessible(page, "your account, not linked")

    follow(page.get_by_role("button", name="Link to your advice record"))
    expect(page).to_have_title(title("What is your date of birth?"))
    assert_accessible(page, "date of birth, empty")
    follow(page.get_by_role("button", name="Continue"))
    error_summary_says(page, "Enter the date of birth")
    assert_accessible(page, "date of birth, error")

    # A wrong date: the same answer as for anyone with no record.
    fill_date_of_birth(page, "15", "5", "1990")
    follow(page.get_by_role("button", name="Continue"))
    expect(page.get_by_role("heading", level=1)).to_have_text("We could not link your account")
    assert_accessible(page, "not matched")

    follow(page.get_by_role("link", name="Try again"))
    fill_date_of_birth(page, "14", "5", "1990")
    assert_accessible(page, "date of birth, filled")
    follow(page.get_by_role("button", name="Continue"))
    expect(page).to_have_title(title("Where should we send your code?"))
    assert_accessible(page, "where to send the code, empty")
    follow(page.get_by_role("button", name="Send code"))
    error_summary_says(page, "Select where to send your code")
    assert_accessible(page, "where to send the code, error")
    page.get_by_role("radio", name=re.compile("Email to")).check()
    follow(page.get_by_role("button", name="Send code"))

    expect(page).to_have_title(title("Enter the code we sent you"))
    assert_accessible(page, "enter the code, empty")
    code = code_in(latest_email_to(email).body)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    page.get_by_label("Code").fill(wrong)
    follow(page.get_by_role("button", name="Link my account"))
    error_summary_says(page, "The code is not right")
    expect(page.get_by_label("Code")).to_have_value(wrong)
    assert_accessible(page, "enter the code, wrong")
    page.get_by_label("Code").fill(code)
    follow(page.get_by_role("button", name="Link my account"))

    expect(page).to_have_title(title("Your account"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your account is now linked")
    expect(page.locator("main")).to_contain_text(customer.display_reference)
    assert_accessible(page, "your account, linked")

    # Contact details: check answers, then save.
    follow(page.get_by_role("link", name="Your contact details and preferences"))
    expect(page.locator("main")).to_contain_text("07700 900456")
    assert_accessible(page, "contact details")
    follow(page.get_by_role("button", name="Change your details"))
    expect(page.get_by_label("Mobile number (optional)")).to_have_value("07700 900456")
    assert_accessible(page, "change contact details, filled")
    page.get_by_label("Mobile number (optional)").fill("020 7946 0000")
    page.get_by_label("Which language would you prefer to use with us? (optional)").fill("Somali")
    page.get_by_label("Text message", exact=True).first.check()
    follow(page.get_by_role("button", name="Continue"))
    error_summary_says(page, "Enter a UK mobile number")
    expect(page.get_by_label("Which language would you prefer to use with us? (optional)")).to_have_value("Somali")
    assert_accessible(page, "change contact details, error")
    page.get_by_label("Mobile number (optional)").fill("07700 900999")
    follow(page.get_by_role("button", name="Continue"))
    expect(page).to_have_title(title("Check your answers"))
    expect(page.locator(".govuk-summary-list")).to_contain_text("07700 900999")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Somali")
    assert_accessible(page, "check your answers")
    follow(page.get_by_role("button", name="Save details"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your contact details have been updated")
    assert_accessible(page, "contact details, saved")
    saved = ContactDetails.objects.get(customer=customer)
    assert saved.mobile == "+447700900999" and saved.preferred_language == "Somali"

    # The conversation's summary.
    follow(page.get_by_role("link", name="Back"))
    follow(page.get_by_role("link", name="Your conversations with advisers"))
    expect(page.locator("#conversations")).to_contain_text(SUMMARY)
    assert_accessible(page, "conversations")
    follow(page.locator("#conversations").get_by_role("link").first)
    expect(page.locator("main")).to_contain_text(SUMMARY)
    expect(page.locator("main")).to_contain_text("Summary sent to you")
    assert_accessible(page, "a conversation")


def test_adviser_invites_a_customer_who_creates_an_account_from_the_link(
    page: Page, site: str, browser: Browser
) -> None:
    email = "kwame.mensah@example.com"
    adviser = make_staff(Role.ADVISER, organisation=london(), given_name="Ada", family_name="Adviser")
    customer = record_for(adviser, "Kwame", "Mensah", email)

    sign_in(page, site, adviser.email)
    page.goto(f"{site}/workspace/customers/{customer.reference}/contact/")
    expect(page.locator(".moj-identity-bar")).to_contain_text("Online account")
    assert_accessible(page, "record contact tab, no online account")
    follow(page.get_by_role("link", name="Invite to create an online account"))
    expect(page).to_have_title(title("Invite to an online account \N{EN DASH} Kwame Mensah", site=WORKSPACE))
    assert_accessible(page, "invite to an online account")
    follow(page.get_by_role("button", name="Send invitation"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(f"Invitation sent to {email}")
    expect(page.locator("main")).to_contain_text("Invited on")
    assert_accessible(page, "record contact tab, invited")

    invitation = link_in(latest_email_to(email))
    customer_context = browser.new_context(locale="en-GB", timezone_id="Europe/London")
    try:
        visitor = customer_context.new_page()
        visitor.goto(invitation)
        expect(visitor).to_have_title(title("Create your online account"))
        assert_accessible(visitor, "invitation, signed out")
        follow(visitor.get_by_role("button", name="Create an account"))
        expect(visitor.get_by_label("Email address")).to_have_value(email)
        visitor.get_by_label("First name").fill("Kwame")
        visitor.get_by_label("Last name").fill("Mensah")
        visitor.get_by_label("Create a password").fill(TEST_PASSWORD)
        visitor.get_by_label("Confirm your password").fill(TEST_PASSWORD)
        assert_accessible(visitor, "create an account from an invitation")
        follow(visitor.get_by_role("button", name="Create account"))

        # The link proved the email address: straight on to the date of birth.
        expect(visitor).to_have_title(title("What is your date of birth?"))
        assert_accessible(visitor, "invitation date of birth, empty")
        fill_date_of_birth(visitor, "14", "5", "1991")
        follow(visitor.get_by_role("button", name="Link my account"))
        error_summary_says(visitor, "We could not match your details")
        expect(visitor.get_by_label("Year")).to_have_value("1991")
        assert_accessible(visitor, "invitation date of birth, error")
        visitor.get_by_label("Year").fill("1990")
        follow(visitor.get_by_role("button", name="Link my account"))
        expect(visitor).to_have_title(title("Your account"))
        expect(visitor.locator(".govuk-notification-banner")).to_contain_text("Your account is now linked")
        assert_accessible(visitor, "your account, linked by invitation")
    finally:
        customer_context.close()
    assert AccountLink.objects.get(customer=customer).method == "invitation"

    page.reload()
    expect(page.locator(".moj-identity-bar")).to_contain_text("Linked since")
    assert_accessible(page, "record contact tab, linked")
