"""Inviting a customer to an online account from their record, and the record showing its state."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import PEOPLE, PROVIDER_STAFF
from signpost.core.models import Notification
from signpost.customers import codes
from signpost.customers import services as customer_services
from signpost.space.models import AccountInvitation, AccountLink
from signpost.space.tests.conftest import EMAIL, make_account, make_adviser, make_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def adviser(london: Any) -> Any:
    return make_adviser(london)


@pytest.fixture
def record(adviser: Any) -> Any:
    return make_record(adviser)


@pytest.fixture
def account(db: Any) -> Any:
    return make_account()


def text_of(response: Any) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def invite_url(customer: Any) -> str:
    return reverse("workspace:customer_online_account_invite", kwargs={"reference": customer.reference})


def signed_in(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("who", PEOPLE)
def test_who_may_invite(who: str, person: Any, record: Any) -> None:
    """The record is shared by every organisation: any staff member may invite; nobody else."""
    client = signed_in(person(who))
    response = client.get(invite_url(record))
    if who == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith("/workspace/sign-in/")
    elif who in {"customer", "other_customer", *PROVIDER_STAFF}:
        assert response.status_code == 403
        assert client.post(invite_url(record)).status_code == 403
        assert not AccountInvitation.objects.exists()
    else:
        assert response.status_code == 200 and "Invite the customer to create an online account?" in text_of(response)


def test_sending_an_invitation_shows_on_the_record(record: Any, adviser: Any) -> None:
    client = signed_in(adviser)
    contact_tab = reverse("workspace:customer_record_contact", kwargs={"reference": record.reference})
    page = text_of(client.get(contact_tab))
    assert "Online account None" in page and "Invite to create an online account" in page
    response = client.post(invite_url(record))
    assert response["Location"] == contact_tab
    message = Notification.objects.get(reference__startswith="space.invitation:")
    assert message.recipient == EMAIL and "/account/invitation/" in message.body
    page = text_of(client.get(contact_tab))
    today = f"{timezone.localdate():%-d %B %Y}"
    assert f"Invitation sent to {EMAIL}" in page and f"Invited on {today}" in page
    assert "Invite again to create an online account" in page


def test_the_record_says_linked_and_offers_no_invitation(record: Any, adviser: Any, account: Any) -> None:
    AccountLink.objects.create(customer=record, user=account, method="code", linked_at=timezone.now())
    client = signed_in(adviser)
    page = text_of(client.get(reverse("workspace:customer_record", kwargs={"reference": record.reference})))
    assert f"Linked since {timezone.localdate():%-d %B %Y}" in page and "Online account" in page
    response = client.post(invite_url(record))
    assert response.status_code == 409 and "already linked" in text_of(response)
    assert not AccountInvitation.objects.exists()


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"email": ""}, "There is no email address on the record"),
        ({"email": EMAIL, "may_contact_by_email": False}, "has not agreed to be contacted by email"),
    ],
)
def test_why_no_invitation_is_offered(record: Any, adviser: Any, change: Any, reason: str) -> None:
    customer_services.contact_details_set(
        actor=adviser, customer=record, preferred_method=codes.ContactMethod.NOT_KNOWN, **change
    )
    client = signed_in(adviser)
    contact_tab = reverse("workspace:customer_record_contact", kwargs={"reference": record.reference})
    page = text_of(client.get(contact_tab))
    assert "An invitation to create an online account cannot be sent" in page and reason.lower() in page.lower()
    assert "Invite to create an online account" not in page
    response = client.get(invite_url(record))
    assert "An invitation cannot be sent" in text_of(response) and reason in text_of(response)
    assert client.post(invite_url(record)).status_code == 409
    assert not AccountInvitation.objects.exists()


def test_a_terminated_record_offers_no_invitation(record: Any, adviser: Any) -> None:
    customer_services.customer_terminate(actor=adviser, customer=record, reason=codes.TerminationReason.DUPLICATE)
    response = signed_in(adviser).post(invite_url(record))
    assert response.status_code == 409 and "The record is terminated" in text_of(response)


def test_an_unknown_reference_is_not_found(adviser: Any) -> None:
    assert signed_in(adviser).get("/workspace/customers/AAAA-AAAA/online-account/invite/").status_code == 404
