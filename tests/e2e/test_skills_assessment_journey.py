"""The skills assessment in the browser (issue 7): someone completes part of it, saves it and gets a
code (sent by text after a wrong number), resumes in another browser with the code typed in lower
case, finishes, reads the results, narrows a category with skills questions (an answer missed, then
changed), signs in and saves the results, prints and downloads the report; the shorter skills check
(saved, carried on, printed); the whole assessment without JavaScript, with unclear results;
an adviser opens the results with the code and adds "discuss the results" to a plan; a content
editor changes a category's traits. Every page state passed is checked with axe."""

from __future__ import annotations

from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from signpost.accounts.roles import Role
from signpost.assessments import codes, instrument
from signpost.assessments.models import Assessment
from signpost.careers.tests.builders import make_category, make_profile
from signpost.core.models import Notification
from signpost.organisations.models import Organisation
from signpost.plans.models import Action
from signpost.plans.tests.builders import plan_with_goal_and_action
from signpost.space.models import SavedItem
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import follow, watch
from tests.e2e.pages import WORKSPACE, title
from tests.e2e.staff_steps import error_summary_says, sign_in
from tests.factories import TEST_PASSWORD, CustomerFactory, make_customer, make_staff

ANSWERS = {
    s.code: ("Strongly agree" if (s.trait == "helper") != s.reverse else "Strongly disagree")
    for s in instrument.STATEMENTS
}


def answer_page(page: Page, number: int, *, skip_last: bool = False) -> None:
    statements = instrument.page_statements(number)
    for statement in statements[:-1] if skip_last else statements:
        page.get_by_role("group", name=statement.text).get_by_label(ANSWERS[statement.code], exact=True).check()


def care_jobs() -> None:
    make_category("Social care")
    make_category("Healthcare")
    make_profile("Care worker", categories=("Social care",), skills=[{"name": "Cooperation"}, {"name": "Self Control"}])
    make_profile("Support worker", categories=("Social care",), skills=[{"name": "Cooperation"}])
    make_profile("Youth worker", categories=("Social care",), skills=[{"name": "Initiative"}])


def test_complete_save_resume_elsewhere_narrow_save_and_download(page: Page, site: str, browser: Browser) -> None:
    cache.clear()
    care_jobs()
    make_customer(email="sam.lee@example.com", given_name="Sam", family_name="Lee")

    page.goto(f"{site}/skills-assessment/")
    expect(page).to_have_title(title("Discover your skills and careers"))
    assert_accessible(page, "assessment start")
    follow(page.get_by_role("button", name="Start now"))
    expect(page).to_have_title(title("Statements 1 to 5 of 40"))
    expect(page.locator(".govuk-caption-l")).to_have_text("Page 1 of 8")
    assert_accessible(page, "statements, empty")
    answer_page(page, 1, skip_last=True)
    follow(page.get_by_role("button", name="Continue"))
    expect(page).to_have_title(title("Statements 1 to 5 of 40", error=True))
    error_summary_says(page, f"Select how much you agree with: {instrument.page_statements(1)[-1].text}")
    assert_accessible(page, "statements, with errors")
    answer_page(page, 1)
    follow(page.get_by_role("button", name="Continue"))
    for number in (2, 3):
        answer_page(page, number)
        follow(page.get_by_role("button", name="Continue"))
    follow(page.get_by_role("link", name="Back"))
    expect(page.locator(".govuk-caption-l")).to_have_text("Page 3 of 8")
    follow(page.get_by_role("button", name="Continue"))
    answer_page(page, 4)
    follow(page.get_by_role("button", name="Save and come back later"))

    expect(page).to_have_title(title("Your answers are saved"))
    code = page.locator(".signpost-reference-code").inner_text()
    assert codes.normalise(code) is not None and " " in code
    assert_accessible(page, "saved, send the code")
    page.get_by_label("UK mobile number").fill("020 7946 0000")
    follow(page.get_by_role("button", name="Text me the code"))
    error_summary_says(page, "Enter a UK mobile number, like 07700 900 982 or +44 7700 900 982.")
    expect(page.get_by_label("UK mobile number")).to_have_value("020 7946 0000")
    assert_accessible(page, "send the code, with errors")
    page.get_by_label("UK mobile number").fill("07700 900982")
    follow(page.get_by_role("button", name="Text me the code"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("We have sent your reference code")
    assert code in Notification.objects.get(recipient="+447700900982").body

    # Another browser: the code, typed in lower case without the space, resumes on page 4.
    elsewhere = browser.new_context(locale="en-GB", timezone_id="Europe/London")
    other = elsewhere.new_page()
    other.set_default_timeout(10_000)
    problems = watch(other)
    other.goto(f"{site}/skills-assessment/")
    other.get_by_label("Reference code").fill("ABCD 0000")
    follow(other.get_by_role("button", name="Carry on"))
    error_summary_says(other, "Enter a reference code of 8 letters and numbers, like ABCD 2345")
    assert_accessible(other, "start, bad code")
    other.get_by_label("Reference code").fill(code.replace(" ", "").lower())
    follow(other.get_by_role("button", name="Carry on"))
    expect(other.locator(".govuk-caption-l")).to_have_text("Page 4 of 8")
    first = instrument.page_statements(4)[0]
    expect(other.get_by_role("group", name=first.text).get_by_label(ANSWERS[first.code], exact=True)).to_be_checked()
    assert_accessible(other, "resumed on page 4")
    for number in range(4, 9):
        answer_page(other, number)
        follow(other.get_by_role("button", name="Continue"))

    expect(other).to_have_title(title("Your results"))
    expect(other.locator("main")).to_contain_text("Caring")
    expect(other.locator("main")).to_contain_text("Because you like helping people.")
    assert_accessible(other, "results")

    follow(other.get_by_role("link", name="See jobs in social care"))
    expect(other).to_have_title(title("Social care: jobs that may suit you"))
    assert_accessible(other, "narrow a category, empty")
    follow(other.get_by_role("button", name="Show jobs"))
    error_summary_says(other, "Select yes or no: Do you like working as part of a team?")
    assert_accessible(other, "narrow a category, with errors")
    for group in other.get_by_role("group").all():
        group.get_by_label("Yes", exact=True).check()
    other.get_by_role("group", name="Do you like working as part of a team?").get_by_label("No", exact=True).check()
    follow(other.get_by_role("button", name="Show jobs"))
    jobs = other.locator("main ul.govuk-list--bullet")
    expect(jobs).to_contain_text("Youth worker")
    expect(jobs).not_to_contain_text("Care worker")
    assert_accessible(other, "narrow a category, answered")
    # Answers can be changed on the same page.
    other.get_by_role("group", name="Do you like working as part of a team?").get_by_label("Yes", exact=True).check()
    follow(other.get_by_role("button", name="Update the jobs"))
    expect(jobs).to_contain_text("Care worker")

    follow(other.get_by_role("link", name="Back"))
    follow(other.locator("main").get_by_role("link", name="Sign in"))
    other.get_by_label("Email address").fill("sam.lee@example.com")
    other.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    follow(other.get_by_role("button", name="Sign in"))
    expect(other).to_have_title(title("Your results"))
    follow(other.get_by_role("button", name="Save to my online space"))
    expect(other.locator(".govuk-notification-banner")).to_contain_text("Your results are saved in your online space")
    expect(other.locator("main")).to_contain_text("Saved")
    assert_accessible(other, "results, saved")
    assert SavedItem.objects.filter(user__email="sam.lee@example.com", kind="assessment").exists()

    follow(other.get_by_role("link", name="Print your results"))
    expect(other).to_have_title(title("Skills assessment results"))
    expect(other.locator("main")).to_contain_text("Social care: jobs that may suit you")
    assert_accessible(other, "report to print")
    with other.expect_download() as download:
        other.get_by_role("link", name="download it as a PDF").click()
    assert download.value.suggested_filename == f"skills-assessment-results-{codes.normalise(code)}.pdf"
    problems.assert_none("other browser")
    elsewhere.close()


def test_the_skills_check_and_no_javascript(page: Page, site: str, browser: Browser) -> None:
    cache.clear()
    page.goto(f"{site}/skills-check/")
    expect(page).to_have_title(title("Check your skills"))
    assert_accessible(page, "skills check start")
    follow(page.get_by_role("button", name="Start now"))
    assert_accessible(page, "skills check, empty")
    page.get_by_role("group", name="How confident are you working with other people?").get_by_label(
        "Very confident", exact=True
    ).check()
    follow(page.get_by_role("button", name="See my results"))
    error_summary_says(page, "Select how confident you are: solving problems")
    assert_accessible(page, "skills check, with errors")
    follow(page.get_by_role("button", name="Save and come back later"))
    expect(page).to_have_title(title("Your answers are saved"))
    assert_accessible(page, "skills check saved")
    follow(page.get_by_role("link", name="Carry on now"))
    for group in page.get_by_role("group").all()[1:]:
        group.get_by_label("Not very confident", exact=True).check()
    follow(page.get_by_role("button", name="See my results"))
    expect(page).to_have_title(title("Your skills check results"))
    expect(page.locator("main")).to_contain_text("Suggested action: Take a short course")
    assert_accessible(page, "skills check results")
    follow(page.get_by_role("link", name="Print your results"))
    expect(page).to_have_title(title("Skills check results"))
    assert_accessible(page, "skills check report")

    # Without JavaScript: every "neither" answer gives the kind, unclear result.
    no_script = browser.new_context(locale="en-GB", timezone_id="Europe/London", java_script_enabled=False)
    plain = no_script.new_page()
    plain.set_default_timeout(10_000)
    plain.goto(f"{site}/skills-assessment/")
    follow(plain.get_by_role("button", name="Start now"))
    for number in range(1, instrument.PAGE_COUNT + 1):
        for statement in instrument.page_statements(number):
            plain.get_by_role("group", name=statement.text).get_by_label("Neither agree nor disagree").check()
        follow(plain.get_by_role("button", name="Continue"))
    expect(plain).to_have_title(title("Your results"))
    expect(plain.locator("main")).to_contain_text("did not point clearly to any of the traits")
    results_url = plain.url
    no_script.close()
    page.goto(results_url)  # another browser has no code: back to the start page
    expect(page).to_have_title(title("Discover your skills and careers"))
    # The same unclear answers, resumed with their code where axe can look at them.
    unclear = Assessment.objects.filter(kind=Assessment.Kind.INTERESTS).get()
    page.get_by_label("Reference code").fill(unclear.code)
    follow(page.get_by_role("button", name="Carry on"))
    expect(page.locator("main")).to_contain_text("did not point clearly to any of the traits")
    assert_accessible(page, "results, unclear")


def test_an_adviser_opens_results_with_the_code_and_plans_a_discussion(page: Page, site: str, browser: Browser) -> None:
    cache.clear()
    care_jobs()
    london = Organisation.objects.get(touchpoint_id="0000000103")
    adviser = make_staff(Role.ADVISER, organisation=london, given_name="Ada", family_name="Adviser")
    customer = CustomerFactory(given_name="Nia", family_name="Okoro")
    plan = plan_with_goal_and_action(customer, adviser)
    answers = {s.code: (5 if (s.trait == "helper") != s.reverse else 1) for s in instrument.STATEMENTS}
    now = timezone.now()
    Assessment.objects.create(code="HEMP2345", answers=answers, completed_at=now, changed_at=now)

    sign_in(page, site, adviser.email)
    page.goto(f"{site}/workspace/customers/{customer.reference}/")
    follow(page.get_by_role("link", name="Skills assessment results"))
    expect(page).to_have_title(title("Skills assessment results \N{EN DASH} Nia Okoro", site=WORKSPACE))
    assert_accessible(page, "workspace: open results, empty")
    page.get_by_label("Reference code").fill("ZZZZ 2222")
    follow(page.get_by_role("button", name="Open the results"))
    error_summary_says(page, "We could not find an assessment with that reference code. Check it and try again.")
    assert_accessible(page, "workspace: open results, with errors")
    page.get_by_label("Reference code").fill("hemp2345")
    follow(page.get_by_role("button", name="Open the results"))
    expect(page.locator("main")).to_contain_text("Caring")
    expect(page.locator("main")).to_contain_text("Social care")
    assert_accessible(page, "workspace: results")
    page.get_by_label("Plan made").first.check()
    follow(page.get_by_role("button", name="Add “discuss the results” to the plan"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("has been added to the action plan")
    assert Action.objects.filter(plan=plan, summary__contains="HEMP 2345").exists()

    editor = make_staff(Role.CONTENT_EDITOR, organisation=london, given_name="Cy", family_name="Editor")
    editing = browser.new_context(locale="en-GB", timezone_id="Europe/London")
    content = editing.new_page()
    content.set_default_timeout(10_000)
    problems = watch(content)
    sign_in(content, site, editor.email)
    content.goto(f"{site}/workspace/assessment-mapping/")
    assert_accessible(content, "mapping list")
    follow(content.get_by_role("link", name="Change Social care"))
    assert_accessible(content, "mapping edit")
    content.get_by_label("Caring: You like helping people and listening to them.").uncheck()
    follow(content.get_by_role("button", name="Save"))
    error_summary_says(content, "Select at least one trait, or the category can never be suggested")
    assert_accessible(content, "mapping edit, with errors")
    content.get_by_label("Caring: You like helping people and listening to them.").check()
    content.get_by_label("Sociable: You enjoy meeting people and you are good at getting on with them.").check()
    content.get_by_label("Why are you changing it?").fill("Care work is sociable")
    follow(content.get_by_role("button", name="Save"))
    expect(content.locator(".govuk-notification-banner")).to_contain_text("The traits for Social care have been saved")
    problems.assert_none("content editor")
    editing.close()
