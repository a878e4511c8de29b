"""Reads about advice sessions: a customer's sessions, an adviser's diary, clashes, venues."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from signpost.contacts import codes
from signpost.contacts.models import AdviceSession, Interaction, SessionBooking
from signpost.customers.models import Customer
from signpost.organisations.models import Venue

# How far back an information call may be offered as the one a telephone session follows.
INFORMATION_CALL_LOOKBACK = datetime.timedelta(days=7)


def free_sessions_used(customer: Customer, *, statuses: Iterable[int], exclude_booking: int | None = None) -> int:
    """Funded face-to-face places in ``statuses`` (session_rules.USES_FREE_SESSION says which)."""
    queryset = SessionBooking.objects.filter(
        customer=customer,
        funding=codes.SessionFunding.FUNDED,
        status__in=sorted(statuses),
        session__channel=codes.Channel.FACE_TO_FACE,
    )
    if exclude_booking is not None:
        queryset = queryset.exclude(pk=exclude_booking)
    return queryset.count()


def _session_details(queryset: QuerySet[AdviceSession]) -> QuerySet[AdviceSession]:
    return queryset.select_related("venue", "adviser", "organisation").annotate(
        places_taken=Count("bookings", filter=Q(bookings__status=codes.SessionStatus.BOOKED), distinct=True)
    )


def customer_bookings(customer: Customer) -> list[SessionBooking]:
    """Every place the customer has had, soonest upcoming first, then the past newest first."""
    rows = list(
        SessionBooking.objects.filter(customer=customer)
        .select_related("session__venue", "session__adviser", "session__organisation", "rescheduled_to__session")
        .order_by("-session__starts_at", "-id")
    )
    now = timezone.now()
    upcoming = sorted((b for b in rows if b.session.starts_at >= now), key=lambda b: (b.session.starts_at, b.pk))
    past = [b for b in rows if b.session.starts_at < now]
    return upcoming + past


def session_with_bookings(pk: int) -> AdviceSession | None:
    """One session, its venue and adviser, and every place in it with its customer."""
    return (
        _session_details(AdviceSession.objects.filter(pk=pk))
        .prefetch_related(
            Prefetch(
                "bookings",
                queryset=SessionBooking.objects.select_related(
                    "customer", "rescheduled_to__session", "status_recorded_by", "booked_by", "information_call"
                ).order_by("customer__family_name", "customer__given_name", "id"),
            )
        )
        .first()
    )


def booking_in_session(session: AdviceSession, pk: int) -> SessionBooking | None:
    return SessionBooking.objects.select_related("customer", "session").filter(session=session, pk=pk).first()


def adviser_sessions(adviser: Any, *, on: datetime.date, days_ahead: int = 14) -> dict[str, list[AdviceSession]]:
    """An adviser's diary: today's sessions, the upcoming ones (the next ``days_ahead`` days), and
    earlier sessions whose attendance is still to be recorded (the last 30 days)."""
    day_start = timezone.make_aware(datetime.datetime.combine(on, datetime.time.min))
    tomorrow = day_start + datetime.timedelta(days=1)
    horizon = tomorrow + datetime.timedelta(days=days_ahead)
    sessions = list(
        _session_details(
            AdviceSession.objects.filter(
                adviser=adviser,
                starts_at__gte=day_start - datetime.timedelta(days=30),
                starts_at__lt=horizon,
            )
        )
        .prefetch_related(
            Prefetch(
                "bookings",
                queryset=SessionBooking.objects.select_related("customer").order_by("customer__family_name", "id"),
            )
        )
        .order_by("starts_at", "id")
    )
    earlier = [
        s
        for s in sessions
        if s.starts_at < day_start and s.cancelled_at is None and s.places_taken  # type: ignore[attr-defined]
    ]
    return {
        "to_record": earlier,
        "today": [s for s in sessions if day_start <= s.starts_at < tomorrow],
        "upcoming": [s for s in sessions if tomorrow <= s.starts_at],
    }


def adviser_clashes(
    adviser: Any, starts_at: datetime.datetime, ends_at: datetime.datetime, *, exclude: int | None = None
) -> list[AdviceSession]:
    """The adviser's other sessions (not cancelled) overlapping the given time: a calendar hook and
    a warning when booking, never a refusal (a group may be run beside a drop-in)."""
    queryset = AdviceSession.objects.filter(
        adviser=adviser, cancelled_at__isnull=True, starts_at__lt=ends_at, ends_at__gt=starts_at
    )
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude)
    return list(queryset.select_related("venue").order_by("starts_at"))


def recent_information_calls(customer: Customer, *, now: datetime.datetime | None = None) -> list[Interaction]:
    """The customer's telephone contacts of the last week, newest first: the calls a telephone
    session may follow."""
    now = now or timezone.now()
    return list(
        Interaction.objects.filter(
            customer=customer,
            channel=codes.Channel.TELEPHONE,
            occurred_at__gte=now - INFORMATION_CALL_LOOKBACK,
            occurred_at__lte=now + datetime.timedelta(minutes=5),
        ).order_by("-occurred_at", "-id")[:10]
    )


def bookable_venues(organisation: Any) -> QuerySet[Venue]:
    """Where the organisation holds sessions (its active venues)."""
    return Venue.objects.filter(organisation=organisation, is_active=True).order_by("name")


def organisation_venues(organisation: Any) -> QuerySet[Venue]:
    return Venue.objects.filter(organisation=organisation).order_by("-is_active", "name")


def session_advisers(organisation: Any) -> QuerySet[Any]:
    """Staff of the organisation who may run a session (they hold the session permission)."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    return (
        User.objects.filter(organisation=organisation, is_active=True)
        .filter(
            Q(groups__permissions__codename="manage_sessions", groups__permissions__content_type__app_label="contacts")
            | Q(user_permissions__codename="manage_sessions")
        )
        .distinct()
        .order_by("given_name", "family_name", "email")
    )
