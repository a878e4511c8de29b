"""Reads of the funding rules and saved statements."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from signpost.funding.models import FundingCondition, FundingRule, FundingRuleSet, FundingStatement


def _with_rules(queryset: QuerySet[FundingRuleSet], *, retired: bool = False) -> QuerySet[FundingRuleSet]:
    """The sets with their rules and conditions; retired rules only when ``retired`` (the editors' pages)."""
    rules = FundingRule.objects.prefetch_related("conditions")
    if not retired:
        rules = rules.filter(retired_at__isnull=True)
    return queryset.prefetch_related(Prefetch("rules", queryset=rules))


def rule_set_for(course_start: datetime.date, *, with_rules: bool = True) -> FundingRuleSet | None:
    """The rules in force on the day the course starts (the latest set as at that day or before);
    for a start before every set, the set in force today. ``with_rules=False`` reads the set alone
    (its threshold, say), without its rules and conditions."""

    def latest(on: datetime.date) -> FundingRuleSet | None:
        found = FundingRuleSet.objects.filter(as_at__lte=on)
        return (_with_rules(found) if with_rules else found).first()

    return latest(course_start) or latest(timezone.localdate())


def rule_sets() -> list[FundingRuleSet]:
    return list(FundingRuleSet.objects.all())


def rule_set(pk: int) -> FundingRuleSet | None:
    """A set with every rule, retired ones too (check ``retired_at``), for the editors."""
    return _with_rules(FundingRuleSet.objects.filter(pk=pk), retired=True).first()


def rule(pk: int) -> FundingRule | None:
    return FundingRule.objects.select_related("rule_set").prefetch_related("conditions").filter(pk=pk).first()


def condition(pk: int) -> FundingCondition | None:
    return FundingCondition.objects.select_related("rule__rule_set").filter(pk=pk).first()


def rule_history(funding_rule: FundingRule) -> list[dict[str, Any]]:
    """Every saved version of the rule and of its conditions (removed ones too), newest first."""
    versions: list[dict[str, Any]] = []
    for record in funding_rule.history.select_related("history_user").all():  # type: ignore[attr-defined]
        versions.append({"what": "Rule", "record": record})
    condition_history = FundingCondition.history.filter(rule_id=funding_rule.pk).select_related("history_user")  # type: ignore[attr-defined]
    for record in condition_history:
        versions.append({"what": "Condition", "record": record})
    versions.sort(key=lambda version: (version["record"].history_date, version["record"].history_id), reverse=True)
    return versions


def saved_statement(user: Any, key: str) -> FundingStatement | None:
    """The person's own statement with this key; another person's statement is not found."""
    if not getattr(user, "is_authenticated", False):
        return None
    return FundingStatement.objects.filter(user=user, key=key).first()
