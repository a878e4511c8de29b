"""Creating a customer: the form, every bad input kept, the duplicate check, who may create."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from conftest import PEOPLE
from signpost.accounts.roles import VIEW_CUSTOMERS, Role
from signpost.core.models import AuditEvent
from signpost.customers import codes, selectors
from signpost.customers.models import Customer
from tests.factories import CustomerFactory, make_staff

pytestmark = pytest.mark.django_db

URL = "/workspace/customers/new/"
DOB = datetime.date(1990, 5, 17)


@pytest.fixture
def adviser(london: Any) -> Any:
    return make_staff(Role.ADVISER, organisation=london)


@pytest.fixture
def client(adviser: Any, client_for: Any) -> Any:
    return client_for(adviser)


def typed(**changes: str) -> dict[str, str]:
    data = {
        "title": str(codes.Title.choices[0][0]),
        "given_name": "Ada",
        "family_name": "Lovelace",
        "date_of_birth-day": str(DOB.day),
        "date_of_birth-month": str(DOB.month),
        "date_of_birth-year": str(DOB.year),
        "gender": str(codes.Gender.NOT_PROVIDED.value),
        "customer_type": str(codes.CustomerType.ADULT.value),
        "introduced_by": str(codes.IntroducedBy.NOT_PROVIDED.value),
        "email": "Ada@Example.com",
        "mobile": "+44 7700 900123",
        "home_phone": "",
        "preferred_method": str(codes.ContactMethod.EMAIL.value),
        "may_contact_by": "may_contact_by_email",
        "address_line_1": "1 Horse Guards Road",
        "postcode": "sw1a1aa",
    }
    data.update(changes)
    return data


def test_form_page(client):
    html = client.get(URL).content.decode()
    assert "Create a customer record" in html
    for name in ("given_name", "family_name", "date_of_birth-day", "date_of_birth-month", "date_of_birth-year"):
        assert f'name="{name}"' in html
    assert "govuk-date-input" in html


def test_form_is_prefilled_from_a_search(client):
    html = client.get(
        URL,
        {
            "given_name": "Mary",
            "family_name": "Somerville",
            "date_of_birth-day": "26",
            "date_of_birth-month": "12",
            "date_of_birth-year": "1780",
        },
    ).content.decode()
    assert 'value="Mary"' in html and 'value="Somerville"' in html
    assert 'value="26"' in html and 'value="1780"' in html
    assert "govuk-error-summary" not in html


def test_happy_path_creates_the_record_and_opens_it(client, adviser):
    response = client.post(URL, typed())
    customer = Customer.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/workspace/customers/{customer.reference}/"
    assert (customer.given_name, customer.family_name, customer.date_of_birth) == ("Ada", "Lovelace", DOB)
    assert customer.contact_details.email == "ada@example.com"
    assert customer.contact_details.mobile == "+447700900123"
    assert customer.contact_details.preferred_method == codes.ContactMethod.EMAIL
    assert customer.contact_details.may_contact_by_email
    assert not customer.contact_details.may_contact_by_sms
    assert selectors.current_address(customer).postcode == "SW1A 1AA"
    assert AuditEvent.objects.filter(action="customer.created", object_id=str(customer.pk), actor=adviser).exists()
    page = client.get(response["Location"]).content.decode()
    assert "Customer record created for Ada Lovelace" in page


def test_a_preference_for_post_and_a_home_phone_with_its_extension(client):
    response = client.post(
        URL,
        typed(
            preferred_method=str(codes.ContactMethod.POST.value),
            home_phone="020 7946 0000 ext 12",
            may_contact_by=["may_contact_by_post", "may_contact_by_phone"],
        ),
    )
    assert response.status_code == 302
    details = Customer.objects.get().contact_details
    assert (details.preferred_method, details.home_phone, details.home_phone_extension) == (
        codes.ContactMethod.POST,
        "+442079460000",
        "12",
    )
    assert (details.may_contact_by_post, details.may_contact_by_phone, details.may_contact_by_email) == (
        True,
        True,
        False,
    )


def test_only_the_required_questions(client):
    response = client.post(
        URL,
        typed(
            email="",
            mobile="",
            address_line_1="",
            postcode="",
            preferred_method=str(codes.ContactMethod.NOT_KNOWN.value),
            may_contact_by=[],
        ),
    )
    assert response.status_code == 302
    customer = Customer.objects.get()
    assert not hasattr(customer, "contact_details") or not customer.contact_details.email
    assert selectors.current_address(customer) is None


def thirteenth_birthday_tomorrow() -> datetime.date:
    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    return tomorrow.replace(year=tomorrow.year - 13)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"given_name": ""}, "Enter the customer’s first name"),
        ({"family_name": "  "}, "Enter the customer’s last name"),
        ({"date_of_birth-day": "", "date_of_birth-month": "", "date_of_birth-year": ""}, "Enter the date of birth"),
        ({"date_of_birth-day": "31", "date_of_birth-month": "2"}, "Date of birth must be a real date"),
        ({"date_of_birth-month": ""}, "Date of birth must include a month"),
        ({"date_of_birth-year": str(timezone.localdate().year + 1)}, "Date of birth must be today or in the past"),
        ("under 13", "The customer must be at least 13 years old"),
        ({"postcode": "ZZ99 9ZZ"}, "Enter a real postcode"),
        ({"postcode": "not a code"}, "Enter a full UK postcode"),
        ({"email": "ada@"}, "Enter an email address in the right format"),
        ({"mobile": "020 7946 0000"}, "Enter a UK mobile number"),
        ({"postcode": "SW1A 1AA", "address_line_1": ""}, "Enter the first line of the address"),
        ({"home_phone": "12345"}, "Enter a UK phone number"),
        ({"preferred_method": ""}, "Select how the customer prefers to be contacted"),
        ({"preferred_method": "7"}, "Select how the customer prefers to be contacted"),
        ({"email": ""}, "Enter an email address, or choose another way to contact them than email"),
        (
            {"preferred_method": str(codes.ContactMethod.POST.value), "address_line_1": "", "postcode": ""},
            "Enter a current address, or choose another way to contact them than post",
        ),
        ({"may_contact_by": "may_contact_by_pigeon"}, "Select ways to contact them from the list"),
    ],
)
def test_bad_input_is_shown_and_nothing_typed_is_lost(client, changes, message):
    if changes == "under 13":
        day = thirteenth_birthday_tomorrow()
        changes = {
            "date_of_birth-day": str(day.day),
            "date_of_birth-month": str(day.month),
            "date_of_birth-year": str(day.year),
        }
    data = typed(**changes)
    response = client.post(URL, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: Create a customer record" in html
    assert "govuk-error-summary" in html
    assert message in html
    for name, value in data.items():
        if value.strip() and name not in {"title", "gender", "customer_type", "introduced_by", "may_contact_by"}:
            assert f'value="{value}"' in html, name
    assert not Customer.objects.exists()


def test_email_of_another_live_customer_is_refused(client, adviser):
    from signpost.customers import services

    other = CustomerFactory()
    services.contact_details_set(actor=adviser, customer=other, email="ada@example.com")
    html = client.post(URL, typed(given_name="Someone", family_name="Else")).content.decode()
    assert "Another customer already has this email address" in html
    assert Customer.objects.count() == 1


@pytest.fixture
def existing(db: Any) -> Customer:
    return CustomerFactory(given_name="Ada", family_name="Lovelace", date_of_birth=DOB)


def test_likely_duplicate_is_shown_before_saving(client, existing):
    response = client.post(URL, typed(mobile="", address_line_1="", postcode=""))
    assert response.status_code == 200
    html = response.content.decode()
    assert "This customer may already have a record" in html
    assert "Same name and date of birth" in html
    assert f'href="/workspace/customers/{existing.reference}/"' in html
    assert existing.display_reference in html
    # What was typed travels in the form, to be checked again.
    assert 'type="hidden" name="given_name" value="Ada"' in html
    assert 'type="hidden" name="preferred_method" value="1"' in html
    assert 'type="hidden" name="email" value="Ada@Example.com"' in html
    assert Customer.objects.count() == 1
    event = AuditEvent.objects.get(action="customers.searched")
    assert event.details["kind"] == "duplicate_check"


def test_confirming_a_new_record_creates_it(client, existing):
    response = client.post(URL, typed(choice="new", may_contact_by=["may_contact_by_email", "may_contact_by_sms"]))
    assert response.status_code == 302
    created = Customer.objects.exclude(pk=existing.pk).get()
    assert response["Location"] == f"/workspace/customers/{created.reference}/"
    assert created.contact_details.may_contact_by_email and created.contact_details.may_contact_by_sms


def test_every_ticked_permission_travels_through_the_duplicate_check(client, existing):
    html = client.post(
        URL, typed(may_contact_by=["may_contact_by_email", "may_contact_by_sms"]), follow=False
    ).content.decode()
    assert 'type="hidden" name="may_contact_by" value="may_contact_by_email"' in html
    assert 'type="hidden" name="may_contact_by" value="may_contact_by_sms"' in html


def test_confirmed_data_is_validated_again(client, existing):
    response = client.post(URL, typed(choice="new", given_name=""))
    assert response.status_code == 200
    assert "Enter the customer’s first name" in response.content.decode()
    assert Customer.objects.count() == 1


def test_changing_the_details_returns_to_the_form_with_them(client, existing):
    html = client.post(URL, typed(choice="change")).content.decode()
    assert "Create a customer record" in html
    assert 'value="Lovelace"' in html and 'value="1 Horse Guards Road"' in html
    assert Customer.objects.count() == 1


def test_opening_the_existing_record(client, existing):
    html = client.post(URL, typed()).content.decode()
    href = f"/workspace/customers/{existing.reference}/"
    assert f'href="{href}"' in html
    assert client.get(href).status_code == 200


def test_search_page_links_to_create(client):
    html = client.get("/workspace/customers/", {"q": "zzz@example.com"}).content.decode()
    assert 'href="/workspace/customers/new/"' in html


@pytest.mark.parametrize("name", PEOPLE)
def test_who_may_create(name, person, client_for):
    user = person(name)
    client = client_for(user)
    response = client.get(URL)
    if user is None:
        assert response.status_code == 302
        assert response["Location"].startswith("/workspace/sign-in/?next=")
        assert client.post(URL, typed()).status_code == 302
        assert not Customer.objects.exists()
    elif not user.is_staff_member or not user.has_perm(VIEW_CUSTOMERS):
        assert response.status_code == 403
        assert client.post(URL, typed()).status_code == 403
        assert not Customer.objects.exists()
    else:
        assert response.status_code == 200
        assert client.post(URL, typed()).status_code == 302
        assert Customer.objects.count() == 1
