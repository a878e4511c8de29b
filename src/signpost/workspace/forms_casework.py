"""Forms for work queues, transfers and follow-up calls. Forms parse what was typed; the rules
(context length, callback times, who may be given a task) are casework's, whose errors the views
put back on these forms' fields."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone

from signpost.casework import codes
from signpost.casework.models import NOTE_MAX_LENGTH, TRANSFER_CONTEXT_MAX_LENGTH
from signpost.customers import codes as customer_codes
from signpost.workspace.forms_interactions import DATE_FORMATS, TIME_FORMATS

NOTE_ERRORS = {"max_length": f"The note must be {NOTE_MAX_LENGTH:,} characters or fewer"}


def _codes(label: str, choices: Any) -> forms.TypedMultipleChoiceField:
    return forms.TypedMultipleChoiceField(
        label=label,
        required=False,
        coerce=int,
        choices=[(str(value), text) for value, text in choices],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": f"Choose a {label.lower()} in the list"},
    )


class TaskFilterForm(forms.Form):
    """The MOJ filter of a work queue (read by GET)."""

    task_type = _codes("Type", codes.TaskType.choices)
    status = _codes("Status", codes.TaskStatus.choices)
    due = forms.ChoiceField(
        label="Due",
        required=False,
        choices=[
            ("", "Any time"),
            ("overdue", "Overdue"),
            ("today", "Due today"),
            ("week", "Due in the next 7 days"),
            ("later", "Due later"),
        ],
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select when the tasks are due from the list"},
    )


class TaskCompleteForm(forms.Form):
    note = forms.CharField(
        label="What was done",
        widget=forms.Textarea,
        max_length=NOTE_MAX_LENGTH,
        help_text="For example, who you spoke to and what was agreed",
        error_messages={"required": "Enter a note of what was done", **NOTE_ERRORS},
    )


class TaskReassignForm(forms.Form):
    assignee: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Give this task to",
        queryset=None,  # set per task: staff of its organisation
        empty_label="Select a person",
        error_messages={
            "required": "Select who to give the task to",
            "invalid_choice": "Select a person from the list",
        },
    )
    reason = forms.CharField(
        label="Why (optional)",
        required=False,
        max_length=500,
        error_messages={"max_length": "The reason must be 500 characters or fewer"},
    )

    def __init__(self, *args: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        field.queryset = staff  # type: ignore[attr-defined]
        field.label_from_instance = lambda user: f"{user.full_name or user.email}"  # type: ignore[attr-defined]


def _moment(day: datetime.date | None, time: datetime.time | None) -> datetime.datetime | None:
    if day is None or time is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(day, time))


class TransferForm(forms.Form):
    to_organisation: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Transfer to",
        queryset=None,  # the area primes
        empty_label="Select the area prime contractor",
        help_text="The prime contractor for the customer's area is selected when their postcode is known",
        error_messages={
            "required": "Select the prime contractor to transfer to",
            "invalid_choice": "Select a prime contractor from the list",
        },
    )
    context = forms.CharField(
        label="Why the customer is being transferred",
        widget=forms.Textarea,
        max_length=TRANSFER_CONTEXT_MAX_LENGTH,
        help_text="What the customer needs and what has been done so far, so they do not have to repeat it. "
        f"Up to {TRANSFER_CONTEXT_MAX_LENGTH:,} characters.",
        error_messages={
            "required": "Enter why the customer is being transferred",
            "max_length": f"The reason for the transfer must be {TRANSFER_CONTEXT_MAX_LENGTH:,} characters or fewer",
        },
    )
    callback_on = forms.DateField(
        label="Date (optional)",
        required=False,
        input_formats=DATE_FORMATS,
        help_text="For example, 27/3/2025",
        error_messages={"invalid": "Enter a real date, like 27/3/2025"},
    )
    callback_time = forms.TimeField(
        label="Time (optional)",
        required=False,
        input_formats=TIME_FORMATS,
        help_text="24-hour clock, for example 14:30",
        error_messages={"invalid": "Enter a real time, like 14:30"},
    )

    def __init__(self, *args: Any, primes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to_organisation"]
        field.queryset = primes  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        day, time = cleaned.get("callback_on"), cleaned.get("callback_time")
        if day and not time and "callback_time" not in self.errors:
            self.add_error("callback_time", "Enter the time the customer would like to be called back")
        if time and not day and "callback_on" not in self.errors:
            self.add_error("callback_on", "Enter the date the customer would like to be called back")
        return cleaned

    def requested_callback_at(self) -> datetime.datetime | None:
        return _moment(self.cleaned_data.get("callback_on"), self.cleaned_data.get("callback_time"))


class TransferCallbackForm(forms.Form):
    called_back_on = forms.DateField(
        label="Date",
        input_formats=DATE_FORMATS,
        help_text="For example, 27/3/2025",
        error_messages={"required": "Enter the date of the callback", "invalid": "Enter a real date, like 27/3/2025"},
    )
    called_back_time = forms.TimeField(
        label="Time",
        input_formats=TIME_FORMATS,
        help_text="24-hour clock, for example 14:30",
        error_messages={"required": "Enter the time of the callback", "invalid": "Enter a real time, like 14:30"},
    )
    note = forms.CharField(
        label="What was agreed",
        widget=forms.Textarea,
        max_length=NOTE_MAX_LENGTH,
        error_messages={"required": "Enter a note of the callback", **NOTE_ERRORS},
    )

    def called_back_at(self) -> datetime.datetime:
        moment = _moment(self.cleaned_data["called_back_on"], self.cleaned_data["called_back_time"])
        assert moment is not None  # noqa: S101 - both fields are required
        return moment


YES_NO = [("yes", "Yes"), ("no", "No")]


class FollowUpCallForm(forms.Form):
    reached = forms.ChoiceField(
        label="Did you speak to the customer?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if you spoke to the customer"},
    )
    situation_change = forms.TypedChoiceField(
        label="Has their situation changed since the contact?",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[(str(value), text) for value, text in codes.SituationChange.choices],
        widget=forms.RadioSelect,
        help_text="For example, from not in education, employment or training into learning or work",
    )
    employment_status = forms.TypedChoiceField(
        label="Employment status now",
        coerce=int,
        choices=[(str(value), text) for value, text in customer_codes.EmploymentStatusCode.choices],
        error_messages={"required": "Select their employment status"},
    )
    learning_status = forms.TypedChoiceField(
        label="Learning status now",
        coerce=int,
        choices=[(str(value), text) for value, text in customer_codes.LearningStatusCode.choices],
        error_messages={"required": "Select their learning status"},
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        widget=forms.Textarea,
        max_length=NOTE_MAX_LENGTH,
        error_messages=NOTE_ERRORS,
    )
    no_more_calls = forms.BooleanField(label="The customer does not want any more follow-up calls", required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("reached") == "yes" and cleaned.get("situation_change") is None:
            self.add_error("situation_change", "Select whether the customer's situation has changed")
        return cleaned

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        reached = data["reached"] == "yes"
        return {
            "reached": reached,
            "situation_change": data["situation_change"] if reached else None,
            "employment_status": data["employment_status"] if reached else None,
            "learning_status": data["learning_status"] if reached else None,
            "note": data["note"],
            "no_more_calls": data["no_more_calls"],
        }


class TakeUpForm(forms.Form):
    date_from = forms.DateField(
        label="From",
        input_formats=DATE_FORMATS,
        help_text="For example, 1/4/2025",
        error_messages={"required": "Enter the first day", "invalid": "Enter a real date, like 1/4/2025"},
    )
    date_to = forms.DateField(
        label="To",
        input_formats=DATE_FORMATS,
        help_text="For example, 30/4/2025",
        error_messages={"required": "Enter the last day", "invalid": "Enter a real date, like 30/4/2025"},
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("date_from") and cleaned.get("date_to") and cleaned["date_from"] > cleaned["date_to"]:
            self.add_error("date_to", "The ‘to’ date must be the same as or after the ‘from’ date")
        return cleaned
