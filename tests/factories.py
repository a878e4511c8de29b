"""Test data builders shared by every app's tests and the browser journeys."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cache
from typing import Any

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.utils import timezone

from signpost.accounts.models import User
from signpost.customers import codes, services
from signpost.organisations.models import Organisation

TEST_PASSWORD = "Correct-horse-battery-9"
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DP"


@cache
def _test_password_hash() -> str:
    # Argon2 is deliberately slow; hash the shared test password once per run, not per person.
    from django.contrib.auth.hashers import make_password

    return make_password(TEST_PASSWORD)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Test partner {n}")
    kind = Organisation.Kind.PARTNER


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    given_name = factory.Faker("first_name", locale="en_GB")
    family_name = factory.Faker("last_name", locale="en_GB")

    @factory.post_generation
    def password(self, create: bool, extracted: str | None, **kwargs: Any) -> None:
        if extracted:
            self.set_password(extracted)
        else:
            self.password = _test_password_hash()
        if create:
            self.save()
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )


def make_customer(**fields: Any) -> User:
    return UserFactory(**fields)


def make_staff(*roles: str, organisation: Organisation, mfa: bool = True, **fields: Any) -> User:
    """A staff member holding ``roles``; with ``mfa`` their authenticator uses TEST_TOTP_SECRET."""
    user = UserFactory(organisation=organisation, **fields)
    user.groups.set(Group.objects.filter(name__in=roles))
    if mfa:
        TOTP.activate(user, TEST_TOTP_SECRET)
    return user


class CustomerFactory(factory.django.DjangoModelFactory):
    """A customer record (not a sign-in account: that is make_customer). Adult unless told."""

    class Meta:
        model = "customers.Customer"

    given_name = factory.Faker("first_name", locale="en_GB")
    family_name = factory.Faker("last_name", locale="en_GB")
    date_of_birth = factory.Faker("date_of_birth", minimum_age=19, maximum_age=70)


@dataclass
class RecordParts:
    """What goes into every part of a customer's record, each part as its service takes it."""

    identity: dict[str, Any]
    addresses: list[dict[str, Any]]
    contact_details: dict[str, Any]
    diversity: dict[str, Any]
    employment: list[dict[str, Any]]
    learning: dict[str, Any]
    priority_groups: list[int]
    consent: dict[str, Any]


def priya_sharma() -> RecordParts:
    today = timezone.localdate()
    return RecordParts(
        identity={
            "given_name": "Priya",
            "family_name": "Sharma",
            "title": codes.Title.MS,
            "date_of_birth": datetime.date(today.year - 30, 1, 1),
            "gender": codes.Gender.FEMALE,
            "unique_learner_number": "1234567890",
            "customer_type": codes.CustomerType.PARENT_OR_GUARDIAN,
            "introduced_by": codes.IntroducedBy.JOBCENTRE_PLUS,
            "introduced_by_detail": "Work coach at Brixton",
        },
        addresses=[
            {
                "line_1": "1 Old Road",
                "town": "Manchester",
                "postcode": "m11ae",
                "effective_from": datetime.date(2020, 1, 1),
            },
            {
                "line_1": "Buckingham Palace",
                "town": "London",
                "postcode": "sw1a1aa",
                "effective_from": datetime.date(2023, 6, 1),
            },
        ],
        contact_details={
            "preferred_method": codes.ContactMethod.EMAIL,
            "mobile": "+44 (0)7700 900123",
            "home_phone": "020 7946 0000 ext 12",
            "email": "Priya.Sharma@example.com",
            "may_contact_by_email": True,
            "may_contact_by_sms": True,
            "preferred_language": "Punjabi",
            "interpreter_needed": True,
            "accessibility_needs": "Large print letters",
        },
        diversity={
            "health_consent": True,
            "ethnicity_consent": True,
            "disability_declaration": codes.DisabilityDeclaration.HAS_DIFFICULTY_OR_DISABILITY,
            "primary_disability": codes.DisabilityType.DYSLEXIA,
            "ethnicity": codes.Ethnicity.ASIAN_INDIAN,
        },
        employment=[
            {
                "status": codes.EmploymentStatusCode.UNEMPLOYED,
                "recorded_on": datetime.date(2024, 3, 5),
                "unemployment_length": codes.UnemploymentLength.MONTHS_6_TO_11,
            },
            {
                "status": codes.EmploymentStatusCode.EMPLOYED,
                "recorded_on": datetime.date(2025, 1, 10),
                "employer_name": "Acme Bakery",
            },
        ],
        learning={
            "status": codes.LearningStatusCode.IN_LEARNING,
            "recorded_on": datetime.date(2024, 9, 1),
            "highest_qualification": codes.QualificationLevel.LEVEL_3,
            "last_provider_ukprn": "10001234",
        },
        priority_groups=[codes.PriorityGroup.SINGLE_PARENT],
        consent={"user_research": True, "market_research": False, "lawful_basis": codes.LawfulBasis.PUBLIC_TASK},
    )


def filled_customer(actor: Any, parts: RecordParts | None = None, **identity: Any) -> Any:
    """Every part of a record filled in through the services, as an adviser would: Priya Sharma
    unless ``parts`` says otherwise; ``identity`` changes single identity fields."""
    parts = parts or priya_sharma()
    customer = services.customer_create(actor=actor, **{**parts.identity, **identity})
    for address in parts.addresses:
        services.address_add(actor=actor, customer=customer, **address)
    services.contact_details_set(actor=actor, customer=customer, **parts.contact_details)
    services.diversity_set(actor=actor, customer=customer, **parts.diversity)
    for status in parts.employment:
        services.employment_status_record(actor=actor, customer=customer, **status)
    services.learning_status_record(actor=actor, customer=customer, **parts.learning)
    services.priority_groups_confirm(
        actor=actor, customer=customer, groups=parts.priority_groups, on_date=timezone.localdate()
    )
    services.consent_record(actor=actor, customer=customer, **parts.consent)
    return customer
