"""Reads: finding a record, likely duplicates, current statuses and the status capture share."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from signpost.customers import codes, selectors, services
from signpost.customers.models import Customer
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db

DOB = datetime.date(1988, 3, 14)


def test_customer_by_reference_accepts_what_people_type():
    customer = CustomerFactory()
    assert selectors.customer_by_reference(customer.display_reference.lower()) == customer
    assert selectors.customer_by_reference(f" {customer.reference[:4]} {customer.reference[4:]} ") == customer
    assert selectors.customer_by_reference("AAAA-AAAA") is None


def reasons_for(matches: list[selectors.DuplicateMatch], customer: Customer) -> list[str]:
    return next((match.reasons for match in matches if match.customer == customer), [])


def test_duplicates_by_name_and_date_of_birth_ignore_case():
    same = CustomerFactory(given_name="Ada", family_name="Lovelace", date_of_birth=DOB)
    CustomerFactory(given_name="Ada", family_name="Lovelace", date_of_birth=DOB.replace(year=1989))
    matches = selectors.likely_duplicates(given_name="ADA", family_name="lovelace ", date_of_birth=DOB)
    assert [match.customer for match in matches] == [same]
    assert matches[0].reasons == ["Same name and date of birth"]


def test_duplicates_by_email_and_phone(adviser):
    by_email, by_phone = CustomerFactory(), CustomerFactory()
    services.contact_details_set(actor=adviser, customer=by_email, email="ada@example.com")
    services.contact_details_set(actor=adviser, customer=by_phone, home_phone="020 7946 0000")
    matches = selectors.likely_duplicates(
        given_name="Someone",
        family_name="Else",
        email="ADA@example.com",
        phones=["+442079460000", "+447700900123"],
    )
    assert reasons_for(matches, by_email) == ["Same email address"]
    assert reasons_for(matches, by_phone) == ["Same phone number"]


def test_duplicates_by_similar_name_at_the_same_postcode(adviser):
    john = CustomerFactory(given_name="John", family_name="Smith")
    relative = CustomerFactory(given_name="Jane", family_name="Smith")
    elsewhere = CustomerFactory(given_name="John", family_name="Smith")
    for customer, postcode in ((john, "M1 1AE"), (relative, "M1 1AE"), (elsewhere, "B1 1AY")):
        services.address_add(actor=adviser, customer=customer, line_1="1 High St", postcode=postcode)
    matches = selectors.likely_duplicates(given_name="Jon", family_name="Smith", postcode="m11ae")
    assert [match.customer for match in matches] == [john]
    assert matches[0].reasons == ["Similar name at the same postcode"]


@pytest.mark.parametrize(
    ("first", "second", "similar"),
    [
        (("Jon", "Smith"), ("John", "Smith"), True),
        (("Sara", "Jones"), ("Sarah", "Jones"), True),
        (("Sam", "O'Neill"), ("Samantha", "ONeill"), True),
        (("Mohammed", "Khan"), ("Muhammad", "Khan"), True),
        (("Jane", "Smith"), ("John", "Smith"), False),
        (("John", "Smith"), ("John", "Brown"), False),
        (("Al", "Smith"), ("Alison", "Smith"), False),
    ],
)
def test_similar_names(first, second, similar):
    assert selectors.names_similar(first, second) is similar
    assert selectors.names_similar(second, first) is similar


def test_duplicates_list_every_reason_and_leave_out_terminated_records(adviser):
    both = CustomerFactory(given_name="Ada", family_name="Lovelace", date_of_birth=DOB)
    services.contact_details_set(actor=adviser, customer=both, email="ada@example.com")
    gone = CustomerFactory(given_name="Ada", family_name="Lovelace", date_of_birth=DOB)
    services.customer_terminate(actor=adviser, customer=gone, reason=codes.TerminationReason.DUPLICATE)
    matches = selectors.likely_duplicates(
        given_name="Ada", family_name="Lovelace", date_of_birth=DOB, email="ada@example.com"
    )
    assert [(match.customer, match.reasons) for match in matches] == [
        (both, ["Same name and date of birth", "Same email address"])
    ]
    assert selectors.likely_duplicates(given_name="Ada", family_name="Lovelace", date_of_birth=DOB, exclude=both) == []


def test_current_statuses_are_the_latest_entries(adviser):
    customer = CustomerFactory()
    assert not selectors.current_statuses(customer).employment_captured
    services.employment_status_record(actor=adviser, customer=customer, status=4, recorded_on=datetime.date(2025, 1, 1))
    services.employment_status_record(actor=adviser, customer=customer, status=99)
    services.learning_status_record(actor=adviser, customer=customer, status=1)
    statuses = selectors.current_statuses(customer)
    assert statuses.employment.status == 99 and not statuses.employment_captured
    assert statuses.learning_captured


def test_status_capture_share_in_one_query(adviser):
    employed, learning, unknown, _without_status = (CustomerFactory() for _ in range(4))
    services.employment_status_record(actor=adviser, customer=employed, status=4)
    services.learning_status_record(actor=adviser, customer=learning, status=3)
    services.employment_status_record(actor=adviser, customer=unknown, status=4, recorded_on=datetime.date(2024, 1, 1))
    services.employment_status_record(actor=adviser, customer=unknown, status=99)
    services.learning_status_record(actor=adviser, customer=unknown, status=98)
    with CaptureQueriesContext(connection) as queries:
        capture = selectors.status_capture_share(Customer.objects.all())
    assert len(queries) == 1
    assert capture == selectors.StatusCapture(customers=4, employment_captured=1, learning_captured=1, any_captured=2)
    assert capture.share == 0.5
    assert selectors.status_capture_share(Customer.objects.none()).share == 0.0


def test_identity_challenge_asks_for_distinct_positions_within_the_word(adviser):
    customer = CustomerFactory()
    services.identity_secret_set(actor=adviser, customer=customer, word="bluebell7")
    for _ in range(20):
        positions = selectors.identity_challenge_positions(customer)
        assert len(set(positions)) == 3 and all(1 <= position <= 9 for position in positions)


def test_area_of_a_local_authority_from_the_shipped_facts_when_nothing_is_loaded():
    assert selectors.area_for_local_authority("E08000003") == 105  # Manchester
    assert selectors.area_for_local_authority("W06000015") is None  # Cardiff: outside England
    assert selectors.area_for_local_authority("") is None


def test_customer_factory_builds_a_live_adult():
    customer = CustomerFactory()
    assert not customer.is_terminated
    assert customer.date_of_birth <= timezone.localdate().replace(year=timezone.localdate().year - 19)
