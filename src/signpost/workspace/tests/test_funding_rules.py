"""The funding rules in the workspace: only content editors open or change them; every change is
audited and kept in the history with who made it; bad input is shown and kept."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest
from django.urls import reverse

from conftest import PEOPLE
from signpost.core.models import AuditEvent
from signpost.funding import rules, services
from signpost.funding.models import FundingCondition, FundingRule, FundingRuleSet

pytestmark = pytest.mark.django_db

SIGN_IN = "/workspace/sign-in/"


def text_of(response: Any) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


@pytest.fixture
def rule_set(db: Any) -> FundingRuleSet:
    return services.rule_set_load_default()[0]


@pytest.fixture
def loan(rule_set: FundingRuleSet) -> FundingRule:
    return rule_set.rules.get(code="advanced-learner-loan")


@pytest.fixture
def editor(person: Any) -> Any:
    return person("content_editor")


def pages(rule_set: FundingRuleSet, loan: FundingRule) -> list[str]:
    condition = loan.conditions.first()
    assert condition is not None
    return [
        reverse("workspace:funding_rule_set_list"),
        reverse("workspace:funding_rule_set_detail", kwargs={"pk": rule_set.pk}),
        reverse("workspace:funding_rule_set_edit", kwargs={"pk": rule_set.pk}),
        reverse("workspace:funding_rule_set_copy", kwargs={"pk": rule_set.pk}),
        reverse("workspace:funding_rule_edit", kwargs={"pk": loan.pk}),
        reverse("workspace:funding_rule_history", kwargs={"pk": loan.pk}),
        reverse("workspace:funding_condition_add", kwargs={"pk": loan.pk}),
        reverse("workspace:funding_condition_edit", kwargs={"pk": condition.pk}),
        reverse("workspace:funding_condition_remove", kwargs={"pk": condition.pk}),
    ]


@pytest.mark.parametrize("who", PEOPLE)
def test_only_content_editors_open_the_funding_rules(
    who: str, person: Any, client_for: Any, rule_set: FundingRuleSet, loan: FundingRule
) -> None:
    client = client_for(person(who))
    for url in pages(rule_set, loan):
        response = client.get(url)
        if who == "content_editor":
            assert response.status_code == 200, url
        elif who == "anonymous":
            assert response.status_code == 302 and response["Location"].startswith(SIGN_IN), url
        else:
            assert response.status_code == 403, url


@pytest.mark.parametrize("who", PEOPLE)
def test_only_content_editors_change_the_funding_rules(
    who: str, person: Any, client_for: Any, rule_set: FundingRuleSet, loan: FundingRule
) -> None:
    client = client_for(person(who))
    condition = loan.conditions.first()
    assert condition is not None
    client.post(
        reverse("workspace:funding_rule_edit", kwargs={"pk": loan.pk}),
        {"kind": "course_fees", "title": "Changed", "summary": "s", "applies_because": "a", "next_steps": "n"},
    )
    client.post(reverse("workspace:funding_condition_remove", kwargs={"pk": condition.pk}))
    loan.refresh_from_db()
    changed = loan.title == "Changed"
    removed = not FundingCondition.objects.filter(pk=condition.pk).exists()
    assert changed is removed is (who == "content_editor")


def test_navigation_shows_funding_rules_to_content_editors(editor: Any, person: Any, client_for: Any) -> None:
    assert "Funding rules" in text_of(client_for(editor).get(reverse("workspace:home")))
    assert "Funding rules" not in text_of(client_for(person("adviser")).get(reverse("workspace:home")))


def test_a_content_editor_changes_a_rule_with_history_and_audit(
    editor: Any, client_for: Any, loan: FundingRule
) -> None:
    client = client_for(editor)
    data = {
        "kind": "course_fees",
        "title": "Advanced learner loan (levels 3 to 6)",
        "summary": loan.summary,
        "applies_because": loan.applies_because,
        "next_steps": "Ask the college for the letter, then apply.",
    }
    response = client.post(reverse("workspace:funding_rule_edit", kwargs={"pk": loan.pk}), data)
    assert response.status_code == 302
    loan.refresh_from_db()
    assert loan.title == "Advanced learner loan (levels 3 to 6)"
    latest = loan.history.first()  # type: ignore[attr-defined]
    assert latest.history_user == editor and latest.history_type == "~"
    event = AuditEvent.objects.get(action="funding.rule_changed", object_id=str(loan.pk))
    assert event.actor == editor and sorted(event.details["changed"]) == ["next_steps", "title"]
    history = text_of(client.get(reverse("workspace:funding_rule_history", kwargs={"pk": loan.pk})))
    assert "Rule changed" in history and "Advanced learner loan (levels 3 to 6)" in history
    assert "Loaded by the system" in history


def test_a_rule_without_its_text_is_refused_and_what_was_typed_is_kept(
    editor: Any, client_for: Any, loan: FundingRule
) -> None:
    data = {"kind": "course_fees", "title": "Kept title", "summary": "", "applies_because": "", "next_steps": "x"}
    response = client_for(editor).post(reverse("workspace:funding_rule_edit", kwargs={"pk": loan.pk}), data)
    html = response.content.decode()
    assert response.status_code == 200 and "<title>Error: " in html
    assert "Enter what it is" in html and "Enter why it applies" in html
    assert 'value="Kept title"' in html


def test_a_condition_is_added_changed_and_removed_and_the_rule_follows(
    editor: Any, client_for: Any, rule_set: FundingRuleSet, loan: FundingRule
) -> None:
    client = client_for(editor)
    add = reverse("workspace:funding_condition_add", kwargs={"pk": loan.pk})
    response = client.post(
        add,
        {"fact": "age_on_start", "operator": "lte", "value": "64", "any_of_group": "", "reason_not_met": "Too old."},
    )
    assert response.status_code == 302
    added = loan.conditions.get(value="64")
    assert added.position == loan.conditions.count()
    assert AuditEvent.objects.filter(action="funding.condition_added", object_id=str(added.pk)).exists()

    facts = {"age_on_start": 70, "lives_in": "england", "residency": "settled_3_years", "course_level": 3}
    assert not rules.evaluate(rule_set, facts).applies

    client.post(
        reverse("workspace:funding_condition_edit", kwargs={"pk": added.pk}),
        {"fact": "age_on_start", "operator": "lte", "value": "99", "any_of_group": "", "reason_not_met": "Too old."},
    )
    added.refresh_from_db()
    assert added.value == "99"
    assert [item.code for item in rules.evaluate(rule_set, facts).applies] == ["advanced-learner-loan"]

    client.post(reverse("workspace:funding_condition_remove", kwargs={"pk": added.pk}))
    assert not FundingCondition.objects.filter(pk=added.pk).exists()
    removed = FundingCondition.history.filter(id=added.pk).first()  # type: ignore[attr-defined]
    assert removed.history_type == "-" and removed.history_user == editor
    assert AuditEvent.objects.filter(action="funding.condition_removed", object_id=str(added.pk)).exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"fact": "age_on_start", "operator": "gte", "value": "nineteen"},
            "value",
            "'nineteen' is not a whole number.",
        ),
        ({"fact": "course_type", "operator": "eq", "value": "yoga"}, "value", "'yoga' is not a value of"),
        ({"fact": "course_type", "operator": "gte", "value": "esol"}, "operator", "is not a number"),
        ({"fact": "", "operator": "eq", "value": "1"}, "fact", "Choose a fact"),
        (
            {"fact": "age_on_start", "operator": "eq", "value": "19", "reason_not_met": ""},
            "reason_not_met",
            "Enter why",
        ),
    ],
)
def test_a_bad_condition_is_refused_and_what_was_typed_is_kept(
    editor: Any, client_for: Any, loan: FundingRule, data: dict[str, str], field: str, message: str
) -> None:
    before = loan.conditions.count()
    posted = {"any_of_group": "kept-group", "reason_not_met": "Kept reason.", **data}
    response = client_for(editor).post(reverse("workspace:funding_condition_add", kwargs={"pk": loan.pk}), posted)
    html = unescape(response.content.decode())
    assert response.status_code == 200 and "<title>Error: " in html
    assert message in html
    assert f'href="#id_{field}"' in html
    assert 'value="kept-group"' in html
    if data.get("value"):
        assert f'value="{data["value"]}"' in html
    assert loan.conditions.count() == before


def test_the_rule_set_is_changed_and_copied_to_a_new_as_at_date(
    editor: Any, client_for: Any, rule_set: FundingRuleSet
) -> None:
    client = client_for(editor)
    edit = reverse("workspace:funding_rule_set_edit", kwargs={"pk": rule_set.pk})
    data = {
        "name": rule_set.name,
        "as_at-day": "1",
        "as_at-month": "8",
        "as_at-year": "2025",
        "low_wage_threshold": "26000",
        "sources": "Our sources",
    }
    assert client.post(edit, data).status_code == 302
    rule_set.refresh_from_db()
    assert rule_set.low_wage_threshold == 26000

    copy_url = reverse("workspace:funding_rule_set_copy", kwargs={"pk": rule_set.pk})
    same_date = client.post(copy_url, {"name": "Copy", "as_at-day": "1", "as_at-month": "8", "as_at-year": "2025"})
    assert "Another rule set is already as at 1 August 2025" in text_of(same_date)
    assert 'value="Copy"' in same_date.content.decode()

    response = client.post(
        copy_url, {"name": "2026 to 2027", "as_at-day": "1", "as_at-month": "8", "as_at-year": "2026"}
    )
    copy = FundingRuleSet.objects.get(name="2026 to 2027")
    assert response["Location"] == reverse("workspace:funding_rule_set_detail", kwargs={"pk": copy.pk})
    assert copy.rules.count() == rule_set.rules.count()
    assert (
        FundingCondition.objects.filter(rule__rule_set=copy).count()
        == FundingCondition.objects.filter(rule__rule_set=rule_set).count()
    )
    assert copy.low_wage_threshold == 26000
    assert AuditEvent.objects.filter(action="funding.rule_set_copied", object_id=str(copy.pk)).exists()


def test_a_bad_rule_set_is_refused_and_what_was_typed_is_kept(
    editor: Any, client_for: Any, rule_set: FundingRuleSet
) -> None:
    data = {
        "name": "Kept name",
        "as_at-day": "31",
        "as_at-month": "2",
        "as_at-year": "2026",
        "low_wage_threshold": "lots",
    }
    response = client_for(editor).post(reverse("workspace:funding_rule_set_edit", kwargs={"pk": rule_set.pk}), data)
    html = unescape(response.content.decode())
    assert "As at must be a real date" in html
    assert "Enter the low-wage threshold as a whole number of pounds" in html
    assert 'value="Kept name"' in html and 'value="31"' in html and 'value="lots"' in html


def test_loading_the_default_rules_again_keeps_the_editors_changes(editor: Any, loan: FundingRule) -> None:
    services.rule_update(
        actor=editor,
        rule=loan,
        kind=loan.kind,
        title="Edited",
        summary=loan.summary,
        applies_because=loan.applies_because,
        next_steps=loan.next_steps,
    )
    rule_set, created = services.rule_set_load_default()
    assert not created
    assert rule_set.rules.get(code="advanced-learner-loan").title == "Edited"
    assert FundingRuleSet.objects.count() == 1
