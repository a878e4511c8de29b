"""Demo casework: transfers, tasks and follow-up calls in several states; safe to run twice."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from signpost.accounts.demo import demo_staff_email
from signpost.accounts.roles import Role
from signpost.casework import codes
from signpost.casework.models import FollowUpCall, Task, Transfer
from tests.factories import CustomerFactory, make_staff

pytestmark = pytest.mark.django_db


def test_demo_casework_covers_every_state_once(national, london, settings):
    settings.DEMO_MODE = True
    make_staff(Role.ADVISER, organisation=national, email=demo_staff_email("adviser", "national"))
    make_staff(Role.ADVISER, organisation=london, email=demo_staff_email("adviser", "london"))
    make_staff(Role.TEAM_LEADER, organisation=london, email=demo_staff_email("team_leader", "london"))
    CustomerFactory.create_batch(12)
    call_command("load_demo_casework", stdout=StringIO())
    assert set(Transfer.objects.values_list("status", flat=True)) == set(codes.TransferStatus.values)
    assert Transfer.objects.filter(task__task_type=codes.TaskType.QUEUED_TRANSFER).count() == 1
    statuses = set(Task.objects.values_list("status", flat=True))
    assert {codes.TaskStatus.OPEN, codes.TaskStatus.CLAIMED, codes.TaskStatus.DONE} <= statuses
    assert Task.objects.filter(escalated_at__isnull=False).exists()
    assert FollowUpCall.objects.filter(status=codes.FollowUpCallStatus.MADE).count() == 1
    counts = (Task.objects.count(), Transfer.objects.count(), FollowUpCall.objects.count())
    out = StringIO()
    call_command("load_demo_casework", stdout=out)
    assert "already loaded" in out.getvalue()
    assert (Task.objects.count(), Transfer.objects.count(), FollowUpCall.objects.count()) == counts
