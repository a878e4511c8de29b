"""The public front door: home page, information pages, the online-space shell."""

import pytest
from django.test import Client
from markupsafe import escape

from conftest import PEOPLE

PUBLIC_PAGES = {
    "/": "Careers advice for everyone in England",
    "/accessibility/": "Accessibility statement",
    "/privacy/": "Privacy notice",
    "/cookies/": "Cookies",
    "/attribution/": "Attribution",
}


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "heading"), PUBLIC_PAGES.items())
def test_public_pages_have_one_heading_a_named_title_and_the_footer_links(path, heading):
    html = Client().get(path).content.decode()
    assert html.count("<h1") == 1
    assert heading in html
    assert f"<title>{heading} – Signpost careers service</title>" in html
    for link in ["/accessibility/", "/privacy/", "/cookies/", "/attribution/"]:
        assert f'href="{link}"' in html
    assert "govuk-template" in html


@pytest.mark.django_db
def test_service_name_phone_and_hours_come_from_settings(settings):
    settings.SERVICE_NAME = "Northshire Careers"
    settings.SERVICE_PHONE = "0800 000 111"
    settings.SERVICE_HOURS = "9am to 5pm, Monday to Friday"
    # The Jinja environment reads these once; build a fresh engine for the new values.
    from django.template import engines

    engines._engines.clear()  # type: ignore[attr-defined]
    try:
        html = Client().get("/").content.decode()
    finally:
        engines._engines.clear()  # type: ignore[attr-defined]
    assert "Northshire Careers" in html
    assert "0800 000 111" in html
    assert "9am to 5pm, Monday to Friday" in html


@pytest.mark.django_db
def test_cookies_page_names_the_cookies_actually_set(settings):
    html = Client().get("/cookies/").content.decode()
    assert settings.SESSION_COOKIE_NAME in html
    assert settings.CSRF_COOKIE_NAME in html


@pytest.mark.django_db
@pytest.mark.parametrize("name", PEOPLE)
def test_public_pages_are_open_to_everyone(name, person, client_for):
    client = client_for(person(name))
    for path in PUBLIC_PAGES:
        assert client.get(path).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("name", PEOPLE)
def test_account_page_is_the_customers_own(name, person, client_for):
    user = person(name)
    response = client_for(user).get("/account/")
    if user is None:
        assert response["Location"] == "/accounts/login/?next=/account/"
    elif user.is_staff_member:
        assert response["Location"] == "/workspace/"
    else:
        assert response.status_code == 200
        html = response.content.decode()
        assert user.email in html
        assert escape(user.full_name) in html  # names like O'Brien are escaped as our Jinja pages escape them


@pytest.mark.django_db
def test_a_customer_sees_only_their_own_details(person, client_for):
    first, second = person("customer"), person("other_customer")
    html = client_for(first).get("/account/").content.decode()
    assert first.email in html
    assert second.email not in html


@pytest.mark.django_db
def test_unknown_address_gets_the_styled_not_found_page():
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "govuk-template" in response.content.decode()


@pytest.mark.django_db
def test_attribution_page_carries_the_required_data_notices():
    html = Client().get("/attribution/").content.decode()
    for notice in [
        "Contains OS data © Crown copyright and database right",
        "Contains Royal Mail data © Royal Mail copyright and database right",
        "Source: Office for National Statistics licensed under the Open Government Licence v.3.0.",
        "© 2019 Education and Skills Funding Agency, MIT licence",
        "Town list derived from data © 2019 Education and Skills Funding Agency, MIT licence.",
    ]:
        assert notice in html
