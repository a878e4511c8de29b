"""A staff member adds a security key, then signs in with it instead of a code from the app."""

from __future__ import annotations

from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from playwright.sync_api import Page, expect

from signpost.accounts.roles import Role
from signpost.organisations.models import Organisation
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import follow
from tests.e2e.pages import WORKSPACE, title
from tests.e2e.staff_steps import CODE_PAGE, sign_in, sign_out_of_workspace
from tests.factories import TEST_PASSWORD, make_staff

KEY_NAME = "Blue USB key"


def use_virtual_security_key(page: Page) -> None:
    """Give the browser a USB security key of its own, through Chromium's DevTools protocol."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )


def test_staff_member_adds_a_security_key_and_signs_in_with_it(page: Page, site: str) -> None:
    # WebAuthn needs a secure context and a domain for the relying party: http://localhost is
    # both, while 127.0.0.1 (the live server's address) is not a valid relying party id.
    site = site.replace("://127.0.0.1", "://localhost")
    national = Organisation.objects.get(touchpoint_id="0000000999")
    adviser = make_staff(Role.ADVISER, organisation=national, given_name="Tomasz", family_name="Nowak")
    RecoveryCodes.activate(adviser)  # as after a normal set-up, so adding a key goes back to the list
    use_virtual_security_key(page)

    sign_in(page, site, adviser.email)

    page.goto(f"{site}/accounts/2fa/")
    expect(page).to_have_title(title("Two-factor authentication", site=WORKSPACE))
    expect(page.locator(".govuk-summary-list")).to_contain_text("None added")
    assert_accessible(page, "two-factor authentication")

    # Just signed in, so allauth does not ask for the password again before a change.
    follow(page.get_by_role("link", name="Add a security key"))

    expect(page).to_have_url(f"{site}/accounts/2fa/webauthn/add/")
    expect(page).to_have_title(title("Add a security key", site=WORKSPACE))
    add_button = page.get_by_role("button", name="Add security key")
    expect(add_button).to_be_visible()  # the script has replaced the no-JavaScript explanation
    expect(page.get_by_text("turn on JavaScript")).to_be_hidden()
    assert_accessible(page, "add a security key")

    # No name yet: the page says so before asking the browser for the key.
    add_button.click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Enter a name for the security key")
    expect(page).to_have_title(title("Add a security key", site=WORKSPACE, error=True))
    assert_accessible(page, "add a security key, no name")

    page.get_by_label("Name for this key").fill(KEY_NAME)
    follow(add_button)
    expect(page).to_have_url(f"{site}/accounts/2fa/")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Security key added")
    expect(page.locator(".govuk-summary-list")).to_contain_text(KEY_NAME)
    assert_accessible(page, "two-factor authentication with a key")

    follow(page.get_by_role("link", name="Manage security keys"))
    expect(page).to_have_title(title("Security keys", site=WORKSPACE))
    expect(page.locator(".govuk-summary-list")).to_contain_text(KEY_NAME)
    assert_accessible(page, "security keys")

    # The same key again: the browser refuses, and the page explains why.
    follow(page.get_by_role("button", name="Add a security key"))
    page.get_by_label("Name for this key").fill("Same key again")
    page.get_by_role("button", name="Add security key").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("This security key is already added to your account")
    expect(page).to_have_title(title("Add a security key", site=WORKSPACE, error=True))
    assert_accessible(page, "add a security key, key already added")
    follow(page.get_by_role("link", name="Cancel"))

    sign_out_of_workspace(page, site)

    page.goto(f"{site}/workspace/sign-in/")
    page.get_by_label("Work email address").fill(adviser.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    follow(page.get_by_role("button", name="Sign in"))
    expect(page.get_by_role("heading", level=1)).to_have_text(CODE_PAGE)
    expect(page.get_by_role("heading", level=2, name="Use a security key instead")).to_be_visible()
    assert_accessible(page, "code page with a security key")

    follow(page.get_by_role("button", name="Use your security key"))
    expect(page).to_have_url(f"{site}/workspace/")
    expect(page).to_have_title(title("Home", site=WORKSPACE))
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Tomasz")
    assert_accessible(page, "workspace home after signing in with a key")

    # Removing the key asks first; the authenticator app stays.
    page.goto(f"{site}/accounts/2fa/webauthn/")
    follow(page.get_by_role("link", name=f"Remove {KEY_NAME}"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Are you sure you want to remove ‘{KEY_NAME}’?")
    assert_accessible(page, "remove security key")
    follow(page.get_by_role("button", name="Remove security key"))
    expect(page).to_have_url(f"{site}/accounts/2fa/webauthn/")
    expect(page.locator("main")).to_contain_text("You have not added any security keys")
    assert_accessible(page, "security keys, none left")
