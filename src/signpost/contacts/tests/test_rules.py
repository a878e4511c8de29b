"""The rules of contacts: text fields, transcripts, the service-improvement period, summary routes."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from signpost.contacts import codes, rules
from signpost.contacts.models import ServiceImprovementAsk
from signpost.contacts.rules import SummaryRefused
from signpost.core.models import Notification
from signpost.customers import codes as customer_codes
from signpost.customers.models import ContactDetails
from signpost.customers.selectors import contact_details_of, current_address

from .conftest import reachable

Method = customer_codes.ContactMethod


def test_summary_is_required_for_a_known_customer_but_not_for_an_anonymous_enquiry():
    required = rules.validate_interaction_text(
        channel=codes.Channel.TELEPHONE, summary="   ", transcript="", summary_required=True
    )
    assert required == {"summary": ["Enter a summary of the discussion"]}
    assert (
        rules.validate_interaction_text(
            channel=codes.Channel.TELEPHONE, summary="", transcript="", summary_required=False
        )
        == {}
    )


def test_summary_is_at_most_4000_characters():
    ok = rules.validate_interaction_text(channel=2, summary="x" * 4000, transcript="", summary_required=True)
    too_long = rules.validate_interaction_text(channel=2, summary="x" * 4001, transcript="", summary_required=True)
    assert ok == {}
    assert too_long == {"summary": ["The summary must be 4000 characters or fewer"]}


@pytest.mark.parametrize("channel", sorted(codes.TRANSCRIPT_CHANNELS))
def test_a_transcript_is_allowed_and_optional_on_written_channels(channel):
    for transcript in ("", "Adviser: hello\nCustomer: hi"):
        assert (
            rules.validate_interaction_text(
                channel=channel, summary="Talked", transcript=transcript, summary_required=True
            )
            == {}
        )


@pytest.mark.parametrize("channel", sorted(set(codes.Channel) - codes.TRANSCRIPT_CHANNELS))
def test_a_transcript_is_refused_on_spoken_and_other_channels(channel):
    errors = rules.validate_interaction_text(
        channel=channel, summary="Talked", transcript="words", summary_required=True
    )
    assert errors["transcript"][0].startswith("Only add a transcript for a contact by web chat, email")
    # An empty transcript box is not an error on any channel.
    assert (
        rules.validate_interaction_text(channel=channel, summary="Talked", transcript="  ", summary_required=True) == {}
    )


def test_the_time_of_a_contact_may_not_be_in_the_future_beyond_clock_skew():
    now = timezone.now()
    rules.validate_occurred_at(now + datetime.timedelta(minutes=4), now=now)
    with pytest.raises(rules.ValidationError):
        rules.validate_occurred_at(now + datetime.timedelta(minutes=6), now=now)


@pytest.mark.django_db
class TestServiceImprovementDue:
    def ask(self, customer, adviser, outcome, on: datetime.date):
        when = timezone.make_aware(datetime.datetime.combine(on, datetime.time(10)))
        return ServiceImprovementAsk.objects.create(
            customer=customer, outcome=outcome, recorded_at=when, recorded_by=adviser
        )

    def test_due_when_never_asked(self, customer):
        assert rules.service_improvement_due(customer, datetime.date(2025, 6, 1)) is True

    def test_not_due_within_twelve_months_of_an_answer(self, customer, adviser):
        self.ask(customer, adviser, codes.ServiceImprovementOutcome.ANSWERED, datetime.date(2024, 6, 2))
        assert rules.service_improvement_due(customer, datetime.date(2025, 6, 1)) is False

    def test_due_again_twelve_months_after_an_answer(self, customer, adviser):
        self.ask(customer, adviser, codes.ServiceImprovementOutcome.ANSWERED, datetime.date(2024, 6, 1))
        assert rules.service_improvement_due(customer, datetime.date(2025, 6, 1)) is True

    def test_an_answer_on_29_february_lasts_to_the_end_of_february(self, customer, adviser):
        self.ask(customer, adviser, codes.ServiceImprovementOutcome.ANSWERED, datetime.date(2024, 2, 29))
        assert rules.service_improvement_due(customer, datetime.date(2025, 2, 28)) is False
        assert rules.service_improvement_due(customer, datetime.date(2025, 3, 1)) is True

    def test_ask_later_keeps_the_questions_due(self, customer, adviser):
        self.ask(customer, adviser, codes.ServiceImprovementOutcome.ASK_LATER, datetime.date(2025, 5, 31))
        assert rules.service_improvement_due(customer, datetime.date(2025, 6, 1)) is True

    def test_another_customers_answer_does_not_count(self, customer, adviser):
        from tests.factories import CustomerFactory

        self.ask(CustomerFactory(), adviser, codes.ServiceImprovementOutcome.ANSWERED, datetime.date(2025, 5, 31))
        assert rules.service_improvement_due(customer, datetime.date(2025, 6, 1)) is True

    def test_never_due_on_a_terminated_record(self, customer):
        customer.terminated_at = timezone.now()
        customer.termination_reason = customer_codes.TerminationReason.DECEASED
        customer.save()
        assert rules.service_improvement_due(customer, datetime.date(2025, 6, 1)) is False


@pytest.mark.django_db
class TestSummaryDestination:
    def destination(self, customer):
        return rules.summary_destination(customer, contact_details_of(customer), current_address(customer))

    def test_email(self, customer):
        result = self.destination(reachable(customer, Method.EMAIL))
        assert (result.channel, result.method, result.to) == (Notification.Channel.EMAIL, "email", "ada@example.com")

    @pytest.mark.parametrize("method", [Method.MOBILE, Method.SMS])
    def test_mobile_or_text_message_goes_by_text(self, customer, method):
        result = self.destination(reachable(customer, method))
        assert (result.channel, result.to) == (Notification.Channel.SMS, "+447700900123")

    def test_post_goes_to_the_current_address_with_the_name_first_and_postcode_last(self, customer):
        result = self.destination(reachable(customer, Method.POST))
        assert result.channel == Notification.Channel.LETTER
        assert result.address_lines == ("Ada Lovelace", "12 Analytical Row", "London", "SW1A 1AA")
        assert result.shown_to == "Ada Lovelace, 12 Analytical Row, London, SW1A 1AA"

    def test_no_contact_details(self, customer):
        with pytest.raises(SummaryRefused, match="preferred contact method is not recorded") as excinfo:
            self.destination(customer)
        assert excinfo.value.code == "no_method"

    @pytest.mark.parametrize("method", [Method.TELEPHONE, Method.WHATSAPP, Method.NOT_KNOWN])
    def test_methods_that_cannot_carry_a_summary(self, customer, method):
        with pytest.raises(SummaryRefused) as excinfo:
            self.destination(reachable(customer, method))
        assert excinfo.value.code == "no_method"

    @pytest.mark.parametrize(
        ("method", "fields", "code"),
        [
            (Method.EMAIL, {"email": ""}, "no_email"),
            (Method.EMAIL, {"may_contact_by_email": False}, "email_refused"),
            (Method.SMS, {"mobile": ""}, "no_mobile"),
            (Method.MOBILE, {"may_contact_by_sms": False}, "sms_refused"),
            (Method.POST, {"may_contact_by_post": False}, "post_refused"),
        ],
    )
    def test_refused_without_the_detail_or_the_permission(self, customer, method, fields, code):
        with pytest.raises(SummaryRefused) as excinfo:
            self.destination(reachable(customer, method, **fields))
        assert excinfo.value.code == code
        assert "Ada Lovelace" in excinfo.value.messages[0]

    def test_post_without_a_current_address(self, customer):
        ContactDetails.objects.create(customer=customer, preferred_method=Method.POST, may_contact_by_post=True)
        with pytest.raises(SummaryRefused, match="no current address") as excinfo:
            self.destination(customer)
        assert excinfo.value.code == "no_address"
