"""Writes of data protection: anonymising a record, subject access exports, retention.

Audit events name the record and counts, never a value from it.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from signpost.core import privacy
from signpost.core.audit import audit_record
from signpost.customers import codes as customer_codes
from signpost.customers.models import Customer
from signpost.data_protection import codes, rules, selectors
from signpost.data_protection.export import write_archive
from signpost.data_protection.models import Anonymisation, SubjectAccessExport

logger = logging.getLogger(__name__)

ANONYMISE = "data_protection.anonymise_customer"
EXPORT = "data_protection.export_customer_data"
VIEW_ACCESS = "data_protection.view_record_access"


def _require(actor: Any, permission: str) -> None:
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.has_perm(permission):
        raise PermissionDenied("You do not have permission to do this.")


# Who has seen a record -------------------------------------------------------------------------


def record_access_viewed(*, actor: Any, customer: Customer) -> None:
    """Looking at who has seen a record is itself an access to it."""
    _require(actor, VIEW_ACCESS)
    audit_record(actor=actor, action="customer.access_log_viewed", target=customer)


# Anonymisation ---------------------------------------------------------------------------------


def customer_anonymise(*, actor: Any, customer: Customer, reason: int) -> Anonymisation:
    """Remove or reduce every piece of personal data the register knows of (domain.md §9), keep
    the statistics, and make the record read-only. ``actor`` is None only for the retention job."""
    reason = codes.AnonymisationReason(reason)
    if actor is None:
        if reason != codes.AnonymisationReason.RETENTION_PERIOD:
            raise PermissionDenied("Only the retention job anonymises records without a person.")
    else:
        _require(actor, ANONYMISE)
        rules.ensure_may_act_for_the_whole_service(actor)
    with transaction.atomic():
        locked = Customer.objects.select_for_update().get(pk=customer.pk)
        if Anonymisation.objects.filter(customer=locked).exists():
            raise ValidationError("This record has already been anonymised.", code="anonymised")
        touched: dict[str, int] = {}
        for entry in privacy.erasure_order():
            if entry.erase is None:
                continue
            rows = entry.queryset(locked)
            touched[entry.key] = rows.count()
            entry.erase(rows)
        now = timezone.now()
        if locked.terminated_at is None:
            # Read-only from now on, through the same rule as any terminated record.
            termination = (
                customer_codes.TerminationReason.CUSTOMER_CHOICE
                if reason == codes.AnonymisationReason.ERASURE_REQUEST
                else customer_codes.TerminationReason.OTHER
            )
            Customer.objects.filter(pk=locked.pk).update(terminated_at=now, termination_reason=termination)
        anonymisation = Anonymisation.objects.create(
            customer=locked, anonymised_at=now, anonymised_by=actor, reason=reason
        )
        audit_record(
            actor=actor,
            action="customer.anonymised",
            target=locked,
            details={"reason": int(reason), "rows": {key: count for key, count in touched.items() if count}},
        )
        privacy.personal_data_erased.send(sender=Customer, customer_id=locked.pk)
    return anonymisation


# Subject access exports ------------------------------------------------------------------------


def subject_access_export_request(*, actor: Any, customer: Customer) -> SubjectAccessExport:
    """Queue an archive of everything the service holds about the customer."""
    from signpost.data_protection.tasks import build_subject_access_export

    _require(actor, EXPORT)
    rules.ensure_may_act_for_the_whole_service(actor)
    if selectors.is_anonymised(customer):
        raise ValidationError(
            "This record has been anonymised: the service holds no personal data to export.", code="anonymised"
        )
    with transaction.atomic():
        export = SubjectAccessExport.objects.create(
            customer=customer,
            requested_by=actor,
            requested_at=timezone.now(),
            parts_total=len(privacy.registered()),
        )
        audit_record(
            actor=actor,
            action="customer.data_export_requested",
            target=customer,
            details={"export": str(export.pk)},
        )
        transaction.on_commit(partial(build_subject_access_export.enqueue, str(export.pk)))
    return export


def subject_access_export_build(export_id: str) -> SubjectAccessExport:
    """Build the archive (run by a task worker). Progress is saved after each part, outside any
    transaction, so the progress page sees it."""
    export = SubjectAccessExport.objects.select_related("customer").get(pk=export_id)
    if export.status not in {codes.ExportStatus.QUEUED, codes.ExportStatus.BUILDING}:
        return export
    SubjectAccessExport.objects.filter(pk=export.pk).update(status=codes.ExportStatus.BUILDING, parts_done=0)

    def progress(parts_done: int, rows_written: int) -> None:
        SubjectAccessExport.objects.filter(pk=export.pk).update(parts_done=parts_done, rows_written=rows_written)

    name = f"subject-access/{export.pk}.zip"
    try:
        with tempfile.TemporaryFile() as archive:
            rows = write_archive(archive, export.customer, progress=progress)
            archive.seek(0)
            default_storage.delete(name)
            stored = default_storage.save(name, File(archive))
            size = default_storage.size(stored)
    except Exception:
        logger.exception("subject access export failed", extra={"export_id": str(export.pk)})
        SubjectAccessExport.objects.filter(pk=export.pk).update(status=codes.ExportStatus.FAILED)
        raise
    now = timezone.now()
    SubjectAccessExport.objects.filter(pk=export.pk).update(
        status=codes.ExportStatus.READY,
        parts_done=export.parts_total,
        rows_written=rows,
        file_name=stored,
        file_size=size,
        finished_at=now,
        expires_at=now + rules.EXPORT_KEPT_FOR,
    )
    export.refresh_from_db()
    return export


def subject_access_export_downloaded(*, actor: Any, export: SubjectAccessExport) -> None:
    _require(actor, EXPORT)
    rules.ensure_may_act_for_the_whole_service(actor)
    if export.status != codes.ExportStatus.READY:
        raise ValidationError("This export is not ready to download.", code="not_ready")
    audit_record(
        actor=actor,
        action="customer.data_export_downloaded",
        object_type=Customer._meta.label_lower,
        object_id=str(export.customer_id),
        details={"export": str(export.pk)},
    )


def exports_expire(now: Any = None) -> int:
    """Delete the archives of exports past their time (the scheduler runs this daily)."""
    expired = 0
    for export in selectors.expired_exports(now):
        with transaction.atomic():
            SubjectAccessExport.objects.filter(pk=export.pk).update(
                status=codes.ExportStatus.EXPIRED, file_name="", file_size=None
            )
            if export.file_name:
                transaction.on_commit(partial(default_storage.delete, export.file_name))
        expired += 1
    return expired


# Retention -------------------------------------------------------------------------------------


def retention_run(
    *, today: Any = None, batch_size: int = 100, progress: Callable[[int, int], None] | None = None
) -> int:
    """Anonymise every record past the retention period, each in its own transaction, so a
    failure part-way keeps the work done and a re-run carries on. Returns how many."""
    candidates = [candidate.pk for candidate in selectors.retention_report(today)]
    done = 0
    for start in range(0, len(candidates), batch_size):
        for customer in Customer.objects.filter(pk__in=candidates[start : start + batch_size]):
            try:
                customer_anonymise(actor=None, customer=customer, reason=codes.AnonymisationReason.RETENTION_PERIOD)
            except ValidationError:
                continue  # anonymised by someone else since the selection
            done += 1
        if progress is not None:
            progress(done, len(candidates))
    if candidates:
        audit_record(actor=None, action="retention.run", details={"selected": len(candidates), "anonymised": done})
    return done
