"""Anonymising a customer (domain.md §9): no personal data left anywhere, statistics kept."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from signpost import search
from signpost.accounts.roles import Role
from signpost.contacts import codes as contact_codes
from signpost.contacts.models import Interaction, InteractionSummarySent
from signpost.contacts.privacy import SUMMARY_REMOVED
from signpost.core.models import AuditEvent, Notification
from signpost.customers import codes, services
from signpost.customers.models import Address, ContactDetails, Customer, Diversity, IdentitySecret
from signpost.customers.rules import CustomerTerminated
from signpost.data_protection import codes as dp_codes
from signpost.data_protection.models import Anonymisation
from signpost.data_protection.services import customer_anonymise
from signpost.data_protection.tests.markers import FAMILY_NAME, GIVEN_NAME, marked_customer
from signpost.data_protection.tests.scan import find_text
from tests.factories import make_staff


@pytest.fixture
def adviser(london: Any) -> Any:
    return make_staff(Role.ADVISER, organisation=london)


@pytest.fixture
def national_admin(national: Any) -> Any:
    return make_staff(Role.SYSTEM_ADMINISTRATOR, organisation=national)


@pytest.mark.django_db(transaction=True)
def test_no_personal_data_remains_in_any_table_or_search_index(adviser: Any, national_admin: Any) -> None:
    marked = marked_customer(adviser, contacts=4)
    before = find_text(marked.markers + marked.unstored)
    # The scan sees every marker before (else it would prove nothing after); the memorable word
    # is only ever stored hashed.
    assert set(before) == {marker.lower() for marker in marked.markers}
    assert marked.customer.pk in search.find_ids(
        search.CUSTOMER_NAME, f"{GIVEN_NAME} {FAMILY_NAME}", model="customers.Customer"
    )

    customer_anonymise(
        actor=national_admin, customer=marked.customer, reason=dp_codes.AnonymisationReason.ERASURE_REQUEST
    )

    assert find_text(marked.markers + marked.unstored) == {}
    for name in (f"{GIVEN_NAME} {FAMILY_NAME}", GIVEN_NAME, FAMILY_NAME):
        assert marked.customer.pk not in search.find_ids(search.CUSTOMER_NAME, name, model="customers.Customer")


@pytest.mark.django_db
def test_statistics_are_kept(adviser: Any, national_admin: Any) -> None:
    marked = marked_customer(adviser, contacts=3)
    customer = marked.customer
    before = Address.objects.values("area", "local_authority", "effective_from").get(customer=customer)
    channels = sorted(
        Interaction.objects.filter(customer=customer).values_list("channel", "interaction_type", "occurred_at")
    )

    customer_anonymise(actor=national_admin, customer=customer, reason=dp_codes.AnonymisationReason.ERASURE_REQUEST)

    customer.refresh_from_db()
    assert (customer.given_name, customer.family_name, customer.date_of_birth) == ("Anonymised", "customer", None)
    assert customer.gender == codes.Gender.ANOTHER_GENDER
    assert customer.customer_type == codes.CustomerType.ADULT
    # Contacts stay for the statistics, without what was said; the age at the time as a band.
    assert (
        sorted(Interaction.objects.filter(customer=customer).values_list("channel", "interaction_type", "occurred_at"))
        == channels
    )
    assert set(Interaction.objects.filter(customer=customer).values_list("summary", "transcript")) == {
        (SUMMARY_REMOVED, "")
    }
    assert set(Interaction.objects.filter(customer=customer).values_list("age_band", flat=True)) == {
        contact_codes.AgeBand.AGED_25_TO_49
    }
    # The postcode district, local authority and area stay; the address lines go.
    address = Address.objects.get(customer=customer)
    assert (address.postcode, address.line_1, address.town, address.latitude) == ("SW1A", "", "", None)
    assert (address.area, address.local_authority, address.effective_from) == tuple(before.values())
    assert not ContactDetails.objects.filter(customer=customer).exists()
    assert not Diversity.objects.filter(customer=customer).exists()
    assert not IdentitySecret.objects.filter(customer=customer).exists()
    assert set(
        InteractionSummarySent.objects.filter(interaction__customer=customer).values_list("sent_to", flat=True)
    ) == {""}
    messages = Notification.objects.filter(about_type="customers.customer", about_id=str(customer.pk))
    assert messages.count() == 3
    assert set(messages.values_list("recipient", "subject", "body")) == {("", "", "")}
    assert customer.employment_statuses.get().status == codes.EmploymentStatusCode.EMPLOYED
    assert customer.employment_statuses.get().employer_name == ""


@pytest.mark.django_db
def test_the_record_becomes_read_only_and_the_anonymisation_is_audited(adviser: Any, national_admin: Any) -> None:
    marked = marked_customer(adviser, contacts=1)
    customer_anonymise(
        actor=national_admin, customer=marked.customer, reason=dp_codes.AnonymisationReason.ERASURE_REQUEST
    )
    customer = Customer.objects.get(pk=marked.customer.pk)
    assert customer.is_terminated
    assert customer.termination_reason == codes.TerminationReason.CUSTOMER_CHOICE
    with pytest.raises(CustomerTerminated):
        services.customer_update_identity(actor=adviser, customer=customer, given_name="Someone")
    anonymisation = Anonymisation.objects.get(customer=customer)
    assert (anonymisation.anonymised_by, anonymisation.reason) == (national_admin, 1)
    event = AuditEvent.objects.get(action="customer.anonymised")
    assert (event.actor, event.object_id) == (national_admin, str(customer.pk))
    assert event.details["reason"] == 1
    assert event.details["rows"]["contacts.interaction"] == 1
    # Nothing from the record in the audit event.
    assert GIVEN_NAME.lower() not in str(event.details).lower()


@pytest.mark.django_db
def test_a_record_is_anonymised_once(adviser: Any, national_admin: Any) -> None:
    marked = marked_customer(adviser, contacts=0)
    customer_anonymise(
        actor=national_admin, customer=marked.customer, reason=dp_codes.AnonymisationReason.ERASURE_REQUEST
    )
    with pytest.raises(ValidationError, match="already been anonymised"):
        customer_anonymise(
            actor=national_admin, customer=marked.customer, reason=dp_codes.AnonymisationReason.ERASURE_REQUEST
        )
    assert AuditEvent.objects.filter(action="customer.anonymised").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["adviser", "london_admin", "nobody"])
def test_only_a_national_administrator_anonymises(who: str, adviser: Any, london: Any) -> None:
    marked = marked_customer(adviser, contacts=0)
    actor = {
        "adviser": adviser,
        "london_admin": make_staff(Role.SYSTEM_ADMINISTRATOR, organisation=london),
        "nobody": None,
    }[who]
    with pytest.raises(PermissionDenied):
        customer_anonymise(actor=actor, customer=marked.customer, reason=dp_codes.AnonymisationReason.ERASURE_REQUEST)
    marked.customer.refresh_from_db()
    assert marked.customer.given_name == GIVEN_NAME
    assert not Anonymisation.objects.exists()


@pytest.mark.django_db
def test_the_retention_job_anonymises_without_a_person(adviser: Any) -> None:
    marked = marked_customer(adviser, contacts=0)
    customer_anonymise(actor=None, customer=marked.customer, reason=dp_codes.AnonymisationReason.RETENTION_PERIOD)
    customer = Customer.objects.get(pk=marked.customer.pk)
    assert customer.termination_reason == codes.TerminationReason.OTHER
    assert AuditEvent.objects.get(action="customer.anonymised").actor is None
