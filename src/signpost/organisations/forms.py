from functools import partial
from typing import Any, cast

from django import forms

from signpost.organisations.models import Area, Organisation


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "touchpoint_id", "area", "parent", "email", "phone", "website", "is_active"]
        labels = {
            "name": "Organisation name",
            "kind": "Type of organisation",
            "touchpoint_id": "Touchpoint ID (optional)",
            "area": "Contract area (optional)",
            "parent": "Prime contractor it works for (subcontractors only)",
            "email": "Email address (optional)",
            "phone": "Phone number (optional)",
            "website": "Website (optional)",
            "is_active": "Active",
        }
        help_texts = {
            "touchpoint_id": "10 digits. Delivering organisations have one; partners usually do not.",
            "area": "Required for an area prime contractor.",
        }
        widgets = {"kind": forms.RadioSelect}
        # A web address typed without a scheme means https (Django 6's default too).
        field_classes = {"website": partial(forms.URLField, assume_scheme="https")}
        error_messages = {
            "name": {
                "required": "Enter the organisation name",
                "unique": "An organisation with this name already exists",
            },
            "kind": {"required": "Select the type of organisation"},
            "touchpoint_id": {"unique": "Another organisation already has this touchpoint ID"},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parent = cast(forms.ModelChoiceField, self.fields["parent"])
        area = cast(forms.TypedChoiceField, self.fields["area"])
        parent.queryset = Organisation.objects.filter(kind=Organisation.Kind.PRIME_CONTRACTOR)
        parent.empty_label = "Not a subcontractor"
        area.choices = [("", "No area"), *Area.choices]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("kind") == Organisation.Kind.PRIME_CONTRACTOR and not cleaned.get("area"):
            self.add_error("area", "Select the contract area of the prime contractor")
        if cleaned.get("kind") == Organisation.Kind.SUBCONTRACTOR and not cleaned.get("parent"):
            self.add_error("parent", "Select the prime contractor this subcontractor works for")
        return cleaned
