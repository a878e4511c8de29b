import pytest
from django.test import Client


@pytest.mark.django_db
def test_a_form_sent_without_its_csrf_token_gets_the_styled_page_and_saves_nothing():
    from signpost.accounts.models import User

    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/accounts/signup/",
        {"given_name": "A", "family_name": "B", "email": "csrf@example.com", "password1": "x", "password2": "x"},
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "Sorry, your form could not be sent" in html
    assert "govuk-template" in html
    assert "CSRF" not in html  # no internal detail
    assert not User.objects.filter(email="csrf@example.com").exists()
