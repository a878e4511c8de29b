"""Customers: create an account, confirm the email, sign in and out, reset a forgotten password."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from signpost.accounts.tests.helpers import latest_message_to, link_in
from signpost.core.models import AuditEvent, Notification
from tests.factories import TEST_PASSWORD, make_customer

User = get_user_model()
pytestmark = pytest.mark.django_db(transaction=True)

NEW_PASSWORD = "Lantern-orchard-417"


def sign_up(client: Client, email: str = "kai.jones@example.com") -> None:
    response = client.post(
        "/accounts/signup/",
        {
            "given_name": "Kai",
            "family_name": "Jones",
            "email": email,
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"


def test_sign_up_confirm_email_sign_in_and_out(run_tasks):
    client = Client()
    sign_up(client)
    user = User.objects.get(email="kai.jones@example.com")
    assert (user.given_name, user.family_name) == ("Kai", "Jones")
    assert user.password.startswith("argon2")

    run_tasks()
    message = latest_message_to("kai.jones@example.com")
    assert message.status == Notification.Status.DELIVERED
    assert message.subject.endswith("Confirm your email address to finish creating your account")
    confirm_path = link_in(message.body)

    # Unconfirmed: signing in is refused until the link is used.
    response = client.post("/accounts/login/", {"login": "kai.jones@example.com", "password": NEW_PASSWORD})
    assert response["Location"] == "/accounts/confirm-email/"

    page = client.get(confirm_path)
    assert b"Confirm your email address" in page.content
    client.post(confirm_path)
    assert user.emailaddress_set.get().verified

    response = client.post("/accounts/login/", {"login": "kai.jones@example.com", "password": NEW_PASSWORD})
    assert response["Location"] == "/account/"
    account = client.get("/account/")
    assert b"Kai Jones" in account.content
    assert AuditEvent.objects.filter(action="auth.signed_in", object_id=str(user.pk)).exists()

    client.post("/accounts/logout/")
    assert client.get("/account/").status_code == 302
    assert AuditEvent.objects.filter(action="auth.signed_out", object_id=str(user.pk)).exists()


def test_sign_up_with_bad_input_shows_every_error_and_keeps_what_was_typed():
    response = Client().post(
        "/accounts/signup/",
        {"given_name": "Kai", "family_name": "", "email": "not-an-email", "password1": "short", "password2": "other"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: Create an account" in html
    assert "There is a problem" in html
    assert "Enter your last name" in html
    assert 'value="Kai"' in html
    assert 'value="not-an-email"' in html
    assert 'value="short"' not in html  # passwords are never sent back
    assert not User.objects.filter(email="not-an-email").exists()


def test_signing_up_with_an_existing_email_does_not_reveal_the_account(run_tasks):
    existing = make_customer(email="taken@example.com")
    sign_up(Client(), email="taken@example.com")
    assert User.objects.filter(email__iexact="taken@example.com").count() == 1
    run_tasks()
    assert latest_message_to(existing.email).subject.endswith("You already have an account")


def test_wrong_password_is_refused_audited_and_throttled_without_lockout(settings):
    customer = make_customer(email="river@example.com")
    client = Client()
    for _ in range(5):
        response = client.post("/accounts/login/", {"login": "river@example.com", "password": "wrong-password-1"})
        assert response.status_code == 200
        assert b"There is a problem" in response.content
    failures = AuditEvent.objects.filter(action="auth.sign_in_failed", object_id=str(customer.pk))
    assert failures.count() == 5
    assert failures.first().actor is None

    # The account is throttled now: even the right password is refused for a while.
    response = client.post("/accounts/login/", {"login": "river@example.com", "password": TEST_PASSWORD})
    assert response.status_code in {200, 429}
    assert client.get("/account/").status_code == 302


def test_failed_sign_in_for_an_unknown_email_stores_no_email():
    Client().post("/accounts/login/", {"login": "nobody@example.com", "password": "whatever-123"})
    event = AuditEvent.objects.get(action="auth.sign_in_failed")
    assert event.object_id == ""
    assert "nobody" not in str(event.details)


def test_password_reset_by_email_link(run_tasks):
    customer = make_customer(email="ola@example.com")
    client = Client()
    response = client.post("/accounts/password/reset/", {"email": "ola@example.com"})
    assert response["Location"] == "/accounts/password/reset/done/"
    run_tasks()
    reset_path = link_in(latest_message_to("ola@example.com").body)

    form_page = client.get(reset_path, follow=True)
    assert b"Choose a new password" in form_page.content
    set_path = form_page.redirect_chain[-1][0] if form_page.redirect_chain else reset_path
    mismatch = client.post(set_path, {"password1": NEW_PASSWORD, "password2": "different-999"})
    assert b"There is a problem" in mismatch.content
    done = client.post(set_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302
    customer.refresh_from_db()
    assert customer.check_password(NEW_PASSWORD)
    assert AuditEvent.objects.filter(action="auth.password_reset", object_id=str(customer.pk)).exists()

    response = Client().post("/accounts/login/", {"login": "ola@example.com", "password": NEW_PASSWORD})
    assert response["Location"] == "/account/"


def test_password_reset_for_unknown_email_looks_the_same():
    response = Client().post("/accounts/password/reset/", {"email": "ghost@example.com"})
    assert response["Location"] == "/accounts/password/reset/done/"


def test_customer_can_turn_on_two_factor_authentication():
    from allauth.mfa.models import Authenticator

    from signpost.accounts.tests.helpers import secret_on, totp_code

    customer = make_customer(email="ade@example.com")
    client = Client()
    client.post("/accounts/login/", {"login": "ade@example.com", "password": TEST_PASSWORD})
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = secret_on(page.content.decode())
    wrong = client.post(
        "/accounts/2fa/totp/activate/", {"code": "000000" if totp_code(secret) != "000000" else "111111"}
    )
    assert b"There is a problem" in wrong.content
    client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert Authenticator.objects.filter(user=customer, type=Authenticator.Type.TOTP).exists()
    assert AuditEvent.objects.filter(action="mfa.added", object_id=str(customer.pk)).exists()

    # Next sign-in asks for a code.
    second = Client()
    response = second.post("/accounts/login/", {"login": "ade@example.com", "password": TEST_PASSWORD})
    assert response["Location"] == "/accounts/2fa/authenticate/"
