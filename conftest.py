"""Fixtures shared by all tests: organisations from the reference data, people in every role."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from signpost.accounts.roles import Role
from signpost.organisations.models import Organisation
from tests.factories import make_customer, make_staff

# Everyone an authorisation test must consider (quality.md): anonymous, customers, every staff
# role at the national contact centre, and a system administrator of another organisation.
STAFF_ROLES = [role.value for role in Role]
# Staff of colleges and training providers: they use the workspace for their courses only and never
# reach a customer (roles.VIEW_CUSTOMERS).
PROVIDER_STAFF = {Role.COURSE_EDITOR.value}
PEOPLE = ["anonymous", "customer", "other_customer", *STAFF_ROLES, "other_organisation_admin", "other_organisation_adviser"]


@pytest.fixture
def national(db: Any) -> Organisation:
    return Organisation.objects.get(touchpoint_id="0000000999")


@pytest.fixture
def london(db: Any) -> Organisation:
    return Organisation.objects.get(touchpoint_id="0000000103")


@pytest.fixture
def north_west(db: Any) -> Organisation:
    return Organisation.objects.get(touchpoint_id="0000000105")


@pytest.fixture
def person(db: Any, london: Organisation, north_west: Organisation) -> Callable[[str], Any]:
    """``person("adviser")`` → a London staff member with that role; see PEOPLE for the names.

    Staff of the 'home' organisation are in London (a prime), so national scope is tested apart.
    """

    def build(name: str) -> Any:
        if name == "anonymous":
            return None
        if name in {"customer", "other_customer"}:
            return make_customer()
        if name == "other_organisation_admin":
            return make_staff(Role.SYSTEM_ADMINISTRATOR, organisation=north_west)
        if name == "other_organisation_adviser":
            return make_staff(Role.ADVISER, organisation=north_west)
        return make_staff(name, organisation=london)

    return build


@pytest.fixture
def client_for(person: Callable[[str], Any]) -> Callable[[Any], Client]:
    """A test client signed in as the given user (or anonymous for None)."""

    def build(user: Any) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return build


@pytest.fixture
def run_tasks(db: Any) -> Callable[[], None]:
    """Run every queued background task with the real database worker, then return."""

    def run() -> None:
        call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", verbosity=0)

    return run
