"""Forms for advice sessions and venues. They parse what was typed; the rules (eligibility, fee
cap, times, capacity) are the services', whose errors the views put back on these fields."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone

from signpost.contacts import codes
from signpost.contacts.session_rules import MAX_GROUP_SIZE, fee_cap
from signpost.workspace.forms_interactions import DATE_FORMATS, TIME_FORMATS

DURATIONS = [
    (15, "15 minutes"),
    (30, "30 minutes"),
    (45, "45 minutes"),
    (60, "1 hour"),
    (90, "1 hour 30 minutes"),
    (120, "2 hours"),
    (180, "3 hours"),
]


def _radios(label: str, choices: Any, error: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=[(str(value), text) for value, text in choices],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": error, "invalid_choice": error},
    )


class SessionKindForm(forms.Form):
    """Step 1: how the session happens."""

    channel = _radios(
        "How will the session happen?",
        [(c.value, c.label) for c in codes.SESSION_CHANNELS],
        "Select face to face or telephone",
    )
    session_format = _radios(
        "Is it an individual or a group session?", codes.SessionFormat.choices, "Select individual or group"
    )


class EligibilityForm(forms.Form):
    """Step 2 (face to face): what decides whether an 18-year-old may have a free session."""

    circumstance = _radios(
        "Is the customer a Jobcentre Plus customer or in custody?",
        [
            (codes.EligibilityCircumstance.NONE, "No, neither"),
            (codes.EligibilityCircumstance.JOBCENTRE_PLUS, "Yes, a Jobcentre Plus customer"),
            (codes.EligibilityCircumstance.IN_CUSTODY, "Yes, in custody"),
        ],
        "Select whether they are a Jobcentre Plus customer or in custody",
    )


class AlternativeForm(forms.Form):
    """What an adviser chose instead of a free face-to-face session."""

    choice = forms.ChoiceField(
        choices=[("telephone", "Telephone"), ("fee_paying", "Fee-paying")],
        error_messages={"required": "Select an alternative", "invalid_choice": "Select an alternative"},
    )


class _When(forms.Form):
    starts_on = forms.DateField(
        label="Date",
        input_formats=DATE_FORMATS,
        help_text="For example, 27/3/2026",
        error_messages={"required": "Enter the date of the session", "invalid": "Enter a real date, like 27/3/2026"},
    )
    starts_time = forms.TimeField(
        label="Start time",
        input_formats=TIME_FORMATS,
        help_text="24-hour clock, for example 14:30",
        error_messages={"required": "Enter the start time", "invalid": "Enter a real time, like 14:30"},
    )
    duration_minutes = forms.TypedChoiceField(
        label="Length",
        choices=[(str(value), text) for value, text in DURATIONS],
        coerce=int,
        error_messages={
            "required": "Select how long the session is",
            "invalid_choice": "Select a length from the list",
        },
    )

    def starts_at(self) -> datetime.datetime:
        data = self.cleaned_data
        return timezone.make_aware(datetime.datetime.combine(data["starts_on"], data["starts_time"]))


def _fee_field() -> forms.DecimalField:
    return forms.DecimalField(
        label="Fee in pounds",
        required=False,
        min_value=Decimal("0.01"),
        max_digits=7,
        decimal_places=2,
        error_messages={
            "invalid": "Enter the fee as an amount in pounds, like 30.00",
            "min_value": "The fee must be more than £0",
            "max_digits": "Enter the fee as an amount in pounds, like 30.00",
            "max_decimal_places": "Enter the fee in pounds and pence, like 30.50",
            "max_whole_digits": "Enter the fee as an amount in pounds, like 30.00",
        },
    )


class SessionDetailsForm(_When):
    """Step 3: when, where, with whom; the fields shown depend on the answers before."""

    adviser = forms.TypedChoiceField(
        label="Adviser",
        coerce=int,
        error_messages={"required": "Select the adviser", "invalid_choice": "Select an adviser from the list"},
    )
    venue = forms.TypedChoiceField(
        label="Venue",
        coerce=int,
        error_messages={"required": "Select the venue", "invalid_choice": "Select a venue from the list"},
    )
    title = forms.CharField(
        label="What is the group session about?",
        max_length=200,
        help_text="For example, Writing a CV that gets noticed",
        error_messages={
            "required": "Enter what the group session is about",
            "max_length": "The title must be 200 characters or fewer",
        },
    )
    capacity = forms.IntegerField(
        label="Number of places",
        min_value=2,
        max_value=MAX_GROUP_SIZE,
        error_messages={
            "required": "Enter the number of places",
            "invalid": "Enter the number of places as a whole number, like 8",
            "min_value": f"A group session has between 2 and {MAX_GROUP_SIZE} places",
            "max_value": f"A group session has between 2 and {MAX_GROUP_SIZE} places",
        },
    )
    fee = _fee_field()
    information_call = forms.TypedChoiceField(
        label="Which call is this session following?",
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select one of the calls listed"},
    )
    later_time_requested = forms.BooleanField(
        label="The customer asked for a time more than 24 hours after the call", required=False
    )
    notes = forms.CharField(
        label="Notes for the adviser (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"max_length": "The notes must be 2000 characters or fewer"},
    )

    def __init__(
        self,
        *args: Any,
        channel: int,
        session_format: int,
        funding: int,
        advisers: list[tuple[int, str]],
        venues: list[tuple[int, str]],
        calls: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["adviser"].choices = [("", "Select the adviser"), *((str(pk), name) for pk, name in advisers)]  # type: ignore[attr-defined]
        if channel == codes.Channel.FACE_TO_FACE:
            self.fields["venue"].choices = [("", "Select the venue"), *((str(pk), name) for pk, name in venues)]  # type: ignore[attr-defined]
        else:
            del self.fields["venue"]
        if session_format != codes.SessionFormat.GROUP:
            del self.fields["title"], self.fields["capacity"]
        if funding == codes.SessionFunding.FEE_PAYING:
            self.fields["fee"].required = True
            self.fields["fee"].help_text = f"No more than £{fee_cap():.2f}, the public funding rate"
            self.fields["fee"].error_messages["required"] = "Enter the fee, like 30.00"
        else:
            del self.fields["fee"]
        if channel == codes.Channel.TELEPHONE:
            self.fields["information_call"].choices = [  # type: ignore[attr-defined]
                *((str(pk), text) for pk, text in calls),
                ("", "None of these: the information call is now"),
            ]
        else:
            del self.fields["information_call"], self.fields["later_time_requested"]


class AttendanceForm(forms.Form):
    attended = forms.TypedChoiceField(
        label="Did the customer attend?",
        choices=[("yes", "Yes, they attended"), ("no", "No, they did not attend")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether they attended", "invalid_choice": "Select whether they attended"},
    )
    reason = forms.TypedChoiceField(
        label="Why did they not attend?",
        choices=[(str(value), text) for value, text in codes.NonAttendanceReason.choices],
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select a reason from the list"},
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea,
        error_messages={"max_length": "The note must be 1000 characters or fewer"},
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("attended") is False and not cleaned.get("reason"):
            self.add_error("reason", "Select why they did not attend")
        return cleaned


class CancelForm(forms.Form):
    note = forms.CharField(
        label="Why is it cancelled? (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea,
        error_messages={"max_length": "The note must be 1000 characters or fewer"},
    )


class RescheduleForm(_When):
    adviser = forms.TypedChoiceField(
        label="Adviser",
        coerce=int,
        error_messages={"required": "Select the adviser", "invalid_choice": "Select an adviser from the list"},
    )
    venue = forms.TypedChoiceField(
        label="Venue",
        coerce=int,
        error_messages={"required": "Select the venue", "invalid_choice": "Select a venue from the list"},
    )
    note = forms.CharField(
        label="Why is it moved? (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea,
        error_messages={"max_length": "The note must be 1000 characters or fewer"},
    )

    def __init__(
        self,
        *args: Any,
        face_to_face: bool,
        advisers: list[tuple[int, str]],
        venues: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["adviser"].choices = [("", "Select the adviser"), *((str(pk), name) for pk, name in advisers)]  # type: ignore[attr-defined]
        if face_to_face:
            self.fields["venue"].choices = [("", "Select the venue"), *((str(pk), name) for pk, name in venues)]  # type: ignore[attr-defined]
        else:
            del self.fields["venue"]


class AddCustomerForm(forms.Form):
    reference = forms.CharField(
        label="Customer reference",
        max_length=20,
        help_text="On their record, for example C4HK-7WMR",
        error_messages={"required": "Enter the customer's reference", "max_length": "Enter a reference like C4HK-7WMR"},
    )
    circumstance = EligibilityForm.base_fields["circumstance"]
    funding = _radios("Funding", codes.SessionFunding.choices, "Select funded or fee-paying")
    fee = _fee_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fee"].help_text = f"Only for a fee-paying place: no more than £{fee_cap():.2f}"


class VenueForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=200,
        error_messages={"required": "Enter the venue's name", "max_length": "The name must be 200 characters or fewer"},
    )
    line_1 = forms.CharField(
        label="Address line 1",
        max_length=100,
        error_messages={
            "required": "Enter the first line of the address",
            "max_length": "Address line 1 must be 100 characters or fewer",
        },
    )
    line_2 = forms.CharField(
        label="Address line 2 (optional)",
        required=False,
        max_length=100,
        error_messages={"max_length": "Address line 2 must be 100 characters or fewer"},
    )
    town = forms.CharField(
        label="Town or city",
        max_length=100,
        error_messages={"required": "Enter the town or city", "max_length": "The town must be 100 characters or fewer"},
    )
    postcode = forms.CharField(
        label="Postcode",
        max_length=10,
        error_messages={"required": "Enter the postcode", "max_length": "Enter a full UK postcode, like LS1 3AB"},
    )
    accessibility = forms.CharField(
        label="Accessibility (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        help_text="Step-free access, hearing loop, accessible toilets, parking, quiet room",
        error_messages={"max_length": "The accessibility information must be 2000 characters or fewer"},
    )
    capacity = forms.IntegerField(
        label="Largest group it holds (optional)",
        required=False,
        min_value=1,
        max_value=500,
        error_messages={
            "invalid": "Enter the number of people as a whole number, like 12",
            "min_value": "Enter a number of people from 1 to 500",
            "max_value": "Enter a number of people from 1 to 500",
        },
    )
    is_active = forms.BooleanField(label="Sessions can be booked here", required=False, initial=True)
