"""Writes about contacts: what is stored, what is audited, what is sent and what is refused."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from signpost.contacts import codes, rules, services
from signpost.contacts.models import Interaction, InteractionSummarySent, ServiceImprovementAsk
from signpost.core.models import AuditEvent, Notification
from signpost.customers import codes as customer_codes
from signpost.customers import selectors as customer_selectors
from signpost.customers.models import Customer
from tests.factories import CustomerFactory

from .conftest import reachable

pytestmark = pytest.mark.django_db

CALL: dict[str, Any] = {
    "channel": codes.Channel.TELEPHONE,
    "interaction_type": codes.InteractionType.TELEPHONE_CALL,
    "reason": codes.ReasonForContact.DEVELOP_MY_CAREER,
    "service_level": codes.ServiceLevel.ADVICE,
}


def record(actor, customer, **fields):
    values = {**CALL, "summary": "Talked about becoming a nurse.", **fields}
    return services.interaction_record(actor=actor, customer=customer, **values)


def actions(customer: Customer) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type="customers.customer", object_id=str(customer.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


class TestInteractionRecord:
    def test_stores_the_contact_with_the_advisers_organisation_and_audits_it(self, adviser, customer):
        interaction = record(
            adviser, customer, line_or_campaign=" Adult line ", language="Polish", interpreter_used=True
        )
        stored = Interaction.objects.get(pk=interaction.pk)
        assert stored.customer == customer and stored.adviser == adviser
        assert stored.organisation == adviser.organisation
        assert stored.line_or_campaign == "Adult line" and stored.language == "Polish" and stored.interpreter_used
        assert abs(stored.occurred_at - timezone.now()) < datetime.timedelta(minutes=1)
        assert stored.anonymous is False
        event = AuditEvent.objects.get(action="interaction.recorded")
        assert (event.actor, event.object_id) == (adviser, str(customer.pk))
        assert event.details == {"interaction": interaction.pk, "channel": 2, "type": 5}
        # What was said never goes into the audit log.
        assert "nurse" not in str(event.details)

    def test_a_summary_is_required_and_nothing_is_stored_without_one(self, adviser, customer):
        with pytest.raises(ValidationError) as excinfo:
            record(adviser, customer, summary="  ")
        assert excinfo.value.message_dict == {"summary": ["Enter a summary of the discussion"]}
        assert not Interaction.objects.exists() and not AuditEvent.objects.exists()

    def test_every_problem_is_reported_at_once(self, adviser, customer):
        with pytest.raises(ValidationError) as excinfo:
            record(
                adviser,
                customer,
                summary="x" * 4001,
                transcript="Customer: hello",
                occurred_at=timezone.now() + datetime.timedelta(hours=1),
                line_or_campaign="x" * 101,
            )
        assert set(excinfo.value.message_dict) == {"summary", "transcript", "occurred_at", "line_or_campaign"}

    def test_a_transcript_is_kept_for_a_web_chat(self, adviser, customer):
        interaction = record(
            adviser, customer, channel=codes.Channel.WEBCHAT, transcript="Customer: hello\nAdviser: hi"
        )
        assert Interaction.objects.get(pk=interaction.pk).transcript == "Customer: hello\nAdviser: hi"

    def test_the_database_refuses_a_transcript_on_a_phone_call_even_past_the_service(self, adviser, customer):
        interaction = record(adviser, customer)
        interaction.transcript = "words"
        with pytest.raises(ValidationError):
            interaction.full_clean()

    def test_refused_on_a_terminated_record(self, adviser, customer):
        customer.terminated_at = timezone.now()
        customer.termination_reason = customer_codes.TerminationReason.CUSTOMER_CHOICE
        customer.save()
        with pytest.raises(ValidationError):
            record(adviser, customer)
        assert not Interaction.objects.exists()

    def test_needs_a_signed_in_actor(self, customer):
        with pytest.raises(PermissionDenied):
            record(None, customer)


class TestAnonymousEnquiries:
    def enquiry(self, adviser, **fields):
        values = {
            **CALL,
            "customer_type": customer_codes.CustomerType.PARENT_OR_GUARDIAN,
            "age_band": codes.AgeBand.AGED_16_TO_17,
            "area": 103,
            **fields,
        }
        return services.anonymous_enquiry_record(actor=adviser, **values)

    def test_demographics_only_and_no_summary_needed(self, adviser):
        interaction = self.enquiry(adviser)
        stored = Interaction.objects.get(pk=interaction.pk)
        assert stored.customer is None and stored.anonymous is True
        assert (stored.customer_type, stored.age_band, stored.area) == (3, 2, 103)
        event = AuditEvent.objects.get(action="interaction.anonymous_recorded")
        assert (event.object_type, event.object_id) == ("contacts.interaction", str(interaction.pk))

    def test_attach_moves_it_to_the_record_and_audits_on_the_customer(self, adviser, customer):
        interaction = self.enquiry(adviser, summary="Asked about apprenticeships")
        attached = services.anonymous_enquiry_attach(actor=adviser, interaction=interaction, customer=customer)
        stored = Interaction.objects.get(pk=attached.pk)
        assert stored.customer == customer and stored.anonymous is True
        assert stored.attached_by == adviser and stored.attached_at is not None
        assert actions(customer) == ["interaction.anonymous_attached"]

    def test_attach_needs_a_summary_when_the_enquiry_has_none(self, adviser, customer):
        interaction = self.enquiry(adviser)
        with pytest.raises(ValidationError) as excinfo:
            services.anonymous_enquiry_attach(actor=adviser, interaction=interaction, customer=customer)
        assert excinfo.value.message_dict == {"summary": ["Enter a summary of the discussion"]}
        assert Interaction.objects.get(pk=interaction.pk).customer is None
        services.anonymous_enquiry_attach(actor=adviser, interaction=interaction, customer=customer, summary="Courses")
        assert Interaction.objects.get(pk=interaction.pk).summary == "Courses"

    def test_an_enquiry_is_attached_once(self, adviser, customer):
        interaction = self.enquiry(adviser, summary="Asked")
        services.anonymous_enquiry_attach(actor=adviser, interaction=interaction, customer=customer)
        with pytest.raises(ValidationError, match="already attached"):
            services.anonymous_enquiry_attach(actor=adviser, interaction=interaction, customer=CustomerFactory())
        assert Interaction.objects.get(pk=interaction.pk).customer == customer


class TestSummarySend:
    def test_email_goes_to_the_outbox_with_the_transcript(self, adviser, customer):
        reachable(customer, customer_codes.ContactMethod.EMAIL)
        interaction = record(adviser, customer, channel=codes.Channel.EMAIL, transcript="Customer: can I retrain?")
        sent = services.interaction_summary_send(actor=adviser, interaction=interaction)
        notification = Notification.objects.get()
        assert (notification.channel, notification.recipient) == ("email", "ada@example.com")
        assert notification.reference == f"interaction-{interaction.pk}"
        assert "Talked about becoming a nurse." in notification.body
        assert "Customer: can I retrain?" in notification.body
        assert notification.body.startswith("Dear Ada,")
        assert customer.display_reference in notification.body
        stored = InteractionSummarySent.objects.get()
        assert stored == sent and stored.notification == notification and stored.included_transcript
        assert (stored.channel, stored.sent_to, stored.sent_by) == ("email", "ada@example.com", adviser)
        assert actions(customer)[-1] == "interaction.summary_sent"
        assert AuditEvent.objects.get(action="interaction.summary_sent").details == {
            "interaction": interaction.pk,
            "channel": "email",
            "transcript": True,
        }

    def test_text_message_carries_the_summary_without_the_transcript(self, adviser, customer):
        reachable(customer, customer_codes.ContactMethod.SMS)
        interaction = record(adviser, customer, channel=codes.Channel.SMS, transcript="Customer: hi")
        sent = services.interaction_summary_send(actor=adviser, interaction=interaction)
        notification = Notification.objects.get()
        assert (notification.channel, notification.recipient) == ("sms", "+447700900123")
        assert "Talked about becoming a nurse." in notification.body and "Customer: hi" not in notification.body
        assert sent.included_transcript is False

    def test_too_long_for_a_text_message_is_refused(self, adviser, customer):
        reachable(customer, customer_codes.ContactMethod.MOBILE)
        interaction = record(adviser, customer, summary="word " * 300)
        with pytest.raises(rules.SummaryRefused, match="too long for a text message"):
            services.interaction_summary_send(actor=adviser, interaction=interaction)
        assert not Notification.objects.exists() and not InteractionSummarySent.objects.exists()

    def test_post_is_a_letter_to_the_current_address(self, adviser, customer):
        reachable(customer, customer_codes.ContactMethod.POST)
        interaction = record(adviser, customer)
        services.interaction_summary_send(actor=adviser, interaction=interaction)
        notification = Notification.objects.get()
        assert notification.channel == "letter"
        assert notification.recipient == "Ada Lovelace\n12 Analytical Row\nLondon\nSW1A 1AA"

    def test_refused_when_the_customer_has_not_allowed_the_channel(self, adviser, customer):
        reachable(customer, customer_codes.ContactMethod.EMAIL, may_contact_by_email=False)
        interaction = record(adviser, customer)
        with pytest.raises(rules.SummaryRefused, match="not agreed to be contacted by email"):
            services.interaction_summary_send(actor=adviser, interaction=interaction)
        assert not Notification.objects.exists()
        assert "interaction.summary_sent" not in actions(customer)

    def test_refused_for_an_anonymous_enquiry(self, adviser):
        interaction = services.anonymous_enquiry_record(actor=adviser, **CALL)
        with pytest.raises(rules.SummaryRefused, match="Attach this enquiry"):
            services.interaction_summary_send(actor=adviser, interaction=interaction)


@pytest.mark.django_db(transaction=True)
def test_the_summary_is_delivered_by_the_background_worker(run_tasks, london):
    from signpost.accounts.roles import Role
    from tests.factories import make_staff

    adviser = make_staff(Role.ADVISER, organisation=london, mfa=False)
    customer = reachable(CustomerFactory(given_name="Ada", family_name="Lovelace"))
    interaction = record(adviser, customer)
    services.interaction_summary_send(actor=adviser, interaction=interaction)
    run_tasks()
    assert Notification.objects.get().status == Notification.Status.DELIVERED


class TestServiceImprovement:
    def test_answers_go_to_the_record_through_its_services(self, adviser, customer):
        interaction = record(adviser, customer)
        services.service_improvement_record(
            actor=adviser,
            customer=customer,
            interaction=interaction,
            introduced_by=customer_codes.IntroducedBy.JOBCENTRE_PLUS,
            introduced_by_detail="Work coach",
            employment_status=customer_codes.EmploymentStatusCode.UNEMPLOYED,
            learning_status=customer_codes.LearningStatusCode.NOT_IN_LEARNING,
        )
        customer.refresh_from_db()
        assert (customer.introduced_by, customer.introduced_by_detail) == (10, "Work coach")
        current = customer_selectors.current_statuses(customer)
        assert current.employment.status == 11 and current.learning.status == 2
        ask = ServiceImprovementAsk.objects.get()
        assert (ask.outcome, ask.interaction, ask.recorded_by) == (
            codes.ServiceImprovementOutcome.ANSWERED,
            interaction,
            adviser,
        )
        assert actions(customer) == [
            "interaction.recorded",
            "customer.identity_updated",
            "customer.employment_status_recorded",
            "customer.learning_status_recorded",
            "interaction.service_improvement_answered",
        ]
        assert rules.service_improvement_due(customer) is False

    def test_an_unchanged_status_adds_no_history_entry(self, adviser, customer):
        services.service_improvement_record(
            actor=adviser, customer=customer, employment_status=customer_codes.EmploymentStatusCode.EMPLOYED
        )
        services.service_improvement_record(
            actor=adviser, customer=customer, employment_status=customer_codes.EmploymentStatusCode.EMPLOYED
        )
        assert customer.employment_statuses.count() == 1
        assert ServiceImprovementAsk.objects.count() == 2

    def test_ask_later_is_recorded_and_keeps_them_due(self, adviser, customer):
        interaction = record(adviser, customer)
        services.service_improvement_ask_later(actor=adviser, customer=customer, interaction=interaction)
        assert ServiceImprovementAsk.objects.get().outcome == codes.ServiceImprovementOutcome.ASK_LATER
        assert actions(customer)[-1] == "interaction.service_improvement_deferred"
        assert rules.service_improvement_due(customer) is True

    def test_a_bad_answer_stores_nothing(self, adviser, customer):
        with pytest.raises(ValidationError):
            services.service_improvement_record(
                actor=adviser,
                customer=customer,
                introduced_by_detail="x" * 101,
                employment_status=customer_codes.EmploymentStatusCode.EMPLOYED,
            )
        assert not ServiceImprovementAsk.objects.exists() and customer.employment_statuses.count() == 0
