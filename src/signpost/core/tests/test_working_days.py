"""The working-day calendar: office hours Monday to Friday 09:00 to 17:00 London time, no English
bank holidays. Boundaries at the minute, across a bank holiday weekend and the clock change."""

from __future__ import annotations

import datetime

import pytest

from signpost.core import working_days
from signpost.core.working_days import LONDON

# Friday 22 August 2025; Monday 25 August is the late summer bank holiday.
FRIDAY_BEFORE_BANK_HOLIDAY = datetime.date(2025, 8, 22)
BANK_HOLIDAY_MONDAY = datetime.date(2025, 8, 25)
TUESDAY_AFTER = datetime.date(2025, 8, 26)


def london(day: datetime.date, hour: int, minute: int = 0, second: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute, second), tzinfo=LONDON)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2025, 12, 25), True),
        (datetime.date(2025, 12, 26), True),
        (BANK_HOLIDAY_MONDAY, True),
        (datetime.date(2026, 12, 28), True),  # Boxing Day falls on a Saturday: the substitute Monday
        (datetime.date(2025, 3, 17), False),  # St Patrick's Day is Northern Ireland's, not England's
        (datetime.date(2025, 11, 30), False),  # St Andrew's Day is Scotland's
        (FRIDAY_BEFORE_BANK_HOLIDAY, False),
    ],
)
def test_bank_holidays_are_englands(day, expected):
    assert working_days.is_bank_holiday(day) is expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (FRIDAY_BEFORE_BANK_HOLIDAY, True),
        (datetime.date(2025, 8, 23), False),  # Saturday
        (datetime.date(2025, 8, 24), False),  # Sunday
        (BANK_HOLIDAY_MONDAY, False),
        (TUESDAY_AFTER, True),
    ],
)
def test_working_days_are_weekdays_that_are_not_bank_holidays(day, expected):
    assert working_days.is_working_day(day) is expected


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (london(datetime.date(2025, 9, 1), 8, 59, 59), False),  # Monday 08:59:59
        (london(datetime.date(2025, 9, 1), 9, 0), True),  # opening minute
        (london(FRIDAY_BEFORE_BANK_HOLIDAY, 16, 59), True),
        (london(FRIDAY_BEFORE_BANK_HOLIDAY, 16, 59, 59), True),
        (london(FRIDAY_BEFORE_BANK_HOLIDAY, 17, 0), False),  # closing time is closed
        (london(BANK_HOLIDAY_MONDAY, 12, 0), False),
        (london(datetime.date(2025, 8, 23), 12, 0), False),
    ],
)
def test_office_hours_are_nine_to_five_on_working_days(moment, expected):
    assert working_days.is_within_office_hours(moment) is expected


def test_office_hours_are_judged_on_the_london_clock_in_summer_and_winter():
    # 08:30 UTC is 09:30 in British Summer Time (open) but 08:30 in winter (closed).
    assert working_days.is_within_office_hours(datetime.datetime(2025, 7, 1, 8, 30, tzinfo=datetime.UTC))
    assert not working_days.is_within_office_hours(datetime.datetime(2025, 12, 1, 8, 30, tzinfo=datetime.UTC))
    # 16:30 UTC in summer is 17:30 in London: closed.
    assert not working_days.is_within_office_hours(datetime.datetime(2025, 7, 1, 16, 30, tzinfo=datetime.UTC))


def test_a_naive_time_is_refused():
    with pytest.raises(ValueError, match="aware"):
        working_days.is_within_office_hours(datetime.datetime(2025, 9, 1, 10, 0))


@pytest.mark.parametrize(
    ("moment", "opening"),
    [
        # Friday before a bank holiday Monday: after 17:00 the next opening is Tuesday 09:00.
        (london(FRIDAY_BEFORE_BANK_HOLIDAY, 17, 0), london(TUESDAY_AFTER, 9)),
        (london(FRIDAY_BEFORE_BANK_HOLIDAY, 16, 59), london(TUESDAY_AFTER, 9)),
        (london(BANK_HOLIDAY_MONDAY, 8, 0), london(TUESDAY_AFTER, 9)),
        # Before opening on a working day: the same morning.
        (london(datetime.date(2025, 9, 1), 8, 59), london(datetime.date(2025, 9, 1), 9)),
        # Christmas Eve evening 2025 (Wednesday): Thursday and Friday are bank holidays, then a weekend.
        (london(datetime.date(2025, 12, 24), 18, 0), london(datetime.date(2025, 12, 29), 9)),
        # The clocks go forward on Sunday 30 March 2025: Monday opening is 09:00 BST (08:00 UTC).
        (london(datetime.date(2025, 3, 28), 20, 0), london(datetime.date(2025, 3, 31), 9)),
    ],
)
def test_next_opening(moment, opening):
    assert working_days.next_opening(moment) == opening


def test_next_opening_in_summer_time_is_eight_utc():
    opening = working_days.next_opening(london(datetime.date(2025, 3, 28), 20, 0))
    assert opening.astimezone(datetime.UTC) == datetime.datetime(2025, 3, 31, 8, 0, tzinfo=datetime.UTC)


def test_adding_working_days_skips_weekends_and_bank_holidays():
    assert working_days.add_working_days(FRIDAY_BEFORE_BANK_HOLIDAY, 0) == FRIDAY_BEFORE_BANK_HOLIDAY
    assert working_days.add_working_days(FRIDAY_BEFORE_BANK_HOLIDAY, 1) == TUESDAY_AFTER
    assert working_days.add_working_days(FRIDAY_BEFORE_BANK_HOLIDAY, 4) == datetime.date(2025, 8, 29)
    with pytest.raises(ValueError):
        working_days.add_working_days(FRIDAY_BEFORE_BANK_HOLIDAY, -1)
