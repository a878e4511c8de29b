"""The audit log search and the notifications outbox, as system administrators see them."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from signpost.accounts.roles import Role
from signpost.core.audit import audit_record
from signpost.core.models import Notification
from signpost.core.notifications import send_email, send_letter, send_sms
from tests.factories import make_staff

pytestmark = pytest.mark.django_db

AUDIT = "/workspace/audit-log/"
OUTBOX = "/workspace/outbox/"


def _html(response) -> str:
    return response.content.decode()


@pytest.fixture
def events(london, north_west, national_admin, london_admin):
    """Three events by people of three organisations, each about a different record."""
    london_adviser = make_staff(Role.ADVISER, organisation=london, email="london.adviser@example.org")
    north_west_adviser = make_staff(Role.ADVISER, organisation=north_west, email="nw.adviser@example.org")
    audit_record(actor=london_adviser, action="customer.viewed", object_type="customers.customer", object_id="101")
    audit_record(actor=north_west_adviser, action="customer.updated", object_type="customers.customer", object_id="202")
    audit_record(actor=national_admin, action="staff.deactivated", target=london_adviser, reason="Left")


def _actions(html: str) -> set[str]:
    return {action for action in ("customer.viewed", "customer.updated", "staff.deactivated") if action in html}


def test_national_administrators_search_every_event(client_for, national_admin, events):
    client = client_for(national_admin)
    assert _actions(_html(client.get(AUDIT))) == {"customer.viewed", "customer.updated", "staff.deactivated"}
    assert _actions(_html(client.get(AUDIT, {"action": "customer."}))) == {"customer.viewed", "customer.updated"}
    assert _actions(_html(client.get(AUDIT, {"action": "staff.deactivated"}))) == {"staff.deactivated"}
    assert _actions(_html(client.get(AUDIT, {"actor_email": "NW.ADVISER"}))) == {"customer.updated"}
    assert _actions(_html(client.get(AUDIT, {"object_type": "accounts.user"}))) == {"staff.deactivated"}
    assert _actions(_html(client.get(AUDIT, {"object_type": "customers.customer", "object_id": "101"}))) == {
        "customer.viewed"
    }


def test_date_range(client_for, national_admin, events):
    client = client_for(national_admin)
    today = timezone.localdate()
    day = datetime.timedelta(days=1)

    def shown(**dates) -> set[str]:
        return _actions(_html(client.get(AUDIT, {key: value.strftime("%d/%m/%Y") for key, value in dates.items()})))

    assert len(shown(date_from=today, date_to=today)) == 3
    assert shown(date_from=today + day) == set()
    assert shown(date_to=today - day) == set()
    assert len(shown(date_from=today - day)) == 3


def test_a_date_that_is_not_real_is_an_error_and_is_kept(client_for, national_admin, events):
    response = client_for(national_admin).get(AUDIT, {"date_from": "31/2/2025", "action": "customer."})

    html = _html(response)
    assert "<title>Error: Audit log" in html
    assert "Enter a real date, like 27/3/2025" in html
    assert 'value="31/2/2025"' in html
    # The valid filters still apply.
    assert _actions(html) == {"customer.viewed", "customer.updated"}


def test_to_date_before_from_date(client_for, national_admin):
    html = _html(client_for(national_admin).get(AUDIT, {"date_from": "2/3/2025", "date_to": "1/3/2025"}))
    assert "The ‘to’ date must be the same as or after the ‘from’ date" in html


def test_area_administrators_see_only_their_own_organisations_events(client_for, london_admin, events):
    client = client_for(london_admin)
    assert _actions(_html(client.get(AUDIT))) == {"customer.viewed"}
    # Searching for someone else's actions finds nothing rather than widening the view.
    assert _actions(_html(client.get(AUDIT, {"actor_email": "nw.adviser"}))) == set()
    assert "No events match your search" in _html(client.get(AUDIT, {"object_id": "202"}))


def test_event_rows_show_who_what_and_why(client_for, national_admin, events):
    html = _html(client_for(national_admin).get(AUDIT, {"action": "staff.deactivated"}))
    assert national_admin.email in html
    assert "Reason: Left" in html
    assert "accounts.user" in html


def test_audit_log_pages(client_for, national_admin):
    for number in range(30):
        audit_record(actor=national_admin, action="test.paged", object_type="test.thing", object_id=str(number))
    client = client_for(national_admin)
    first = _html(client.get(AUDIT, {"action": "test.paged"}))
    assert "Showing 1 to 25 of 30 results" in first
    assert 'href="?action=test.paged&amp;page=2"' in first
    # Newest first: the last recorded event leads the first page, the first one ends the last.
    assert first.index("test.thing 29<") < first.index("test.thing 28<")
    second = _html(client.get(AUDIT, {"action": "test.paged", "page": "2"}))
    assert "Showing 26 to 30 of 30 results" in second
    assert "test.thing 0<" in second and "test.thing 29<" not in second


@pytest.fixture
def messages_sent(db):
    email = send_email(
        to="amara@example.org", subject="Your action plan", body="Hello Amara,\n\nYour plan is ready.\nThanks"
    )
    sms = send_sms(to="07700900123", body="Your appointment is tomorrow")
    Notification.objects.filter(pk=sms.pk).update(
        status=Notification.Status.FAILED, attempts=3, last_error="Provider said no"
    )
    letter = send_letter(address_lines=["1 High Street", "Leeds", "LS1 1AA"], subject="Your leaflet", body="Enclosed.")
    return email, sms, letter


def _recipients(html: str) -> set[str]:
    return {r for r in ("amara@example.org", "07700900123", "1 High Street") if r in html}


def test_outbox_lists_and_filters(client_for, london_admin, messages_sent):
    client = client_for(london_admin)
    everything = _html(client.get(OUTBOX))
    assert _recipients(everything) == {"amara@example.org", "07700900123", "1 High Street"}
    assert "Your action plan" in everything and "Failed" in everything
    assert "Hello Amara" not in everything  # bodies only on the message's own page

    assert _recipients(_html(client.get(OUTBOX, {"channel": "sms"}))) == {"07700900123"}
    assert _recipients(_html(client.get(OUTBOX, {"status": "failed"}))) == {"07700900123"}
    assert _recipients(_html(client.get(OUTBOX, {"recipient": "AMARA@"}))) == {"amara@example.org"}
    assert "No messages match your filters" in _html(client.get(OUTBOX, {"channel": "letter", "status": "failed"}))


def test_outbox_filter_with_an_unknown_choice_is_an_error(client_for, national_admin, messages_sent):
    html = _html(client_for(national_admin).get(OUTBOX, {"channel": "pigeon"}))
    assert "<title>Error: Outbox" in html
    assert "Select a valid choice" in html
    assert len(_recipients(html)) == 3


def test_outbox_message_page_shows_the_body_with_its_line_breaks(client_for, national_admin, messages_sent):
    email, sms, _ = messages_sent
    client = client_for(national_admin)

    html = _html(client.get(reverse("workspace:outbox_detail", kwargs={"pk": email.pk})))
    assert '<h1 class="govuk-heading-l">Your action plan</h1>' in html
    assert (
        'class="govuk-inset-text govuk-body signpost-pre-wrap">Hello Amara,\n\nYour plan is ready.\nThanks</div>'
        in html
    )
    assert "Queued" in html

    failed = _html(client.get(reverse("workspace:outbox_detail", kwargs={"pk": sms.pk})))
    assert "Provider said no" in failed
    assert '<dd class="govuk-summary-list__value">3' in failed


def test_unknown_message_is_not_found(client_for, national_admin):
    url = reverse("workspace:outbox_detail", kwargs={"pk": "00000000-0000-0000-0000-000000000000"})
    assert client_for(national_admin).get(url).status_code == 404


def test_empty_outbox(client_for, national_admin):
    assert "No messages have been sent yet" in _html(client_for(national_admin).get(OUTBOX))
