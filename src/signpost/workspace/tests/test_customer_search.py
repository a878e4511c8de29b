"""Finding a customer: each kind of query, the name prompt, terminated records, audit, who may search."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from conftest import PEOPLE
from signpost.accounts.roles import VIEW_CUSTOMERS, Role
from signpost.core.models import AuditEvent
from signpost.customers import codes, selectors, services
from tests.factories import CustomerFactory, make_staff

pytestmark = pytest.mark.django_db

URL = "/workspace/customers/"
DOB = datetime.date(1990, 5, 17)


@pytest.fixture
def adviser(london: Any) -> Any:
    return make_staff(Role.ADVISER, organisation=london)


@pytest.fixture
def client(adviser: Any, client_for: Any) -> Any:
    return client_for(adviser)


@pytest.fixture
def ada(adviser: Any) -> Any:
    customer = CustomerFactory(given_name="Ada", family_name="Lovelace", date_of_birth=DOB)
    services.contact_details_set(actor=adviser, customer=customer, email="ada@example.com", mobile="07700 900123")
    services.address_add(actor=adviser, customer=customer, line_1="1 Horse Guards Road", postcode="SW1A 1AA")
    return customer


@pytest.fixture
def someone_else(adviser: Any) -> Any:
    other = CustomerFactory(given_name="Grace", family_name="Hopper", date_of_birth=datetime.date(1985, 1, 2))
    services.contact_details_set(actor=adviser, customer=other, email="grace@example.com", mobile="07700 900456")
    services.address_add(actor=adviser, customer=other, line_1="2 Piccadilly", postcode="M1 1AE")
    return other


def dob_params(day: datetime.date) -> dict[str, str]:
    return {
        "date_of_birth-day": str(day.day),
        "date_of_birth-month": str(day.month),
        "date_of_birth-year": str(day.year),
    }


def record_link(customer: Any) -> str:
    return f'href="/workspace/customers/{customer.reference}/"'


def search(client: Any, **params: str) -> str:
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "reference",
        "reference-hyphen",
        "reference-lower",
        "ADA@EXAMPLE.COM",
        "+44 7700 900123",
        "07700900123",
        "(07700) 900 123",
        "sw1a1aa",
        "SW1A 1AA",
    ],
)
def test_search_by_each_kind_finds_only_that_customer(client, ada, someone_else, query):
    if query.startswith("reference"):
        query = {
            "reference": ada.reference,
            "reference-hyphen": ada.display_reference,
            "reference-lower": ada.display_reference.lower(),
        }[query]
    html = search(client, q=query)
    assert "1 customer matches" in html
    assert "Ada Lovelace" in html
    assert "Grace Hopper" not in html
    assert record_link(ada) in html
    # Just enough to tell people apart: date of birth, district only, last contact.
    assert "17 May 1990" in html
    assert "SW1A" in html and "SW1A 1AA" not in html.split('id="customer-results"')[1]
    assert ada.date_registered.strftime("%-d %B %Y") in html


def test_search_by_name_with_a_typo_and_date_of_birth(client, ada, someone_else):
    CustomerFactory(given_name="Ada", family_name="Lovelace", date_of_birth=DOB.replace(year=1991))
    html = search(client, q="Adda Lovelase", **dob_params(DOB))
    assert "1 customer matches" in html
    assert record_link(ada) in html


def test_search_by_partial_name_and_postcode(client, ada, someone_else):
    html = search(client, q="lovel", postcode="sw1a 1aa")
    assert record_link(ada) in html
    assert "Grace Hopper" not in html


@pytest.mark.parametrize("params", [{"q": "Lovelace"}, {"q": "Ad", "postcode": "SW1A 1AA"}])
def test_name_without_enough_to_go_on_prompts_to_narrow(client, ada, params):
    html = search(client, **params)
    assert "Error: Find a customer" in html
    assert "govuk-error-summary" in html
    assert "enter at least 3 letters of the name and the customer’s date of birth or postcode" in html
    assert record_link(ada) not in html
    # What was typed is kept.
    assert f'value="{params["q"]}"' in html


def test_bad_date_and_postcode_are_errors_and_kept(client, ada):
    html = search(
        client, q="Ada Lovelace", postcode="not a postcode", **dob_params(DOB) | {"date_of_birth-month": "13"}
    )
    assert "Date of birth must be a real date" in html
    assert "Enter a full UK postcode" in html
    assert 'value="not a postcode"' in html
    assert 'value="13"' in html
    assert not AuditEvent.objects.filter(action="customers.searched").exists()


def test_no_results_offers_to_create_a_record_prefilled(client, ada):
    html = search(client, q="Mary Somerville", **dob_params(datetime.date(1980, 12, 26)))
    assert "No customers match your search" in html
    assert "Create a new customer record" in html
    assert (
        "/workspace/customers/new/?given_name=Mary&amp;family_name=Somerville"
        "&amp;date_of_birth-day=26&amp;date_of_birth-month=12&amp;date_of_birth-year=1980"
    ) in html


def test_empty_page_before_searching(client):
    html = search(client)
    assert "Find a customer" in html
    assert "govuk-error-summary" not in html
    assert "No customers match" not in html
    assert 'href="/workspace/customers/new/"' in html
    assert not AuditEvent.objects.filter(action="customers.searched").exists()


def test_terminated_record_is_found_and_marked(client, adviser, ada):
    services.customer_terminate(actor=adviser, customer=ada, reason=codes.TerminationReason.DUPLICATE)
    html = search(client, q=ada.display_reference)
    assert record_link(ada) in html
    assert "Terminated" in html


def test_last_contact_is_the_latest_identity_check_or_no_contacts_yet(client, adviser, ada):
    services.identity_secret_set(actor=adviser, customer=ada, word="swordfish")
    services.identity_check(actor=adviser, customer=ada, answers={1: "s", 2: "w"})
    row = selectors.customer_search(query=ada.reference).rows[0]
    assert row.last_contact == max(ada.date_registered, datetime.date.today())
    assert row.postcode_district == "SW1A"


def test_every_search_is_audited_without_the_query(client, adviser, ada):
    search(client, q="ada@example.com")
    search(client, q="Adda Lovelase", **dob_params(DOB))
    events = list(AuditEvent.objects.filter(action="customers.searched").order_by("pk"))
    assert [event.details["kind"] for event in events] == ["email", "name"]
    assert events[1].details["filters"] == ["date_of_birth"]
    assert all(event.actor == adviser for event in events)
    for event in events:
        stored = f"{event.details} {event.object_id} {event.reason}".lower()
        assert "ada" not in stored and "lovelase" not in stored and "1990" not in stored


def test_search_results_are_bounded(client, adviser):
    for _ in range(selectors.SEARCH_LIMIT + 2):
        CustomerFactory(given_name="Sam", family_name="Jones", date_of_birth=DOB)
    result = selectors.customer_search(query="Sam Jones", date_of_birth=DOB)
    assert len(result.rows) == selectors.SEARCH_LIMIT
    assert result.truncated
    html = search(client, q="Sam Jones", **dob_params(DOB))
    assert f"More than {selectors.SEARCH_LIMIT} customers match" in html


@pytest.mark.parametrize("query", ["margaret", "MARGARET", "Anna Mann", "anna-mann", "Anna Mnan"])
def test_a_name_that_looks_like_a_reference_falls_back_to_a_name_search(ada, query):
    margaret = CustomerFactory(given_name="Margaret", family_name="Hamilton", date_of_birth=DOB)
    anna = CustomerFactory(given_name="Anna", family_name="Mann", date_of_birth=DOB)
    assert selectors.search_kind(query) == selectors.SearchKind.REFERENCE
    expected = margaret if query.lower() == "margaret" else anna
    assert [row.customer for row in selectors.customer_search(query=query, date_of_birth=DOB).rows] == [expected]


def test_home_page_search_box_opens_the_search(client):
    html = client.get("/workspace/").content.decode()
    assert 'action="/workspace/customers/"' in html
    assert 'id="customer-search"' in html
    assert "disabled" not in html.split('id="customer-search"')[1].split(">")[0]


@pytest.mark.parametrize("name", PEOPLE)
def test_who_may_search(name, person, client_for):
    user = person(name)
    CustomerFactory(given_name="Ada", family_name="Lovelace", date_of_birth=DOB)
    response = client_for(user).get(URL, {"q": "Ada Lovelace", **dob_params(DOB)})
    if user is None:
        assert response.status_code == 302
        assert response["Location"].startswith("/workspace/sign-in/?next=")
    elif not user.is_staff_member or not user.has_perm(VIEW_CUSTOMERS):
        assert response.status_code == 403
    else:
        # The record is shared by every organisation: staff of another organisation find it too.
        assert response.status_code == 200
        assert "Ada Lovelace" in response.content.decode()
