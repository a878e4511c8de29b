"""Steps several staff journeys share; each checks every page it passes with axe."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.axe import assert_accessible
from tests.e2e.browser import follow
from tests.e2e.mfa import enter_code, wrong_code
from tests.e2e.pages import WORKSPACE, title
from tests.factories import TEST_PASSWORD, TEST_TOTP_SECRET

SET_UP_PAGE = "Set up your authenticator app"
SET_UP_BUTTON = "Turn on two-factor authentication"
SET_UP_CODE_LABEL = "Code from your authenticator app"
CODE_PAGE = "Enter the code from your authenticator app"


def sign_in(page: Page, site: str, email: str, *, secret: str = TEST_TOTP_SECRET) -> None:
    """Workspace sign-in with password and authenticator code, ending on workspace home."""
    page.goto(f"{site}/workspace/sign-in/")
    assert_accessible(page, "workspace sign in")
    page.get_by_label("Work email address").fill(email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    follow(page.get_by_role("button", name="Sign in"))
    expect(page.get_by_role("heading", level=1)).to_have_text(CODE_PAGE)
    assert_accessible(page, "authenticator code")
    enter_code(page, secret, label="Code", button="Continue")
    expect(page).to_have_url(f"{site}/workspace/")
    expect(page).to_have_title(title("Home", site=WORKSPACE))
    assert_accessible(page, "workspace home")


def set_up_authenticator(page: Page) -> None:
    """On the set-up page: a wrong code first, then the code for the key the page shows."""
    expect(page.get_by_role("heading", level=1)).to_have_text(SET_UP_PAGE)
    expect(page).to_have_title(title(SET_UP_PAGE, site=WORKSPACE))
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    secret = page.locator("#authenticator-secret").inner_text().strip()
    assert secret, "the set-up page shows no setup key"
    assert_accessible(page, "authenticator set-up, empty")

    page.get_by_label(SET_UP_CODE_LABEL).fill(wrong_code(secret))
    follow(page.get_by_role("button", name=SET_UP_BUTTON))
    expect(page).to_have_title(title(SET_UP_PAGE, site=WORKSPACE, error=True))
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.locator("#authenticator-secret")).to_have_text(secret)  # the same key, not a new one
    assert_accessible(page, "authenticator set-up, wrong code")

    enter_code(page, secret, label=SET_UP_CODE_LABEL, button=SET_UP_BUTTON)


def recovery_codes_then_workspace_home(page: Page, site: str) -> None:
    """Straight after set-up: the new recovery codes, then on to workspace home."""
    expect(page).to_have_url(f"{site}/accounts/2fa/recovery-codes/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    assert_accessible(page, "recovery codes")
    follow(page.get_by_role("button", name="Continue"))
    expect(page).to_have_url(f"{site}/workspace/")
    expect(page).to_have_title(title("Home", site=WORKSPACE))


def sign_out_of_workspace(page: Page, site: str) -> None:
    follow(page.locator("header").get_by_role("link", name="Sign out"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign out")
    assert_accessible(page, "sign out confirmation")
    follow(page.locator("main").get_by_role("button", name="Sign out"))
    expect(page).to_have_url(f"{site}/")
    expect(page.get_by_role("navigation", name="Account").get_by_role("link", name="Sign in")).to_be_visible()
    assert_accessible(page, "home after signing out")
