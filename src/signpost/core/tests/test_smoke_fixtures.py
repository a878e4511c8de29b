import pytest

from signpost.core.models import Notification
from signpost.core.notifications import send_email


@pytest.mark.django_db(transaction=True)
def test_email_is_stored_then_delivered_to_the_outbox_by_the_worker(run_tasks):
    notification = send_email(to="someone@example.com", subject="Hello", body="Body text")
    assert Notification.objects.get(pk=notification.pk).status == Notification.Status.QUEUED
    run_tasks()
    stored = Notification.objects.get(pk=notification.pk)
    assert stored.status == Notification.Status.DELIVERED
    assert stored.adapter == "outbox"
    assert stored.attempts == 1
