"""Offering several removed courses again (issue 6): a course editor opens the provider's removed
courses, presses the button with nothing ticked (error), ticks two courses and a run, reads the
confirmation (one run cannot come back, and why) and offers them again; with more than a page of
removed courses, moves to the next page and offers two from it. Axe checks every state."""

from __future__ import annotations

import datetime

from django.utils import timezone
from playwright.sync_api import Page, expect

from signpost.accounts.roles import Role
from signpost.courses.models import Course, CourseRun, Provider, ProviderEditor, Venue
from signpost.organisations.models import Organisation
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import follow
from tests.e2e.pages import WORKSPACE, title
from tests.e2e.staff_steps import sign_in
from tests.factories import make_staff

SOON = datetime.date.today() + datetime.timedelta(days=30)


def removed_course(provider: Provider, name: str) -> Course:
    now = timezone.now()
    course = Course.objects.create(provider=provider, title=name, level=2, sector=5, withdrawn_at=now)
    CourseRun.objects.create(course=course, delivery_mode="online", study_mode="part_time", attendance="evening",
                             start_date=SOON, duration=10, duration_unit="weeks", cost=0, withdrawn_at=now)  # fmt: skip
    return course


def test_a_course_editor_offers_several_removed_courses_again(page: Page, site: str) -> None:
    provider = Provider.objects.create(name="Leeds City College", ukprn="10000001")
    depot = Venue.objects.create(provider=provider, name="Old depot", address_line_1="9 Kirkstall Road",
                                 town="Leeds", postcode="LS3 1LH", latitude=53.8, longitude=-1.57,
                                 withdrawn_at=timezone.now())  # fmt: skip
    removed_course(provider, "Plumbing")
    removed_course(provider, "Welding")
    bricklaying = Course.objects.create(provider=provider, title="Bricklaying", level=1, sector=5)
    CourseRun.objects.create(course=bricklaying, delivery_mode="classroom", venue=depot, study_mode="part_time",
                             attendance="evening", start_date=SOON, duration=10, duration_unit="weeks", cost=0,
                             provider_reference="BRICK-2", withdrawn_at=timezone.now())  # fmt: skip
    editor = make_staff(Role.COURSE_EDITOR, organisation=Organisation.objects.get(touchpoint_id="0000000103"))
    ProviderEditor.objects.create(user=editor, provider=provider)

    sign_in(page, site, editor.email)
    follow(page.get_by_role("link", name="Courses"))
    follow(page.get_by_role("link", name="Removed courses: offer them again"))
    expect(page).to_have_title(title("Removed courses", site=WORKSPACE))
    expect(page.get_by_role("table", name="Courses", exact=True)).to_contain_text("Welding")
    expect(page.get_by_role("table", name="Course runs of courses still offered")).to_contain_text(
        "Offer the venue again first"
    )
    assert_accessible(page, "removed courses")

    follow(page.get_by_role("button", name="Offer again"))
    assert page.title().startswith("Error: ")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select the courses to offer again")
    assert_accessible(page, "removed courses, nothing ticked")

    page.get_by_label("Offer again: Plumbing").check()
    page.get_by_label("Offer again: Welding").check()
    page.get_by_label("Offer again: Bricklaying").check()
    follow(page.get_by_role("button", name="Offer again"))
    expect(page).to_have_title(title("Are you sure you want to offer 2 courses again?", site=WORKSPACE))
    expect(page.get_by_role("main")).to_contain_text("Offer the venue again first")
    assert_accessible(page, "offer several again, confirmation")

    follow(page.get_by_role("button", name="Offer 2 courses again"))
    expect(page).to_have_title(title("Leeds City College", site=WORKSPACE))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "2 courses are offered again, with 2 course runs people can find"
    )
    expect(page.locator(".govuk-notification-banner").last).to_contain_text("1 item was not offered again")
    assert_accessible(page, "provider, several offered again")
    assert not Course.objects.filter(provider=provider, withdrawn_at__isnull=False).exists()

    follow(page.get_by_role("link", name="Removed courses: offer them again"))
    expect(page.get_by_role("table", name="Courses", exact=True)).to_have_count(0)
    assert_accessible(page, "removed courses, only a run left")


def test_a_course_editor_offers_again_from_a_later_page(page: Page, site: str) -> None:
    provider = Provider.objects.create(name="Leeds City College", ukprn="10000001")
    first = timezone.now() - datetime.timedelta(days=1)
    # Course 54 was removed last, so it heads the first page; the second page holds courses 4 to 0.
    Course.objects.bulk_create(
        Course(provider=provider, title=f"Removed course {number:02}", level=2, sector=5,
               withdrawn_at=first + datetime.timedelta(minutes=number))
        for number in range(55)
    )  # fmt: skip
    editor = make_staff(Role.COURSE_EDITOR, organisation=Organisation.objects.get(touchpoint_id="0000000103"))
    ProviderEditor.objects.create(user=editor, provider=provider)

    sign_in(page, site, editor.email)
    follow(page.get_by_role("link", name="Courses"))
    follow(page.get_by_role("link", name="Removed courses: offer them again"))
    main = page.get_by_role("main")
    expect(main).to_contain_text("Showing 1 to 50 of 55 removed courses")
    expect(page.get_by_role("table", name="Courses", exact=True)).to_contain_text("Removed course 54")
    assert_accessible(page, "removed courses, first page")

    follow(page.get_by_role("navigation", name="Pages of removed courses").get_by_role("link", name="Next"))
    assert "courses_page=2" in page.url
    expect(main).to_contain_text("Showing 51 to 55 of 55 removed courses")
    expect(page.get_by_role("table", name="Courses", exact=True)).not_to_contain_text("Removed course 54")
    assert_accessible(page, "removed courses, second page")

    follow(page.get_by_role("button", name="Offer again"))
    assert page.title().startswith("Error: ") and "courses_page=2" in page.url
    expect(main).to_contain_text("Showing 51 to 55 of 55 removed courses")
    assert_accessible(page, "removed courses, second page, nothing ticked")

    page.get_by_label("Offer again: Removed course 04").check()
    page.get_by_label("Offer again: Removed course 00").check()
    follow(page.get_by_role("button", name="Offer again"))
    expect(page).to_have_title(title("Are you sure you want to offer 2 courses again?", site=WORKSPACE))
    follow(page.get_by_role("button", name="Offer 2 courses again"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("2 courses are offered again")
    offered = Course.objects.filter(provider=provider, withdrawn_at__isnull=True)
    assert sorted(offered.values_list("title", flat=True)) == ["Removed course 00", "Removed course 04"]
