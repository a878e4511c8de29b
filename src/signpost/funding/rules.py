"""Deciding eligibility: one function, ``evaluate``, applies a rule set to a person's facts.

Every channel (the public checker, a saved statement, the PDF) asks ``evaluate``; the rules
themselves are data (models.FundingRule and FundingCondition). Conditions are checked here as
well when an editor saves one, so a rule can never hold a value its fact cannot take.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from django.core.exceptions import ValidationError

from signpost.funding.facts import FACTS, Fact
from signpost.funding.models import FundingCondition, FundingRule, FundingRuleSet

Operator = FundingCondition.Operator
LIST_OPERATORS = {Operator.ONE_OF, Operator.NONE_OF}
NUMBER_OPERATORS = {Operator.AT_LEAST, Operator.AT_MOST}


def parse_value(fact_name: str, operator: str, value: str) -> Any:
    """The condition's value as the fact's type; a ValidationError naming what is wrong if it can't be."""
    fact: Fact | None = FACTS.get(fact_name)
    if fact is None:
        raise ValidationError({"fact": "Choose a fact from the list."})
    if operator not in Operator.values:
        raise ValidationError({"operator": "Choose how to compare from the list."})
    parts = [part.strip() for part in (value or "").split(",")]
    parts = [part for part in parts if part]
    if not parts:
        raise ValidationError({"value": "Enter the value to compare with."})
    if operator in NUMBER_OPERATORS and fact.kind != "number":
        raise ValidationError({"operator": f"'{fact.label}' is not a number: use 'is', 'is not' or a list."})
    parsed: list[Any] = []
    for part in parts:
        if fact.kind == "number":
            if not part.isdigit():
                raise ValidationError({"value": f"'{part}' is not a whole number."})
            parsed.append(int(part))
        else:
            allowed = [code for code, _ in fact.choices]
            if part not in allowed:
                raise ValidationError(
                    {"value": f"'{part}' is not a value of '{fact.label}': use {', '.join(allowed)}."}
                )
            parsed.append(part == "yes" if fact.kind == "yes_no" else part)
    if operator not in LIST_OPERATORS and len(parsed) > 1:
        raise ValidationError({"value": "Give one value, or choose 'is one of' to give a list."})
    return parsed if operator in LIST_OPERATORS else parsed[0]


def condition_holds(condition: FundingCondition, facts: dict[str, Any]) -> bool:
    actual = facts.get(condition.fact)
    expected = parse_value(condition.fact, condition.operator, condition.value)
    if condition.operator == Operator.EQUALS:
        return bool(actual == expected)
    if condition.operator == Operator.NOT_EQUALS:
        return bool(actual != expected)
    if condition.operator == Operator.ONE_OF:
        return actual in expected
    if condition.operator == Operator.NONE_OF:
        return actual not in expected
    # A number not known (a course level "not sure") meets no bound.
    if actual is None:
        return False
    if condition.operator == Operator.AT_LEAST:
        return bool(actual >= expected)
    return bool(actual <= expected)


@dataclass(frozen=True)
class Outcome:
    code: str
    kind: str
    title: str
    summary: str
    applies: bool
    why: str
    next_steps: str = ""


@dataclass(frozen=True)
class Statement:
    rule_set_name: str
    as_at: str
    applies: list[Outcome] = field(default_factory=list)
    does_not_apply: list[Outcome] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Statement:
        return cls(
            rule_set_name=data["rule_set_name"],
            as_at=data["as_at"],
            applies=[Outcome(**outcome) for outcome in data["applies"]],
            does_not_apply=[Outcome(**outcome) for outcome in data["does_not_apply"]],
        )


def _first_unmet_reason(conditions: Iterable[FundingCondition], facts: dict[str, Any]) -> str | None:
    """The reason of the first requirement that fails, or None when all hold.

    A requirement is a condition on its own, or all the conditions of one "any of" group; a group
    fails when none of its conditions holds, and gives the reason of its first condition.
    """
    groups: dict[str, list[FundingCondition]] = {}
    requirements: list[list[FundingCondition]] = []
    for condition in conditions:
        group = condition.any_of_group.strip().lower()
        if not group:
            requirements.append([condition])
        elif group in groups:
            groups[group].append(condition)
        else:
            groups[group] = [condition]
            requirements.append(groups[group])
    for requirement in requirements:
        if not any(condition_holds(condition, facts) for condition in requirement):
            return requirement[0].reason_not_met
    return None


def evaluate(rule_set: FundingRuleSet, facts: dict[str, Any]) -> Statement:
    """What applies to someone with these facts under this rule set, and why; what does not, and why not.

    Reads ``rule_set.rules`` and each rule's ``conditions`` (prefetch them: selectors.rule_set_for).
    """
    statement = Statement(rule_set_name=rule_set.name, as_at=rule_set.as_at.isoformat())
    rules: Iterable[FundingRule] = rule_set.rules.all()
    for rule in rules:
        if rule.retired_at is not None:
            continue  # retired: kept for the record, applied to nobody
        reason = _first_unmet_reason(rule.conditions.all(), facts)
        outcome = Outcome(
            code=rule.code,
            kind=rule.kind,
            title=rule.title,
            summary=rule.summary,
            applies=reason is None,
            why=rule.applies_because if reason is None else reason,
            next_steps=rule.next_steps if reason is None else "",
        )
        (statement.applies if reason is None else statement.does_not_apply).append(outcome)
    return statement
