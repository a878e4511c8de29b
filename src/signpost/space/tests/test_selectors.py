from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from signpost.accounts.roles import Role
from signpost.space.models import AccountLink, LinkMethod
from signpost.space.selectors import linked_customer
from tests.factories import CustomerFactory, make_customer, make_staff

pytestmark = pytest.mark.django_db


def _link(user: Any, customer: Any) -> AccountLink:
    return AccountLink.objects.create(user=user, customer=customer, method=LinkMethod.CODE, linked_at=timezone.now())


def test_linked_customer_is_the_record_linked_to_the_account() -> None:
    user, customer = make_customer(), CustomerFactory()
    _link(user, customer)
    assert linked_customer(user) == customer


def test_no_record_for_an_unlinked_account_or_anonymous_visitor() -> None:
    from django.contrib.auth.models import AnonymousUser

    assert linked_customer(make_customer()) is None
    assert linked_customer(AnonymousUser()) is None
    assert linked_customer(None) is None


def test_a_terminated_record_is_not_the_customer_s_any_more() -> None:
    user, customer = make_customer(), CustomerFactory(terminated_at=timezone.now(), termination_reason=1)
    _link(user, customer)
    assert linked_customer(user) is None


def test_staff_accounts_never_have_a_customer_record(london: Any) -> None:
    staff = make_staff(Role.ADVISER, organisation=london)
    _link(staff, CustomerFactory())
    assert linked_customer(staff) is None
