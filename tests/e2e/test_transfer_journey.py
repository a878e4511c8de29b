"""An out-of-hours transfer from the national contact centre lands in the area prime's queue for
its next working day; an adviser there claims and completes it (issue 4). Every page state passed
is checked with axe."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from signpost.accounts.roles import Role
from signpost.casework import codes
from signpost.casework.models import Transfer
from signpost.core import working_days
from signpost.customers.models import Address
from signpost.organisations.models import Area, Organisation
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import follow
from tests.e2e.pages import WORKSPACE, title
from tests.e2e.staff_steps import sign_in, sign_out_of_workspace
from tests.factories import CustomerFactory, make_staff


@pytest.fixture
def closed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The primes' offices are shut whenever the journey runs (evening, weekend or bank holiday):
    the live server runs in this process, so the rule's answer can be set without faking the clock."""
    monkeypatch.setattr(working_days, "is_within_office_hours", lambda moment: False)


def error_summary_says(page: Page, *messages: str) -> None:
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    for message in messages:
        expect(summary).to_contain_text(message)
    assert page.title().startswith("Error: "), page.title()


def test_out_of_hours_transfer_is_queued_then_claimed_and_completed_by_the_prime(
    page: Page, site: str, closed: None
) -> None:
    national = Organisation.objects.get(touchpoint_id="0000000999")
    london = Organisation.objects.get(touchpoint_id="0000000103")
    caller = make_staff(Role.ADVISER, organisation=national, given_name="Nia", family_name="National")
    prime_adviser = make_staff(Role.ADVISER, organisation=london, given_name="Lola", family_name="London")
    customer = CustomerFactory(given_name="Grace", family_name="Hopper", date_of_birth=datetime.date(1990, 12, 9))
    Address.objects.create(
        customer=customer,
        line_1="10 Downing Street",
        postcode="SW1A 2AA",
        area=Area.LONDON,
        effective_from=datetime.date(2022, 1, 1),
    )
    context = "Wants a face-to-face session about moving into software testing; has a CV ready."

    # The national contact centre transfers her from her record.
    sign_in(page, site, caller.email)
    page.goto(f"{site}/workspace/customers/{customer.reference}/")
    follow(page.get_by_role("link", name="Transfer to the area prime contractor"))
    expect(page).to_have_title(title("Transfer to the area prime contractor \N{EN DASH} Grace Hopper", site=WORKSPACE))
    expect(page.get_by_label("Transfer to")).to_have_value(str(london.pk))
    assert_accessible(page, "transfer, empty")

    # Without a reason, and with a date but no time: both errors, the choice kept.
    page.get_by_label("Date (optional)").fill("3/3/2099")
    follow(page.get_by_role("button", name="Continue"))
    error_summary_says(
        page, "Enter why the customer is being transferred", "Enter the time the customer would like to be called back"
    )
    expect(page.get_by_label("Date (optional)")).to_have_value("3/3/2099")
    assert_accessible(page, "transfer, with errors")

    page.get_by_label("Date (optional)").fill("")
    page.get_by_label("Why the customer is being transferred").fill(context)
    assert_accessible(page, "transfer, filled")
    follow(page.get_by_role("button", name="Continue"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Check the transfer before sending it")
    expect(page.locator(".govuk-summary-list")).to_contain_text(context)
    expect(page.locator(".govuk-warning-text")).to_contain_text(f"{london.name} is closed now")
    assert_accessible(page, "transfer, check answers")
    requested = timezone.now()
    follow(page.get_by_role("button", name="Send transfer"))

    expect(page.locator(".govuk-notification-banner")).to_contain_text("the transfer is queued for them")
    expect(page.locator(".moj-timeline")).to_contain_text("Transferred to " + london.name)
    assert_accessible(page, "record after the transfer")
    transfer = Transfer.objects.get()
    task = transfer.task
    assert task is not None and task.organisation == london
    opening = working_days.next_opening(requested)
    assert task.available_from == opening
    assert task.due_at == opening + datetime.timedelta(hours=24)
    sign_out_of_workspace(page, site)

    # The prime's adviser finds it in the organisation's queue, starting at their next opening.
    sign_in(page, site, prime_adviser.email)
    follow(page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Tasks"))
    expect(page).to_have_title(title("My tasks", site=WORKSPACE))
    expect(page.locator("main")).to_contain_text("There are no tasks to do here")
    assert_accessible(page, "my tasks, empty")
    follow(page.get_by_role("navigation", name="Work queues").get_by_role("link", name="My organisation’s tasks (1)"))
    row = page.locator("#tasks tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Queued transfer")
    expect(row).to_contain_text(f"Can be started from {timezone.localtime(opening):%a %-d %b at %H:%M}")
    assert_accessible(page, "my organisation's tasks, one queued transfer")

    # The filter: nothing overdue yet, then back to all.
    page.get_by_label("Overdue").check()
    follow(page.get_by_role("button", name="Apply filters"))
    expect(page.locator("main")).to_contain_text("No tasks match these filters")
    assert_accessible(page, "my organisation's tasks, filtered to nothing")
    follow(page.get_by_role("link", name="Clear filters").first)

    follow(page.locator("#tasks").get_by_role("link", name="Call back Grace Hopper"))
    expect(page.locator(".govuk-summary-list")).to_contain_text(context)
    assert_accessible(page, "queued transfer task")
    follow(page.get_by_role("button", name="Claim this task"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("You have claimed this task")
    assert_accessible(page, "queued transfer task, claimed")
    transfer.refresh_from_db()
    assert transfer.status == codes.TransferStatus.ACCEPTED and transfer.accepted_by == prime_adviser

    follow(page.get_by_role("button", name="Complete this task"))
    expect(page).to_have_title(title("Complete the task", site=WORKSPACE))
    assert_accessible(page, "complete the task, empty")
    follow(page.get_by_role("button", name="Complete task"))
    error_summary_says(page, "Enter a note of what was done")
    assert_accessible(page, "complete the task, with errors")
    page.get_by_label("What was done").fill("Called Grace; booked a session at the Westminster library on Thursday.")
    follow(page.get_by_role("button", name="Complete task"))

    expect(page).to_have_title(title("My tasks", site=WORKSPACE))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Task completed")
    assert_accessible(page, "my tasks after completing")
    transfer.refresh_from_db()
    assert transfer.status == codes.TransferStatus.CALLED_BACK and transfer.called_back_by == prime_adviser
    assert transfer.task.status == codes.TaskStatus.DONE

    # The incoming transfers page shows it called back.
    follow(page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Transfers"))
    expect(page.locator("#transfers")).to_contain_text("Called back")
    assert_accessible(page, "incoming transfers")
    follow(page.locator("#transfers").get_by_role("link", name="Grace Hopper"))
    expect(page.locator(".govuk-summary-list")).to_contain_text("booked a session")
    assert_accessible(page, "transfer detail, called back")
