"""Funding eligibility rules as data, and statements people saved.

A rule set holds the rules in force from its "as at" date (a funding year's rules, say) until the
next set's. A rule is one kind of funding or support with the text people read; it applies when
all its conditions hold, where conditions that share an "any of" group count as one condition that
holds when any of them does. Content editors add, change and retire rules and change conditions in
the workspace; every change is kept (django-simple-history, with who made it) and audited by the services.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from signpost.funding.facts import FACT_CHOICES


class FundingRuleSet(models.Model):
    name = models.CharField(max_length=200)
    as_at = models.DateField(unique=True, help_text="The rules are in force from this date until the next set's.")
    sources = models.TextField(blank=True, help_text="Where the facts in these rules come from.")
    low_wage_threshold = models.PositiveIntegerField(
        help_text="Gross pay a year, in pounds, below which someone in work counts as on a low wage."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-as_at"]
        permissions = [("manage_funding_rules", "Can change the funding eligibility rules")]

    def __str__(self) -> str:
        return f"{self.name} (as at {self.as_at:%-d %B %Y})"


class FundingRule(models.Model):
    class Kind(models.TextChoices):
        COURSE_FEES = "course_fees", "Help with course fees"
        SUPPORT = "support", "Help with costs while you learn"

    rule_set = models.ForeignKey(FundingRuleSet, on_delete=models.CASCADE, related_name="rules")
    code = models.SlugField(max_length=60, help_text="Stays the same from one rule set to the next.")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    summary = models.TextField(help_text="What this funding or support is.")
    applies_because = models.TextField(help_text="Why it applies, shown when every condition holds.")
    next_steps = models.TextField(help_text="What to do next when it applies.")
    # A retired rule is kept (with its history) but no longer applied; statements already saved keep
    # what they said.
    retired_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["rule_set", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["rule_set", "code"], name="funding_rule_code_unique_in_set")]

    def __str__(self) -> str:
        return self.title


class FundingCondition(models.Model):
    class Operator(models.TextChoices):
        EQUALS = "eq", "is"
        NOT_EQUALS = "ne", "is not"
        ONE_OF = "in", "is one of"
        NONE_OF = "not_in", "is none of"
        AT_LEAST = "gte", "is at least"
        AT_MOST = "lte", "is at most"

    rule = models.ForeignKey(FundingRule, on_delete=models.CASCADE, related_name="conditions")
    position = models.PositiveSmallIntegerField(default=0)
    fact = models.CharField(max_length=40, choices=FACT_CHOICES)
    operator = models.CharField(max_length=10, choices=Operator.choices)
    value = models.CharField(max_length=200, help_text="For 'is one of' and 'is none of', separate values with commas.")
    any_of_group = models.CharField(
        max_length=20,
        blank=True,
        help_text="Conditions with the same group name count as one: it holds when any of them does.",
    )
    reason_not_met = models.TextField(help_text="Why the rule does not apply when this condition does not hold.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["rule", "position", "id"]

    def __str__(self) -> str:
        return f"{self.get_fact_display()} {self.get_operator_display()} {self.value}"


class FundingStatement(models.Model):
    """A statement of eligibility a signed-in person saved: the answers and what was shown then.

    The outcomes are kept as they were worded on the day, so later changes to the rules do not
    change a statement someone has already saved. ``key`` is the statement's id in saved items.
    """

    key = models.CharField(max_length=32, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="funding_statements")
    rule_set = models.ForeignKey(FundingRuleSet, on_delete=models.SET_NULL, null=True, related_name="+")
    as_at = models.DateField()
    answers = models.JSONField()
    outcomes = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Funding statement {self.key}"
