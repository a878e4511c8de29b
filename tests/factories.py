"""Test data builders shared by every app's tests and the browser journeys."""

from __future__ import annotations

from functools import cache
from typing import Any

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group

from signpost.accounts.models import User
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
