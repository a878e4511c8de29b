"""Course search (issue 6): a visitor searches near a postcode (after a place we cannot find and a
search that finds nothing), filters by study time, opens the course page, signs in and saves the
course to their online space. Every page state is checked with axe."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from signpost.accounts.roles import Role
from signpost.core.tests.test_place_names import load_place_names, needs_shared_data
from signpost.courses import codes
from signpost.courses.models import Course
from signpost.courses.search_selectors import forget_vocabulary
from signpost.courses.services import course_remove
from signpost.courses.tests import search_builders as build
from signpost.organisations.models import Organisation
from signpost.space.models import SavedItem
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import follow, watch
from tests.e2e.pages import title
from tests.factories import TEST_PASSWORD, make_customer, make_staff


def search(page: Page, keyword: str, place: str, distance: str = "10 miles") -> None:
    page.get_by_label("What do you want to learn?").fill(keyword)
    page.get_by_label("Town or postcode").fill(place)
    page.get_by_label("Distance").select_option(label=distance)
    follow(page.get_by_role("button", name="Search", exact=True))


def test_search_near_a_postcode_filter_open_the_course_and_save_it(page: Page, site: str) -> None:
    forget_vocabulary()
    college = build.provider("Leeds City College")
    leeds = build.venue(college, "LS1 1UR", name="Park Lane campus", county="West Yorkshire")
    york = build.venue(college, "YO1 7HH", town="York", name="York campus")
    maths = build.course(college, "GCSE Mathematics", qualification="GCSE in Mathematics", generated=True)
    build.run(maths, leeds, generated=True)
    build.run(maths, york, attendance=codes.Attendance.EVENING, generated=True)
    build.run(build.course(college, "Functional skills maths", level=1), leeds)
    build.run(build.course(college, "Maths online", level=1))
    make_customer(email="sam.patel@example.com", given_name="Sam", family_name="Patel")

    page.goto(f"{site}/courses/")
    expect(page).to_have_title(title("Find a course"))
    assert_accessible(page, "search, empty")

    search(page, "maths", "ZZ99 9ZZ")
    expect(page).to_have_title(title("Find a course", error=True))
    expect(page.locator(".govuk-error-summary")).to_contain_text("We could not find the postcode ‘ZZ99 9ZZ’")
    expect(page.get_by_label("What do you want to learn?")).to_have_value("maths")
    assert_accessible(page, "search, unknown postcode")

    search(page, "astrophysics", "ls1 4ap")
    expect(page.locator("#results-heading")).to_have_text("0 courses found within 10 miles of LS1 4AP")
    assert_accessible(page, "search, nothing found")

    search(page, "mathematics", "ls1 4ap", "30 miles")
    expect(page.locator("#results-heading")).to_have_text("4 courses found within 30 miles of LS1 4AP")
    expect(page.locator(".signpost-course-result h3")).to_have_text(
        ["GCSE Mathematics", "Functional skills maths", "GCSE Mathematics", "Maths online"]
    )
    expect(page.locator(".signpost-course-result").last.locator(".govuk-tag")).to_have_text("Online")
    assert_accessible(page, "search, results near a postcode with an online course")

    page.get_by_label("Evening (1)").check()
    follow(page.get_by_role("button", name="Apply filters"))
    expect(page.locator("#results-heading")).to_have_text("1 course found within 30 miles of LS1 4AP")
    expect(page.locator(".signpost-course-result")).to_contain_text("York campus, York (22.5 miles)")
    assert "time=evening" in page.url and "place=ls1+4ap" in page.url
    assert_accessible(page, "search, filtered")

    # A mistyped place shows no filters, but they are kept for when the place is put right.
    search(page, "mathematics", "Atlantis", "30 miles")
    expect(page).to_have_title(title("Find a course", error=True))
    expect(page.locator(".govuk-error-summary a")).to_have_text(
        ["We could not find a town called ‘Atlantis’. Check the spelling, or enter a postcode."]
    )
    expect(page.get_by_label("Evening (1)")).to_have_count(0)
    assert_accessible(page, "search, unknown town with filters chosen")
    search(page, "mathematics", "ls1 4ap", "30 miles")
    expect(page.locator("#results-heading")).to_have_text("1 course found within 30 miles of LS1 4AP")
    expect(page.get_by_label("Evening (1)")).to_be_checked()

    follow(page.get_by_role("link", name="GCSE Mathematics"))
    expect(page).to_have_title(title("GCSE Mathematics"))
    expect(page.locator(".govuk-warning-text")).to_contain_text("This record was generated")
    expect(page.get_by_text("York campus is a Leeds City College venue in York.")).to_be_visible()
    assert_accessible(page, "course page, signed out")

    follow(page.get_by_role("link", name="Sign in to save this course"))
    page.get_by_label("Email address").fill("sam.patel@example.com")
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    follow(page.get_by_role("button", name="Sign in"))
    expect(page).to_have_title(title("GCSE Mathematics"))
    assert_accessible(page, "course page, signed in")

    follow(page.get_by_role("button", name="Save to my online space"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("saved to your online space")
    expect(page.locator(".govuk-tag")).to_have_text("Saved")
    assert_accessible(page, "course page, saved")
    saved = SavedItem.objects.get(user__email="sam.patel@example.com")
    assert (saved.kind, saved.title) == ("course", "GCSE Mathematics, Leeds City College")

    # The college later withdraws the course: the saved list says so, and the link explains.
    editor = make_staff(Role.CONTENT_EDITOR, organisation=Organisation.objects.get(touchpoint_id="0000000103"))
    course_remove(actor=editor, course=Course.objects.get(title="GCSE Mathematics", provider=college))
    page.goto(f"{site}/account/saved/")
    entry = page.locator(".govuk-summary-list__row").filter(has_text="GCSE Mathematics, Leeds City College")
    expect(entry.locator(".govuk-tag")).to_have_text("No longer available")
    assert_accessible(page, "saved list, course withdrawn")
    follow(page.get_by_role("link", name="GCSE Mathematics, Leeds City College"))
    expect(page.locator("h1")).to_have_text("This course is no longer available")
    # The page answers 410 Gone on purpose, which the browser reports as a failed load.
    problems = watch(page)
    assert all("status of 410" in problem for problem in problems.seen), problems.seen
    problems.seen.clear()


def test_a_distance_we_do_not_offer_is_put_right_keeping_the_filters_and_sort(page: Page, site: str) -> None:
    """An old or edited link asks for 20 miles: the error summary says so and leads to the
    distance; choosing one from the list keeps the filters and sort the link asked for."""
    forget_vocabulary()
    college = build.provider("Leeds City College")
    leeds = build.venue(college, "LS1 1UR", name="Park Lane campus", county="West Yorkshire")
    york = build.venue(college, "YO1 7HH", town="York", name="York campus")
    maths = build.course(college, "GCSE Mathematics", level=2)
    build.run(maths, leeds)
    build.run(maths, york, attendance=codes.Attendance.EVENING)

    page.goto(f"{site}/courses/?keyword=maths&place=LS1+4AP&distance=20&time=evening&sort=start_date")
    expect(page).to_have_title(title("Find a course", error=True))
    summary_link = page.locator(".govuk-error-summary").get_by_role("link", name="Select a distance from the list")
    expect(summary_link).to_have_attribute("href", "#id_distance")
    expect(page.locator("#id_distance-error")).to_contain_text("Select a distance from the list")
    expect(page.locator("#results-heading")).to_have_count(0)
    assert_accessible(page, "search, a distance we do not offer")

    summary_link.click()
    expect(page.get_by_label("Distance")).to_be_focused()
    page.get_by_label("Distance").select_option(label="30 miles")
    follow(page.get_by_role("button", name="Search", exact=True))
    expect(page).to_have_title(title("Find a course"))
    expect(page.locator("#results-heading")).to_have_text("1 course found within 30 miles of LS1 4AP")
    expect(page.locator(".signpost-course-result")).to_contain_text("York campus, York")
    expect(page.get_by_label("Evening (1)")).to_be_checked()
    expect(page.get_by_label("Sort by")).to_have_value("start_date")
    assert_accessible(page, "search, distance put right")


@needs_shared_data
def test_a_town_name_shared_by_two_places_is_chosen_from_links(page: Page, site: str) -> None:
    """Newport is in Shropshire and on the Isle of Wight: the visitor picks one from links that
    keep the rest of the search, without JavaScript doing anything."""
    forget_vocabulary()
    load_place_names()
    college = build.provider("Telford College")
    shropshire = build.venue(college, "TF10 7AA", town="Newport", name="Newport campus", county="Shropshire")
    island = build.venue(college, "PO30 1UD", town="Newport", name="Island campus", county="Isle of Wight")
    welding = build.course(college, "Welding for beginners", level=1)
    build.run(welding, shropshire)
    build.run(welding, island)

    page.goto(f"{site}/courses/")
    search(page, "welding", "Newport", "15 miles")
    expect(page).to_have_title(title("Find a course", error=True))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "There is more than one Newport in England. Choose one, or enter a postcode."
    )
    choices = page.locator("#place-choices")
    expect(choices.get_by_role("heading")).to_have_text("Which Newport did you mean?")
    expect(choices.get_by_role("link")).to_have_text(["Newport, Isle of Wight", "Newport, Shropshire"])
    assert_accessible(page, "search, a town name shared by two places")

    follow(choices.get_by_role("link", name="Newport, Shropshire"))
    expect(page.locator("#results-heading")).to_have_text("1 course found within 15 miles of Newport, Shropshire")
    expect(page.locator(".signpost-course-result")).to_contain_text("Newport campus, Newport")
    expect(page.get_by_label("What do you want to learn?")).to_have_value("welding")
    expect(page.get_by_label("Town or postcode")).to_have_value("Newport, Shropshire")
    expect(page.get_by_label("Distance")).to_have_value("15")
    assert_accessible(page, "search, results near the Newport chosen")

    search(page, "welding", "Newprt", "15 miles")
    expect(page.locator(".govuk-error-summary")).to_contain_text("We could not find a town called ‘Newprt’")
    expect(page.locator("#place-choices").get_by_role("link")).to_have_text(["Newport"])
    assert_accessible(page, "search, a misspelt town with a suggestion")
