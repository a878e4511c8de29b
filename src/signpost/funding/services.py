"""Writes to the funding rules (content editors) and saved statements (signed-in customers).

Each runs in one transaction with its audit event. Rules are added (never without a condition) and
retired (kept, applied to nobody), not deleted, so the history says what applied when. Rule changes
also keep a version in the model's history (django-simple-history) naming the editor:
``_history_user`` is set from the actor.
"""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from signpost.accounts.roles import MANAGE_FUNDING_RULES
from signpost.core.audit import audit_record
from signpost.funding import default_rules, facts, rules, selectors
from signpost.funding.models import FundingCondition, FundingRule, FundingRuleSet, FundingStatement
from signpost.space import services as space_services
from signpost.space.models import SavedItem

# The public page of a saved statement, for the online space's list (the domain names no URL).
SAVED_STATEMENT_PAGE = "portal:funding_saved_statement"
RULE_TEXT_FIELDS = ("title", "summary", "applies_because", "next_steps")


def _require_editor(actor: Any) -> None:
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.has_perm(MANAGE_FUNDING_RULES):
        raise PermissionDenied("Only content editors change the funding rules.")


def _require_in_force(rule: FundingRule) -> None:
    if rule.retired_at is not None:
        raise ValidationError("This rule has been retired: it can no longer be changed. Add a new rule instead.")


def _save(instance: Any, actor: Any) -> None:
    instance._history_user = actor if getattr(actor, "is_authenticated", False) else None
    instance.save()


def _add_rules(rule_set: FundingRuleSet, rule_data: list[dict[str, Any]], actor: Any) -> None:
    """Add a whole set's rules and conditions in two inserts (each with its history rows)."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    new_rules = [
        FundingRule(
            rule_set=rule_set,
            code=data["code"],
            position=position,
            kind=data["kind"],
            **{name: data[name] for name in RULE_TEXT_FIELDS},
        )
        for position, data in enumerate(rule_data, start=1)
    ]
    created = bulk_create_with_history(new_rules, FundingRule, default_user=user)
    conditions = []
    for rule, data in zip(created, rule_data, strict=True):
        for position, (fact, operator, value, group, reason) in enumerate(data["conditions"], start=1):
            rules.parse_value(fact, operator, value)
            conditions.append(
                FundingCondition(
                    rule=rule,
                    position=position,
                    fact=fact,
                    operator=operator,
                    value=value,
                    any_of_group=group,
                    reason_not_met=reason,
                )
            )
    bulk_create_with_history(conditions, FundingCondition, default_user=user)


def rule_set_load_default(*, actor: Any = None) -> tuple[FundingRuleSet, bool]:
    """Load the default rule set (default_rules) unless a set as at its date is already there,
    which is left as editors made it. Returns the set and whether it was created."""
    with transaction.atomic():
        existing = FundingRuleSet.objects.filter(as_at=default_rules.AS_AT).first()
        if existing is not None:
            return existing, False
        rule_set = FundingRuleSet(
            name=default_rules.NAME,
            as_at=default_rules.AS_AT,
            sources=default_rules.SOURCES,
            low_wage_threshold=default_rules.LOW_WAGE_THRESHOLD,
        )
        _save(rule_set, actor)
        _add_rules(rule_set, default_rules.RULES, actor)
        audit_record(
            actor=actor, action="funding.rule_set_loaded", target=rule_set, details={"as_at": str(rule_set.as_at)}
        )
        return rule_set, True


def _check_rule_set(*, name: str, as_at: datetime.date, low_wage_threshold: int, pk: int | None) -> None:
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = "Enter a name for the rule set."
    same_date = FundingRuleSet.objects.filter(as_at=as_at)
    if pk is not None:
        same_date = same_date.exclude(pk=pk)
    if same_date.exists():
        errors["as_at"] = f"Another rule set is already as at {as_at:%-d %B %Y}."
    if low_wage_threshold <= 0:
        errors["low_wage_threshold"] = "Enter the low-wage threshold in pounds, like 25750."
    if errors:
        raise ValidationError(errors)


def rule_set_update(
    *, actor: Any, rule_set: FundingRuleSet, name: str, as_at: datetime.date, sources: str, low_wage_threshold: int
) -> FundingRuleSet:
    _require_editor(actor)
    _check_rule_set(name=name, as_at=as_at, low_wage_threshold=low_wage_threshold, pk=rule_set.pk)
    with transaction.atomic():
        rule_set = FundingRuleSet.objects.select_for_update().get(pk=rule_set.pk)
        before = {"as_at": str(rule_set.as_at), "low_wage_threshold": rule_set.low_wage_threshold}
        rule_set.name, rule_set.as_at, rule_set.sources = name.strip(), as_at, sources.strip()
        rule_set.low_wage_threshold = low_wage_threshold
        _save(rule_set, actor)
        audit_record(
            actor=actor,
            action="funding.rule_set_changed",
            target=rule_set,
            details={"before": before, "as_at": str(as_at), "low_wage_threshold": low_wage_threshold},
        )
        return rule_set


def rule_set_copy(*, actor: Any, rule_set: FundingRuleSet, name: str, as_at: datetime.date) -> FundingRuleSet:
    """A new rule set as at another date, starting as a copy of this one (next year's rules, say)."""
    _require_editor(actor)
    _check_rule_set(name=name, as_at=as_at, low_wage_threshold=rule_set.low_wage_threshold, pk=None)
    source = selectors.rule_set(rule_set.pk)
    if source is None:
        raise ValidationError("This rule set no longer exists.")
    with transaction.atomic():
        copy = FundingRuleSet(
            name=name.strip(), as_at=as_at, sources=source.sources, low_wage_threshold=source.low_wage_threshold
        )
        _save(copy, actor)
        rule_data = [
            {
                "code": rule.code,
                "kind": rule.kind,
                **{field: getattr(rule, field) for field in RULE_TEXT_FIELDS},
                "conditions": [
                    (c.fact, c.operator, c.value, c.any_of_group, c.reason_not_met) for c in rule.conditions.all()
                ],
            }
            for rule in source.rules.all()
            if rule.retired_at is None  # a retired rule does not carry on into the next set
        ]
        _add_rules(copy, rule_data, actor)
        audit_record(
            actor=actor, action="funding.rule_set_copied", target=copy, details={"from": source.pk, "as_at": str(as_at)}
        )
        return copy


def rule_update(
    *, actor: Any, rule: FundingRule, kind: str, title: str, summary: str, applies_because: str, next_steps: str
) -> FundingRule:
    _require_editor(actor)
    values = {"title": title, "summary": summary, "applies_because": applies_because, "next_steps": next_steps}
    errors = _rule_text_errors(kind, values)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        rule = FundingRule.objects.select_for_update().get(pk=rule.pk)
        _require_in_force(rule)
        changed = [name for name, text in values.items() if getattr(rule, name) != text.strip()]
        if rule.kind != kind:
            changed.append("kind")
        for name, text in values.items():
            setattr(rule, name, text.strip())
        rule.kind = kind
        _save(rule, actor)
        audit_record(actor=actor, action="funding.rule_changed", target=rule, details={"changed": changed})
        return rule


def _rule_text_errors(kind: str, values: dict[str, str]) -> dict[str, str]:
    errors = {
        name: "Enter this text; people read it in their statement." for name, text in values.items() if not text.strip()
    }
    if kind not in FundingRule.Kind.values:
        errors["kind"] = "Choose what kind of help this is."
    return errors


def _free_code(rule_set: FundingRuleSet, title: str) -> str:
    """A code for a new rule from its title, unused in the set (retired rules keep theirs)."""
    base = slugify(title)[:50].strip("-") or "rule"
    taken = set(FundingRule.objects.filter(rule_set=rule_set).values_list("code", flat=True))
    code, number = base, 2
    while code in taken:
        code, number = f"{base}-{number}", number + 1
    return code


def rule_add(
    *,
    actor: Any,
    rule_set: FundingRuleSet,
    kind: str,
    title: str,
    summary: str,
    applies_because: str,
    next_steps: str,
    condition: dict[str, str],
) -> FundingRule:
    """A new rule at the end of the set, with its first condition: a rule without any would apply
    to everyone, so it is never saved without one (more are added on the rule set's page)."""
    _require_editor(actor)
    values = {"title": title, "summary": summary, "applies_because": applies_because, "next_steps": next_steps}
    errors: dict[str, Any] = _rule_text_errors(kind, values)
    try:
        first = _condition_values(**condition)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        rule_set = FundingRuleSet.objects.select_for_update().get(pk=rule_set.pk)
        last = FundingRule.objects.filter(rule_set=rule_set).order_by("-position").values_list("position", flat=True)
        rule = FundingRule(
            rule_set=rule_set,
            code=_free_code(rule_set, title),
            position=(last.first() or 0) + 1,
            kind=kind,
            **{name: text.strip() for name, text in values.items()},
        )
        _save(rule, actor)
        _save(FundingCondition(rule=rule, position=1, **first), actor)
        audit_record(
            actor=actor,
            action="funding.rule_added",
            target=rule,
            details={"rule_set": rule_set.pk, "code": rule.code, "condition": first},
        )
        return rule


def rule_retire(*, actor: Any, rule: FundingRule) -> FundingRule:
    """Stop applying the rule from now on. It stays in its set, with its history, and statements
    already saved keep what they said (they hold their own wording)."""
    _require_editor(actor)
    with transaction.atomic():
        rule = FundingRule.objects.select_for_update().get(pk=rule.pk)
        if rule.retired_at is not None:
            raise ValidationError("This rule has already been retired.")
        rule.retired_at = timezone.now()
        _save(rule, actor)
        audit_record(
            actor=actor,
            action="funding.rule_retired",
            target=rule,
            details={"rule_set": rule.rule_set_id, "code": rule.code},
        )
        return rule


def _condition_values(fact: str, operator: str, value: str, any_of_group: str, reason_not_met: str) -> dict[str, str]:
    errors: dict[str, list[str]] = {}
    try:
        rules.parse_value(fact, operator, value)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if not reason_not_met.strip():
        errors.setdefault("reason_not_met", []).append("Enter why the rule does not apply when this does not hold.")
    if errors:
        raise ValidationError(errors)
    return {
        "fact": fact,
        "operator": operator,
        "value": ",".join(part.strip() for part in value.split(",")) if "," in value else value.strip(),
        "any_of_group": any_of_group.strip().lower(),
        "reason_not_met": reason_not_met.strip(),
    }


def condition_add(
    *, actor: Any, rule: FundingRule, fact: str, operator: str, value: str, any_of_group: str, reason_not_met: str
) -> FundingCondition:
    _require_editor(actor)
    values = _condition_values(fact, operator, value, any_of_group, reason_not_met)
    with transaction.atomic():
        rule = FundingRule.objects.select_for_update().get(pk=rule.pk)
        _require_in_force(rule)
        last = rule.conditions.order_by("-position").values_list("position", flat=True).first() or 0
        condition = FundingCondition(rule=rule, position=last + 1, **values)
        _save(condition, actor)
        audit_record(
            actor=actor, action="funding.condition_added", target=condition, details={"rule": rule.pk, **values}
        )
        return condition


def condition_update(
    *,
    actor: Any,
    condition: FundingCondition,
    fact: str,
    operator: str,
    value: str,
    any_of_group: str,
    reason_not_met: str,
) -> FundingCondition:
    _require_editor(actor)
    values = _condition_values(fact, operator, value, any_of_group, reason_not_met)
    with transaction.atomic():
        condition = FundingCondition.objects.select_for_update().get(pk=condition.pk)
        _require_in_force(condition.rule)
        before = {"fact": condition.fact, "operator": condition.operator, "value": condition.value}
        for name, text in values.items():
            setattr(condition, name, text)
        _save(condition, actor)
        audit_record(
            actor=actor,
            action="funding.condition_changed",
            target=condition,
            details={"rule": condition.rule_id, "before": before, **values},
        )
        return condition


def condition_remove(*, actor: Any, condition: FundingCondition) -> None:
    _require_editor(actor)
    with transaction.atomic():
        condition = FundingCondition.objects.select_for_update().get(pk=condition.pk)
        _require_in_force(condition.rule)
        audit_record(
            actor=actor,
            action="funding.condition_removed",
            target=condition,
            details={"rule": condition.rule_id, "fact": condition.fact, "value": condition.value},
        )
        condition._history_user = actor  # type: ignore[attr-defined]
        condition.delete()


def funding_statement_save(*, actor: Any, answers: dict[str, Any]) -> FundingStatement:
    """Keep the statement for these answers in the person's online space (the outcomes as worded
    today) and list it among their saved things."""
    missing = facts.unanswered(answers)
    if missing:
        raise ValidationError("Answer every question before saving your statement.")
    found = facts.facts_from_answers(answers)
    rule_set = selectors.rule_set_for(datetime.date.fromisoformat(answers["course_start"]))
    if rule_set is None:
        raise ValidationError("The funding rules are not available at the moment.")
    statement = rules.evaluate(rule_set, found)
    with transaction.atomic():
        saved = FundingStatement.objects.create(
            key=secrets.token_urlsafe(12),
            user=actor,
            rule_set=rule_set,
            as_at=rule_set.as_at,
            answers=answers,
            outcomes=statement.as_json(),
        )
        # Refuses anyone but a signed-in customer, rolling back the statement with it.
        space_services.saved_item_save(
            actor=actor,
            kind=SavedItem.Kind.FUNDING_STATEMENT,
            key=saved.key,
            title=f"Funding statement, {timezone.localdate():%-d %B %Y}",
            path=reverse(SAVED_STATEMENT_PAGE, kwargs={"key": saved.key}),
        )
        audit_record(actor=actor, action="funding.statement_saved", target=saved, details={"rule_set": rule_set.pk})
        return saved
