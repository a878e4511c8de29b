"""Forms for the partner directory and for referrals (read by GET for filters, POST for changes).

Forms only parse what was typed; the rules (a way to contact a partner, areas, consent, warm
transfers, status changes) are the referrals services', whose errors the views put back on these
forms' fields so nothing typed is lost.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError

from signpost.core.govuk_forms import GovukDateField
from signpost.customers import rules as customer_rules
from signpost.organisations.models import Area
from signpost.referrals import codes, rules
from signpost.referrals.models import (
    HELP_WITH_MAX_LENGTH,
    NOTES_MAX_LENGTH,
    REASON_MAX_LENGTH,
    STATUS_REASON_MAX_LENGTH,
    Partner,
)

ALL_OF_ENGLAND = "national"
STATUS_ACTIVE, STATUS_INACTIVE, STATUS_ANY = "active", "inactive", "any"


def _text(label: str, max_length: int, *, required: bool = False, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        strip=True,
        error_messages={
            "max_length": f"{label.removesuffix(' (optional)')} must be {max_length:,} characters or fewer"
        },
        **kwargs,
    )


def _choices(blank: str, choices: Any) -> list[tuple[str, str]]:
    return [("", blank), *((str(value), str(label)) for value, label in choices)]


# The directory --------------------------------------------------------------------------------


class PartnerFilterForm(forms.Form):
    q = forms.CharField(
        label="Name or what they help with", required=False, max_length=200, help_text="For example, debt or housing"
    )
    category = forms.TypedChoiceField(
        label="Category",
        required=False,
        coerce=int,
        empty_value=None,
        choices=_choices("All categories", codes.PartnerCategory.choices),
        error_messages={"invalid_choice": "Select a category from the list"},
    )
    area = forms.TypedChoiceField(
        label="Area they serve",
        required=False,
        coerce=int,
        empty_value=None,
        choices=_choices("All areas", Area.choices),
        error_messages={"invalid_choice": "Select an area from the list"},
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[(STATUS_ACTIVE, "Active"), (STATUS_INACTIVE, "Inactive"), (STATUS_ANY, "Active and inactive")],
        error_messages={"invalid_choice": "Select a status from the list"},
    )

    def directory_filters(self) -> dict[str, Any]:
        """The selector's arguments from what passed validation (a bad filter is shown and ignored)."""
        self.is_valid()
        cleaned = self.cleaned_data
        status = cleaned.get("status") or STATUS_ACTIVE
        return {
            "query": cleaned.get("q") or "",
            "category": cleaned.get("category"),
            "area": cleaned.get("area"),
            "active": {STATUS_ACTIVE: True, STATUS_INACTIVE: False}.get(status),
        }

    def is_filtered(self) -> bool:
        """Whether anything beyond the default (active partners, no search) was asked for."""
        filters = self.directory_filters()
        return bool(filters["query"] or filters["category"] or filters["area"] or filters["active"] is not True)


class PartnerForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=200,
        error_messages={
            "required": "Enter the partner's name",
            "max_length": "The name must be 200 characters or fewer",
        },
    )
    categories = forms.TypedMultipleChoiceField(
        label="Categories",
        coerce=int,
        choices=[(str(value), label) for value, label in codes.PartnerCategory.choices],
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply",
        error_messages={
            "required": "Select at least one category",
            "invalid_choice": "Select categories from the list",
        },
    )
    areas = forms.MultipleChoiceField(
        label="Areas they serve",
        choices=[*((str(value), label) for value, label in Area.choices), (ALL_OF_ENGLAND, "All of England")],
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply, or all of England for a national organisation",
        error_messages={
            "required": "Select the areas they serve, or all of England",
            "invalid_choice": "Select areas from the list",
        },
    )
    help_with = forms.CharField(
        label="What they help with",
        max_length=HELP_WITH_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="In a few words an adviser can search for, such as debt, housing or English lessons",
        error_messages={
            "required": "Enter what they help with",
            "max_length": f"What they help with must be {HELP_WITH_MAX_LENGTH:,} characters or fewer",
        },
    )
    phone = _text("Phone number (optional)", 30)
    email = _text("Email address (optional)", 254)
    website = _text("Website (optional)", 300)
    address_line_1 = _text("Address line 1 (optional)", 100)
    address_line_2 = _text("Address line 2 (optional)", 100)
    town = _text("Town or city (optional)", 100)
    postcode = _text("Postcode (optional)", 10)
    accepts_warm_transfers = forms.BooleanField(
        label="They accept warm transfers",
        required=False,
        help_text="An adviser may hand a customer over to them directly, by phone or in person",
    )

    @classmethod
    def initial_for(cls, partner: Partner, categories: list[int], areas: list[int]) -> dict[str, Any]:
        phone = customer_rules.PhoneNumber(partner.phone, partner.phone_extension).national if partner.phone else ""
        return {
            "name": partner.name,
            "categories": [str(category) for category in categories],
            "areas": [ALL_OF_ENGLAND] if partner.serves_all_england else [str(area) for area in areas],
            "help_with": partner.help_with,
            "phone": phone,
            "email": partner.email,
            "website": partner.website,
            "address_line_1": partner.address_line_1,
            "address_line_2": partner.address_line_2,
            "town": partner.town,
            "postcode": partner.postcode,
            "accepts_warm_transfers": partner.accepts_warm_transfers,
        }

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor

    # The service applies these rules too; the form asks them first so that every mistake shows at
    # once, beside the form's own. Values stay as typed: the service tidies them.
    def _rule(self, name: str, rule: Any, *args: Any, **kwargs: Any) -> None:
        try:
            rule(*args, **kwargs)
        except ValidationError as error:
            self.add_error(name, error.messages)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name, rule in (
            ("phone", customer_rules.parse_phone),
            ("email", customer_rules.normalise_email),
            ("postcode", customer_rules.validate_postcode),
        ):
            if cleaned.get(name):
                self._rule(name, rule, cleaned[name])
        self._rule(
            "phone",
            rules.validate_partner_contact,
            phone=cleaned.get("phone", "x"),
            email=cleaned.get("email", "x"),
            website=cleaned.get("website", "x"),
        )
        if "areas" in cleaned:
            national = ALL_OF_ENGLAND in cleaned["areas"]
            areas = [int(area) for area in cleaned["areas"] if area != ALL_OF_ENGLAND]
            self._rule("areas", rules.validate_partner_areas, serves_all_england=national, areas=areas)
            if "areas" not in self.errors:
                self._rule(
                    "areas",
                    rules.validate_partner_areas_manageable,
                    self.actor,
                    serves_all_england=national,
                    areas=areas,
                )
        return cleaned

    def service_fields(self) -> dict[str, Any]:
        cleaned = dict(self.cleaned_data)
        areas = cleaned.pop("areas")
        cleaned["serves_all_england"] = ALL_OF_ENGLAND in areas
        cleaned["areas"] = [int(area) for area in areas if area != ALL_OF_ENGLAND]
        return cleaned


# Referrals ------------------------------------------------------------------------------------


class PartnerSearchForm(forms.Form):
    """Finding a partner for this customer: their area first, narrowed by a category or words."""

    category = PartnerFilterForm.base_fields["category"]
    area = forms.TypedChoiceField(
        label="Area",
        required=False,
        coerce=int,
        empty_value=None,
        choices=_choices("Partners that serve all of England only", Area.choices),
        error_messages={"invalid_choice": "Select an area from the list"},
    )
    q = PartnerFilterForm.base_fields["q"]


class ReferralForm(forms.Form):
    kind = forms.TypedChoiceField(
        label="Signpost or refer?",
        coerce=int,
        choices=[
            (str(codes.ReferralKind.SIGNPOST), "Signpost: we give the customer the details to get in touch themselves"),
            (str(codes.ReferralKind.REFERRAL), "Refer: we get in touch for the customer and pass on their details"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select signpost or refer", "invalid_choice": "Select signpost or refer"},
    )
    reason = forms.CharField(
        label="What they need help with",
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter what the customer needs help with",
            "max_length": f"What they need help with must be {REASON_MAX_LENGTH:,} characters or fewer",
        },
    )
    notes = forms.CharField(
        label="Notes (optional)",
        required=False,
        max_length=NOTES_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Anything the partner or the next adviser should know",
        error_messages={"max_length": f"The notes must be {NOTES_MAX_LENGTH:,} characters or fewer"},
    )
    consent_to_share = forms.BooleanField(label="", required=False)
    warm_transfer = forms.BooleanField(
        label="This is a warm transfer",
        required=False,
        help_text="You are handing the customer over to them now, by phone or in person",
    )
    follow_up_on = GovukDateField(
        label="Follow-up date (optional)",
        required=False,
        help_text="When someone should check how it went. For example, 27 3 2026",
    )

    def __init__(self, *args: Any, partner: Partner | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if partner is None:
            # Other channels are part of the service: nothing is shared outside it, nobody is handed over.
            del self.fields["consent_to_share"], self.fields["warm_transfer"]
            return
        self.fields["consent_to_share"].label = f"The customer agrees to us sharing their details with {partner.name}"
        self.fields["consent_to_share"].help_text = "Needed for a referral, not for a signpost"
        if not partner.accepts_warm_transfers:
            del self.fields["warm_transfer"]


class StatusForm(forms.Form):
    status = forms.TypedChoiceField(
        label="New status",
        coerce=int,
        choices=[],
        widget=forms.RadioSelect,
        error_messages={"required": "Select the new status", "invalid_choice": "Select a status from the list"},
    )
    reason = forms.CharField(
        label="Reason or note",
        required=False,
        max_length=STATUS_REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed if it was declined or withdrawn",
        error_messages={"max_length": f"The reason must be {STATUS_REASON_MAX_LENGTH:,} characters or fewer"},
    )

    def __init__(self, *args: Any, allowed: list[codes.ReferralStatus], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        status = cast(forms.TypedChoiceField, self.fields["status"])
        status.choices = [(str(value), str(value.label)) for value in allowed]
