from __future__ import annotations

from typing import Any

from allauth.account.forms import SignupForm
from django import forms
from django.contrib.auth import password_validation

from signpost.accounts.models import User
from signpost.accounts.roles import ROLE_DESCRIPTIONS, Role
from signpost.organisations.models import Organisation


class CustomerSignupForm(SignupForm):
    given_name = forms.CharField(
        label="First name", max_length=100, error_messages={"required": "Enter your first name"}
    )
    family_name = forms.CharField(
        label="Last name", max_length=100, error_messages={"required": "Enter your last name"}
    )

    field_order = ["given_name", "family_name", "email", "password1", "password2"]

    def save(self, request: Any) -> User:
        user: User = super().save(request)
        user.given_name = self.cleaned_data["given_name"]
        user.family_name = self.cleaned_data["family_name"]
        user.save(update_fields=["given_name", "family_name"])
        return user


def _role_choices() -> list[tuple[str, str]]:
    return [(role.value, role.label) for role in Role]


class StaffDetailsForm(forms.Form):
    given_name = forms.CharField(
        label="First name", max_length=100, error_messages={"required": "Enter their first name"}
    )
    family_name = forms.CharField(
        label="Last name", max_length=100, error_messages={"required": "Enter their last name"}
    )
    roles = forms.MultipleChoiceField(
        label="Roles",
        choices=_role_choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one role"},
    )

    role_descriptions = ROLE_DESCRIPTIONS


class StaffInviteForm(StaffDetailsForm):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter their email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=Organisation.objects.none(),
        empty_label="Select an organisation",
        error_messages={"required": "Select their organisation", "invalid_choice": "Select their organisation"},
    )

    field_order = ["given_name", "family_name", "email", "organisation", "roles"]

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("An account with this email address already exists")
        return email


class StaffDeactivateForm(forms.Form):
    reason = forms.CharField(
        label="Why are you deactivating this account?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why you are deactivating this account"},
    )


class AcceptInvitationForm(forms.Form):
    password1 = forms.CharField(
        label="Create a password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 10 characters. Avoid common words and passwords you use elsewhere.",
        error_messages={"required": "Enter a password"},
    )
    password2 = forms.CharField(
        label="Confirm your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Confirm your password"},
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password1(self) -> str:
        password = self.cleaned_data["password1"]
        password_validation.validate_password(password, self.user)
        return password

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("password1") and cleaned.get("password2") and cleaned["password1"] != cleaned["password2"]:
            self.add_error("password2", "The passwords do not match")
        return cleaned
