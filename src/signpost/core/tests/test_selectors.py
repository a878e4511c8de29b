"""Reads of the audit log and the outbox."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from signpost.accounts.roles import Role
from signpost.core.audit import audit_record
from signpost.core.models import Notification
from signpost.core.notifications import send_email, send_sms
from signpost.core.selectors import audit_event_search, notification_get, notification_search
from tests.factories import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded(london, north_west):
    londoner = make_staff(Role.ADVISER, organisation=london, email="ada@example.org")
    northerner = make_staff(Role.ADVISER, organisation=north_west, email="ben@example.org")
    first = audit_record(actor=londoner, action="customer.viewed", object_type="customers.customer", object_id="7")
    second = audit_record(actor=northerner, action="customer.updated", object_type="customers.customer", object_id="8")
    third = audit_record(actor=None, action="system.retention_run")
    return first, second, third


def test_audit_search_newest_first_and_scoped_to_an_organisation(recorded, london):
    first, second, third = recorded
    assert list(audit_event_search(organisation_id=None)) == [third, second, first]
    assert list(audit_event_search(organisation_id=london.pk)) == [first]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"action": "customer."}, [1, 0]),
        ({"action": "customer.viewed"}, [0]),
        ({"actor_email": "BEN@"}, [1]),
        ({"object_type": "Customers.Customer"}, [1, 0]),
        ({"object_type": "customers.customer", "object_id": " 8 "}, [1]),
    ],
)
def test_audit_search_filters(recorded, filters, expected):
    assert list(audit_event_search(organisation_id=None, **filters)) == [recorded[index] for index in expected]


def test_audit_search_dates_are_whole_london_days(recorded):
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    assert audit_event_search(organisation_id=None, date_from=today, date_to=today).count() == 3
    assert audit_event_search(organisation_id=None, date_from=today + day).count() == 0
    assert audit_event_search(organisation_id=None, date_to=today - day).count() == 0


def test_outbox_search_and_get():
    email = send_email(to="Ada@Example.org", subject="Hello", body="Line one\nLine two")
    sms = send_sms(to="07700900123", body="Text")
    Notification.objects.filter(pk=sms.pk).update(status=Notification.Status.FAILED)

    assert set(notification_search()) == {email, sms}
    assert list(notification_search(channel="sms")) == [sms]
    assert list(notification_search(status="queued")) == [email]
    assert list(notification_search(recipient="ada@")) == [email]
    assert notification_get(email.pk).body == "Line one\nLine two"
