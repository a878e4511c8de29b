"""The funding eligibility checker (issue 6): a visitor answers every question (with mistakes
along the way), checks and changes an answer, reads the statement, downloads it as a PDF, signs
in and saves it to the online space; a content editor changes a rule's condition and reads its
history. Every page state is checked with axe."""

from __future__ import annotations

import datetime

from django.utils import timezone
from playwright.sync_api import Page, expect

from signpost.accounts.roles import Role
from signpost.funding import services
from signpost.funding.models import FundingRuleSet
from signpost.organisations.models import Organisation
from signpost.space.models import SavedItem
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import follow
from tests.e2e.pages import WORKSPACE, title
from tests.e2e.staff_steps import sign_in
from tests.factories import TEST_PASSWORD, make_customer, make_staff


def error_summary_says(page: Page, message: str) -> None:
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text(message)
    assert page.title().startswith("Error: "), page.title()


def fill_date(page: Page, day: datetime.date) -> None:
    page.get_by_label("Day").fill(str(day.day))
    page.get_by_label("Month").fill(str(day.month))
    page.get_by_label("Year").fill(str(day.year))


def answer(page: Page, heading: str, choice: str, label: str) -> None:
    expect(page).to_have_title(title(heading))
    assert_accessible(page, label)
    page.get_by_label(choice, exact=True).check()
    follow(page.get_by_role("button", name="Continue"))


def test_a_visitor_checks_their_funding_reads_the_statement_and_saves_it(page: Page, site: str) -> None:
    services.rule_set_load_default()
    make_customer(email="sam.patel@example.com", given_name="Sam", family_name="Patel")
    start = timezone.localdate() + datetime.timedelta(days=90)
    born = start.replace(year=start.year - 19, day=1)

    page.goto(f"{site}/funding/")
    expect(page).to_have_title(title("Check what funding you can get for a course"))
    assert_accessible(page, "start page")
    follow(page.get_by_role("button", name="Start now"))

    expect(page).to_have_title(title("What is your date of birth?"))
    assert_accessible(page, "date of birth, empty")
    follow(page.get_by_role("button", name="Continue"))
    error_summary_says(page, "Enter the date of birth")
    assert_accessible(page, "date of birth, error")
    fill_date(page, born)
    follow(page.get_by_role("button", name="Continue"))

    expect(page).to_have_title(title("When do you expect to start the course?"))
    assert_accessible(page, "course start")
    fill_date(page, start)
    follow(page.get_by_role("button", name="Continue"))

    answer(page, "Where do you live?", "England", "where you live")
    answer(page, "Which of these describes you?", "I am not sure", "residency")
    # Back, and the answer given is still chosen.
    follow(page.get_by_role("link", name="Back"))
    expect(page.get_by_label("I am not sure", exact=True)).to_be_checked()
    page.get_by_label("I have lived in the UK for the last 3 years", exact=False).check()
    follow(page.get_by_role("button", name="Continue"))
    answer(page, "Are you working?", "I am employed or self-employed", "work and benefits")
    answer(page, "Do you earn less than £25,750 a year?", "Yes", "pay")
    answer(
        page,
        "What is the highest qualification you have?",
        "Level 2, for example 5 GCSEs at grades 9 to 4 (A* to C)",
        "highest qualification",
    )
    answer(page, "Do you have GCSE English and maths at grade 4 (C) or higher?", "Yes, both English and maths", "GCSEs")
    answer(
        page,
        "What kind of course do you want to do?",
        "Another full qualification, such as a diploma, certificate or A level",
        "course type",
    )
    answer(page, "What level is the course?", "Level 2", "course level")

    expect(page).to_have_title(title("Do you need childcare or look after someone?"))
    assert_accessible(page, "childcare and caring, empty")
    follow(page.get_by_role("button", name="Continue"))
    error_summary_says(page, "Select whether you need childcare or look after someone")
    assert_accessible(page, "childcare and caring, error")
    page.get_by_label("I need childcare for my children while I study").check()
    follow(page.get_by_role("button", name="Continue"))
    answer(page, "Would you find the costs of studying hard to pay?", "No", "costs")

    expect(page).to_have_title(title("Check your answers"))
    assert_accessible(page, "check your answers")
    follow(page.get_by_role("link", name="Change level of the course"))
    answer(page, "What level is the course?", "Level 3", "course level, changed")
    expect(page).to_have_title(title("Check your answers"))
    expect(page.locator(".govuk-summary-list")).to_contain_text("Level 3")
    follow(page.get_by_role("button", name="See your statement"))

    expect(page).to_have_title(title("Your statement of eligibility for funding"))
    assert_accessible(page, "statement, signed out")
    applies = page.locator(".govuk-summary-card__title")
    expect(applies).to_contain_text(["Your first full level 3 qualification (aged 19 to 23)", "Advanced learner loan"])
    expect(page.get_by_text("Care to Learn", exact=True)).to_be_visible()
    expect(page.locator("#does-not-apply + dl")).to_contain_text("This is for people aged 18 or under")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download your statement as a PDF").click()
    assert download.value.suggested_filename.startswith("funding-statement-")

    follow(page.get_by_role("link", name="Sign in to save your statement to your online space"))
    page.get_by_label("Email address").fill("sam.patel@example.com")
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    follow(page.get_by_role("button", name="Sign in"))
    expect(page).to_have_title(title("Your statement of eligibility for funding"))
    assert_accessible(page, "statement, signed in")
    follow(page.get_by_role("button", name="Save to my online space"))

    expect(page).to_have_title(title("Your saved statement of eligibility for funding"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("saved to your online space")
    expect(page.locator(".govuk-tag")).to_have_text("Saved")
    assert_accessible(page, "saved statement")
    assert (
        SavedItem.objects.filter(kind=SavedItem.Kind.FUNDING_STATEMENT, user__email="sam.patel@example.com").count()
        == 1
    )


def test_a_content_editor_changes_a_condition_and_reads_the_history(page: Page, site: str) -> None:
    rule_set, _ = services.rule_set_load_default()
    london = Organisation.objects.get(touchpoint_id="0000000103")
    make_staff(
        Role.CONTENT_EDITOR,
        organisation=london,
        email="cara.editor@example.com",
        given_name="Cara",
        family_name="Editor",
    )
    sign_in(page, site, "cara.editor@example.com")

    follow(page.get_by_role("link", name="Funding rules"))
    expect(page).to_have_title(title("Funding rules", site=WORKSPACE))
    assert_accessible(page, "rule sets")
    follow(page.get_by_role("link", name=rule_set.name))
    expect(page).to_have_title(title(rule_set.name, site=WORKSPACE))
    assert_accessible(page, "rule set")

    follow(page.get_by_role("link", name="Change the rule set"))
    expect(page).to_have_title(title("Change the rule set", site=WORKSPACE))
    assert_accessible(page, "change rule set")
    page.get_by_label("Low-wage threshold, in pounds a year").fill("")
    follow(page.get_by_role("button", name="Save rule set"))
    error_summary_says(page, "Enter the low-wage threshold in pounds")
    assert_accessible(page, "change rule set, error")
    follow(page.get_by_role("link", name="Cancel"))

    loan = rule_set.rules.get(code="advanced-learner-loan")
    follow(page.locator(f"#rule-{loan.pk}").get_by_role("link", name="Change Advanced learner loan"))
    expect(page).to_have_title(title("Change the rule", site=WORKSPACE))
    assert_accessible(page, "change rule")
    follow(page.get_by_role("link", name="Cancel"))
    follow(page.locator(f"#rule-{loan.pk}").get_by_role("link", name="Remove condition 1 of Advanced learner loan"))
    expect(page).to_have_title(title("Remove this condition?", site=WORKSPACE))
    assert_accessible(page, "remove condition")
    follow(page.get_by_role("link", name="Cancel"))

    follow(page.locator(f"#rule-{loan.pk}").get_by_role("link", name="Change condition 5 of Advanced learner loan"))
    expect(page).to_have_title(title("Change the condition", site=WORKSPACE))
    assert_accessible(page, "change condition")
    page.get_by_label("Value").fill("seven")
    follow(page.get_by_role("button", name="Save condition"))
    error_summary_says(page, "'seven' is not a whole number.")
    expect(page.get_by_label("Value")).to_have_value("seven")
    assert_accessible(page, "change condition, error")
    page.get_by_label("Value").fill("7")
    follow(page.get_by_role("button", name="Save condition"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("has been updated")

    follow(page.get_by_role("link", name="History of Advanced learner loan"))
    expect(page).to_have_title(title("History of Advanced learner loan", site=WORKSPACE))
    expect(page.locator("tbody tr").first).to_contain_text("Cara Editor")
    assert_accessible(page, "rule history")
    assert (
        FundingRuleSet.objects.get(pk=rule_set.pk)
        .rules.get(code="advanced-learner-loan")
        .conditions.filter(value="7")
        .exists()
    )


def test_a_content_editor_adds_a_rule_and_retires_another(page: Page, site: str) -> None:
    rule_set, _ = services.rule_set_load_default()
    london = Organisation.objects.get(touchpoint_id="0000000103")
    make_staff(Role.CONTENT_EDITOR, organisation=london, email="cara.editor@example.com")
    sign_in(page, site, "cara.editor@example.com")
    page.goto(f"{site}/workspace/funding-rules/{rule_set.pk}/")

    follow(page.get_by_role("button", name="Add a rule"))
    expect(page).to_have_title(title("Add a rule", site=WORKSPACE))
    assert_accessible(page, "add rule")
    page.get_by_label("Help with costs while you learn").check()
    page.get_by_label("Title").fill("Travel bursary")
    page.get_by_label("What it is").fill("Help with fares to get to your course.")
    page.get_by_label("Why it applies").fill("Your course is at level 2 or below.")
    page.get_by_label("What to do next").fill("Ask the college's student services.")
    page.get_by_label("First condition: fact").select_option("course_level")
    page.get_by_label("First condition: compared how").select_option("lte")
    page.get_by_label("First condition: value").fill("two")
    page.get_by_label("First condition: why the rule does not apply when this does not hold").fill("Level 2 or below.")
    follow(page.get_by_role("button", name="Add rule"))
    error_summary_says(page, "'two' is not a whole number.")
    expect(page.get_by_label("Title")).to_have_value("Travel bursary")
    assert_accessible(page, "add rule, error")
    page.get_by_label("First condition: value").fill("2")
    follow(page.get_by_role("button", name="Add rule"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Travel bursary has been added")

    loan = rule_set.rules.get(code="advanced-learner-loan")
    follow(page.locator(f"#rule-{loan.pk}").get_by_role("link", name="Retire Advanced learner loan"))
    expect(page).to_have_title(title("Are you sure you want to retire Advanced learner loan?", site=WORKSPACE))
    assert_accessible(page, "retire rule")
    follow(page.get_by_role("button", name="Retire rule"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("has been retired")
    expect(page.get_by_role("table", name="Retired rules")).to_contain_text("Advanced learner loan")
    assert_accessible(page, "rule set, a rule retired")
