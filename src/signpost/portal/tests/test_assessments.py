"""The public skills assessment and skills check pages (views_assessments)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from conftest import PEOPLE
from signpost.assessments import codes, instrument
from signpost.assessments.models import Assessment
from signpost.careers.tests.builders import make_category, make_profile
from signpost.core.models import Notification
from signpost.space.models import SavedItem

pytestmark = pytest.mark.django_db

START = reverse("portal:assessment_start")
RESULTS = reverse("portal:assessment_results")


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


def page_url(page: int) -> str:
    return reverse("portal:assessment_questions", kwargs={"page": page})


def pattern_for(traits: set[str]) -> dict[str, int]:
    return {s.code: (5 if (s.trait in traits) != s.reverse else 1) for s in instrument.STATEMENTS}


def begin(client: Client) -> Assessment:
    response = client.post(reverse("portal:assessment_begin"))
    assert response.status_code == 302 and response["Location"] == page_url(1)
    return Assessment.objects.get(code=client.session["assessments"]["interests"])


def answer_page(client: Client, page: int, answers: dict[str, int], **extra: str) -> Any:
    data = {s.code: str(answers[s.code]) for s in instrument.page_statements(page) if s.code in answers}
    return client.post(page_url(page), {**data, **extra})


def complete(client: Client, answers: dict[str, int]) -> Assessment:
    assessment = begin(client)
    for page in range(1, instrument.PAGE_COUNT + 1):
        response = answer_page(client, page, answers)
        assert response.status_code == 302
    assert response["Location"] == RESULTS
    assessment.refresh_from_db()
    return assessment


@pytest.fixture
def care_categories() -> None:
    make_category("Social care")
    make_category("Healthcare")
    make_category("Animal care")
    make_profile("Care worker", categories=("Social care",), skills=[{"name": "Cooperation"}, {"name": "Self Control"}])
    make_profile("Support worker", categories=("Social care",), skills=[{"name": "Cooperation"}])
    make_profile("Youth worker", categories=("Social care",), skills=[{"name": "Initiative"}])


@pytest.mark.parametrize("who", PEOPLE)
def test_start_page_is_public_and_gives_no_assessment_without_a_code(
    who: str, person: Callable[[str], Any], client_for: Callable[[Any], Client]
) -> None:
    client = client_for(person(who))
    page = client.get(START)
    assert page.status_code == 200
    assert "Discover your skills and careers" in page.content.decode()
    # Without a code in their session nobody reaches statements, results or reports.
    for name in ("assessment_results", "assessment_report", "assessment_pdf", "skills_check_results"):
        response = client.get(reverse(f"portal:{name}"))
        assert response.status_code == 302 and response["Location"] in (START, reverse("portal:skills_check_start"))
    assert client.get(page_url(1))["Location"] == START
    assert client.get(reverse("portal:assessment_category", kwargs={"slug": "social-care"}))["Location"] == START


def test_each_page_has_five_statements_each_with_a_legend_progress_and_back_link(client: Client) -> None:
    begin(client)
    html = client.get(page_url(2)).content.decode()
    assert html.count("<legend") == 5
    assert "Page 2 of 8" in html
    assert f'href="{page_url(1)}"' in html and "Back" in html
    for statement in instrument.page_statements(2):
        assert statement.text in html
    assert "Save and come back later" in html


def test_a_missing_answer_shows_the_error_summary_and_keeps_the_others(client: Client) -> None:
    begin(client)
    answers = pattern_for({"helper"})
    statements = instrument.page_statements(1)
    data = {s.code: str(answers[s.code]) for s in statements[:4]}
    response = client.post(page_url(1), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html and "There is a problem" in html
    assert f"Select how much you agree with: {statements[4].text}" in html
    for statement in statements[:4]:
        assert f'name="{statement.code}" type="radio" value="{answers[statement.code]}" checked' in html


def test_save_and_come_back_later_gives_a_code_that_resumes_exactly_there_in_another_browser(
    client: Client,
) -> None:
    assessment = begin(client)
    answers = pattern_for({"helper"})
    answer_page(client, 1, answers)
    partial = {s.code: answers[s.code] for s in instrument.page_statements(2)[:2]}
    response = answer_page(client, 2, partial, action="save")
    assert response["Location"] == reverse("portal:assessment_saved")
    saved = client.get(response["Location"]).content.decode()
    assert codes.display(assessment.code) in saved

    other = Client()
    typed = assessment.code.lower()[:4] + "  " + assessment.code.lower()[4:]
    resumed = other.post(reverse("portal:assessment_resume"), {"code": typed})
    assert resumed["Location"] == page_url(2)
    html = other.get(page_url(2)).content.decode()
    first = instrument.page_statements(2)[0]
    assert f'name="{first.code}" type="radio" value="{answers[first.code]}" checked' in html


def test_codes_cannot_be_enumerated(client: Client) -> None:
    real = Assessment.objects.create(code="ABCD2345", changed_at="2026-01-01T00:00:00Z")
    for attempt in range(10):
        response = client.post(reverse("portal:assessment_resume"), {"code": "ZZZZ" + codes.ALPHABET[attempt] * 4})
        assert "We could not find an assessment" in response.content.decode()
    # The eleventh try is refused even with a real code: guessing learns nothing more.
    response = client.post(reverse("portal:assessment_resume"), {"code": real.code})
    assert response.status_code == 200
    assert "You have tried too many reference codes" in response.content.decode()
    assert "assessments" not in client.session


@pytest.mark.parametrize(
    ("typed", "message"),
    [("", "Enter your reference code"), ("ABCD 0000", "Enter a reference code of 8 letters and numbers")],
)
def test_a_bad_code_is_explained_and_kept(client: Client, typed: str, message: str) -> None:
    response = client.post(reverse("portal:assessment_resume"), {"code": typed})
    html = response.content.decode()
    assert message in html and "<title>Error: " in html
    assert f'value="{typed}"' in html


def test_the_code_is_sent_by_text_message_to_a_uk_mobile_only(client: Client) -> None:
    assessment = begin(client)
    url = reverse("portal:assessment_saved")
    response = client.post(url, {"method": "sms", "mobile": "020 7946 0000"})
    html = response.content.decode()
    assert "Enter a UK mobile number" in html and 'value="020 7946 0000"' in html
    assert not Notification.objects.exists()
    response = client.post(url, {"method": "email", "email": "not an email"})
    assert "Enter an email address in the correct format" in response.content.decode()
    assert client.post(url, {"method": "sms", "mobile": "07700 900982"}).status_code == 302
    sent = Notification.objects.get()
    assert sent.recipient == "+447700900982" and codes.display(assessment.code) in sent.body


def test_results_show_strong_traits_and_categories_with_reasons(client: Client, care_categories: None) -> None:
    complete(client, pattern_for({"helper"}))
    html = client.get(RESULTS).content.decode()
    assert "Caring" in html and "You like helping people and listening to them." in html
    assert "Social care" in html and "Because you like helping people." in html
    # Healthcare needs the practical trait as well, so it is not suggested.
    assert "Healthcare" not in html


def test_unclear_results_say_so_kindly_with_next_steps(client: Client, care_categories: None) -> None:
    complete(client, {s.code: 3 for s in instrument.STATEMENTS})
    html = client.get(RESULTS).content.decode()
    assert "did not point clearly to any of the traits" in html
    assert "shorter skills check" in html and "Job categories that may suit you" not in html


def test_a_category_is_narrowed_by_skills_questions_and_answers_can_be_changed(
    client: Client, care_categories: None
) -> None:
    assessment = complete(client, pattern_for({"helper"}))
    url = reverse("portal:assessment_category", kwargs={"slug": "social-care"})
    html = client.get(url).content.decode()
    assert "Do you like working as part of a team?" in html
    missing = client.post(url, {})
    assert "Select yes or no" in missing.content.decode()
    questions = html.count("<legend")
    no_to_teamwork = {f"q{i}": "yes" for i in range(questions)}
    teamwork_index = [i for i in range(questions) if f'name="q{i}"' in html]
    # Find which question is about teamwork from the order on the page.
    order = [line for line in html.split("<legend")[1:]]
    team = next(i for i, legend in enumerate(order) if "part of a team" in legend)
    assert teamwork_index
    no_to_teamwork[f"q{team}"] = "no"
    client.post(url, no_to_teamwork)
    narrowed = client.get(url).content.decode()
    assert "Youth worker" in narrowed and "Care worker" not in narrowed
    assert 'href="/job-profiles/youth-worker/"' in narrowed
    assessment.refresh_from_db()
    assert assessment.category_answers["social-care"]["cooperation"] is False
    # Changed: yes to teamwork brings them back.
    client.post(url, {**no_to_teamwork, f"q{team}": "yes"})
    assert "Care worker" in client.get(url).content.decode()
    assert client.get(reverse("portal:assessment_category", kwargs={"slug": "no-such-thing"})).status_code == 404


def test_report_prints_and_downloads_as_pdf(client: Client, care_categories: None) -> None:
    complete(client, pattern_for({"helper"}))
    html = client.get(reverse("portal:assessment_report")).content.decode()
    assert "Skills assessment results" in html and "Social care" in html
    pdf = client.get(reverse("portal:assessment_pdf"))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_a_signed_in_customer_saves_results_and_opens_them_without_the_code(
    person: Callable[[str], Any], client_for: Callable[[Any], Client], care_categories: None
) -> None:
    owner, other = person("customer"), person("other_customer")
    client = client_for(owner)
    assessment = complete(client, pattern_for({"helper"}))
    client.post(reverse("portal:assessment_save"))
    saved = SavedItem.objects.get(user=owner)
    assert saved.kind == "assessment" and saved.path == f"/skills-assessment/mine/{assessment.pk}/"
    assert "Saved" in client.get(RESULTS).content.decode()

    fresh = client_for(owner)
    assert fresh.get(saved.path)["Location"] == RESULTS
    assert fresh.get(RESULTS).status_code == 200
    assert client_for(other).get(saved.path).status_code == 404
    assert client_for(None).get(saved.path)["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("who", ["anonymous", "adviser"])
def test_only_customer_accounts_can_save_to_an_online_space(
    who: str, person: Callable[[str], Any], client_for: Callable[[Any], Client], care_categories: None
) -> None:
    client = client_for(person(who))
    complete(client, pattern_for({"helper"}))
    client.post(reverse("portal:assessment_save"))
    assert not SavedItem.objects.exists()


def test_the_skills_check_shows_strengths_and_areas_to_develop(client: Client) -> None:
    client.post(reverse("portal:skills_check_begin"))
    url = reverse("portal:skills_check_questions")
    missing = client.post(url, {"working_with_others": "5"})
    assert "Select how confident you are: solving problems" in missing.content.decode()
    assert 'value="5" checked' in missing.content.decode()
    ratings = {"working_with_others": "5", "solving_problems": "1", "communicating": "4"}
    ratings |= {"planning": "3", "handling_pressure": "2", "using_technology": "3"}
    assert client.post(url, ratings)["Location"] == reverse("portal:skills_check_results")
    html = client.get(reverse("portal:skills_check_results")).content.decode()
    strengths, develop = html.split("Areas to develop")
    assert "Working with others" in strengths and "Communicating" in strengths
    assert "Solving problems" in develop and "Take a short course" in develop
    assert client.get(reverse("portal:skills_check_pdf")).content.startswith(b"%PDF")


def test_a_linked_customer_adds_the_skills_check_s_actions_to_their_own_plan(
    person: Callable[[str], Any], client_for: Callable[[Any], Client]
) -> None:
    from signpost.plans import services as plan_services
    from signpost.plans.models import Action
    from signpost.plans.tests.builders import link_account
    from tests.factories import CustomerFactory

    account = person("customer")
    customer = CustomerFactory()
    link_account(account, customer)
    client = client_for(account)
    client.post(reverse("portal:skills_check_begin"))
    ratings = {"working_with_others": "5", "solving_problems": "1", "communicating": "4"}
    ratings |= {"planning": "3", "handling_pressure": "2", "using_technology": "3"}
    client.post(reverse("portal:skills_check_questions"), ratings)
    results = reverse("portal:skills_check_results")
    add = reverse("portal:skills_check_add_actions")
    # No plan of their own yet: nothing offered, and posting is refused.
    assert "Add the actions to my plan" not in client.get(results).content.decode()
    assert client.post(add).status_code == 403
    plan = plan_services.own_plan_create(actor=account, customer=customer, current_situation="Looking for work")
    assert "Add the actions to my plan" in client.get(results).content.decode()
    assert client.post(add)["Location"] == reverse("portal:plan_detail", kwargs={"pk": plan.pk})
    summaries = sorted(Action.objects.filter(plan=plan).values_list("summary", flat=True))
    assert [summary.split(":")[0] for summary in summaries] == ["Handling pressure", "Solving problems"]
    # Someone without the check in their session gets nothing.
    assert client_for(account).post(add)["Location"] == reverse("portal:skills_check_start")
