"""Adding and retiring whole funding rules: only content editors may; a new rule applies at once,
a retired one stops applying, and statements already saved keep what they said."""

from __future__ import annotations

from html import unescape
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import PEOPLE
from signpost.core.models import AuditEvent
from signpost.funding import facts, rules, selectors, services
from signpost.funding.models import FundingRule, FundingRuleSet
from signpost.funding.tests.test_rules import COURSE_START, answers

pytestmark = pytest.mark.django_db

SIGN_IN = "/workspace/sign-in/"
NEW_RULE = {
    "kind": "support",
    "title": "Travel bursary",
    "summary": "Help with bus and train fares to get to your course.",
    "applies_because": "You are 19 to 24 and studying at level 2 or below.",
    "next_steps": "Ask the college's student services for the bursary form.",
    "fact": "course_level",
    "operator": "lte",
    "value": "2",
    "any_of_group": "",
    "reason_not_met": "The travel bursary is for courses at level 2 or below.",
}


@pytest.fixture
def rule_set(db: Any) -> FundingRuleSet:
    return services.rule_set_load_default()[0]


@pytest.fixture
def loan(rule_set: FundingRuleSet) -> FundingRule:
    return rule_set.rules.get(code="advanced-learner-loan")


def statement_for(given: dict[str, Any]) -> rules.Statement:
    rule_set = selectors.rule_set_for(COURSE_START)
    assert rule_set is not None
    return rules.evaluate(rule_set, facts.facts_from_answers(given))


def codes(outcomes: list[rules.Outcome]) -> list[str]:
    return [outcome.code for outcome in outcomes]


@pytest.mark.parametrize("who", PEOPLE)
def test_only_content_editors_add_and_retire_rules(
    who: str, person: Any, client_for: Any, rule_set: FundingRuleSet, loan: FundingRule
) -> None:
    client = client_for(person(who))
    add = reverse("workspace:funding_rule_add", kwargs={"pk": rule_set.pk})
    retire = reverse("workspace:funding_rule_retire", kwargs={"pk": loan.pk})
    for url in (add, retire):
        response = client.get(url)
        if who == "content_editor":
            assert response.status_code == 200, url
        elif who == "anonymous":
            assert response.status_code == 302 and response["Location"].startswith(SIGN_IN), url
        else:
            assert response.status_code == 403, url
    client.post(add, NEW_RULE)
    client.post(retire)
    loan.refresh_from_db()
    added = FundingRule.objects.filter(title="Travel bursary").exists()
    assert added is (loan.retired_at is not None) is (who == "content_editor")


def test_a_new_rule_applies_from_now_on_with_history_and_audit(
    person: Any, client_for: Any, rule_set: FundingRuleSet
) -> None:
    editor = person("content_editor")
    client = client_for(editor)
    before = statement_for(answers(20, course_level="2"))
    assert "travel-bursary" not in codes(before.applies + before.does_not_apply)

    response = client.post(reverse("workspace:funding_rule_add", kwargs={"pk": rule_set.pk}), NEW_RULE, follow=True)
    assert "Travel bursary has been added" in response.content.decode()
    rule = FundingRule.objects.get(title="Travel bursary")
    assert rule.code == "travel-bursary" and rule.position == rule_set.rules.count()
    assert [(c.fact, c.operator, c.value) for c in rule.conditions.all()] == [("course_level", "lte", "2")]
    assert rule.history.first().history_user == editor  # type: ignore[attr-defined]
    event = AuditEvent.objects.get(action="funding.rule_added", object_id=str(rule.pk))
    assert event.actor == editor and event.details["code"] == "travel-bursary"

    assert "travel-bursary" in codes(statement_for(answers(20, course_level="2")).applies)
    not_met = statement_for(answers(20, course_level="3")).does_not_apply
    assert [o.why for o in not_met if o.code == "travel-bursary"] == [NEW_RULE["reason_not_met"]]

    # A second rule of the same title gets a code of its own.
    client.post(reverse("workspace:funding_rule_add", kwargs={"pk": rule_set.pk}), NEW_RULE)
    assert FundingRule.objects.filter(title="Travel bursary").order_by("pk").last().code == "travel-bursary-2"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"value": "two"}, "value", "'two' is not a whole number."),
        ({"fact": "course_type", "operator": "lte", "value": "esol"}, "operator", "is not a number"),
        ({"reason_not_met": ""}, "reason_not_met", "Enter why the rule does not apply"),
        ({"title": ""}, "title", "Enter the title"),
        ({"kind": ""}, "kind", "Choose what kind of help this is"),
    ],
)
def test_a_bad_new_rule_is_refused_and_what_was_typed_is_kept(
    person: Any, client_for: Any, rule_set: FundingRuleSet, changes: dict[str, str], field: str, message: str
) -> None:
    count = FundingRule.objects.count()
    typed = NEW_RULE | {"summary": "Kept summary."} | changes
    response = client_for(person("content_editor")).post(
        reverse("workspace:funding_rule_add", kwargs={"pk": rule_set.pk}), typed
    )
    html = unescape(response.content.decode())
    assert response.status_code == 200 and "<title>Error: " in html
    assert message in html and f'href="#id_{field}' in html
    assert "Kept summary." in html
    assert FundingRule.objects.count() == count


def test_a_bad_value_is_listed_with_the_missing_fields_in_one_go(
    person: Any, client_for: Any, rule_set: FundingRuleSet
) -> None:
    typed = NEW_RULE | {"title": "", "reason_not_met": "", "value": "two", "summary": "Kept summary."}
    response = client_for(person("content_editor")).post(
        reverse("workspace:funding_rule_add", kwargs={"pk": rule_set.pk}), typed
    )
    html = unescape(response.content.decode())
    summary = html.split('class="govuk-error-summary"', 1)[1].split("</ul>", 1)[0]
    for field, message in [
        ("title", "Enter the title"),
        ("value", "'two' is not a whole number."),
        ("reason_not_met", "Enter why the rule does not apply when this does not hold"),
    ]:
        assert message in summary and f'href="#id_{field}"' in summary, field
    assert "Kept summary." in html and 'value="two"' in html
    assert not FundingRule.objects.filter(summary="Kept summary.").exists()


def test_a_changed_condition_lists_a_bad_value_with_a_missing_reason(
    person: Any, client_for: Any, loan: FundingRule
) -> None:
    condition = loan.conditions.first()
    assert condition is not None
    before = condition.value
    changed = {"fact": "age_on_start", "operator": "gte", "value": "nineteen", "any_of_group": "", "reason_not_met": ""}
    response = client_for(person("content_editor")).post(
        reverse("workspace:funding_condition_edit", kwargs={"pk": condition.pk}), changed
    )
    summary = unescape(response.content.decode()).split('class="govuk-error-summary"', 1)[1].split("</ul>", 1)[0]
    assert "'nineteen' is not a whole number." in summary and "Enter why the rule does not apply" in summary
    condition.refresh_from_db()
    assert condition.value == before


def test_a_retired_rule_stops_applying_and_saved_statements_keep_it(
    person: Any, client_for: Any, rule_set: FundingRuleSet, loan: FundingRule
) -> None:
    customer = person("customer")
    given = answers(30, course_level="3")
    saved = services.funding_statement_save(actor=customer, answers=given)
    assert "advanced-learner-loan" in codes(statement_for(given).applies)

    editor = person("content_editor")
    client = client_for(editor)
    url = reverse("workspace:funding_rule_retire", kwargs={"pk": loan.pk})
    page = client.get(url).content.decode()
    assert "statements people have already saved keep what they said" in page
    response = client.post(url, follow=True)
    assert "has been retired" in response.content.decode() and "Retired rules" in response.content.decode()
    loan.refresh_from_db()
    assert loan.retired_at is not None
    assert loan.history.first().history_user == editor  # type: ignore[attr-defined]
    assert AuditEvent.objects.filter(action="funding.rule_retired", object_id=str(loan.pk)).exists()
    assert client.get(url).status_code == 404  # once only
    # It can no longer be changed, but its history is still there.
    condition = loan.conditions.first()
    assert condition is not None
    for page in (
        reverse("workspace:funding_rule_edit", kwargs={"pk": loan.pk}),
        reverse("workspace:funding_condition_add", kwargs={"pk": loan.pk}),
        reverse("workspace:funding_condition_edit", kwargs={"pk": condition.pk}),
        reverse("workspace:funding_condition_remove", kwargs={"pk": condition.pk}),
    ):
        assert client.get(page).status_code == client.post(page).status_code == 404, page
    assert loan.conditions.filter(pk=condition.pk).exists()
    history = client.get(reverse("workspace:funding_rule_history", kwargs={"pk": loan.pk})).content.decode()
    assert "Retired</strong> <strong>Advanced learner loan" in history
    with pytest.raises(ValidationError, match="This rule has been retired"):
        services.condition_remove(actor=editor, condition=condition)

    now = statement_for(given)
    assert "advanced-learner-loan" not in codes(now.applies + now.does_not_apply)
    saved.refresh_from_db()
    assert "advanced-learner-loan" in [outcome["code"] for outcome in saved.outcomes["applies"]]
    shown = client_for(customer).get(reverse("portal:funding_saved_statement", kwargs={"key": saved.key}))
    assert loan.title in unescape(shown.content.decode())
    # Next year's rules, copied from these, leave the retired rule behind.
    copy = services.rule_set_copy(
        actor=editor, rule_set=rule_set, name="Next year", as_at=rule_set.as_at.replace(year=2030)
    )
    assert not copy.rules.filter(code="advanced-learner-loan").exists()
    assert copy.rules.count() == rule_set.rules.count() - 1
