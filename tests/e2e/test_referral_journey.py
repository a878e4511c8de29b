"""An adviser finds a partner for the customer's area, refers them with a warm transfer, and moves the
referral on to accepted then completed, seeing each step on the timeline; a team leader keeps the
partner directory (empty, filtered, a mistake on the add form, deactivating). Every page state
passed is checked with axe (issue 4, referrals)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from signpost.accounts.roles import Role
from signpost.organisations.models import Area, Organisation
from signpost.referrals import codes
from signpost.referrals.models import Partner, Referral
from signpost.referrals.tests.builders import live_in, make_partner
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import follow
from tests.e2e.pages import WORKSPACE, title
from tests.e2e.staff_steps import sign_in
from tests.factories import CustomerFactory, make_staff


def london() -> Organisation:
    return Organisation.objects.get(touchpoint_id="0000000103")


def error_summary_says(page: Page, *messages: str) -> None:
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    for message in messages:
        expect(summary).to_contain_text(message)
    assert page.title().startswith("Error: "), page.title()


def test_adviser_refers_with_a_warm_transfer_and_follows_it_to_completed(page: Page, site: str) -> None:
    adviser = make_staff(Role.ADVISER, organisation=london(), given_name="Ada", family_name="Adviser")
    customer = live_in(CustomerFactory(given_name="Jonah", family_name="Price"), area=Area.LONDON)
    make_partner("Riverside Money Advice", accepts_warm_transfers=True, categories=[codes.PartnerCategory.DEBT])
    make_partner("Bankside Housing Help", categories=[codes.PartnerCategory.HOUSING])
    make_partner("Tyne Debt Line", areas=[Area.NORTH_EAST])
    make_partner("National Debt Charity", serves_all_england=True, website="https://debt-charity.example")
    record = f"{site}/workspace/customers/{customer.reference}"

    sign_in(page, site, adviser.email)
    page.goto(f"{record}/referrals/")
    expect(page).to_have_title(title("Referrals \N{EN DASH} Jonah Price", site=WORKSPACE))
    expect(page.locator("main")).to_contain_text("No referrals or signposts yet")
    assert_accessible(page, "referrals tab, empty")

    follow(page.get_by_role("button", name="Refer or signpost"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Refer or signpost")
    expect(page.locator("main")).to_contain_text("They live in London")
    partners = page.locator("#partners")
    expect(partners).to_contain_text("Riverside Money Advice")
    expect(partners).to_contain_text("National Debt Charity")
    expect(partners).not_to_contain_text("Tyne Debt Line")
    assert_accessible(page, "find a partner, the customer's area")

    page.get_by_label("Category").select_option(label="Debt")
    follow(page.get_by_role("button", name="Find partners"))
    expect(partners).not_to_contain_text("Bankside Housing Help")
    assert_accessible(page, "find a partner, debt")

    follow(page.get_by_role("link", name="Refer or signpost to Riverside Money Advice"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Refer or signpost to Riverside Money Advice")
    assert_accessible(page, "refer, empty")

    # A referral without consent or a reason: both explained, the notes kept.
    page.get_by_label("Refer: we get in touch for the customer").check()
    page.get_by_label("Notes (optional)").fill("Prefers calls after 3pm")
    follow(page.get_by_role("button", name="Save"))
    error_summary_says(page, "Enter what the customer needs help with")
    expect(page.get_by_label("Notes (optional)")).to_have_value("Prefers calls after 3pm")
    expect(page.get_by_label("Refer: we get in touch for the customer")).to_be_checked()
    assert_accessible(page, "refer, with errors")

    page.get_by_label("What they need help with").fill("Rent arrears and a county court letter")
    follow(page.get_by_role("button", name="Save"))
    error_summary_says(page, "The customer must agree to us sharing their details")
    assert_accessible(page, "refer, no consent")

    page.get_by_label("The customer agrees to us sharing their details with Riverside Money Advice").check()
    page.get_by_label("This is a warm transfer").check()
    follow(page.get_by_role("button", name="Save"))
    referral = Referral.objects.get()
    expect(page).to_have_url(f"{record}/referrals/{referral.pk}/")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Referral to Riverside Money Advice recorded")
    expect(page.locator("main")).to_contain_text("Check how the warm transfer to Riverside Money Advice went")
    assert_accessible(page, "referral, made")

    # A step that needs a reason, without one.
    page.get_by_label("Withdrawn").check()
    follow(page.get_by_role("button", name="Update status"))
    error_summary_says(page, "Enter why the referral was withdrawn")
    assert_accessible(page, "referral, status with errors")

    page.get_by_label("Accepted").check()
    follow(page.get_by_role("button", name="Update status"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The referral has been marked accepted")
    assert_accessible(page, "referral, accepted")

    page.get_by_label("Completed").check()
    page.get_by_label("Reason or note").fill("Payment plan agreed with the landlord")
    follow(page.get_by_role("button", name="Update status"))
    expect(page.locator("main")).to_contain_text("its status can no longer change")
    expect(page.locator(".moj-timeline")).to_contain_text("Payment plan agreed with the landlord")
    assert_accessible(page, "referral, completed")

    page.goto(f"{record}/")
    timeline = page.locator(".moj-timeline")
    expect(timeline).to_contain_text("Referred to Riverside Money Advice (warm transfer)")
    expect(timeline).to_contain_text("Referral to Riverside Money Advice accepted")
    expect(timeline).to_contain_text("Referral to Riverside Money Advice completed")
    assert_accessible(page, "record timeline with the referral")

    follow(page.get_by_role("navigation", name="Customer record").get_by_role("link", name="Referrals"))
    row = page.locator("tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Completed")
    expect(row).to_contain_text("warm transfer")
    assert_accessible(page, "referrals tab, one completed")

    # Pointing them to another channel of the service: no consent or warm transfer to ask about.
    follow(page.get_by_role("button", name="Refer or signpost"))
    follow(page.get_by_role("link", name="Face to face: an adviser in their area"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Refer or signpost to Face to face: an adviser in their area"
    )
    assert_accessible(page, "signpost to another channel, empty")
    page.get_by_label("Signpost: we give the customer the details").check()
    page.get_by_label("What they need help with").fill("Wants to talk through retraining in person")
    follow(page.get_by_role("button", name="Save"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Signpost to Face to face: an adviser in their area recorded"
    )
    assert_accessible(page, "signpost to another channel, made")


def test_team_leader_keeps_the_directory(page: Page, site: str) -> None:
    leader = make_staff(Role.TEAM_LEADER, organisation=london(), given_name="Tom", family_name="Leader")

    sign_in(page, site, leader.email)
    follow(page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Partners"))
    expect(page).to_have_title(title("Partner directory", site=WORKSPACE))
    expect(page.locator("main")).to_contain_text("There are no partners in the directory yet")
    assert_accessible(page, "partner directory, empty")

    follow(page.get_by_role("button", name="Add a partner"))
    expect(page).to_have_title(title("Add a partner", site=WORKSPACE))
    expect(page.get_by_label("London")).to_be_checked()
    assert_accessible(page, "add a partner, empty")

    page.get_by_label("What they help with").fill("English classes, a job club and free computer use")
    page.get_by_label("Phone number (optional)").fill("12345")
    page.get_by_label("South East").check()
    follow(page.get_by_role("button", name="Save partner"))
    error_summary_says(page, "Enter the partner's name", "Select at least one category", "Enter a UK phone number")
    expect(page.get_by_label("What they help with")).to_have_value("English classes, a job club and free computer use")
    expect(page.get_by_label("Phone number (optional)")).to_have_value("12345")
    expect(page.get_by_label("South East")).to_be_checked()
    assert_accessible(page, "add a partner, with errors")

    page.get_by_label("Name", exact=True).fill("Southwark Community Learning Hub")
    page.get_by_label("Community centre").check()
    page.get_by_label("Training provider").check()
    page.get_by_label("Phone number (optional)").fill("020 7946 0456")
    page.get_by_label("They accept warm transfers").check()
    follow(page.get_by_role("button", name="Save partner"))
    partner = Partner.objects.get()
    expect(page).to_have_url(f"{site}/workspace/partners/{partner.pk}/")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("has been added to the directory")
    expect(page.locator("main")).to_contain_text("020 7946 0456")
    expect(page.locator("main")).to_contain_text("London; South East")
    assert_accessible(page, "partner, added")

    make_partner("Tyne Debt Line", areas=[Area.NORTH_EAST])
    page.goto(f"{site}/workspace/partners/?area={Area.NORTH_EAST.value}")
    expect(page.locator("tbody")).to_contain_text("Tyne Debt Line")
    expect(page.locator("tbody")).not_to_contain_text("Southwark")
    assert_accessible(page, "partner directory, filtered")
    page.goto(f"{site}/workspace/partners/?q=astronaut")
    expect(page.locator("main")).to_contain_text("No partners match your search")
    assert_accessible(page, "partner directory, no match")

    page.goto(f"{site}/workspace/partners/{partner.pk}/")
    follow(page.get_by_role("button", name="Change details"))
    expect(page).to_have_title(title("Change partner", site=WORKSPACE))
    expect(page.get_by_label("Phone number (optional)")).to_have_value("020 7946 0456")
    assert_accessible(page, "change a partner")
    page.get_by_label("Website (optional)").fill("southwark-learning.example")
    follow(page.get_by_role("button", name="Save partner"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("has been updated")
    expect(page.locator("main")).to_contain_text("https://southwark-learning.example")

    follow(page.get_by_role("button", name="Deactivate"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Deactivate this partner?")
    assert_accessible(page, "deactivate a partner")
    follow(page.get_by_role("button", name="Deactivate partner"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("has been deactivated")
    expect(page.get_by_role("button", name="Make active again")).to_be_visible()
    assert_accessible(page, "partner, inactive")
