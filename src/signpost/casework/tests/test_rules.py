"""The casework rules at their boundaries: transfer timing around closing time and bank holidays,
follow-up windows either side of the 16th birthday, eligibility, callback times."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from signpost.casework import codes, rules
from signpost.contacts import codes as contact_codes
from signpost.core.working_days import LONDON
from signpost.customers import codes as customer_codes
from signpost.customers.models import Customer

FRIDAY_BEFORE_BANK_HOLIDAY = datetime.date(2025, 8, 22)  # Monday 25 August 2025 is a bank holiday
TUESDAY_AFTER = datetime.date(2025, 8, 26)
MONDAY = datetime.date(2025, 9, 1)
ADVICE, INFORMATION = contact_codes.ServiceLevel.ADVICE, contact_codes.ServiceLevel.INFORMATION


def london(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=LONDON)


def test_a_transfer_at_1659_on_the_friday_before_a_bank_holiday_goes_straight_to_the_prime():
    requested = london(FRIDAY_BEFORE_BANK_HOLIDAY, 16, 59)
    timing = rules.transfer_timing(requested)
    assert timing == rules.TransferTiming(False, requested, requested + datetime.timedelta(hours=24))


def test_a_transfer_at_1700_on_the_friday_before_a_bank_holiday_waits_for_tuesday():
    timing = rules.transfer_timing(london(FRIDAY_BEFORE_BANK_HOLIDAY, 17, 0))
    assert timing.queued
    assert timing.available_from == london(TUESDAY_AFTER, 9)
    assert timing.due_at == london(datetime.date(2025, 8, 27), 9)  # within 24 hours of opening


def test_a_transfer_at_0859_on_a_monday_waits_until_nine_that_morning():
    timing = rules.transfer_timing(london(MONDAY, 8, 59))
    assert timing.queued and timing.available_from == london(MONDAY, 9)
    assert timing.due_at == london(MONDAY + datetime.timedelta(days=1), 9)


def test_a_transfer_at_0900_on_a_monday_goes_straight_to_the_prime():
    assert not rules.transfer_timing(london(MONDAY, 9, 0)).queued


def test_a_weekend_transfer_waits_for_monday():
    timing = rules.transfer_timing(london(datetime.date(2025, 8, 30), 11))
    assert timing.queued and timing.available_from == london(MONDAY, 9)


def young(born: datetime.date, **fields) -> Customer:
    return Customer(given_name="Sam", family_name="Young", date_of_birth=born, **fields)


CONTACT_DAY = datetime.date(2025, 6, 10)


@pytest.mark.parametrize(
    ("born", "weeks"),
    [
        (datetime.date(2009, 6, 11), (4, 6)),  # 16th birthday tomorrow: still 15
        (datetime.date(2009, 6, 10), (12, 14)),  # 16th birthday today
        (datetime.date(2009, 6, 9), (12, 14)),
        (datetime.date(2011, 1, 1), (4, 6)),  # 14
    ],
)
def test_youth_follow_up_window_turns_on_the_16th_birthday(born, weeks):
    customer = young(born)
    service = rules.follow_up_service(customer, INFORMATION, CONTACT_DAY)
    assert service == codes.FollowUpService.YOUTH
    opens, closes = rules.follow_up_windows(service, customer, CONTACT_DAY)[0]
    assert (opens, closes) == (
        CONTACT_DAY + datetime.timedelta(weeks=weeks[0]),
        CONTACT_DAY + datetime.timedelta(weeks=weeks[1]),
    )


def test_youth_follow_up_is_one_call():
    customer = young(datetime.date(2008, 1, 1))
    assert len(rules.follow_up_windows(codes.FollowUpService.YOUTH, customer, CONTACT_DAY)) == 1


def test_a_leap_day_birthday_turns_16_on_the_first_of_march():
    customer = young(datetime.date(2008, 2, 29))
    assert rules.follow_up_windows(codes.FollowUpService.YOUTH, customer, datetime.date(2024, 2, 28))[0][0] == (
        datetime.date(2024, 2, 28) + datetime.timedelta(weeks=4)
    )
    assert rules.follow_up_windows(codes.FollowUpService.YOUTH, customer, datetime.date(2024, 2, 29))[0][0] == (
        datetime.date(2024, 2, 29) + datetime.timedelta(weeks=12)
    )


@pytest.mark.parametrize(
    ("born", "service_level", "expected"),
    [
        (datetime.date(2006, 6, 11), INFORMATION, codes.FollowUpService.YOUTH),  # 18, 19 tomorrow
        (datetime.date(2006, 6, 10), INFORMATION, None),  # 19 today, information only
        (datetime.date(2006, 6, 10), ADVICE, codes.FollowUpService.ADULT_ADVICE),
        (datetime.date(1970, 1, 1), ADVICE, codes.FollowUpService.ADULT_ADVICE),
    ],
)
def test_who_is_eligible_for_follow_up_calls(born, service_level, expected):
    assert rules.follow_up_service(young(born), service_level, CONTACT_DAY) == expected


def test_without_a_date_of_birth_the_customer_type_decides():
    person = Customer(given_name="A", family_name="B", customer_type=customer_codes.CustomerType.YOUNG_PERSON)
    assert rules.follow_up_service(person, INFORMATION, CONTACT_DAY) == codes.FollowUpService.YOUTH
    assert rules.follow_up_windows(codes.FollowUpService.YOUTH, person, CONTACT_DAY)[0][0] == (
        CONTACT_DAY + datetime.timedelta(weeks=4)
    )
    adult = Customer(given_name="A", family_name="B")
    assert rules.follow_up_service(adult, INFORMATION, CONTACT_DAY) is None


def test_adults_in_the_advice_service_get_three_call_backs_in_order():
    adult = young(datetime.date(1980, 1, 1))
    windows = rules.follow_up_windows(codes.FollowUpService.ADULT_ADVICE, adult, CONTACT_DAY)
    assert len(windows) == 3
    assert all(opens < closes for opens, closes in windows)
    assert windows[0][1] < windows[1][0] < windows[1][1] < windows[2][0]


def test_transfer_context_is_required_and_at_most_2000_characters():
    rules.validate_transfer_context("x" * 2000)
    with pytest.raises(ValidationError, match="2,000 characters or fewer"):
        rules.validate_transfer_context("x" * 2001)
    with pytest.raises(ValidationError, match="Enter why"):
        rules.validate_transfer_context("   ")


def test_requested_callback_is_in_the_future_within_four_weeks():
    now = london(MONDAY, 10)
    rules.validate_requested_callback(None, now)
    rules.validate_requested_callback(now + datetime.timedelta(days=28), now)
    with pytest.raises(ValidationError, match="future"):
        rules.validate_requested_callback(now, now)
    with pytest.raises(ValidationError, match="within 4 weeks"):
        rules.validate_requested_callback(now + datetime.timedelta(days=28, minutes=1), now)


def test_callback_time_is_not_in_the_future_nor_before_acceptance():
    now = london(MONDAY, 10)
    rules.validate_callback_time(now, now - datetime.timedelta(hours=1), now)
    with pytest.raises(ValidationError, match="now or in the past"):
        rules.validate_callback_time(now + datetime.timedelta(minutes=6), None, now)
    with pytest.raises(ValidationError, match="before the transfer was accepted"):
        rules.validate_callback_time(now - datetime.timedelta(hours=2), now - datetime.timedelta(hours=1), now)
