"""Bulk course upload (issue 6): a course editor uploads a file with mistakes, reads every problem by
row and column, uploads the fixed file and imports it, then removes a venue still in use (refused),
a run and the course, and offers the course, the run and a removed venue again; every page state is
checked with axe, and the removed course's public page."""

from __future__ import annotations

from django.utils import timezone
from playwright.sync_api import Page, expect

from signpost.accounts.roles import Role
from signpost.courses.models import CourseRun, Provider, ProviderEditor, Venue
from signpost.courses.tests.upload_files import csv_bytes, run_row
from signpost.organisations.models import Organisation
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import follow, watch
from tests.e2e.pages import WORKSPACE, title
from tests.e2e.staff_steps import sign_in
from tests.factories import make_staff

CSV = "text/csv"


def test_a_course_editor_uploads_a_file_with_mistakes_fixes_it_and_imports_it(page: Page, site: str) -> None:
    provider = Provider.objects.create(name="Leeds City College", ukprn="10000001")
    Venue.objects.create(provider=provider, name="Park Lane campus", address_line_1="1 Park Lane", town="Leeds",
                         postcode="LS1 1UR", latitude=53.8, longitude=-1.55)  # fmt: skip
    Venue.objects.create(provider=provider, name="Old depot", address_line_1="9 Kirkstall Road", town="Leeds",
                         postcode="LS3 1LH", latitude=53.8, longitude=-1.57, withdrawn_at=timezone.now())  # fmt: skip
    editor = make_staff(Role.COURSE_EDITOR, organisation=Organisation.objects.get(touchpoint_id="0000000103"))
    ProviderEditor.objects.create(user=editor, provider=provider)

    sign_in(page, site, editor.email)
    follow(page.get_by_role("link", name="Courses"))
    expect(page).to_have_title(title("Leeds City College", site=WORKSPACE))
    assert_accessible(page, "provider, no courses")
    follow(page.get_by_role("button", name="Upload courses"))
    expect(page).to_have_title(title("Upload courses and course runs", site=WORKSPACE))
    assert_accessible(page, "upload, empty")

    follow(page.get_by_role("button", name="Check file"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select a CSV file")
    assert page.title().startswith("Error: ")
    assert_accessible(page, "upload, no file")

    mistakes = csv_bytes([run_row(), run_row(run_reference="R2", venue_name="Nowhere", start_date="31/02/2027")])
    page.get_by_label("CSV file").set_input_files({"name": "courses.csv", "mimeType": CSV, "buffer": mistakes})
    follow(page.get_by_role("button", name="Check file"))
    expect(page).to_have_title("Error: " + title("Check your courses file", site=WORKSPACE))
    expect(page.locator(".govuk-error-summary")).to_contain_text("1 row has problems")
    problems = page.get_by_role("table", name="Problems by row and column")
    expect(problems).to_contain_text("No venue of yours has this name")
    expect(problems).to_contain_text("The start date must be a real date, like 07/09/2027")
    expect(page.get_by_role("button", name="Import 1 row")).to_be_visible()
    assert_accessible(page, "check, with problems")
    assert not CourseRun.objects.exists()

    follow(page.get_by_role("link", name="Upload a different file").first)
    fixed = csv_bytes([run_row(), run_row(run_reference="R2", attendance="daytime")])
    page.get_by_label("CSV file").set_input_files({"name": "courses.csv", "mimeType": CSV, "buffer": fixed})
    follow(page.get_by_role("button", name="Check file"))
    expect(page).to_have_title(title("Check your courses file", site=WORKSPACE))
    assert_accessible(page, "check, all good")
    follow(page.get_by_role("button", name="Import 2 rows"))

    expect(page).to_have_title(title("Leeds City College", site=WORKSPACE))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Imported 2 rows")
    expect(page.get_by_role("link", name="Plumbing")).to_be_visible()
    assert_accessible(page, "provider, courses imported")
    assert CourseRun.objects.filter(course__provider=provider).count() == 2

    # Removing: a venue with runs still to start is refused, naming them.
    follow(page.get_by_role("link", name="Remove Park Lane campus"))
    expect(page).to_have_title(title("You cannot remove Park Lane campus yet", site=WORKSPACE))
    expect(page.get_by_role("main")).to_contain_text("2 course runs are still to start at this venue")
    assert_accessible(page, "remove venue, refused")
    follow(page.get_by_role("link", name="Go back to your venues and courses"))

    follow(page.get_by_role("link", name="Plumbing"))
    follow(page.get_by_role("link", name="Remove run 2"))
    expect(page).to_have_title(title("Are you sure you want to remove this course run?", site=WORKSPACE))
    assert_accessible(page, "remove run, confirmation")
    follow(page.get_by_role("button", name="Remove course run"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("has been removed")
    expect(page.get_by_role("table")).to_contain_text("Removed")
    assert_accessible(page, "course, a run removed")

    follow(page.get_by_role("button", name="Remove course"))
    expect(page).to_have_title(title("Are you sure you want to remove Plumbing?", site=WORKSPACE))
    expect(page.get_by_role("main")).to_contain_text("its 1 run still to start will be removed too")
    assert_accessible(page, "remove course, confirmation")
    follow(page.get_by_role("button", name="Remove course"))
    expect(page).to_have_title(title("Leeds City College", site=WORKSPACE))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Plumbing has been removed")
    assert_accessible(page, "provider, course removed")

    # A link someone kept to the course now says it has gone.
    run = CourseRun.objects.filter(course__provider=provider).first()
    assert run is not None and run.withdrawn_at is not None
    response = page.goto(f"{site}/courses/{run.course_id}/runs/{run.pk}/")
    assert response is not None and response.status == 410
    problems = watch(page)
    assert all("status of 410" in problem for problem in problems.seen), problems.seen
    problems.seen.clear()
    expect(page.get_by_role("heading", level=1)).to_have_text("This course is no longer available")
    assert_accessible(page, "course no longer available")

    # Offering again: the course comes back with the run removed with it, then the run removed
    # before it, then the removed venue.
    page.goto(f"{site}/workspace/courses/{run.course_id}/")
    follow(page.get_by_role("button", name="Offer course again"))
    expect(page).to_have_title(title("Are you sure you want to offer Plumbing again?", site=WORKSPACE))
    expect(page.get_by_role("main")).to_contain_text("its 1 other removed run stays removed")
    assert_accessible(page, "offer course again, confirmation")
    follow(page.get_by_role("button", name="Offer course again"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Plumbing is offered again, with 1 course run people can find"
    )
    assert_accessible(page, "course, offered again")

    follow(page.get_by_role("link", name="Offer again run 2"))
    expect(page).to_have_title(title("Are you sure you want to offer this course run again?", site=WORKSPACE))
    assert_accessible(page, "offer run again, confirmation")
    follow(page.get_by_role("button", name="Offer course run again"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("is offered again")
    assert not CourseRun.objects.filter(course__provider=provider, withdrawn_at__isnull=False).exists()

    follow(page.get_by_role("link", name=f"Back to {provider.name}"))
    follow(page.get_by_role("link", name="Offer again Old depot"))
    expect(page).to_have_title(title("Are you sure you want to offer Old depot again?", site=WORKSPACE))
    assert_accessible(page, "offer venue again, confirmation")
    follow(page.get_by_role("button", name="Offer venue again"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Old depot is offered again")
    assert_accessible(page, "provider, venue offered again")
    assert not Venue.objects.filter(provider=provider, withdrawn_at__isnull=False).exists()
