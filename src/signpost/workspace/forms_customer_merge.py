"""Forms for merging two customer records and undoing a merge (issue 3, item 9).

The rules (which records may merge, what the merged record must hold) are customers/merging.py's;
these forms parse what was chosen or typed and keep it when the page is shown again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django import forms

from signpost.customers.merging import DUPLICATE, SURVIVOR, MergeComparison

UNDO_REASON_LENGTH = 500


class MergeStartForm(forms.Form):
    other = forms.CharField(
        label="Reference of the other record",
        help_text="For example, C4HK-7WMR. Find it with the customer search if you do not have it.",
        max_length=20,
        error_messages={
            "required": "Enter the reference of the other record",
            "max_length": "Enter a reference of 8 letters and numbers, like C4HK-7WMR",
        },
    )


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


class MergeChoicesForm(forms.Form):
    """One question per value the two records hold differently: which one the kept record keeps."""

    def __init__(
        self,
        data: Mapping[str, Any] | None,
        *,
        comparison: MergeComparison,
        describe: Callable[[str, Any], str],
        initial: Mapping[str, str],
    ) -> None:
        super().__init__(data, initial=dict(initial))
        survivor_reference = comparison.survivor.display_reference
        duplicate_reference = comparison.duplicate.display_reference

        def question(key: str, label: str, kept: Any, other: Any, hint: str = "") -> forms.ChoiceField:
            name = _lower_first(label)
            return forms.ChoiceField(
                label=f"Which {name} should the kept record have?",
                help_text=hint,
                choices=[
                    (SURVIVOR, f"{describe(key, kept)} (from {survivor_reference})"),
                    (DUPLICATE, f"{describe(key, other)} (from {duplicate_reference})"),
                ],
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Select which {name} the kept record should have",
                    "invalid_choice": f"Select which {name} the kept record should have",
                },
            )

        for item in comparison.differing:
            self.fields[item.field.key] = question(item.field.key, item.field.label, item.survivor, item.duplicate)
        for part in comparison.parts:
            hint = "The other one stays with the merged record, which is kept read-only."
            self.fields[part.key] = question(part.key, part.label, part.survivor, part.duplicate, hint)

    def choices(self) -> dict[str, str]:
        return {name: str(value) for name, value in self.cleaned_data.items()}


class MergeUndoForm(forms.Form):
    reason = forms.CharField(
        label="Why are you undoing this merge?",
        help_text="For example, the records belong to two different people. Say who asked, if someone did.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=UNDO_REASON_LENGTH,
        error_messages={
            "required": "Enter why you are undoing this merge",
            "max_length": f"The reason must be {UNDO_REASON_LENGTH} characters or fewer",
        },
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("Enter why you are undoing this merge")
        return str(reason)
