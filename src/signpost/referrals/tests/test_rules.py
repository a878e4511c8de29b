"""Each rule of the partner directory and of referrals, with its edges."""

from __future__ import annotations

import datetime
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from signpost.accounts.roles import Role
from signpost.customers.rules import CustomerTerminated
from signpost.organisations.models import Area, Organisation
from signpost.referrals import codes, rules
from signpost.referrals.models import Partner
from tests.factories import CustomerFactory, make_staff

Status = codes.ReferralStatus
Kind = codes.ReferralKind
TODAY = datetime.date(2026, 3, 2)


def code_of(call: Any) -> str:
    with pytest.raises(ValidationError) as raised:
        call()
    return str(raised.value.code)


def partner(**fields: Any) -> Partner:
    return Partner(name="Harbour Housing Help", help_with="Housing", **fields)


# The directory ---------------------------------------------------------------------------------


def test_categories_need_at_least_one_from_the_list():
    assert rules.validate_partner_categories([11, 1, 11]) == [1, 11]
    assert code_of(lambda: rules.validate_partner_categories([])) == "no_category"
    assert code_of(lambda: rules.validate_partner_categories([16])) == "unknown_category"


def test_areas_are_all_of_england_or_some_areas_never_both():
    assert rules.validate_partner_areas(serves_all_england=True, areas=[]) == []
    assert rules.validate_partner_areas(serves_all_england=False, areas=[109, 103]) == [103, 109]
    assert code_of(lambda: rules.validate_partner_areas(serves_all_england=False, areas=[])) == "no_area"
    assert code_of(lambda: rules.validate_partner_areas(serves_all_england=True, areas=[103])) == "national_and_areas"
    assert code_of(lambda: rules.validate_partner_areas(serves_all_england=False, areas=[110])) == "unknown_area"


@pytest.mark.parametrize(
    ("phone", "email", "website"),
    [("+442079460000", "", ""), ("", "a@example.org", ""), ("", "", "https://example.org")],
)
def test_one_way_to_contact_a_partner_is_enough(phone, email, website):
    rules.validate_partner_contact(phone=phone, email=email, website=website)


def test_a_partner_nobody_can_reach_is_refused():
    assert code_of(lambda: rules.validate_partner_contact(phone="", email="", website="")) == "no_contact"


@pytest.mark.django_db
def test_national_staff_manage_every_partner(national: Organisation):
    leader = make_staff(Role.TEAM_LEADER, organisation=national, mfa=False)
    assert rules.can_manage_partners(leader)
    assert rules.can_manage_partner(leader, serves_all_england=True, areas=[])
    assert rules.can_manage_partner(leader, serves_all_england=False, areas=[Area.SOUTH_WEST])


@pytest.mark.django_db
def test_area_staff_manage_the_partners_of_their_own_area_only(london: Organisation):
    manager = make_staff(Role.MANAGER, organisation=london, mfa=False)
    assert rules.can_manage_partner(manager, serves_all_england=False, areas=[Area.LONDON, Area.SOUTH_EAST])
    assert not rules.can_manage_partner(manager, serves_all_england=False, areas=[Area.SOUTH_EAST])
    assert not rules.can_manage_partner(manager, serves_all_england=True, areas=[])
    with pytest.raises(ValidationError) as raised:
        rules.validate_partner_areas_manageable(manager, serves_all_england=False, areas=[Area.SOUTH_EAST])
    assert raised.value.code == "outside_area"
    with pytest.raises(ValidationError) as raised:
        rules.validate_partner_areas_manageable(manager, serves_all_england=True, areas=[])
    assert raised.value.code == "national_only"


@pytest.mark.django_db
def test_a_subcontractor_works_in_its_primes_area(london: Organisation):
    subcontractor = Organisation.objects.create(name="Camden Careers Hub", kind="subcontractor", parent=london)
    leader = make_staff(Role.TEAM_LEADER, organisation=subcontractor, mfa=False)
    assert rules.staff_area(leader) == Area.LONDON
    assert rules.can_manage_partner(leader, serves_all_england=False, areas=[Area.LONDON])


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.ADVISER, Role.QUALITY_AUDITOR, Role.MODERATOR])
def test_roles_without_the_permission_manage_nothing(role, national: Organisation):
    person = make_staff(role, organisation=national, mfa=False)
    assert not rules.can_manage_partners(person)
    assert not rules.can_manage_partner(person, serves_all_england=False, areas=[Area.LONDON])


def test_nobody_signed_out_manages_partners():
    assert not rules.can_manage_partners(SimpleNamespace(is_authenticated=False))


def test_a_partner_serves_its_areas_and_a_national_one_serves_all():
    local, national = partner(serves_all_england=False), partner(serves_all_england=True)
    assert rules.partner_serves_area(local, Area.LONDON, [Area.LONDON])
    assert not rules.partner_serves_area(local, Area.NORTH_WEST, [Area.LONDON])
    assert not rules.partner_serves_area(local, None, [Area.LONDON])
    assert rules.partner_serves_area(national, None, [])


# Referrals -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_no_referral_on_a_terminated_record():
    customer = CustomerFactory()
    rules.ensure_customer_can_be_referred(customer)
    customer.terminated_at, customer.termination_reason = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC), 1
    with pytest.raises(CustomerTerminated):
        rules.ensure_customer_can_be_referred(customer)


def test_an_inactive_partner_cannot_be_chosen():
    rules.validate_partner_choosable(partner(is_active=True))
    with pytest.raises(ValidationError) as raised:
        rules.validate_partner_choosable(partner(is_active=False))
    assert raised.value.code == "inactive_partner"
    assert "Harbour Housing Help is no longer an active partner" in raised.value.messages[0]


def test_a_referral_goes_to_a_partner_or_a_channel():
    rules.validate_destination(partner=partner(), channel=None)
    rules.validate_destination(partner=None, channel=codes.OtherChannel.FACE_TO_FACE)
    assert code_of(lambda: rules.validate_destination(partner=None, channel=None)) == "no_destination"
    assert code_of(lambda: rules.validate_destination(partner=partner(), channel=1)) == "two_destinations"
    assert code_of(lambda: rules.validate_destination(partner=None, channel=9)) == "unknown_channel"


def test_a_warm_transfer_is_a_referral_to_a_partner_who_takes_them():
    takes, refuses = partner(accepts_warm_transfers=True), partner(accepts_warm_transfers=False)
    rules.validate_warm_transfer(kind=Kind.REFERRAL, partner=takes, warm_transfer=True)
    rules.validate_warm_transfer(kind=Kind.SIGNPOST, partner=refuses, warm_transfer=False)
    assert code_of(lambda: rules.validate_warm_transfer(kind=Kind.SIGNPOST, partner=takes, warm_transfer=True)) == (
        "warm_not_referral"
    )
    assert code_of(lambda: rules.validate_warm_transfer(kind=Kind.REFERRAL, partner=None, warm_transfer=True)) == (
        "warm_not_referral"
    )
    assert code_of(lambda: rules.validate_warm_transfer(kind=Kind.REFERRAL, partner=refuses, warm_transfer=True)) == (
        "warm_not_accepted"
    )


def test_referring_to_a_partner_needs_consent_to_share_signposting_does_not():
    rules.validate_consent_to_share(kind=Kind.REFERRAL, partner=partner(), consent_to_share=True)
    rules.validate_consent_to_share(kind=Kind.SIGNPOST, partner=partner(), consent_to_share=False)
    # Another channel is the same service: nothing leaves it.
    rules.validate_consent_to_share(kind=Kind.REFERRAL, partner=None, consent_to_share=False)
    assert (
        code_of(lambda: rules.validate_consent_to_share(kind=Kind.REFERRAL, partner=partner(), consent_to_share=False))
        == "no_consent"
    )


def test_a_follow_up_is_from_today_to_six_months_ahead():
    rules.validate_follow_up_date(TODAY, today=TODAY)
    rules.validate_follow_up_date(TODAY + datetime.timedelta(days=rules.FOLLOW_UP_MAX_DAYS), today=TODAY)
    assert code_of(lambda: rules.validate_follow_up_date(TODAY - datetime.timedelta(days=1), today=TODAY)) == (
        "follow_up_past"
    )
    too_far = TODAY + datetime.timedelta(days=rules.FOLLOW_UP_MAX_DAYS + 1)
    assert code_of(lambda: rules.validate_follow_up_date(too_far, today=TODAY)) == "follow_up_too_far"


@pytest.mark.parametrize(
    ("kind", "status", "allowed"),
    [
        (Kind.REFERRAL, Status.MADE, [Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN]),
        (Kind.SIGNPOST, Status.MADE, [Status.ACCEPTED, Status.COMPLETED, Status.DECLINED, Status.WITHDRAWN]),
        (Kind.REFERRAL, Status.ACCEPTED, [Status.COMPLETED, Status.WITHDRAWN]),
        (Kind.SIGNPOST, Status.ACCEPTED, [Status.COMPLETED, Status.WITHDRAWN]),
        (Kind.REFERRAL, Status.COMPLETED, []),
        (Kind.REFERRAL, Status.DECLINED, []),
        (Kind.SIGNPOST, Status.WITHDRAWN, []),
    ],
)
def test_the_statuses_that_may_come_next(kind, status, allowed):
    assert rules.allowed_next_statuses(kind=kind, status=status) == allowed


def test_made_accepted_completed_is_the_way_through():
    rules.validate_status_change(kind=Kind.REFERRAL, current=Status.MADE, new=Status.ACCEPTED, reason="")
    rules.validate_status_change(kind=Kind.REFERRAL, current=Status.ACCEPTED, new=Status.COMPLETED, reason="")


def test_a_referral_cannot_skip_acceptance():
    with pytest.raises(ValidationError) as raised:
        rules.validate_status_change(kind=Kind.REFERRAL, current=Status.MADE, new=Status.COMPLETED, reason="")
    assert raised.value.code == "transition"
    assert raised.value.messages == ["A referral that is made cannot be marked completed."]


def test_a_closed_referral_stays_closed():
    with pytest.raises(ValidationError) as raised:
        rules.validate_status_change(kind=Kind.REFERRAL, current=Status.COMPLETED, new=Status.WITHDRAWN, reason="x")
    assert raised.value.messages == ["This referral is completed: its status can no longer change."]


def test_an_unknown_status_is_refused():
    assert (
        code_of(lambda: rules.validate_status_change(kind=Kind.REFERRAL, current=Status.MADE, new=42, reason=""))
        == "unknown_status"
    )


@pytest.mark.parametrize("new", [Status.DECLINED, Status.WITHDRAWN])
def test_declined_and_withdrawn_need_a_reason(new):
    with pytest.raises(ValidationError) as raised:
        rules.validate_status_change(kind=Kind.REFERRAL, current=Status.MADE, new=new, reason="   ")
    assert raised.value.code == "no_reason"
    rules.validate_status_change(kind=Kind.REFERRAL, current=Status.MADE, new=new, reason="No longer needed")


def test_a_follow_up_is_due_on_the_chosen_day_or_after_a_warm_transfer():
    next_day = datetime.date(2026, 3, 3)
    chosen = datetime.date(2026, 4, 1)
    assert rules.follow_up_due_on(warm_transfer=False, follow_up_on=None, next_working_day=next_day) is None
    assert rules.follow_up_due_on(warm_transfer=True, follow_up_on=None, next_working_day=next_day) == next_day
    assert rules.follow_up_due_on(warm_transfer=True, follow_up_on=chosen, next_working_day=next_day) == chosen
    assert rules.follow_up_due_on(warm_transfer=False, follow_up_on=chosen, next_working_day=next_day) == chosen
