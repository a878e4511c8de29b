"""Organisation administration by national system administrators."""

from __future__ import annotations

import pytest
from django.urls import reverse

from signpost.core.models import AuditEvent
from signpost.organisations.models import Area, Organisation

pytestmark = pytest.mark.django_db

ADD = "/workspace/organisations/add/"
LIST = "/workspace/organisations/"


def _html(response) -> str:
    return response.content.decode()


def _organisation(**overrides):
    data = {
        "name": "Harbour Careers",
        "kind": Organisation.Kind.SUBCONTRACTOR.value,
        "touchpoint_id": "",
        "area": "",
        "parent": "",
        "email": "hello@harbour.example",
        "phone": "01234 567890",
        "website": "https://harbour.example",
        "is_active": "on",
    }
    data.update(overrides)
    return data


def test_add_a_subcontractor(client_for, national_admin, london):
    response = client_for(national_admin).post(
        ADD, _organisation(parent=london.pk, touchpoint_id="1234567890"), follow=True
    )

    assert "Harbour Careers has been added" in _html(response)
    organisation = Organisation.objects.get(name="Harbour Careers")
    assert (organisation.kind, organisation.parent, organisation.touchpoint_id) == (
        "subcontractor",
        london,
        "1234567890",
    )
    assert organisation.is_active
    event = AuditEvent.objects.get(action="organisation.created", object_id=str(organisation.pk))
    assert event.actor == national_admin


def test_a_partner_without_touchpoint_is_stored_without_one(client_for, national_admin):
    client_for(national_admin).post(ADD, _organisation(kind="partner", name="Food bank", is_active=""))
    partner = Organisation.objects.get(name="Food bank")
    assert partner.touchpoint_id is None
    assert partner.is_active is False


@pytest.mark.parametrize(
    ("changes", "message", "field_id"),
    [
        ({"kind": "prime"}, "Select the contract area of the prime contractor", "id_area"),
        ({"kind": "subcontractor"}, "Select the prime contractor this subcontractor works for", "id_parent"),
        (
            {"kind": "partner", "touchpoint_id": "0000000103"},
            "Another organisation already has this touchpoint ID",
            "id_touchpoint_id",
        ),
        (
            {"kind": "partner", "touchpoint_id": "12345"},
            "Enter a touchpoint ID of exactly 10 digits, like 0000000101",
            "id_touchpoint_id",
        ),
        ({"kind": "partner", "name": "London"}, "An organisation with this name already exists", "id_name"),
        ({"kind": ""}, "Select the type of organisation", "id_kind"),
    ],
)
def test_add_with_a_mistake_keeps_what_was_typed(client_for, national_admin, changes, message, field_id):
    before = Organisation.objects.count()

    response = client_for(national_admin).post(ADD, _organisation(**changes))

    html = _html(response)
    assert response.status_code == 200
    assert "<title>Error: Add an organisation" in html
    assert message in html
    assert f'href="#{field_id}"' in html
    assert f'value="{changes.get("name", "Harbour Careers")}"' in html
    assert 'value="hello@harbour.example"' in html
    assert 'value="01234 567890"' in html
    assert Organisation.objects.count() == before


def test_a_prime_with_its_area(client_for, national_admin):
    client_for(national_admin).post(
        ADD, _organisation(kind="prime", area=Area.LONDON.value, name="Second London prime")
    )
    assert Organisation.objects.get(name="Second London prime").area == Area.LONDON


def test_edit_records_which_fields_changed(client_for, national_admin, london):
    url = reverse("workspace:organisation_edit", kwargs={"pk": london.pk})
    client = client_for(national_admin)
    form = _html(client.get(url))
    assert f'value="{london.touchpoint_id}"' in form and 'value="London"' in form

    data = _organisation(name="London and Thames", kind="prime", area=london.area, touchpoint_id=london.touchpoint_id)
    response = client.post(url, data, follow=True)

    assert "London and Thames has been updated" in _html(response)
    london.refresh_from_db()
    assert london.name == "London and Thames"
    event = AuditEvent.objects.get(action="organisation.updated", object_id=str(london.pk))
    assert set(event.details["fields"]) == {"name", "email", "phone", "website"}


def test_edit_with_a_duplicate_touchpoint_changes_nothing(client_for, national_admin, london, north_west):
    url = reverse("workspace:organisation_edit", kwargs={"pk": london.pk})

    response = client_for(national_admin).post(
        url, _organisation(name="Renamed", kind="prime", area=london.area, touchpoint_id=north_west.touchpoint_id)
    )

    html = _html(response)
    assert "Another organisation already has this touchpoint ID" in html
    assert 'value="Renamed"' in html
    assert '<span class="govuk-caption-l">London</span>' in html
    london.refresh_from_db()
    assert (london.name, london.touchpoint_id) == ("London", "0000000103")
    assert not AuditEvent.objects.filter(action="organisation.updated").exists()


def test_list_filters_by_kind_and_search(client_for, national_admin, london):
    Organisation.objects.create(name="Riverside Food Bank", kind=Organisation.Kind.PARTNER)
    client = client_for(national_admin)

    everything = _html(client.get(LIST))
    assert "London" in everything and "National contact centre" in everything

    partners = _html(client.get(LIST, {"kind": "partner"}))
    assert "Riverside Food Bank" in partners and ">London<" not in partners

    by_name = _html(client.get(LIST, {"q": "riverside"}))
    assert "Riverside Food Bank" in by_name and ">London<" not in by_name

    by_touchpoint = _html(client.get(LIST, {"q": "0000000103"}))
    assert ">London<" in by_touchpoint and "Riverside" not in by_touchpoint

    nothing = _html(client.get(LIST, {"q": "no such organisation"}))
    assert "No organisations match your search" in nothing


def test_unknown_organisation_is_not_found(client_for, national_admin):
    assert (
        client_for(national_admin).get(reverse("workspace:organisation_edit", kwargs={"pk": 999999})).status_code == 404
    )
