"""Generated listings: real words when the national data is there, ours otherwise; reproducible; marked."""

import datetime
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F

from signpost.core.geography import area_for_local_authority, locate_postcode
from signpost.core.models import AuditEvent
from signpost.courses import codes
from signpost.courses.generation import generate_courses
from signpost.courses.models import Course, CourseRun, Provider, RunRegion, Venue
from signpost.courses.search import miles_between
from signpost.courses.vocabulary import (
    DEFAULT_DATA_DIR,
    OWN_COURSES,
    national_vocabulary,
    own_vocabulary,
    sector_for_title,
)
from signpost.organisations.models import Area

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2027, 3, 1)


def test_own_vocabulary_builds_exactly_the_runs_asked_for_all_marked_generated():
    generated = generate_courses(own_vocabulary(), runs=250, seed=1, today=TODAY)
    assert (generated.runs, CourseRun.objects.count()) == (250, 250)
    assert generated.courses == Course.objects.count() > 50
    for model in (Provider, Venue, Course, CourseRun):
        assert not model.objects.filter(generated=False).exists()
    assert set(Course.objects.values_list("course_type", flat=True)) == set(codes.CourseType.values)
    titles = {title for title, *_ in OWN_COURSES}
    assert set(Course.objects.values_list("title", flat=True)) <= titles
    assert AuditEvent.objects.filter(action="courses.generated", details__runs=250).exists()


def test_every_run_is_placed_as_its_delivery_mode_says_and_venues_are_geocoded():
    generate_courses(own_vocabulary(), runs=300, seed=2, today=TODAY)
    assert not Venue.objects.filter(latitude__isnull=True).exists()
    at_venue = CourseRun.objects.filter(delivery_mode__in=codes.AT_A_VENUE)
    assert at_venue.exists() and not at_venue.filter(venue__isnull=True).exists()
    # A venue is its course's provider's own.
    assert not at_venue.exclude(venue__provider=F("course__provider")).exists()
    work_based = CourseRun.objects.filter(delivery_mode=codes.DeliveryMode.WORK_BASED)
    for run in work_based:
        assert run.national or RunRegion.objects.filter(run=run).exists()


def test_the_same_seed_gives_the_same_courses():
    generate_courses(own_vocabulary(), runs=120, seed=9, today=TODAY)
    first = list(Course.objects.order_by("id").values_list("title", "level", "course_type"))
    generate_courses(own_vocabulary(), runs=120, seed=9, today=TODAY)
    second = list(Course.objects.order_by("id").values_list("title", "level", "course_type"))[len(first) :]
    assert first == second
    # A second batch gets new UKPRNs, never the first batch's.
    assert Provider.objects.values("ukprn").distinct().count() == Provider.objects.count()


def test_national_data_gives_real_colleges_standards_and_awarding_bodies():
    vocabulary = national_vocabulary(DEFAULT_DATA_DIR)
    assert vocabulary is not None, f"{DEFAULT_DATA_DIR} is missing: this test needs the shared open data"
    assert "Abingdon and Witney College" in vocabulary.provider_names
    assert "City & Guilds of London Institute" in vocabulary.awarding_bodies
    titles = {idea.title for idea in vocabulary.courses}
    assert "Software Developer apprenticeship" in titles
    assert "Level 3 Diploma in Engineering Technology" in titles
    generate_courses(vocabulary, runs=200, seed=3, today=TODAY)
    assert set(Provider.objects.values_list("name", flat=True)) <= set(vocabulary.provider_names)


def test_venues_are_placed_where_the_national_list_of_postcodes_says():
    vocabulary = national_vocabulary(DEFAULT_DATA_DIR)
    assert vocabulary is not None, f"{DEFAULT_DATA_DIR} is missing: this test needs the shared open data"
    listed = {place.postcode: place for place in vocabulary.places}
    generate_courses(vocabulary, runs=200, seed=4, today=TODAY)
    for venue in Venue.objects.all()[:20]:
        place = listed[venue.postcode]
        assert (venue.latitude, venue.longitude, venue.local_authority) == (
            place.latitude,
            place.longitude,
            place.local_authority,
        )
        # The list agrees with Code-Point Open, which places every other venue, to within metres.
        located = locate_postcode(venue.postcode)
        assert located is not None
        assert miles_between((venue.latitude, venue.longitude), (located.latitude, located.longitude)) < 0.05


def test_small_providers_spread_the_demo_venues_over_england():
    vocabulary = national_vocabulary(DEFAULT_DATA_DIR)
    assert vocabulary is not None, f"{DEFAULT_DATA_DIR} is missing: this test needs the shared open data"
    generated = generate_courses(vocabulary, runs=400, seed=6, today=TODAY, runs_per_provider=8)
    assert generated.providers == 50 and generated.venues >= 50
    postcode_areas = {re.match(r"[A-Z]+", postcode)[0] for postcode in Venue.objects.values_list("postcode", flat=True)}  # type: ignore[index]
    assert len(postcode_areas) >= 30
    areas = {area_for_local_authority(code) for code in Venue.objects.values_list("local_authority", flat=True)}
    assert set(Area.values) <= areas


def test_without_the_national_data_the_command_falls_back_to_our_vocabulary(tmp_path):
    out = StringIO()
    call_command("generate_courses", "--runs", "40", "--data", str(tmp_path), stdout=out)
    assert "Generated 3 providers" in out.getvalue()
    assert "40 course runs" in out.getvalue()
    assert set(Provider.objects.values_list("name", flat=True)) <= set(own_vocabulary().provider_names)


def test_demo_courses_load_once():
    call_command("load_demo_courses", "--runs", "60", stdout=StringIO())
    out = StringIO()
    call_command("load_demo_courses", "--runs", "60", stdout=out)
    assert CourseRun.objects.count() == 60
    assert "already loaded" in out.getvalue()


@pytest.mark.parametrize(
    ("title", "sector"),
    [
        ("Level 2 Diploma in Plumbing Studies", codes.Sector.CONSTRUCTION_PLANNING_AND_BUILT_ENVIRONMENT),
        ("Level 3 Diploma in Health and Social Care", codes.Sector.HEALTH_PUBLIC_SERVICES_AND_CARE),
        ("Level 3 Certificate in Bookkeeping", codes.Sector.BUSINESS_ADMINISTRATION_AND_LAW),
        ("Level 2 Certificate in Something Else", codes.Sector.PREPARATION_FOR_LIFE_AND_WORK),
    ],
)
def test_sector_from_title(title, sector):
    assert sector_for_title(title) == sector
