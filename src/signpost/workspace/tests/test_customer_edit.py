"""Changing a customer record (issue 3, items 2, 5 and 10): every form's happy path and bad input,
audit events, the phone identity check, termination and read-only records, and who may do what."""

from __future__ import annotations

import datetime
import re
from html import unescape
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import PEOPLE, PROVIDER_STAFF
from signpost.accounts.roles import Role
from signpost.core.models import AuditEvent
from signpost.customers import codes, services
from signpost.customers.models import (
    Address,
    ConsentRecord,
    ContactDetails,
    Customer,
    Diversity,
    EmploymentStatus,
    IdentityCheck,
    IdentitySecret,
    LearningStatus,
    PriorityGroupConfirmation,
)
from tests.factories import CustomerFactory, make_staff

pytestmark = pytest.mark.django_db

SIGN_IN = "/workspace/sign-in/"
SPECIAL_CATEGORY_ROLES = {Role.ADVISER, Role.TEAM_LEADER, Role.SAFEGUARDING_LEAD}
WORD = "Kingfisher7"
TODAY = timezone.localdate


def text_of(response: Any) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def edit_url(part: str, customer: Customer, **kwargs: Any) -> str:
    return reverse(f"workspace:customer_edit_{part}", kwargs={"reference": customer.reference, **kwargs})


def actions(customer: Customer) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type="customers.customer", object_id=str(customer.pk))
        .exclude(action="customer.viewed")
        .order_by("pk")
        .values_list("action", flat=True)
    )


def years_ago(years: int, days: int = 0) -> datetime.date:
    today = TODAY()
    return today.replace(year=today.year - years) - datetime.timedelta(days=days)


def assert_error_page(response: Any, *messages: str, above_form: bool = False) -> str:
    """The GOV.UK error summary and, unless the error is about the whole form, the field's message."""
    assert response.status_code == 200
    text = text_of(response)
    assert "There is a problem" in text
    assert text.startswith("Error: ") and not text.startswith("Error: Error:")
    for message in messages:
        assert text.count(message) >= (1 if above_form else 2), (message, text)
    return text


@pytest.fixture
def adviser(london):
    return make_staff(Role.ADVISER, organisation=london, given_name="Ada", family_name="Adviser")


@pytest.fixture
def signed_in(client_for, adviser):
    return client_for(adviser)


@pytest.fixture
def customer(adviser) -> Customer:
    return services.customer_create(
        actor=adviser, given_name="Priya", family_name="Sharma", date_of_birth=years_ago(30, 10)
    )


# Personal details ------------------------------------------------------------------------------


def identity_data(**overrides: Any) -> dict[str, str]:
    born = years_ago(30, 10)
    data = {
        "title": str(codes.Title.MS),
        "given_name": "Priya",
        "family_name": "Sharma-Jones",
        "date_of_birth-day": str(born.day),
        "date_of_birth-month": str(born.month),
        "date_of_birth-year": str(born.year),
        "gender": str(codes.Gender.FEMALE),
        "unique_learner_number": "1234 567 890",
        "customer_type": str(codes.CustomerType.ADULT),
        "introduced_by": str(codes.IntroducedBy.JOBCENTRE_PLUS),
        "introduced_by_detail": "Work coach",
    }
    data.update(overrides)
    return data


def test_change_personal_details(signed_in, customer):
    page = signed_in.get(edit_url("identity", customer))
    assert page.status_code == 200
    assert 'value="Sharma"' in page.content.decode()
    response = signed_in.post(edit_url("identity", customer), identity_data(), follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "workspace:customer_record", kwargs={"reference": customer.reference}
    )
    assert "Personal details saved" in text_of(response)
    customer.refresh_from_db()
    assert (customer.family_name, customer.unique_learner_number, customer.title) == (
        "Sharma-Jones",
        "1234567890",
        codes.Title.MS,
    )
    assert actions(customer)[-1] == "customer.identity_updated"


def test_personal_details_bad_input_keeps_what_was_typed(signed_in, customer):
    too_young = years_ago(12)
    response = signed_in.post(
        edit_url("identity", customer),
        identity_data(
            given_name="Zoë",
            family_name="",
            **{
                "date_of_birth-day": str(too_young.day),
                "date_of_birth-month": str(too_young.month),
                "date_of_birth-year": str(too_young.year),
            },
        ),
    )
    assert_error_page(response, "The customer must be at least 13 years old.", "Enter the customer’s last name")
    html = response.content.decode()
    assert 'value="Zoë"' in html and 'value="Work coach"' in html and f'value="{too_young.year}"' in html
    assert Customer.objects.get(pk=customer.pk).given_name == "Priya"


def test_service_errors_are_shown_on_the_form(signed_in, customer):
    response = signed_in.post(edit_url("identity", customer), identity_data(unique_learner_number="0123"))
    assert_error_page(response, "Enter a unique learner number of 10 digits")
    assert 'value="0123"' in response.content.decode()


def test_an_incomplete_date_says_what_is_missing(signed_in, customer):
    response = signed_in.post(edit_url("identity", customer), identity_data(**{"date_of_birth-year": ""}))
    assert_error_page(response, "Date of birth must include a year")


# Contact details -------------------------------------------------------------------------------


def contact_data(**overrides: Any) -> dict[str, str]:
    data = {
        "preferred_method": str(codes.ContactMethod.EMAIL),
        "mobile": "+44 (0)7700 900123",
        "home_phone": "(020) 7946 0000 ext 12",
        "alternative_phone": "",
        "email": "Priya.Sharma@Example.com",
        "may_contact_by_email": "on",
        "preferred_language": "Punjabi",
        "interpreter_needed": "on",
        "accessibility_needs": "Large print",
    }
    data.update(overrides)
    return data


def test_change_contact_details(signed_in, customer):
    response = signed_in.post(edit_url("contact", customer), contact_data(), follow=True)
    assert response.redirect_chain[-1][0].endswith("/contact/")
    assert "Contact details saved" in text_of(response)
    details = ContactDetails.objects.get(customer=customer)
    assert (details.mobile, details.home_phone, details.home_phone_extension, details.email) == (
        "+447700900123",
        "+442079460000",
        "12",
        "priya.sharma@example.com",
    )
    assert details.may_contact_by_email and not details.may_contact_by_sms and details.interpreter_needed
    assert actions(customer)[-1] == "customer.contact_details_set"
    # Shown again as people say the numbers, ready to change.
    page = signed_in.get(edit_url("contact", customer)).content.decode()
    assert 'value="07700 900123"' in page and 'value="020 7946 0000 ext. 12"' in page


def test_contact_details_bad_input_keeps_what_was_typed(signed_in, customer):
    response = signed_in.post(
        edit_url("contact", customer),
        contact_data(
            preferred_method=str(codes.ContactMethod.SMS), mobile="", email="not-an-email", home_phone="0770 09"
        ),
    )
    assert_error_page(
        response,
        "Enter an email address in the right format, like name@example.com.",
        "Enter a UK phone number, like 01632 960 001 or 07700 900 982.",
        "Enter a mobile number, or choose another way to contact them than text message.",
    )
    html = response.content.decode()
    assert 'value="not-an-email"' in html and 'value="0770 09"' in html and "Large print" in html
    assert not ContactDetails.objects.filter(customer=customer).exists()


def test_landline_is_not_a_mobile(signed_in, customer):
    response = signed_in.post(edit_url("contact", customer), contact_data(mobile="020 7946 0000"))
    assert_error_page(response, "Enter a UK mobile number, like 07700 900 982 or +44 7700 900 982.")


def test_email_unique_among_live_customers(signed_in, customer, adviser):
    other = services.customer_create(actor=adviser, given_name="Other", family_name="Person")
    services.contact_details_set(actor=adviser, customer=other, email="shared@example.com")
    response = signed_in.post(edit_url("contact", customer), contact_data(email="Shared@example.com"))
    assert_error_page(response, "Another customer already has this email address.")
    services.customer_terminate(actor=adviser, customer=other, reason=codes.TerminationReason.DUPLICATE)
    response = signed_in.post(edit_url("contact", customer), contact_data(email="Shared@example.com"))
    assert response.status_code == 302
    assert ContactDetails.objects.get(customer=customer).email == "shared@example.com"


# Addresses ------------------------------------------------------------------------------------


def test_add_an_address_normalises_and_geocodes_the_postcode(signed_in, customer):
    response = signed_in.post(
        edit_url("address_add", customer),
        {"line_1": "Buckingham Palace", "town": "London", "postcode": "sw1a1aa", "ends_previous": "on"},
        follow=True,
    )
    assert response.redirect_chain[-1][0].endswith("/addresses/")
    assert "Address added" in text_of(response)
    address = Address.objects.get(customer=customer)
    assert address.postcode == "SW1A 1AA"
    assert address.latitude is not None and address.longitude is not None
    assert address.effective_from == TODAY()
    assert actions(customer)[-1] == "customer.address_added"


@pytest.mark.parametrize(
    ("postcode", "message"),
    [
        ("ZZ99 9ZZ", "Enter a real postcode: we cannot find this one in Ordnance Survey’s list of UK postcodes."),
        ("hello", "Enter a full UK postcode, like SW1A 1AA."),
        ("", "Enter the postcode"),
    ],
)
def test_bad_postcode_keeps_what_was_typed(signed_in, customer, postcode, message):
    response = signed_in.post(
        edit_url("address_add", customer), {"line_1": "1 High Street", "town": "Leeds", "postcode": postcode}
    )
    assert_error_page(response, message.replace("’", "'"))
    html = response.content.decode()
    assert 'value="1 High Street"' in html and f'value="{postcode}"' in html
    assert not Address.objects.filter(customer=customer).exists()


def test_end_an_address(signed_in, customer, adviser):
    address = services.address_add(
        actor=adviser,
        customer=customer,
        line_1="1 Old Road",
        postcode="M1 1AE",
        effective_from=datetime.date(2020, 1, 1),
    )
    assert "End" in text_of(
        signed_in.get(reverse("workspace:customer_record_addresses", kwargs={"reference": customer.reference}))
    )
    url = edit_url("address_end", customer, pk=address.pk)
    response = signed_in.post(url, {"effective_to-day": "31", "effective_to-month": "12", "effective_to-year": "2019"})
    assert_error_page(response, "The end date must be on or after the date the address started.")
    assert 'value="2019"' in response.content.decode()
    response = signed_in.post(url, {"effective_to-day": "31", "effective_to-month": "13", "effective_to-year": "2024"})
    assert_error_page(response, "Last day at this address must be a real date, like 27 3 2007")
    response = signed_in.post(url, {"effective_to-day": "31", "effective_to-month": "12", "effective_to-year": "2024"})
    assert response.status_code == 302
    address.refresh_from_db()
    assert address.effective_to == datetime.date(2024, 12, 31)
    assert actions(customer)[-1] == "customer.address_ended"


def test_ending_another_customers_address_is_not_found(signed_in, customer, adviser):
    other = services.customer_create(actor=adviser, given_name="Other", family_name="Person")
    address = services.address_add(actor=adviser, customer=other, line_1="1 Road", postcode="M1 1AE")
    assert signed_in.get(edit_url("address_end", customer, pk=address.pk)).status_code == 404


# Diversity --------------------------------------------------------------------------------------


def diversity_data(**overrides: Any) -> dict[str, str]:
    data = {
        "health_consent": "yes",
        "disability_declaration": str(codes.DisabilityDeclaration.HAS_DIFFICULTY_OR_DISABILITY),
        "primary_disability": str(codes.DisabilityType.DYSLEXIA),
        "secondary_disability": str(codes.DisabilityType.NOT_PROVIDED),
        "ethnicity_consent": "yes",
        "ethnicity": str(codes.Ethnicity.ASIAN_INDIAN),
    }
    data.update(overrides)
    return data


def test_change_diversity(signed_in, customer):
    response = signed_in.post(edit_url("diversity", customer), diversity_data(), follow=True)
    assert response.redirect_chain[-1][0].endswith("/diversity/")
    assert "Diversity information saved" in text_of(response)
    diversity = Diversity.objects.get(customer=customer)
    assert diversity.primary_disability == codes.DisabilityType.DYSLEXIA and diversity.health_consent_at is not None
    assert diversity.ethnicity == codes.Ethnicity.ASIAN_INDIAN
    assert actions(customer)[-1] == "customer.diversity_set"


def test_diversity_without_consent_must_be_not_provided(signed_in, customer):
    response = signed_in.post(edit_url("diversity", customer), diversity_data(ethnicity_consent="no"))
    assert_error_page(response, "Record consent to collect ethnicity before recording it.")
    assert f'value="{codes.Ethnicity.ASIAN_INDIAN}" selected' in response.content.decode()
    response = signed_in.post(edit_url("diversity", customer), diversity_data(health_consent="no"))
    assert_error_page(response, "Record consent to collect health and disability information before recording it.")
    assert not Diversity.objects.filter(customer=customer).exists()
    response = signed_in.post(
        edit_url("diversity", customer),
        diversity_data(
            health_consent="no",
            disability_declaration="9",
            primary_disability="99",
            ethnicity_consent="no",
            ethnicity="99",
        ),
    )
    assert response.status_code == 302


@pytest.mark.parametrize("role", [Role.QUALITY_AUDITOR, Role.MANAGER, Role.SYSTEM_ADMINISTRATOR])
def test_diversity_edit_forbidden_without_special_category(client_for, london, customer, role):
    client = client_for(make_staff(role, organisation=london))
    assert client.get(edit_url("diversity", customer)).status_code == 403
    assert client.post(edit_url("diversity", customer), diversity_data()).status_code == 403
    assert not Diversity.objects.filter(customer=customer).exists()


# Employment and learning ----------------------------------------------------------------------


def test_record_employment_status(signed_in, customer):
    response = signed_in.post(
        edit_url("employment_status", customer),
        {
            "status": str(codes.EmploymentStatusCode.UNEMPLOYED),
            "hours": str(codes.HoursBand.NOT_KNOWN),
            "unemployment_length": str(codes.UnemploymentLength.MONTHS_12_TO_23),
            "economic_shock": str(codes.EconomicShock.NOT_APPLICABLE),
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0].endswith("/employment-and-learning/")
    assert "Employment status recorded" in text_of(response)
    entry = EmploymentStatus.objects.get(customer=customer)
    assert entry.status == codes.EmploymentStatusCode.UNEMPLOYED and entry.recorded_on == TODAY()
    assert actions(customer)[-1] == "customer.employment_status_recorded"


def test_employment_status_bad_input(signed_in, customer):
    data = {
        "status": str(codes.EmploymentStatusCode.EMPLOYED),
        "hours": str(codes.HoursBand.AT_LEAST_16),
        "unemployment_length": str(codes.UnemploymentLength.MONTHS_3_TO_5),
        "economic_shock": str(codes.EconomicShock.NOT_APPLICABLE),
        "employer_name": "Acme Widgets",
    }
    response = signed_in.post(edit_url("employment_status", customer), data)
    assert_error_page(response, "Only record how long someone has been unemployed if they are.")
    assert 'value="Acme Widgets"' in response.content.decode()
    response = signed_in.post(edit_url("employment_status", customer), {**data, "status": ""})
    assert_error_page(response, "Select the employment status")
    assert not EmploymentStatus.objects.filter(customer=customer).exists()


def test_record_learning_status(signed_in, customer):
    response = signed_in.post(
        edit_url("learning_status", customer),
        {
            "status": str(codes.LearningStatusCode.NOT_IN_LEARNING),
            "hours": str(codes.HoursBand.NOT_KNOWN),
            "highest_qualification": str(codes.QualificationLevel.LEVEL_1),
            "qualification_achieved_on-day": "1",
            "qualification_achieved_on-month": "7",
            "qualification_achieved_on-year": "2012",
            "last_provider_ukprn": "10001234",
        },
    )
    assert response.status_code == 302
    entry = LearningStatus.objects.get(customer=customer)
    assert entry.qualification_achieved_on == datetime.date(2012, 7, 1) and entry.last_provider_ukprn == "10001234"
    assert actions(customer)[-1] == "customer.learning_status_recorded"


def test_learning_status_bad_input(signed_in, customer):
    tomorrow = TODAY() + datetime.timedelta(days=1)
    response = signed_in.post(
        edit_url("learning_status", customer),
        {
            "status": str(codes.LearningStatusCode.IN_LEARNING),
            "hours": str(codes.HoursBand.NOT_KNOWN),
            "recorded_on-day": str(tomorrow.day),
            "recorded_on-month": str(tomorrow.month),
            "recorded_on-year": str(tomorrow.year),
            "last_provider_ukprn": "123",
        },
    )
    assert_error_page(
        response,
        "The date of this status must be today or in the past",
        "Enter a UKPRN of 8 digits starting with 1, like 10001234",
    )
    assert 'value="123"' in response.content.decode()
    assert not LearningStatus.objects.filter(customer=customer).exists()


# Priority groups -----------------------------------------------------------------------------


@pytest.fixture
def neet(adviser) -> Customer:
    """Aged 20, unemployed and not in learning: the rules suggest group 1."""
    customer = services.customer_create(
        actor=adviser, given_name="Sam", family_name="Young", date_of_birth=years_ago(20, 5)
    )
    services.employment_status_record(actor=adviser, customer=customer, status=codes.EmploymentStatusCode.UNEMPLOYED)
    services.learning_status_record(actor=adviser, customer=customer, status=codes.LearningStatusCode.NOT_IN_LEARNING)
    return customer


def test_priority_groups_show_the_suggestion_ticked(signed_in, neet):
    response = signed_in.get(edit_url("priority_groups", neet))
    text = text_of(response)
    label = str(codes.PriorityGroup.NEET_18_TO_24.label)
    assert f"Suggested from their age, status history and qualification level: {label}." in text
    assert re.search(r'value="1"\s+checked', response.content.decode())
    response = signed_in.post(edit_url("priority_groups", neet), {"groups": ["1", "5"]}, follow=True)
    assert "Priority groups confirmed" in text_of(response)
    confirmation = PriorityGroupConfirmation.objects.get(customer=neet)
    assert (confirmation.groups, confirmation.suggested) == ([1, 5], [1])
    assert actions(neet)[-1] == "customer.priority_groups_confirmed"


@pytest.mark.parametrize(
    ("groups", "message"),
    [
        (["98", "2"], "'Not known' and 'not a priority customer' cannot be chosen with any other group."),
        (["99", "3"], "'Not known' and 'not a priority customer' cannot be chosen with any other group."),
        (["1", "6"], "A customer cannot be both aged 18 to 24 and aged 50 or over."),
        ([], "Choose at least one priority group, or ‘not known’"),
    ],
)
def test_priority_group_rules(signed_in, neet, groups, message):
    response = signed_in.post(edit_url("priority_groups", neet), {"groups": groups})
    assert_error_page(response, message)
    html = response.content.decode()
    for group in groups:
        assert re.search(rf'value="{group}"\s+checked', html)
    assert not PriorityGroupConfirmation.objects.filter(customer=neet).exists()


# Consents ---------------------------------------------------------------------------------------


def test_record_consent(signed_in, customer):
    data = {"user_research": "yes", "market_research": "no", "lawful_basis": str(codes.LawfulBasis.PUBLIC_TASK)}
    response = signed_in.post(edit_url("consents", customer), data, follow=True)
    assert response.redirect_chain[-1][0].endswith("/consents/")
    assert "Consent recorded" in text_of(response)
    consent = ConsentRecord.objects.get(customer=customer)
    assert consent.user_research and not consent.market_research
    assert actions(customer)[-1] == "customer.consent_recorded"
    # The current consent is what the form starts from.
    assert re.search(r'value="no"\s+checked', signed_in.get(edit_url("consents", customer)).content.decode())


def test_consent_bad_input(signed_in, customer):
    response = signed_in.post(edit_url("consents", customer), {"user_research": "yes"})
    assert_error_page(response, "Select yes if they agree to market research", "Select the lawful basis")
    assert re.search(r'value="yes"\s+checked', response.content.decode())


# Identity check ------------------------------------------------------------------------------


def asked_positions(response: Any) -> list[int]:
    match = re.search(r'name="positions" value="([\d,]+)"', response.content.decode())
    assert match
    return [int(position) for position in match.group(1).split(",")]


def test_without_a_memorable_word_the_check_asks_to_set_one(signed_in, customer):
    response = signed_in.get(edit_url("identity_check", customer), follow=True)
    assert response.redirect_chain[-1][0] == edit_url("memorable_word", customer)
    assert "has no memorable word yet" in text_of(response)
    assert "Set a memorable word" in text_of(response)


def test_set_memorable_word_never_shows_it(signed_in, customer):
    response = signed_in.post(edit_url("memorable_word", customer), {"word": "abc"})
    assert_error_page(response, "Enter a memorable word of 6 to 20 letters or numbers.")
    assert 'value="abc"' not in response.content.decode()
    assert not IdentitySecret.objects.filter(customer=customer).exists()
    response = signed_in.post(edit_url("memorable_word", customer), {"word": WORD}, follow=True)
    assert "Memorable word saved" in text_of(response)
    assert WORD.lower() not in response.content.decode().lower()
    assert IdentitySecret.objects.get(customer=customer).length == len(WORD)
    assert actions(customer)[-1] == "customer.identity_secret_set"
    assert "Replace the memorable word" in text_of(signed_in.get(edit_url("memorable_word", customer)))


@pytest.fixture
def with_word(adviser, customer) -> Customer:
    services.identity_secret_set(actor=adviser, customer=customer, word=WORD)
    return customer


def test_identity_check_passes_and_is_shown_on_the_record(signed_in, with_word):
    page = signed_in.get(edit_url("identity_check", with_word))
    positions = asked_positions(page)
    assert len(positions) == 3 and WORD.lower() not in page.content.decode().lower()
    answers = {f"character_{position}": WORD[position - 1].upper() for position in positions}
    response = signed_in.post(
        edit_url("identity_check", with_word), {"positions": ",".join(map(str, positions)), **answers}, follow=True
    )
    text = text_of(response)
    assert "Identity check passed" in text
    assert "Recent identity checks" in text and "Passed" in text
    assert WORD.lower() not in response.content.decode().lower()
    check = IdentityCheck.objects.get(customer=with_word)
    assert check.passed and check.positions == positions
    assert actions(with_word)[-1] == "customer.identity_checked"


def test_identity_check_fails_with_wrong_characters(signed_in, with_word):
    response = signed_in.post(
        edit_url("identity_check", with_word), {"positions": "1,2", "character_1": "k", "character_2": "x"}, follow=True
    )
    assert "Identity check failed" in text_of(response)
    assert "Failed" in text_of(response)
    assert not IdentityCheck.objects.get(customer=with_word).passed


def test_identity_check_missing_answer_keeps_the_others(signed_in, with_word):
    response = signed_in.post(
        edit_url("identity_check", with_word), {"positions": "1,3,5", "character_1": "k", "character_3": ""}
    )
    assert_error_page(response, "Enter the 3rd character", "Enter the 5th character")
    html = response.content.decode()
    assert 'value="k"' in html and 'value="1,3,5"' in html
    assert not IdentityCheck.objects.filter(customer=with_word).exists()


def test_identity_check_positions_out_of_range_are_a_form_error(signed_in, with_word):
    response = signed_in.post(
        edit_url("identity_check", with_word), {"positions": "1,40", "character_1": "k", "character_40": "a"}
    )
    assert_error_page(response, "Ask for at least 2 characters, at positions from 1 to 11.", above_form=True)
    response = signed_in.post(edit_url("identity_check", with_word), {"positions": "x;1"})
    assert response.status_code == 302


def test_identity_check_refuses_after_too_many_failures(signed_in, with_word):
    for _ in range(services.IDENTITY_CHECK_FAILURES_ALLOWED):
        signed_in.post(
            edit_url("identity_check", with_word), {"positions": "1,2", "character_1": "x", "character_2": "x"}
        )
    response = signed_in.post(
        edit_url("identity_check", with_word), {"positions": "1,2", "character_1": "k", "character_2": "i"}
    )
    assert_error_page(
        response, "Too many failed identity checks in the last hour. Check identity another way.", above_form=True
    )


# Termination and read-only records ----------------------------------------------------------


EDIT_PARTS = [
    "identity",
    "contact",
    "address_add",
    "diversity",
    "employment_status",
    "learning_status",
    "priority_groups",
    "consents",
    "identity_check",
    "memorable_word",
    "terminate",
]


def test_terminate_a_record(signed_in, customer):
    page = signed_in.get(edit_url("terminate", customer))
    assert "A terminated record is read-only" in text_of(page)
    response = signed_in.post(edit_url("terminate", customer), {})
    assert_error_page(response, "Select why the record is being terminated")
    response = signed_in.post(edit_url("terminate", customer), {"reason": "9"})
    assert_error_page(response, "Select a valid choice")
    response = signed_in.post(
        edit_url("terminate", customer), {"reason": str(codes.TerminationReason.DUPLICATE)}, follow=True
    )
    text = text_of(response)
    assert "The record has been terminated" in text and "Record terminated" in text
    customer.refresh_from_db()
    assert customer.is_terminated and customer.termination_reason == codes.TerminationReason.DUPLICATE
    assert actions(customer)[-1] == "customer.terminated"


@pytest.mark.parametrize("reason", [1, 2, 3, 99])
def test_every_termination_reason(signed_in, customer, reason):
    assert signed_in.post(edit_url("terminate", customer), {"reason": str(reason)}).status_code == 302
    assert Customer.objects.get(pk=customer.pk).termination_reason == reason


def test_terminated_record_is_read_only(signed_in, adviser, customer):
    address = services.address_add(actor=adviser, customer=customer, line_1="1 Road", postcode="M1 1AE")
    services.identity_secret_set(actor=adviser, customer=customer, word=WORD)
    services.customer_terminate(actor=adviser, customer=customer, reason=codes.TerminationReason.CUSTOMER_CHOICE)
    before = actions(customer)
    for tab in ("customer_record", "customer_record_contact", "customer_record_addresses", "customer_record_consents"):
        html = signed_in.get(reverse(f"workspace:{tab}", kwargs={"reference": customer.reference})).content.decode()
        assert "/change/" not in html and "/terminate/" not in html and "/identity-check/" not in html
    urls = [edit_url(part, customer) for part in EDIT_PARTS] + [edit_url("address_end", customer, pk=address.pk)]
    for url in urls:
        for response in (signed_in.get(url), signed_in.post(url, {"reason": "1", "word": "another1"})):
            assert response.status_code == 409, url
            assert "This record is read-only" in text_of(response)
    assert actions(customer) == before
    assert Customer.objects.get(pk=customer.pk).termination_reason == codes.TerminationReason.CUSTOMER_CHOICE


def test_live_record_shows_change_links(signed_in, customer):
    html = signed_in.get(
        reverse("workspace:customer_record", kwargs={"reference": customer.reference})
    ).content.decode()
    for part in ("identity", "identity_check", "memorable_word", "priority_groups", "terminate"):
        assert f'href="{edit_url(part, customer)}"' in html


# Who may change a record --------------------------------------------------------------------


ALL_URLS = [*EDIT_PARTS, "address_end"]


def _expected(name: str, part: str) -> int | str:
    if name == "anonymous":
        return "sign_in"
    if name in {"customer", "other_customer", *PROVIDER_STAFF}:
        return 403
    role = {"other_organisation_admin": Role.SYSTEM_ADMINISTRATOR, "other_organisation_adviser": Role.ADVISER}.get(
        name, name
    )
    if part == "diversity" and role not in SPECIAL_CATEGORY_ROLES:
        return 403
    return 200


@pytest.mark.parametrize("part", ALL_URLS)
@pytest.mark.parametrize("name", PEOPLE)
def test_authorisation(person, client_for, adviser, name, part):
    customer: Customer = CustomerFactory()  # type: ignore[assignment]  # factory_boy is untyped
    if part == "identity_check":
        services.identity_secret_set(actor=adviser, customer=customer, word=WORD)
    address = services.address_add(actor=adviser, customer=customer, line_1="1 Road", postcode="M1 1AE")
    url = edit_url(part, customer, pk=address.pk) if part == "address_end" else edit_url(part, customer)
    client = client_for(person(name))
    response = client.get(url)
    expected = _expected(name, part)
    if expected == "sign_in":
        assert response.status_code == 302 and response["Location"].startswith(SIGN_IN)
        assert client.post(url, {"reason": "1"}).status_code == 302
        assert not Customer.objects.get(pk=customer.pk).is_terminated
    else:
        assert response.status_code == expected
        if expected == 403:
            client.post(url, {"reason": "1"})
            assert not Customer.objects.get(pk=customer.pk).is_terminated
