"""Retention (domain.md §9): complete financial years without contact, the dry run, the job."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from signpost.accounts.roles import Role
from signpost.contacts import codes as contact_codes
from signpost.contacts.models import Interaction
from signpost.core import scheduling
from signpost.core.models import AuditEvent
from signpost.customers.models import Customer
from signpost.data_protection import rules, selectors, services
from signpost.data_protection.models import Anonymisation
from tests.factories import CustomerFactory, make_staff

LONDON = ZoneInfo("Europe/London")
day = datetime.date


@pytest.mark.parametrize(
    ("on", "start"),
    [
        (day(2025, 3, 31), day(2024, 4, 1)),
        (day(2025, 4, 1), day(2025, 4, 1)),
        (day(2025, 4, 5), day(2025, 4, 1)),  # not the tax year
        (day(2025, 12, 31), day(2025, 4, 1)),
        (day(2026, 1, 1), day(2025, 4, 1)),
    ],
)
def test_financial_years_start_on_1_april(on: datetime.date, start: datetime.date) -> None:
    assert rules.financial_year_start(on) == start


@pytest.mark.parametrize(
    ("today", "cutoff"),
    [
        (day(2025, 4, 1), day(2019, 4, 1)),
        (day(2025, 3, 31), day(2018, 4, 1)),
        (day(2026, 2, 10), day(2019, 4, 1)),
    ],
)
def test_the_cutoff_leaves_six_complete_financial_years(today: datetime.date, cutoff: datetime.date) -> None:
    assert rules.retention_cutoff(today) == cutoff


def test_the_period_comes_from_the_setting(settings: Any) -> None:
    settings.RETENTION_FINANCIAL_YEARS = 2
    assert rules.retention_cutoff(day(2025, 4, 1)) == day(2023, 4, 1)
    with pytest.raises(ValueError, match="at least one"):
        rules.retention_cutoff(day(2025, 4, 1), complete_years=0)


@pytest.mark.parametrize(
    ("last_contact", "today", "years"),
    [
        (day(2019, 3, 31), day(2025, 4, 1), 6),
        (day(2019, 3, 31), day(2025, 3, 31), 5),
        (day(2019, 4, 1), day(2025, 4, 1), 5),
        (day(2025, 1, 1), day(2025, 2, 1), 0),
    ],
)
def test_complete_financial_years_between(last_contact: datetime.date, today: datetime.date, years: int) -> None:
    assert rules.complete_financial_years_between(last_contact, today) == years


@pytest.fixture
def adviser(london: Any) -> Any:
    return make_staff(Role.ADVISER, organisation=london)


def customer_last_seen(adviser: Any, when: datetime.datetime | None, *, registered: datetime.date) -> Customer:
    customer = CustomerFactory(date_registered=registered)
    if when is not None:
        for moment in (when - datetime.timedelta(days=400), when):
            Interaction.objects.create(
                customer=customer,
                channel=contact_codes.Channel.TELEPHONE,
                interaction_type=contact_codes.InteractionType.TELEPHONE_CALL,
                occurred_at=moment,
                adviser=adviser,
                organisation=adviser.organisation,
                reason=contact_codes.ReasonForContact.GENERAL_INFORMATION,
                service_level=contact_codes.ServiceLevel.INFORMATION,
                summary="Asked about courses",
            )
    return customer


@pytest.mark.django_db
def test_selection_boundaries(adviser: Any) -> None:
    registered = day(2017, 6, 1)
    # Last contact late on the last day of 2018-19, London time (BST: 23:30 is 22:30 UTC).
    last_day = customer_last_seen(adviser, datetime.datetime(2019, 3, 31, 23, 30, tzinfo=LONDON), registered=registered)
    # Just after midnight on the first day of 2019-20.
    first_day = customer_last_seen(adviser, datetime.datetime(2019, 4, 1, 0, 5, tzinfo=LONDON), registered=registered)
    never_contacted = customer_last_seen(adviser, None, registered=day(2019, 3, 31))
    recent = customer_last_seen(adviser, datetime.datetime(2024, 5, 1, 10, 0, tzinfo=LONDON), registered=registered)

    on_the_day = {candidate.pk for candidate in selectors.retention_report(day(2025, 4, 1))}
    assert on_the_day == {last_day.pk, never_contacted.pk}
    # A day earlier, only five complete financial years have passed for anyone.
    assert selectors.retention_report(day(2025, 3, 31)) == []
    assert first_day.pk not in on_the_day and recent.pk not in on_the_day

    report = {candidate.pk: candidate for candidate in selectors.retention_report(day(2025, 4, 1))}
    assert report[last_day.pk].last_contact == day(2019, 3, 31)
    assert report[last_day.pk].complete_years == 6
    assert "last contact on 31/03/2019, 6 complete financial years" in report[last_day.pk].why
    assert report[never_contacted.pk].registered_only
    assert report[never_contacted.pk].why.startswith("registered on 31/03/2019")


@pytest.mark.django_db
def test_anonymised_and_held_records_are_not_selected(adviser: Any, national: Any) -> None:
    old = datetime.datetime(2015, 5, 1, 10, 0, tzinfo=LONDON)
    anonymised = customer_last_seen(adviser, old, registered=day(2014, 1, 1))
    held = customer_last_seen(adviser, old, registered=day(2014, 1, 1))
    due = customer_last_seen(adviser, old, registered=day(2014, 1, 1))
    services.customer_anonymise(
        actor=make_staff(Role.SYSTEM_ADMINISTRATOR, organisation=national), customer=anonymised, reason=1
    )
    selectors.register_retention_hold("test hold", lambda: Customer.objects.filter(pk=held.pk).values_list("pk"))
    try:
        assert [candidate.pk for candidate in selectors.retention_report(day(2025, 4, 1))] == [due.pk]
    finally:
        selectors.unregister_retention_hold("test hold")


@pytest.mark.django_db
def test_the_dry_run_reports_and_changes_nothing(adviser: Any, capsys: Any) -> None:
    old = customer_last_seen(adviser, datetime.datetime(2010, 5, 1, 10, 0, tzinfo=LONDON), registered=day(2009, 1, 1))
    current = customer_last_seen(adviser, datetime.datetime.now(tz=LONDON), registered=day(2009, 1, 1))
    names = dict(Customer.objects.values_list("pk", "family_name"))
    events = AuditEvent.objects.count()

    call_command("retention", "--dry-run")

    out = capsys.readouterr().out
    assert "6 complete financial years (1 April to 31 March)" in out
    assert "Dry run: 1 record(s) would be anonymised. Nothing has been changed." in out
    assert old.reference in out and "last contact on 01/05/2010" in out
    assert current.reference not in out
    # Nothing changed: no anonymisation, names as they were, no audit event.
    assert not Anonymisation.objects.exists()
    assert dict(Customer.objects.values_list("pk", "family_name")) == names
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_the_run_anonymises_in_batches_with_progress(adviser: Any, capsys: Any) -> None:
    due = [
        customer_last_seen(adviser, datetime.datetime(2012, 5, 1, 10, 0, tzinfo=LONDON), registered=day(2011, 1, 1))
        for _ in range(3)
    ]
    kept = customer_last_seen(adviser, datetime.datetime.now(tz=LONDON), registered=day(2011, 1, 1))

    call_command("retention", "--batch-size", "2")

    out = capsys.readouterr().out
    assert "Anonymised 2 of 3" in out and "Anonymised 3 of 3" in out
    assert "Retention finished: 3 record(s) anonymised." in out
    assert set(Anonymisation.objects.values_list("customer_id", flat=True)) == {customer.pk for customer in due}
    assert Anonymisation.objects.filter(anonymised_by__isnull=True, reason=2).count() == 3
    assert Customer.objects.get(pk=kept.pk).family_name == kept.family_name
    run = AuditEvent.objects.get(action="retention.run")
    assert run.details == {"selected": 3, "anonymised": 3}
    # Run again: nothing left to do.
    call_command("retention")
    assert "Retention finished: 0 record(s) anonymised." in capsys.readouterr().out


def test_retention_is_a_daily_scheduled_job() -> None:
    jobs = {job.name: job for job in scheduling.registered_jobs()}
    first = jobs["retention"].next_after(datetime.datetime(2026, 6, 1, 12, 0, tzinfo=LONDON))
    assert jobs["retention"].next_after(first) - first == datetime.timedelta(days=1)
    assert "subject-access-exports-expiry" in jobs


@pytest.mark.django_db
def test_the_retention_task_does_nothing_when_switched_off(adviser: Any, settings: Any) -> None:
    from signpost.data_protection.tasks import run_retention

    customer_last_seen(adviser, datetime.datetime(2012, 5, 1, 10, 0, tzinfo=LONDON), registered=day(2011, 1, 1))
    settings.RETENTION_JOB_ENABLED = False
    assert run_retention.call() == 0
    assert not Anonymisation.objects.exists()
    settings.RETENTION_JOB_ENABLED = True
    assert run_retention.call() == 1
