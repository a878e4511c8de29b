"""Things saved to the online space: the services' rules, and the list page for every kind of visitor."""

from __future__ import annotations

from html import unescape
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from conftest import PEOPLE, STAFF_ROLES
from signpost.core.models import AuditEvent
from signpost.space import selectors, services
from signpost.space.models import SavedItem
from tests.factories import make_customer

pytestmark = pytest.mark.django_db

PROFILE = {"kind": SavedItem.Kind.JOB_PROFILE, "key": "vet", "title": "Vet", "path": "/careers/vet/"}


def test_saving_twice_keeps_one_row_with_the_newest_title_and_one_audit_event() -> None:
    customer = make_customer()
    services.saved_item_save(actor=customer, **PROFILE)
    services.saved_item_save(actor=customer, **{**PROFILE, "title": "Veterinary surgeon"})
    saved = SavedItem.objects.get(user=customer)
    assert saved.title == "Veterinary surgeon"
    assert AuditEvent.objects.filter(action="space.item_saved", object_id=str(saved.pk)).count() == 1
    assert selectors.is_saved(customer, PROFILE["kind"], "vet")
    assert not selectors.is_saved(make_customer(), PROFILE["kind"], "vet")


@pytest.mark.parametrize("who", ["anonymous", *STAFF_ROLES])
def test_only_customers_can_save(who: str, person: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.saved_item_save(actor=person(who), **PROFILE)
    assert not SavedItem.objects.exists()


@pytest.mark.parametrize(
    "change",
    [{"kind": "recipe"}, {"path": "https://elsewhere.example/"}, {"path": "//elsewhere.example/"}, {"path": "vet"}],
)
def test_unknown_kinds_and_paths_off_the_site_are_refused(change: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        services.saved_item_save(actor=make_customer(), **{**PROFILE, **change})
    assert not SavedItem.objects.exists()


def test_removing_is_audited_and_only_touches_the_person_s_own_item() -> None:
    owner, other = make_customer(), make_customer()
    services.saved_item_save(actor=owner, **PROFILE)
    services.saved_item_save(actor=other, **PROFILE)
    services.saved_item_remove(actor=owner, kind=PROFILE["kind"], key="vet")
    services.saved_item_remove(actor=owner, kind=PROFILE["kind"], key="vet")
    assert list(SavedItem.objects.values_list("user", flat=True)) == [other.pk]
    assert AuditEvent.objects.filter(action="space.item_removed").count() == 1


def test_the_list_groups_by_kind_in_order_newest_first() -> None:
    customer = make_customer()
    services.saved_item_save(actor=customer, kind=SavedItem.Kind.COURSE, key="1", title="Plumbing", path="/courses/1/")
    services.saved_item_save(actor=customer, **PROFILE)
    services.saved_item_save(actor=customer, **{**PROFILE, "key": "nurse", "title": "Nurse", "path": "/careers/nurse/"})
    assert [saved.title for saved in selectors.saved_items(customer)] == ["Nurse", "Vet", "Plumbing"]
    assert [saved.title for saved in selectors.saved_items(customer, SavedItem.Kind.COURSE)] == ["Plumbing"]


def _signed_in(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("who", PEOPLE)
def test_who_may_open_the_saved_list(who: str, person: Any) -> None:
    owner = make_customer()
    services.saved_item_save(actor=owner, **PROFILE)
    user = owner if who == "customer" else person(who)
    response = _signed_in(user).get(reverse("portal:saved_list"))
    if who == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    elif who in {"customer", "other_customer"}:
        assert response.status_code == 200
        page = unescape(response.content.decode())
        assert ("/careers/vet/" in page) is (who == "customer")
        if who == "other_customer":
            assert "You have not saved anything yet" in page
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("who", PEOPLE)
def test_who_may_remove(who: str, person: Any) -> None:
    owner = make_customer()
    services.saved_item_save(actor=owner, **PROFILE)
    user = owner if who == "customer" else person(who)
    response = _signed_in(user).post(reverse("portal:saved_remove"), {"kind": PROFILE["kind"], "key": "vet"})
    assert SavedItem.objects.filter(user=owner).exists() is (who != "customer")
    if who in {"customer", "other_customer"}:
        assert response.status_code == 302 and response["Location"] == reverse("portal:saved_list")
    elif who == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == 403


def test_removing_shows_a_confirmation_and_get_is_not_allowed() -> None:
    owner = make_customer()
    services.saved_item_save(actor=owner, **PROFILE)
    client = _signed_in(owner)
    assert client.get(reverse("portal:saved_remove")).status_code == 405
    response = client.post(reverse("portal:saved_remove"), {"kind": PROFILE["kind"], "key": "vet"}, follow=True)
    page = unescape(response.content.decode())
    assert "‘Vet’ has been removed from your saved list." in page
    assert "You have not saved anything yet" in page
