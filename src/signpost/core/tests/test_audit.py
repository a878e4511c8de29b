"""The audit log is append-only in the ORM and (for UPDATE) in the database itself."""

import pytest
from django.db import DatabaseError, connection, transaction

from signpost.core.audit import audit_record
from signpost.core.models import AppendOnlyError, AuditEvent
from tests.factories import make_customer

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return audit_record(actor=None, action="test.recorded", object_type="thing", object_id="1")


def test_saving_an_existing_event_is_refused(event):
    event.action = "test.rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).action == "test.recorded"


def test_deleting_an_event_is_refused(event):
    with pytest.raises(AppendOnlyError):
        event.delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_queryset_update_is_refused(event):
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="test.rewritten")
    assert AuditEvent.objects.get(pk=event.pk).action == "test.recorded"


def test_queryset_delete_is_refused(event):
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_raw_sql_update_is_refused_by_the_database(event):
    # Bypasses the ORM entirely: only the trigger from migration 0002 stands in the way.
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET action = %s WHERE id = %s", ["test.rewritten", event.pk])
    with connection.cursor() as cursor:
        cursor.execute("SELECT action FROM core_auditevent WHERE id = %s", [event.pk])
        assert cursor.fetchone() == ("test.recorded",)


def test_audit_record_stores_actor_target_reason_and_details(london):
    actor = make_customer()
    recorded = audit_record(
        actor=actor, action="organisation.viewed", target=london, reason="Checking contract", details={"k": "v"}
    )
    stored = AuditEvent.objects.get(pk=recorded.pk)
    assert stored.actor == actor
    assert stored.action == "organisation.viewed"
    assert stored.object_type == "organisations.organisation"
    assert stored.object_id == str(london.pk)
    assert stored.reason == "Checking contract"
    assert stored.details == {"k": "v"}
    assert stored.ip_address is None  # no request, so no address
    assert stored.occurred_at is not None


def test_anonymous_actor_is_stored_as_no_one(london):
    from django.contrib.auth.models import AnonymousUser

    stored = audit_record(actor=AnonymousUser(), action="organisation.viewed", target=london)
    assert AuditEvent.objects.get(pk=stored.pk).actor is None


@pytest.mark.urls("signpost.core.tests.urls_probes")
def test_audit_record_during_a_request_stores_the_client_ip_address(client, london):
    user = make_customer()
    client.force_login(user)
    response = client.get(f"/probe/audit/{london.touchpoint_id}", REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 200
    stored = AuditEvent.objects.get(pk=int(response.content))
    assert stored.ip_address == "203.0.113.7"
    assert stored.actor == user
    assert (stored.object_type, stored.object_id) == ("organisations.organisation", str(london.pk))
    assert (stored.reason, stored.details) == ("probe", {"via": "test"})
    # The address belongs to that request only; later work in the same thread gets none.
    assert audit_record(actor=None, action="after.request").ip_address is None
