"""Codes of data protection (ours: the national standard has none for these)."""

from django.db import models


class AnonymisationReason(models.IntegerChoices):
    ERASURE_REQUEST = 1, "The customer asked for their personal data to be erased"
    RETENTION_PERIOD = 2, "No contact for the retention period"
    OTHER_LAWFUL_REASON = 99, "Another reason the service may no longer keep the data"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    BUILDING = "building", "Being prepared"
    READY = "ready", "Ready to download"
    FAILED = "failed", "Failed"
    EXPIRED = "expired", "Expired"
