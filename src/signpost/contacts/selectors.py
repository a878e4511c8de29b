"""Reads about contacts: the customer's timeline and the anonymous enquiries."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from signpost.contacts.models import Interaction, InteractionSummarySent, TimelineEvent
from signpost.core.models import Notification
from signpost.customers.models import Customer

TIMELINE_PAGE_SIZE = 20
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


# Where each table's entries fall among entries at the same instant (newest first: events first).
_SOURCE_RANK = {Interaction.timeline_source: 0, TimelineEvent.timeline_source: 1}
# Contacts' cursors carry no letter, so links written before events were on the timeline still work.
_SOURCE_LETTER = {Interaction.timeline_source: "", TimelineEvent.timeline_source: "e"}
_SOURCE_OF_LETTER = {"e": TimelineEvent.timeline_source}

TimelineEntry = Interaction | TimelineEvent


@dataclass(frozen=True)
class Cursor:
    """A position in the timeline: the (occurred_at, table, id) of an entry, the timeline's total
    order. Written "<µs since epoch>-<id>" for a contact, "<µs since epoch>-e<id>" for an event."""

    occurred_at: datetime.datetime
    pk: int
    source: str = Interaction.timeline_source

    def __str__(self) -> str:
        micro = (self.occurred_at - _EPOCH) // datetime.timedelta(microseconds=1)
        return f"{micro}-{_SOURCE_LETTER[self.source]}{self.pk}"

    @property
    def key(self) -> tuple[datetime.datetime, int, int]:
        return (self.occurred_at, _SOURCE_RANK[self.source], self.pk)

    @classmethod
    def of(cls, entry: TimelineEntry) -> Cursor:
        return cls(entry.occurred_at, entry.pk, entry.timeline_source)

    @classmethod
    def parse(cls, text: str | None) -> Cursor | None:
        """None for anything that is not a cursor we wrote (a bad link shows the first page)."""
        micro, _, rest = (text or "").partition("-")
        letter, pk = (rest[:1], rest[1:]) if rest[:1] in _SOURCE_OF_LETTER else ("", rest)
        if not (micro.isdigit() and pk.isdigit()) or len(micro) > 18 or len(pk) > 18:
            return None
        source = _SOURCE_OF_LETTER.get(letter, Interaction.timeline_source)
        try:
            return cls(_EPOCH + datetime.timedelta(microseconds=int(micro)), int(pk), source)
        except OverflowError:
            return None


def _key(entry: TimelineEntry) -> tuple[datetime.datetime, int, int]:
    return (entry.occurred_at, _SOURCE_RANK[entry.timeline_source], entry.pk)


@dataclass(frozen=True)
class TimelinePage:
    # Contacts (Interaction) and events (TimelineEvent) merged; ``entry.timeline_source`` tells which.
    entries: list[TimelineEntry]
    # Cursors for the neighbouring pages, or None at either end.
    older: Cursor | None
    newer: Cursor | None

    @property
    def is_first(self) -> bool:
        return self.newer is None


@dataclass(frozen=True)
class SummarySent:
    """The latest sending of a contact's summary, and how many times it has been sent."""

    channel: str
    sent_to: str
    included_transcript: bool
    sent_at: datetime.datetime
    times: int


_SENDINGS = InteractionSummarySent.objects.filter(interaction=OuterRef("pk"))
_LATEST_SENDING = _SENDINGS.order_by("-sent_at", "-id")
_SENT_FIELDS = ("sent_at", "channel", "sent_to", "included_transcript")


def _with_details(queryset: QuerySet[Interaction]) -> QuerySet[Interaction]:
    """Who recorded each contact, and its latest summary sent, in the same query as the contacts
    (the record page's query budget does not allow one more per page)."""
    latest = {f"summary_sent_{name}": Subquery(_LATEST_SENDING.values(name)[:1]) for name in _SENT_FIELDS}
    times = Subquery(
        _SENDINGS.order_by().values("interaction").annotate(times=Count("id")).values("times"),
        output_field=IntegerField(),
    )
    return queryset.select_related("adviser", "organisation").annotate(
        **latest, summary_sent_times=Coalesce(times, 0)
    )


def _attach_summary_sent(interaction: Interaction) -> Interaction:
    sent_at = getattr(interaction, "summary_sent_sent_at", None)
    interaction.summary_sent = (  # type: ignore[attr-defined]
        SummarySent(
            channel=str(Notification.Channel(interaction.summary_sent_channel).label),  # type: ignore[attr-defined]
            sent_to=interaction.summary_sent_sent_to,  # type: ignore[attr-defined]
            included_transcript=bool(interaction.summary_sent_included_transcript),  # type: ignore[attr-defined]
            sent_at=sent_at,
            times=interaction.summary_sent_times,  # type: ignore[attr-defined]
        )
        if sent_at is not None
        else None
    )
    return interaction


def _beyond(cursor: Cursor, source: str, *, older: bool) -> Q:
    """Rows of ``source`` strictly older (or newer) than ``cursor`` in the timeline's total order."""
    at = "occurred_at__lt" if older else "occurred_at__gt"
    rank, cursor_rank = _SOURCE_RANK[source], _SOURCE_RANK[cursor.source]
    if rank == cursor_rank:
        same_instant = Q(occurred_at=cursor.occurred_at, id__lt=cursor.pk) if older else Q(
            occurred_at=cursor.occurred_at, id__gt=cursor.pk
        )
        return Q(**{at: cursor.occurred_at}) | same_instant
    # Another table: all of its entries at the same instant fall on one side of the cursor.
    if (rank < cursor_rank) == older:
        return Q(**{at: cursor.occurred_at}) | Q(occurred_at=cursor.occurred_at)
    return Q(**{at: cursor.occurred_at})


def customer_timeline(
    customer: Customer,
    channels: Iterable[int] | None = None,
    types: Iterable[int] | None = None,
    kinds: Iterable[str] | None = None,
    *,
    after: Cursor | None = None,
    before: Cursor | None = None,
    page_size: int = TIMELINE_PAGE_SIZE,
) -> TimelinePage:
    """One page of the customer's timeline, newest first: their contacts (filtered by channel and
    type) and events (filtered by kind) merged. Filtering on contacts only shows only contacts, on
    kinds only shows only events; both show both.

    Keyset paging on (occurred_at, table, id) with each table's (customer, -occurred_at, -id) index:
    ``after`` gives the page of entries older than that cursor, ``before`` the page newer than it.
    Each table gives at most one page (plus one, to know if there are more), merged in memory.
    Two queries (contacts with their latest summary sent, events) whatever the history.
    """
    channels, types, kinds = list(channels or []), list(types or []), list(kinds or [])
    contact_filter, event_filter = bool(channels or types), bool(kinds)
    interactions: QuerySet[Interaction] | None = None
    events: QuerySet[TimelineEvent] | None = None
    if contact_filter or not event_filter:
        interactions = Interaction.objects.filter(customer=customer)
        if channels:
            interactions = interactions.filter(channel__in=channels)
        if types:
            interactions = interactions.filter(interaction_type__in=types)
    if event_filter or not contact_filter:
        events = TimelineEvent.objects.filter(customer=customer)
        if kinds:
            events = events.filter(kind__in=kinds)

    def fetch(cursor: Cursor | None, *, older: bool) -> list[TimelineEntry]:
        order = ("-occurred_at", "-id") if older else ("occurred_at", "id")
        rows: list[TimelineEntry] = []
        if interactions is not None:
            queryset = interactions if cursor is None else interactions.filter(
                _beyond(cursor, Interaction.timeline_source, older=older)
            )
            rows += [_attach_summary_sent(row) for row in _with_details(queryset.order_by(*order))[: page_size + 1]]
        if events is not None:
            queryset_e = events if cursor is None else events.filter(
                _beyond(cursor, TimelineEvent.timeline_source, older=older)
            )
            rows += list(queryset_e.select_related("actor", "organisation").order_by(*order)[: page_size + 1])
        rows.sort(key=_key, reverse=older)
        return rows[: page_size + 1]

    if before is not None:
        rows = fetch(before, older=False)
        if len(rows) <= page_size:
            # Back at the newest entries: show the first page as it is.
            return customer_timeline(customer, channels, types, kinds, page_size=page_size)
        entries = rows[:page_size]
        entries.reverse()
        return TimelinePage(entries, older=Cursor.of(entries[-1]), newer=Cursor.of(entries[0]))
    rows = fetch(after, older=True)
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
