"""Writes to the customer record: what is stored, what is audited, and what is refused."""

from __future__ import annotations

import dataclasses
import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers import serialize
from django.utils import timezone

from signpost.accounts.roles import Role
from signpost.core.models import AuditEvent
from signpost.customers import codes, selectors, services
from signpost.customers.models import (
    REFERENCE_ALPHABET,
    AreaRouting,
    Customer,
    Diversity,
    IdentityCheck,
    IdentitySecret,
)
from signpost.customers.rules import CustomerTerminated
from tests.factories import CustomerFactory, make_staff

pytestmark = pytest.mark.django_db

ADULT_DOB = datetime.date(1990, 5, 17)


def events_for(customer: Customer) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(object_type="customers.customer", object_id=str(customer.pk)))


def test_create_stores_the_record_with_a_readable_reference_and_audits_it(adviser):
    customer = services.customer_create(
        actor=adviser,
        given_name=" Ada ",
        family_name="Lovelace",
        date_of_birth=ADULT_DOB,
        unique_learner_number="1234567890",
        introduced_by=codes.IntroducedBy.WORD_OF_MOUTH,
        introduced_by_detail="A friend",
    )
    stored = Customer.objects.get(pk=customer.pk)
    assert stored.given_name == "Ada"
    assert stored.date_registered == timezone.localdate()
    assert len(stored.reference) == 8 and set(stored.reference) <= set(REFERENCE_ALPHABET)
    assert stored.display_reference == f"{stored.reference[:4]}-{stored.reference[4:]}"
    [event] = events_for(customer)
    assert (event.action, event.actor) == ("customer.created", adviser)


def test_create_reports_every_problem_by_field_and_stores_nothing(adviser):
    too_young = timezone.localdate().replace(year=timezone.localdate().year - 12)
    with pytest.raises(ValidationError) as excinfo:
        services.customer_create(
            actor=adviser, given_name="", family_name="x" * 101, date_of_birth=too_young, unique_learner_number="12"
        )
    assert set(excinfo.value.message_dict) == {"given_name", "family_name", "date_of_birth", "unique_learner_number"}
    assert Customer.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_every_service_needs_a_signed_in_actor():
    with pytest.raises(PermissionDenied):
        services.customer_create(actor=None, given_name="Ada", family_name="Lovelace")
    with pytest.raises(PermissionDenied):
        services.customer_record_viewed(actor=None, customer=CustomerFactory())


def test_update_identity_audits_the_names_of_changed_fields_not_their_values(adviser):
    customer = CustomerFactory(given_name="Ada", family_name="Byron")
    services.customer_update_identity(actor=adviser, customer=customer, family_name="Lovelace", given_name="Ada")
    customer.refresh_from_db()
    assert customer.family_name == "Lovelace"
    [event] = events_for(customer)
    assert event.action == "customer.identity_updated"
    assert event.details == {"fields": ["family_name"]}
    assert "Lovelace" not in json.dumps(event.details)


def test_contact_details_are_normalised_and_audited_without_values(adviser):
    customer = CustomerFactory()
    details = services.contact_details_set(
        actor=adviser,
        customer=customer,
        preferred_method=codes.ContactMethod.SMS,
        mobile="+44 (0)7700 900123",
        home_phone="(020) 7946 0000 ext 42",
        email="Ada@Example.com",
        may_contact_by_sms=True,
        interpreter_needed=True,
    )
    details.refresh_from_db()
    assert (details.mobile, details.home_phone, details.home_phone_extension) == (
        "+447700900123",
        "+442079460000",
        "42",
    )
    assert details.email == "ada@example.com"
    [event] = events_for(customer)
    assert event.action == "customer.contact_details_set"
    assert "email" in event.details["fields"]
    assert "ada@example.com" not in json.dumps(event.details)


def test_contact_details_refused_keep_the_old_ones(adviser):
    customer = CustomerFactory()
    services.contact_details_set(actor=adviser, customer=customer, email="ada@example.com")
    with pytest.raises(ValidationError) as excinfo:
        services.contact_details_set(
            actor=adviser, customer=customer, preferred_method=codes.ContactMethod.MOBILE, mobile="020 7946 0000"
        )
    assert "UK mobile" in excinfo.value.message_dict["mobile"][0]
    assert "mobile number" in excinfo.value.message_dict["preferred_method"][0]
    assert selectors.contact_details_of(customer).email == "ada@example.com"


def test_duplicate_email_refused_unless_the_other_record_is_terminated(adviser):
    first, second = CustomerFactory(), CustomerFactory()
    services.contact_details_set(actor=adviser, customer=first, email="ada@example.com")
    with pytest.raises(ValidationError) as excinfo:
        services.contact_details_set(actor=adviser, customer=second, email="ADA@example.com")
    assert excinfo.value.message_dict["email"] == ["Another customer already has this email address."]
    services.customer_terminate(actor=adviser, customer=first, reason=codes.TerminationReason.DUPLICATE)
    services.contact_details_set(actor=adviser, customer=second, email="ADA@example.com")
    assert selectors.contact_details_of(second).email == "ada@example.com"


def test_post_as_preferred_method_needs_a_current_address(adviser):
    customer = CustomerFactory()
    with pytest.raises(ValidationError, match="current address"):
        services.contact_details_set(actor=adviser, customer=customer, preferred_method=codes.ContactMethod.POST)
    services.address_add(actor=adviser, customer=customer, line_1="1 High Street", postcode="m11ae")
    services.contact_details_set(actor=adviser, customer=customer, preferred_method=codes.ContactMethod.POST)


def test_address_is_placed_and_routed_from_its_postcode(adviser, postcode_districts):
    customer = CustomerFactory()
    address = services.address_add(actor=adviser, customer=customer, line_1="Buckingham Palace", postcode="sw1a1aa")
    address.refresh_from_db()
    assert address.postcode == "SW1A 1AA"
    assert float(address.latitude) == pytest.approx(51.501, abs=0.001)
    assert float(address.longitude) == pytest.approx(-0.1416, abs=0.001)
    assert (address.local_authority, address.area) == ("E09000033", 103)
    assert events_for(customer)[0].action == "customer.address_added"


def test_loaded_area_routing_takes_precedence_over_the_shipped_facts(adviser, postcode_districts):
    AreaRouting.objects.create(
        local_authority="E09000033", name="Westminster", touchpoint_id="0000000107", area=107, loaded_at=timezone.now()
    )
    address = services.address_add(
        actor=adviser, customer=CustomerFactory(), line_1="1 Parliament St", postcode="SW1A 1AA"
    )
    assert address.area == 107


def test_without_the_postcode_district_table_an_address_is_placed_but_not_routed(adviser):
    address = services.address_add(
        actor=adviser, customer=CustomerFactory(), line_1="Buckingham Palace", postcode="sw1a1aa"
    )
    address.refresh_from_db()
    assert float(address.latitude) == pytest.approx(51.501, abs=0.001)
    assert (address.local_authority, address.area) == ("", None)


def test_a_move_ends_the_previous_address_and_keeps_it(adviser):
    customer = CustomerFactory()
    first = services.address_add(
        actor=adviser,
        customer=customer,
        line_1="1 High St",
        postcode="M1 1AE",
        effective_from=datetime.date(2020, 1, 1),
    )
    second = services.address_add(
        actor=adviser, customer=customer, line_1="2 Low St", postcode="B1 1AY", effective_from=datetime.date(2024, 6, 1)
    )
    first.refresh_from_db()
    assert first.effective_to == datetime.date(2024, 5, 31)
    assert selectors.current_address(customer) == second
    assert selectors.current_address(customer, on=datetime.date(2021, 1, 1)) == first
    services.address_end(actor=adviser, address=second, effective_to=datetime.date(2025, 1, 1))
    assert selectors.current_address(customer) is None


def test_made_up_postcode_and_long_lines_are_refused(adviser):
    customer = CustomerFactory()
    with pytest.raises(ValidationError) as excinfo:
        services.address_add(actor=adviser, customer=customer, line_1="x" * 101, postcode="ZZ99 9ZZ")
    assert set(excinfo.value.message_dict) == {"line_1", "postcode"}
    assert customer.addresses.count() == 0


def test_diversity_consent_is_timestamped_and_values_need_it(adviser):
    customer = CustomerFactory()
    with pytest.raises(ValidationError, match="consent to collect ethnicity"):
        services.diversity_set(
            actor=adviser, customer=customer, health_consent=False, ethnicity_consent=False, ethnicity=31
        )
    diversity = services.diversity_set(
        actor=adviser,
        customer=customer,
        health_consent=True,
        disability_declaration=1,
        primary_disability=codes.DisabilityType.AUTISM_SPECTRUM,
        ethnicity_consent=True,
        ethnicity=codes.Ethnicity.WHITE_IRISH,
    )
    assert diversity.health_consent_at is not None and diversity.ethnicity_consent_at is not None
    event = events_for(customer)[0]
    assert event.action == "customer.diversity_set"
    assert "ethnicity" in event.details["fields"] and "32" not in json.dumps(event.details)
    withdrawn = services.diversity_set(actor=adviser, customer=customer, health_consent=False, ethnicity_consent=False)
    assert withdrawn.ethnicity == codes.Ethnicity.NOT_PROVIDED and withdrawn.ethnicity_consent_at is None


@pytest.mark.parametrize("role", [Role.MANAGER, Role.QUALITY_AUDITOR, Role.CONTENT_EDITOR, Role.SYSTEM_ADMINISTRATOR])
def test_diversity_is_refused_to_roles_without_special_category_access(role, london):
    customer = CustomerFactory()
    staff = make_staff(role, organisation=london, mfa=False)
    with pytest.raises(PermissionDenied, match="diversity"):
        services.diversity_set(actor=staff, customer=customer, health_consent=True, ethnicity_consent=False)
    assert not Diversity.objects.filter(customer=customer).exists()
    assert not AuditEvent.objects.filter(action="customer.diversity_set").exists()


def test_status_histories_are_kept(adviser):
    customer = CustomerFactory()
    services.employment_status_record(
        actor=adviser, customer=customer, status=11, recorded_on=datetime.date(2025, 1, 1), unemployment_length=3
    )
    latest = services.employment_status_record(actor=adviser, customer=customer, status=4, employer_name="Acme")
    services.learning_status_record(
        actor=adviser, customer=customer, status=1, highest_qualification=2, last_provider_ukprn="10001234"
    )
    assert customer.employment_statuses.count() == 2
    assert selectors.current_statuses(customer).employment == latest
    assert [event.action for event in events_for(customer)] == [
        "customer.learning_status_recorded",
        "customer.employment_status_recorded",
        "customer.employment_status_recorded",
    ]


def test_status_entries_refuse_bad_values(adviser):
    customer = CustomerFactory()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="today or in the past"):
        services.employment_status_record(actor=adviser, customer=customer, status=4, recorded_on=tomorrow)
    with pytest.raises(ValidationError, match="unemployed"):
        services.employment_status_record(actor=adviser, customer=customer, status=4, unemployment_length=2)
    with pytest.raises(ValidationError, match="UKPRN"):
        services.learning_status_record(actor=adviser, customer=customer, status=1, last_provider_ukprn="1234")
    assert customer.employment_statuses.count() == 0 and customer.learning_statuses.count() == 0


def test_priority_groups_confirmed_with_the_suggestion_beside_them(adviser):
    customer = CustomerFactory(date_of_birth=ADULT_DOB)
    services.employment_status_record(actor=adviser, customer=customer, status=11, unemployment_length=5)
    confirmation = services.priority_groups_confirm(actor=adviser, customer=customer, groups=[3, 4])
    assert (confirmation.groups, confirmation.suggested) == ([3, 4], [3])
    assert selectors.current_priority_groups(customer) == [3, 4]
    assert events_for(customer)[0].details == {"groups": [3, 4], "suggested": [3]}
    with pytest.raises(ValidationError, match="cannot be chosen with"):
        services.priority_groups_confirm(actor=adviser, customer=customer, groups=[99, 3])


def test_memorable_word_is_stored_only_as_hashes(adviser):
    customer = CustomerFactory()
    services.identity_secret_set(actor=adviser, customer=customer, word="Bluebell7")
    stored = serialize("json", IdentitySecret.objects.filter(customer=customer))
    assert "bluebell" not in stored.lower()
    secret = IdentitySecret.objects.get(customer=customer)
    assert secret.length == 9 and secret.word_hash.startswith("argon2")
    assert services.memorable_word_matches(customer, "BLUEBELL 7")
    assert not services.memorable_word_matches(customer, "bluebell8")


def test_identity_check_passes_on_the_right_characters_and_records_the_result(adviser):
    customer = CustomerFactory()
    services.identity_secret_set(actor=adviser, customer=customer, word="bluebell7")
    result = services.identity_check(actor=adviser, customer=customer, answers={1: "B", 5: "b", 9: "7"})
    assert result == services.IdentityCheckResult(passed=True, positions=[1, 5, 9])
    # All the result carries is pass or fail and the positions asked: never the word.
    assert [f.name for f in dataclasses.fields(result)] == ["passed", "positions"]
    failed = services.identity_check(actor=adviser, customer=customer, answers={1: "b", 2: "x"})
    assert not failed.passed
    assert list(IdentityCheck.objects.filter(customer=customer).values_list("passed", flat=True)) == [False, True]
    assert [event.details for event in events_for(customer)[:2]] == [
        {"positions": [1, 2], "passed": False},
        {"positions": [1, 5, 9], "passed": True},
    ]


def test_identity_check_survives_a_secret_key_rotation(adviser, settings):
    customer = CustomerFactory()
    services.identity_secret_set(actor=adviser, customer=customer, word="bluebell7")
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-that-is-long-enough-for-the-tests-0123456789"
    assert services.identity_check(actor=adviser, customer=customer, answers={2: "l", 3: "u"}).passed


def test_identity_check_refuses_bad_positions_and_repeated_guessing(adviser):
    customer = CustomerFactory()
    with pytest.raises(ValidationError, match="no memorable word"):
        services.identity_check(actor=adviser, customer=customer, answers={1: "a", 2: "b"})
    services.identity_secret_set(actor=adviser, customer=customer, word="bluebell7")
    for answers in ({1: "b"}, {1: "b", 10: "x"}, {0: "b", 1: "b"}):
        with pytest.raises(ValidationError, match="at least 2 characters"):
            services.identity_check(actor=adviser, customer=customer, answers=answers)
    for _ in range(services.IDENTITY_CHECK_FAILURES_ALLOWED):
        assert not services.identity_check(actor=adviser, customer=customer, answers={1: "x", 2: "x"}).passed
    with pytest.raises(ValidationError, match="Too many failed"):
        services.identity_check(actor=adviser, customer=customer, answers={1: "b", 2: "l"})
    assert events_for(customer)[0].action == "customer.identity_check_refused"


def test_consents_keep_their_history(adviser):
    customer = CustomerFactory()
    services.consent_record(
        actor=adviser,
        customer=customer,
        user_research=True,
        market_research=False,
        lawful_basis=codes.LawfulBasis.CONSENT,
    )
    latest = services.consent_record(
        actor=adviser,
        customer=customer,
        user_research=False,
        market_research=True,
        lawful_basis=codes.LawfulBasis.CONSENT,
    )
    assert customer.consents.count() == 2
    assert selectors.current_consent(customer) == latest
    assert events_for(customer)[0].action == "customer.consent_recorded"


def test_a_terminated_record_refuses_every_write(adviser):
    customer = CustomerFactory()
    address = services.address_add(actor=adviser, customer=customer, line_1="1 High St", postcode="M1 1AE")
    services.customer_terminate(actor=adviser, customer=customer, reason=codes.TerminationReason.CUSTOMER_CHOICE)
    customer.refresh_from_db()
    assert customer.is_terminated and customer.termination_reason == codes.TerminationReason.CUSTOMER_CHOICE
    writes = [
        lambda: services.customer_update_identity(actor=adviser, customer=customer, given_name="New"),
        lambda: services.contact_details_set(actor=adviser, customer=customer, email="new@example.com"),
        lambda: services.address_add(actor=adviser, customer=customer, line_1="2 High St", postcode="M1 1AE"),
        lambda: services.address_end(actor=adviser, address=address),
        lambda: services.diversity_set(actor=adviser, customer=customer, health_consent=False, ethnicity_consent=False),
        lambda: services.employment_status_record(actor=adviser, customer=customer, status=4),
        lambda: services.learning_status_record(actor=adviser, customer=customer, status=1),
        lambda: services.priority_groups_confirm(actor=adviser, customer=customer, groups=[99]),
        lambda: services.identity_secret_set(actor=adviser, customer=customer, word="bluebell7"),
        lambda: services.consent_record(
            actor=adviser, customer=customer, user_research=True, market_research=True, lawful_basis=1
        ),
        lambda: services.customer_terminate(actor=adviser, customer=customer, reason=codes.TerminationReason.OTHER),
    ]
    for write in writes:
        with pytest.raises(CustomerTerminated, match="can no longer be changed"):
            write()
    address.refresh_from_db()
    assert address.effective_to is None
    assert [event.action for event in events_for(customer)][:1] == ["customer.terminated"]


def test_staff_reads_are_audited(adviser):
    customer = CustomerFactory()
    services.customer_record_viewed(actor=adviser, customer=customer, part="diversity")
    [event] = events_for(customer)
    assert (event.action, event.actor, event.details) == ("customer.viewed", adviser, {"part": "diversity"})
