"""An adviser finds two records of one person and merges them, choosing what the kept record
holds; an administrator then undoes the merge (issue 3, item 9). Every page state passed is
checked with axe: empty, filled and with errors."""

from __future__ import annotations

import datetime

from playwright.sync_api import Page, expect

from signpost.accounts.roles import Role
from signpost.contacts import codes as contact_codes
from signpost.contacts import services as contact_services
from signpost.customers import services
from signpost.customers.models import Customer
from signpost.organisations.models import Organisation
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import follow
from tests.e2e.pages import WORKSPACE, title
from tests.e2e.staff_steps import sign_in
from tests.factories import make_staff

BORN = datetime.date(1988, 3, 9)


def london() -> Organisation:
    return Organisation.objects.get(touchpoint_id="0000000103")


def call(actor: object, customer: Customer, summary: str) -> None:
    contact_services.interaction_record(
        actor=actor,
        customer=customer,
        channel=contact_codes.Channel.TELEPHONE,
        interaction_type=contact_codes.InteractionType.TELEPHONE_CALL,
        reason=contact_codes.ReasonForContact.DEVELOP_MY_CAREER,
        service_level=contact_codes.ServiceLevel.ADVICE,
        summary=summary,
    )


def test_adviser_merges_two_records_and_an_administrator_undoes_it(page: Page, site: str) -> None:
    adviser = make_staff(Role.ADVISER, organisation=london(), given_name="Ada", family_name="Adviser")
    admin = make_staff(Role.SYSTEM_ADMINISTRATOR, organisation=london(), given_name="Sam", family_name="Admin")
    kept = services.customer_create(actor=adviser, given_name="Jon", family_name="Baptiste", date_of_birth=BORN)
    call(adviser, kept, "Asked about electrician apprenticeships.")
    other = services.customer_create(actor=adviser, given_name="John", family_name="Baptiste", date_of_birth=BORN)
    services.contact_details_set(actor=adviser, customer=other, email="john.baptiste@example.com")
    call(adviser, other, "Followed up on the college open day.")
    twin = services.customer_create(actor=adviser, given_name="Jon", family_name="Baptiste", date_of_birth=BORN)

    sign_in(page, site, adviser.email)
    page.goto(f"{site}/workspace/customers/{kept.reference}/")
    follow(page.get_by_role("link", name="Merge with another record"))
    expect(page).to_have_title(title("Merge with another record \N{EN DASH} Jon Baptiste", site=WORKSPACE))
    expect(page.locator("#likely-duplicates")).to_contain_text(twin.display_reference)
    assert_accessible(page, "merge, choose the other record, empty")

    # A reference nobody holds, then this record's own.
    page.get_by_label("Reference of the other record").fill("ZZZZ-ZZZZ")
    follow(page.get_by_role("button", name="Continue"))
    expect(page).to_have_title(title("Merge with another record \N{EN DASH} Jon Baptiste", site=WORKSPACE, error=True))
    expect(page.locator(".govuk-error-summary")).to_contain_text("No record has this reference")
    expect(page.get_by_label("Reference of the other record")).to_have_value("ZZZZ-ZZZZ")
    assert_accessible(page, "merge, choose the other record, error")

    page.get_by_label("Reference of the other record").fill(other.display_reference.lower())
    assert_accessible(page, "merge, choose the other record, filled")
    follow(page.get_by_role("button", name="Continue"))

    expect(page).to_have_title(title("Compare the records \N{EN DASH} Jon Baptiste", site=WORKSPACE))
    comparison = page.locator("#comparison")
    expect(comparison).to_contain_text("Jon")
    expect(comparison).to_contain_text("John")
    expect(comparison).to_contain_text("john.baptiste@example.com")
    assert_accessible(page, "merge, compare")

    # The email the kept record lacks comes from the other one; keep it without a preferred method.
    first_names = page.get_by_role("group", name="Which first name should the kept record have?")
    first_names.get_by_label(f"John (from {other.display_reference})").check()
    page.get_by_role("group", name="Which email address should the kept record have?").get_by_label(
        f"Not recorded (from {kept.display_reference})"
    ).check()
    assert_accessible(page, "merge, compare, filled")
    follow(page.get_by_role("button", name="Continue"))

    expect(page).to_have_title(title("Check the merge \N{EN DASH} Jon Baptiste", site=WORKSPACE))
    choices = page.locator("#choices")
    expect(choices).to_contain_text(f"John (from {other.display_reference})")
    assert_accessible(page, "merge, check answers")
    # Change the email choice back to the other record's.
    follow(choices.get_by_role("link", name="Change email address"))
    page.get_by_role("group", name="Which email address should the kept record have?").get_by_label(
        f"john.baptiste@example.com (from {other.display_reference})"
    ).check()
    follow(page.get_by_role("button", name="Continue"))
    expect(page.locator("#choices")).to_contain_text("john.baptiste@example.com")
    follow(page.get_by_role("button", name="Merge records"))

    expect(page).to_have_url(f"{site}/workspace/customers/{kept.reference}/")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Records merged")
    expect(page.get_by_role("heading", level=1)).to_have_text("John Baptiste")
    timeline = page.locator(".moj-timeline")
    expect(timeline).to_contain_text("Asked about electrician apprenticeships.")
    expect(timeline).to_contain_text("Followed up on the college open day.")
    assert_accessible(page, "kept record with both histories")

    page.goto(f"{site}/workspace/customers/{other.reference}/")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(f"merged into {kept.display_reference}")
    assert_accessible(page, "merged record")

    # The administrator undoes it: first without a reason.
    page.context.clear_cookies()
    sign_in(page, site, admin.email)
    follow(page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Merged records"))
    expect(page).to_have_title(title("Merged records", site=WORKSPACE))
    expect(page.locator("#merges")).to_contain_text(kept.display_reference)
    assert_accessible(page, "merged records")
    follow(page.locator("#merges").get_by_role("link", name="Undo"))
    expect(page).to_have_title(title("Undo a merge", site=WORKSPACE))
    assert_accessible(page, "undo a merge, empty")
    follow(page.get_by_role("button", name="Undo merge"))
    expect(page).to_have_title(title("Undo a merge", site=WORKSPACE, error=True))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter why you are undoing this merge")
    assert_accessible(page, "undo a merge, error")
    page.get_by_label("Why are you undoing this merge?").fill("The customer says these are two different people.")
    assert_accessible(page, "undo a merge, filled")
    follow(page.get_by_role("button", name="Undo merge"))

    expect(page.locator(".govuk-notification-banner")).to_contain_text("Merge undone")
    expect(page.locator("#merges")).to_contain_text("Undone")
    assert_accessible(page, "merged records, after undo")
    page.goto(f"{site}/workspace/customers/{other.reference}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("John Baptiste")
    expect(page.locator(".moj-timeline")).to_contain_text("Followed up on the college open day.")
    expect(page.locator(".moj-timeline")).not_to_contain_text("Asked about electrician apprenticeships.")
    assert Customer.objects.get(pk=kept.pk).given_name == "Jon"
