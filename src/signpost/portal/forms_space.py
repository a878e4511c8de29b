"""Forms of the customer's online space. They parse and keep what was typed; the rules are the
customer record's own (customers/rules.py), applied again by the services when saving."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from signpost.core.govuk_forms import GovukDateField
from signpost.customers import codes, rules

YES_NO = [("yes", "Yes"), ("no", "No")]
# The national codes, in the customer's words (99 "not known" is, to them, no preference).
CONTACT_METHODS = [
    (str(codes.ContactMethod.EMAIL.value), "Email"),
    (str(codes.ContactMethod.MOBILE.value), "Phone call to my mobile"),
    (str(codes.ContactMethod.TELEPHONE.value), "Phone call to my home or other number"),
    (str(codes.ContactMethod.SMS.value), "Text message"),
    (str(codes.ContactMethod.WHATSAPP.value), "WhatsApp"),
    (str(codes.ContactMethod.POST.value), "Post"),
    (str(codes.ContactMethod.NOT_KNOWN.value), "No preference"),
]
PERMISSIONS = [
    ("phone", "Phone call"),
    ("sms", "Text message"),
    ("email", "Email"),
    ("post", "Post"),
]


class DateOfBirthForm(forms.Form):
    date_of_birth = GovukDateField(label="Date of birth", required=True, help_text="For example, 27 3 2007")

    def clean_date_of_birth(self) -> datetime.date | None:
        value: datetime.date | None = self.cleaned_data.get("date_of_birth")
        if value is not None and value > timezone.localdate():
            raise ValidationError("Date of birth must be in the past", code="future")
        return value


class CodeChannelForm(forms.Form):
    channel = forms.ChoiceField(
        label="Where should we send your code?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select where to send your code",
            "invalid_choice": "Select where to send your code",
        },
    )

    def __init__(self, *args: Any, destinations: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = destinations  # type: ignore[attr-defined]
        if len(destinations) == 1:
            self.fields["channel"].initial = destinations[0][0]


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=20,
        help_text="The code is 6 numbers",
        error_messages={"required": "Enter the code we sent you", "max_length": "The code is 6 numbers"},
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isdigit() and len(code) == 6):
            raise ValidationError("The code is 6 numbers, like 123456", code="invalid")
        return code


class ContactDetailsForm(forms.Form):
    """The customer's contact details and preferences (the email stays the record's)."""

    mobile = forms.CharField(label="Mobile number (optional)", required=False, max_length=30)
    home_phone = forms.CharField(
        label="Home phone number (optional)",
        required=False,
        max_length=40,
        help_text="If it has an extension, add it at the end, like ‘ext 12’",
    )
    alternative_phone = forms.CharField(label="Other phone number (optional)", required=False, max_length=40)
    preferred_method = forms.TypedChoiceField(
        label="How would you like us to contact you?",
        choices=CONTACT_METHODS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how you would like us to contact you"},
    )
    permissions = forms.MultipleChoiceField(
        label="How may we contact you?",
        choices=PERMISSIONS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply. We only use the ways you choose.",
    )
    preferred_language = forms.CharField(
        label="Which language would you prefer to use with us? (optional)",
        required=False,
        max_length=50,
        error_messages={"max_length": "The language must be 50 characters or fewer"},
    )
    interpreter_needed = forms.TypedChoiceField(
        label="Do you need an interpreter?",
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if you need an interpreter"},
    )
    accessibility_needs = forms.CharField(
        label="Is there anything that would make it easier for you to use our service? (optional)",
        help_text="For example, large print, a sign language interpreter or more time",
        required=False,
        max_length=1000,
        widget=forms.Textarea,
        error_messages={"max_length": "Tell us in 1000 characters or fewer"},
    )

    def __init__(self, *args: Any, email: str, has_current_address: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email
        self.has_current_address = has_current_address

    def _phone(self, name: str, *, mobile: bool = False) -> rules.PhoneNumber | None:
        text = (self.cleaned_data.get(name) or "").strip()
        if not text:
            return None
        try:
            return rules.parse_phone(text, mobile=mobile)
        except ValidationError as error:
            self.add_error(name, error)
            return None

    def clean(self) -> dict[str, Any]:
        """The record's own rules, so a mistake shows here rather than after checking answers."""
        cleaned = super().clean() or {}
        mobile = self._phone("mobile", mobile=True)
        home = self._phone("home_phone")
        other = self._phone("alternative_phone")
        method = cleaned.get("preferred_method")
        if method is not None and not self.has_error("preferred_method"):
            try:
                rules.validate_preferred_contact_method(
                    method,
                    email=self.email,
                    mobile=mobile.e164 if mobile else (cleaned.get("mobile") or "").strip(),
                    home_phone=home.e164 if home else (cleaned.get("home_phone") or "").strip(),
                    alternative_phone=other.e164 if other else (cleaned.get("alternative_phone") or "").strip(),
                    has_current_address=self.has_current_address,
                )
            except ValidationError as error:
                self.add_error("preferred_method", customer_wording(error))
        return cleaned

    def service_fields(self) -> dict[str, Any]:
        """What customers.services.contact_details_set takes (it parses the numbers itself)."""
        data = self.cleaned_data
        allowed = set(data.get("permissions") or [])
        return {
            "preferred_method": data["preferred_method"],
            "mobile": data.get("mobile") or "",
            "home_phone": data.get("home_phone") or "",
            "alternative_phone": data.get("alternative_phone") or "",
            "may_contact_by_phone": "phone" in allowed,
            "may_contact_by_sms": "sms" in allowed,
            "may_contact_by_email": "email" in allowed,
            "may_contact_by_post": "post" in allowed,
            "preferred_language": (data.get("preferred_language") or "").strip(),
            "interpreter_needed": bool(data.get("interpreter_needed")),
            "accessibility_needs": (data.get("accessibility_needs") or "").strip(),
        }


def customer_wording(error: ValidationError) -> ValidationError:
    """The record's rules speak to advisers ("contact them"); the customer is "you"."""
    messages = [message.replace("to contact them", "for us to contact you") for message in error.messages]
    return ValidationError(messages)


def contact_details_data(contact: Any) -> dict[str, Any]:
    """Form data (as typed) for the customer's current details, to start the change form from."""
    if contact is None:
        return {"preferred_method": str(codes.ContactMethod.NOT_KNOWN.value), "interpreter_needed": "no"}

    def national(number: str, extension: str = "") -> str:
        return rules.PhoneNumber(number, extension).national if number else ""

    permissions = [
        key
        for key, allowed in (
            ("phone", contact.may_contact_by_phone),
            ("sms", contact.may_contact_by_sms),
            ("email", contact.may_contact_by_email),
            ("post", contact.may_contact_by_post),
        )
        if allowed
    ]
    return {
        "mobile": national(contact.mobile),
        "home_phone": national(contact.home_phone, contact.home_phone_extension),
        "alternative_phone": national(contact.alternative_phone, contact.alternative_phone_extension),
        "preferred_method": str(contact.preferred_method),
        "permissions": permissions,
        "preferred_language": contact.preferred_language,
        "interpreter_needed": "yes" if contact.interpreter_needed else "no",
        "accessibility_needs": contact.accessibility_needs,
    }
