"""The demo venues and advice sessions: every prime has a venue, the sessions are in every state an
adviser meets, they are written through the services, and a second run adds nothing."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from signpost.accounts.demo import demo_staff_email
from signpost.accounts.roles import Role
from signpost.contacts import codes
from signpost.contacts.models import AdviceSession, SessionBooking, TimelineEvent
from signpost.core import geography
from signpost.core.models import AuditEvent
from signpost.organisations.models import Area, Venue
from tests.factories import CustomerFactory, make_staff

pytestmark = pytest.mark.django_db

DISTRICTS = Path(__file__).resolve().parents[4].parent / "shared" / "data" / "uk-postcode-geography"


@pytest.fixture
def demo_staff(london: Any, settings: Any) -> None:
    settings.DEMO_MODE = True
    # As `make run` does first, so each venue is placed in its local authority and area.
    call_command("load_postcode_districts", str(DISTRICTS / "postcode_districts_gb.csv"), stdout=io.StringIO())
    make_staff(Role.ADVISER, organisation=london, mfa=False, email=demo_staff_email("adviser", "london"))
    make_staff(Role.MANAGER, organisation=london, mfa=False, email=demo_staff_email("manager", "london"))
    for _ in range(12):
        CustomerFactory(date_of_birth="1985-06-15")


def _counts() -> tuple[int, ...]:
    return (
        Venue.objects.count(),
        AdviceSession.objects.count(),
        SessionBooking.objects.count(),
        AuditEvent.objects.count(),
        TimelineEvent.objects.count(),
    )


def test_demo_venues_and_sessions_in_every_state_once(demo_staff: None) -> None:
    out = io.StringIO()
    call_command("load_demo_sessions", stdout=out)
    assert "demo sessions ready: 10 sessions" in out.getvalue()

    for area in Area:
        venues = Venue.objects.filter(organisation__touchpoint_id=f"0000000{area.value}")
        assert venues.exists(), area.label
        for venue in venues:
            assert venue.area == area, venue.name  # the postcode locates to the prime's own area
            assert venue.postcode == geography.normalise_postcode(venue.postcode)
            assert venue.latitude is not None
    assert AuditEvent.objects.filter(action="venue.created").count() == Venue.objects.count()

    bookings = SessionBooking.objects.select_related("session")
    statuses = set(bookings.values_list("status", flat=True))
    assert statuses == set(codes.SessionStatus.values)
    missed = bookings.get(status=codes.SessionStatus.DID_NOT_ATTEND)
    assert missed.non_attendance_reason == codes.NonAttendanceReason.WORK_RELATED
    moved = bookings.get(status=codes.SessionStatus.RESCHEDULED)
    assert moved.rescheduled_to is not None and moved.rescheduled_to.status == codes.SessionStatus.BOOKED
    group = AdviceSession.objects.get(session_format=codes.SessionFormat.GROUP)
    assert group.bookings.count() == 3
    assert group.bookings.filter(funding=codes.SessionFunding.FEE_PAYING).count() == 1
    assert bookings.filter(session__channel=codes.Channel.TELEPHONE, status=codes.SessionStatus.BOOKED).exists()
    assert bookings.filter(session__channel=codes.Channel.TELEPHONE, status=codes.SessionStatus.ATTENDED).exists()
    assert bookings.filter(funding=codes.SessionFunding.FEE_PAYING, session__session_format=1).exists()
    # Through the services: each booking audited and on its customer's timeline.
    booked = AuditEvent.objects.filter(action__in=["session.booked", "session.place_added", "session.rescheduled"])
    assert booked.count() == SessionBooking.objects.count()
    assert TimelineEvent.objects.filter(kind="session.did_not_attend").count() == 1

    before = _counts()
    call_command("load_demo_sessions", stdout=out)
    assert "demo sessions already loaded, nothing added" in out.getvalue()
    assert _counts() == before


def test_demo_sessions_need_the_demo_staff(london: Any, settings: Any) -> None:
    settings.DEMO_MODE = True
    with pytest.raises(CommandError, match="load_demo_data"):
        call_command("load_demo_sessions")
    assert not Venue.objects.exists()


def test_demo_sessions_refused_outside_demo_mode(settings: Any) -> None:
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="SIGNPOST_DEMO"):
        call_command("load_demo_sessions")
