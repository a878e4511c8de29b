"""A system administrator invites a staff member, who accepts, sets up two factors and starts work."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from signpost.accounts.roles import Role
from signpost.organisations.models import Organisation
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import follow
from tests.e2e.outbox import latest_email_to, link_in
from tests.e2e.pages import WORKSPACE, title
from tests.e2e.staff_steps import (
    recovery_codes_then_workspace_home,
    set_up_authenticator,
    sign_in,
    sign_out_of_workspace,
)
from tests.factories import make_staff

INVITE_PAGE = "Invite a staff member"
NEW_PASSWORD = "Lantern-orchard-47-quietly"


def test_administrator_invites_a_team_leader_who_accepts_and_sets_up_mfa(page: Page, site: str) -> None:
    national = Organisation.objects.get(touchpoint_id="0000000999")
    admin = make_staff(Role.SYSTEM_ADMINISTRATOR, organisation=national, given_name="Sam", family_name="Whitfield")
    invited_email = "lena.fischer@london.signpost.example"

    sign_in(page, site, admin.email)
    follow(page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Staff"))
    expect(page).to_have_title(title("Staff", site=WORKSPACE))
    assert_accessible(page, "staff list")

    follow(page.get_by_role("button", name=INVITE_PAGE))
    expect(page).to_have_title(title(INVITE_PAGE, site=WORKSPACE))
    assert_accessible(page, "invite, empty")

    follow(page.get_by_role("button", name="Send invitation"))
    expect(page).to_have_title(title(INVITE_PAGE, site=WORKSPACE, error=True))
    summary = page.locator(".govuk-error-summary")
    for message in (
        "Enter their first name",
        "Enter their last name",
        "Enter their email address",
        "Select their organisation",
        "Select at least one role",
    ):
        expect(summary).to_contain_text(message)
    assert_accessible(page, "invite, errors")

    page.get_by_label("First name").fill("Lena")
    page.get_by_label("Last name").fill("Fischer")
    page.get_by_label("Email address").fill(invited_email)
    page.get_by_label("Organisation").select_option(label="London")
    page.get_by_label("Adviser", exact=True).check()
    page.get_by_label("Team leader", exact=True).check()
    assert_accessible(page, "invite, filled in")
    follow(page.get_by_role("button", name="Send invitation"))

    expect(page).to_have_title(title("Lena Fischer", site=WORKSPACE))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(f"Invitation sent to {invited_email}")
    details = page.locator(".govuk-summary-list")
    expect(details).to_contain_text("London")
    expect(details).to_contain_text("Adviser")
    expect(details).to_contain_text("Team leader")
    expect(details).to_contain_text("Invited")
    assert_accessible(page, "person page after inviting")

    sign_out_of_workspace(page, site)

    invitation = latest_email_to(invited_email)
    assert "Hello Lena" in invitation.body
    page.goto(link_in(invitation))
    expect(page).to_have_title(title("Create your password", site=WORKSPACE))
    expect(page.locator("main")).to_contain_text(invited_email)
    assert_accessible(page, "create your password, empty")

    page.get_by_label("Create a password").fill(NEW_PASSWORD)
    page.get_by_label("Confirm your password").fill(NEW_PASSWORD + "x")
    follow(page.get_by_role("button", name="Create password"))
    expect(page).to_have_title(title("Create your password", site=WORKSPACE, error=True))
    expect(page.locator(".govuk-error-summary")).to_contain_text("The passwords do not match")
    assert_accessible(page, "create your password, passwords differ")

    page.get_by_label("Create a password").fill(NEW_PASSWORD)
    page.get_by_label("Confirm your password").fill(NEW_PASSWORD)
    assert_accessible(page, "create your password, filled in")
    follow(page.get_by_role("button", name="Create password"))

    expect(page).to_have_url(f"{site}/accounts/2fa/totp/activate/")
    set_up_authenticator(page)
    recovery_codes_then_workspace_home(page, site)
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Lena")
    main = page.locator("main")
    expect(main).to_contain_text("London")
    expect(main).to_contain_text("Signed in as Adviser, Team leader")
    assert_accessible(page, "workspace home of the invited person")
