"""Forms for changing a customer record in the workspace (issue 3, items 2, 5 and 10).

They parse what was typed and keep it; the rules (ages, postcodes, phone formats, unique email,
consent, priority groups) are applied by customers/services.py, whose errors the views put back on
these forms' fields.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from signpost.core.govuk_forms import GovukDateField
from signpost.customers import codes, rules

YES_NO = [("yes", "Yes"), ("no", "No")]


def _choices(enum: Any) -> list[tuple[str, str]]:
    return [(str(value), str(label)) for value, label in enum.choices]


def _yes_no(label: str, message: str, **kwargs: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": message},
        **kwargs,
    )


def _select(label: str, enum: Any, *, required: bool = True, empty: str = "") -> forms.TypedChoiceField:
    choices = _choices(enum)
    if empty:
        choices = [("", empty), *choices]
    return forms.TypedChoiceField(
        label=label,
        choices=choices,
        coerce=int,
        required=required,
        empty_value=None,
        error_messages={"required": f"Select the {label.lower().removesuffix(' (optional)')}"},
    )


def yes_no_initial(value: bool) -> str:
    return "yes" if value else "no"


def _not_in_future(value: datetime.date | None, label: str) -> datetime.date | None:
    if value is not None and value > timezone.localdate():
        raise ValidationError(f"{label} must be today or in the past", code="future")
    return value


class IdentityForm(forms.Form):
    title = _select("Title", codes.Title)
    given_name = forms.CharField(
        label="First name", max_length=100, error_messages={"required": "Enter the customer’s first name"}
    )
    family_name = forms.CharField(
        label="Last name", max_length=100, error_messages={"required": "Enter the customer’s last name"}
    )
    date_of_birth = GovukDateField(label="Date of birth", required=True, help_text="For example, 27 3 2007")
    gender = _select("Gender", codes.Gender)
    unique_learner_number = forms.CharField(
        label="Unique learner number (optional)", required=False, max_length=20, help_text="10 digits"
    )
    customer_type = _select("Customer type", codes.CustomerType)
    introduced_by = _select("How did they hear about us?", codes.IntroducedBy)
    introduced_by_detail = forms.CharField(
        label="More about how they heard of us (optional)", required=False, max_length=100
    )

    def clean_date_of_birth(self) -> datetime.date | None:
        value: datetime.date | None = self.cleaned_data.get("date_of_birth")
        if value is not None:
            rules.validate_date_of_birth(value)
        return value


class ContactDetailsForm(forms.Form):
    preferred_method = forms.TypedChoiceField(
        label="Preferred contact method",
        choices=_choices(codes.ContactMethod),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the customer prefers to be contacted"},
    )
    mobile = forms.CharField(label="Mobile number (optional)", required=False, max_length=30)
    home_phone = forms.CharField(
        label="Home phone (optional)", required=False, max_length=40, help_text="Add an extension like ‘ext 12’"
    )
    alternative_phone = forms.CharField(label="Alternative phone (optional)", required=False, max_length=40)
    email = forms.CharField(label="Email address (optional)", required=False, max_length=254)
    may_contact_by_phone = forms.BooleanField(label="May contact by phone", required=False)
    may_contact_by_sms = forms.BooleanField(label="May contact by text message", required=False)
    may_contact_by_email = forms.BooleanField(label="May contact by email", required=False)
    may_contact_by_post = forms.BooleanField(label="May contact by post", required=False)
    preferred_language = forms.CharField(label="Preferred language (optional)", required=False, max_length=50)
    interpreter_needed = forms.BooleanField(label="Needs an interpreter", required=False)
    accessibility_needs = forms.CharField(
        label="Accessibility needs (optional)", required=False, max_length=1000, widget=forms.Textarea
    )


class AddressAddForm(forms.Form):
    line_1 = forms.CharField(
        label="Address line 1", max_length=100, error_messages={"required": "Enter the first line of the address"}
    )
    line_2 = forms.CharField(label="Address line 2 (optional)", required=False, max_length=100)
    line_3 = forms.CharField(label="Address line 3 (optional)", required=False, max_length=100)
    town = forms.CharField(label="Town or city (optional)", required=False, max_length=100)
    county = forms.CharField(label="County (optional)", required=False, max_length=100)
    postcode = forms.CharField(label="Postcode", max_length=10, error_messages={"required": "Enter the postcode"})
    effective_from = GovukDateField(
        label="Lived here from", required=False, help_text="Leave empty for today. For example, 27 3 2025"
    )
    ends_previous = forms.BooleanField(
        label="This replaces their current address (the current one ends the day before)", required=False
    )


class AddressEndForm(forms.Form):
    effective_to = GovukDateField(label="Last day at this address", required=True, help_text="For example, 27 3 2025")


class DiversityForm(forms.Form):
    health_consent = _yes_no(
        "Has the customer agreed to us recording health and disability information?",
        "Select yes if the customer agreed to us recording health and disability information",
    )
    disability_declaration = _select("Learning difficulty, disability or health problem", codes.DisabilityDeclaration)
    primary_disability = _select("Primary type", codes.DisabilityType)
    secondary_disability = _select("Secondary type", codes.DisabilityType)
    ethnicity_consent = _yes_no(
        "Has the customer agreed to us recording their ethnicity?",
        "Select yes if the customer agreed to us recording their ethnicity",
    )
    ethnicity = _select("Ethnicity", codes.Ethnicity)


class EmploymentStatusForm(forms.Form):
    status = _select("Employment status", codes.EmploymentStatusCode, empty="Select a status")
    recorded_on = GovukDateField(label="Date of this status", required=False, help_text="Leave empty for today")
    hours = _select("Hours a week", codes.HoursBand)
    unemployment_length = _select(
        "How long unemployed (optional)", codes.UnemploymentLength, required=False, empty="Not applicable"
    )
    economic_shock = _select("Economic shock", codes.EconomicShock)
    economic_shock_code = forms.CharField(label="Economic shock code (optional)", required=False, max_length=50)
    employer_name = forms.CharField(label="Employer (optional)", required=False, max_length=200)

    def clean_recorded_on(self) -> datetime.date | None:
        return _not_in_future(self.cleaned_data.get("recorded_on"), "The date of this status")


class LearningStatusForm(forms.Form):
    status = _select("Learning status", codes.LearningStatusCode, empty="Select a status")
    recorded_on = GovukDateField(label="Date of this status", required=False, help_text="Leave empty for today")
    hours = _select("Hours a week", codes.HoursBand)
    highest_qualification = _select(
        "Highest qualification (optional)", codes.QualificationLevel, required=False, empty="Not known"
    )
    qualification_achieved_on = GovukDateField(label="Date achieved (optional)", required=False)
    last_provider_ukprn = forms.CharField(
        label="Last provider’s UKPRN (optional)", required=False, max_length=8, help_text="8 digits, like 10001234"
    )

    def clean_recorded_on(self) -> datetime.date | None:
        return _not_in_future(self.cleaned_data.get("recorded_on"), "The date of this status")

    def clean_qualification_achieved_on(self) -> datetime.date | None:
        return _not_in_future(self.cleaned_data.get("qualification_achieved_on"), "The date achieved")

    def clean_last_provider_ukprn(self) -> str:
        text: str = self.cleaned_data.get("last_provider_ukprn", "").strip()
        if text and not (text.isdigit() and len(text) == 8 and text.startswith("1")):
            raise ValidationError("Enter a UKPRN of 8 digits starting with 1, like 10001234", code="invalid")
        return text


class PriorityGroupsForm(forms.Form):
    groups = forms.TypedMultipleChoiceField(
        label="Priority groups",
        choices=_choices(codes.PriorityGroup),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one priority group, or ‘not known’"},
    )

    def clean_groups(self) -> list[int]:
        return rules.validate_priority_groups(self.cleaned_data.get("groups") or [])


class ConsentForm(forms.Form):
    user_research = _yes_no("May we contact them about user research?", "Select yes if they agree to user research")
    market_research = _yes_no(
        "May we contact them about market research and satisfaction surveys?",
        "Select yes if they agree to market research",
    )
    lawful_basis = forms.TypedChoiceField(
        label="Lawful basis",
        choices=_choices(codes.LawfulBasis),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the lawful basis"},
    )


class MemorableWordForm(forms.Form):
    """The word is never shown back, even when the page is shown again with an error."""

    word = forms.CharField(
        label="Memorable word",
        max_length=40,
        widget=forms.PasswordInput(render_value=False),
        help_text="6 to 20 letters or numbers. Case and spaces do not matter.",
        error_messages={"required": "Enter the memorable word"},
    )

    def clean_word(self) -> str:
        return rules.normalise_memorable_word(self.cleaned_data["word"])


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def parse_positions(text: str) -> list[int]:
    """The positions a page asked for, from its hidden field; empty when tampered with."""
    parts = [part.strip() for part in (text or "").split(",")]
    if not parts or not all(part.isdigit() and len(part) <= 2 for part in parts):
        return []
    return sorted({int(part) for part in parts})


class IdentityCheckForm(forms.Form):
    """One box per character asked for; the positions ride along in a hidden field."""

    positions = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, positions: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.asked = positions
        self.fields["positions"].initial = ",".join(str(position) for position in positions)
        for position in positions:
            self.fields[f"character_{position}"] = forms.CharField(
                label=f"{_ordinal(position)} character",
                max_length=1,
                strip=True,
                error_messages={
                    "required": f"Enter the {_ordinal(position)} character",
                    "max_length": f"Enter only one character for the {_ordinal(position)}",
                },
            )

    def answers(self) -> dict[int, str]:
        return {position: self.cleaned_data[f"character_{position}"] for position in self.asked}


class TerminateForm(forms.Form):
    reason = forms.TypedChoiceField(
        label="Why is the record being terminated?",
        choices=_choices(codes.TerminationReason),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select why the record is being terminated"},
    )
