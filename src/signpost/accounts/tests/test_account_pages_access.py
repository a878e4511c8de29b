"""Who may open the sign-in, account-security and invitation pages."""

import pytest

from conftest import PEOPLE

OPEN_TO_ANYONE = ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/", "/workspace/sign-in/"]
SIGNED_IN_ONLY = ["/accounts/2fa/", "/accounts/password/change/", "/accounts/email/"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", PEOPLE)
def test_sign_in_pages(name, person, client_for):
    user = person(name)
    client = client_for(user)
    for path in OPEN_TO_ANYONE:
        response = client.get(path)
        if user is None:
            assert response.status_code == 200, path
        else:
            # Someone already signed in is sent on rather than shown the form again.
            assert response.status_code in {200, 302}, path


@pytest.mark.django_db
@pytest.mark.parametrize("name", PEOPLE)
def test_account_security_pages_need_a_signed_in_person(name, person, client_for):
    user = person(name)
    client = client_for(user)
    for path in SIGNED_IN_ONLY:
        response = client.get(path)
        if user is None:
            assert response.status_code == 302, path
            assert response["Location"].startswith("/accounts/login/"), path
        else:
            assert response.status_code == 200, path
            if path == "/accounts/email/":
                assert user.email in response.content.decode()


@pytest.mark.django_db
def test_two_factor_page_shows_only_the_persons_own_factors(person, client_for):
    staff = person("adviser")
    customer = person("customer")
    staff_page = client_for(staff).get("/accounts/2fa/").content.decode()
    customer_page = client_for(customer).get("/accounts/2fa/").content.decode()
    assert "Authenticator app" in staff_page
    assert "/accounts/2fa/totp/activate/" not in staff_page
    assert "/accounts/2fa/totp/activate/" in customer_page
    # Staff cannot be offered a way to turn their second factor off.
    assert "/accounts/2fa/totp/deactivate/" not in staff_page
