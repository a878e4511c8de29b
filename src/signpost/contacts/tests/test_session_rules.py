"""The advice-session rules at their boundaries (session_rules)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from signpost.contacts import codes
from signpost.contacts import session_rules as rules
from signpost.customers import codes as customer_codes

C = codes.EligibilityCircumstance
CALL = timezone.make_aware(datetime.datetime(2025, 3, 7, 16, 30))


def decide(age, circumstance=C.NONE, used=0, priority=False):
    return rules.free_session_decision(
        age=age, circumstance=circumstance, free_sessions_used=used, priority_group=priority
    )


@pytest.mark.parametrize(
    ("age", "circumstance", "eligible"),
    [
        (19, C.NONE, True),
        (18, C.NONE, False),
        (18, C.JOBCENTRE_PLUS, True),
        (18, C.IN_CUSTODY, True),
        (17, C.JOBCENTRE_PLUS, False),
        (17, C.IN_CUSTODY, False),
        (64, C.NONE, True),
    ],
)
def test_adults_are_19_or_18_for_jobcentre_plus_or_custody(age, circumstance, eligible):
    decision = decide(age, circumstance)
    assert decision.eligible is eligible
    if eligible:
        assert decision.basis == codes.EligibilityBasis.FIRST_FREE_SESSION
    else:
        assert decision.basis is None and decision.reason


def test_an_18_year_old_is_told_why_18_is_not_enough():
    assert "Jobcentre Plus" in decide(18).reason


def test_no_date_of_birth_cannot_be_checked():
    decision = decide(None)
    assert not decision.eligible and "date of birth" in decision.reason


def test_one_free_session_then_only_for_a_priority_group():
    assert decide(30, used=1).eligible is False
    second = decide(30, used=1, priority=True)
    assert second.eligible and second.basis == codes.EligibilityBasis.PRIORITY_GROUP
    assert decide(30, used=5, priority=True).eligible


@pytest.mark.parametrize(
    ("groups", "priority"),
    [
        ([], False),
        ([customer_codes.PriorityGroup.NOT_KNOWN], False),
        ([customer_codes.PriorityGroup.NOT_A_PRIORITY_CUSTOMER], False),
        ([customer_codes.PriorityGroup.LOW_SKILLED], True),
        ([customer_codes.PriorityGroup.SINGLE_PARENT, customer_codes.PriorityGroup.SEND], True),
    ],
)
def test_not_known_and_not_a_priority_customer_are_not_priority_groups(groups, priority):
    assert rules.in_priority_group(groups) is priority


def test_24_hours_exactly_is_within_the_telephone_window_and_a_minute_more_is_not():
    exactly = CALL + datetime.timedelta(hours=24)
    assert not rules.telephone_session_late(information_call_at=CALL, starts_at=exactly)
    assert rules.telephone_session_late(information_call_at=CALL, starts_at=exactly + datetime.timedelta(minutes=1))
    assert not rules.telephone_session_late(information_call_at=CALL, starts_at=CALL)


def test_the_warning_names_the_deadline_unless_the_customer_asked_for_later():
    late = CALL + datetime.timedelta(hours=24, minutes=1)
    warning = rules.telephone_session_warning(information_call_at=CALL, starts_at=late, later_time_requested=False)
    assert "8 March 2025 at 16:30" in warning
    assert rules.telephone_session_warning(information_call_at=CALL, starts_at=late, later_time_requested=True) == ""
    on_time = CALL + datetime.timedelta(hours=2)
    assert (
        rules.telephone_session_warning(information_call_at=CALL, starts_at=on_time, later_time_requested=False) == ""
    )


@override_settings(ADVICE_SESSION_PUBLIC_FUNDING_RATE=Decimal("45.00"))
@pytest.mark.parametrize(
    ("fee", "message"),
    [
        (None, "Enter the fee"),
        (Decimal("0"), "more than £0"),
        (Decimal("-1"), "more than £0"),
        (Decimal("45.01"), "£45.00 or less"),
        (Decimal("10.005"), "pounds and pence"),
    ],
)
def test_a_fee_is_more_than_nothing_and_never_above_the_public_funding_rate(fee, message):
    with pytest.raises(ValidationError) as raised:
        rules.validate_fee(fee)
    assert message in raised.value.messages[0]


@override_settings(ADVICE_SESSION_PUBLIC_FUNDING_RATE=Decimal("45.00"))
def test_the_fee_may_equal_the_public_funding_rate():
    assert rules.validate_fee(Decimal("45.00")) == Decimal("45.00")
    assert "£45.00" in rules.alternatives_to_a_free_session()[2].description


def test_session_times():
    now = timezone.make_aware(datetime.datetime(2025, 3, 7, 12))
    assert rules.validate_session_times(starts_at=now, duration_minutes=60, now=now) == {}
    past = rules.validate_session_times(starts_at=now - datetime.timedelta(minutes=16), duration_minutes=60, now=now)
    assert past == {"starts_at": ["The session must start now or in the future"]}
    far = rules.validate_session_times(starts_at=now + datetime.timedelta(days=367), duration_minutes=60, now=now)
    assert "12 months" in far["starts_at"][0]
    assert "duration_minutes" in rules.validate_session_times(starts_at=now, duration_minutes=5, now=now)
    assert "duration_minutes" in rules.validate_session_times(starts_at=now, duration_minutes=481, now=now)


def test_attendance_is_recorded_once_the_session_has_started():
    now = timezone.make_aware(datetime.datetime(2025, 3, 7, 12))
    assert rules.attendance_can_be_recorded(now - datetime.timedelta(hours=1), now)
    assert not rules.attendance_can_be_recorded(now + datetime.timedelta(hours=1), now)


def test_only_a_booked_place_can_change():
    assert rules.can_change(codes.SessionStatus.BOOKED)
    assert not any(rules.can_change(status) for status in codes.CLOSED_SESSION_STATUSES)
