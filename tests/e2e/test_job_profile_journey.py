"""Explore careers: search (suggestions as you type, results, nothing found) → profile → sign in →
save to the online space, and a job category, with axe on every page state."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from signpost.careers.tests.builders import make_profile
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import follow
from tests.e2e.pages import title
from tests.factories import TEST_PASSWORD, make_customer


def _profiles() -> None:
    vet = make_profile(
        "Vet",
        categories=("Animal care",),
        overview="Vets diagnose and treat sick or injured animals.",
        salary_starter=30000,
        salary_experienced=70000,
        hours_min="43",
        hours_max="45",
        tasks=["perform operations", "give vaccinations"],
        entry_routes=[
            {
                "kind": "university",
                "subjects": "You'll need a degree in veterinary science.",
                "requirements_intro": "You'll usually need:",
                "requirements": ["3 A levels, including biology"],
                "links": [{"text": "university courses", "url": "https://www.ucas.com/"}],
            }
        ],
        skills=[{"name": "Care", "description": "a desire to help animals", "onet_element_id": "1.A.1", "rank": 1}],
        career_path="You could specialise in farm animals.",
    )
    vet.related_careers.add(make_profile("Veterinary nurse", categories=("Animal care",)))
    make_profile("Nurse", categories=("Healthcare",), overview="Nurses care for adults who are sick or injured.")


def test_search_then_profile_then_save_to_the_online_space(page: Page, site: str) -> None:
    _profiles()
    make_customer(email="ayo.bello@example.com", given_name="Ayo", family_name="Bello")

    page.goto(f"{site}/careers/")
    expect(page).to_have_title(title("Explore careers"))
    assert_accessible(page, "explore careers")

    box = page.get_by_label("Search job profiles")
    box.press_sequentially("veterin", delay=20)
    suggestions = page.locator("#careers-suggestions")
    expect(suggestions.get_by_role("link", name="Veterinary nurse")).to_be_visible()
    assert_accessible(page, "explore careers, suggestions shown")

    box.fill("qqqqqq")
    follow(page.get_by_role("button", name="Search"))
    expect(page).to_have_title(title("Search results for ‘qqqqqq’ – Job profiles"))
    expect(page.get_by_role("heading", name="No job profiles found")).to_be_visible()
    assert_accessible(page, "search, nothing found")

    page.get_by_label("Job title or what you would like to do").fill("vetts")
    follow(page.get_by_role("button", name="Search"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Search job profiles")
    results = page.locator(".signpost-careers-results")
    expect(results.get_by_role("link").first).to_have_text("Vet")
    assert_accessible(page, "search results")

    follow(results.get_by_role("link", name="Vet", exact=True))
    expect(page).to_have_title(title("Vet"))
    contents = page.get_by_role("navigation", name="Contents")
    expect(contents.get_by_role("link", name="How to become a vet")).to_be_visible()
    expect(page.get_by_role("heading", name="Related careers")).to_be_visible()
    assert_accessible(page, "job profile, signed out")

    follow(page.get_by_role("link", name="Sign in to save this profile to your online space"))
    page.get_by_label("Email address").fill("ayo.bello@example.com")
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    follow(page.get_by_role("button", name="Sign in"))
    expect(page).to_have_title(title("Vet"))
    assert_accessible(page, "job profile, signed in")

    follow(page.get_by_role("button", name="Save to my online space"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("‘Vet’ is saved in your online space.")
    expect(page.get_by_role("button", name="Save to my online space")).to_have_count(0)
    expect(page.locator(".signpost-careers-save")).to_contain_text("Saved")
    assert_accessible(page, "job profile, saved")

    follow(page.locator(".signpost-careers-save").get_by_role("link", name="online space"))
    expect(page).to_have_title(title("Things you have saved"))
    expect(page.locator("main").get_by_role("link", name="Vet")).to_be_visible()
    assert_accessible(page, "things you have saved, with the profile")


def test_a_job_category_lists_its_profiles(page: Page, site: str) -> None:
    _profiles()
    page.goto(f"{site}/careers/")
    follow(page.get_by_role("link", name="Animal care"))
    expect(page).to_have_title(title("Animal care – Job categories"))
    expect(page.locator(".signpost-careers-results").get_by_role("link")).to_have_text(["Vet", "Veterinary nurse"])
    assert_accessible(page, "job category")
    follow(page.get_by_role("link", name="Veterinary nurse"))
    expect(page).to_have_title(title("Veterinary nurse"))
    assert_accessible(page, "job profile with few sections")
