"""The demo plans and outcomes: several states, through the services, and safe to load twice."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from signpost.accounts.demo import demo_staff_email
from signpost.accounts.roles import Role
from signpost.contacts.models import TimelineEvent
from signpost.core.models import AuditEvent
from signpost.plans import codes
from signpost.plans.models import Action, ActionPlan, Outcome
from signpost.referrals.codes import PartnerCategory
from signpost.referrals.tests.builders import make_partner
from tests.factories import CustomerFactory, make_customer, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_staff(london: Any, national: Any, settings: Any) -> None:
    settings.DEMO_MODE = True
    make_staff(Role.ADVISER, organisation=london, mfa=False, email=demo_staff_email("adviser", "london"))
    make_staff(Role.ADVISER, organisation=national, mfa=False, email=demo_staff_email("adviser", "national"))
    make_customer(email="jordan.hughes@example.com", given_name="Jordan", family_name="Hughes")
    for _ in range(5):
        CustomerFactory()
    make_partner("Riverside College", categories=[PartnerCategory.FURTHER_EDUCATION], serves_all_england=True)


def test_demo_plans_and_outcomes_in_several_states(demo_staff: None, capsys: Any) -> None:
    call_command("load_demo_plans")
    assert "Demo plans ready: 5 plans, 4 outcomes." in capsys.readouterr().out
    plans = ActionPlan.objects.all()
    assert plans.filter(sent_on__isnull=True, made_by_customer=False).exists()
    assert plans.filter(acknowledged_at__isnull=False).count() == 1
    assert plans.filter(made_by_customer=True).count() == 1
    assert Outcome.objects.filter(withdrawn_at__isnull=False).count() == 1
    assert Outcome.objects.values("organisation").distinct().count() == 2
    assert Outcome.objects.filter(outcome_type=codes.OutcomeType.ACCREDITED_LEARNING).exists()
    assert TimelineEvent.objects.filter(kind="plan.action_changed").count() == 1
    assert [action.signposted_name for action in Action.objects.filter(signposted_partner__isnull=False)] == [
        "Riverside College"
    ]
    # Each plan's or claim's session was booked and attended through the session services.
    assert AuditEvent.objects.filter(action="session.booked").count() == 5
    assert AuditEvent.objects.filter(action="session.attended").count() == 5
    assert TimelineEvent.objects.filter(kind="session.attended").count() == 5
    call_command("load_demo_plans")
    assert "already loaded" in capsys.readouterr().out
    assert ActionPlan.objects.count() == 5
