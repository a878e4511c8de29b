"""Fixtures for the contacts tests."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from signpost.accounts.roles import Role
from signpost.customers import codes as customer_codes
from signpost.customers.models import Address, ContactDetails, Customer
from tests.factories import CustomerFactory, make_staff


@pytest.fixture
def adviser(london: Any) -> Any:
    return make_staff(Role.ADVISER, organisation=london, mfa=False)


@pytest.fixture
def customer(db: Any) -> Customer:
    return CustomerFactory(given_name="Ada", family_name="Lovelace")


def reachable(customer: Customer, method: int = customer_codes.ContactMethod.EMAIL, **fields: Any) -> Customer:
    """Give ``customer`` contact details that allow every channel, preferring ``method``."""
    values: dict[str, Any] = {
        "preferred_method": method,
        "email": "ada@example.com",
        "mobile": "+447700900123",
        "may_contact_by_email": True,
        "may_contact_by_sms": True,
        "may_contact_by_post": True,
        "may_contact_by_phone": True,
        **fields,
    }
    ContactDetails.objects.update_or_create(customer=customer, defaults=values)
    if not customer.addresses.exists():
        Address.objects.create(
            customer=customer,
            line_1="12 Analytical Row",
            town="London",
            postcode="SW1A 1AA",
            effective_from=datetime.date(2020, 1, 1),
        )
    return customer
