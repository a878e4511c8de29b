"""Every rule of plans and outcomes, at its boundaries: the same day, exactly 12 months, 12 months
and a day, 29 February."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from signpost.contacts import codes as contact_codes
from signpost.customers import codes as customer_codes
from signpost.customers.models import EmploymentStatus, PriorityGroupConfirmation
from signpost.plans import codes, rules
from signpost.plans.rules import Claim
from tests.factories import CustomerFactory

D = datetime.date
T = codes.OutcomeType


def refused(rule: Any, *args: Any, code: str, **kwargs: Any) -> str:
    with pytest.raises(ValidationError) as caught:
        rule(*args, **kwargs)
    assert caught.value.code == code, caught.value
    return str(caught.value.messages[0])


# Months ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2025, 3, 10), 12, D(2026, 3, 10)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2024, 2, 29), 48, D(2028, 2, 29)),
        (D(2025, 1, 31), 1, D(2025, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2024, 1, 31), 13, D(2025, 2, 28)),
        (D(2025, 12, 15), 13, D(2027, 1, 15)),
        (D(2025, 3, 31), -1, D(2025, 2, 28)),
        (D(2025, 2, 28), -12, D(2024, 2, 28)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_month_s_last(day: D, months: int, expected: D) -> None:
    assert rules.add_months(day, months) == expected


# Plans ----------------------------------------------------------------------------------------


def test_current_situation_is_required_on_an_adviser_s_plan_only_and_at_most_4000() -> None:
    assert refused(rules.validate_current_situation, "  ", required=True, code="required") == (
        "Enter the customer's current situation."
    )
    rules.validate_current_situation("", required=False)
    rules.validate_current_situation("x" * 4000, required=True)
    refused(rules.validate_current_situation, "x" * 4001, required=True, code="max_length")


def test_charter_needs_its_date_and_it_cannot_be_in_the_future() -> None:
    today = D(2026, 3, 1)
    refused(rules.validate_charter, True, None, today=today, code="charter_date_required")
    refused(rules.validate_charter, True, D(2026, 3, 2), today=today, code="future")
    rules.validate_charter(True, today, today=today)
    rules.validate_charter(False, None, today=today)


def test_summaries_are_required_and_at_most_2000() -> None:
    assert refused(rules.validate_summary, "", what="goal", code="required") == "Enter a summary of the goal."
    rules.validate_summary("x" * 2000, what="action")
    refused(rules.validate_summary, "x" * 2001, what="action", code="max_length")
    rules.validate_signposted_to("x" * 200)
    refused(rules.validate_signposted_to, "x" * 201, code="max_length")


def test_goal_due_on_or_after_captured() -> None:
    rules.validate_goal_dates(D(2026, 3, 1), D(2026, 3, 1))
    message = refused(rules.validate_goal_dates, D(2026, 3, 1), D(2026, 2, 28), code="due_before_captured")
    assert message == "The due date must be the same as or after the date the goal was captured (1 March 2026)."


def test_goal_due_dates_across_29_february() -> None:
    rules.validate_goal_dates(D(2024, 2, 29), D(2024, 2, 29))
    refused(rules.validate_goal_dates, D(2024, 2, 29), D(2024, 2, 28), code="due_before_captured")


def test_achieved_goal_has_a_date_between_capture_and_today() -> None:
    today, captured = D(2026, 3, 10), D(2026, 3, 1)
    achieved = codes.GoalStatus.ACHIEVED
    refused(
        rules.validate_goal_status, achieved, None, captured_on=captured, today=today, code="achieved_date_required"
    )
    refused(rules.validate_goal_status, achieved, D(2026, 3, 11), captured_on=captured, today=today, code="future")
    refused(
        rules.validate_goal_status,
        achieved,
        D(2026, 2, 28),
        captured_on=captured,
        today=today,
        code="achieved_before_captured",
    )
    rules.validate_goal_status(achieved, captured, captured_on=captured, today=today)
    rules.validate_goal_status(achieved, today, captured_on=captured, today=today)
    refused(
        rules.validate_goal_status,
        codes.GoalStatus.IN_PROGRESS,
        today,
        captured_on=captured,
        today=today,
        code="achieved_date_not_achieved",
    )
    rules.validate_goal_status(codes.GoalStatus.NO_LONGER_RELEVANT, None, captured_on=captured, today=today)


def test_action_due_on_or_after_agreed() -> None:
    rules.validate_action_dates(D(2026, 3, 1), D(2026, 3, 1))
    message = refused(rules.validate_action_dates, D(2026, 3, 1), D(2026, 2, 28), code="due_before_agreed")
    assert "(1 March 2026)" in message


def test_completed_action_has_a_date_between_agreement_and_today() -> None:
    today, agreed = D(2024, 2, 29), D(2024, 2, 28)
    done = codes.ActionStatus.COMPLETED
    refused(rules.validate_action_status, done, None, agreed_on=agreed, today=today, code="completed_date_required")
    refused(rules.validate_action_status, done, D(2024, 3, 1), agreed_on=agreed, today=today, code="future")
    refused(
        rules.validate_action_status,
        done,
        D(2024, 2, 27),
        agreed_on=agreed,
        today=today,
        code="completed_before_agreed",
    )
    rules.validate_action_status(done, D(2024, 2, 29), agreed_on=agreed, today=today)
    refused(
        rules.validate_action_status,
        codes.ActionStatus.IN_PROGRESS,
        today,
        agreed_on=agreed,
        today=today,
        code="completed_date_not_completed",
    )


def test_a_plan_is_accepted_once_and_never_the_customer_s_own() -> None:
    rules.validate_acceptance(made_by_customer=False, acknowledged=False)
    refused(rules.validate_acceptance, made_by_customer=False, acknowledged=True, code="already_accepted")
    refused(rules.validate_acceptance, made_by_customer=True, acknowledged=False, code="own_plan")


def test_plans_need_a_session_the_customer_has_a_place_in() -> None:
    status = contact_codes.SessionStatus
    rules.validate_session_for_plan(status.BOOKED)
    rules.validate_session_for_plan(status.ATTENDED)
    refused(rules.validate_session_for_plan, None, code="not_booked")
    for missed in (status.CANCELLED, status.DID_NOT_ATTEND, status.RESCHEDULED):
        refused(rules.validate_session_for_plan, missed, code="session_not_held")


def test_outcomes_need_a_session_the_customer_attended() -> None:
    status = contact_codes.SessionStatus
    rules.validate_session_for_outcome(status.ATTENDED)
    refused(rules.validate_session_for_outcome, None, code="not_booked")
    message = refused(rules.validate_session_for_outcome, status.BOOKED, code="session_not_attended")
    assert "Record their attendance first" in message


# Claim dates ----------------------------------------------------------------------------------


def test_claim_dates_not_in_the_future_and_claimed_on_or_after_effective() -> None:
    today = D(2026, 3, 10)
    rules.validate_claim_dates(today, today, today=today)
    rules.validate_claim_dates(D(2026, 3, 1), today, today=today)
    refused(rules.validate_claim_dates, D(2026, 3, 11), D(2026, 3, 11), today=today, code="effective_future")
    refused(rules.validate_claim_dates, D(2026, 3, 1), D(2026, 3, 11), today=today, code="claimed_future")
    message = refused(
        rules.validate_claim_dates, D(2026, 3, 5), D(2026, 3, 4), today=today, code="claimed_before_effective"
    )
    assert message == "The claimed date must be the same as or after the effective date (5 March 2026)."


# Effective-date windows -----------------------------------------------------------------------


@pytest.mark.parametrize("kind", [T.CUSTOMER_SATISFACTION, T.CAREER_MANAGEMENT, T.ACCREDITED_LEARNING])
def test_12_month_window_for_types_1_2_and_4(kind: int) -> None:
    session = D(2025, 3, 10)
    rules.validate_effective_window(kind, session_on=session, effective_on=session)
    rules.validate_effective_window(kind, session_on=session, effective_on=D(2026, 3, 10))  # exactly 12 months
    message = refused(
        rules.validate_effective_window, kind, session_on=session, effective_on=D(2026, 3, 11), code="outside_window"
    )
    assert "within 12 months of the session" in message
    assert "the last allowed effective date was 10 March 2026" in message


@pytest.mark.parametrize("kind", [T.SUSTAINABLE_EMPLOYMENT, T.CAREER_PROGRESSION])
def test_13_month_window_for_types_3_and_5(kind: int) -> None:
    session = D(2025, 3, 10)
    rules.validate_effective_window(kind, session_on=session, effective_on=D(2026, 3, 11))  # 12 months + 1 day
    rules.validate_effective_window(kind, session_on=session, effective_on=D(2026, 4, 10))  # exactly 13 months
    message = refused(
        rules.validate_effective_window, kind, session_on=session, effective_on=D(2026, 4, 11), code="outside_window"
    )
    assert "within 13 months" in message


def test_windows_from_29_february() -> None:
    leap = D(2024, 2, 29)
    rules.validate_effective_window(T.CUSTOMER_SATISFACTION, session_on=leap, effective_on=D(2025, 2, 28))
    refused(
        rules.validate_effective_window,
        T.CUSTOMER_SATISFACTION,
        session_on=leap,
        effective_on=D(2025, 3, 1),
        code="outside_window",
    )
    rules.validate_effective_window(T.CAREER_PROGRESSION, session_on=D(2024, 1, 31), effective_on=D(2025, 2, 28))
    refused(
        rules.validate_effective_window,
        T.CAREER_PROGRESSION,
        session_on=D(2024, 1, 31),
        effective_on=D(2025, 3, 1),
        code="outside_window",
    )


def test_an_outcome_cannot_take_effect_before_its_session() -> None:
    refused(
        rules.validate_effective_window,
        T.ACCREDITED_LEARNING,
        session_on=D(2025, 3, 10),
        effective_on=D(2025, 3, 9),
        code="effective_before_session",
    )


# Once in any 12 months ------------------------------------------------------------------------


def test_one_satisfaction_outcome_in_any_rolling_12_months_across_organisations() -> None:
    other = [Claim(T.CUSTOMER_SATISFACTION, D(2025, 3, 10), "North West careers")]
    message = refused(rules.validate_once_a_year, T.CUSTOMER_SATISFACTION, D(2026, 3, 9), other, code="once_a_year")
    assert "effective on 10 March 2025 (claimed by North West careers)" in message
    assert "no earlier than 10 March 2026" in message
    rules.validate_once_a_year(T.CUSTOMER_SATISFACTION, D(2026, 3, 10), other)  # exactly 12 months later
    rules.validate_once_a_year(T.CUSTOMER_SATISFACTION, D(2026, 3, 11), other)  # 12 months and a day
    # ... and before it, the same distance.
    rules.validate_once_a_year(T.CUSTOMER_SATISFACTION, D(2024, 3, 10), other)
    refused(rules.validate_once_a_year, T.CUSTOMER_SATISFACTION, D(2024, 3, 11), other, code="once_a_year")
    refused(rules.validate_once_a_year, T.CUSTOMER_SATISFACTION, D(2025, 3, 10), other, code="once_a_year")


def test_career_management_counts_apart_from_satisfaction_and_other_types_are_not_limited() -> None:
    other = [Claim(T.CUSTOMER_SATISFACTION, D(2025, 3, 10))]
    rules.validate_once_a_year(T.CAREER_MANAGEMENT, D(2025, 3, 10), other)
    refused(
        rules.validate_once_a_year,
        T.CAREER_MANAGEMENT,
        D(2025, 6, 1),
        [Claim(T.CAREER_MANAGEMENT, D(2025, 3, 10))],
        code="once_a_year",
    )
    rules.validate_once_a_year(T.ACCREDITED_LEARNING, D(2025, 3, 10), [Claim(T.ACCREDITED_LEARNING, D(2025, 3, 10))])


def test_once_a_year_from_29_february() -> None:
    other = [Claim(T.CAREER_MANAGEMENT, D(2024, 2, 29))]
    refused(rules.validate_once_a_year, T.CAREER_MANAGEMENT, D(2025, 2, 27), other, code="once_a_year")
    rules.validate_once_a_year(T.CAREER_MANAGEMENT, D(2025, 2, 28), other)


# Employment and career progression ------------------------------------------------------------


def test_sustainable_employment_may_not_directly_follow_career_progression() -> None:
    others = [Claim(T.CAREER_PROGRESSION, D(2025, 5, 1))]
    message = refused(
        rules.validate_employment_sequence, T.SUSTAINABLE_EMPLOYMENT, D(2025, 9, 1), others, code="employment_sequence"
    )
    assert message == (
        "A sustainable employment outcome cannot directly follow a career progression outcome, and this customer has a "
        "career progression outcome effective on 1 May 2025."
    )


def test_nor_the_reverse_nor_by_coming_before_it() -> None:
    others = [Claim(T.SUSTAINABLE_EMPLOYMENT, D(2025, 5, 1))]
    refused(rules.validate_employment_sequence, T.CAREER_PROGRESSION, D(2025, 9, 1), others, code="employment_sequence")
    message = refused(
        rules.validate_employment_sequence, T.CAREER_PROGRESSION, D(2025, 1, 1), others, code="employment_sequence"
    )
    assert "cannot directly come before" in message


def test_the_same_kind_again_or_other_outcomes_in_between_other_types_are_fine() -> None:
    rules.validate_employment_sequence(
        T.SUSTAINABLE_EMPLOYMENT, D(2025, 9, 1), [Claim(T.SUSTAINABLE_EMPLOYMENT, D(2025, 5, 1))]
    )
    # Only employment outcomes are in the sequence: a satisfaction outcome between does not break it.
    others = [Claim(T.CAREER_PROGRESSION, D(2025, 5, 1)), Claim(T.CUSTOMER_SATISFACTION, D(2025, 7, 1))]
    refused(
        rules.validate_employment_sequence, T.SUSTAINABLE_EMPLOYMENT, D(2025, 9, 1), others, code="employment_sequence"
    )
    # A sustainable employment between them separates a later career progression from the earlier one.
    others = [Claim(T.CAREER_PROGRESSION, D(2025, 1, 1)), Claim(T.SUSTAINABLE_EMPLOYMENT, D(2025, 5, 1))]
    rules.validate_employment_sequence(T.SUSTAINABLE_EMPLOYMENT, D(2025, 9, 1), others)
    rules.validate_employment_sequence(T.ACCREDITED_LEARNING, D(2025, 9, 1), others)


# Terminated records ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_no_claims_on_a_terminated_record_and_withdrawal_only_on_a_duplicate() -> None:
    live = CustomerFactory()
    rules.validate_claimable(live)
    rules.validate_withdrawable(live, already_withdrawn=False)
    refused(rules.validate_withdrawable, live, already_withdrawn=True, code="already_withdrawn")
    for reason in (customer_codes.TerminationReason.CUSTOMER_CHOICE, customer_codes.TerminationReason.DECEASED):
        closed = CustomerFactory(terminated_at=timezone.now(), termination_reason=reason)
        refused(rules.validate_claimable, closed, code="terminated")
        refused(rules.validate_withdrawable, closed, already_withdrawn=False, code="terminated")
    duplicate = CustomerFactory(
        terminated_at=timezone.now(), termination_reason=customer_codes.TerminationReason.DUPLICATE
    )
    refused(rules.validate_claimable, duplicate, code="terminated")
    rules.validate_withdrawable(duplicate, already_withdrawn=False)


# Priority -------------------------------------------------------------------------------------


@pytest.fixture
def staff(london: Any) -> Any:
    from signpost.accounts.roles import Role
    from tests.factories import make_staff

    return make_staff(Role.ADVISER, organisation=london, mfa=False)


@pytest.mark.django_db
def test_priority_from_a_confirmed_priority_group_at_the_effective_date(staff: Any) -> None:
    customer = CustomerFactory()
    assert rules.priority_reason(customer, D(2025, 6, 1)) == ""
    PriorityGroupConfirmation.objects.create(
        customer=customer,
        groups=[customer_codes.PriorityGroup.NOT_A_PRIORITY_CUSTOMER],
        confirmed_on=D(2025, 1, 1),
        confirmed_by=staff,
    )
    assert rules.priority_reason(customer, D(2025, 6, 1)) == ""
    PriorityGroupConfirmation.objects.create(
        customer=customer, groups=[2, 3], confirmed_on=D(2025, 6, 1), confirmed_by=staff
    )
    assert rules.priority_reason(customer, D(2025, 6, 1)) == "Priority group 2, 3"
    assert rules.priority_reason(customer, D(2025, 5, 31)) == ""


@pytest.mark.django_db
def test_priority_from_a_government_defined_economic_shock_in_the_12_months_before(staff: Any) -> None:
    customer = CustomerFactory()
    EmploymentStatus.objects.create(
        customer=customer,
        recorded_on=D(2024, 2, 29),
        status=customer_codes.EmploymentStatusCode.UNEMPLOYED_DUE_TO_REDUNDANCY,
        economic_shock=customer_codes.EconomicShock.GOVERNMENT_DEFINED,
    )
    assert rules.priority_reason(customer, D(2024, 2, 29)) == "Government-defined economic shock"
    assert rules.priority_reason(customer, D(2025, 2, 28)) == "Government-defined economic shock"  # 12 months
    assert rules.priority_reason(customer, D(2025, 3, 1)) == ""  # 12 months and a day
    assert rules.priority_reason(customer, D(2024, 2, 28)) == ""  # before it was recorded
    local = CustomerFactory()
    EmploymentStatus.objects.create(
        customer=local,
        recorded_on=D(2025, 1, 1),
        status=customer_codes.EmploymentStatusCode.UNEMPLOYED,
        economic_shock=customer_codes.EconomicShock.LOCAL,
    )
    assert rules.priority_reason(local, D(2025, 2, 1)) == ""


def test_payment_period_ends_on_or_after_it_starts() -> None:
    rules.validate_payment_period(D(2026, 3, 1), D(2026, 3, 1))
    refused(rules.validate_payment_period, D(2026, 3, 2), D(2026, 3, 1), code="end_before_start")
