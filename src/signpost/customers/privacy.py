"""The customer record's entries in the personal data register (signpost.core.privacy).

Anonymising keeps what statistics need (codes, dates, area, postcode district) and removes the
rest. The customer row itself is erased last (signpost.core.privacy.erasure_order), so erasers of
other models can still read the date of birth to keep an age band.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q

from signpost.core.geography import outward_code
from signpost.core.privacy import PersonalData, delete_rows, register, replace_values
from signpost.customers import codes
from signpost.customers.merging import ERASED
from signpost.customers.models import CustomerMerge

# What an anonymised record shows instead of a name.
ANONYMISED_GIVEN_NAME = "Anonymised"
ANONYMISED_FAMILY_NAME = "customer"


def _erase_customer(queryset: models.QuerySet[Any]) -> None:
    queryset.update(
        title=codes.Title.NOT_PROVIDED,
        given_name=ANONYMISED_GIVEN_NAME,
        family_name=ANONYMISED_FAMILY_NAME,
        date_of_birth=None,
        unique_learner_number="",
        introduced_by_detail="",
    )


def _reduce_addresses_to_district(queryset: models.QuerySet[Any]) -> None:
    """Lines and exact coordinates go; the postcode district, local authority and area stay."""
    for address in queryset.only("pk", "postcode"):
        queryset.filter(pk=address.pk).update(
            line_1="",
            line_2="",
            line_3="",
            town="",
            county="",
            postcode=outward_code(address.postcode) if address.postcode else "",
            latitude=None,
            longitude=None,
        )


def _merges_of(customer: models.Model) -> models.QuerySet[Any]:
    """Merges the record took part in, kept or merged away."""
    return CustomerMerge.objects.filter(Q(survivor=customer) | Q(duplicate=customer))


def register_customer_record() -> None:
    register(
        PersonalData(
            model="customers.Customer",
            customer_path="",
            title="Your record",
            fields=[
                "reference",
                "title",
                "given_name",
                "family_name",
                "date_of_birth",
                "gender",
                "unique_learner_number",
                "customer_type",
                "introduced_by",
                ("introduced_by_detail", "How you heard of us (in your words)"),
                "date_registered",
                "terminated_at",
                "termination_reason",
            ],
            erase=_erase_customer,
        )
    )
    register(
        PersonalData(
            model="customers.ContactDetails",
            customer_path="customer",
            title="Contact details",
            fields=[
                "preferred_method",
                "mobile",
                "home_phone",
                "home_phone_extension",
                "alternative_phone",
                "alternative_phone_extension",
                "email",
                "may_contact_by_phone",
                "may_contact_by_sms",
                "may_contact_by_email",
                "may_contact_by_post",
                "preferred_language",
                "interpreter_needed",
                "accessibility_needs",
                "updated_at",
            ],
            erase=delete_rows,
        )
    )
    register(
        PersonalData(
            model="customers.Address",
            customer_path="customer",
            title="Addresses",
            fields=[
                "line_1",
                "line_2",
                "line_3",
                "town",
                "county",
                "postcode",
                "area",
                "effective_from",
                "effective_to",
            ],
            ordering=["effective_from", "id"],
            erase=_reduce_addresses_to_district,
        )
    )
    register(
        PersonalData(
            model="customers.Diversity",
            customer_path="customer",
            title="Diversity (health, disability and ethnicity)",
            fields=[
                "health_consent",
                "health_consent_at",
                "disability_declaration",
                "primary_disability",
                "secondary_disability",
                "ethnicity_consent",
                "ethnicity_consent_at",
                "ethnicity",
            ],
            # Special category data was collected with consent to help this customer; it is not
            # kept once the relationship ends.
            erase=delete_rows,
        )
    )
    register(
        PersonalData(
            model="customers.EmploymentStatus",
            customer_path="customer",
            title="Employment history",
            fields=["recorded_on", "status", "hours", "unemployment_length", "economic_shock", "employer_name"],
            ordering=["recorded_on", "id"],
            erase=replace_values(employer_name=""),
        )
    )
    register(
        PersonalData(
            model="customers.LearningStatus",
            customer_path="customer",
            title="Learning history",
            fields=[
                "recorded_on",
                "status",
                "hours",
                "highest_qualification",
                "qualification_achieved_on",
                "last_provider_ukprn",
            ],
            ordering=["recorded_on", "id"],
            kept_because="Codes, dates and a provider number only: the progression statistics need them.",
        )
    )
    register(
        PersonalData(
            model="customers.PriorityGroupConfirmation",
            customer_path="customer",
            title="Priority groups",
            fields=["confirmed_on", "groups", "suggested"],
            ordering=["confirmed_on", "id"],
            kept_because="Priority group codes and dates only: contract statistics count priority customers.",
        )
    )
    register(
        PersonalData(
            model="customers.IdentitySecret",
            customer_path="customer",
            title="Memorable word",
            # The word is stored only as hashes: the export says when it was set, never the hashes.
            fields=["set_at", "length"],
            erase=delete_rows,
        )
    )
    register(
        PersonalData(
            model="customers.IdentityCheck",
            customer_path="customer",
            title="Identity checks on the phone",
            fields=["checked_at", "passed"],
            ordering=["checked_at", "id"],
            erase=delete_rows,
        )
    )
    register(
        PersonalData(
            model="customers.ConsentRecord",
            customer_path="customer",
            title="Consents",
            fields=["recorded_at", "user_research", "market_research", "lawful_basis"],
            ordering=["recorded_at", "id"],
            kept_because="Yes/no answers, a lawful basis code and dates: the evidence of consent, no personal data.",
        )
    )
    register(
        PersonalData(
            model="customers.CustomerMerge",
            rows=_merges_of,
            title="Records merged with yours",
            # The values the kept record had before the merge (and was given by it) are the
            # customer's own; staff names are other people's, so the export leaves them out.
            fields=[
                "merged_at",
                ("survivor__reference", "Kept record"),
                ("duplicate__reference", "Merged record"),
                ("survivor_before", "Values before the merge"),
                ("survivor_after", "Values the merge gave the kept record"),
                "undone_at",
                "undo_reason",
            ],
            ordering=["merged_at", "id"],
            # Which rows moved (primary keys) stays so the history can be followed; the values go,
            # and merging.undo_problems then refuses to undo (nothing left to restore).
            erase=replace_values(survivor_before={ERASED: True}, survivor_after={ERASED: True}, undo_reason=""),
        )
    )
