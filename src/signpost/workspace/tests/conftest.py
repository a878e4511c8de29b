"""Fixtures for the workspace's administration pages."""

from __future__ import annotations

from typing import Any

import pytest

from signpost.accounts.models import User
from signpost.accounts.roles import Role
from signpost.organisations.models import Organisation
from tests.factories import make_staff


@pytest.fixture
def national_admin(national: Organisation) -> User:
    """A system administrator of the national contact centre: manages everyone and everything."""
    return make_staff(Role.SYSTEM_ADMINISTRATOR, organisation=national, given_name="Nadia", family_name="National")


@pytest.fixture
def london_admin(london: Organisation) -> User:
    return make_staff(Role.SYSTEM_ADMINISTRATOR, organisation=london, given_name="Lena", family_name="London")


@pytest.fixture
def invited(db: Any) -> Any:
    """Turn a staff member into one who has not accepted their invitation yet."""

    def build(user: User) -> User:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        return user

    return build
