"""Referrals on the customer record: the tab, finding a partner, the forms and the status page."""

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
from signpost.casework.models import Task
from signpost.contacts.models import TimelineEvent
from signpost.core.models import AuditEvent
from signpost.customers import services as customer_services
from signpost.customers.models import Customer
from signpost.organisations.models import Area
from signpost.referrals import codes
from signpost.referrals.models import Referral
from signpost.referrals.tests.builders import live_in, make_partner, make_referral
from tests.factories import CustomerFactory, make_staff

pytestmark = pytest.mark.django_db

SIGN_IN = "/workspace/sign-in/"
STAFF = {role.value for role in Role} - PROVIDER_STAFF | {"other_organisation_admin", "other_organisation_adviser"}
# Who refers and updates referrals: advisers, team leaders and safeguarding leads, of any organisation.
REFERRERS = {Role.ADVISER, Role.TEAM_LEADER, Role.SAFEGUARDING_LEAD, "other_organisation_adviser"}


def text_of(response: Any) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


@pytest.fixture
def adviser(london):
    return make_staff(Role.ADVISER, organisation=london, given_name="Ade", family_name="Adviser")


@pytest.fixture
def customer(db) -> Customer:
    return live_in(CustomerFactory(given_name="Ada", family_name="Lovelace"))


@pytest.fixture
def signed_in(client, adviser):
    client.force_login(adviser)
    return client


def url(name: str, customer: Customer, **kwargs: Any) -> str:
    return reverse(f"workspace:{name}", kwargs={"reference": customer.reference, **kwargs})


def referral_data(**fields: Any) -> dict[str, Any]:
    return {
        "kind": str(codes.ReferralKind.REFERRAL),
        "reason": "Rent arrears are stopping them looking for work",
        "notes": "Prefers phone calls after 3pm",
        "consent_to_share": "on",
        "follow_up_on-day": "",
        "follow_up_on-month": "",
        "follow_up_on-year": "",
        **fields,
    }


def expect_denied(response: Any, who: str) -> None:
    if who == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith(SIGN_IN)
    else:
        assert response.status_code == 403


# Authorisation ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("page", ["customer_record_referrals", "referral_detail"])
def test_every_member_of_staff_reads_a_records_referrals(who, page, person, client_for, customer, adviser):
    referral = make_referral(customer, adviser, make_partner())
    kwargs = {"pk": referral.pk} if page == "referral_detail" else {}
    response = client_for(person(who)).get(url(page, customer, **kwargs))
    if who in STAFF:
        assert response.status_code == 200
        assert "Riverside Money Advice" in text_of(response)
    else:
        expect_denied(response, who)


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("page", ["referral_find_partner", "referral_create_to_partner", "referral_create_to_channel"])
def test_referring_is_for_advisers_team_leaders_and_safeguarding_leads(who, page, person, client_for, customer):
    partner = make_partner()
    kwargs = {"partner_pk": partner.pk} if page.endswith("partner") and "create" in page else {}
    if page == "referral_create_to_channel":
        kwargs = {"channel": codes.OtherChannel.CONTACT_CENTRE}
    response = client_for(person(who)).get(url(page, customer, **kwargs))
    if who in REFERRERS:
        assert response.status_code == 200 and "<h1" in response.content.decode()
    else:
        expect_denied(response, who)


@pytest.mark.parametrize("who", PEOPLE)
def test_updating_a_status_is_for_referrers(who, person, client_for, customer, adviser):
    referral = make_referral(customer, adviser, make_partner())
    response = client_for(person(who)).post(
        url("referral_detail", customer, pk=referral.pk), {"status": str(codes.ReferralStatus.ACCEPTED)}
    )
    referral.refresh_from_db()
    if who in REFERRERS:
        assert response.status_code == 302 and referral.status == codes.ReferralStatus.ACCEPTED
    else:
        expect_denied(response, who)
        assert referral.status == codes.ReferralStatus.MADE


@pytest.mark.parametrize("who", ["anonymous", "customer", Role.MANAGER, Role.QUALITY_AUDITOR])
def test_nothing_is_referred_by_people_who_may_not(who, person, client_for, customer):
    partner = make_partner()
    client_for(person(who)).post(url("referral_create_to_partner", customer, partner_pk=partner.pk), referral_data())
    assert not Referral.objects.exists()


def test_unknown_things_are_not_found(signed_in, customer, adviser):
    other = live_in(CustomerFactory())
    referral = make_referral(other, adviser, make_partner())
    assert signed_in.get(url("referral_detail", customer, pk=referral.pk)).status_code == 404
    assert signed_in.get(url("referral_create_to_partner", customer, partner_pk=999999)).status_code == 404
    assert signed_in.get(url("referral_create_to_channel", customer, channel=7)).status_code == 404
    assert signed_in.get("/workspace/customers/CCCCCCCC/referrals/new/").status_code == 404


def test_a_terminated_record_is_read_only(signed_in, customer, adviser):
    referral = make_referral(customer, adviser, make_partner())
    customer_services.customer_terminate(actor=adviser, customer=customer, reason=1)
    for address in (
        url("referral_find_partner", customer),
        url("referral_create_to_channel", customer, channel=1),
        url("referral_create_to_partner", customer, partner_pk=referral.partner_id),
    ):
        response = signed_in.get(address)
        assert response.status_code == 409 and "This record is read-only" in text_of(response)
    response = signed_in.post(url("referral_detail", customer, pk=referral.pk), {"status": "2"})
    assert response.status_code == 409
    tab = signed_in.get(url("customer_record_referrals", customer)).content.decode()
    assert "Record terminated" in tab and url("referral_find_partner", customer) not in tab
    assert "Update status" not in text_of(signed_in.get(url("referral_detail", customer, pk=referral.pk)))


# The tab ---------------------------------------------------------------------------------------


def test_the_tab_without_referrals_says_so(signed_in, customer):
    page = text_of(signed_in.get(url("customer_record_referrals", customer)))
    assert "No referrals or signposts yet" in page and "Refer or signpost" in page


def test_the_tab_lists_referrals_newest_first_and_is_audited(signed_in, customer, adviser):
    make_referral(customer, adviser, make_partner("Older Partner"), made_at=timezone.now() - datetime.timedelta(days=3))
    make_referral(customer, adviser, None, reason="Wants to book face to face", channel=codes.OtherChannel.FACE_TO_FACE)
    page = text_of(signed_in.get(url("customer_record_referrals", customer)))
    assert page.index("Face to face: an adviser in their area") < page.index("Older Partner")
    assert AuditEvent.objects.filter(action="customer.viewed", details__part="referrals").exists()


def test_roles_that_only_read_see_no_button(client_for, person, customer):
    page = text_of(client_for(person(Role.QUALITY_AUDITOR)).get(url("customer_record_referrals", customer)))
    assert "No referrals or signposts yet" in page
    assert "Refer or signpost" not in page


# Finding a partner -----------------------------------------------------------------------------


def test_partners_for_the_customers_area_and_national_ones_are_offered(signed_in, customer):
    make_partner("Riverside Money Advice", areas=[Area.LONDON])
    make_partner("Tyne Debt Line", areas=[Area.NORTH_EAST])
    make_partner("National Debt Charity", serves_all_england=True)
    make_partner("Closed London Partner", is_active=False)
    response = signed_in.get(url("referral_find_partner", customer))
    page = text_of(response)
    assert "They live in London" in page
    assert "Riverside Money Advice" in page and "National Debt Charity" in page
    assert "Tyne Debt Line" not in page and "Closed London Partner" not in page
    assert re.search(rf'<option value="{Area.LONDON}" selected>', response.content.decode())


def test_choosing_another_area_or_a_category(signed_in, customer):
    make_partner("Riverside Money Advice", areas=[Area.LONDON])
    make_partner("Tyne Housing", categories=[codes.PartnerCategory.HOUSING], areas=[Area.NORTH_EAST])
    make_partner("Tyne Debt Line", areas=[Area.NORTH_EAST])
    page = text_of(
        signed_in.get(url("referral_find_partner", customer), {"area": str(Area.NORTH_EAST), "category": "12"})
    )
    assert "Tyne Housing" in page and "Tyne Debt Line" not in page and "Riverside" not in page
    nothing = text_of(signed_in.get(url("referral_find_partner", customer), {"q": "astronaut"}))
    assert "No partners match" in nothing and "Web: the service's website" in nothing


def test_a_customer_without_a_known_area_is_offered_national_partners(signed_in):
    customer = CustomerFactory()
    make_partner("Riverside Money Advice", areas=[Area.LONDON])
    make_partner("National Debt Charity", serves_all_england=True)
    page = text_of(signed_in.get(url("referral_find_partner", customer)))
    assert "We do not know their area" in page
    assert "National Debt Charity" in page and "Riverside" not in page


def test_a_bad_search_is_explained(signed_in, customer):
    response = signed_in.get(url("referral_find_partner", customer), {"category": "77"})
    assert response.status_code == 200 and "Select a category from the list" in text_of(response)


# Making a referral -----------------------------------------------------------------------------


def test_referring_with_a_warm_transfer(signed_in, customer, adviser):
    partner = make_partner(accepts_warm_transfers=True)
    address = url("referral_create_to_partner", customer, partner_pk=partner.pk)
    form_page = text_of(signed_in.get(address))
    assert "This is a warm transfer" in form_page
    assert "The customer agrees to us sharing their details with Riverside Money Advice" in form_page
    response = signed_in.post(address, referral_data(warm_transfer="on"), follow=True)
    referral = Referral.objects.get()
    assert response.redirect_chain[-1][0] == url("referral_detail", customer, pk=referral.pk)
    page = text_of(response)
    assert "Referral to Riverside Money Advice recorded" in page and "Made" in page
    assert referral.warm_transfer and referral.consent_to_share and referral.made_by == adviser
    assert referral.notes == "Prefers phone calls after 3pm"
    assert TimelineEvent.objects.filter(customer=customer, kind="referral.referral_made").exists()
    assert Task.objects.filter(customer=customer).count() == 1
    assert "Check how the warm transfer to Riverside Money Advice went" in page


def test_no_warm_transfer_is_offered_when_the_partner_does_not_take_them(signed_in, customer):
    partner = make_partner(accepts_warm_transfers=False)
    address = url("referral_create_to_partner", customer, partner_pk=partner.pk)
    assert "This is a warm transfer" not in text_of(signed_in.get(address))
    signed_in.post(address, referral_data(warm_transfer="on"))
    assert not Referral.objects.get().warm_transfer


def test_bad_input_shows_every_error_and_keeps_what_was_typed(signed_in, customer):
    partner = make_partner()
    response = signed_in.post(
        url("referral_create_to_partner", customer, partner_pk=partner.pk),
        referral_data(
            reason="",
            consent_to_share="",
            **{"follow_up_on-day": "31", "follow_up_on-month": "2", "follow_up_on-year": "2027"},
        ),
    )
    assert response.status_code == 200
    page, html = text_of(response), response.content.decode()
    assert page.startswith("Error:") and "There is a problem" in page
    assert "Enter what the customer needs help with" in page
    assert "Follow-up date (optional) must be a real date" in page
    assert "Prefers phone calls after 3pm" in html and 'value="31"' in html and 'value="2027"' in html
    assert not Referral.objects.exists()


def test_a_referral_without_consent_is_refused_with_the_reason_kept(signed_in, customer):
    partner = make_partner()
    response = signed_in.post(
        url("referral_create_to_partner", customer, partner_pk=partner.pk), referral_data(consent_to_share="")
    )
    page, html = text_of(response), response.content.decode()
    assert "The customer must agree to us sharing their details before we refer them" in page
    assert "Rent arrears are stopping them looking for work" in html
    assert re.search(r'value="2"\s+checked', html)
    assert not Referral.objects.exists()


def test_a_follow_up_in_the_past_is_refused(signed_in, customer):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = signed_in.post(
        url("referral_create_to_channel", customer, channel=codes.OtherChannel.WEB),
        referral_data(
            kind="1",
            **{
                "follow_up_on-day": str(yesterday.day),
                "follow_up_on-month": str(yesterday.month),
                "follow_up_on-year": str(yesterday.year),
            },
        ),
    )
    assert "The follow-up date must be today or in the future" in text_of(response)
    assert not Referral.objects.exists()


def test_an_inactive_partner_is_not_offered_a_form(signed_in, customer):
    partner = make_partner(is_active=False)
    address = url("referral_create_to_partner", customer, partner_pk=partner.pk)
    page = text_of(signed_in.get(address))
    assert "Riverside Money Advice is no longer an active partner: choose another partner" in page
    assert "Save" not in page
    response = signed_in.post(address, referral_data())
    assert "no longer an active partner" in text_of(response)
    assert not Referral.objects.exists()


def test_signposting_to_another_channel(signed_in, customer):
    address = url("referral_create_to_channel", customer, channel=codes.OtherChannel.CONTACT_CENTRE)
    form_page = text_of(signed_in.get(address))
    assert "Consent to share" not in form_page and "warm transfer" not in form_page.lower()
    signed_in.post(address, referral_data(kind="1", consent_to_share=""))
    referral = Referral.objects.get()
    assert referral.channel == codes.OtherChannel.CONTACT_CENTRE and referral.partner is None
    assert not referral.consent_to_share


def test_a_form_without_a_choice_says_what_to_choose(signed_in, customer):
    response = signed_in.post(url("referral_create_to_channel", customer, channel=1), {"reason": "Courses"})
    page = text_of(response)
    assert "Select signpost or refer" in page and "Courses" in response.content.decode()


# The referral's page ---------------------------------------------------------------------------


def test_status_moves_on_with_history(signed_in, customer, adviser):
    referral = make_referral(customer, adviser, make_partner())
    address = url("referral_detail", customer, pk=referral.pk)
    page = text_of(signed_in.get(address))
    assert "Accepted" in page and "Declined" in page and "Completed" not in page.split("New status")[1]
    signed_in.post(address, {"status": "2"})
    response = signed_in.post(address, {"status": "3", "reason": "Payment plan agreed"}, follow=True)
    page = text_of(response)
    assert "The referral has been marked completed" in page
    assert "Payment plan agreed" in page
    assert "its status can no longer change" in page and "Update status" not in page
    assert list(TimelineEvent.objects.filter(customer=customer).values_list("kind", flat=True).order_by("id")) == [
        "referral.accepted",
        "referral.completed",
    ]


def test_a_status_change_without_a_choice_or_reason_is_explained(signed_in, customer, adviser):
    referral = make_referral(customer, adviser, make_partner())
    address = url("referral_detail", customer, pk=referral.pk)
    page = text_of(signed_in.post(address, {"reason": ""}))
    assert page.startswith("Error:") and "Select the new status" in page
    response = signed_in.post(address, {"status": "5", "reason": ""})
    page = text_of(response)
    assert "Enter why the referral was withdrawn" in page
    assert re.search(r'value="5"\s+checked', response.content.decode())
    response = signed_in.post(address, {"status": "3", "reason": "Done already"})
    assert "Select a status from the list" in text_of(response)
    assert "Done already" in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == codes.ReferralStatus.MADE


def test_reading_a_referral_is_audited(signed_in, customer, adviser):
    referral = make_referral(customer, adviser, make_partner())
    signed_in.get(url("referral_detail", customer, pk=referral.pk))
    assert AuditEvent.objects.filter(action="customer.viewed", details__part="referral").exists()


def test_the_tab_reads_the_same_number_of_queries_however_many_referrals(signed_in, customer, adviser):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    partner = make_partner()
    make_referral(customer, adviser, partner)
    signed_in.get(url("customer_record_referrals", customer))  # warm the session's caches
    with CaptureQueriesContext(connection) as one:
        signed_in.get(url("customer_record_referrals", customer))
    for _ in range(9):
        make_referral(customer, adviser, partner)
    with CaptureQueriesContext(connection) as ten:
        response = signed_in.get(url("customer_record_referrals", customer))
    assert response.content.decode().count("Riverside Money Advice<span") == 10
    assert len(ten.captured_queries) == len(one.captured_queries)
