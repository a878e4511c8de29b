"""Who may use each administration page: every person in conftest.PEOPLE, plus a national
system administrator, against every URL and method (deny by default)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import reverse

from conftest import PEOPLE
from signpost.accounts.roles import Role
from signpost.core.notifications import send_email
from tests.factories import make_staff

EVERYONE = [*PEOPLE, "national_admin"]
SIGN_IN = "/workspace/sign-in/"


@dataclass(frozen=True)
class Page:
    url_name: str
    method: str = "get"
    # Who gets in: "staff" (any staff administrator), "london_staff" / "north_west_staff" (pages
    # about one staff member of that area), "national" (national administrators only), or
    # "records" (any holder of the audit and outbox permissions).
    audience: str = "staff"
    # What an allowed person gets: a page, or for one-button actions, a redirect back.
    allowed_status: int = 200

    def __str__(self) -> str:
        return f"{self.method.upper()} {self.url_name} ({self.audience})"


STAFF_MEMBER_PAGES = [
    Page("workspace:staff_detail"),
    Page("workspace:staff_edit"),
    Page("workspace:staff_edit", "post"),
    Page("workspace:staff_deactivate"),
    Page("workspace:staff_deactivate", "post"),
    Page("workspace:staff_reactivate", "post", allowed_status=302),
    Page("workspace:staff_resend_invitation", "post", allowed_status=302),
]

PAGES = [
    Page("workspace:staff_list"),
    Page("workspace:staff_invite"),
    Page("workspace:staff_invite", "post"),
    *(Page(page.url_name, page.method, "london_staff", page.allowed_status) for page in STAFF_MEMBER_PAGES),
    *(Page(page.url_name, page.method, "north_west_staff", page.allowed_status) for page in STAFF_MEMBER_PAGES),
    Page("workspace:organisation_list", audience="national"),
    Page("workspace:organisation_create", audience="national"),
    Page("workspace:organisation_create", "post", audience="national"),
    Page("workspace:organisation_edit", audience="national"),
    Page("workspace:organisation_edit", "post", audience="national"),
    Page("workspace:audit_log", audience="records"),
    Page("workspace:outbox", audience="records"),
    Page("workspace:outbox_detail", audience="records"),
]

# The expected answer for each administrator, by audience; everyone else is refused (403).
ADMIN_ANSWERS = {
    "staff": {"system_administrator": "allowed", "other_organisation_admin": "allowed", "national_admin": "allowed"},
    "london_staff": {"system_administrator": "allowed", "other_organisation_admin": 404, "national_admin": "allowed"},
    "north_west_staff": {
        "system_administrator": 404,
        "other_organisation_admin": "allowed",
        "national_admin": "allowed",
    },
    "national": {"system_administrator": 403, "other_organisation_admin": 403, "national_admin": "allowed"},
    "records": {"system_administrator": "allowed", "other_organisation_admin": "allowed", "national_admin": "allowed"},
}


def _url(page: Page, *, london, north_west) -> str:
    if page.url_name.startswith("workspace:staff_") and page.audience != "staff":
        organisation = london if page.audience == "london_staff" else north_west
        target = make_staff(Role.ADVISER, organisation=organisation)
        # Not accepted yet, so "send invitation again" has something to do.
        target.set_unusable_password()
        target.save(update_fields=["password"])
        return reverse(page.url_name, kwargs={"pk": target.pk})
    if page.url_name == "workspace:organisation_edit":
        return reverse(page.url_name, kwargs={"pk": london.pk})
    if page.url_name == "workspace:outbox_detail":
        notification = send_email(to="someone@example.com", subject="Hello", body="Body")
        return reverse(page.url_name, kwargs={"pk": notification.pk})
    return reverse(page.url_name)


@pytest.mark.django_db
@pytest.mark.parametrize("name", EVERYONE)
@pytest.mark.parametrize("page", PAGES, ids=str)
def test_administration_page_access(page, name, person, client_for, national_admin, london, north_west):
    user = national_admin if name == "national_admin" else person(name)
    url = _url(page, london=london, north_west=north_west)

    # Posting an empty form changes nothing; it only shows the form's errors to those allowed in.
    response = getattr(client_for(user), page.method)(url)

    if user is None:
        assert response.status_code == 302
        assert response["Location"].startswith(SIGN_IN + "?next=")
        return
    expected = ADMIN_ANSWERS[page.audience].get(name, 403)
    if expected == "allowed":
        assert response.status_code == page.allowed_status
        if page.allowed_status == 302:
            assert response["Location"].startswith("/workspace/staff/")
        elif page.method == "post":
            assert "There is a problem" in response.content.decode()
    else:
        assert response.status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["workspace:staff_reactivate", "workspace:staff_resend_invitation"])
def test_one_button_actions_refuse_get(url_name, national_admin, london, client_for):
    target = make_staff(Role.ADVISER, organisation=london)
    response = client_for(national_admin).get(reverse(url_name, kwargs={"pk": target.pk}))
    assert response.status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["workspace:staff_detail", "workspace:staff_edit", "workspace:staff_deactivate"])
def test_customers_are_not_staff_pages(url_name, national_admin, client_for):
    from tests.factories import make_customer

    customer = make_customer()
    response = client_for(national_admin).get(reverse(url_name, kwargs={"pk": customer.pk}))
    assert response.status_code == 404
