"""Skills action plans and outcomes in the browser (issue 4): an adviser books a session through the
workspace's booking pages and records the customer's attendance, makes a plan with two goals and
three actions in it, sends it, the customer accepts it online and completes an action, and the
adviser sees all of it on the timeline; an outcome claim that is refused with its reason, then
one that is accepted. Every page state passed is checked with axe."""

from __future__ import annotations

import datetime
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from signpost.accounts.roles import Role
from signpost.customers import codes as customer_codes
from signpost.customers.models import ContactDetails, Customer
from signpost.organisations.models import Organisation
from signpost.plans import codes, services
from signpost.plans.models import ActionPlan, Outcome
from signpost.plans.tests.builders import book_session, link_account
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import follow, watch
from tests.e2e.outbox import latest_email_to, link_in
from tests.e2e.pages import SERVICE, WORKSPACE, title
from tests.e2e.staff_steps import (
    a_venue,
    book_free_face_to_face_session_now,
    error_summary_says,
    record_attended,
    sign_in,
)
from tests.factories import TEST_PASSWORD, CustomerFactory, make_customer, make_staff

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def organisation(touchpoint: str) -> Organisation:
    return Organisation.objects.get(touchpoint_id=touchpoint)


def fill_date(page: Page, group: str, day: datetime.date) -> None:
    fieldset = page.get_by_role("group", name=group)
    fieldset.get_by_label("Day").fill(str(day.day))
    fieldset.get_by_label("Month").fill(str(day.month))
    fieldset.get_by_label("Year").fill(str(day.year))


def test_plan_made_in_a_session_accepted_and_updated_online_seen_on_the_timeline(
    page: Page, site: str, browser: Browser
) -> None:
    london = organisation("0000000103")
    adviser = make_staff(Role.ADVISER, organisation=london, given_name="Ada", family_name="Adviser")
    customer: Customer = CustomerFactory(given_name="Nia", family_name="Okoro")  # type: ignore[assignment]
    ContactDetails.objects.create(
        customer=customer,
        preferred_method=customer_codes.ContactMethod.EMAIL,
        email="nia.okoro@example.com",
        may_contact_by_email=True,
    )
    venue = a_venue(london)
    account = make_customer(email="nia.okoro@example.com", given_name="Nia", family_name="Okoro")
    link_account(account, customer)
    today = timezone.localdate()
    in_a_month, in_two_months = today + datetime.timedelta(days=30), today + datetime.timedelta(days=60)

    # The session is booked and attended through the workspace, as the adviser would.
    sign_in(page, site, adviser.email)
    book_free_face_to_face_session_now(page, site, customer.reference, f"{venue.name}, {venue.town}")
    record_attended(page, "Nia Okoro")
    follow(page.get_by_role("link", name="Nia Okoro"))
    follow(page.get_by_role("link", name="Plans and outcomes"))
    expect(page.get_by_role("heading", level=2, name="Plans and outcomes")).to_be_visible()
    expect(page.locator("main")).to_contain_text("No skills action plans yet.")
    assert_accessible(page, "plans and outcomes, empty")

    follow(page.get_by_role("button", name="Make a skills action plan"))
    expect(page).to_have_title(title("Make a skills action plan \N{EN DASH} Nia Okoro", site=WORKSPACE))
    assert_accessible(page, "make a plan, empty")
    page.get_by_label("The customer charter was shown to the customer").check()
    follow(page.get_by_role("button", name="Save and add goals"))
    error_summary_says(page, "Enter the customer's current situation")
    expect(page.get_by_label("The customer charter was shown to the customer")).to_be_checked()
    assert_accessible(page, "make a plan, with errors")

    page.get_by_label("Current situation").fill("Left a warehouse job in March; wants work with children.")
    assert_accessible(page, "make a plan, filled")
    follow(page.get_by_role("button", name="Save and add goals"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Add goal 1")
    assert_accessible(page, "add goal, empty")
    page.get_by_label("Work", exact=True).check()
    page.get_by_label("Goal", exact=True).fill("A job as a nursery assistant")
    fill_date(page, "Due date", in_two_months)
    follow(page.get_by_role("button", name="Save and add another goal"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Add goal 2")
    page.get_by_label("Learning", exact=True).check()
    page.get_by_label("Goal", exact=True).fill("A level 2 childcare certificate")
    fill_date(page, "Due date", today - datetime.timedelta(days=1))
    follow(page.get_by_role("button", name="Save goal"))
    error_summary_says(page, "The due date must be the same as or after the date the goal was captured")
    expect(page.get_by_label("Goal", exact=True)).to_have_value("A level 2 childcare certificate")
    assert_accessible(page, "add goal, with errors")
    fill_date(page, "Due date", in_two_months)
    follow(page.get_by_role("button", name="Save goal"))

    actions = [
        ("Create or update CV", "Add the volunteering at the toddler group to the CV", ""),
        ("Find a course", "Find an evening childcare course", "Lambeth College"),
        ("Search for vacancy", "Look for nursery assistant jobs every week", ""),
    ]
    for number, (kind, summary, signposted) in enumerate(actions, start=1):
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Add action {number}")
        if number == 1:
            assert_accessible(page, "add action, empty")
        page.get_by_label("Type of action").select_option(label=kind)
        page.get_by_label("Action", exact=True).fill(summary)
        fill_date(page, "Due date", in_a_month)
        if signposted:
            page.get_by_label("Signposted to (optional)").fill(signposted)
        last = number == len(actions)
        follow(page.get_by_role("button", name="Save action" if last else "Save and add another action"))

    plan = ActionPlan.objects.get(customer=customer)
    expect(page).to_have_url(f"{site}/workspace/customers/{customer.reference}/plans/{plan.pk}/")
    expect(page.get_by_role("heading", level=3, name="Goal 2: Learning")).to_be_visible()
    expect(page.get_by_role("heading", level=3, name="Action 3: Search for vacancy")).to_be_visible()
    assert_accessible(page, "plan, filled")

    follow(page.get_by_role("button", name="Print"))
    expect(page.locator("main")).to_contain_text("A job as a nursery assistant")
    assert_accessible(page, "print the plan")
    page.go_back()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download as PDF").click()
    assert download.value.suggested_filename == f"skills-action-plan-{customer.reference}-{plan.pk}.pdf"

    follow(page.get_by_role("button", name="Send to the customer"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Send the plan to the customer")
    assert_accessible(page, "send the plan")
    follow(page.get_by_role("button", name="Send plan"))
    error_summary_says(page, "Select how to send the plan")
    assert_accessible(page, "send the plan, with errors")
    page.get_by_label("By email, with a link to read and accept it in their online account").check()
    follow(page.get_by_role("button", name="Send plan"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "The plan has been sent by email to nia.okoro@example.com"
    )

    # The customer, in their own browser, follows the link in the email.
    email = latest_email_to("nia.okoro@example.com")
    customer_context = browser.new_context(locale="en-GB", timezone_id="Europe/London")
    online = customer_context.new_page()
    online.set_default_timeout(10_000)
    problems = watch(online)
    online.goto(link_in(email))
    online.get_by_label("Email address").fill("nia.okoro@example.com")
    online.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    follow(online.get_by_role("button", name="Sign in"))
    expect(online).to_have_title(title("Your action plan", site=SERVICE))
    assert_accessible(online, "customer's plan, not accepted")
    follow(online.get_by_role("button", name="Accept this plan"))
    expect(online.locator(".govuk-notification-banner")).to_contain_text("You have accepted your plan.")
    assert_accessible(online, "customer's plan, accepted")

    follow(online.get_by_role("link", name="Update action 1"))
    expect(online).to_have_title(title("Update your action", site=SERVICE))
    assert_accessible(online, "update an action, empty")
    online.get_by_label("Completed", exact=True).check()
    follow(online.get_by_role("button", name="Save"))
    error_summary_says(online, "Enter the date the action was completed.")
    assert_accessible(online, "update an action, with errors")
    fill_date(online, "Date you completed it", today)
    follow(online.get_by_role("button", name="Save"))
    expect(online.locator(".govuk-notification-banner")).to_contain_text("Your action has been updated")
    expect(online.locator("main")).to_contain_text("Completed on")
    follow(online.get_by_role("link", name="Back"))
    expect(online.locator("#plans")).to_contain_text("1 completed")
    assert_accessible(online, "customer's plans")
    problems.assert_none("customer's journey")
    customer_context.close()

    # The adviser sees both on the customer's timeline.
    page.goto(f"{site}/workspace/customers/{customer.reference}/")
    timeline = page.locator(".moj-timeline")
    expect(timeline).to_contain_text("Customer accepted their skills action plan online")
    expect(timeline).to_contain_text("Customer updated an action online")
    expect(timeline).to_contain_text("Attended a face-to-face session on")
    assert_accessible(page, "record with plan events on the timeline")
    plan.refresh_from_db()
    assert plan.acknowledged_at is not None and plan.delivery_method == codes.DeliveryMethod.EMAIL


def test_an_outcome_claim_refused_with_its_reason_then_one_accepted(page: Page, site: str) -> None:
    london, north_west = organisation("0000000103"), organisation("0000000105")
    adviser = make_staff(Role.ADVISER, organisation=london, given_name="Ada", family_name="Adviser")
    elsewhere = make_staff(Role.ADVISER, organisation=north_west)
    customer: Customer = CustomerFactory(given_name="Sam", family_name="Price")  # type: ignore[assignment]
    today = timezone.localdate()
    earlier = book_session(customer, elsewhere, on=today - datetime.timedelta(days=60))
    services.outcome_claim(
        actor=elsewhere,
        customer=customer,
        session=earlier,
        outcome_type=codes.OutcomeType.CUSTOMER_SATISFACTION,
        effective_on=today - datetime.timedelta(days=50),
        evidence_note="Survey answered: very well",
    )
    book_session(customer, adviser, on=today - datetime.timedelta(days=14))

    sign_in(page, site, adviser.email)
    page.goto(f"{site}/workspace/customers/{customer.reference}/plans/")
    expect(page.locator("#outcomes + table")).to_contain_text(north_west.name)
    assert_accessible(page, "plans and outcomes with another organisation's claim")

    follow(page.get_by_role("button", name="Claim an outcome"))
    expect(page).to_have_title(title("Claim an outcome \N{EN DASH} Sam Price", site=WORKSPACE))
    assert_accessible(page, "claim an outcome, empty")
    page.get_by_role("radio", name=f"with Ada Adviser, {london.name}", exact=False).check()
    page.get_by_label("Customer satisfaction").check()
    fill_date(page, "Effective date", today)
    evidence = "Customer told us the advice met their needs very well."
    page.get_by_label("Evidence", exact=True).fill(evidence)
    assert_accessible(page, "claim an outcome, filled")
    follow(page.get_by_role("button", name="Claim outcome"))
    error_summary_says(
        page, "This customer already has a customer satisfaction outcome", f"(claimed by {north_west.name})"
    )
    expect(page.get_by_label("Evidence", exact=True)).to_have_value(evidence)
    assert_accessible(page, "claim an outcome, refused")
    assert Outcome.objects.count() == 1

    page.get_by_label("Accredited learning").check()
    page.get_by_label("Evidence", exact=True).fill("Level 2 certificate seen, dated this week.")
    page.get_by_label("Evidence file (optional)").set_input_files(
        {"name": "certificate.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    follow(page.get_by_role("button", name="Claim outcome"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Accredited learning outcome")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "The accredited learning outcome has been claimed."
    )
    expect(page.get_by_role("link", name="Download certificate.pdf")).to_be_visible()
    assert_accessible(page, "outcome claimed")
    claimed = Outcome.objects.get(organisation=london)
    assert claimed.outcome_type == codes.OutcomeType.ACCREDITED_LEARNING and claimed.effective_on == today

    follow(page.get_by_role("button", name="Withdraw this claim"))
    assert_accessible(page, "withdraw a claim, empty")
    follow(page.get_by_role("button", name="Withdraw claim"))
    error_summary_says(page, "Enter why the claim is being withdrawn")
    assert_accessible(page, "withdraw a claim, with errors")
    page.get_by_label("Why is the claim being withdrawn?").fill("The certificate was from before the session")
    follow(page.get_by_role("button", name="Withdraw claim"))
    expect(page.locator("main")).to_contain_text("Withdrawn")
    assert_accessible(page, "outcome withdrawn")

    # A customer with no session yet: the pages say what to do first instead of a dead end.
    newcomer: Customer = CustomerFactory()  # type: ignore[assignment]
    page.goto(f"{site}/workspace/customers/{newcomer.reference}/plans/new/")
    expect(page.locator("main")).to_contain_text("Book them a session")
    assert_accessible(page, "make a plan, no session")
    page.goto(f"{site}/workspace/customers/{newcomer.reference}/outcomes/new/")
    expect(page.locator("main")).to_contain_text("Record their attendance at their session first")
    assert_accessible(page, "claim an outcome, no attended session")


def test_a_customer_makes_their_own_plan_and_a_manager_downloads_the_payment_extract(
    page: Page, site: str, browser: Browser
) -> None:
    london = organisation("0000000103")
    customer: Customer = CustomerFactory(given_name="Lee", family_name="Chandra")  # type: ignore[assignment]
    account = make_customer(email="lee.chandra@example.com", given_name="Lee", family_name="Chandra")
    link_account(account, customer)
    today = timezone.localdate()

    online_context = browser.new_context(locale="en-GB", timezone_id="Europe/London")
    online = online_context.new_page()
    online.set_default_timeout(10_000)
    problems = watch(online)
    online.goto(f"{site}/account/plans/")
    online.get_by_label("Email address").fill("lee.chandra@example.com")
    online.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    follow(online.get_by_role("button", name="Sign in"))
    expect(online).to_have_title(title("Your action plans", site=SERVICE))
    expect(online.locator("main")).to_contain_text("You have no action plans yet.")
    assert_accessible(online, "customer's plans, none")

    follow(online.get_by_role("button", name="Make your own plan"))
    assert_accessible(online, "make your own plan, empty")
    online.get_by_label("Where are you now? (optional)").fill("Back to work after looking after my children.")
    follow(online.get_by_role("button", name="Start my plan"))
    expect(online).to_have_title(title("Add a goal", site=SERVICE))
    online.get_by_label("Your goal").fill("A job in a school office")
    follow(online.get_by_role("button", name="Add goal"))
    error_summary_says(online, "Select what kind of goal it is", "Enter the due date")
    expect(online.get_by_label("Your goal")).to_have_value("A job in a school office")
    assert_accessible(online, "add a goal, with errors")
    online.get_by_label("Work", exact=True).check()
    fill_date(online, "Due date", today + datetime.timedelta(days=90))
    follow(online.get_by_role("button", name="Add goal"))
    expect(online.locator(".govuk-notification-banner")).to_contain_text("Your goal has been added")
    follow(online.get_by_role("link", name="Add an action"))
    assert_accessible(online, "add an action, empty")
    online.get_by_label("What kind of action is it?").select_option(label="Create or update CV")
    online.get_by_label("What will you do?").fill("Update my CV with the PTA treasurer role")
    fill_date(online, "Due date", today + datetime.timedelta(days=14))
    follow(online.get_by_role("button", name="Add action"))
    expect(online.get_by_role("heading", level=3, name="Action 1: Create or update CV")).to_be_visible()
    assert_accessible(online, "own plan, filled")
    problems.assert_none("customer's own plan")
    online_context.close()

    # The payment extract, for a London manager.
    adviser = make_staff(Role.ADVISER, organisation=london)
    services.outcome_claim(
        actor=adviser,
        customer=customer,
        session=book_session(customer, adviser, on=today - datetime.timedelta(days=3)),
        outcome_type=codes.OutcomeType.CAREER_MANAGEMENT,
        effective_on=today,
        evidence_note="Next steps confirmed",
    )
    manager = make_staff(Role.MANAGER, organisation=london)
    sign_in(page, site, manager.email)
    follow(page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Payment extract"))
    expect(page).to_have_title(title("Payment extract", site=WORKSPACE))
    assert_accessible(page, "payment extract")
    fill_date(page, "Start of the period", today)
    fill_date(page, "End of the period", today - datetime.timedelta(days=1))
    follow(page.get_by_role("button", name="Download CSV"))
    error_summary_says(page, "The end of the period must be the same as or after its start")
    assert_accessible(page, "payment extract, with errors")
    fill_date(page, "End of the period", today)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").click()
    content = Path(download.value.path()).read_text(encoding="utf-8")
    assert customer.reference in content and content.startswith("Outcome ID,Touchpoint ID")
