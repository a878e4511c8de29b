"""The customer record page (read): identity bar, six tabs, special category access, audit, queries."""

from __future__ import annotations

import datetime
import re
from html import unescape
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import PEOPLE, PROVIDER_STAFF
from signpost.accounts.roles import ROLE_PERMISSIONS, SPECIAL_CATEGORY, Role
from signpost.core.models import AuditEvent
from signpost.customers import codes, services
from signpost.customers.models import Address, Customer
from signpost.organisations.models import Area
from tests.factories import CustomerFactory, filled_customer, make_staff

pytestmark = pytest.mark.django_db

TABS = {
    "details": "workspace:customer_record",
    "contact": "workspace:customer_record_contact",
    "addresses": "workspace:customer_record_addresses",
    "diversity": "workspace:customer_record_diversity",
    "employment_and_learning": "workspace:customer_record_employment_and_learning",
    "consents": "workspace:customer_record_consents",
}
SPECIAL_CATEGORY_ROLES = {Role.ADVISER, Role.TEAM_LEADER, Role.SAFEGUARDING_LEAD}
SIGN_IN = "/workspace/sign-in/"


def url(tab: str, customer: Any) -> str:
    return reverse(TABS[tab], kwargs={"reference": customer.reference})


def new_customer(**fields: Any) -> Customer:
    customer: Customer = CustomerFactory(**fields)  # type: ignore[assignment]  # factory_boy is untyped
    return customer


def text_of(response) -> str:
    """What a person reads: the page's text without tags, whitespace collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def views_of(customer: Any) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            action="customer.viewed", object_type="customers.customer", object_id=str(customer.pk)
        ).order_by("pk")
    )


@pytest.fixture
def adviser(london):
    return make_staff(Role.ADVISER, organisation=london, given_name="Ada", family_name="Adviser")


@pytest.fixture
def signed_in(client_for, adviser):
    return client_for(adviser)


@pytest.fixture
def full_customer(adviser) -> Customer:
    customer = filled_customer(adviser, date_registered=datetime.date(2024, 3, 5))
    # Routing a postcode to its area needs the national district table (tested with the
    # customers' services); here the areas are set as that routing would set them.
    Address.objects.filter(customer=customer, postcode="M1 1AE").update(
        local_authority="E08000003", area=Area.NORTH_WEST
    )
    Address.objects.filter(customer=customer, postcode="SW1A 1AA").update(
        local_authority="E09000033", area=Area.LONDON
    )
    services.consent_record(
        actor=adviser,
        customer=customer,
        user_research=False,
        market_research=True,
        lawful_basis=codes.LawfulBasis.CONSENT,
    )
    return customer


# What each tab shows --------------------------------------------------------------------------


def test_identity_bar_names_the_customer_with_reference_age_area_groups_and_flags(signed_in, full_customer):
    response = signed_in.get(url("details", full_customer))
    assert response.status_code == 200
    page = text_of(response)
    html = response.content.decode()
    assert re.search(r"<h1 [^>]*moj-identity-bar__title[^>]*>\s*Priya Sharma\s*</h1>", html)
    assert f"Reference: {full_customer.display_reference}" in page
    assert "-" in full_customer.display_reference
    assert f"Date of birth: 1 January {timezone.localdate().year - 30} (age 30)" in page
    assert "Area: London" in page
    assert "Priority groups: Single parent with at least one dependent child" in page
    assert "Interpreter needed (Punjabi)" in page
    assert "Accessibility needs" in page
    assert "Record terminated" not in page


def test_details_tab_shows_identity_how_they_heard_and_an_honest_contact_history(signed_in, full_customer):
    page = text_of(signed_in.get(url("details", full_customer)))
    for expected in (
        "Title Ms",
        "First name Priya",
        "Last name Sharma",
        "Gender Female",
        "Unique learner number 1234567890",
        "Customer type Parent or guardian",
        "How they heard of us Jobcentre Plus Work coach at Brixton",
        "Date registered 5 March 2024",
        "Contact history",
        "Contacts recorded on any channel will appear here.",
    ):
        assert expected in page


def test_contact_tab_shows_details_permissions_language_and_needs(signed_in, full_customer):
    page = text_of(signed_in.get(url("contact", full_customer)))
    for expected in (
        "Preferred contact method Email",
        "Mobile 07700 900123",
        "Home phone 020 7946 0000 ext. 12",
        "Alternative phone Not given",
        "Email address priya.sharma@example.com",
        "By phone No",
        "By text message Yes",
        "By email Yes",
        "By post No",
        "Preferred language Punjabi",
        "Interpreter needed Yes",
        "Accessibility needs Large print letters",
    ):
        assert expected in page


def test_addresses_tab_shows_current_and_past_with_their_dates(signed_in, full_customer):
    page = text_of(signed_in.get(url("addresses", full_customer)))
    current, past = page.split("Past addresses", 1)
    assert "Buckingham Palace London SW1A 1AA London 1 June 2023 Now" in current
    assert "1 Old Road Manchester M1 1AE North West 1 January 2020 31 May 2023" in past


def test_diversity_tab_shows_the_special_category_values_and_consents(signed_in, full_customer):
    page = text_of(signed_in.get(url("diversity", full_customer)))
    assert "Learning difficulty, disability or health problem Has a learning difficulty" in page
    assert "Primary type Dyslexia" in page
    assert "Secondary type Not provided" in page
    assert "Ethnicity Asian or Asian British: Indian" in page
    assert page.count("Consent to record Given on") == 2


def test_employment_and_learning_tab_lists_both_histories_newest_first_with_current_status(signed_in, full_customer):
    page = text_of(signed_in.get(url("employment_and_learning", full_customer)))
    assert "Employment status Employed" in page
    assert "Employment status captured Yes" in page
    assert "Learning status In learning" in page
    assert "Learning status captured Yes" in page
    assert "10 January 2025 Employed" in page
    assert page.index("10 January 2025 Employed") < page.index("5 March 2024 Unemployed")
    assert "6 to 11 months" in page and "Acme Bakery" in page
    assert "1 September 2024 In learning Not known Level 3 Not known 10001234" in page


def test_consents_tab_lists_the_history_newest_first_marking_the_current_one(signed_in, full_customer, adviser):
    page = text_of(signed_in.get(url("consents", full_customer)))
    newest = page.index("Current No Yes Consent")
    oldest = page.index("Yes No Public task")
    assert newest < oldest
    assert "Ada Adviser" in page


@pytest.mark.parametrize(
    ("tab", "empty_state"),
    [
        ("details", "Contacts recorded on any channel will appear here."),
        ("contact", "No contact details recorded."),
        ("addresses", "No addresses recorded."),
        ("diversity", "No diversity information recorded."),
        ("employment_and_learning", "No employment status recorded."),
        ("consents", "No consents recorded."),
    ],
)
def test_every_tab_has_an_empty_state(signed_in, tab, empty_state):
    customer = new_customer(date_of_birth=None)
    page = text_of(signed_in.get(url(tab, customer)))
    assert empty_state in page
    assert "Date of birth: Not known" in page
    assert "Area: Not known" in page
    assert "Priority groups: Not confirmed" in page
    if tab == "employment_and_learning":
        assert "No learning status recorded." in page
        assert "Employment status captured No" in page


def test_status_not_known_is_shown_as_not_captured(signed_in, adviser):
    customer = new_customer()
    services.employment_status_record(actor=adviser, customer=customer, status=codes.EmploymentStatusCode.NOT_KNOWN)
    page = text_of(signed_in.get(url("employment_and_learning", customer)))
    assert "Employment status Not known" in page
    assert "Employment status captured No" in page


@pytest.mark.parametrize("tab", TABS)
def test_a_terminated_record_shows_a_read_only_banner_with_reason_and_date(signed_in, full_customer, adviser, tab):
    services.customer_terminate(actor=adviser, customer=full_customer, reason=codes.TerminationReason.DECEASED)
    page = text_of(signed_in.get(url(tab, full_customer)))
    today = timezone.localdate().strftime("%-d %B %Y")
    assert f"Record terminated This record was terminated on {today}: deceased. It is read-only" in page
    assert "Terminated" in page


# Addresses of the record ----------------------------------------------------------------------


@pytest.mark.parametrize("tab", TABS)
@pytest.mark.parametrize("typed", ["lower", "hyphen", "lower_hyphen"])
def test_a_reference_in_any_case_or_with_a_hyphen_redirects_to_the_canonical_address(signed_in, adviser, tab, typed):
    customer = new_customer()
    typed_reference = {
        "lower": customer.reference.lower(),
        "hyphen": customer.display_reference,
        "lower_hyphen": customer.display_reference.lower(),
    }[typed]
    response = signed_in.get(reverse(TABS[tab], kwargs={"reference": typed_reference}))
    assert response.status_code == 301
    assert response["Location"] == url(tab, customer)
    assert views_of(customer) == []  # nothing was shown yet


@pytest.mark.parametrize("tab", TABS)
def test_an_unknown_reference_is_not_found(signed_in, tab):
    new_customer()
    assert signed_in.get(reverse(TABS[tab], kwargs={"reference": "AAAA-AAAA"})).status_code == 404
    assert signed_in.get(f"/workspace/customers/ZZZZ0000/{'' if tab == 'details' else 'contact/'}").status_code == 404
    assert not AuditEvent.objects.filter(action="customer.viewed").exists()


# Special category data ------------------------------------------------------------------------


def test_the_special_category_permission_belongs_to_the_roles_that_need_it_only():
    holders = {role for role, permissions in ROLE_PERMISSIONS.items() if SPECIAL_CATEGORY in permissions}
    assert holders == SPECIAL_CATEGORY_ROLES


@pytest.mark.parametrize("role", [role.value for role in Role])
def test_the_diversity_tab_shows_only_to_roles_allowed_special_category_data(client_for, london, role):
    customer = new_customer()
    client = client_for(make_staff(role, organisation=london))
    details = client.get(url("details", customer))
    diversity = client.get(url("diversity", customer))
    allowed = role in SPECIAL_CATEGORY_ROLES
    if role in PROVIDER_STAFF:
        assert details.status_code == diversity.status_code == 403 and views_of(customer) == []
        return
    assert (url("diversity", customer) in details.content.decode()) is allowed
    assert ("Diversity" in text_of(details)) is allowed
    assert diversity.status_code == (200 if allowed else 403)
    assert [event.details["part"] for event in views_of(customer)] == (
        ["details", "diversity"] if allowed else ["details"]
    )


# Audit ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("tab", TABS)
def test_every_view_of_a_tab_is_audited_with_the_actor_the_customer_and_the_tab(signed_in, adviser, full_customer, tab):
    before = len(views_of(full_customer))
    signed_in.get(url(tab, full_customer))
    signed_in.get(url(tab, full_customer))
    events = views_of(full_customer)[before:]
    assert len(events) == 2
    for event in events:
        assert event.actor == adviser
        assert event.details == {"part": tab}  # which tab, no personal data


# Queries --------------------------------------------------------------------------------------


@pytest.mark.parametrize("tab", TABS)
def test_each_tab_takes_a_small_constant_number_of_queries(
    signed_in, adviser, full_customer, tab, django_assert_max_num_queries
):
    signed_in.get(url(tab, full_customer))  # warm the session and permission caches like a real visit
    with django_assert_max_num_queries(10):  # quality.md: ≤ 10 queries for the record page
        assert signed_in.get(url(tab, full_customer)).status_code == 200
    with CaptureQueriesContext(connection) as before:
        signed_in.get(url(tab, full_customer))
    for day in range(20):
        recorded_on = datetime.date(2023, 1, 1) + datetime.timedelta(days=day)
        services.employment_status_record(
            actor=adviser, customer=full_customer, status=codes.EmploymentStatusCode.EMPLOYED, recorded_on=recorded_on
        )
        services.learning_status_record(
            actor=adviser, customer=full_customer, status=codes.LearningStatusCode.IN_LEARNING, recorded_on=recorded_on
        )
        services.consent_record(
            actor=adviser,
            customer=full_customer,
            user_research=True,
            market_research=True,
            lawful_basis=codes.LawfulBasis.CONSENT,
        )
        services.address_add(
            actor=adviser,
            customer=full_customer,
            line_1=f"{day} Past Street",
            postcode="M1 1AE",
            effective_from=recorded_on,
            ends_previous=False,
        )
    with CaptureQueriesContext(connection) as after:
        assert signed_in.get(url(tab, full_customer)).status_code == 200
    assert len(after.captured_queries) == len(before.captured_queries)


# Who may see the record -----------------------------------------------------------------------


def _expected(name: str, tab: str) -> int | str:
    if name == "anonymous":
        return "sign_in"
    if name in {"customer", "other_customer", *PROVIDER_STAFF}:
        return 403
    role = {"other_organisation_admin": Role.SYSTEM_ADMINISTRATOR, "other_organisation_adviser": Role.ADVISER}.get(
        name, name
    )
    if tab == "diversity" and role not in SPECIAL_CATEGORY_ROLES:
        return 403
    return 200


@pytest.mark.parametrize("tab", TABS)
@pytest.mark.parametrize("name", PEOPLE)
def test_who_may_see_each_tab(person, client_for, name, tab):
    customer = new_customer()
    user = person(name)
    response = client_for(user).get(url(tab, customer))
    expected = _expected(name, tab)
    if expected == "sign_in":
        assert response.status_code == 302
        assert response["Location"].startswith(SIGN_IN)
        assert views_of(customer) == []
    else:
        assert response.status_code == expected
        events = views_of(customer)
        assert [(event.actor, event.details["part"]) for event in events] == ([(user, tab)] if expected == 200 else [])
