"""Security keys (WebAuthn) as an optional second factor: settings, pages, who may see what, removal."""

from __future__ import annotations

import html
import json
import os
import re
from typing import Any

import pytest
from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.webauthn.internal.auth import WebAuthn
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import NoReverseMatch, reverse
from fido2.cose import ES256
from fido2.utils import sha256, websafe_decode
from fido2.webauthn import (
    AttestationObject,
    AttestedCredentialData,
    AuthenticationResponse,
    AuthenticatorAssertionResponse,
    AuthenticatorAttestationResponse,
    AuthenticatorData,
    CollectedClientData,
    RegistrationResponse,
)

from signpost.accounts.models import User
from signpost.accounts.roles import Role
from tests.factories import TEST_PASSWORD, make_customer, make_staff

pytestmark = pytest.mark.django_db

# WebAuthn needs a secure context; http://localhost is one, and allauth takes the relying party's
# id from the request's host, so the test client talks to "localhost".
HOST = "localhost"
ORIGIN = f"http://{HOST}"


@pytest.fixture(autouse=True)
def fresh_rate_limits() -> None:
    # allauth counts attempts in the cache, which outlives each test's database; start each test afresh.
    cache.clear()


class SoftKey:
    """A security key in software: makes credentials and signs challenges as a real key would."""

    def __init__(self) -> None:
        self.private_key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(32)
        self.counter = 0

    def _auth_data(self, rp_id: str, *, attested: bool) -> AuthenticatorData:
        self.counter += 1
        flags = AuthenticatorData.FLAG.UP
        credential_data = b""
        if attested:
            flags |= AuthenticatorData.FLAG.AT
            public_key = ES256.from_cryptography_key(self.private_key.public_key())
            credential_data = AttestedCredentialData.create(b"\0" * 16, self.credential_id, public_key)
        return AuthenticatorData.create(sha256(rp_id.encode()), flags, self.counter, credential_data)

    def register(self, creation_options: dict[str, Any]) -> dict[str, Any]:
        options = creation_options["publicKey"]
        client_data = CollectedClientData.create("webauthn.create", websafe_decode(options["challenge"]), ORIGIN)
        attestation = AttestationObject.create("none", self._auth_data(options["rp"]["id"], attested=True), {})
        response = RegistrationResponse(
            raw_id=self.credential_id,
            response=AuthenticatorAttestationResponse(client_data=client_data, attestation_object=attestation),
        )
        return dict(response)

    def sign(self, request_options: dict[str, Any]) -> dict[str, Any]:
        options = request_options["publicKey"]
        client_data = CollectedClientData.create("webauthn.get", websafe_decode(options["challenge"]), ORIGIN)
        auth_data = self._auth_data(options["rpId"], attested=False)
        signature = self.private_key.sign(bytes(auth_data) + client_data.hash, ec.ECDSA(hashes.SHA256()))
        response = AuthenticationResponse(
            raw_id=self.credential_id,
            response=AuthenticatorAssertionResponse(
                client_data=client_data, authenticator_data=auth_data, signature=signature
            ),
        )
        return dict(response)


def client() -> Client:
    return Client(HTTP_HOST=HOST)


def signed_in(user: User) -> Client:
    """Signed in and recently asked to confirm it is them, as allauth wants before changing factors."""
    browser = client()
    browser.force_login(user)
    confirmed = browser.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    assert confirmed.status_code == 302, "could not confirm the password"
    return browser


def page_options(page: str) -> dict[str, Any]:
    match = re.search(r'<script id="webauthn-options" type="application/json">(.*?)</script>', page, re.S)
    assert match, "the page has no WebAuthn options"
    return json.loads(match.group(1))


def add_key(browser: Client, key: SoftKey, name: str) -> Any:
    page = browser.get(reverse("mfa_add_webauthn"))
    assert page.status_code == 200
    credential = key.register(page_options(page.content.decode())["creation_options"])
    return browser.post(reverse("mfa_add_webauthn"), {"name": name, "credential": json.dumps(credential)})


def stored_key(user: User, name: str = "Blue USB key") -> tuple[Authenticator, SoftKey]:
    """A key on ``user``'s account as if added through the page (made with a throwaway request)."""
    key = SoftKey()
    browser = signed_in(user)
    response = add_key(browser, key, name)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Authenticator.objects.get(user=user, type=Authenticator.Type.WEBAUTHN, data__name=name), key


def key_names(user: User) -> list[str]:
    return [a.wrap().name for a in Authenticator.objects.filter(user=user, type=Authenticator.Type.WEBAUTHN)]


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


# Settings


def test_settings_offer_webauthn_as_a_second_factor_only():
    assert settings.MFA_SUPPORTED_TYPES == ["totp", "webauthn", "recovery_codes"]
    assert settings.MFA_PASSKEY_LOGIN_ENABLED is False
    assert settings.MFA_PASSKEY_SIGNUP_ENABLED is False
    assert reverse("mfa_list_webauthn") == "/accounts/2fa/webauthn/"
    # No passwordless sign-in or sign-up pages exist.
    for name in ("mfa_login_webauthn", "mfa_signup_webauthn"):
        with pytest.raises(NoReverseMatch):
            reverse(name)


# Who may open the pages

KEY_PAGES = ["mfa_list_webauthn", "mfa_add_webauthn", "mfa_reauthenticate_webauthn"]


def test_anonymous_people_are_sent_to_sign_in():
    anonymous = client()
    for name in KEY_PAGES:
        response = anonymous.get(reverse(name))
        assert response.status_code == 302, name
        assert response["Location"].startswith("/accounts/login/"), name
    for name in ("mfa_edit_webauthn", "mfa_remove_webauthn"):
        response = anonymous.get(reverse(name, kwargs={"pk": 1}))
        assert response.status_code == 302, name
        assert response["Location"].startswith("/accounts/login/"), name


@pytest.mark.parametrize("kind", ["customer", "adviser"])
def test_signed_in_people_reach_their_own_key_pages(kind, london):
    user = make_customer() if kind == "customer" else make_staff(Role.ADVISER, organisation=london)
    authenticator, _key = stored_key(user)
    browser = signed_in(user)

    index = text(browser.get(reverse("mfa_index")))
    assert "Security keys" in index
    assert "Blue USB key" in index
    assert reverse("mfa_list_webauthn") in index

    listing = browser.get(reverse("mfa_list_webauthn"))
    assert listing.status_code == 200
    assert "Blue USB key" in text(listing)
    assert reverse("mfa_edit_webauthn", kwargs={"pk": authenticator.pk}) in text(listing)
    assert reverse("mfa_remove_webauthn", kwargs={"pk": authenticator.pk}) in text(listing)

    add = text(browser.get(reverse("mfa_add_webauthn")))
    assert "Name for this key" in add
    assert "turn on JavaScript" in add  # the page explains itself before the script runs

    assert browser.get(reverse("mfa_edit_webauthn", kwargs={"pk": authenticator.pk})).status_code == 200
    remove = text(browser.get(reverse("mfa_remove_webauthn", kwargs={"pk": authenticator.pk})))
    assert "Are you sure you want to remove ‘Blue USB key’?" in remove
    assert "Remove security key" in remove


@pytest.mark.parametrize("owner_kind", ["customer", "adviser"])
@pytest.mark.parametrize("visitor_kind", ["other_customer", "other_adviser"])
def test_another_persons_key_is_not_found(owner_kind, visitor_kind, london):
    owner = make_customer() if owner_kind == "customer" else make_staff(Role.ADVISER, organisation=london)
    visitor = make_customer() if visitor_kind == "other_customer" else make_staff(Role.ADVISER, organisation=london)
    authenticator, _key = stored_key(owner)
    browser = signed_in(visitor)
    for name in ("mfa_edit_webauthn", "mfa_remove_webauthn"):
        url = reverse(name, kwargs={"pk": authenticator.pk})
        assert browser.get(url).status_code == 404, name
        assert browser.post(url, {"name": "Mine now"}).status_code == 404, name
    assert key_names(owner) == ["Blue USB key"]
    assert "Blue USB key" not in text(browser.get(reverse("mfa_list_webauthn")))


# Adding, renaming and signing in with a key


def test_a_customer_adds_a_key_as_their_first_second_factor_and_gets_recovery_codes():
    customer = make_customer()
    browser = signed_in(customer)
    response = add_key(browser, SoftKey(), "Work laptop")
    # A first factor brings recovery codes, shown straight away.
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    assert key_names(customer) == ["Work laptop"]
    assert Authenticator.objects.filter(user=customer, type=Authenticator.Type.RECOVERY_CODES).exists()


def test_a_key_the_server_cannot_verify_is_refused_with_an_error(london):
    adviser = make_staff(Role.ADVISER, organisation=london)
    browser = signed_in(adviser)
    page = browser.get(reverse("mfa_add_webauthn"))
    options = page_options(page.content.decode())["creation_options"]
    options["publicKey"]["challenge"] = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"  # not the one issued
    response = browser.post(
        reverse("mfa_add_webauthn"), {"name": "Stolen", "credential": json.dumps(SoftKey().register(options))}
    )
    assert response.status_code == 200
    page_text = text(response)
    assert "<title>Error: Add a security key" in page_text
    assert "Your security key could not be added" in page_text
    assert key_names(adviser) == []


def test_renaming_a_key_needs_a_name(london):
    adviser = make_staff(Role.ADVISER, organisation=london)
    authenticator, _key = stored_key(adviser)
    browser = signed_in(adviser)
    url = reverse("mfa_edit_webauthn", kwargs={"pk": authenticator.pk})
    empty = browser.post(url, {"name": ""})
    assert empty.status_code == 200
    assert "Enter a name for the security key" in text(empty)
    assert browser.post(url, {"name": "Desk key"})["Location"] == reverse("mfa_list_webauthn")
    assert key_names(adviser) == ["Desk key"]


def test_staff_sign_in_with_a_key_instead_of_a_code(london):
    adviser = make_staff(Role.ADVISER, organisation=london)
    _authenticator, key = stored_key(adviser)

    browser = client()
    response = browser.post(reverse("workspace:sign_in"), {"login": adviser.email, "password": TEST_PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    page = text(browser.get(reverse("mfa_authenticate")))
    assert "Enter the code from your authenticator app" in page  # the app stays the main way
    assert "Use a security key instead" in page
    options = page_options(page)["request_options"]
    assert options["publicKey"]["rpId"] == HOST
    assert len(options["publicKey"]["allowCredentials"]) == 1

    # A key that is not on the account is refused, with an error a person can act on.
    wrong = browser.post(reverse("mfa_authenticate"), {"credential": json.dumps(SoftKey().sign(options))})
    assert wrong.status_code == 200
    assert "Your security key was not recognised" in text(wrong)
    assert browser.get("/workspace/")["Location"].startswith("/workspace/sign-in/")

    options = page_options(text(browser.get(reverse("mfa_authenticate"))))["request_options"]
    response = browser.post(reverse("mfa_authenticate"), {"credential": json.dumps(key.sign(options))})
    assert response["Location"] == "/workspace/"
    assert browser.get("/workspace/").status_code == 200


def test_the_code_page_offers_no_key_to_someone_without_one(london):
    adviser = make_staff(Role.ADVISER, organisation=london)
    browser = client()
    browser.post(reverse("workspace:sign_in"), {"login": adviser.email, "password": TEST_PASSWORD})
    page = text(browser.get(reverse("mfa_authenticate")))
    assert "Enter the code from your authenticator app" in page
    assert "security key" not in page
    assert "webauthn" not in page


def test_a_customer_with_only_a_key_is_asked_for_the_key_first():
    customer = make_customer()
    stored_key(customer, "Phone passkey")
    browser = client()
    browser.post(reverse("account_login"), {"login": customer.email, "password": TEST_PASSWORD})
    page = text(browser.get(reverse("mfa_authenticate")))
    assert '<h1 class="govuk-heading-l">Use your security key</h1>' in page
    assert "Recovery code" in page


def test_key_pages_keep_to_the_content_security_policy(london):
    adviser = make_staff(Role.ADVISER, organisation=london)
    stored_key(adviser)
    browser = signed_in(adviser)
    for name in ("mfa_add_webauthn", "mfa_reauthenticate_webauthn"):
        page = browser.get(reverse(name)).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", page):
            # Scripts are files, the JSON data is not run, and the one GOV.UK line is allowed by hash.
            assert 'src="' in tag or 'type="application/json"' in tag or tag == "<script>", (name, tag)
        assert re.search(r"\son[a-z]+=", page) is None, name  # no inline event handlers


# Removing keys


def test_staff_may_remove_a_key_while_they_keep_their_authenticator_app(london):
    adviser = make_staff(Role.ADVISER, organisation=london)
    authenticator, _key = stored_key(adviser)
    totp = Authenticator.objects.get(user=adviser, type=Authenticator.Type.TOTP)
    adapter = get_adapter()
    assert adapter.can_delete_authenticator(authenticator)
    assert not adapter.can_delete_authenticator(totp)  # the app itself stays, as before

    browser = signed_in(adviser)
    response = browser.post(reverse("mfa_remove_webauthn", kwargs={"pk": authenticator.pk}))
    assert response["Location"] == reverse("mfa_list_webauthn")
    assert key_names(adviser) == []
    assert Authenticator.objects.filter(user=adviser, type=Authenticator.Type.TOTP).exists()


def test_staff_without_an_authenticator_app_are_not_offered_removal_or_new_keys(london):
    adviser = make_staff(Role.ADVISER, organisation=london)
    # Reached only by data from elsewhere (for example a reset app): the key is their only factor.
    authenticator = WebAuthn.add(adviser, "Only key", {}).instance
    Authenticator.objects.filter(user=adviser, type=Authenticator.Type.TOTP).delete()
    assert not get_adapter().can_delete_authenticator(authenticator)

    browser = signed_in(adviser)
    remove = text(browser.get(reverse("mfa_remove_webauthn", kwargs={"pk": authenticator.pk})))
    assert "You cannot remove ‘Only key’ yet" in remove
    assert "govuk-button--warning" not in remove
    listing = text(browser.get(reverse("mfa_list_webauthn")))
    assert reverse("mfa_remove_webauthn", kwargs={"pk": authenticator.pk}) not in listing
    assert "Add a security key" not in listing
    assert "Set up your authenticator app first" in text(browser.get(reverse("mfa_index")))


def test_a_customer_removing_their_only_factor_is_warned_and_loses_recovery_codes():
    customer = make_customer()
    authenticator, _key = stored_key(customer)
    assert get_adapter().can_delete_authenticator(authenticator)
    browser = signed_in(customer)
    remove = text(browser.get(reverse("mfa_remove_webauthn", kwargs={"pk": authenticator.pk})))
    assert "Removing it turns off two-factor authentication" in remove
    browser.post(reverse("mfa_remove_webauthn", kwargs={"pk": authenticator.pk}))
    assert not Authenticator.objects.filter(user=customer).exists()


def test_a_customer_with_an_app_is_not_warned_when_removing_a_key():
    customer = make_customer()
    RecoveryCodes.activate(customer)
    authenticator, _key = stored_key(customer)
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(customer, "JBSWY3DPEHPK3PXPJBSWY3DP")
    remove = text(signed_in(customer).get(reverse("mfa_remove_webauthn", kwargs={"pk": authenticator.pk})))
    assert "Removing it turns off two-factor authentication" not in remove


def test_confirming_it_is_you_with_a_key(london):
    adviser = make_staff(Role.ADVISER, organisation=london)
    _authenticator, key = stored_key(adviser)
    browser = client()
    browser.force_login(adviser)
    code_page = text(browser.get(reverse("mfa_reauthenticate")))
    assert "Use your security key instead" in code_page

    key_page = text(browser.get(reverse("mfa_reauthenticate_webauthn") + "?next=/accounts/2fa/webauthn/add/"))
    assert "Enter a code from your authenticator app instead" in key_page
    options = page_options(key_page)["request_options"]
    response = browser.post(
        reverse("mfa_reauthenticate_webauthn"),
        {"credential": json.dumps(key.sign(options)), "next": "/accounts/2fa/webauthn/add/"},
    )
    assert response["Location"] == "/accounts/2fa/webauthn/add/"
    assert browser.get("/accounts/2fa/webauthn/add/").status_code == 200
