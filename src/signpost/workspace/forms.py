"""Search and filter forms for the workspace's administration lists (read by GET, never saved)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, QueryDict

from signpost.accounts.roles import Role
from signpost.core.models import Notification
from signpost.organisations.models import Organisation

DATE_FORMATS = ["%d/%m/%Y", "%d %m %Y", "%d-%m-%Y", "%Y-%m-%d"]
DATE_ERRORS = {"invalid": "Enter a real date, like 27/3/2025"}


def _any(label: str, choices: Any) -> list[tuple[str, str]]:
    return [("", label), *((str(value), str(text)) for value, text in choices)]


class StaffFilterForm(forms.Form):
    q = forms.CharField(label="Name or email address", required=False, max_length=200)
    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=Organisation.objects.exclude(kind=Organisation.Kind.PARTNER),
        required=False,
        empty_label="All organisations",
        error_messages={"invalid_choice": "Select an organisation from the list"},
    )
    role = forms.ChoiceField(label="Role", required=False, choices=_any("All roles", Role.choices))
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any status"), ("active", "Active"), ("invited", "Invited"), ("deactivated", "Deactivated")],
    )

    def __init__(self, *args: Any, national: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only national administrators see more than one organisation's staff.
        if not national:
            del self.fields["organisation"]


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label="Name or touchpoint ID", required=False, max_length=200)
    kind = forms.ChoiceField(label="Type", required=False, choices=_any("All types", Organisation.Kind.choices))


class AuditSearchForm(forms.Form):
    action = forms.CharField(
        label="Action",
        required=False,
        max_length=100,
        help_text="For example, staff.invited, or staff. for every staff change",
    )
    actor_email = forms.CharField(label="Email address of the person who did it", required=False, max_length=254)
    object_type = forms.CharField(
        label="Type of record", required=False, max_length=100, help_text="For example, accounts.user"
    )
    object_id = forms.CharField(label="Record ID", required=False, max_length=64)
    date_from = forms.DateField(
        label="From",
        required=False,
        input_formats=DATE_FORMATS,
        help_text="For example, 27/3/2025",
        error_messages=DATE_ERRORS,
    )
    date_to = forms.DateField(
        label="To",
        required=False,
        input_formats=DATE_FORMATS,
        help_text="For example, 31/3/2025",
        error_messages=DATE_ERRORS,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("date_from") and cleaned.get("date_to") and cleaned["date_from"] > cleaned["date_to"]:
            self.add_error("date_to", "The ‘to’ date must be the same as or after the ‘from’ date")
        return cleaned


class OutboxFilterForm(forms.Form):
    recipient = forms.CharField(label="Recipient contains", required=False, max_length=200)
    channel = forms.ChoiceField(
        label="Channel", required=False, choices=_any("All channels", Notification.Channel.choices)
    )
    status = forms.ChoiceField(label="Status", required=False, choices=_any("Any status", Notification.Status.choices))


def valid_filters(form: forms.Form) -> dict[str, Any]:
    """The filters that passed validation; an invalid one is shown as an error and ignored."""
    form.is_valid()
    return {name: value for name, value in form.cleaned_data.items() if value not in (None, "")}


def posted_data(request: HttpRequest) -> QueryDict | None:
    """What was submitted, for a POST: even an empty one must be validated, so never ``POST or None``."""
    return request.POST if request.method == "POST" else None
