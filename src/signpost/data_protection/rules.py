"""The rules of data protection, one function each (architecture.md §4.4)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied

from signpost.accounts.rules import has_national_scope

# The financial year of the public bodies that fund the service runs 1 April to 31 March (not the
# tax year, 6 April to 5 April): the national service's retention counted these years.
FINANCIAL_YEAR_START_MONTH = 4
FINANCIAL_YEAR_START_DAY = 1
# How long a ready export can be downloaded before the archive is deleted.
EXPORT_KEPT_FOR = datetime.timedelta(days=7)


def financial_year_start(day: datetime.date) -> datetime.date:
    """The first day of the financial year that ``day`` falls in."""
    start = datetime.date(day.year, FINANCIAL_YEAR_START_MONTH, FINANCIAL_YEAR_START_DAY)
    return start if day >= start else start.replace(year=day.year - 1)


def retention_cutoff(today: datetime.date, complete_years: int | None = None) -> datetime.date:
    """Customers whose last contact was before this day have had ``complete_years`` whole financial
    years without contact (domain.md §9: six by default).

    The years counted are the complete ones between the contact and today: the financial year of
    the contact and the current one do not count. A contact on 31 March 2019 (the last day of
    2018-19) is followed by six complete years, 2019-20 to 2024-25, on 1 April 2025.
    """
    years = settings.RETENTION_FINANCIAL_YEARS if complete_years is None else complete_years
    if years < 1:
        raise ValueError("The retention period is at least one complete financial year.")
    current = financial_year_start(today)
    return current.replace(year=current.year - years)


def complete_financial_years_between(last_contact: datetime.date, today: datetime.date) -> int:
    """Whole financial years after the one of ``last_contact`` and before the current one."""
    return max(0, financial_year_start(today).year - financial_year_start(last_contact).year - 1)


def ensure_may_act_for_the_whole_service(actor: object) -> None:
    """Subject access exports and anonymisation answer for the whole national record, so only an
    administrator with national scope may do them (an area's administrator cannot)."""
    if not has_national_scope(actor):
        raise PermissionDenied("Only the national service's administrators can do this.")
