"""Demo venues and advice sessions (demo mode only; load_demo_sessions runs it).

Every area prime gets at least one venue (London, where the demo staff work, gets three), and the
London demo adviser has sessions in each state an adviser meets: booked and coming up, attended,
did not attend with a reason, cancelled, rescheduled, a group session with several customers, a
fee-paying place and telephone sessions. Everything goes through the venue and session services,
so the eligibility rule, the audit log and the timelines are exactly as an adviser would leave
them. Past sessions are booked "as of" a few days before they happened (the services take ``now``)
and their attendance is recorded today.

Venue names and street addresses are invented; the postcodes are the public buildings
load_demo_customers already uses, so each one locates to its area.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from signpost.accounts.demo import demo_staff_email
from signpost.accounts.models import User
from signpost.accounts.roles import Role
from signpost.contacts import codes
from signpost.contacts import session_services as services
from signpost.contacts.models import AdviceSession, SessionBooking
from signpost.customers.models import Customer
from signpost.organisations import services as organisation_services
from signpost.organisations.models import Area, Organisation, Venue

GROUP_TITLE = "Writing a CV that gets noticed"


@dataclass(frozen=True)
class DemoVenue:
    name: str
    line_1: str
    line_2: str
    town: str
    postcode: str
    accessibility: str
    capacity: int | None


STEP_FREE = "Step-free entrance and lift to every floor; accessible toilet; hearing loop at reception."

VENUES: dict[int, list[DemoVenue]] = {
    Area.LONDON: [
        DemoVenue(
            "Southbank Careers Centre",
            "Unit 4, Riverside Walk",
            "",
            "London",
            "SE1 7PB",
            STEP_FREE + " Quiet room on request.",
            20,
        ),
        DemoVenue(
            "Kings Cross Skills Hub",
            "2 Granary Row",
            "",
            "London",
            "N1C 4QP",
            "Ramp at the side door; ring the bell for the lift.",
            12,
        ),
        DemoVenue(
            "Stratford Learning Rooms",
            "First floor, 10 Parkside Approach",
            "",
            "London",
            "E20 2ST",
            STEP_FREE,
            30,
        ),
    ],
    Area.EAST_OF_ENGLAND: [
        DemoVenue(
            "Cambridge Careers and Learning Centre", "14 Millpond Lane", "", "Cambridge", "CB2 3QJ", STEP_FREE, 16
        )
    ],
    Area.EAST_MIDLANDS: [
        DemoVenue(
            "Nottingham Guidance Rooms",
            "3 Exchange Chambers",
            "Market Walk",
            "Nottingham",
            "NG1 2DT",
            "Lift to the second floor; parking for blue badge holders behind the building.",
            10,
        )
    ],
    Area.WEST_MIDLANDS: [
        DemoVenue(
            "Birmingham Careers Point",
            "Suite 5, Centenary House",
            "Canal Street",
            "Birmingham",
            "B1 1BB",
            STEP_FREE,
            24,
        )
    ],
    Area.NORTH_WEST: [
        DemoVenue("Manchester Careers Studio", "22 Albert Buildings", "", "Manchester", "M2 5DB", STEP_FREE, 18)
    ],
    Area.NORTH_EAST: [
        DemoVenue(
            "Tyneside Careers Hub",
            "Grainger Court",
            "8 Quayside Lane",
            "Newcastle upon Tyne",
            "NE1 8QH",
            "Step-free from the car park; hearing loop in both rooms.",
            15,
        )
    ],
    Area.SOUTH_EAST: [
        DemoVenue(
            "Brighton Careers Rooms", "11 Lanes Yard", "", "Brighton", "BN1 1JA", "Ground floor only; no lift.", 8
        )
    ],
    Area.SOUTH_WEST: [
        DemoVenue("Bristol Harbourside Careers Centre", "7 Wharfside", "", "Bristol", "BS1 5TR", STEP_FREE, 20)
    ],
    Area.YORKSHIRE_AND_HUMBER: [
        DemoVenue("Leeds Careers Exchange", "Ground floor, 30 Park Row Court", "", "Leeds", "LS1 1UR", STEP_FREE, 25)
    ],
}

# Each prime outside London keeps its venues through a manager of its own (venues are managed by
# their organisation's managers); these accounts cannot sign in.
PRIME_MANAGERS: dict[int, tuple[str, str]] = {
    Area.EAST_OF_ENGLAND: ("Helen", "Marsh"),
    Area.EAST_MIDLANDS: ("Imran", "Chaudhry"),
    Area.WEST_MIDLANDS: ("Bethany", "Cole"),
    Area.NORTH_WEST: ("Callum", "Reid"),
    Area.NORTH_EAST: ("Fiona", "Armstrong"),
    Area.SOUTH_EAST: ("Marcus", "Bennett"),
    Area.SOUTH_WEST: ("Lowenna", "Pascoe"),
    Area.YORKSHIRE_AND_HUMBER: ("Nadia", "Hussain"),
}


def _prime(area: int) -> Organisation:
    return Organisation.objects.get(touchpoint_id=f"0000000{int(area)}")


def _venue_manager(area: int, london_manager: Any) -> Any:
    if area == Area.LONDON:
        return london_manager
    email = demo_staff_email("manager", f"area{int(area)}")
    user = User.objects.filter(email=email).first()
    if user is None:
        given_name, family_name = PRIME_MANAGERS[area]
        user = User.objects.create_user(
            email=email, given_name=given_name, family_name=family_name, organisation=_prime(area), is_demo=True
        )
        user.groups.set([Group.objects.get(name=Role.MANAGER)])
    return user


def load_demo_venues(*, london_manager: Any) -> int:
    """Each prime's demo venues, added only where the prime has none of that name yet."""
    added = 0
    for area, venues in VENUES.items():
        organisation = _prime(area)
        actor = _venue_manager(area, london_manager)
        for venue in venues:
            if Venue.objects.filter(organisation=organisation, name=venue.name).exists():
                continue
            organisation_services.venue_create(
                actor=actor,
                organisation=organisation,
                name=venue.name,
                line_1=venue.line_1,
                line_2=venue.line_2,
                town=venue.town,
                postcode=venue.postcode,
                accessibility=venue.accessibility,
                capacity=venue.capacity,
                is_active=True,
            )
            added += 1
    return added


def _at(days: int, hour: int, minute: int = 0) -> datetime.datetime:
    """A local time ``days`` from today (negative: in the past)."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _soon() -> datetime.datetime:
    """The next quarter hour at least two hours away: a telephone session within its 24 hours."""
    moment = timezone.localtime() + datetime.timedelta(hours=2)
    return moment.replace(minute=moment.minute - moment.minute % 15, second=0, microsecond=0) + datetime.timedelta(
        minutes=15
    )


def _face_to_face(
    adviser: Any,
    customer: Customer,
    venue: Venue,
    starts_at: datetime.datetime,
    *,
    funding: int = codes.SessionFunding.FUNDED,
    fee: Decimal | None = None,
    notes: str = "",
) -> SessionBooking:
    return services.advice_session_book(
        actor=adviser,
        customer=customer,
        channel=codes.Channel.FACE_TO_FACE,
        session_format=codes.SessionFormat.INDIVIDUAL,
        starts_at=starts_at,
        duration_minutes=60,
        adviser=adviser,
        funding=funding,
        fee=fee,
        venue=venue,
        notes=notes,
        # Past sessions were booked a few days before they happened.
        now=min(timezone.now(), starts_at - datetime.timedelta(days=3)),
    )


def _telephone(adviser: Any, customer: Customer, starts_at: datetime.datetime, **extra: Any) -> SessionBooking:
    return services.advice_session_book(
        actor=adviser,
        customer=customer,
        channel=codes.Channel.TELEPHONE,
        session_format=codes.SessionFormat.INDIVIDUAL,
        starts_at=starts_at,
        duration_minutes=45,
        adviser=adviser,
        funding=codes.SessionFunding.FUNDED,
        now=min(timezone.now(), starts_at - datetime.timedelta(hours=2)),
        **extra,
    )


def _customers(count: int) -> list[Customer]:
    """Adults (20 or over, so every free session is allowed) with no sessions yet."""
    born_by = timezone.localdate() - datetime.timedelta(days=366 * 20)
    return list(
        Customer.objects.filter(terminated_at__isnull=True, date_of_birth__lte=born_by, session_bookings__isnull=True)
        .exclude(online_account_link__isnull=False)
        .order_by("-id")[:count]
    )


def load_demo_sessions(*, adviser: Any, london_manager: Any) -> str:
    venues_added = load_demo_venues(london_manager=london_manager)
    organisation = adviser.organisation
    if AdviceSession.objects.filter(organisation=organisation, venue__isnull=False).exists():
        return f"Demo venues ready ({venues_added} added); demo sessions already loaded, nothing added."
    customers = _customers(10)
    if len(customers) < 10:
        return f"Demo venues ready ({venues_added} added); too few demo customers for sessions (run load_demo_data)."
    southbank, kings_cross, stratford = (
        Venue.objects.get(organisation=organisation, name=venue.name) for venue in VENUES[Area.LONDON]
    )
    with transaction.atomic():
        booked, attended, missed, cancelled, moved, fee_paying, phone, phone_done = customers[:8]
        _face_to_face(adviser, booked, southbank, _at(5, 10), notes="Wants to talk about retraining as an electrician.")

        place = _face_to_face(adviser, attended, southbank, _at(-14, 14))
        services.session_booking_record_attendance(actor=adviser, booking=place, attended=True)

        place = _face_to_face(adviser, missed, kings_cross, _at(-7, 11, 30))
        services.session_booking_record_attendance(
            actor=adviser,
            booking=place,
            attended=False,
            reason=codes.NonAttendanceReason.WORK_RELATED,
            note="Called afterwards: their shift was changed at short notice.",
        )

        place = _face_to_face(adviser, cancelled, kings_cross, _at(10, 15))
        services.session_booking_cancel(
            actor=adviser, booking=place, note="Customer has started a new job and no longer needs the session."
        )

        place = _face_to_face(adviser, moved, southbank, _at(3, 9, 30))
        services.session_booking_reschedule(
            actor=adviser,
            booking=place,
            starts_at=_at(12, 13),
            duration_minutes=60,
            venue=stratford,
            note="Childcare fell through; the customer asked for an afternoon at Stratford.",
        )

        _face_to_face(
            adviser,
            fee_paying,
            stratford,
            _at(6, 16),
            funding=codes.SessionFunding.FEE_PAYING,
            fee=Decimal("30.00"),
        )

        first, *others = customers[8:10]
        group = services.advice_session_book(
            actor=adviser,
            customer=first,
            channel=codes.Channel.FACE_TO_FACE,
            session_format=codes.SessionFormat.GROUP,
            title=GROUP_TITLE,
            capacity=12,
            starts_at=_at(8, 10),
            duration_minutes=120,
            adviser=adviser,
            funding=codes.SessionFunding.FUNDED,
            venue=stratford,
        ).session
        for customer in [*others, attended]:
            # The customer who attended has had their free session: they pay for the workshop.
            paying = customer == attended
            services.session_booking_add(
                actor=adviser,
                session=group,
                customer=customer,
                funding=codes.SessionFunding.FEE_PAYING if paying else codes.SessionFunding.FUNDED,
                fee=Decimal("20.00") if paying else None,
            )

        _telephone(adviser, phone, _soon(), notes="Exploring apprenticeships in health care.")
        place = _telephone(adviser, phone_done, _at(-2, 10))
        services.session_booking_record_attendance(actor=adviser, booking=place, attended=True)
    sessions = AdviceSession.objects.filter(organisation=organisation, created_by=adviser).count()
    return f"Demo venues ready ({venues_added} added); demo sessions ready: {sessions} sessions."
