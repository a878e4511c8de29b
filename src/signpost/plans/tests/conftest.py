"""Fixtures for the plans and outcomes tests."""

from __future__ import annotations

from typing import Any

import pytest

from signpost.accounts.roles import Role
from signpost.customers.models import Customer
from tests.factories import CustomerFactory, make_staff


@pytest.fixture
def adviser(london: Any) -> Any:
    return make_staff(Role.ADVISER, organisation=london, mfa=False, given_name="Ada", family_name="Adviser")


@pytest.fixture
def customer(db: Any) -> Customer:
    return CustomerFactory(given_name="Nia", family_name="Okoro")
