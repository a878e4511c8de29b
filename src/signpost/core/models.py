"""Shared kernel models: the audit log and the notifications outbox."""

from __future__ import annotations

import uuid
from typing import Any, NoReturn

from django.conf import settings
from django.db import models


class AppendOnlyError(RuntimeError):
    """Raised on any attempt to change or remove an audit event."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("The audit log is append-only.")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("The audit log is append-only.")


class AuditEvent(models.Model):
    """One thing a person did, or tried to do, that the service must be able to account for.

    Append-only: the ORM refuses updates and deletes, and a database trigger refuses UPDATE.
    Holds identifiers, not personal data, so it can be kept after a customer is anonymised.
    """

    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=100, db_index=True)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    reason = models.TextField(blank=True)
    details = models.JSONField(default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "-occurred_at"], name="audit_object_idx")]
        permissions = [("search_auditevent", "Can search the audit log")]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type}:{self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("The audit log is append-only.")


class Notification(models.Model):
    """A message to a person: stored here first (the outbox), then delivered by an adapter."""

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        SMS = "sms", "Text message"
        LETTER = "letter", "Letter"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        DELIVERED = "delivered", "Delivered"
        RETRYING = "retrying", "Retrying"
        FAILED = "failed", "Failed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    recipient = models.CharField(max_length=500)
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField()
    reference = models.CharField(max_length=100, blank=True, db_index=True)
    # Whom the message is about (e.g. "customers.customer" and its id), like the audit log's object,
    # so a customer's messages can be exported and anonymised without core knowing the model.
    about_type = models.CharField(max_length=100, blank=True)
    about_id = models.CharField(max_length=64, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    adapter = models.CharField(max_length=20, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    provider_reference = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        permissions = [("browse_outbox", "Can browse the notifications outbox")]
        indexes = [models.Index(fields=["about_type", "about_id"], name="notification_about_idx")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.created_at:%Y-%m-%d %H:%M}"


class PostcodeDistrict(models.Model):
    """A GB postcode district (outward code) and the local authority holding most of its postcodes.

    Reference data, loaded by ``load_postcode_districts`` from the national export; the product ships
    none of it. While the table is empty, postcodes are still placed but get no local authority.
    """

    outward_code = models.CharField(max_length=4, unique=True)
    local_authority = models.CharField(max_length=9)
    # The district's centre, when the export gives one.
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    loaded_at = models.DateTimeField()

    class Meta:
        ordering = ["outward_code"]

    def __str__(self) -> str:
        return f"{self.outward_code} → {self.local_authority}"


class PlaceName(models.Model):
    """A town or a local authority a person may type to search near, placed on the map.

    Reference data, loaded by ``load_place_names`` from the national lists; the product ships none
    of it. While the table is empty, a town is found only where the course directory has venues.
    """

    class Kind(models.TextChoices):
        TOWN = "town", "Town"
        LOCAL_AUTHORITY = "local_authority", "Local authority"

    name = models.CharField(max_length=100)  # as shown: "St. Albans", "Stoke-on-Trent"
    # What a typed name is compared with (geography.place_key): "stalbans", "stokeontrent".
    match_key = models.CharField(max_length=100)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    county = models.CharField(max_length=100, blank=True)  # county for towns, region for local authorities
    country = models.CharField(max_length=20)  # England, Wales, Scotland, Northern Ireland, …
    local_authority = models.CharField(max_length=9, blank=True)
    outward_code = models.CharField(max_length=4, blank=True)  # towns: the postcode district they are placed in
    # Null outside Great Britain (Northern Ireland, the Isle of Man, the Channel Islands).
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    loaded_at = models.DateTimeField()

    class Meta:
        ordering = ["name", "county"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "match_key", "outward_code"], name="place_name_unique"),
        ]
        indexes = [models.Index(fields=["match_key"], name="place_name_match_idx")]

    def __str__(self) -> str:
        return f"{self.name}, {self.county or self.country}"


class ScheduledJobState(models.Model):
    """When each scheduled job (signpost.core.scheduling) runs next, shared by every scheduler.

    A scheduler claims a due run by moving ``next_run_at`` on with a conditional update, so a run
    is enqueued once even if two schedulers are started by mistake.
    """

    name = models.CharField(max_length=100, unique=True)
    next_run_at = models.DateTimeField()
    last_run_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} next at {self.next_run_at:%Y-%m-%d %H:%M}"
