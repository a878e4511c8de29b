"""Data protection in the workspace: who has seen a record, a subject access export from request to
download (the progress panel refreshed by htmx), anonymising with its confirmation and error
states, and the retention report; axe on every state."""

from __future__ import annotations

import datetime
import zipfile
from pathlib import Path
from typing import Any

from django.core.management import call_command
from playwright.sync_api import Page, expect

from signpost.accounts.roles import Role
from signpost.customers.models import Customer
from signpost.organisations.models import Organisation
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import follow
from tests.e2e.staff_steps import sign_in
from tests.factories import CustomerFactory, filled_customer, make_staff


def organisation(touchpoint: str) -> Organisation:
    return Organisation.objects.get(touchpoint_id=touchpoint)


def shows_errors(page: Page, label: str) -> None:
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert page.title().startswith("Error: "), page.title()
    assert_accessible(page, f"{label}, with errors")


def test_who_has_seen_export_and_anonymise(page: Page, site: str, settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    adviser = make_staff(Role.ADVISER, organisation=organisation("0000000103"))
    admin = make_staff(Role.SYSTEM_ADMINISTRATOR, organisation=organisation("0000000999"))
    priya = filled_customer(adviser)
    record = f"{site}/workspace/customers/{priya.reference}/"
    sign_in(page, site, admin.email)

    page.goto(record)
    assert_accessible(page, "record with data protection links")

    # Who has seen this record, then filtered to nothing, then a bad date.
    follow(page.get_by_role("link", name="Who has seen this record"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Who has seen this record – Priya Sharma")
    expect(page.locator("table")).to_contain_text(adviser.email)
    assert_accessible(page, "who has seen, filled")
    page.get_by_label("From").fill("1/1/2099")
    follow(page.get_by_role("button", name="Apply filters"))
    expect(page.get_by_role("heading", name="Nobody opened or changed this record on these dates")).to_be_visible()
    assert_accessible(page, "who has seen, no match")
    page.get_by_label("From").fill("31/2/2025")
    follow(page.get_by_role("button", name="Apply filters"))
    shows_errors(page, "who has seen")
    expect(page.get_by_label("From")).to_have_value("31/2/2025")

    # Subject access export: prepare, watch the panel turn ready without reloading, download.
    page.goto(record)
    follow(page.get_by_role("link", name="Export the customer's data"))
    expect(page.get_by_text("No exports have been prepared for this record.")).to_be_visible()
    assert_accessible(page, "export, none yet")
    follow(page.get_by_role("button", name="Prepare the export"))
    expect(page.get_by_role("status")).to_contain_text("Waiting to start")
    assert_accessible(page, "export, waiting")
    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", verbosity=0)
    expect(page.get_by_role("status")).to_contain_text("The export is ready")
    assert_accessible(page, "export, ready")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download the export (ZIP)").click()
    saved = tmp_path / "export.zip"
    download_info.value.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        html = archive.read("index.html").decode()
    assert "The personal data we hold about Priya Sharma" in html
    follow(page.get_by_role("link", name="Back to the exports"))
    expect(page.locator("table")).to_contain_text("Ready to download")
    assert_accessible(page, "export, listed")

    # The readable copy on its own is accessible too.
    copy = tmp_path / "index.html"
    copy.write_text(html, encoding="utf-8")
    page.goto(copy.as_uri())
    expect(page.get_by_role("heading", level=1)).to_contain_text("Priya Sharma")
    assert_accessible(page, "export document")

    # Anonymise: the confirmation, its errors (the choice kept), then done.
    page.goto(record)
    follow(page.get_by_role("link", name="Anonymise this record"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Anonymise this record")
    assert_accessible(page, "anonymise, confirmation")
    follow(page.get_by_role("button", name="Anonymise this record"))
    shows_errors(page, "anonymise, nothing chosen")
    page.get_by_role("radio", name="The customer asked for their personal data to be erased").check()
    follow(page.get_by_role("button", name="Anonymise this record"))
    shows_errors(page, "anonymise, not confirmed")
    expect(page.get_by_role("radio", name="The customer asked for their personal data to be erased")).to_be_checked()
    page.get_by_role("checkbox").check()
    follow(page.get_by_role("button", name="Anonymise this record"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Record anonymised")
    assert_accessible(page, "anonymise, done")
    follow(page.get_by_role("link", name="Go to the record"))
    expect(page.get_by_text("This record was anonymised on")).to_be_visible()
    assert "Priya" not in page.content()
    assert_accessible(page, "anonymised record")
    assert Customer.objects.get(pk=priya.pk).given_name == "Anonymised"


def test_retention_report(page: Page, site: str) -> None:
    admin = make_staff(Role.SYSTEM_ADMINISTRATOR, organisation=organisation("0000000999"))
    sign_in(page, site, admin.email)
    follow(page.get_by_role("link", name="Retention"))
    expect(page.get_by_role("heading", name="No records are due to be anonymised")).to_be_visible()
    assert_accessible(page, "retention report, empty")
    CustomerFactory(date_registered=datetime.date(2010, 1, 1))
    page.reload()
    expect(page.get_by_role("status")).to_have_text("1 record would be anonymised.")
    assert_accessible(page, "retention report, filled")
