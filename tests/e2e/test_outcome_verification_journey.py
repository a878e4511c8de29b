"""Checking an outcome claim in the browser (issue 4): a quality auditor opens a claim, tries to
save without choosing or saying why, then marks it verified with a reason; the change shows on
the claim and on the customer's timeline. Every page state passed is checked with axe."""

from __future__ import annotations

from django.utils import timezone
from playwright.sync_api import Page, expect

from signpost.accounts.roles import Role
from signpost.customers.models import Customer
from signpost.organisations.models import Organisation
from signpost.plans import codes, services
from signpost.plans.models import Outcome
from signpost.plans.tests.builders import book_session
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import follow
from tests.e2e.pages import WORKSPACE, title
from tests.e2e.staff_steps import error_summary_says, sign_in
from tests.factories import CustomerFactory, make_staff


def test_a_quality_auditor_verifies_a_claim_with_a_reason(page: Page, site: str) -> None:
    london = Organisation.objects.get(touchpoint_id="0000000103")
    adviser = make_staff(Role.ADVISER, organisation=london, mfa=False)
    auditor = make_staff(Role.QUALITY_AUDITOR, organisation=london, given_name="Quinn", family_name="Auditor")
    customer: Customer = CustomerFactory(given_name="Sam", family_name="Price")  # type: ignore[assignment]
    outcome = services.outcome_claim(
        actor=adviser,
        customer=customer,
        session=book_session(customer, adviser),
        outcome_type=codes.OutcomeType.ACCREDITED_LEARNING,
        effective_on=timezone.localdate(),
        evidence_note="Level 2 certificate seen.",
    )

    sign_in(page, site, auditor.email)
    page.goto(f"{site}/workspace/customers/{customer.reference}/outcomes/{outcome.pk}/")
    expect(page.locator("main")).to_contain_text("Awaiting verification")
    assert_accessible(page, "outcome awaiting verification")

    follow(page.get_by_role("button", name="Change verification status"))
    expect(page).to_have_title(title("Verify the accredited learning claim \N{EN DASH} Sam Price", site=WORKSPACE))
    assert_accessible(page, "verify a claim, empty")
    page.get_by_label("Why is it changing?").fill("Rang the awarding body: certificate confirmed")
    page.get_by_label("Awaiting verification").check()
    follow(page.get_by_role("button", name="Save verification status"))
    error_summary_says(page, "The claim is already awaiting verification: select a different status.")
    expect(page.get_by_label("Why is it changing?")).to_have_value("Rang the awarding body: certificate confirmed")
    assert_accessible(page, "verify a claim, with errors")

    page.get_by_label("Verified", exact=True).check()
    follow(page.get_by_role("button", name="Save verification status"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "The accredited learning claim is now verified"
    )
    expect(page.locator("main")).to_contain_text("Rang the awarding body: certificate confirmed")
    assert_accessible(page, "outcome verified")
    assert Outcome.objects.get().verification_status == codes.VerificationStatus.VERIFIED

    page.goto(f"{site}/workspace/customers/{customer.reference}/")
    expect(page.locator("main")).to_contain_text("Accredited learning claim: verified")
    assert_accessible(page, "timeline with the verification")
