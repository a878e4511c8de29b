"""Data protection (domain.md §9): anonymised records and subject access exports."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from signpost.customers.models import Customer
from signpost.data_protection import codes

USER = settings.AUTH_USER_MODEL


class Anonymisation(models.Model):
    """Marks a customer record as anonymised: its personal data is gone and it is read-only.

    Holds no personal data itself; ``anonymised_by`` is empty when the retention job did it.
    """

    customer = models.OneToOneField(Customer, on_delete=models.PROTECT, related_name="anonymisation")
    anonymised_at = models.DateTimeField()
    anonymised_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    reason = models.PositiveSmallIntegerField(choices=codes.AnonymisationReason.choices)

    class Meta:
        ordering = ["-anonymised_at", "-id"]
        permissions = [
            ("view_record_access", "Can see who has seen or changed a customer record"),
            ("export_customer_data", "Can produce a customer's subject access export"),
            ("anonymise_customer", "Can anonymise a customer record"),
            ("view_retention_report", "Can see which records the retention job would anonymise"),
        ]

    def __str__(self) -> str:
        return f"Customer {self.customer_id} anonymised at {self.anonymised_at:%Y-%m-%d}"


class SubjectAccessExport(models.Model):
    """One archive of a customer's data, built in the background and downloadable for a while.

    The archive file holds personal data: it is deleted when it expires and when the customer is
    anonymised. The row holds counts, never values.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="subject_access_exports")
    requested_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=codes.ExportStatus.choices, default=codes.ExportStatus.QUEUED)
    # Progress: parts of the register written so far, of how many.
    parts_done = models.PositiveSmallIntegerField(default=0)
    parts_total = models.PositiveSmallIntegerField(default=0)
    rows_written = models.PositiveIntegerField(default=0)
    file_name = models.CharField(max_length=200, blank=True)
    file_size = models.PositiveBigIntegerField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        indexes = [models.Index(fields=["status", "expires_at"], name="export_expiry_idx")]

    def __str__(self) -> str:
        return f"Subject access export {self.pk} ({self.status})"

    @property
    def percent_done(self) -> int:
        if self.status == codes.ExportStatus.READY:
            return 100
        if not self.parts_total:
            return 0
        return min(99, round(100 * self.parts_done / self.parts_total))
