"""A member of the public creates an account, confirms their email, signs in and out."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.axe import assert_accessible
from tests.e2e.browser import follow
from tests.e2e.outbox import latest_email_to, link_in
from tests.e2e.pages import title
from tests.factories import TEST_PASSWORD


def test_customer_creates_an_account_confirms_it_and_signs_in_and_out(page: Page, site: str) -> None:
    email = "robin.achebe@example.com"

    page.goto(site)
    expect(page).to_have_title(title("Careers advice for everyone in England"))
    assert_accessible(page, "home, signed out")

    follow(page.get_by_role("button", name="Create an account"))
    expect(page).to_have_title(title("Create an account"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Create an account")
    assert_accessible(page, "create an account, empty")

    follow(page.get_by_role("button", name="Create account"))
    expect(page).to_have_title(title("Create an account", error=True))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("Enter your first name")
    expect(summary).to_contain_text("Enter your last name")
    assert_accessible(page, "create an account, errors")

    page.get_by_label("First name").fill("Robin")
    page.get_by_label("Last name").fill("Achebe")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Create a password").fill(TEST_PASSWORD)
    page.get_by_label("Confirm your password").fill(TEST_PASSWORD)
    assert_accessible(page, "create an account, filled in")
    follow(page.get_by_role("button", name="Create account"))

    expect(page).to_have_title(title("Check your email"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert_accessible(page, "check your email")

    confirmation = latest_email_to(email)
    assert "Hello Robin" in confirmation.body
    page.goto(link_in(confirmation))
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your email address")
    expect(page.locator("main")).to_contain_text(email)
    assert_accessible(page, "confirm email address")

    follow(page.get_by_role("button", name="Confirm email address"))
    expect(page).to_have_title(title("Sign in"))
    assert_accessible(page, "sign in after confirming")

    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    follow(page.get_by_role("button", name="Sign in"))

    expect(page).to_have_title(title("Your account"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    expect(page.locator("main")).to_contain_text("Robin Achebe")
    assert_accessible(page, "your account")

    follow(page.get_by_role("link", name="Things you have saved"))
    expect(page).to_have_title(title("Things you have saved"))
    expect(page.locator("main")).to_contain_text("You have not saved anything yet")
    assert_accessible(page, "things you have saved, empty")
    follow(page.get_by_role("link", name="Back"))

    follow(page.get_by_role("navigation", name="Account").get_by_role("link", name="Sign out"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign out")
    assert_accessible(page, "sign out confirmation")

    follow(page.locator("main").get_by_role("button", name="Sign out"))
    expect(page).to_have_title(title("Careers advice for everyone in England"))
    account_navigation = page.get_by_role("navigation", name="Account")
    expect(account_navigation.get_by_role("link", name="Sign in")).to_be_visible()
    expect(account_navigation.get_by_role("link", name="Sign out")).to_have_count(0)
    assert_accessible(page, "home, signed out again")
