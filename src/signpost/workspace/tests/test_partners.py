"""The partner directory pages: who may see and change them, the filter, paging, the forms."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest
from django.urls import reverse

from conftest import PEOPLE, PROVIDER_STAFF
from signpost.accounts.roles import Role
from signpost.core.models import AuditEvent
from signpost.organisations.models import Area
from signpost.referrals import codes
from signpost.referrals.models import Partner
from signpost.referrals.tests.builders import make_partner
from tests.factories import make_staff

pytestmark = pytest.mark.django_db

SIGN_IN = "/workspace/sign-in/"
LIST = "/workspace/partners/"
ADD = "/workspace/partners/add/"
# Who may change a London partner: London's team leaders, managers and system administrators.
LONDON_MANAGERS = {Role.TEAM_LEADER, Role.MANAGER, Role.SYSTEM_ADMINISTRATOR}
# Who may add a partner at all: those, and the North West's system administrator (for their area).
ADDERS = LONDON_MANAGERS | {"other_organisation_admin"}


def text_of(response: Any) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def form_data(**fields: Any) -> dict[str, Any]:
    return {
        "name": "Harbour Housing Help",
        "help_with": "Rent arrears, eviction notices and finding a home",
        "categories": [str(codes.PartnerCategory.HOUSING)],
        "areas": [str(Area.LONDON)],
        "phone": "020 7946 0999",
        "email": "",
        "website": "",
        "address_line_1": "",
        "address_line_2": "",
        "town": "",
        "postcode": "",
        **fields,
    }


def expect_denied(response: Any, who: str) -> None:
    if who == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith(SIGN_IN)
    else:
        assert response.status_code == 403


# Authorisation ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("page", ["list", "detail"])
def test_every_member_of_staff_reads_the_directory(who, page, person, client_for):
    partner = make_partner()
    address = LIST if page == "list" else reverse("workspace:partner_detail", kwargs={"pk": partner.pk})
    response = client_for(person(who)).get(address)
    if who in {"anonymous", "customer", "other_customer", *PROVIDER_STAFF}:
        expect_denied(response, who)
    else:
        assert response.status_code == 200
        assert "Riverside Money Advice" in text_of(response)


@pytest.mark.parametrize("who", PEOPLE)
def test_adding_is_for_those_who_keep_the_directory(who, person, client_for):
    response = client_for(person(who)).get(ADD)
    if who in ADDERS:
        assert response.status_code == 200 and "<h1" in response.content.decode()
    else:
        expect_denied(response, who)


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("page", ["partner_edit", "partner_deactivate"])
def test_changing_a_london_partner_is_for_londons_managers(who, page, person, client_for):
    partner = make_partner()
    response = client_for(person(who)).get(reverse(f"workspace:{page}", kwargs={"pk": partner.pk}))
    if who in LONDON_MANAGERS:
        assert response.status_code == 200 and "<h1" in response.content.decode()
    else:
        expect_denied(response, who)


@pytest.mark.parametrize("who", PEOPLE)
def test_reactivating_is_for_londons_managers(who, person, client_for):
    partner = make_partner(is_active=False)
    address = reverse("workspace:partner_reactivate", kwargs={"pk": partner.pk})
    client = client_for(person(who))
    response = client.post(address)
    partner.refresh_from_db()
    if who in LONDON_MANAGERS:
        assert response.status_code == 302 and partner.is_active
    else:
        expect_denied(response, who)
        assert not partner.is_active


@pytest.mark.parametrize("who", ["anonymous", "customer", Role.ADVISER, "other_organisation_admin"])
def test_nothing_is_written_by_people_who_may_not(who, person, client_for):
    partner = make_partner()
    client = client_for(person(who))
    client.post(ADD, form_data(areas=[str(Area.LONDON)]))
    client.post(reverse("workspace:partner_edit", kwargs={"pk": partner.pk}), form_data())
    client.post(reverse("workspace:partner_deactivate", kwargs={"pk": partner.pk}))
    partner.refresh_from_db()
    assert Partner.objects.count() == 1 and partner.name == "Riverside Money Advice" and partner.is_active


def test_a_national_partner_is_changed_by_national_staff_only(client_for, national, london):
    partner = make_partner("National Debtline Demo", serves_all_england=True)
    address = reverse("workspace:partner_edit", kwargs={"pk": partner.pk})
    assert client_for(make_staff(Role.MANAGER, organisation=london)).get(address).status_code == 403
    assert client_for(make_staff(Role.MANAGER, organisation=national)).get(address).status_code == 200


def test_unknown_partner_is_not_found(client_for, person):
    client = client_for(person(Role.SYSTEM_ADMINISTRATOR))
    for name in ("partner_detail", "partner_edit", "partner_deactivate", "partner_reactivate"):
        assert client.get(reverse(f"workspace:{name}", kwargs={"pk": 999999})).status_code == 404


# The list --------------------------------------------------------------------------------------


def test_the_empty_directory_says_so_and_offers_to_add(client_for, person):
    page = text_of(client_for(person(Role.MANAGER)).get(LIST))
    assert "There are no partners in the directory yet" in page and "Add a partner" in page
    adviser_page = text_of(client_for(person(Role.ADVISER)).get(LIST))
    assert "A team leader, manager or system administrator can add them" in adviser_page
    assert "Add a partner" not in adviser_page


def test_filters_by_category_area_words_and_status(client_for, person):
    make_partner("Riverside Money Advice", categories=[codes.PartnerCategory.DEBT], areas=[Area.LONDON])
    make_partner("Tyne Housing Trust", help_with="Housing and tenancy", categories=[12], areas=[Area.NORTH_EAST])
    make_partner("National Careers Charity", categories=[1], serves_all_england=True)
    make_partner("Closed Debt Shop", categories=[codes.PartnerCategory.DEBT], is_active=False)
    client = client_for(person(Role.ADVISER))

    everyone = text_of(client.get(LIST))
    assert "Showing" not in everyone or "Closed Debt Shop" not in everyone
    assert "Riverside" in everyone and "Tyne" in everyone and "Closed Debt Shop" not in everyone

    debt = text_of(client.get(LIST, {"category": "11"}))
    assert "Riverside" in debt and "Tyne" not in debt and "Clear filters" in debt

    north_east = text_of(client.get(LIST, {"area": str(Area.NORTH_EAST)}))
    assert "Tyne" in north_east and "National Careers Charity" in north_east and "Riverside" not in north_east

    tenancy = text_of(client.get(LIST, {"q": "tenancy"}))
    assert "Tyne" in tenancy and "Riverside" not in tenancy

    inactive = text_of(client.get(LIST, {"status": "inactive"}))
    assert "Closed Debt Shop" in inactive and "Riverside" not in inactive

    nothing = text_of(client.get(LIST, {"q": "astronaut"}))
    assert "No partners match your search" in nothing


def test_a_bad_filter_is_explained_not_a_failure(client_for, person):
    response = client_for(person(Role.ADVISER)).get(LIST, {"category": "99", "area": "abc"})
    page = text_of(response)
    assert response.status_code == 200
    assert "Select a category from the list" in page and "Select an area from the list" in page


def test_the_list_is_paged_keeping_the_filters(client_for, person):
    for number in range(30):
        make_partner(f"Debt partner {number:02}")
    response = client_for(person(Role.ADVISER)).get(LIST, {"category": "11", "page": "2"})
    page = text_of(response)
    assert "Showing 26 to 30 of 30 results" in page
    assert "category=11&amp;page=1" in response.content.decode()


# Adding, changing and deactivating ---------------------------------------------------------------


def test_adding_a_partner(client_for, person):
    manager = person(Role.MANAGER)
    response = client_for(manager).post(
        ADD, form_data(categories=["12", "1"], accepts_warm_transfers="on", website="harbour.example"), follow=True
    )
    partner = Partner.objects.get()
    assert "Harbour Housing Help has been added to the directory" in text_of(response)
    assert response.redirect_chain[-1][0] == reverse("workspace:partner_detail", kwargs={"pk": partner.pk})
    assert partner.accepts_warm_transfers and partner.website == "https://harbour.example"
    assert partner.phone == "+442079460999"
    assert AuditEvent.objects.filter(action="partner.created", actor=manager).exists()


def test_an_area_managers_form_starts_with_their_area(client_for, person):
    html = client_for(person(Role.MANAGER)).get(ADD).content.decode()
    assert re.search(rf'value="{Area.LONDON}" checked', html)


def test_bad_input_shows_every_error_and_keeps_what_was_typed(client_for, person):
    response = client_for(person(Role.MANAGER)).post(
        ADD,
        form_data(
            name="",
            categories=[],
            areas=[str(Area.SOUTH_WEST)],
            phone="not a number",
            email="nobody@",
            town="Bristol",
            postcode="ZZ99 9ZZ",
        ),
    )
    assert response.status_code == 200
    page, html = text_of(response), response.content.decode()
    assert page.startswith("Error:")
    for message in (
        "There is a problem",
        "Enter the partner's name",
        "Select at least one category",
        "Enter a UK phone number",
        "Include your own area among the areas they serve",
    ):
        assert message in page
    assert "Rent arrears, eviction notices and finding a home" in html
    assert 'value="not a number"' in html and 'value="nobody@"' in html and 'value="Bristol"' in html
    assert 'value="ZZ99 9ZZ"' in html and re.search(rf'value="{Area.SOUTH_WEST}" checked', html)
    assert not Partner.objects.exists()


def test_service_errors_land_on_their_fields(client_for, person):
    response = client_for(person(Role.MANAGER)).post(ADD, form_data(postcode="ZZ99 9ZZ", email="a@b"))
    page = text_of(response)
    assert "Enter a real postcode" in page and "Enter an email address in the right format" in page
    assert not Partner.objects.exists()


def test_both_all_of_england_and_areas_is_refused(client_for, person):
    response = client_for(person(Role.SYSTEM_ADMINISTRATOR)).post(ADD, form_data(areas=["national", str(Area.LONDON)]))
    assert "Choose either all of England or the areas they serve, not both" in text_of(response)


def test_changing_a_partner_shows_what_is_stored_then_saves(client_for, person):
    partner = make_partner(phone="+442079460000", phone_extension="12")
    client = client_for(person(Role.TEAM_LEADER))
    address = reverse("workspace:partner_edit", kwargs={"pk": partner.pk})
    html = client.get(address).content.decode()
    assert 'value="020 7946 0000 ext. 12"' in html and 'value="Riverside Money Advice"' in html
    response = client.post(
        address, form_data(name="Riverside Money and Debt Advice", categories=["11", "10"]), follow=True
    )
    partner.refresh_from_db()
    assert partner.name == "Riverside Money and Debt Advice"
    assert "Riverside Money and Debt Advice has been updated" in text_of(response)


def test_a_bad_change_keeps_what_was_typed(client_for, person):
    partner = make_partner()
    response = client_for(person(Role.TEAM_LEADER)).post(
        reverse("workspace:partner_edit", kwargs={"pk": partner.pk}),
        form_data(name="New name", help_with="", phone="", email="", website=""),
    )
    page, html = text_of(response), response.content.decode()
    assert "Enter what they help with" in page
    assert "Enter at least one way to contact them" in page
    assert 'value="New name"' in html
    partner.refresh_from_db()
    assert partner.name == "Riverside Money Advice"


def test_deactivating_asks_first_then_keeps_the_partner_out_of_the_active_list(client_for, person):
    partner = make_partner()
    client = client_for(person(Role.MANAGER))
    address = reverse("workspace:partner_deactivate", kwargs={"pk": partner.pk})
    assert "Deactivate this partner?" in text_of(client.get(address))
    response = client.post(address, follow=True)
    partner.refresh_from_db()
    assert not partner.is_active
    page = text_of(response)
    assert "Riverside Money Advice has been deactivated" in page and "Make active again" in page
    assert "Riverside" not in text_of(client.get(LIST))
    again = client.get(address, follow=True)
    assert "Riverside Money Advice is already inactive" in text_of(again)
