"""The database keeps a run's place consistent with its delivery mode and a start date or flexible start."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from signpost.courses import codes
from signpost.courses.models import Course, CourseRun, Provider, Venue

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    provider = Provider.objects.create(name="Example College", ukprn="10000001")
    return Course.objects.create(
        provider=provider,
        title="Plumbing",
        level=2,
        sector=codes.Sector.CONSTRUCTION_PLANNING_AND_BUILT_ENVIRONMENT,
        who_it_is_for="People who want to become plumbers.",
    )


def run(course, **fields):
    values = {
        "course": course,
        "delivery_mode": codes.DeliveryMode.ONLINE,
        "study_mode": codes.StudyMode.PART_TIME,
        "attendance": codes.Attendance.EVENING,
        "start_date": datetime.date(2027, 9, 1),
        "duration": 10,
        "duration_unit": codes.DurationUnit.WEEKS,
    } | fields
    return CourseRun.objects.create(**values)


@pytest.mark.parametrize(
    "fields",
    [
        {"start_date": None},  # neither a date nor a flexible start
        {"flexible_start": True},  # both
        {"delivery_mode": codes.DeliveryMode.CLASSROOM},  # classroom without a venue
        {"national": True},  # an online run has no regions
        {"cost": -1},
    ],
)
def test_inconsistent_runs_are_refused(course, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        run(course, **fields)


def test_consistent_runs_are_stored(course):
    venue = Venue.objects.create(
        provider=course.provider, name="Main site", address_line_1="1 High Street", town="Leeds", postcode="LS1 1UR"
    )
    run(course, delivery_mode=codes.DeliveryMode.CLASSROOM, venue=venue)
    run(course, delivery_mode=codes.DeliveryMode.WORK_BASED, national=True, start_date=None, flexible_start=True)
    assert course.runs.count() == 2


def test_venue_names_are_unique_per_provider_ignoring_case(course):
    fields = {"address_line_1": "1 High Street", "town": "Leeds", "postcode": "LS1 1UR"}
    Venue.objects.create(provider=course.provider, name="Main site", **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Venue.objects.create(provider=course.provider, name="MAIN SITE", **fields)
