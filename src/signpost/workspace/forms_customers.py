"""Forms for finding and creating customers in the workspace.

The rules themselves live in customers/rules.py and are applied by the services; these forms only
parse what was typed (and keep it, so nothing is lost when a page is shown again with errors).
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from signpost.core import geography
from signpost.core.govuk_forms import GovukDateField
from signpost.customers import codes, rules


def _postcode(value: str) -> str:
    text = (value or "").strip()
    if not text:
        return ""
    try:
        return geography.normalise_postcode(text)
    except geography.InvalidPostcode:
        raise ValidationError("Enter a full UK postcode, like SW1A 1AA", code="invalid_postcode") from None


class CustomerSearchForm(forms.Form):
    q = forms.CharField(
        label="Reference, name, postcode, phone number or email address",
        required=False,
        max_length=200,
        help_text="To search by name, also give a date of birth or postcode",
    )
    date_of_birth = GovukDateField(label="Date of birth", required=False, help_text="For example, 27 3 2007")
    postcode = forms.CharField(label="Postcode", required=False, max_length=20)

    def clean_postcode(self) -> str:
        return _postcode(self.cleaned_data.get("postcode", ""))

    @property
    def submitted(self) -> bool:
        return any((self.data.get(name) or "").strip() for name in ("q", "postcode", *self._date_names()))

    def _date_names(self) -> list[str]:
        name = self["date_of_birth"].html_name
        return [f"{name}-{part}" for part in ("day", "month", "year")]


def _choices(enum: Any) -> list[tuple[str, str]]:
    return [(str(value), str(label)) for value, label in enum.choices]


# The permissions to contact (domain.md §3), as the create form's checkboxes name them.
CONTACT_PERMISSIONS = [
    ("may_contact_by_phone", "Phone"),
    ("may_contact_by_sms", "Text message"),
    ("may_contact_by_email", "Email"),
    ("may_contact_by_post", "Post"),
]


class CustomerCreateForm(forms.Form):
    """What an adviser asks a new customer; every rule is checked again by the services."""

    title = forms.TypedChoiceField(
        label="Title", choices=_choices(codes.Title), coerce=int, initial=codes.Title.NOT_PROVIDED
    )
    given_name = forms.CharField(
        label="First name", max_length=100, error_messages={"required": "Enter the customer’s first name"}
    )
    family_name = forms.CharField(
        label="Last name", max_length=100, error_messages={"required": "Enter the customer’s last name"}
    )
    date_of_birth = GovukDateField(label="Date of birth", required=True, help_text="For example, 27 3 2007")
    gender = forms.TypedChoiceField(
        label="Gender", choices=_choices(codes.Gender), coerce=int, initial=codes.Gender.NOT_PROVIDED
    )
    customer_type = forms.TypedChoiceField(
        label="Customer type", choices=_choices(codes.CustomerType), coerce=int, initial=codes.CustomerType.ADULT
    )
    introduced_by = forms.TypedChoiceField(
        label="How did they hear about us?",
        choices=_choices(codes.IntroducedBy),
        coerce=int,
        initial=codes.IntroducedBy.NOT_PROVIDED,
    )
    email = forms.CharField(label="Email address (optional)", required=False, max_length=254)
    mobile = forms.CharField(label="Mobile number (optional)", required=False, max_length=30)
    home_phone = forms.CharField(
        label="Home phone (optional)", required=False, max_length=40, help_text="Add an extension like ‘ext 12’"
    )
    # Asked at registration so a summary of the first contact can be sent straight away.
    preferred_method = forms.TypedChoiceField(
        label="How do they prefer to be contacted?",
        choices=_choices(codes.ContactMethod),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how the customer prefers to be contacted",
            "invalid_choice": "Select how the customer prefers to be contacted",
        },
    )
    may_contact_by = forms.MultipleChoiceField(
        label="Which ways do they agree to be contacted? (optional)",
        required=False,
        choices=CONTACT_PERMISSIONS,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply",
        error_messages={"invalid_choice": "Select ways to contact them from the list"},
    )
    address_line_1 = forms.CharField(
        label="First line of address (optional)",
        required=False,
        max_length=100,
        help_text="Needed to save a postcode",
    )
    postcode = forms.CharField(label="Postcode (optional)", required=False, max_length=10)

    def clean_given_name(self) -> str:
        return self.cleaned_data["given_name"].strip()

    def clean_family_name(self) -> str:
        return self.cleaned_data["family_name"].strip()

    def clean_date_of_birth(self) -> datetime.date | None:
        value: datetime.date | None = self.cleaned_data.get("date_of_birth")
        if value is not None:
            rules.validate_date_of_birth(value)
        return value

    def clean_email(self) -> str:
        text = self.cleaned_data.get("email", "").strip()
        if not text:
            return ""
        email = rules.normalise_email(text)
        rules.validate_email_available(email)
        return email

    def clean_mobile(self) -> str:
        text = self.cleaned_data.get("mobile", "").strip()
        return rules.parse_phone(text, mobile=True).e164 if text else ""

    def clean_home_phone(self) -> str:
        text = self.cleaned_data.get("home_phone", "").strip()
        if text:
            rules.parse_phone(text)
        return text

    def clean_postcode(self) -> str:
        text = self.cleaned_data.get("postcode", "").strip()
        return rules.validate_postcode(text).postcode if text else ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("postcode") and not (cleaned.get("address_line_1") or "").strip():
            self.add_error("address_line_1", "Enter the first line of the address, or leave the postcode empty")
        if (cleaned.get("address_line_1") or "").strip() and not self.data.get("postcode", "").strip():
            self.add_error("postcode", "Enter the postcode, or leave the first line of the address empty")
        if "preferred_method" in cleaned and not self._contact_field_errors():
            try:
                rules.validate_preferred_contact_method(
                    cleaned["preferred_method"],
                    email=cleaned.get("email", ""),
                    mobile=cleaned.get("mobile", ""),
                    home_phone=cleaned.get("home_phone", ""),
                    alternative_phone="",
                    has_current_address=bool(cleaned.get("postcode")),
                )
            except ValidationError as error:
                self.add_error("preferred_method", error)
        return cleaned

    def _contact_field_errors(self) -> bool:
        """A detail typed wrongly is reported on its own field, not again as a missing preference."""
        return any(name in self.errors for name in ("email", "mobile", "home_phone", "postcode", "address_line_1"))

    def phones(self) -> list[str]:
        """The numbers given, in E.164, for the duplicate check."""
        data = self.cleaned_data
        home = rules.parse_phone(data["home_phone"]).e164 if data["home_phone"] else ""
        return [number for number in (data["mobile"], home) if number]

    def contact(self) -> dict[str, Any] | None:
        """The contact details for the services, or None when nothing was given."""
        data = self.cleaned_data
        permissions = set(data.get("may_contact_by") or [])
        if not (data["email"] or data["mobile"] or data["home_phone"] or permissions) and (
            data["preferred_method"] == codes.ContactMethod.NOT_KNOWN
        ):
            return None
        return {
            "preferred_method": data["preferred_method"],
            "email": data["email"],
            "mobile": data["mobile"],
            "home_phone": data["home_phone"],
            **{name: name in permissions for name, _ in CONTACT_PERMISSIONS},
        }
