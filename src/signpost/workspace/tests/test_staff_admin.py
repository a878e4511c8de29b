"""Staff administration: what administrators see and what each action stores."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.test import Client
from django.urls import reverse

from signpost.accounts.models import User
from signpost.accounts.roles import Role
from signpost.accounts.tests.helpers import totp_code
from signpost.accounts.tokens import invitation_tokens
from signpost.core.models import AuditEvent, Notification
from tests.factories import TEST_PASSWORD, TEST_TOTP_SECRET, make_staff

pytestmark = pytest.mark.django_db

INVITE = "/workspace/staff/invite/"


def _invitation(**overrides):
    data = {
        "given_name": "Priya",
        "family_name": "Shah",
        "email": "Priya.Shah@Example.org",
        "organisation": "",
        "roles": [Role.ADVISER.value, Role.TEAM_LEADER.value],
    }
    data.update(overrides)
    return data


def _html(response) -> str:
    return response.content.decode()


def test_invite_creates_the_account_and_emails_a_working_link(client_for, national_admin, london):
    response = client_for(national_admin).post(INVITE, _invitation(organisation=london.pk), follow=True)

    user = User.objects.get(email="priya.shah@example.org")
    assert response.redirect_chain[-1][0] == reverse("workspace:staff_detail", kwargs={"pk": user.pk})
    assert "Invitation sent to priya.shah@example.org" in _html(response)
    assert user.organisation == london
    assert sorted(role.value for role in user.roles) == [Role.ADVISER.value, Role.TEAM_LEADER.value]
    assert not user.has_usable_password()
    assert EmailAddress.objects.get(user=user).verified is False

    event = AuditEvent.objects.get(action="staff.invited", object_id=str(user.pk))
    assert event.actor == national_admin
    assert event.details["roles"] == [Role.ADVISER.value, Role.TEAM_LEADER.value]

    notification = Notification.objects.get(recipient="priya.shah@example.org")
    assert notification.status == Notification.Status.QUEUED
    link = re.search(r"http://testserver/accounts/invitation/(?P<uid>[^/\s]+)/(?P<token>[^/\s]+)/", notification.body)
    assert link, notification.body
    assert invitation_tokens.check_token(user, link["token"])
    assert Client().get(link[0]).status_code == 200


def test_invite_with_an_existing_email_address_keeps_what_was_typed(client_for, national_admin, london):
    make_staff(Role.ADVISER, organisation=london, email="priya.shah@example.org")

    response = client_for(national_admin).post(INVITE, _invitation(organisation=london.pk))

    html = _html(response)
    assert response.status_code == 200
    assert "<title>Error: Invite a staff member" in html
    assert "There is a problem" in html
    assert html.count("An account with this email address already exists") == 2  # summary and field
    assert 'value="Priya"' in html and 'value="Shah"' in html
    assert 'value="Priya.Shah@Example.org"' in html
    assert re.search(rf'value="{london.pk}"\s+selected', html)
    assert re.search(r'value="team_leader"\s+checked', html)
    assert User.objects.filter(email__iexact="priya.shah@example.org").count() == 1
    assert not Notification.objects.exists()


def test_invite_with_nothing_filled_in_says_what_is_missing(client_for, national_admin):
    response = client_for(national_admin).post(INVITE, {})

    html = _html(response)
    for message in (
        "Enter their first name",
        "Enter their last name",
        "Enter their email address",
        "Select their organisation",
        "Select at least one role",
    ):
        assert message in html
    assert 'href="#id_roles"' in html


def test_invite_rejects_a_badly_formed_email_address(client_for, national_admin, london):
    response = client_for(national_admin).post(INVITE, _invitation(organisation=london.pk, email="priya at example"))
    assert "Enter an email address in the correct format, like name@example.com" in _html(response)
    assert 'value="priya at example"' in _html(response)


def test_area_administrators_invite_only_into_their_own_organisation(client_for, london_admin, london, north_west):
    client = client_for(london_admin)
    form = _html(client.get(INVITE))
    assert f'<option value="{london.pk}" selected>' in form
    assert f'value="{north_west.pk}"' not in form

    response = client.post(INVITE, _invitation(organisation=north_west.pk))
    assert "Select their organisation" in _html(response)
    assert not User.objects.filter(email="priya.shah@example.org").exists()


def test_partners_are_not_offered(client_for, national_admin):
    from signpost.organisations.models import Organisation

    partner = Organisation.objects.create(name="Local food bank", kind=Organisation.Kind.PARTNER)
    assert f'value="{partner.pk}"' not in _html(client_for(national_admin).get(INVITE))


def test_staff_page_shows_details_roles_and_status(client_for, national_admin, london, invited):
    target = invited(
        make_staff(Role.ADVISER, Role.MODERATOR, organisation=london, given_name="Ola", family_name="Berg")
    )

    html = _html(client_for(national_admin).get(reverse("workspace:staff_detail", kwargs={"pk": target.pk})))

    assert '<h1 class="govuk-heading-l">Ola Berg</h1>' in html
    assert target.email in html and london.name in html
    assert '<strong class="moj-badge">Adviser</strong>' in html
    assert '<strong class="moj-badge">Moderator</strong>' in html
    assert "Invited" in html and "Not accepted yet" in html
    assert "Send invitation again" in html
    assert "Deactivate account" in html


def test_change_name_and_roles_is_audited_with_before_and_after(client_for, national_admin, london):
    target = make_staff(Role.ADVISER, organisation=london, given_name="Ola", family_name="Berg")
    url = reverse("workspace:staff_edit", kwargs={"pk": target.pk})
    client = client_for(national_admin)
    assert re.search(r'value="adviser"\s+checked', _html(client.get(url)))

    response = client.post(
        url, {"given_name": "Ola", "family_name": "Berg-Lund", "roles": ["manager", "team_leader"]}, follow=True
    )

    assert "Ola Berg-Lund has been updated" in _html(response)
    target.refresh_from_db()
    assert target.family_name == "Berg-Lund"
    assert sorted(role.value for role in target.roles) == ["manager", "team_leader"]
    event = AuditEvent.objects.get(action="staff.updated", object_id=str(target.pk))
    assert event.details == {"roles_before": ["adviser"], "roles_after": ["manager", "team_leader"]}


def test_change_without_roles_or_name_keeps_what_was_typed(client_for, national_admin, london):
    target = make_staff(Role.ADVISER, organisation=london, given_name="Ola", family_name="Berg")

    response = client_for(national_admin).post(
        reverse("workspace:staff_edit", kwargs={"pk": target.pk}), {"given_name": "Olaf", "family_name": ""}
    )

    html = _html(response)
    assert "<title>Error: Change name and roles" in html
    assert "Select at least one role" in html and "Enter their last name" in html
    assert 'value="Olaf"' in html
    target.refresh_from_db()
    assert (target.given_name, [role.value for role in target.roles]) == ("Ola", ["adviser"])
    assert not AuditEvent.objects.filter(action="staff.updated").exists()


def test_administrators_cannot_remove_their_own_administrator_role(client_for, national_admin):
    response = client_for(national_admin).post(
        reverse("workspace:staff_edit", kwargs={"pk": national_admin.pk}),
        {"given_name": "Changed", "family_name": "Name", "roles": ["adviser"]},
    )

    assert response.status_code == 200
    assert "You cannot remove your own system administrator role" in _html(response)
    national_admin.refresh_from_db()
    assert national_admin.given_name == "Nadia"
    assert [role.value for role in national_admin.roles] == ["system_administrator"]


def test_deactivate_asks_for_a_reason(client_for, national_admin, london):
    target = make_staff(Role.ADVISER, organisation=london)

    response = client_for(national_admin).post(
        reverse("workspace:staff_deactivate", kwargs={"pk": target.pk}), {"reason": "  "}
    )

    assert "<title>Error: Deactivate account" in _html(response)
    assert "Enter why you are deactivating this account" in _html(response)
    target.refresh_from_db()
    assert target.is_active
    assert not AuditEvent.objects.filter(action="staff.deactivated").exists()


def test_deactivate_signs_the_person_out_everywhere(client_for, national_admin, london):
    target = make_staff(Role.ADVISER, organisation=london)
    # A real sign-in (password, then authenticator code), so the session is recorded as theirs.
    their_browser = Client()
    their_browser.post(reverse("workspace:sign_in"), {"login": target.email, "password": TEST_PASSWORD})
    their_browser.post("/accounts/2fa/authenticate/", {"code": totp_code(TEST_TOTP_SECRET)})
    assert their_browser.get("/workspace/").status_code == 200
    assert UserSession.objects.filter(user=target).exists()

    url = reverse("workspace:staff_deactivate", kwargs={"pk": target.pk})
    admin = client_for(national_admin)
    assert "Are you sure you want to deactivate this account?" in _html(admin.get(url))
    response = admin.post(url, {"reason": "Left the organisation"}, follow=True)

    html = _html(response)
    assert "has been deactivated and signed out" in html
    assert "Reactivate account" in html
    target.refresh_from_db()
    assert target.is_active is False
    assert target.deactivated_at is not None
    event = AuditEvent.objects.get(action="staff.deactivated", object_id=str(target.pk))
    assert (event.actor, event.reason) == (national_admin, "Left the organisation")
    assert not UserSession.objects.filter(user=target).exists()
    signed_out = their_browser.get("/workspace/")
    assert signed_out.status_code == 302
    assert signed_out["Location"].startswith("/workspace/sign-in/")


def test_administrators_cannot_deactivate_themselves(client_for, national_admin):
    client = client_for(national_admin)
    detail = _html(client.get(reverse("workspace:staff_detail", kwargs={"pk": national_admin.pk})))
    assert "Deactivate account" not in detail

    response = client.post(
        reverse("workspace:staff_deactivate", kwargs={"pk": national_admin.pk}), {"reason": "Testing"}
    )

    assert response.status_code == 200
    assert "You cannot deactivate your own account" in _html(response)
    assert 'value="Testing"' in _html(response) or ">Testing</textarea>" in _html(response)
    national_admin.refresh_from_db()
    assert national_admin.is_active


def test_reactivate(client_for, national_admin, london):
    target = make_staff(Role.ADVISER, organisation=london, is_active=False)

    response = client_for(national_admin).post(
        reverse("workspace:staff_reactivate", kwargs={"pk": target.pk}), follow=True
    )

    assert "has been reactivated" in _html(response)
    target.refresh_from_db()
    assert target.is_active and target.deactivated_at is None
    assert AuditEvent.objects.filter(action="staff.reactivated", object_id=str(target.pk)).exists()


def test_resend_invitation(client_for, national_admin, london, invited):
    target = invited(make_staff(Role.ADVISER, organisation=london))

    response = client_for(national_admin).post(
        reverse("workspace:staff_resend_invitation", kwargs={"pk": target.pk}), follow=True
    )

    assert f"Invitation sent again to {target.email}" in _html(response)
    assert Notification.objects.filter(recipient=target.email).count() == 1
    assert AuditEvent.objects.filter(action="staff.invitation_resent", object_id=str(target.pk)).exists()


def test_resend_after_acceptance_is_an_error_not_a_crash(client_for, national_admin, london):
    target = make_staff(Role.ADVISER, organisation=london)

    response = client_for(national_admin).post(reverse("workspace:staff_resend_invitation", kwargs={"pk": target.pk}))

    assert response.status_code == 200
    html = _html(response)
    assert "<title>Error: " in html
    assert "This person has already accepted their invitation." in html
    assert not Notification.objects.exists()


class TestStaffList:
    url = "/workspace/staff/"

    def test_lists_search_and_filters(self, client_for, national_admin, london, north_west, invited):
        make_staff(
            Role.ADVISER, organisation=london, given_name="Amara", family_name="Okafor", email="amara@example.org"
        )
        make_staff(Role.MANAGER, organisation=north_west, given_name="Bill", family_name="Hughes")
        make_staff(Role.ADVISER, organisation=north_west, given_name="Cara", family_name="Doyle", is_active=False)
        invited(make_staff(Role.ADVISER, organisation=london, given_name="Dev", family_name="Patel"))
        client = client_for(national_admin)

        everyone = _html(client.get(self.url))
        for name in ("Amara Okafor", "Bill Hughes", "Cara Doyle", "Dev Patel", "Nadia National"):
            assert name in everyone
        assert 'name="organisation"' in everyone

        def names(**params) -> set[str]:
            html = _html(client.get(self.url, params))
            return {n for n in ("Amara", "Bill", "Cara", "Dev", "Nadia") if f">{n} " in html}

        assert names(q="okafor") == {"Amara"}
        assert names(q="AMARA@example") == {"Amara"}
        assert names(organisation=north_west.pk) == {"Bill", "Cara"}
        assert names(role="manager") == {"Bill"}
        assert names(status="deactivated") == {"Cara"}
        assert names(status="invited") == {"Dev"}
        assert names(status="active", organisation=north_west.pk) == {"Bill"}

    def test_each_row_shows_organisation_roles_and_status(self, client_for, national_admin, london):
        make_staff(Role.ADVISER, Role.SAFEGUARDING_LEAD, organisation=london, given_name="Amara", family_name="Okafor")
        html = _html(client_for(national_admin).get(self.url, {"q": "Okafor"}))
        assert london.name in html
        assert '<strong class="moj-badge">Designated safeguarding lead</strong>' in html
        assert "govuk-tag--green" in html and "Active" in html

    def test_area_administrators_see_only_their_own_staff(self, client_for, london_admin, north_west):
        make_staff(Role.ADVISER, organisation=north_west, given_name="Bill", family_name="Hughes")
        client = client_for(london_admin)
        html = _html(client.get(self.url))
        assert "Lena London" in html and "Bill Hughes" not in html
        assert 'name="organisation"' not in html
        # A hand-made organisation filter does not widen their view.
        assert "Bill Hughes" not in _html(client.get(self.url, {"organisation": north_west.pk}))

    def test_empty_state_after_a_search(self, client_for, national_admin):
        html = _html(client_for(national_admin).get(self.url, {"q": "nobody-by-this-name"}))
        assert "No staff match your search" in html
        assert "Clear filters" in html

    def test_pages_of_twenty_five(self, client_for, national_admin, london):
        for number in range(30):
            make_staff(Role.ADVISER, organisation=london, family_name=f"Person{number:02d}")
        client = client_for(national_admin)

        first = _html(client.get(self.url, {"role": "adviser"}))
        assert len(re.findall(r'href="/workspace/staff/\d+/"', first)) == 25
        assert "Showing 1 to 25 of 30 results" in first
        assert 'href="?role=adviser&amp;page=2"' in first

        second = _html(client.get(self.url, {"role": "adviser", "page": "2"}))
        assert "Showing 26 to 30 of 30 results" in second
        assert "Person29" in second and "Person00" not in second
        # A page number past the end shows the last page rather than an error.
        assert "Showing 26 to 30" in _html(client.get(self.url, {"role": "adviser", "page": "99"}))
