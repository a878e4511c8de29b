"""Staff: password then a mandatory second factor, forced set-up, idle timeout, invitations."""

import time

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from markupsafe import escape

from signpost.accounts.middleware import LAST_SEEN_KEY
from signpost.accounts.models import User
from signpost.accounts.roles import ROLE_PERMISSIONS, Role
from signpost.accounts.services import invitation_url, staff_deactivate
from signpost.accounts.tests.helpers import latest_message_to, link_in, secret_on, totp_code
from signpost.core.models import AuditEvent
from tests.factories import TEST_PASSWORD, TEST_TOTP_SECRET, make_staff

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(client: Client, user: User, password: str = TEST_PASSWORD):
    return client.post(reverse("workspace:sign_in"), {"login": user.email, "password": password})


def test_staff_sign_in_needs_the_authenticator_code(national):
    adviser = make_staff(Role.ADVISER, organisation=national)
    client = Client()
    assert client.get("/workspace/")["Location"].startswith("/workspace/sign-in/")

    wrong_password = sign_in(client, adviser, "not-the-password")
    assert b"There is a problem" in wrong_password.content

    response = sign_in(client, adviser)
    assert response["Location"] == "/accounts/2fa/authenticate/"
    # Password alone does not open the workspace.
    assert client.get("/workspace/")["Location"].startswith("/workspace/sign-in/")

    wrong_code = client.post(
        "/accounts/2fa/authenticate/", {"code": "123456" if totp_code(TEST_TOTP_SECRET) != "123456" else "654321"}
    )
    assert b"There is a problem" in wrong_code.content

    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(TEST_TOTP_SECRET)})
    assert response["Location"] == "/workspace/"
    home = client.get("/workspace/").content.decode()
    assert escape(adviser.full_name) in home  # names like O'Brien are escaped as our Jinja pages escape them
    assert "National contact centre" in home
    assert "Adviser" in home
    assert "You have no tasks" in home
    assert AuditEvent.objects.filter(action="auth.signed_in", object_id=str(adviser.pk)).exists()


def test_first_sign_in_forces_authenticator_set_up(london):
    newcomer = make_staff(Role.TEAM_LEADER, organisation=london, mfa=False)
    client = Client()
    sign_in(client, newcomer)
    for path in ["/workspace/", "/api/v1/organisations"]:
        assert client.get(path)["Location"] == "/accounts/2fa/totp/activate/"

    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = secret_on(page.content.decode())
    client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert Authenticator.objects.filter(user=newcomer, type=Authenticator.Type.TOTP).exists()
    assert AuditEvent.objects.filter(action="mfa.added", object_id=str(newcomer.pk)).exists()
    assert client.get("/workspace/").status_code == 200


def test_staff_cannot_remove_their_second_factor(national):
    adviser = make_staff(Role.ADVISER, organisation=national)
    client = Client()
    sign_in(client, adviser)
    client.post("/accounts/2fa/authenticate/", {"code": totp_code(TEST_TOTP_SECRET)})
    client.post("/accounts/2fa/totp/deactivate/", {})
    assert Authenticator.objects.filter(user=adviser, type=Authenticator.Type.TOTP).exists()


def test_idle_staff_session_ends_after_the_timeout(settings, national):
    settings.STAFF_IDLE_TIMEOUT_SECONDS = 30 * 60
    adviser = make_staff(Role.ADVISER, organisation=national)
    client = Client()
    client.force_login(adviser)
    assert client.get("/workspace/").status_code == 200

    session = client.session
    session[LAST_SEEN_KEY] = time.time() - 31 * 60
    session.save()
    response = client.get("/workspace/")
    assert response["Location"].startswith("/workspace/sign-in/")
    assert client.get("/workspace/")["Location"].startswith("/workspace/sign-in/")
    assert AuditEvent.objects.filter(action="auth.session_timed_out", object_id=str(adviser.pk)).exists()


def test_activity_within_the_timeout_keeps_the_session(settings, national):
    adviser = make_staff(Role.ADVISER, organisation=national)
    client = Client()
    client.force_login(adviser)
    client.get("/workspace/")
    session = client.session
    session[LAST_SEEN_KEY] = time.time() - 29 * 60
    session.save()
    assert client.get("/workspace/").status_code == 200


def test_deactivated_staff_are_signed_out_and_cannot_sign_in(national, london):
    admin = make_staff(Role.SYSTEM_ADMINISTRATOR, organisation=national)
    adviser = make_staff(Role.ADVISER, organisation=london)
    client = Client()
    sign_in(client, adviser)
    client.post("/accounts/2fa/authenticate/", {"code": totp_code(TEST_TOTP_SECRET)})
    assert client.get("/workspace/").status_code == 200

    staff_deactivate(actor=admin, user=adviser, reason="Left the organisation")
    assert client.get("/workspace/")["Location"].startswith("/workspace/sign-in/")
    response = sign_in(Client(), adviser)
    assert response.status_code in {200, 302}
    assert "/accounts/2fa/authenticate/" not in response.get("Location", "")


def test_invitation_link_sets_password_then_authenticator(national, london, run_tasks):
    from signpost.accounts.services import staff_invite

    admin = make_staff(Role.SYSTEM_ADMINISTRATOR, organisation=national)
    invited = staff_invite(
        actor=admin,
        email="new.adviser@example.com",
        given_name="Nia",
        family_name="Evans",
        organisation=london,
        roles=[Role.ADVISER],
        base_url="http://testserver",
    )
    run_tasks()
    message = latest_message_to("new.adviser@example.com")
    assert "London" in message.body
    path = link_in(message.body)

    client = Client()
    page = client.get(path)
    assert b"Create your password" in page.content
    mismatch = client.post(path, {"password1": "Granite-kestrel-55", "password2": "Granite-kestrel-56"})
    assert b"The passwords do not match" in mismatch.content
    weak = client.post(path, {"password1": "password", "password2": "password"})
    assert b"There is a problem" in weak.content

    response = client.post(path, {"password1": "Granite-kestrel-55", "password2": "Granite-kestrel-55"})
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    setup = client.get("/accounts/2fa/totp/activate/")
    assert setup.status_code == 200
    client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret_on(setup.content.decode()))})
    assert client.get("/workspace/").status_code == 200
    invited.refresh_from_db()
    assert invited.emailaddress_set.get().verified
    assert AuditEvent.objects.filter(action="staff.invitation_accepted", object_id=str(invited.pk)).exists()

    # The link works once.
    assert Client().get(path).status_code == 400


def test_invitation_link_is_refused_after_deactivation_or_tampering(national, london):
    admin = make_staff(Role.SYSTEM_ADMINISTRATOR, organisation=national)
    invited = make_staff(Role.ADVISER, organisation=london, mfa=False)
    invited.set_unusable_password()
    invited.save()
    url = invitation_url(invited, "http://testserver")
    path = url.removeprefix("http://testserver")
    assert Client().get(path[:-3] + "xyz/").status_code == 400
    staff_deactivate(actor=admin, user=invited, reason="Invited by mistake")
    assert Client().get(path).status_code == 400


def test_every_role_group_holds_exactly_its_permissions(db):
    for role in Role:
        group = Group.objects.get(name=role.value)
        held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        assert held == set(ROLE_PERMISSIONS[role])


def test_staff_search_by_status_separates_active_invited_and_deactivated(national, london):
    from signpost.accounts.selectors import staff_search

    admin = make_staff(Role.SYSTEM_ADMINISTRATOR, organisation=national)
    active = make_staff(Role.ADVISER, organisation=london)
    invited = make_staff(Role.ADVISER, organisation=london, mfa=False)
    invited.set_unusable_password()
    invited.save()
    left = make_staff(Role.ADVISER, organisation=london)
    staff_deactivate(actor=admin, user=left, reason="Left")

    def found(status: str) -> set[int]:
        return set(staff_search(actor=admin, organisation_id=london.pk, status=status).values_list("pk", flat=True))

    assert found("active") == {active.pk}
    assert found("invited") == {invited.pk}
    assert found("deactivated") == {left.pk}


def test_a_security_key_alone_does_not_satisfy_the_staff_second_factor(london):
    keyholder = make_staff(Role.ADVISER, organisation=london, mfa=False)
    Authenticator.objects.create(user=keyholder, type=Authenticator.Type.WEBAUTHN, data={"name": "Blue key"})
    client = Client()
    client.force_login(keyholder)
    assert client.get("/workspace/")["Location"] == "/accounts/2fa/totp/activate/"
