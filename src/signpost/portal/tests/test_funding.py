"""The funding eligibility checker: the question flow (order, skipped questions, back links, check
your answers), bad input kept as typed, the statement and its PDF, saving to the online space,
and who may open each page."""

from __future__ import annotations

import datetime
import re
from html import unescape
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import PEOPLE
from signpost.core.models import AuditEvent
from signpost.funding import services
from signpost.funding.models import FundingStatement
from signpost.portal.views_funding import SESSION_KEY
from signpost.space.models import SavedItem

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
START = TODAY + datetime.timedelta(days=60)


def text_of(response: Any) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def born_aged(age: int) -> datetime.date:
    return (
        START.replace(year=START.year - age)
        if (START.month, START.day) != (2, 29)
        else START.replace(year=START.year - age, day=28)
    )


def complete_answers(age: int = 21, **changes: Any) -> dict[str, Any]:
    answers = {
        "date_of_birth": born_aged(age).isoformat(),
        "course_start": START.isoformat(),
        "lives_in": "england",
        "residency": "settled_3_years",
        "employment": "employed",
        "low_wage": "yes",
        "highest_qualification": "2",
        "gcse_english_and_maths": "both",
        "course_type": "full_qualification",
        "course_level": "3",
        "caring": ["childcare"],
        "help_with_costs": "no",
    }
    answers.update(changes)
    return answers


def with_answers(client: Client, answers: dict[str, Any]) -> Client:
    session = client.session
    session[SESSION_KEY] = answers
    session.save()
    return client


@pytest.fixture(autouse=True)
def default_rules(db: Any) -> None:
    services.rule_set_load_default()


def question(slug: str) -> str:
    return reverse("portal:funding_question", kwargs={"slug": slug})


def date_post(name: str, day: datetime.date) -> dict[str, str]:
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}


def test_the_questions_in_order_lead_to_check_answers_and_the_statement() -> None:
    client = Client()
    steps = [
        ("date-of-birth", date_post("date_of_birth", born_aged(19)), "course-start"),
        ("course-start", date_post("course_start", START), "where-you-live"),
        ("where-you-live", {"lives_in": "england"}, "residency"),
        ("residency", {"residency": "settled_3_years"}, "work-and-benefits"),
        ("work-and-benefits", {"employment": "employed"}, "pay"),
        ("pay", {"low_wage": "yes"}, "highest-qualification"),
        ("highest-qualification", {"highest_qualification": "2"}, "gcse-english-and-maths"),
        ("gcse-english-and-maths", {"gcse_english_and_maths": "both"}, "course-type"),
        ("course-type", {"course_type": "full_qualification"}, "course-level"),
        ("course-level", {"course_level": "3"}, "childcare-and-caring"),
        ("childcare-and-caring", {"caring": ["childcare"]}, "costs"),
    ]
    for slug, data, following in steps:
        response = client.post(question(slug), data)
        assert response.status_code == 302, (slug, text_of(response)[:400])
        assert response["Location"] == question(following)
    response = client.post(question("costs"), {"help_with_costs": "no"})
    assert response["Location"] == reverse("portal:funding_check")

    check = text_of(client.get(reverse("portal:funding_check")))
    assert "Check your answers" in check
    assert f"Date of birth {born_aged(19).strftime('%-d %B %Y')}" in check
    assert "Earn less than the low-wage threshold Yes" in check

    page = text_of(client.get(reverse("portal:funding_statement")))
    assert "Your statement of eligibility for funding" in page
    assert "as at 1 August 2025" in page
    applies, does_not = page.split("What does not apply to you, and why")
    for title in ("Your first full level 3 qualification (aged 19 to 23)", "Advanced learner loan", "Care to Learn"):
        assert title in applies
    assert "Free courses for 16 to 18 year olds This is for people aged 18 or under" in does_not
    assert "Help with childcare if you are 20 or over This is for people aged 20 or over" in does_not


def test_the_pay_question_is_only_for_people_in_work() -> None:
    client = with_answers(
        Client(),
        {
            k: v
            for k, v in complete_answers().items()
            if k in ("date_of_birth", "course_start", "lives_in", "residency")
        },
    )
    response = client.post(question("work-and-benefits"), {"employment": "not_working"})
    assert response["Location"] == question("highest-qualification")
    assert client.get(question("pay"))["Location"] == question("highest-qualification")
    back = client.get(question("highest-qualification")).content.decode()
    assert f'href="{question("work-and-benefits")}"' in back


def test_a_question_before_the_earlier_ones_are_answered_sends_you_back_to_them() -> None:
    client = Client()
    assert client.get(question("course-type"))["Location"] == question("date-of-birth")
    assert client.get(reverse("portal:funding_statement"))["Location"] == question("date-of-birth")
    assert client.get(reverse("portal:funding_statement_pdf"))["Location"] == question("date-of-birth")
    assert client.get(question("no-such-question")).status_code == 404


def test_changing_an_answer_returns_to_check_answers_and_keeps_the_answer_shown() -> None:
    client = with_answers(Client(), complete_answers())
    page = client.get(question("course-level")).content.decode()
    assert re.search(r'value="3"\s+checked', page)
    response = client.post(question("course-level"), {"course_level": "2"})
    assert response["Location"] == reverse("portal:funding_check")
    assert "Level of the course Level 2" in text_of(client.get(reverse("portal:funding_check")))


@pytest.mark.parametrize(
    ("slug", "data", "message", "kept"),
    [
        ("date-of-birth", {}, "Enter the date of birth", []),
        (
            "date-of-birth",
            {"date_of_birth-day": "31", "date_of_birth-month": "2", "date_of_birth-year": "2001"},
            "Date of birth must be a real date",
            ['value="31"', 'value="2001"'],
        ),
        (
            "date-of-birth",
            {"date_of_birth-day": "1", "date_of_birth-month": "1", "date_of_birth-year": str(TODAY.year + 1)},
            "Date of birth must be in the past",
            [f'value="{TODAY.year + 1}"'],
        ),
        ("where-you-live", {}, "Select where you live", []),
        ("where-you-live", {"lives_in": "mars"}, "Select where you live", []),
        ("residency", {}, "Select the one that describes you", []),
        ("work-and-benefits", {}, "Select whether you are working", []),
        ("pay", {}, "Select yes if you earn less than £25,750 a year", []),
        ("highest-qualification", {}, "Select your highest qualification", []),
        ("course-type", {}, "Select the kind of course you want to do", []),
        ("course-level", {}, "Select the level of the course", []),
        ("costs", {}, "Select yes if the costs of studying would be hard to pay", []),
        ("childcare-and-caring", {}, "Select whether you need childcare", []),
        (
            "childcare-and-caring",
            {"caring": ["childcare", "none"]},
            "Select 'Neither of these' on its own",
            [r'value="childcare"\s+checked', r'value="none"\s+checked'],
        ),
    ],
)
def test_bad_answers_show_the_error_summary_and_keep_what_was_typed(
    slug: str, data: dict[str, Any], message: str, kept: list[str]
) -> None:
    client = with_answers(Client(), complete_answers())
    response = client.post(question(slug), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: " in html
    assert "There is a problem" in html
    assert message in unescape(html)
    for pattern in kept:
        assert re.search(pattern, html), pattern


def test_the_course_start_is_checked_against_the_date_of_birth() -> None:
    client = with_answers(Client(), {"date_of_birth": born_aged(15).isoformat()})
    response = client.post(question("course-start"), date_post("course_start", START))
    assert "You must be 16 or over on the day the course starts" in unescape(response.content.decode())
    too_late = TODAY + datetime.timedelta(days=4 * 365)
    response = client.post(question("course-start"), date_post("course_start", too_late))
    assert "within the next 3 years" in response.content.decode()
    assert f'value="{too_late.year}"' in response.content.decode()


def test_a_changed_date_of_birth_is_checked_against_the_course_start() -> None:
    client = with_answers(Client(), complete_answers())
    response = client.post(question("date-of-birth"), date_post("date_of_birth", born_aged(15)))
    assert "You must be 16 or over on the day the course starts" in unescape(response.content.decode())
    assert client.session[SESSION_KEY]["date_of_birth"] == born_aged(21).isoformat()


def test_the_pay_question_names_the_threshold_of_the_rule_set() -> None:
    client = with_answers(Client(), complete_answers())
    assert "Do you earn less than £25,750 a year?" in text_of(client.get(question("pay")))


def test_the_statement_downloads_as_a_pdf() -> None:
    client = with_answers(Client(), complete_answers())
    response = client.get(reverse("portal:funding_statement_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]


def test_start_again_forgets_the_answers() -> None:
    client = with_answers(Client(), complete_answers())
    response = client.post(reverse("portal:funding_start_again"))
    assert response["Location"] == reverse("portal:funding_start")
    assert SESSION_KEY not in client.session


def test_a_customer_saves_the_statement_once_and_reads_it_later(person: Any, client_for: Any) -> None:
    customer = person("customer")
    client = with_answers(client_for(customer), complete_answers())
    response = client.post(reverse("portal:funding_statement_save"))
    saved = FundingStatement.objects.get(user=customer)
    assert response["Location"] == reverse("portal:funding_saved_statement", kwargs={"key": saved.key})
    item = SavedItem.objects.get(user=customer, kind=SavedItem.Kind.FUNDING_STATEMENT)
    assert item.key == saved.key and item.path == response["Location"]
    assert AuditEvent.objects.filter(action="funding.statement_saved", object_id=str(saved.pk)).exists()

    # Saving the same answers again keeps one statement; the statement page says it is saved.
    assert client.post(reverse("portal:funding_statement_save"))["Location"] == response["Location"]
    assert FundingStatement.objects.filter(user=customer).count() == 1
    assert "Saved See the statement saved in your online space" in text_of(
        client.get(reverse("portal:funding_statement"))
    )

    page = text_of(client.get(response["Location"]))
    assert "Your first full level 3 qualification (aged 19 to 23)" in page
    pdf = client.get(reverse("portal:funding_saved_statement_pdf", kwargs={"key": saved.key}))
    assert pdf.content.startswith(b"%PDF")


def test_a_saved_statement_keeps_its_wording_when_the_rules_change(person: Any, client_for: Any) -> None:
    customer = person("customer")
    saved = services.funding_statement_save(actor=customer, answers=complete_answers())
    rule = saved.rule_set.rules.get(code="care-to-learn")  # type: ignore[union-attr]
    services.rule_update(
        actor=person("content_editor"),
        rule=rule,
        kind=rule.kind,
        title="Renamed childcare help",
        summary=rule.summary,
        applies_because=rule.applies_because,
        next_steps=rule.next_steps,
    )
    page = text_of(client_for(customer).get(reverse("portal:funding_saved_statement", kwargs={"key": saved.key})))
    assert "Care to Learn" in page and "Renamed childcare help" not in page


@pytest.mark.parametrize("who", PEOPLE)
def test_anyone_may_use_the_checker(who: str, person: Any, client_for: Any) -> None:
    client = client_for(person(who))
    assert client.get(reverse("portal:funding_start")).status_code == 200
    assert client.get(question("date-of-birth")).status_code == 200
    with_answers(client, complete_answers())
    assert client.get(reverse("portal:funding_check")).status_code == 200
    page = client.get(reverse("portal:funding_statement"))
    assert page.status_code == 200
    save_button = "Save to my online space" in page.content.decode()
    assert save_button is (who in {"customer", "other_customer"})


@pytest.mark.parametrize("who", PEOPLE)
def test_only_customers_save_statements(who: str, person: Any, client_for: Any) -> None:
    client = with_answers(client_for(person(who)), complete_answers())
    response = client.post(reverse("portal:funding_statement_save"))
    if who == "anonymous":
        assert response.status_code == 302 and reverse("account_login") in response["Location"]
    elif who in {"customer", "other_customer"}:
        assert response.status_code == 302 and "/funding/statements/" in response["Location"]
    else:
        assert response.status_code == 403
    assert FundingStatement.objects.count() == (1 if who in {"customer", "other_customer"} else 0)


@pytest.mark.parametrize("who", PEOPLE)
def test_a_saved_statement_is_for_its_owner_alone(who: str, person: Any, client_for: Any) -> None:
    owner = person("customer")
    saved = services.funding_statement_save(actor=owner, answers=complete_answers())
    viewer = owner if who == "customer" else person(who)
    client = client_for(viewer)
    for name in ("portal:funding_saved_statement", "portal:funding_saved_statement_pdf"):
        response = client.get(reverse(name, kwargs={"key": saved.key}))
        expected = {"anonymous": 302, "customer": 200, "other_customer": 404}.get(who, 403)
        assert response.status_code == expected, name
