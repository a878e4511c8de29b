"""Every page type the foundation has, checked with axe in its empty, filled and error states.

The journeys check the pages they pass through; this sweep reaches the rest (information pages,
every administration page, security settings, the not-found page).
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from signpost.accounts.roles import Role
from signpost.accounts.services import staff_deactivate
from signpost.core.notifications import send_email
from signpost.organisations.models import Organisation
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import follow, watch
from tests.e2e.outbox import run_queued_tasks
from tests.e2e.staff_steps import sign_in
from tests.factories import TEST_PASSWORD, make_customer, make_staff


def visit(page: Page, url: str, label: str, *, status: int = 200) -> None:
    response = page.goto(url)
    assert response is not None and response.status == status, (label, response and response.status)
    if status != 200:
        # The browser logs an error status itself; that one message is expected, nothing else.
        problems = watch(page)
        assert all(f"status of {status}" in problem for problem in problems.seen), problems.seen
        problems.seen.clear()
    expect(page.locator("h1")).to_have_count(1)
    assert_accessible(page, label)


def submit_empty(page: Page, label: str) -> None:
    """Clear every text box of the page's form and send it, to see the error state."""
    form = page.locator("main form[method=post]").first
    for box in form.locator("input[type=text], input[type=email], input[type=password], textarea").all():
        box.fill("")
    for box in form.locator("input[type=checkbox]:checked").all():
        box.uncheck()
    follow(form.locator("button[type=submit]").first)
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert page.title().startswith("Error: "), page.title()
    assert_accessible(page, f"{label}, with errors")


def test_public_pages(page: Page, site: str) -> None:
    for path, label in [
        ("/", "home"),
        ("/accessibility/", "accessibility statement"),
        ("/privacy/", "privacy notice"),
        ("/cookies/", "cookies"),
        ("/attribution/", "attribution"),
        ("/accounts/password/reset/", "reset password"),
        ("/accounts/password/reset/done/", "reset password sent"),
        ("/accounts/confirm-email/not-a-real-key/", "expired confirmation link"),
    ]:
        visit(page, site + path, label)
    visit(page, site + "/accounts/invitation/MQ/not-a-token/", "invalid invitation", status=400)
    visit(page, site + "/accounts/login/", "sign in")
    submit_empty(page, "sign in")
    visit(page, site + "/accounts/password/reset/", "reset password")
    submit_empty(page, "reset password")

    visit(page, site + "/no-such-page/", "page not found", status=404)
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")


def test_customer_account_and_security_pages(page: Page, site: str) -> None:
    customer = make_customer()
    page.goto(site + "/accounts/login/")
    page.get_by_label("Email address").fill(customer.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    follow(page.get_by_role("button", name="Sign in"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    assert_accessible(page, "your account")
    visit(page, site + "/accounts/2fa/", "two-factor authentication, off")
    visit(page, site + "/accounts/2fa/totp/activate/", "authenticator set-up (customer)")
    visit(page, site + "/accounts/password/change/", "change password")
    submit_empty(page, "change password")
    visit(page, site + "/accounts/email/", "email address")
    visit(page, site + "/accounts/logout/", "sign out")


def test_workspace_administration_pages(page: Page, site: str) -> None:
    national = Organisation.objects.get(touchpoint_id="0000000999")
    london = Organisation.objects.get(touchpoint_id="0000000103")
    admin = make_staff(Role.SYSTEM_ADMINISTRATOR, organisation=national)
    adviser = make_staff(Role.ADVISER, organisation=london)
    invited = make_staff(Role.TEAM_LEADER, organisation=london, mfa=False)
    invited.set_unusable_password()
    invited.save()
    staff_deactivate(actor=admin, user=make_staff(Role.MODERATOR, organisation=london), reason="Left")
    send_email(to="someone@example.com", subject="A message", body="First line\nSecond line")
    run_queued_tasks()

    sign_in(page, site, admin.email)
    visit(page, site + "/workspace/staff/", "staff list")
    visit(page, site + "/workspace/staff/?q=nobody-matches-this", "staff list, no results")
    visit(page, site + f"/workspace/staff/{adviser.pk}/", "person page (active)")
    visit(page, site + f"/workspace/staff/{invited.pk}/", "person page (invited)")
    visit(page, site + f"/workspace/staff/{adviser.pk}/change/", "change staff member")
    submit_empty(page, "change staff member")
    visit(page, site + f"/workspace/staff/{adviser.pk}/deactivate/", "deactivate")
    submit_empty(page, "deactivate")
    visit(page, site + "/workspace/staff/invite/", "invite")
    submit_empty(page, "invite")

    visit(page, site + "/workspace/organisations/", "organisations")
    visit(page, site + "/workspace/organisations/?q=no-such-organisation", "organisations, no results")
    visit(page, site + "/workspace/organisations/add/", "add organisation")
    submit_empty(page, "add organisation")
    visit(page, site + f"/workspace/organisations/{london.pk}/change/", "change organisation")

    visit(page, site + "/workspace/audit-log/", "audit log")
    visit(page, site + "/workspace/audit-log/?action=no.such.action", "audit log, no results")
    visit(page, site + "/workspace/audit-log/?date_from=31/02/2026", "audit log, bad date")

    visit(page, site + "/workspace/outbox/", "outbox")
    visit(page, site + "/workspace/outbox/?recipient=nobody", "outbox, no results")
    page.goto(site + "/workspace/outbox/")
    follow(page.get_by_role("link", name="someone@example.com"))
    expect(page.locator(".govuk-inset-text.signpost-pre-wrap")).to_contain_text("First line\nSecond line")
    assert_accessible(page, "outbox message")

    visit(page, site + "/accounts/2fa/", "two-factor authentication (staff)")
