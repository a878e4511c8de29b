"""The rules of courses/rules.py that are read both as a query and of a run already read agree."""

from __future__ import annotations

import pytest
from django.utils import timezone

from signpost.courses import rules
from signpost.courses.models import CourseRun
from signpost.courses.tests import search_builders as build

pytestmark = pytest.mark.django_db


def test_a_run_is_still_offered_unless_it_or_its_course_is_withdrawn() -> None:
    college = build.provider()
    venue = build.venue(college, "LS1 1UR")
    offered = build.run(build.course(college, "Welding"), venue)
    run_withdrawn = build.run(build.course(college, "Plumbing"), venue, withdrawn_at=timezone.now())
    course_withdrawn = build.run(build.course(college, "Joinery", withdrawn_at=timezone.now()), venue)
    runs = CourseRun.objects.select_related("course")
    assert set(runs.filter(rules.still_offered())) == {offered}
    assert [run for run in runs.order_by("pk") if rules.is_still_offered(run)] == [offered]
    assert {run_withdrawn, course_withdrawn}.isdisjoint(runs.filter(rules.still_offered()))
