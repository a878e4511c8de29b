"""Checking a claim (its verification status, with a reason) and pointing an action to a partner
from the referral directory: who may, what is refused and why, what is stored and shown."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.utils import timezone

from signpost.accounts.roles import Role
from signpost.contacts.models import TimelineEvent
from signpost.core.models import AuditEvent
from signpost.customers.models import Customer
from signpost.organisations.models import Area
from signpost.plans import codes, documents, selectors, services
from signpost.plans.models import Outcome, OutcomeVerification
from signpost.plans.tests.builders import book_session, plan_with_goal_and_action
from signpost.referrals.tests.builders import live_in, make_partner
from tests.factories import make_staff

pytestmark = pytest.mark.django_db

V = codes.VerificationStatus
TODAY = timezone.localdate


@pytest.fixture
def outcome(adviser: Any, customer: Customer) -> Outcome:
    return services.outcome_claim(
        actor=adviser,
        customer=customer,
        session=book_session(customer, adviser),
        outcome_type=codes.OutcomeType.ACCREDITED_LEARNING,
        effective_on=TODAY(),
        evidence_note="Certificate seen",
    )


@pytest.fixture
def auditor(london: Any) -> Any:
    return make_staff(Role.QUALITY_AUDITOR, organisation=london, mfa=False, given_name="Quinn", family_name="Auditor")


# Verification ---------------------------------------------------------------------------------


def test_a_check_moves_the_status_keeps_the_reason_and_is_audited_and_on_the_timeline(
    auditor: Any, outcome: Outcome, customer: Customer
) -> None:
    services.outcome_verification_change(actor=auditor, outcome=outcome, status=V.VERIFIED, reason=" Certificate rang ")
    outcome.refresh_from_db()
    assert outcome.verification_status == V.VERIFIED
    check = OutcomeVerification.objects.get()
    assert (check.from_status, check.to_status, check.reason, check.changed_by) == (
        V.AWAITING,
        V.VERIFIED,
        "Certificate rang",
        auditor,
    )
    audit = AuditEvent.objects.get(action="outcome.verification_changed")
    assert audit.object_id == str(customer.pk) and audit.details == {"outcome": outcome.pk, "from": 1, "to": 2}
    event = TimelineEvent.objects.get(kind="outcome.verification_changed")
    assert (event.title, event.detail) == ("Accredited learning claim: verified", "Certificate rang")
    assert event.link_kwargs == {"reference": customer.reference, "pk": outcome.pk}


@pytest.mark.parametrize(
    ("status", "reason", "field", "message"),
    [
        (V.VERIFIED, "  ", "reason", "Enter why the verification status is changing."),
        (V.VERIFIED, "x" * 1001, "reason", "The reason must be 1000 characters or fewer."),
        (
            V.AWAITING,
            "Still waiting",
            "status",
            "The claim is already awaiting verification: select a different status.",
        ),
        (7, "Checked", "status", "Select the verification status."),
    ],
)
def test_a_check_without_a_reason_or_to_the_same_status_is_refused(
    auditor: Any, outcome: Outcome, status: int, reason: str, field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        services.outcome_verification_change(actor=auditor, outcome=outcome, status=status, reason=reason)
    assert raised.value.message_dict == {field: [message]}
    assert (
        not OutcomeVerification.objects.exists()
        and not AuditEvent.objects.filter(action="outcome.verification_changed").exists()
    )


def test_a_withdrawn_claim_is_not_verified(auditor: Any, adviser: Any, outcome: Outcome) -> None:
    services.outcome_withdraw(actor=adviser, outcome=outcome, reason="Wrong record")
    with pytest.raises(ValidationError) as raised:
        services.outcome_verification_change(actor=auditor, outcome=outcome, status=V.VERIFIED, reason="Seen")
    assert raised.value.message_dict == {
        "status": ["This claim has been withdrawn: it is not paid, so it is not verified."]
    }


@pytest.mark.parametrize(
    ("role", "where", "allowed"),
    [
        (Role.QUALITY_AUDITOR, "london", True),
        (Role.MANAGER, "london", True),
        (Role.MANAGER, "national", True),
        (Role.MANAGER, "north_west", False),
        (Role.QUALITY_AUDITOR, "north_west", False),
        (Role.ADVISER, "london", False),
        (Role.TEAM_LEADER, "london", False),
    ],
)
def test_who_may_verify_a_claim(role: str, where: str, allowed: bool, outcome: Outcome, request: Any) -> None:
    """The claiming organisation's auditors and managers, and national staff; never whoever claims."""
    actor = make_staff(role, organisation=request.getfixturevalue(where), mfa=False)
    if allowed:
        services.outcome_verification_change(actor=actor, outcome=outcome, status=V.NOT_VERIFIED, reason="No proof")
        assert Outcome.objects.get().verification_status == V.NOT_VERIFIED
    else:
        with pytest.raises(PermissionDenied):
            services.outcome_verification_change(actor=actor, outcome=outcome, status=V.VERIFIED, reason="Seen")
        assert Outcome.objects.get().verification_status == V.AWAITING


# Signposting to a partner from the directory -------------------------------------------------


def test_an_action_points_to_a_directory_partner_shown_on_the_plan_and_its_document(
    adviser: Any, customer: Customer
) -> None:
    live_in(customer)
    partner = make_partner("Southwark Adult Learning")
    plan = plan_with_goal_and_action(customer, adviser)
    action = services.action_add(
        actor=adviser,
        plan=plan,
        action_type=codes.ActionType.ENROL_ON_A_COURSE,
        summary="Enrol on the autumn maths course",
        due_on=TODAY() + datetime.timedelta(days=14),
        signposted_partner=partner,
    )
    assert action.signposted_partner == partner and action.signposted_name == "Southwark Adult Learning"
    assert AuditEvent.objects.filter(action="plan.action_added", details__partner=partner.pk).exists()
    full = selectors.customer_plan(customer, plan.pk)
    assert full is not None
    html = render_to_string("plans/pdf/plan.html", documents.plan_document_context(full))
    assert "signposted to Southwark Adult Learning" in html and "signposted to Lambeth College" in html


@pytest.mark.parametrize(
    ("partner_fields", "text", "message"),
    [
        ({}, "Lambeth College", "Choose a partner from the directory or type who else can help, not both."),
        ({"is_active": False}, "", "Southwark Adult Learning is no longer an active partner: choose another partner."),
        (
            {"areas": [Area.NORTH_WEST]},
            "",
            "Southwark Adult Learning does not serve the customer's area: choose one of the partners listed.",
        ),
    ],
)
def test_a_partner_with_a_typed_name_inactive_or_from_another_area_is_refused(
    adviser: Any, customer: Customer, partner_fields: dict[str, Any], text: str, message: str
) -> None:
    live_in(customer)
    partner = make_partner("Southwark Adult Learning", **partner_fields)
    plan = plan_with_goal_and_action(customer, adviser)
    with pytest.raises(ValidationError) as raised:
        services.action_add(
            actor=adviser,
            plan=plan,
            action_type=codes.ActionType.ENROL_ON_A_COURSE,
            summary="Enrol",
            due_on=TODAY(),
            signposted_to=text,
            signposted_partner=partner,
        )
    assert raised.value.message_dict == {"signposted_partner": [message]}
    assert plan.actions.count() == 1


def test_a_linked_partner_that_left_the_directory_stays_when_the_action_changes(
    adviser: Any, customer: Customer
) -> None:
    live_in(customer)
    partner = make_partner("Southwark Adult Learning", serves_all_england=True)
    plan = plan_with_goal_and_action(customer, adviser)
    action = plan.actions.get()
    values = {
        "action_type": action.action_type,
        "summary": action.summary,
        "agreed_on": action.agreed_on,
        "due_on": action.due_on,
        "responsible": action.responsible,
        "signposted_to": "",
        "status": action.status,
        "completed_on": None,
    }
    services.action_update(actor=adviser, action=action, signposted_partner=partner, **values)
    partner.is_active, partner.deactivated_at = False, timezone.now()
    partner.save()
    action.refresh_from_db()
    updated = services.action_update(
        actor=adviser, action=action, signposted_partner=partner, **{**values, "summary": "Evening classes"}
    )
    assert updated.signposted_partner_id == partner.pk and updated.summary == "Evening classes"
    assert selectors.signposting_partners(customer, keep=partner) == [partner]
    assert selectors.signposting_partners(customer) == []
