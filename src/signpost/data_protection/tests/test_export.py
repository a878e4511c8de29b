"""Subject access exports: the archive holds every registered model's rows, readable and parseable."""

from __future__ import annotations

import datetime
import io
import json
import time
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.utils import timezone

from signpost.accounts.roles import Role
from signpost.contacts import codes as contact_codes
from signpost.contacts.models import Interaction
from signpost.core import privacy
from signpost.core.models import AuditEvent
from signpost.data_protection import codes
from signpost.data_protection.export import write_archive
from signpost.data_protection.models import SubjectAccessExport
from signpost.data_protection.services import (
    customer_anonymise,
    exports_expire,
    subject_access_export_downloaded,
    subject_access_export_request,
)
from signpost.data_protection.tests.markers import FAMILY_NAME, GIVEN_NAME, marked_customer
from tests.factories import make_staff


@pytest.fixture
def adviser(london: Any) -> Any:
    return make_staff(Role.ADVISER, organisation=london)


@pytest.fixture
def national_admin(national: Any) -> Any:
    return make_staff(Role.SYSTEM_ADMINISTRATOR, organisation=national)


@pytest.fixture
def request_export(django_capture_on_commit_callbacks: Any) -> Callable[..., SubjectAccessExport]:
    """Ask for an export and let its build task be queued (on commit), as a request would."""

    def request(**kwargs: Any) -> SubjectAccessExport:
        with django_capture_on_commit_callbacks(execute=True):
            return subject_access_export_request(**kwargs)

    return request


def read_archive(export: SubjectAccessExport) -> tuple[dict[str, Any], str]:
    with default_storage.open(export.file_name, "rb") as stored, zipfile.ZipFile(stored) as archive:
        assert sorted(archive.namelist()) == ["data.json", "index.html"]
        return json.loads(archive.read("data.json")), archive.read("index.html").decode("utf-8")


# The task worker closes its connection when done: a real transaction, not the test's.
@pytest.mark.django_db(transaction=True)
def test_the_export_holds_every_registered_part(
    adviser: Any, national_admin: Any, run_tasks: Callable[[], None], request_export: Any
) -> None:
    marked = marked_customer(adviser, contacts=3)
    customer = marked.customer
    export = request_export(actor=national_admin, customer=customer)
    assert export.status == codes.ExportStatus.QUEUED
    run_tasks()
    export.refresh_from_db()
    assert export.status == codes.ExportStatus.READY
    assert export.percent_done == 100
    assert export.expires_at == export.finished_at + datetime.timedelta(days=7)

    data, html = read_archive(export)
    assert data["customer_reference"] == customer.reference
    parts = {part["key"]: part for part in data["parts"]}
    # Every model in the register has its part, with exactly the customer's rows.
    assert set(parts) == {entry.key for entry in privacy.registered()}
    for entry in privacy.registered():
        assert len(parts[entry.key]["rows"]) == entry.queryset(customer).count(), entry.key
    assert parts["customers.customer"]["rows"][0]["given_name"] == GIVEN_NAME
    assert len(parts["contacts.interaction"]["rows"]) == 3
    assert parts["contacts.interaction"]["rows"][0]["summary"].startswith("Talked about Snorkvast")
    assert any("Adviser: hello Xandrok" in row["transcript"] for row in parts["contacts.interaction"]["rows"])
    assert len(parts["core.notification"]["rows"]) == 3
    # Codes are explained in the file itself.
    channel = next(c for c in parts["contacts.interaction"]["columns"] if c["name"] == "channel")
    assert channel["codes"]["3"] == "Web chat"
    # Who saw the record: organisations, never staff names.
    seen = parts["core.auditevent"]["rows"]
    assert any(row["action"] == "customer.created" for row in seen)
    # (the adviser's changes, and the administrator asking for this export)
    assert {row["actor__organisation__name"] for row in seen} == {
        adviser.organisation.name,
        national_admin.organisation.name,
    }
    assert adviser.family_name not in json.dumps(seen)

    assert f"The personal data we hold about {GIVEN_NAME} {FAMILY_NAME}" in html
    assert "Talked about Snorkvast apprenticeships" in html
    assert "Who has seen or changed your record" in html
    assert "Web chat" in html  # codes shown by their labels


# The task worker closes its connection when done: a real transaction, not the test's.
@pytest.mark.django_db(transaction=True)
def test_the_export_is_audited_without_personal_data(
    adviser: Any, national_admin: Any, run_tasks: Callable[[], None], request_export: Any
) -> None:
    marked = marked_customer(adviser, contacts=1)
    export = request_export(actor=national_admin, customer=marked.customer)
    run_tasks()
    export.refresh_from_db()
    subject_access_export_downloaded(actor=national_admin, export=export)
    events = AuditEvent.objects.filter(action__startswith="customer.data_export").order_by("id")
    assert [event.action for event in events] == ["customer.data_export_requested", "customer.data_export_downloaded"]
    for event in events:
        assert (event.actor, event.object_id, event.details) == (
            national_admin,
            str(marked.customer.pk),
            {"export": str(export.pk)},
        )


@pytest.mark.django_db
def test_a_customer_with_thousands_of_contacts_is_exported_quickly(adviser: Any) -> None:
    marked = marked_customer(adviser, contacts=0)
    now = timezone.now()
    Interaction.objects.bulk_create(
        Interaction(
            customer=marked.customer,
            channel=contact_codes.Channel.TELEPHONE,
            interaction_type=contact_codes.InteractionType.TELEPHONE_CALL,
            occurred_at=now - datetime.timedelta(hours=number),
            adviser=adviser,
            organisation=adviser.organisation,
            reason=contact_codes.ReasonForContact.JOB_READINESS,
            service_level=contact_codes.ServiceLevel.ADVICE,
            summary=f"Call {number}: talked through interview practice and a CV. " * 5,
        )
        for number in range(5000)
    )
    started = time.monotonic()
    progress: list[tuple[int, int]] = []
    with io.BytesIO() as target:
        rows = write_archive(target, marked.customer, progress=lambda done, written: progress.append((done, written)))
        target.seek(0)
        with zipfile.ZipFile(target) as archive:
            data = json.loads(archive.read("data.json"))
    elapsed = time.monotonic() - started
    interactions = next(part for part in data["parts"] if part["key"] == "contacts.interaction")
    assert len(interactions["rows"]) == 5000
    assert rows >= 5000
    # Progress after every part, ending with all of them.
    assert [done for done, _ in progress] == list(range(1, len(privacy.registered()) + 1))
    # Well inside the minute the service promises, even on a busy 2-core machine.
    assert elapsed < 30, elapsed


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["adviser", "london_admin"])
def test_only_a_national_administrator_exports(who: str, adviser: Any, london: Any) -> None:
    marked = marked_customer(adviser, contacts=0)
    actor = adviser if who == "adviser" else make_staff(Role.SYSTEM_ADMINISTRATOR, organisation=london)
    with pytest.raises(PermissionDenied):
        subject_access_export_request(actor=actor, customer=marked.customer)
    assert not SubjectAccessExport.objects.exists()


@pytest.mark.django_db
def test_an_anonymised_record_has_nothing_to_export(adviser: Any, national_admin: Any, request_export: Any) -> None:
    marked = marked_customer(adviser, contacts=0)
    customer_anonymise(actor=national_admin, customer=marked.customer, reason=codes.AnonymisationReason.ERASURE_REQUEST)
    with pytest.raises(ValidationError, match="anonymised"):
        request_export(actor=national_admin, customer=marked.customer)


@pytest.mark.django_db(transaction=True)
def test_archives_are_deleted_on_expiry_and_on_anonymisation(
    adviser: Any, national_admin: Any, run_tasks: Callable[[], None], request_export: Any
) -> None:
    marked = marked_customer(adviser, contacts=1)
    first = request_export(actor=national_admin, customer=marked.customer)
    second = request_export(actor=national_admin, customer=marked.customer)
    run_tasks()
    first.refresh_from_db()
    second.refresh_from_db()
    assert default_storage.exists(first.file_name) and default_storage.exists(second.file_name)

    assert exports_expire(now=max(first.expires_at, second.expires_at) + datetime.timedelta(seconds=1)) == 2
    first.refresh_from_db()
    assert (first.status, first.file_name) == (codes.ExportStatus.EXPIRED, "")
    assert not default_storage.exists(second.file_name)

    third = request_export(actor=national_admin, customer=marked.customer)
    run_tasks()
    third.refresh_from_db()
    customer_anonymise(actor=national_admin, customer=marked.customer, reason=codes.AnonymisationReason.ERASURE_REQUEST)
    assert not default_storage.exists(third.file_name)
    assert not SubjectAccessExport.objects.filter(customer=marked.customer).exists()
