"""Reads of the shared kernel: audit log searches and the notifications outbox."""

from __future__ import annotations

import datetime
import uuid

from django.db.models import QuerySet
from django.utils import timezone

from signpost.core.models import AuditEvent, Notification


def _start_of_day(day: datetime.date) -> datetime.datetime:
    # Dates people type are Europe/London days; compare against the stored UTC times directly so
    # the occurred_at index is used (a __date lookup would wrap the column in a function).
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


def audit_event_search(
    *,
    organisation_id: int | None,
    action: str = "",
    actor_email: str = "",
    object_type: str = "",
    object_id: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[AuditEvent]:
    """Audit events, newest first. ``organisation_id`` limits them to actors of that organisation;
    None means every event (national scope is decided by the caller, core knows no organisations).
    """
    events = AuditEvent.objects.select_related("actor")
    if organisation_id is not None:
        events = events.filter(actor__organisation_id=organisation_id)
    if action:
        # A prefix so "staff." finds every staff administration event.
        events = events.filter(action__startswith=action.strip())
    if actor_email:
        events = events.filter(actor__email__icontains=actor_email.strip())
    if object_type:
        events = events.filter(object_type=object_type.strip().lower())
    if object_id:
        events = events.filter(object_id=object_id.strip())
    if date_from:
        events = events.filter(occurred_at__gte=_start_of_day(date_from))
    if date_to:
        events = events.filter(occurred_at__lt=_start_of_day(date_to + datetime.timedelta(days=1)))
    return events.order_by("-occurred_at", "-id")


def notification_search(*, channel: str = "", status: str = "", recipient: str = "") -> QuerySet[Notification]:
    """The outbox, newest first. The body is left out: lists never show it."""
    notifications = Notification.objects.defer("body")
    if channel:
        notifications = notifications.filter(channel=channel)
    if status:
        notifications = notifications.filter(status=status)
    if recipient:
        notifications = notifications.filter(recipient__icontains=recipient.strip())
    return notifications.order_by("-created_at", "-id")


def notification_get(pk: uuid.UUID) -> Notification:
    """One stored message; raises Notification.DoesNotExist."""
    return Notification.objects.get(pk=pk)
