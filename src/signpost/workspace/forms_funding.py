"""Content editors' forms for the funding eligibility rules (funding.services validates again)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from signpost.core.govuk_forms import GovukDateField
from signpost.funding import rules as funding_rules
from signpost.funding.facts import FACTS
from signpost.funding.models import FundingCondition, FundingRule, FundingRuleSet


class RuleSetForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200, error_messages={"required": "Enter a name for the rule set"})
    as_at = GovukDateField(label="As at", help_text="The rules are in force from this date. For example, 1 8 2026")
    low_wage_threshold = forms.IntegerField(
        label="Low-wage threshold, in pounds a year",
        min_value=1,
        error_messages={
            "required": "Enter the low-wage threshold in pounds, like 25750",
            "invalid": "Enter the low-wage threshold as a whole number of pounds, like 25750",
            "min_value": "Enter the low-wage threshold in pounds, like 25750",
        },
    )
    sources = forms.CharField(label="Sources", required=False, widget=forms.Textarea(attrs={"rows": 6}))

    @staticmethod
    def initial_for(rule_set: FundingRuleSet) -> dict[str, Any]:
        return {
            "name": rule_set.name,
            "as_at": rule_set.as_at,
            "low_wage_threshold": rule_set.low_wage_threshold,
            "sources": rule_set.sources,
        }


class RuleSetCopyForm(forms.Form):
    name = forms.CharField(
        label="Name of the new rule set",
        max_length=200,
        error_messages={"required": "Enter a name for the new rule set"},
    )
    as_at = GovukDateField(label="As at", help_text="The new rules are in force from this date. For example, 1 8 2026")


class RuleForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of help",
        choices=FundingRule.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of help this is"},
    )
    title = forms.CharField(label="Title", max_length=200, error_messages={"required": "Enter the title"})
    summary = forms.CharField(
        label="What it is", widget=forms.Textarea(attrs={"rows": 3}), error_messages={"required": "Enter what it is"}
    )
    applies_because = forms.CharField(
        label="Why it applies",
        help_text="Shown when every condition holds.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why it applies"},
    )
    next_steps = forms.CharField(
        label="What to do next",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what to do next"},
    )

    @staticmethod
    def initial_for(rule: FundingRule) -> dict[str, Any]:
        return {name: getattr(rule, name) for name in ("kind", "title", "summary", "applies_because", "next_steps")}


def _fact_hint() -> str:
    lines = []
    for fact in FACTS.values():
        if fact.kind == "number":
            lines.append(f"{fact.label}: a whole number")
        else:
            lines.append(f"{fact.label}: {', '.join(code for code, _ in fact.choices)}")
    return "; ".join(lines)


class CheckedCondition(forms.Form):
    """Checks the condition's value against its fact with funding.rules as soon as the fact,
    operator and value are there, so the error summary lists a bad value beside any missing field
    rather than only once the rest is filled in."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if all(cleaned.get(name) for name in ("fact", "operator", "value")):
            try:
                funding_rules.parse_value(cleaned["fact"], cleaned["operator"], cleaned["value"])
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    self.add_error(name, messages)
        return cleaned


class ConditionForm(CheckedCondition):
    fact = forms.ChoiceField(
        label="Fact",
        choices=[("", "Choose a fact"), *((name, fact.label) for name, fact in FACTS.items())],
        error_messages={"required": "Choose a fact", "invalid_choice": "Choose a fact from the list"},
    )
    operator = forms.ChoiceField(
        label="Compared how",
        choices=[("", "Choose how to compare"), *FundingCondition.Operator.choices],
        error_messages={"required": "Choose how to compare", "invalid_choice": "Choose how to compare from the list"},
    )
    value = forms.CharField(
        label="Value",
        max_length=200,
        help_text="For 'is one of' and 'is none of', separate values with commas. Values: " + _fact_hint(),
        error_messages={"required": "Enter the value to compare with"},
    )
    any_of_group = forms.CharField(
        label="'Any of' group (optional)",
        max_length=20,
        required=False,
        help_text="Conditions of one rule with the same group name count as one, which holds when any of them does.",
    )
    reason_not_met = forms.CharField(
        label="Why the rule does not apply when this does not hold",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the rule does not apply when this does not hold"},
    )

    @staticmethod
    def initial_for(condition: FundingCondition) -> dict[str, Any]:
        return {
            name: getattr(condition, name) for name in ("fact", "operator", "value", "any_of_group", "reason_not_met")
        }


CONDITION_FIELDS = ("fact", "operator", "value", "any_of_group", "reason_not_met")


class RuleAddForm(RuleForm, CheckedCondition):
    """A new rule and its first condition (a rule with none would apply to everyone)."""

    fact = forms.ChoiceField(
        label="First condition: fact",
        choices=ConditionForm.base_fields["fact"].choices,  # type: ignore[attr-defined]
        error_messages=ConditionForm.base_fields["fact"].error_messages,
    )
    operator = forms.ChoiceField(
        label="First condition: compared how",
        choices=ConditionForm.base_fields["operator"].choices,  # type: ignore[attr-defined]
        error_messages=ConditionForm.base_fields["operator"].error_messages,
    )
    value = forms.CharField(
        label="First condition: value",
        max_length=200,
        help_text=ConditionForm.base_fields["value"].help_text,
        error_messages=ConditionForm.base_fields["value"].error_messages,
    )
    any_of_group = forms.CharField(
        label="First condition: 'any of' group (optional)",
        max_length=20,
        required=False,
        help_text=ConditionForm.base_fields["any_of_group"].help_text,
    )
    reason_not_met = forms.CharField(
        label="First condition: why the rule does not apply when this does not hold",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=ConditionForm.base_fields["reason_not_met"].error_messages,
    )

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        return {**{name: data.pop(name) for name in RuleForm.base_fields}, "condition": data}
