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
    # Skills in order, the digital skills level, the codes and a route's links are edited here too.
    page.get_by_label("Skills (optional)").fill("Problem solving\nCustomer service")
    page.get_by_label("Confident: use a computer and the main software packages").check()
    page.get_by_label("SOC 2010 code (optional)").fill("5314")
    page.get_by_label("O*NET-SOC code (optional)").fill("47-2152")
    page.get_by_label("Apprenticeship route: links (optional)").fill("Find an apprenticeship www.gov.uk")
    follow(page.get_by_role("button", name="Save as draft"))
    error_summary_says(page, "Enter the starter salary as a whole number of pounds, like 21000")
    error_summary_says(page, "Enter the O*NET-SOC code like 15-1252.00")
    error_summary_says(page, "Link 1: write the words of the link, a bar ( | ), then its address")
    expect(page.get_by_label("Starter salary in pounds a year (optional)")).to_have_value("lots")
    expect(page.get_by_label("Skills (optional)")).to_have_value("Problem solving\nCustomer service")
    expect(page.get_by_label("Confident: use a computer and the main software packages")).to_be_checked()
    assert_accessible(page, "change form, error")
    page.get_by_label("Starter salary in pounds a year (optional)").fill("24000")
    page.get_by_label("O*NET-SOC code (optional)").fill("47-2152.00")
    page.get_by_label("Apprenticeship route: links (optional)").fill(
        "Find an apprenticeship | https://www.gov.uk/apply-apprenticeship"
    )
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
    published = selectors.profile_by_slug("plumber")
    assert published is not None and published.salary_starter == 24000
    assert [skill["name"] for skill in published.skills] == ["Problem solving", "Customer service"]
    assert (published.digital_skills_level, published.soc2010_code, published.onet_code) == (
        "confident",
        "5314",
        "47-2152.00",
    )
    assert published.route("apprenticeship")["links"] == [  # type: ignore[index]
        {"text": "Find an apprenticeship", "url": "https://www.gov.uk/apply-apprenticeship"}
    ]

    follow(page.get_by_role("link", name="Back"))
    follow(page.get_by_role("link", name="Due for review (0)"))
    expect(page.get_by_text("No job profiles are due for review.")).to_be_visible()
    assert_accessible(page, "nothing due for review")
