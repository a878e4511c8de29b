"""Staff sign in to the workspace with a password and then a code from their authenticator app."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from signpost.accounts.roles import Role
from signpost.organisations.models import Organisation
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import follow
from tests.e2e.mfa import enter_code, wrong_code
from tests.e2e.pages import WORKSPACE, title
from tests.e2e.staff_steps import CODE_PAGE
from tests.factories import TEST_PASSWORD, TEST_TOTP_SECRET, make_staff


def test_adviser_signs_in_with_password_and_authenticator_code(page: Page, site: str) -> None:
    national = Organisation.objects.get(touchpoint_id="0000000999")
    adviser = make_staff(Role.ADVISER, organisation=national, given_name="Nadia", family_name="Kowalczyk")

    page.goto(f"{site}/workspace/")
    expect(page).to_have_url(f"{site}/workspace/sign-in/?next=%2Fworkspace%2F")
    expect(page).to_have_title(title("Sign in to the workspace", site=WORKSPACE))
    assert_accessible(page, "workspace sign in, empty")

    page.get_by_label("Work email address").fill(adviser.email)
    page.get_by_label("Password", exact=True).fill("not-the-password-1")
    assert_accessible(page, "workspace sign in, filled in")
    follow(page.get_by_role("button", name="Sign in"))
    expect(page).to_have_title(title("Sign in to the workspace", site=WORKSPACE, error=True))
    expect(page.locator(".govuk-error-summary")).to_contain_text("password you specified are not correct")
    expect(page.get_by_label("Work email address")).to_have_value(adviser.email)  # what they typed is kept
    assert_accessible(page, "workspace sign in, wrong password")

    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    follow(page.get_by_role("button", name="Sign in"))
    expect(page.get_by_role("heading", level=1)).to_have_text(CODE_PAGE)
    # Customers with two-factor authentication share this page, so it has the public site's frame.
    expect(page).to_have_title(title(CODE_PAGE))
    assert_accessible(page, "authenticator code, empty")

    page.get_by_label("Code", exact=True).fill(wrong_code(TEST_TOTP_SECRET))
    follow(page.get_by_role("button", name="Continue"))
    expect(page).to_have_title(title(CODE_PAGE, error=True))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Incorrect code")
    assert_accessible(page, "authenticator code, wrong code")

    enter_code(page, TEST_TOTP_SECRET, label="Code", button="Continue")
    expect(page).to_have_url(f"{site}/workspace/")
    expect(page).to_have_title(title("Home", site=WORKSPACE))
    main = page.locator("main")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Nadia")
    expect(main).to_contain_text("National contact centre")
    expect(main).to_contain_text("Signed in as Adviser")
    expect(page.locator("header")).to_contain_text("Nadia Kowalczyk, National contact centre")
    expect(page.get_by_role("search")).to_be_visible()
    expect(page.get_by_label("Reference, name, postcode, phone number or email")).to_be_visible()
    expect(main).to_contain_text("You have no tasks")
    assert_accessible(page, "workspace home")
