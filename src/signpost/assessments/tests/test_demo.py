"""The demo assessments: made once for Jordan Hughes, saved to their space; a second run adds nothing."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from signpost.assessments.demo import DEMO_CUSTOMER_EMAIL
from signpost.assessments.models import Assessment
from signpost.space.models import SavedItem
from tests.factories import make_customer

pytestmark = pytest.mark.django_db


def test_demo_assessments_are_saved_to_jordan_s_space_once(settings: object) -> None:
    settings.DEMO_MODE = True  # type: ignore[attr-defined]
    jordan = make_customer(email=DEMO_CUSTOMER_EMAIL)
    call_command("load_demo_assessments", verbosity=0)
    call_command("load_demo_assessments", verbosity=0)
    assert Assessment.objects.filter(owner=jordan, completed_at__isnull=False).count() == 2
    assert set(SavedItem.objects.filter(user=jordan).values_list("kind", flat=True)) == {"assessment", "skills_check"}
