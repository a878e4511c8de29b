"""The funding services refuse those who may not use them, leave nothing half done, and audit."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from signpost.core.models import AuditEvent
from signpost.funding import services
from signpost.funding.models import FundingRuleSet, FundingStatement
from signpost.funding.tests.test_rules import answers
from signpost.space.models import SavedItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def rule_set(db: Any) -> FundingRuleSet:
    return services.rule_set_load_default()[0]


def test_loading_the_default_rules_is_audited_once(rule_set: FundingRuleSet) -> None:
    services.rule_set_load_default()
    assert AuditEvent.objects.filter(action="funding.rule_set_loaded").count() == 1
    assert FundingRuleSet.objects.count() == 1
    assert rule_set.history.count() == 1  # type: ignore[attr-defined]


@pytest.mark.parametrize("who", ["anonymous", "customer", "adviser", "manager", "system_administrator"])
def test_only_content_editors_change_rules(who: str, person: Any, rule_set: FundingRuleSet) -> None:
    actor = person(who)
    rule = rule_set.rules.get(code="care-to-learn")
    with pytest.raises(PermissionDenied):
        services.rule_update(
            actor=actor, rule=rule, kind=rule.kind, title="x", summary="x", applies_because="x", next_steps="x"
        )
    with pytest.raises(PermissionDenied):
        services.condition_add(
            actor=actor, rule=rule, fact="age_on_start", operator="eq", value="1", any_of_group="", reason_not_met="x"
        )
    rule.refresh_from_db()
    assert rule.title == "Care to Learn"
    assert not AuditEvent.objects.filter(action__in=["funding.rule_changed", "funding.condition_added"]).exists()


def test_staff_cannot_save_a_statement_and_nothing_is_left_behind(person: Any, rule_set: FundingRuleSet) -> None:
    with pytest.raises(PermissionDenied):
        services.funding_statement_save(actor=person("adviser"), answers=answers(30))
    assert not FundingStatement.objects.exists()
    assert not SavedItem.objects.exists()


def test_a_statement_needs_every_answer(person: Any, rule_set: FundingRuleSet) -> None:
    incomplete = answers(30)
    del incomplete["course_type"]
    with pytest.raises(ValidationError):
        services.funding_statement_save(actor=person("customer"), answers=incomplete)
    assert not FundingStatement.objects.exists()


def test_a_saved_statement_is_listed_in_the_online_space(person: Any, rule_set: FundingRuleSet) -> None:
    customer = person("customer")
    saved = services.funding_statement_save(actor=customer, answers=answers(30, course_level="3"))
    item = SavedItem.objects.get(user=customer)
    assert item.kind == SavedItem.Kind.FUNDING_STATEMENT
    assert item.key == saved.key
    assert item.path == f"/funding/statements/{saved.key}/"
    assert item.title.startswith("Funding statement, ")
    assert saved.as_at == rule_set.as_at
    assert "advanced-learner-loan" in [outcome["code"] for outcome in saved.outcomes["applies"]]


def test_statements_saved_by_the_linked_account_are_in_the_customer_s_data(
    person: Any, rule_set: FundingRuleSet
) -> None:
    from signpost.core import privacy
    from signpost.plans.tests.builders import link_account
    from tests.factories import CustomerFactory

    account, stranger = person("customer"), person("other_customer")
    record = CustomerFactory()
    link_account(account, record)
    mine = services.funding_statement_save(actor=account, answers=answers(30))
    services.funding_statement_save(actor=stranger, answers=answers(40))
    entry = next(item for item in privacy.registered() if item.model == "funding.FundingStatement")
    rows = list(entry.export_rows(record))
    assert [row["answers"] for row in rows] == [mine.answers]
