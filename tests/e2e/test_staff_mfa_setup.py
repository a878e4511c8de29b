"""A staff member without a second factor must set up an authenticator app before any workspace page."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from signpost.accounts.roles import Role
from signpost.organisations.models import Organisation
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import follow
from tests.e2e.pages import WORKSPACE, title
from tests.e2e.staff_steps import recovery_codes_then_workspace_home, set_up_authenticator
from tests.factories import TEST_PASSWORD, make_staff


def test_first_sign_in_without_authenticator_leads_to_set_up(page: Page, site: str) -> None:
    national = Organisation.objects.get(touchpoint_id="0000000999")
    adviser = make_staff(Role.ADVISER, organisation=national, mfa=False, given_name="Kemi", family_name="Osei")

    page.goto(f"{site}/workspace/sign-in/")
    page.get_by_label("Work email address").fill(adviser.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    assert_accessible(page, "workspace sign in, filled in")
    follow(page.get_by_role("button", name="Sign in"))

    # No code is asked for (there is no authenticator yet); the workspace sends them to set one up.
    expect(page).to_have_url(f"{site}/accounts/2fa/totp/activate/")
    set_up_authenticator(page)
    recovery_codes_then_workspace_home(page, site)
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Kemi")
    expect(page.locator("main")).to_contain_text("Signed in as Adviser")
    assert_accessible(page, "workspace home after set-up")

    # The workspace now opens without another detour to the set-up page.
    follow(page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Home"))
    expect(page).to_have_title(title("Home", site=WORKSPACE))
