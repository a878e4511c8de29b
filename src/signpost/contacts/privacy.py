"""Contacts' entries in the personal data register (signpost.core.privacy).

An interaction stays when a customer is anonymised, for statistics (channel, type, reason, service
level, dates, organisation); what was said goes. The age at the time of the contact is kept as an
age band, read from the date of birth before the customer row is erased (it is always erased last).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone

from signpost.contacts import rules
from signpost.core.privacy import PersonalData, delete_rows, register, replace_values
from signpost.customers.rules import age_on

# Every interaction with a known customer must have a summary (a database constraint), so an
# anonymised one says why it has none.
SUMMARY_REMOVED = "Removed when the customer's record was anonymised."


def _erase_interactions(queryset: models.QuerySet[Any]) -> None:
    by_band: dict[int, list[int]] = {}
    for pk, occurred_at, date_of_birth in queryset.values_list("pk", "occurred_at", "customer__date_of_birth"):
        age = age_on(date_of_birth, timezone.localtime(occurred_at).date()) if date_of_birth else None
        by_band.setdefault(rules.age_band(age), []).append(pk)
    for band, pks in by_band.items():
        for start in range(0, len(pks), 500):
            queryset.model._default_manager.filter(pk__in=pks[start : start + 500]).update(age_band=band)
    queryset.update(summary=SUMMARY_REMOVED, transcript="")


def register_contacts() -> None:
    register(
        PersonalData(
            model="contacts.Interaction",
            customer_path="customer",
            title="Contacts with the service",
            fields=[
                "occurred_at",
                "channel",
                "interaction_type",
                ("organisation__name", "Organisation"),
                "line_or_campaign",
                "language",
                "interpreter_used",
                "reason",
                "service_level",
                "summary",
                "transcript",
            ],
            ordering=["occurred_at", "id"],
            erase=_erase_interactions,
        )
    )
    register(
        PersonalData(
            model="contacts.InteractionSummarySent",
            customer_path="interaction__customer",
            title="Summaries sent to you",
            fields=[("interaction__occurred_at", "Contact on"), "channel", "sent_to", "included_transcript", "sent_at"],
            ordering=["sent_at", "id"],
            erase=replace_values(sent_to=""),
        )
    )
    register(
        PersonalData(
            model="contacts.ServiceImprovementAsk",
            customer_path="customer",
            title="Service-improvement questions",
            fields=["recorded_at", "outcome"],
            ordering=["recorded_at", "id"],
            kept_because="When the questions were offered and whether they were answered: no personal data.",
        )
    )
    register(
        PersonalData(
            model="contacts.SessionBooking",
            customer_path="customer",
            title="Advice sessions",
            fields=[
                ("session__starts_at", "Starts at"),
                ("session__channel", "How"),
                ("session__venue__name", "Venue"),
                ("session__duration_minutes", "Length in minutes"),
                "status",
                "non_attendance_reason",
                "funding",
                "fee",
                "notes",
                "status_note",
                "booked_at",
            ],
            ordering=["session__starts_at", "id"],
            # Sessions held, attendance and funding stay for statistics; what was written goes.
            erase=replace_values(notes="", status_note=""),
        )
    )
    register(
        PersonalData(
            model="contacts.TimelineEvent",
            customer_path="customer",
            title="Your history with the service",
            fields=["occurred_at", "title", "detail"],
            ordering=["occurred_at", "id"],
            # A copy of what other records say happened: those records keep their own statistics.
            erase=delete_rows,
        )
    )
