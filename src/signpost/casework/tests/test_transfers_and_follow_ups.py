"""Transfers to the area prime (in and out of hours) and follow-up calls: what is stored, which
tasks appear in whose queue, the customer's timeline and status history."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from signpost.casework import codes, selectors, services
from signpost.casework.models import FollowUpCall, Task, Transfer
from signpost.contacts import codes as contact_codes
from signpost.contacts import services as contact_services
from signpost.contacts.models import TimelineEvent
from signpost.core.models import AuditEvent
from signpost.core.working_days import LONDON
from signpost.customers import codes as customer_codes
from signpost.customers.models import Address, Customer
from signpost.organisations.models import Area
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db

FRIDAY_EVENING = datetime.datetime(2025, 8, 22, 17, 0, tzinfo=LONDON)  # before a bank holiday Monday
FRIDAY_AFTERNOON = datetime.datetime(2025, 8, 22, 16, 59, tzinfo=LONDON)


def in_london(customer: Customer) -> Customer:
    Address.objects.create(
        customer=customer,
        line_1="1 Test Street",
        postcode="SW1A 1AA",
        area=Area.LONDON,
        effective_from=datetime.date(2020, 1, 1),
    )
    return customer


def transfer(actor, customer, now, **fields):
    return services.transfer_request(
        actor=actor, customer=customer, context="Wants a face-to-face session about nursing", now=now, **fields
    )


def test_an_in_hours_transfer_goes_to_the_area_prime_without_a_task(national_adviser, customer, london):
    made = transfer(national_adviser, in_london(customer), FRIDAY_AFTERNOON)
    assert (made.to_organisation, made.from_organisation) == (london, national_adviser.organisation)
    assert made.task is None and made.status == codes.TransferStatus.REQUESTED
    assert list(selectors.incoming_transfers(london.pk)) == [made]
    event = TimelineEvent.objects.get(customer=customer, kind="transfer.requested")
    assert event.title == "Transferred to " + london.name
    assert AuditEvent.objects.filter(action="transfer.requested", actor=national_adviser).exists()


def test_an_out_of_hours_transfer_is_queued_for_the_primes_next_working_day(national_adviser, customer, london):
    made = transfer(national_adviser, in_london(customer), FRIDAY_EVENING)
    task = made.task
    assert task is not None and task.organisation == london
    assert task.task_type == codes.TaskType.QUEUED_TRANSFER
    assert task.available_from == datetime.datetime(2025, 8, 26, 9, tzinfo=LONDON)
    assert task.due_at == datetime.datetime(2025, 8, 27, 9, tzinfo=LONDON)
    assert task.details == "Wants a face-to-face session about nursing"


def test_the_adviser_chooses_the_prime_when_the_area_is_unknown(national_adviser, customer, north_west):
    with pytest.raises(ValidationError) as refused:
        transfer(national_adviser, customer, FRIDAY_AFTERNOON)
    assert "area is not known" in refused.value.message_dict["to_organisation"][0]
    made = transfer(national_adviser, customer, FRIDAY_AFTERNOON, to_organisation=north_west)
    assert made.to_organisation == north_west


def test_bad_transfer_input_is_refused_together(national_adviser, customer, national):
    with pytest.raises(ValidationError) as refused:
        services.transfer_request(
            actor=national_adviser,
            customer=customer,
            context="x" * 2001,
            to_organisation=national,
            requested_callback_at=FRIDAY_AFTERNOON - datetime.timedelta(hours=1),
            now=FRIDAY_AFTERNOON,
        )
    assert set(refused.value.message_dict) == {"context", "to_organisation", "requested_callback_at"}
    assert not Transfer.objects.exists()


def test_a_prime_cannot_transfer_to_itself(adviser, customer):
    with pytest.raises(ValidationError) as refused:
        transfer(adviser, in_london(customer), FRIDAY_AFTERNOON)
    assert "already with your organisation" in refused.value.message_dict["to_organisation"][0]


def test_claiming_and_completing_a_queued_transfer_accepts_it_and_records_the_callback(
    national_adviser, adviser, customer
):
    made = transfer(national_adviser, in_london(customer), FRIDAY_EVENING)
    services.task_claim(actor=adviser, task=made.task)
    made.refresh_from_db()
    assert made.status == codes.TransferStatus.ACCEPTED and made.accepted_by == adviser
    services.task_complete(actor=adviser, task=made.task, note="Booked a session at Brixton library")
    made.refresh_from_db()
    assert made.status == codes.TransferStatus.CALLED_BACK and made.called_back_by == adviser
    assert made.callback_note == "Booked a session at Brixton library"
    kinds = set(TimelineEvent.objects.filter(customer=customer).values_list("kind", flat=True))
    assert kinds == {"transfer.requested", "transfer.accepted", "transfer.called_back"}


def test_accept_then_record_the_callback(national_adviser, adviser, outsider, customer):
    made = transfer(national_adviser, in_london(customer), FRIDAY_AFTERNOON)
    with pytest.raises(PermissionDenied):
        services.transfer_accept(actor=outsider, transfer=made)
    with pytest.raises(PermissionDenied):
        services.transfer_accept(actor=national_adviser, transfer=made)
    accepted = services.transfer_accept(actor=adviser, transfer=made)
    with pytest.raises(ValidationError, match="already accepted"):
        services.transfer_accept(actor=adviser, transfer=made)
    with pytest.raises(ValidationError) as refused:
        services.transfer_callback_record(
            actor=adviser, transfer=made, called_back_at=timezone.now() + datetime.timedelta(hours=1), note=""
        )
    assert set(refused.value.message_dict) == {"called_back_at", "note"}
    called = services.transfer_callback_record(
        actor=adviser, transfer=made, called_back_at=timezone.now(), note="Booked a session"
    )
    assert called.accepted_at == accepted.accepted_at and called.status == codes.TransferStatus.CALLED_BACK


def contact(actor, customer, service_level=contact_codes.ServiceLevel.ADVICE, when=None):
    return contact_services.interaction_record(
        actor=actor,
        customer=customer,
        channel=contact_codes.Channel.TELEPHONE,
        interaction_type=contact_codes.InteractionType.TELEPHONE_CALL,
        reason=contact_codes.ReasonForContact.DEVELOP_MY_CAREER,
        service_level=service_level,
        summary="Talked about college courses.",
        occurred_at=when,
    )


def test_a_young_person_who_wants_a_follow_up_gets_one_call_in_their_window(adviser):
    today = timezone.localdate()
    fifteen = CustomerFactory(date_of_birth=today.replace(year=today.year - 15) - datetime.timedelta(days=10))
    interaction = contact(adviser, fifteen, contact_codes.ServiceLevel.INFORMATION)
    offer = services.follow_up_offer_record(actor=adviser, interaction=interaction, wanted=True)
    assert offer.service == codes.FollowUpService.YOUTH and offer.wanted
    call = FollowUpCall.objects.get()
    assert (call.window_opens, call.window_closes) == (
        today + datetime.timedelta(weeks=4),
        today + datetime.timedelta(weeks=6),
    )
    assert call.task.organisation == adviser.organisation and call.task.task_type == codes.TaskType.FOLLOW_UP_CALL
    assert timezone.localtime(call.task.available_from).date() == call.window_opens
    assert timezone.localtime(call.task.due_at).date() == call.window_closes
    assert TimelineEvent.objects.filter(customer=fifteen, kind="follow_up.wanted").exists()


def test_an_adult_after_advice_gets_three_call_backs_and_no_means_none(adviser, customer):
    first = contact(adviser, customer)
    services.follow_up_offer_record(actor=adviser, interaction=first, wanted=True)
    assert Task.objects.filter(task_type=codes.TaskType.FOLLOW_UP_CALL).count() == 3
    # Changing the answer to no cancels the calls not yet made.
    services.follow_up_offer_record(actor=adviser, interaction=first, wanted=False)
    assert set(FollowUpCall.objects.values_list("status", flat=True)) == {codes.FollowUpCallStatus.CANCELLED}
    assert set(Task.objects.values_list("status", flat=True)) == {codes.TaskStatus.CANCELLED}
    second = contact(adviser, customer)
    services.follow_up_offer_record(actor=adviser, interaction=second, wanted=False)
    assert FollowUpCall.objects.count() == 3


def test_an_adult_after_information_alone_is_not_offered(adviser, customer):
    interaction = contact(adviser, customer, contact_codes.ServiceLevel.INFORMATION)
    with pytest.raises(ValidationError, match="after advice"):
        services.follow_up_offer_record(actor=adviser, interaction=interaction, wanted=True)


def test_recording_a_follow_up_updates_the_status_history_and_can_stop_later_calls(adviser, outsider, customer):
    services.follow_up_offer_record(actor=adviser, interaction=contact(adviser, customer), wanted=True)
    first = FollowUpCall.objects.get(number=1)
    with pytest.raises(ValidationError) as refused:
        services.follow_up_call_record(actor=adviser, call=first, reached=True, note="x" * 2001)
    assert set(refused.value.message_dict) == {"note", "situation_change"}
    with pytest.raises(PermissionDenied):
        services.follow_up_call_record(
            actor=outsider, call=first, reached=True, situation_change=codes.SituationChange.NONE
        )
    services.follow_up_call_record(
        actor=adviser,
        call=first,
        reached=True,
        situation_change=codes.SituationChange.POSITIVE,
        employment_status=customer_codes.EmploymentStatusCode.APPRENTICESHIP,
        learning_status=customer_codes.LearningStatusCode.IN_LEARNING,
        note="Started an apprenticeship",
        no_more_calls=True,
    )
    first.refresh_from_db()
    assert (first.status, first.reached, first.situation_change) == (
        codes.FollowUpCallStatus.MADE,
        True,
        codes.SituationChange.POSITIVE,
    )
    assert first.task.status == codes.TaskStatus.DONE
    assert customer.employment_statuses.get().status == customer_codes.EmploymentStatusCode.APPRENTICESHIP
    assert customer.learning_statuses.get().status == customer_codes.LearningStatusCode.IN_LEARNING
    later = FollowUpCall.objects.exclude(pk=first.pk)
    assert {call.status for call in later} == {codes.FollowUpCallStatus.CANCELLED}
    event = TimelineEvent.objects.get(customer=customer, kind="follow_up.call_made")
    assert event.title == "Follow-up call: changed for the better"
    with pytest.raises(ValidationError, match="already recorded"):
        services.follow_up_call_record(actor=adviser, call=first, reached=False)


def test_take_up_is_the_share_of_eligible_contacts_that_opted_in(adviser, customer, london, north_west):
    for wanted in (True, False, False, True):
        services.follow_up_offer_record(actor=adviser, interaction=contact(adviser, customer), wanted=wanted)
    now = timezone.now()
    take_up = selectors.follow_up_take_up(london.pk, now - datetime.timedelta(days=1), now + datetime.timedelta(days=1))
    assert (take_up.offered, take_up.wanted, take_up.adult_offered, take_up.youth_offered) == (4, 2, 4, 0)
    assert take_up.overall == 0.5
    assert selectors.follow_up_take_up(north_west.pk, now - datetime.timedelta(days=1), now).offered == 0
