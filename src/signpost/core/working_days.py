"""The working-day calendar (architecture.md §2, §4.6): office hours are Monday to Friday, 09:00 to
17:00 Europe/London, except bank holidays in England (from the ``holidays`` package, substitute
days included). One function per rule; every channel and service asks these.

Times come in as aware datetimes (stored in UTC) and are judged on the London clock, so a moment
in British Summer Time and one in winter are both compared with 09:00 and 17:00 local time.
"""

from __future__ import annotations

import datetime
from functools import cache
from zoneinfo import ZoneInfo

import holidays

LONDON = ZoneInfo("Europe/London")
OPENS = datetime.time(9, 0)
CLOSES = datetime.time(17, 0)
# Far enough to cross Christmas and New Year plus two weekends; a loop that goes further has a bug.
_LONGEST_CLOSURE_DAYS = 14


@cache
def _england_bank_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_bank_holiday(day: datetime.date) -> bool:
    """A bank holiday in England, including a substitute day when one falls at a weekend."""
    return day in _england_bank_holidays(day.year)


def is_working_day(day: datetime.date) -> bool:
    """Monday to Friday and not an English bank holiday."""
    return day.weekday() < 5 and not is_bank_holiday(day)


def london_time(moment: datetime.datetime) -> datetime.datetime:
    if moment.tzinfo is None:
        raise ValueError("Working-day rules need an aware datetime")
    return moment.astimezone(LONDON)


def is_within_office_hours(moment: datetime.datetime) -> bool:
    """On a working day, from 09:00 up to but not including 17:00 London time (17:00 is closed)."""
    local = london_time(moment)
    return is_working_day(local.date()) and OPENS <= local.time() < CLOSES


def _opening_on(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, OPENS, tzinfo=LONDON)


def next_working_day(day: datetime.date) -> datetime.date:
    """The first working day after ``day``."""
    for offset in range(1, _LONGEST_CLOSURE_DAYS + 1):
        candidate = day + datetime.timedelta(days=offset)
        if is_working_day(candidate):
            return candidate
    raise AssertionError(f"No working day within {_LONGEST_CLOSURE_DAYS} days of {day}")  # pragma: no cover


def next_opening(moment: datetime.datetime) -> datetime.datetime:
    """When the office next opens after ``moment``: 09:00 today if it is a working day and not yet
    9, otherwise 09:00 on the next working day. (During office hours this is tomorrow's opening;
    ask ``is_within_office_hours`` first.) Returned in London time."""
    local = london_time(moment)
    if is_working_day(local.date()) and local.time() < OPENS:
        return _opening_on(local.date())
    return _opening_on(next_working_day(local.date()))


def add_working_days(day: datetime.date, count: int) -> datetime.date:
    """``count`` working days after ``day`` (0: ``day`` itself), skipping weekends and bank holidays."""
    if count < 0:
        raise ValueError("count must not be negative")
    for _ in range(count):
        day = next_working_day(day)
    return day
