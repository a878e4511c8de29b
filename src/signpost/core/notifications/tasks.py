"""Background delivery with retries and back-off."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from signpost.core.models import Notification
from signpost.core.notifications.adapters import adapter_for

logger = logging.getLogger(__name__)


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4, 8 ... minutes, capped at an hour."""
    return timedelta(minutes=min(2 ** (attempts - 1), 60))


@task(queue_name="notifications")
def deliver_notification(notification_id: str) -> str:
    notification = Notification.objects.get(pk=notification_id)
    if notification.status in {Notification.Status.DELIVERED, Notification.Status.FAILED}:
        return notification.status
    adapter = adapter_for(notification.channel)
    notification.attempts += 1
    notification.adapter = adapter.name
    try:
        notification.provider_reference = adapter.deliver(notification)
    except Exception as error:  # noqa: BLE001 - any provider failure is retried, then reported
        notification.last_error = f"{type(error).__name__}: {error}"[:2000]
        if notification.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS:
            notification.status = Notification.Status.FAILED
            logger.error("notification failed", extra={"notification_id": notification_id})
        else:
            notification.status = Notification.Status.RETRYING
            run_after = timezone.now() + retry_delay(notification.attempts)
            transaction.on_commit(
                lambda: deliver_notification.using(run_after=run_after).enqueue(notification_id)
            )
            logger.warning("notification will be retried", extra={"notification_id": notification_id})
    else:
        notification.status = Notification.Status.DELIVERED
        notification.delivered_at = timezone.now()
        notification.last_error = ""
    notification.save()
    return notification.status
