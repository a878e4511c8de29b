"""Fixtures for the referrals tests."""

from __future__ import annotations

from typing import Any

import pytest

from signpost.accounts.roles import Role
from signpost.customers.models import Customer
from signpost.organisations.models import Organisation
from signpost.referrals.tests.builders import live_in
from tests.factories import CustomerFactory, make_staff


@pytest.fixture
def adviser(london: Organisation) -> Any:
    return make_staff(Role.ADVISER, organisation=london, mfa=False, given_name="Ade", family_name="Adviser")


@pytest.fixture
def national_leader(national: Organisation) -> Any:
    return make_staff(Role.TEAM_LEADER, organisation=national, mfa=False)


@pytest.fixture
def london_manager(london: Organisation) -> Any:
    return make_staff(Role.MANAGER, organisation=london, mfa=False)


@pytest.fixture
def customer(db: Any) -> Customer:
    return live_in(CustomerFactory(given_name="Ada", family_name="Lovelace"))
