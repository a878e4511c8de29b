"""Steps several staff journeys share; each checks every page it passes with axe."""

from __future__ import annotations

from django.utils import timezone
from playwright.sync_api import Page, expect

from signpost.accounts.roles import Role
from signpost.organisations import services as organisation_services
from signpost.organisations.models import Organisation, Venue
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import follow
from tests.e2e.mfa import enter_code, wrong_code
from tests.e2e.pages import WORKSPACE, title
from tests.factories import TEST_PASSWORD, TEST_TOTP_SECRET, make_staff

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


def error_summary_says(page: Page, *messages: str) -> None:
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    for message in messages:
        expect(summary).to_contain_text(message)
    assert page.title().startswith("Error: "), page.title()


def a_venue(organisation: Organisation, name: str = "Southbank Careers Centre") -> Venue:
    """A venue the organisation's manager has set up (in London), for face-to-face bookings."""
    manager = make_staff(Role.MANAGER, organisation=organisation, mfa=False)
    return organisation_services.venue_create(
        actor=manager,
        organisation=organisation,
        name=name,
        line_1="Unit 4, Riverside Walk",
        town="London",
        postcode="SE1 7PB",
        accessibility="Step-free entrance; hearing loop at reception.",
        capacity=20,
    )


def choose_how(page: Page, channel: str, session_format: str = "Individual") -> None:
    """The first booking question: face to face or telephone, individual or group."""
    page.get_by_label(channel, exact=True).check()
    page.get_by_label(session_format, exact=True).check()
    follow(page.get_by_role("button", name="Continue"))


def book_free_face_to_face_session_now(page: Page, site: str, reference: str, venue: str) -> None:
    """From the record's Sessions tab, through every booking question, a free face-to-face session
    starting now (so its attendance can be recorded straight away), ending on the session's page."""
    page.goto(f"{site}/workspace/customers/{reference}/sessions/")
    follow(page.get_by_role("button", name="Book a session"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Book an advice session")
    assert_accessible(page, "book a session")
    choose_how(page, "Face to face")
    assert_accessible(page, "Jobcentre Plus or custody")
    page.get_by_label("No, neither").check()
    follow(page.get_by_role("button", name="Continue"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Face-to-face session details")
    now = timezone.localtime()
    page.get_by_label("Date").fill(now.strftime("%d/%m/%Y"))
    page.get_by_label("Start time").fill(now.strftime("%H:%M"))
    page.get_by_label("Venue").select_option(label=venue)
    assert_accessible(page, "session details, filled")
    follow(page.get_by_role("button", name="Continue"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the booking")
    expect(page.locator(".govuk-summary-list")).to_contain_text("This is their free face-to-face session")
    assert_accessible(page, "check the booking")
    follow(page.get_by_role("button", name="Book the session"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Face to face session")


def record_attended(page: Page, name: str) -> None:
    """On a session's page: record that the customer came."""
    follow(page.get_by_role("link", name=f"Record attendance of {name}"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Record attendance")
    page.get_by_label("Yes, they attended").check()
    assert_accessible(page, "record attendance, filled")
    follow(page.get_by_role("button", name="Save attendance"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(f"Recorded that {name} attended")
    assert_accessible(page, "the session, attended")
