"""Reads about contacts: the customer's timeline and the anonymous enquiries."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from signpost.contacts.models import Interaction, InteractionSummarySent
from signpost.customers.models import Customer

TIMELINE_PAGE_SIZE = 20
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


@dataclass(frozen=True)
class Cursor:
    """A position in the timeline: the (occurred_at, id) of an entry. Written "<µs since epoch>-<id>"."""

    occurred_at: datetime.datetime
    pk: int

    def __str__(self) -> str:
        return f"{(self.occurred_at - _EPOCH) // datetime.timedelta(microseconds=1)}-{self.pk}"

    @classmethod
    def of(cls, interaction: Interaction) -> Cursor:
        return cls(interaction.occurred_at, interaction.pk)

    @classmethod
    def parse(cls, text: str | None) -> Cursor | None:
        """None for anything that is not a cursor we wrote (a bad link shows the first page)."""
        micro, _, pk = (text or "").partition("-")
        if not (micro.isdigit() and pk.isdigit()) or len(micro) > 18 or len(pk) > 18:
            return None
        try:
            return cls(_EPOCH + datetime.timedelta(microseconds=int(micro)), int(pk))
        except OverflowError:
            return None


@dataclass(frozen=True)
class TimelinePage:
    entries: list[Interaction]
    # Cursors for the neighbouring pages, or None at either end.
    older: Cursor | None
    newer: Cursor | None

    @property
    def is_first(self) -> bool:
        return self.newer is None


def _with_details(queryset: QuerySet[Interaction]) -> QuerySet[Interaction]:
    return queryset.select_related("adviser", "organisation").prefetch_related(
        Prefetch("summaries_sent", queryset=InteractionSummarySent.objects.order_by("-sent_at", "-id"))
    )


def customer_timeline(
    customer: Customer,
    channels: Iterable[int] | None = None,
    types: Iterable[int] | None = None,
    *,
    after: Cursor | None = None,
    before: Cursor | None = None,
    page_size: int = TIMELINE_PAGE_SIZE,
) -> TimelinePage:
    """One page of the customer's contacts, newest first, filtered by channel and type.

    Keyset paging on (occurred_at, id) with the (customer, -occurred_at, -id) index: ``after`` gives
    the page of entries older than that cursor, ``before`` the page newer than it. Two queries
    (entries one more than the page to know if there are more; summaries sent) whatever the history.
    """
    queryset = Interaction.objects.filter(customer=customer)
    channels, types = list(channels or []), list(types or [])
    if channels:
        queryset = queryset.filter(channel__in=channels)
    if types:
        queryset = queryset.filter(interaction_type__in=types)
    if before is not None:
        newer_than = Q(occurred_at__gt=before.occurred_at) | Q(occurred_at=before.occurred_at, id__gt=before.pk)
        rows = list(_with_details(queryset.filter(newer_than).order_by("occurred_at", "id"))[: page_size + 1])
        if len(rows) <= page_size:
            # Back at the newest entries: show the first page as it is.
            return customer_timeline(customer, channels, types, page_size=page_size)
        entries = rows[:page_size]
        entries.reverse()
        return TimelinePage(entries, older=Cursor.of(entries[-1]), newer=Cursor.of(entries[0]))
    if after is not None:
        queryset = queryset.filter(
            Q(occurred_at__lt=after.occurred_at) | Q(occurred_at=after.occurred_at, id__lt=after.pk)
        )
    rows = list(_with_details(queryset.order_by("-occurred_at", "-id"))[: page_size + 1])
    entries = rows[:page_size]
    older = Cursor.of(entries[-1]) if len(rows) > page_size else None
    newer = Cursor.of(entries[0]) if after is not None and entries else None
    return TimelinePage(entries, older=older, newer=newer)


def customer_interaction(customer: Customer, pk: int) -> Interaction | None:
    return _with_details(Interaction.objects.filter(customer=customer, pk=pk)).first()


def unattached_enquiries() -> QuerySet[Interaction]:
    """Anonymous enquiries not yet attached to a record, newest first."""
    return (
        Interaction.objects.filter(anonymous=True, customer__isnull=True)
        .select_related("adviser", "organisation")
        .order_by("-occurred_at", "-id")
    )


def anonymous_enquiry(pk: int) -> Interaction | None:
    return Interaction.objects.filter(anonymous=True, pk=pk).select_related("customer").first()
