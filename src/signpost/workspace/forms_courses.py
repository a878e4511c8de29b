"""Forms for the course directory pages. They only parse what was typed; the rules are the course
services', whose errors the views put back on these forms' fields so nothing typed is lost."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from signpost.core.govuk_forms import GovukDateField
from signpost.courses import codes
from signpost.courses.models import DESCRIPTION_MAX_LENGTH, CourseRun, Venue
from signpost.organisations.models import Area

ALL_OF_ENGLAND = "national"


def _text(label: str, max_length: int, *, required: bool = False, **kwargs: Any) -> forms.CharField:
    subject = label.removesuffix(" (optional)")
    messages = {"max_length": f"{subject} must be {max_length:,} characters or fewer"}
    if required:
        messages["required"] = f"Enter the {subject[0].lower()}{subject[1:]}"
    return forms.CharField(
        label=label, required=required, max_length=max_length, strip=True, error_messages=messages, **kwargs
    )


def _long_text(label: str, *, required: bool = False) -> forms.CharField:
    return _text(label, DESCRIPTION_MAX_LENGTH, required=required, widget=forms.Textarea(attrs={"rows": 4}))


def _radios(label: str, choices: Any, message: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=choices, widget=forms.RadioSelect, error_messages={"required": message}
    )


def _select(label: str, choices: Any, message: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=[("", "Choose"), *((str(value), str(text)) for value, text in choices)],
        coerce=int,
        error_messages={"required": message, "invalid_choice": message},
    )


class _ModelValuesForm(forms.Form):
    """Starts from a saved record's values when changing one."""

    @classmethod
    def initial_for(cls, instance: Any) -> dict[str, Any]:
        return {name: getattr(instance, name) for name in cls.base_fields if hasattr(instance, name)}


class ProviderForm(_ModelValuesForm):
    name = _text("Name", 200, required=True)
    trading_name = _text("Trading name (optional)", 200)
    ukprn = _text("UK provider reference number (UKPRN)", 8, required=True, help_text="8 digits, for example 10012345")
    contact_name = _text("Contact name (optional)", 200)
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        max_length=254,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    phone = _text("Phone number (optional)", 20)
    website = forms.URLField(
        label="Website (optional)",
        required=False,
        max_length=300,
        assume_scheme="https",
        error_messages={"invalid": "Enter a website address in the correct format, like https://www.example.org"},
    )

    def clean_ukprn(self) -> str:
        ukprn = self.cleaned_data["ukprn"].replace(" ", "")
        if not (ukprn.isdigit() and len(ukprn) == 8):
            raise ValidationError("Enter a UKPRN of 8 digits, like 10012345")
        return ukprn


class VenueForm(_ModelValuesForm):
    name = _text("Venue name", 200, required=True)
    address_line_1 = _text("Address line 1", 100, required=True)
    address_line_2 = _text("Address line 2 (optional)", 100)
    town = _text("Town or city", 100, required=True)
    county = _text("County (optional)", 100)
    postcode = _text("Postcode", 10, required=True)
    email = ProviderForm.base_fields["email"]
    phone = _text("Phone number (optional)", 20)
    website = ProviderForm.base_fields["website"]


class CourseForm(_ModelValuesForm):
    title = _text("Course title", 255, required=True)
    provider_reference = _text(
        "Your reference for this course (optional)",
        50,
        help_text="Your own code for it. Bulk uploads use it to find the course again.",
    )
    qualification = _text("Qualification title (optional)", 255)
    awarding_body = _text("Awarding body (optional)", 200)
    level = _select("Qualification level", codes.Level.choices, "Select the qualification level")
    sector = _select("Sector", codes.Sector.choices, "Select the sector")
    course_type = _radios("Course type", codes.CourseType.choices, "Select the course type")
    who_it_is_for = _long_text("Who this course is for", required=True)
    entry_requirements = _long_text("Entry requirements (optional)")
    what_you_will_learn = _long_text("What you'll learn (optional)")
    how_you_will_learn = _long_text("How you'll learn (optional)")
    what_to_bring = _long_text("What you'll need to bring (optional)")
    how_you_will_be_assessed = _long_text("How you'll be assessed (optional)")
    what_next = _long_text("Where next (optional)")

    def service_fields(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class CourseRunForm(forms.Form):
    delivery_mode = _radios("How is it taught?", codes.DeliveryMode.choices, "Select how the course is taught")
    venue = forms.TypedChoiceField(label="Venue", required=False, coerce=int, empty_value=None, choices=[])
    regions = forms.MultipleChoiceField(
        label="Where is a work-based course offered?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[*((str(value), str(label)) for value, label in Area.choices), (ALL_OF_ENGLAND, "All of England")],
        help_text="For work-based courses only",
    )
    study_mode = _radios("Course hours", codes.StudyMode.choices, "Select the course hours")
    attendance = _radios("Study time", codes.Attendance.choices, "Select when people study")
    start_date = GovukDateField(label="Start date", required=False, help_text="For example, 7 9 2027")
    flexible_start = forms.BooleanField(label="People can start at any time (flexible start)", required=False)
    duration = forms.IntegerField(
        label="Duration",
        min_value=1,
        max_value=999,
        widget=forms.NumberInput,
        error_messages={
            "required": "Enter how long the course lasts",
            "invalid": "The duration must be a whole number, like 12",
            "min_value": "The duration must be 1 or more",
            "max_value": "The duration must be 999 or less",
        },
    )
    duration_unit = forms.ChoiceField(
        label="Duration unit",
        choices=[("", "Choose"), *codes.DurationUnit.choices],
        error_messages={"required": "Select the unit of the duration"},
    )
    cost = _text("Cost in pounds (optional)", 12, help_text="For example, 250 or 99.50. Enter 0 for a free course.")
    cost_description = _text("Cost description (optional)", 500, widget=forms.Textarea(attrs={"rows": 3}))
    provider_reference = _text(
        "Your reference for this run (optional)", 50, help_text="Bulk uploads use it to find the run again."
    )
    website = forms.URLField(
        label="Web page for this run (optional)",
        required=False,
        max_length=300,
        assume_scheme="https",
        error_messages={"invalid": "Enter a web address in the correct format, like https://www.example.org"},
    )

    def __init__(self, *args: Any, venues: list[Venue], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["venue"].choices = [("", "No venue")] + [(str(venue.pk), venue.name) for venue in venues]  # type: ignore[attr-defined]
        self.fields["venue"].widget.choices = self.fields["venue"].choices  # type: ignore[attr-defined]
        self.venues = {venue.pk: venue for venue in venues}

    @staticmethod
    def initial_for(run: CourseRun, regions: list[int]) -> dict[str, Any]:
        initial = {name: getattr(run, name) for name in CourseRunForm.base_fields if hasattr(run, name)}
        initial["venue"] = run.venue_id
        initial["regions"] = [ALL_OF_ENGLAND] if run.national else [str(area) for area in regions]
        initial["cost"] = "" if run.cost is None else str(run.cost)
        return initial

    def clean_cost(self) -> Decimal | None:
        text = self.cleaned_data["cost"].replace("£", "").replace(",", "").strip()
        if not text:
            return None
        try:
            cost = Decimal(text)
        except InvalidOperation:
            raise ValidationError("The cost must be an amount in pounds, like 250 or 99.50") from None
        if cost.as_tuple().exponent < -2:  # type: ignore[operator]
            raise ValidationError("The cost must be in pounds and pence, like 99.50")
        return cost

    def clean_venue(self) -> Venue | None:
        venue_id = self.cleaned_data["venue"]
        return self.venues.get(venue_id) if venue_id else None

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        selected = data.pop("regions")
        data["national"] = ALL_OF_ENGLAND in selected
        data["regions"] = [int(value) for value in selected if value != ALL_OF_ENGLAND]
        return data


class EditorForm(forms.Form):
    email = forms.EmailField(
        label="Course editor's email address",
        max_length=254,
        error_messages={
            "required": "Enter the course editor's email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )


class CourseSearchForm(forms.Form):
    q = _text("Course title or your reference", 100)


class ProviderSearchForm(forms.Form):
    q = _text("Provider name or UKPRN", 100)


NOTHING_CHOSEN = "Select the courses to offer again"
# More than any provider's removed listings; more ids than this is not a person choosing.
MOST_CHOSEN = 5000


class _Ids(forms.Field):
    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[int]:
        values = value if isinstance(value, (list, tuple)) else []
        if len(values) > MOST_CHOSEN or not all(isinstance(item, str) and item.isdigit() for item in values):
            raise ValidationError(NOTHING_CHOSEN)
        return sorted({int(item) for item in values})


class ChosenListingsForm(forms.Form):
    """The removed courses and course runs ticked on the "Removed courses" page, carried to its
    confirmation. Any of the provider's ids are taken: what changed since the page was shown is
    reported by the confirmation page, not refused here."""

    courses = _Ids(required=False)
    runs = _Ids(required=False)

    def __init__(self, *args: Any, error_field: str = "courses", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.error_field = error_field

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors and not cleaned.get("courses") and not cleaned.get("runs"):
            self.add_error(self.error_field, NOTHING_CHOSEN)
        return cleaned
