"""People and records for the online-space tests: a customer account whose email matches a record.

The builders are plain functions so the portal and workspace tests can make the same fixtures."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from signpost.accounts.roles import Role
from signpost.customers import codes
from signpost.customers import services as customer_services
from signpost.customers.models import Customer
from tests.factories import CustomerFactory, make_customer, make_staff

BORN = datetime.date(1990, 5, 14)
EMAIL = "amara.okafor@example.com"
MOBILE = "07700 900456"


def make_adviser(organisation: Any) -> Any:
    return make_staff(Role.ADVISER, organisation=organisation, given_name="Ada", family_name="Adviser")


def make_record(adviser: Any) -> Customer:
    """Amara Okafor's record, with an email and a mobile she has agreed to be contacted on."""
    customer = CustomerFactory(given_name="Amara", family_name="Okafor", date_of_birth=BORN)
    customer_services.contact_details_set(
        actor=adviser,
        customer=customer,
        preferred_method=codes.ContactMethod.EMAIL,
        email=EMAIL,
        mobile=MOBILE,
        may_contact_by_email=True,
        may_contact_by_sms=True,
    )
    return customer


def make_account() -> Any:
    """Amara's online account: the same email, verified."""
    return make_customer(email=EMAIL, given_name="Amara", family_name="Okafor")


# The same as fixtures, for this app's tests and (imported by name) the front doors' tests.


@pytest.fixture
def adviser(london: Any) -> Any:
    return make_adviser(london)


@pytest.fixture
def record(adviser: Any) -> Customer:
    return make_record(adviser)


@pytest.fixture
def account(db: Any) -> Any:
    return make_account()
