"""Fixtures for the casework tests: London (a prime) and the national contact centre's staff."""

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
def colleague(london: Any) -> Any:
    return make_staff(Role.ADVISER, organisation=london, mfa=False, given_name="Colin", family_name="Colleague")


@pytest.fixture
def team_leader(london: Any) -> Any:
    return make_staff(Role.TEAM_LEADER, organisation=london, mfa=False, given_name="Tess", family_name="Leader")


@pytest.fixture
def national_adviser(national: Any) -> Any:
    return make_staff(Role.ADVISER, organisation=national, mfa=False, given_name="Nina", family_name="National")


@pytest.fixture
def outsider(north_west: Any) -> Any:
    return make_staff(Role.ADVISER, organisation=north_west, mfa=False)


@pytest.fixture
def customer(db: Any) -> Customer:
    return CustomerFactory(given_name="Ada", family_name="Lovelace")
