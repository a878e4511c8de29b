"""Booking advice sessions and recording what happened, through the services: the eligibility
rule on real records, audit entries, and each step on the customer's timeline."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from signpost.accounts.roles import Role
from signpost.contacts import codes, selectors
from signpost.contacts import session_services as services
from signpost.contacts.models import AdviceSession, Interaction, SessionBooking, TimelineEvent
from signpost.core.models import AuditEvent
from signpost.customers import codes as customer_codes
from signpost.customers import services as customer_services
from signpost.organisations.models import Venue
from tests.factories import CustomerFactory, make_staff

pytestmark = pytest.mark.django_db

F2F, PHONE = codes.Channel.FACE_TO_FACE, codes.Channel.TELEPHONE
FUNDED, FEE = codes.SessionFunding.FUNDED, codes.SessionFunding.FEE_PAYING


@pytest.fixture
def venue(london):
    return Venue.objects.create(
        organisation=london, name="Riverside Library", line_1="1 Quay Street", town="London", postcode="SE1 9PX"
    )


def tomorrow_at(hour=10):
    day = timezone.localdate() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def book(adviser, customer, venue=None, **fields):
    values = {
        "actor": adviser,
        "customer": customer,
        "channel": F2F if venue else PHONE,
        "session_format": codes.SessionFormat.INDIVIDUAL,
        "starts_at": tomorrow_at(),
        "duration_minutes": 60,
        "adviser": adviser,
        "funding": FUNDED,
        "venue": venue,
        **fields,
    }
    return services.advice_session_book(**values)


def born_years_before(day, years):
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def test_booking_a_free_face_to_face_session_audits_and_puts_it_on_the_timeline(adviser, customer, venue):
    booking = book(adviser, customer, venue)
    assert booking.status == codes.SessionStatus.BOOKED
    assert booking.eligibility_basis == codes.EligibilityBasis.FIRST_FREE_SESSION
    session = booking.session
    assert session.ends_at - session.starts_at == datetime.timedelta(hours=1)
    assert session.organisation == adviser.organisation and session.venue == venue
    audit = AuditEvent.objects.get(action="session.booked")
    assert audit.details["booking"] == booking.pk and audit.object_id == str(customer.pk)
    [entry] = selectors.customer_timeline(customer).entries
    assert entry.kind == "session.booked" and "Riverside Library" in entry.title
    assert entry.link_name == "workspace:session_detail" and entry.link_kwargs == {"pk": session.pk}


def test_a_19th_birthday_on_the_day_of_the_session_is_old_enough(adviser, venue):
    day = timezone.localdate() + datetime.timedelta(days=1)
    customer = CustomerFactory(date_of_birth=born_years_before(day, 19))
    assert book(adviser, customer, venue).eligibility_basis == codes.EligibilityBasis.FIRST_FREE_SESSION


def test_the_day_before_their_19th_birthday_they_are_refused_and_told_the_alternatives(adviser, venue):
    day = timezone.localdate() + datetime.timedelta(days=1)
    customer = CustomerFactory(date_of_birth=born_years_before(day, 19) + datetime.timedelta(days=1))
    with pytest.raises(ValidationError) as raised:
        book(adviser, customer, venue)
    message = raised.value.message_dict["funding"][0]
    assert "cannot have a free face-to-face session" in message and "fee-paying" in message
    assert not AdviceSession.objects.exists()


def test_18_year_old_jobcentre_plus_customer_or_in_custody_is_eligible(adviser, venue):
    day = timezone.localdate() + datetime.timedelta(days=1)
    for circumstance in (codes.EligibilityCircumstance.JOBCENTRE_PLUS, codes.EligibilityCircumstance.IN_CUSTODY):
        customer = CustomerFactory(date_of_birth=born_years_before(day, 18))
        booking = book(adviser, customer, venue, circumstance=circumstance)
        assert booking.circumstance == circumstance


def test_a_second_free_session_only_for_a_priority_group(adviser, customer, venue):
    book(adviser, customer, venue)
    with pytest.raises(ValidationError):
        book(adviser, customer, venue, starts_at=tomorrow_at(14))
    customer_services.priority_groups_confirm(
        actor=adviser, customer=customer, groups=[customer_codes.PriorityGroup.LOW_SKILLED]
    )
    second = book(adviser, customer, venue, starts_at=tomorrow_at(14))
    assert second.eligibility_basis == codes.EligibilityBasis.PRIORITY_GROUP


def test_a_cancelled_or_missed_free_session_does_not_use_it_up(adviser, customer, venue):
    first = book(adviser, customer, venue)
    services.session_booking_cancel(actor=adviser, booking=first)
    assert book(adviser, customer, venue, starts_at=tomorrow_at(14)).eligibility_basis == (
        codes.EligibilityBasis.FIRST_FREE_SESSION
    )


def test_fee_paying_instead_with_the_fee_capped(adviser, customer, venue, settings):
    settings.ADVICE_SESSION_PUBLIC_FUNDING_RATE = Decimal("45.00")
    book(adviser, customer, venue)
    with pytest.raises(ValidationError) as raised:
        book(adviser, customer, venue, starts_at=tomorrow_at(14), funding=FEE, fee=Decimal("60"))
    assert "£45.00 or less" in raised.value.message_dict["fee"][0]
    paid = book(adviser, customer, venue, starts_at=tomorrow_at(14), funding=FEE, fee=Decimal("45"))
    assert paid.fee == Decimal("45") and paid.eligibility_basis == codes.EligibilityBasis.FEE_PAYING


def test_telephone_sessions_are_free_need_no_venue_and_record_the_information_call(adviser, customer):
    call = Interaction.objects.create(
        customer=customer,
        channel=PHONE,
        interaction_type=codes.InteractionType.TELEPHONE_CALL,
        occurred_at=timezone.now() - datetime.timedelta(hours=1),
        adviser=adviser,
        organisation=adviser.organisation,
        reason=codes.ReasonForContact.DEVELOP_MY_CAREER,
        service_level=codes.ServiceLevel.INFORMATION,
        summary="Wants to talk through options",
    )
    with pytest.raises(ValidationError) as raised:
        book(adviser, customer, funding=FEE, fee=Decimal("10"))
    assert "free" in raised.value.message_dict["funding"][0]
    late = book(adviser, customer, information_call=call, starts_at=timezone.now() + datetime.timedelta(days=3))
    assert late.information_call == call and late.session.venue is None
    assert AuditEvent.objects.get(action="session.booked").details["outside_telephone_window"] is True
    asked = book(
        adviser,
        customer,
        information_call=call,
        later_time_requested=True,
        starts_at=timezone.now() + datetime.timedelta(days=4),
    )
    assert asked.later_time_requested
    assert AuditEvent.objects.filter(action="session.booked").latest("pk").details["outside_telephone_window"] is False


def test_bad_bookings_are_refused_field_by_field(adviser, customer, venue, north_west):
    other_venue = Venue.objects.create(
        organisation=north_west, name="Elsewhere", line_1="1 Road", town="Leeds", postcode="LS1 1UR"
    )
    with pytest.raises(ValidationError) as raised:
        book(
            adviser,
            customer,
            other_venue,
            starts_at=timezone.now() - datetime.timedelta(hours=1),
            duration_minutes=2,
            session_format=codes.SessionFormat.GROUP,
            capacity=1,
        )
    errors = raised.value.message_dict
    assert set(errors) >= {"venue", "starts_at", "duration_minutes", "capacity", "title"}


def test_only_staff_who_run_sessions_may_book(customer, venue, london):
    editor = make_staff(Role.CONTENT_EDITOR, organisation=london, mfa=False)
    with pytest.raises(PermissionDenied):
        book(editor, customer, venue)


def test_attendance_only_once_started_then_recorded_and_on_the_timeline(adviser, customer, venue):
    booking = book(adviser, customer, venue)
    with pytest.raises(ValidationError):
        services.session_booking_record_attendance(actor=adviser, booking=booking, attended=True)
    later = booking.session.starts_at + datetime.timedelta(minutes=30)
    with pytest.raises(ValidationError) as raised:
        services.session_booking_record_attendance(actor=adviser, booking=booking, attended=False, now=later)
    assert "reason" in raised.value.message_dict
    services.session_booking_record_attendance(
        actor=adviser, booking=booking, attended=False, reason=codes.NonAttendanceReason.WORK_RELATED, now=later
    )
    stored = SessionBooking.objects.get(pk=booking.pk)
    assert stored.status == codes.SessionStatus.DID_NOT_ATTEND and stored.status_recorded_by == adviser
    newest = selectors.customer_timeline(customer).entries[0]
    assert newest.kind == "session.did_not_attend" and "Work related" in newest.detail
    with pytest.raises(ValidationError):
        services.session_booking_record_attendance(actor=adviser, booking=booking, attended=True, now=later)


def test_rescheduling_links_the_new_booking_and_keeps_the_funding(adviser, customer, venue):
    booking = book(adviser, customer, venue)
    new_start = tomorrow_at(15) + datetime.timedelta(days=2)
    replacement = services.session_booking_reschedule(
        actor=adviser, booking=booking, starts_at=new_start, duration_minutes=45
    )
    old = SessionBooking.objects.get(pk=booking.pk)
    assert old.status == codes.SessionStatus.RESCHEDULED and old.rescheduled_to == replacement
    assert old.session.cancelled_at is not None
    assert replacement.session.starts_at == new_start and replacement.session.venue == venue
    assert replacement.eligibility_basis == booking.eligibility_basis
    kinds = [entry.kind for entry in selectors.customer_timeline(customer).entries]
    assert kinds == ["session.rescheduled", "session.booked"]


def test_a_group_session_takes_people_up_to_its_places_and_cancels_for_everyone(adviser, venue):
    first = book(
        adviser, CustomerFactory(), venue, session_format=codes.SessionFormat.GROUP, capacity=2, title="CV workshop"
    )
    session = first.session
    second_customer = CustomerFactory()
    services.session_booking_add(actor=adviser, session=session, customer=second_customer, funding=FUNDED)
    with pytest.raises(ValidationError) as raised:
        services.session_booking_add(actor=adviser, session=session, customer=second_customer, funding=FUNDED)
    assert "already has a place" in raised.value.message_dict["reference"][0]
    with pytest.raises(ValidationError) as raised:
        services.session_booking_add(actor=adviser, session=session, customer=CustomerFactory(), funding=FUNDED)
    assert "full" in raised.value.message_dict["reference"][0]
    services.advice_session_cancel(actor=adviser, session=session)
    assert set(session.bookings.values_list("status", flat=True)) == {codes.SessionStatus.CANCELLED}
    assert TimelineEvent.objects.filter(kind="session.cancelled").count() == 2


def test_a_terminated_record_cannot_be_booked(adviser, customer, venue):
    customer_services.customer_terminate(
        actor=adviser, customer=customer, reason=customer_codes.TerminationReason.CUSTOMER_CHOICE
    )
    customer.refresh_from_db()
    with pytest.raises(ValidationError):
        book(adviser, customer, venue)
