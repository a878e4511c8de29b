"""Forms of the data protection pages: who has seen a record, anonymising it."""

from __future__ import annotations

from typing import Any

from django import forms

from signpost.data_protection.codes import AnonymisationReason
from signpost.workspace.forms import DATE_ERRORS, DATE_FORMATS


class RecordAccessFilterForm(forms.Form):
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


class AnonymiseForm(forms.Form):
    # A code, not free text: the reason is kept in the audit log, which must hold no personal data.
    reason = forms.TypedChoiceField(
        label="Why is this record being anonymised?",
        choices=AnonymisationReason.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select why this record is being anonymised"},
    )
    confirm = forms.BooleanField(
        label="I understand the customer's personal data will be removed for good and cannot be brought back",
        error_messages={"required": "Confirm that you understand the personal data cannot be brought back"},
    )
