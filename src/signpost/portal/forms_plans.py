"""Forms of the customer's own action plans online: what they may change in any plan (due dates
and statuses) and what they may write in a plan they make themselves. The rules are applied by
plans.services; these forms parse and keep what was typed."""

from __future__ import annotations

from typing import Any

from django import forms

from signpost.core.govuk_forms import GovukDateField
from signpost.plans import codes
from signpost.plans.models import SITUATION_MAX_LENGTH, SUMMARY_MAX_LENGTH


def _choices(enum: Any) -> list[tuple[str, str]]:
    return [(str(value), str(label)) for value, label in enum.choices]


class ProgressForm(forms.Form):
    """What the customer may change in a goal or an action (``part``): its due date and how it is
    going, with the date they achieved or completed it."""

    due_on = GovukDateField(label="Due date")
    status = forms.TypedChoiceField(label="How is it going?", coerce=int, widget=forms.RadioSelect)

    def __init__(self, *args: Any, part: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        goal = part == "goal"
        self.fields["due_on"].help_text = f"For example, {'27 6 2026' if goal else '27 4 2026'}"
        status: Any = self.fields["status"]
        status.choices = _choices(codes.GoalStatus if goal else codes.ActionStatus)
        message = f"Select how the {part} is going"
        status.error_messages = {**status.error_messages, "required": message, "invalid_choice": message}
        done = "achieved" if goal else "completed"
        self.fields[f"{done}_on"] = GovukDateField(
            label=f"Date you {done} it", required=False, help_text=f"Only if you have {done} it"
        )


class OwnPlanForm(forms.Form):
    current_situation = forms.CharField(
        label="Where are you now? (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=SITUATION_MAX_LENGTH,
        help_text="For example, your work or studies, and what you would like to change",
        error_messages={"max_length": f"Where you are now must be {SITUATION_MAX_LENGTH} characters or fewer"},
    )


class OwnGoalForm(forms.Form):
    goal_type = forms.TypedChoiceField(
        label="What kind of goal is it?",
        coerce=int,
        choices=_choices(codes.GoalType),
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select what kind of goal it is",
            "invalid_choice": "Select what kind of goal it is",
        },
    )
    summary = forms.CharField(
        label="Your goal",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=SUMMARY_MAX_LENGTH,
        error_messages={
            "required": "Enter your goal",
            "max_length": f"Your goal must be {SUMMARY_MAX_LENGTH} characters or fewer",
        },
    )
    due_on = GovukDateField(label="Due date", help_text="When you want to achieve it by, for example 27 6 2026")


class OwnActionForm(forms.Form):
    action_type = forms.TypedChoiceField(
        label="What kind of action is it?",
        coerce=int,
        choices=[("", "Choose a kind of action"), *_choices(codes.ActionType)],
        error_messages={
            "required": "Select what kind of action it is",
            "invalid_choice": "Select what kind of action it is",
        },
    )
    summary = forms.CharField(
        label="What will you do?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=SUMMARY_MAX_LENGTH,
        error_messages={
            "required": "Enter what you will do",
            "max_length": f"What you will do must be {SUMMARY_MAX_LENGTH} characters or fewer",
        },
    )
    due_on = GovukDateField(label="Due date", help_text="When you will do it by, for example 27 4 2026")
