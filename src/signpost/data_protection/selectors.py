"""Reads of data protection: who has seen a record, exports, and the retention selection."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import DateTimeField, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from signpost.contacts.models import Interaction
from signpost.core.models import AuditEvent
from signpost.core.selectors import audit_event_search
from signpost.customers.models import Customer
from signpost.data_protection import rules
from signpost.data_protection.models import Anonymisation, SubjectAccessExport


def is_anonymised(customer: Customer) -> bool:
    return Anonymisation.objects.filter(customer=customer).exists()


def anonymisation_of(customer: Customer) -> Anonymisation | None:
    return Anonymisation.objects.filter(customer=customer).select_related("anonymised_by").first()


def record_access_events(
    customer: Customer,
    *,
    organisation_id: int | None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[AuditEvent]:
    """Every audit event about the record (reads and writes), newest first, with who did it and
    their organisation. ``organisation_id`` limits them to that organisation's staff."""
    return audit_event_search(
        organisation_id=organisation_id,
        object_type=Customer._meta.label_lower,
        object_id=str(customer.pk),
        date_from=date_from,
        date_to=date_to,
    ).select_related("actor__organisation")


def exports_of(customer: Customer) -> QuerySet[SubjectAccessExport]:
    return (
        SubjectAccessExport.objects.filter(customer=customer).select_related("requested_by").order_by("-requested_at")
    )


def export_get(customer: Customer, export_id: Any) -> SubjectAccessExport:
    """Raises SubjectAccessExport.DoesNotExist, also for another customer's export."""
    return SubjectAccessExport.objects.select_related("requested_by").get(pk=export_id, customer=customer)


def expired_exports(now: datetime.datetime | None = None) -> QuerySet[SubjectAccessExport]:
    now = now or timezone.now()
    return SubjectAccessExport.objects.filter(status="ready", expires_at__lte=now)


# Retention ------------------------------------------------------------------------------------

# Reasons a record past the retention period must still be kept, each a function returning the
# ids of customers it holds. domain.md §4: safeguarding records are "never deleted by retention
# while open" — the safeguarding app registers "open safeguarding concern" here when it lands.
RetentionHold = Callable[[], QuerySet[Any]]
_retention_holds: dict[str, RetentionHold] = {}


def register_retention_hold(reason: str, customer_ids: RetentionHold) -> None:
    """``customer_ids`` returns a queryset of the ids of customers to keep (values_list "pk")."""
    _retention_holds[reason] = customer_ids


def unregister_retention_hold(reason: str) -> None:
    _retention_holds.pop(reason, None)


def retention_holds() -> dict[str, RetentionHold]:
    return dict(_retention_holds)


@dataclass(frozen=True)
class RetentionCandidate:
    pk: int
    reference: str
    last_contact: datetime.date
    # True when the customer has never had a contact: the date registered is counted instead.
    registered_only: bool
    complete_years: int

    @property
    def why(self) -> str:
        since = "registered" if self.registered_only else "last contact"
        return (
            f"{since} on {self.last_contact:%d/%m/%Y}, {self.complete_years} complete financial years without contact"
        )


def retention_candidates(today: datetime.date | None = None) -> QuerySet[Customer]:
    """Customers with no contact since before the retention cutoff, not anonymised and not held.

    A customer who never had a contact counts from the day they were registered.
    """
    today = today or timezone.localdate()
    cutoff = rules.retention_cutoff(today)
    cutoff_moment = datetime.datetime.combine(cutoff, datetime.time.min, tzinfo=timezone.get_current_timezone())
    not_anonymised = Customer.objects.exclude(Exists(Anonymisation.objects.filter(customer=OuterRef("pk"))))
    # The newest interaction through the timeline index (customer, -occurred_at), one per customer.
    newest = Interaction.objects.filter(customer=OuterRef("pk")).order_by("-occurred_at").values("occurred_at")[:1]
    customers = (
        not_anonymised.filter(date_registered__lt=cutoff)
        .annotate(last_interaction=Subquery(newest, output_field=DateTimeField()))
        .filter(Q(last_interaction__lt=cutoff_moment) | Q(last_interaction__isnull=True))
    )
    for customer_ids in _retention_holds.values():
        customers = customers.exclude(pk__in=customer_ids())
    return customers.order_by("pk")


def retention_report(today: datetime.date | None = None, *, limit: int | None = None) -> list[RetentionCandidate]:
    """The candidates with why each is selected (references and dates only)."""
    today = today or timezone.localdate()
    candidates: QuerySet[Any] = retention_candidates(today)
    rows = candidates.values_list("pk", "reference", "last_interaction", "date_registered")
    if limit is not None:
        rows = rows[:limit]
    report = []
    for pk, reference, last_interaction, registered in rows:
        last = timezone.localtime(last_interaction).date() if last_interaction else registered
        report.append(
            RetentionCandidate(
                pk=pk,
                reference=reference,
                last_contact=last,
                registered_only=last_interaction is None,
                complete_years=rules.complete_financial_years_between(last, today),
            )
        )
    return report
