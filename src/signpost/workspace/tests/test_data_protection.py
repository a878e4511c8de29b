"""Data protection pages: who has seen a record, subject access exports, anonymising, retention."""

from __future__ import annotations

import datetime
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import PEOPLE
from signpost.accounts.roles import Role
from signpost.core.models import AuditEvent
from signpost.customers import services as customer_services
from signpost.data_protection.models import Anonymisation, SubjectAccessExport
from signpost.data_protection.services import subject_access_export_build, subject_access_export_request
from tests.factories import CustomerFactory, filled_customer, make_staff

EVERYONE = [*PEOPLE, "national_admin"]
SIGN_IN = "/workspace/sign-in/"


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def adviser(london: Any) -> Any:
    return make_staff(Role.ADVISER, organisation=london)


@pytest.fixture
def customer(adviser: Any) -> Any:
    return filled_customer(adviser)


@dataclass(frozen=True)
class Page:
    url_name: str
    method: str = "get"
    # "admins": any system administrator (an area's sees their own staff); "national": national ones.
    audience: str = "admins"
    allowed_status: int = 200

    def __str__(self) -> str:
        return f"{self.method.upper()} {self.url_name} ({self.audience})"


PAGES = [
    Page("workspace:record_access"),
    Page("workspace:subject_access_export", audience="national"),
    Page("workspace:subject_access_export", "post", audience="national", allowed_status=302),
    Page("workspace:subject_access_export_progress", audience="national"),
    Page("workspace:subject_access_export_download", audience="national"),
    Page("workspace:customer_anonymise", audience="national"),
    Page("workspace:customer_anonymise", "post", audience="national"),
    Page("workspace:retention_report"),
]
ALLOWED = {
    "admins": {"system_administrator", "other_organisation_admin", "national_admin"},
    "national": {"national_admin"},
}


def page_url(page: Page, customer: Any, national_admin: Any) -> str:
    if page.url_name == "workspace:retention_report":
        return reverse(page.url_name)
    kwargs: dict[str, Any] = {"reference": customer.reference}
    if "export_" in page.url_name:
        export = subject_access_export_request(actor=national_admin, customer=customer)
        subject_access_export_build(str(export.pk))
        kwargs["export_id"] = export.pk
    return reverse(page.url_name, kwargs=kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize("name", EVERYONE)
@pytest.mark.parametrize("page", PAGES, ids=str)
def test_page_access(page: Page, name: str, person: Any, client_for: Any, national_admin: Any) -> None:
    customer = CustomerFactory()
    url = page_url(page, customer, national_admin)
    user = national_admin if name == "national_admin" else person(name)

    response = getattr(client_for(user), page.method)(url)

    if user is None:
        assert response.status_code == 302
        assert response["Location"].startswith(SIGN_IN + "?next=")
    elif name in ALLOWED[page.audience]:
        assert response.status_code == page.allowed_status
    else:
        assert response.status_code == 403
    if page.url_name == "workspace:customer_anonymise":
        assert not Anonymisation.objects.exists()


# Who has seen this record ---------------------------------------------------------------------


@pytest.mark.django_db
def test_who_has_seen_lists_reads_and_changes_with_organisations(
    client_for: Any, national_admin: Any, customer: Any, adviser: Any, north_west: Any
) -> None:
    other = make_staff(Role.ADVISER, organisation=north_west, given_name="Nadia", family_name="Okafor")
    customer_services.customer_record_viewed(actor=other, customer=customer, part="contact")
    response = client_for(national_admin).get(
        reverse("workspace:record_access", kwargs={"reference": customer.reference})
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Who has seen this record" in page
    assert "Nadia Okafor" in page and north_west.name in page
    assert adviser.email in page and adviser.organisation.name in page
    assert "Opened the record" in page and "customer.viewed" in page and "Part: contact" in page
    assert "customer.created" in page
    # Looking is itself recorded.
    event = AuditEvent.objects.filter(action="customer.access_log_viewed").get()
    assert (event.actor, event.object_id) == (national_admin, str(customer.pk))


@pytest.mark.django_db
def test_an_area_administrator_sees_their_own_staff_only(
    person: Any, client_for: Any, customer: Any, north_west: Any
) -> None:
    other = make_staff(Role.ADVISER, organisation=north_west, given_name="Nadia", family_name="Okafor")
    customer_services.customer_record_viewed(actor=other, customer=customer)
    london_admin = person("system_administrator")
    page = client_for(london_admin).get(reverse("workspace:record_access", kwargs={"reference": customer.reference}))
    text = page.content.decode()
    assert "Nadia Okafor" not in text
    assert "You see what staff of London did" in text
    assert "customer.created" in text


@pytest.mark.django_db
def test_who_has_seen_filters_by_date(client_for: Any, national_admin: Any, customer: Any) -> None:
    url = reverse("workspace:record_access", kwargs={"reference": customer.reference})
    today = timezone.localdate()
    tomorrow = (today + datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    empty = client_for(national_admin).get(url, {"date_from": tomorrow})
    assert "Nobody opened or changed this record on these dates" in empty.content.decode()
    found = client_for(national_admin).get(url, {"date_from": today.strftime("%d/%m/%Y")})
    assert "customer.created" in found.content.decode()


@pytest.mark.django_db
def test_who_has_seen_explains_bad_dates_and_keeps_them(client_for: Any, national_admin: Any, customer: Any) -> None:
    url = reverse("workspace:record_access", kwargs={"reference": customer.reference})
    response = client_for(national_admin).get(url, {"date_from": "31/02/2025", "date_to": "1/1/2020"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter a real date, like 27/3/2025" in page
    assert 'value="31/02/2025"' in page and 'value="1/1/2020"' in page


# The record page's links ----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "links"),
    [
        ("national_admin", ["Who has seen this record", "Export the customer", "Anonymise this record"]),
        ("system_administrator", ["Who has seen this record"]),
        ("adviser", []),
    ],
)
def test_the_record_links_to_what_each_person_may_do(
    who: str, links: list[str], person: Any, client_for: Any, national_admin: Any, customer: Any
) -> None:
    user = national_admin if who == "national_admin" else person(who)
    page = client_for(user).get(reverse("workspace:customer_record", kwargs={"reference": customer.reference}))
    text = page.content.decode()
    for link in ["Who has seen this record", "Export the customer", "Anonymise this record"]:
        assert (link in text) == (link in links), link


# Subject access export ------------------------------------------------------------------------


# The task worker closes its connection when done: a real transaction, not the test's.
@pytest.mark.django_db(transaction=True)
def test_export_from_request_to_download(
    client_for: Any,
    national_admin: Any,
    customer: Any,
    run_tasks: Callable[[], None],
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = client_for(national_admin)
    start = reverse("workspace:subject_access_export", kwargs={"reference": customer.reference})
    assert "No exports have been prepared for this record" in client.get(start).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(start)
    export = SubjectAccessExport.objects.get()
    progress = reverse(
        "workspace:subject_access_export_progress", kwargs={"reference": customer.reference, "export_id": export.pk}
    )
    assert response["Location"] == progress
    waiting = client.get(progress).content.decode()
    assert "Waiting to start" in waiting and 'hx-trigger="every 2s"' in waiting and "Check again" in waiting

    run_tasks()
    ready = client.get(progress, headers={"HX-Request": "true"}).content.decode()
    assert "The export is ready" in ready and "hx-trigger" not in ready
    assert "<html" not in ready  # the panel only, for htmx to swap in

    download = client.get(
        reverse(
            "workspace:subject_access_export_download",
            kwargs={"reference": customer.reference, "export_id": export.pk},
        )
    )
    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip"
    assert f"customer-{customer.reference}-data-" in download["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))) as archive:
        data = json.loads(archive.read("data.json"))
        assert "Priya Sharma" in archive.read("index.html").decode()
    assert data["customer_reference"] == customer.reference
    assert AuditEvent.objects.filter(action="customer.data_export_downloaded", actor=national_admin).count() == 1
    listing = client.get(start).content.decode()
    assert "Ready to download" in listing


@pytest.mark.django_db
def test_an_export_not_ready_is_not_downloaded(client_for: Any, national_admin: Any, customer: Any) -> None:
    export = subject_access_export_request(actor=national_admin, customer=customer)
    url = reverse(
        "workspace:subject_access_export_download", kwargs={"reference": customer.reference, "export_id": export.pk}
    )
    response = client_for(national_admin).get(url)
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(action="customer.data_export_downloaded").exists()


@pytest.mark.django_db
def test_another_records_export_is_not_found(client_for: Any, national_admin: Any, customer: Any, adviser: Any) -> None:
    export = subject_access_export_request(actor=national_admin, customer=customer)
    other = CustomerFactory()
    url = reverse(
        "workspace:subject_access_export_progress", kwargs={"reference": other.reference, "export_id": export.pk}
    )
    assert client_for(national_admin).get(url).status_code == 404


# Anonymising ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_anonymise_needs_a_reason_and_a_confirmation(client_for: Any, national_admin: Any, customer: Any) -> None:
    url = reverse("workspace:customer_anonymise", kwargs={"reference": customer.reference})
    page = client_for(national_admin).get(url).content.decode()
    assert "This cannot be undone" in page

    response = client_for(national_admin).post(url, {"reason": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "Confirm that you understand the personal data cannot be brought back" in page
    # What was chosen is kept.
    assert 'value="1" checked' in page

    response = client_for(national_admin).post(url, {"confirm": "on"})
    assert "Select why this record is being anonymised" in response.content.decode()
    assert not Anonymisation.objects.exists()


@pytest.mark.django_db
def test_anonymise_a_record(client_for: Any, national_admin: Any, customer: Any) -> None:
    url = reverse("workspace:customer_anonymise", kwargs={"reference": customer.reference})
    response = client_for(national_admin).post(url, {"reason": "1", "confirm": "on"})
    assert response.status_code == 302 and response["Location"] == url
    page = client_for(national_admin).get(url).content.decode()
    assert "Record anonymised" in page and "the customer asked for their personal data to be erased" in page
    record = client_for(national_admin).get(
        reverse("workspace:customer_record", kwargs={"reference": customer.reference})
    )
    text = record.content.decode()
    assert "This record was anonymised on" in text
    assert "Priya" not in text and "Sharma" not in text
    # A second go changes nothing.
    again = client_for(national_admin).post(url, {"reason": "1", "confirm": "on"})
    assert again.status_code == 200
    assert Anonymisation.objects.count() == 1
    assert (
        client_for(national_admin)
        .get(reverse("workspace:subject_access_export", kwargs={"reference": customer.reference}))
        .content.decode()
        .count("This record has been anonymised")
        == 1
    )


# Retention report -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_retention_report_lists_what_the_job_would_do(client_for: Any, national_admin: Any, adviser: Any) -> None:
    due = CustomerFactory(date_registered=datetime.date(2010, 1, 1))
    page = client_for(national_admin).get(reverse("workspace:retention_report")).content.decode()
    assert "1 record would be anonymised" in page
    assert due.display_reference in page and "registered; no contact" in page
    assert not Anonymisation.objects.exists()


@pytest.mark.django_db
def test_the_retention_report_when_nothing_is_due(client_for: Any, national_admin: Any) -> None:
    page = client_for(national_admin).get(reverse("workspace:retention_report")).content.decode()
    assert "No records are due to be anonymised" in page
