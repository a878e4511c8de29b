"""A content editor changes a published job profile (issue 5): the change is a draft with a mistake
first, then saved, sent for review and published; the due-for-review list and the history show
who did it. Every page state is checked with axe."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from signpost.accounts.roles import Role
from signpost.careers import selectors
from signpost.careers.tests.builders import make_profile
from signpost.organisations.models import Organisation
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import follow
from tests.e2e.pages import WORKSPACE, title
from tests.e2e.staff_steps import error_summary_says, sign_in
from tests.factories import make_staff


def test_an_editor_publishes_a_change_to_a_profile_due_for_review(page: Page, site: str) -> None:
    make_profile(
        "Plumber",
        categories=("Construction and trades",),
        overview="Plumbers fit and mend water and heating systems.",
        salary_starter=22000,
        salary_experienced=42000,
        tasks=["fitting pipes"],
        review_due_on=timezone.localdate() - timedelta(days=10),
    )
    make_staff(
        Role.CONTENT_EDITOR,
        organisation=Organisation.objects.get(touchpoint_id="0000000103"),
        email="cara.editor@example.com",
        given_name="Cara",
        family_name="Editor",
    )
    sign_in(page, site, "cara.editor@example.com")

    follow(page.get_by_role("link", name="Job profiles"))
    expect(page).to_have_title(title("Job profiles", site=WORKSPACE))
    assert_accessible(page, "job profiles list")
    follow(page.get_by_role("link", name="Due for review (1)"))
    expect(page).to_have_title(title("Job profiles due for review", site=WORKSPACE))
    assert_accessible(page, "due for review")
    follow(page.get_by_role("link", name="Plumber"))
    expect(page).to_have_title(title("Plumber", site=WORKSPACE))
    assert_accessible(page, "published profile")

    follow(page.get_by_role("button", name="Change this profile"))
    expect(page).to_have_title(title("Change Plumber", site=WORKSPACE))
    assert_accessible(page, "change form")
    page.get_by_label("Starter salary in pounds a year (optional)").fill("lots")
    follow(page.get_by_role("button", name="Save as draft"))
    error_summary_says(page, "Enter the starter salary as a whole number of pounds, like 21000")
    expect(page.get_by_label("Starter salary in pounds a year (optional)")).to_have_value("lots")
    assert_accessible(page, "change form, error")
    page.get_by_label("Starter salary in pounds a year (optional)").fill("24000")
    follow(page.get_by_role("button", name="Save as draft"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Plumber")
    expect(page.get_by_text("Changes to a published job profile")).to_be_visible()
    assert_accessible(page, "draft of the changes")
    assert selectors.profile_by_slug("plumber").salary_starter == 22000  # type: ignore[union-attr]
    follow(page.get_by_role("button", name="Send for review"))
    assert_accessible(page, "changes in review")
    follow(page.get_by_role("button", name="Publish"))

    expect(page.get_by_text("Plumber has been published")).to_be_visible()
    history = page.get_by_role("table", name="Changes to Plumber, newest first")
    expect(history).to_contain_text("Cara Editor")
    expect(history).to_contain_text("Published")
    assert_accessible(page, "published with history")
    assert selectors.profile_by_slug("plumber").salary_starter == 24000  # type: ignore[union-attr]

    follow(page.get_by_role("link", name="Back"))
    follow(page.get_by_role("link", name="Due for review (0)"))
    expect(page.get_by_text("No job profiles are due for review.")).to_be_visible()
    assert_accessible(page, "nothing due for review")
