"""Forms for recording contacts, anonymous enquiries and the service-improvement questions.

Forms only parse what was typed; the rules (summary required, transcript channels) are the
contacts services', whose errors the views put back on these forms' fields.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone

from signpost.contacts import codes
from signpost.customers import codes as customer_codes
from signpost.organisations.models import Area, Organisation

DATE_FORMATS = ["%d/%m/%Y", "%d %m %Y", "%d-%m-%Y", "%Y-%m-%d"]
TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M"]


def _choice(label: str, choices: Any, error: str = "", **kwargs: Any) -> forms.TypedChoiceField:
    error = error or f"Select the {label.lower()}"
    return forms.TypedChoiceField(
        label=label,
        choices=[(str(value), text) for value, text in choices],
        coerce=int,
        error_messages={"required": error, "invalid_choice": error},
        **kwargs,
    )


def _blank_choice(label: str, blank: str, choices: Any) -> forms.TypedChoiceField:
    return _choice(label, [("", blank), *choices], required=False, empty_value=None)


class _ContactFields(forms.Form):
    """What every contact records: when, where, how and why."""

    occurred_on = forms.DateField(
        label="Date",
        input_formats=DATE_FORMATS,
        help_text="For example, 27/3/2025",
        error_messages={"required": "Enter the date of the contact", "invalid": "Enter a real date, like 27/3/2025"},
    )
    occurred_time = forms.TimeField(
        label="Time",
        input_formats=TIME_FORMATS,
        help_text="24-hour clock, for example 14:30",
        error_messages={"required": "Enter the time of the contact", "invalid": "Enter a real time, like 14:30"},
    )
    channel = _choice("Channel", codes.Channel.choices)
    interaction_type = _choice("Type", codes.InteractionType.choices)
    # No reason is preselected: a default would let a contact be saved without one being chosen.
    reason = _choice(
        "Reason for contact",
        [("", "Select the reason"), *codes.ReasonForContact.choices],
        "Select the reason for contact",
    )
    service_level = _choice("Service level", codes.ServiceLevel.choices, widget=forms.RadioSelect)
    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=Organisation.objects.exclude(kind=Organisation.Kind.PARTNER).filter(is_active=True),
        error_messages={
            "required": "Select the organisation",
            "invalid_choice": "Select an organisation from the list",
        },
    )
    line_or_campaign = forms.CharField(
        label="Line dialled or campaign (optional)",
        required=False,
        max_length=100,
        error_messages={"max_length": "The line or campaign must be 100 characters or fewer"},
    )
    language = forms.CharField(
        label="Language used (optional)",
        required=False,
        max_length=50,
        help_text="Leave empty for English",
        error_messages={"max_length": "The language must be 50 characters or fewer"},
    )
    interpreter_used = forms.BooleanField(label="An interpreter was used", required=False)
    transcript = forms.CharField(
        label="Transcript (optional)",
        required=False,
        widget=forms.Textarea,
        help_text="Only for a web chat, email, text message, social media or messaging app contact: paste the "
        "whole conversation",
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        now = timezone.localtime()
        kwargs.setdefault(
            "initial",
            {
                "occurred_on": now.strftime("%d/%m/%Y"),
                "occurred_time": now.strftime("%H:%M"),
                "channel": str(codes.Channel.TELEPHONE),
                "interaction_type": str(codes.InteractionType.TELEPHONE_CALL),
                "service_level": str(codes.ServiceLevel.INFORMATION),
                "organisation": getattr(user, "organisation_id", None),
            },
        )
        super().__init__(*args, **kwargs)

    def occurred_at(self) -> datetime.datetime:
        data = self.cleaned_data
        return timezone.make_aware(datetime.datetime.combine(data["occurred_on"], data["occurred_time"]))

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        fields = {
            name: data[name]
            for name in (
                "channel",
                "interaction_type",
                "reason",
                "service_level",
                "organisation",
                "line_or_campaign",
                "language",
                "interpreter_used",
                "transcript",
                "summary",
            )
        }
        fields["occurred_at"] = self.occurred_at()
        return fields


class InteractionForm(_ContactFields):
    summary = forms.CharField(
        label="Summary of the discussion",
        widget=forms.Textarea,
        help_text="What the customer asked and the information or advice given. The customer can be sent this summary.",
        error_messages={"required": "Enter a summary of the discussion"},
    )


class AnonymousEnquiryForm(_ContactFields):
    customer_type = _blank_choice("Customer type", "Not known", customer_codes.CustomerType.choices)
    age_band = _choice("Age", codes.AgeBand.choices)
    area = _blank_choice("Area", "Not known", Area.choices)
    summary = forms.CharField(
        label="Summary of the discussion (optional)",
        required=False,
        widget=forms.Textarea,
        help_text="Do not include anything that could identify the person",
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.initial.setdefault("age_band", str(codes.AgeBand.NOT_KNOWN))

    def service_fields(self) -> dict[str, Any]:
        fields = super().service_fields()
        fields.update({name: self.cleaned_data[name] for name in ("customer_type", "age_band", "area")})
        return fields


class AttachForm(forms.Form):
    reference = forms.CharField(
        label="Customer reference",
        max_length=20,
        help_text="For example, C4HK-7WMR",
        error_messages={"required": "Enter the customer's reference"},
    )
    summary = forms.CharField(
        label="Summary of the discussion",
        required=False,
        widget=forms.Textarea,
        help_text="Needed when the enquiry was recorded without one",
    )


class ServiceImprovementForm(forms.Form):
    introduced_by = _choice(
        "How did they hear about us?", customer_codes.IntroducedBy.choices, error="Select how they heard about us"
    )
    introduced_by_detail = forms.CharField(
        label="More detail (optional)",
        required=False,
        max_length=100,
        error_messages={"max_length": "How they heard of us must be 100 characters or fewer"},
    )
    employment_status = _choice("Current employment status", customer_codes.EmploymentStatusCode.choices)
    learning_status = _choice("Current learning status", customer_codes.LearningStatusCode.choices)

    def __init__(self, *args: Any, questions_due: bool = True, follow_up: bool = False, **kwargs: Any) -> None:
        """``questions_due``: the yearly questions; ``follow_up``: the contact is eligible for a
        follow-up call and the customer has not been asked at it (asked whenever that is so)."""
        super().__init__(*args, **kwargs)
        if not questions_due:
            for name in ("introduced_by", "introduced_by_detail", "employment_status", "learning_status"):
                del self.fields[name]
        if follow_up:
            self.fields["follow_up_wanted"] = forms.TypedChoiceField(
                label="Would the customer like a follow-up call?",
                help_text="We call to see how they are getting on and whether their situation has changed",
                choices=[("yes", "Yes"), ("no", "No")],
                coerce=lambda answer: answer == "yes",
                widget=forms.RadioSelect,
                error_messages={"required": "Select yes if the customer would like a follow-up call"},
            )
