"""The course directory pages: who may use each one, and what they store or refuse."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from conftest import PEOPLE
from signpost.core.models import AuditEvent
from signpost.courses.models import Course, CourseRun, Provider, ProviderEditor, RunRegion, Venue

pytestmark = pytest.mark.django_db
OUR_EDITOR, OTHER_EDITOR = "course_editor_of_this_provider", "course_editor_of_another_provider"
START = datetime.date.today() + datetime.timedelta(days=60)


@pytest.fixture
def listing():
    provider = Provider.objects.create(name="Leeds City College", ukprn="10000001")
    venue = Venue.objects.create(
        provider=provider,
        name="Park Lane campus",
        address_line_1="1 Park Lane",
        town="Leeds",
        postcode="LS1 1UR",
        latitude=53.8,
        longitude=-1.55,
    )
    course = Course.objects.create(
        provider=provider, title="Plumbing", level=2, sector=5, course_type="other", who_it_is_for="New plumbers."
    )
    run = CourseRun.objects.create(
        course=course,
        delivery_mode="classroom",
        venue=venue,
        study_mode="part_time",
        attendance="evening",
        start_date=START,
        duration=30,
        duration_unit="weeks",
        cost=450,
    )
    other = Provider.objects.create(name="Another College", ukprn="10000002")
    return {"provider": provider, "venue": venue, "course": course, "run": run, "other": other}


@pytest.fixture
def who(person, listing):
    def build(name):
        if name in (OUR_EDITOR, OTHER_EDITOR):
            user = person("course_editor")
            ProviderEditor.objects.create(user=user, provider=listing["provider" if name == OUR_EDITOR else "other"])
            return user
        return person(name)

    return build


def pages(listing):
    """(url, method, who besides content editors may use it): "editor" = our provider's course editor."""
    provider, venue, course, run = (listing[key].pk for key in ("provider", "venue", "course", "run"))
    return [
        (reverse("workspace:course_provider_create"), "get", ""),
        (reverse("workspace:course_provider_create"), "post", ""),
        (reverse("workspace:course_provider_edit", args=[provider]), "get", ""),
        (reverse("workspace:course_provider_editor_add", args=[provider]), "post", ""),
        (reverse("workspace:course_provider", args=[provider]), "get", "editor"),
        (reverse("workspace:course_venue_create", args=[provider]), "post", "editor"),
        (reverse("workspace:course_venue_edit", args=[venue]), "get", "editor"),
        (reverse("workspace:course_create", args=[provider]), "post", "editor"),
        (reverse("workspace:course_detail", args=[course]), "get", "editor"),
        (reverse("workspace:course_edit", args=[course]), "post", "editor"),
        (reverse("workspace:course_run_create", args=[course]), "get", "editor"),
        (reverse("workspace:course_run_edit", args=[run]), "post", "editor"),
    ]


@pytest.mark.parametrize("name", [*PEOPLE, OUR_EDITOR, OTHER_EDITOR])
def test_who_may_use_each_page(name, who, client_for, listing):
    user = who(name)
    client = client_for(user)
    for url, method, also in pages(listing):
        response = getattr(client, method)(url)
        if user is None:
            assert response.status_code == 302 and response["Location"].startswith("/workspace/sign-in/"), url
        elif name == "content_editor" or (name == OUR_EDITOR and also == "editor"):
            assert response.status_code == 200, (url, method)
        else:
            assert response.status_code == 403, (name, url, method)
    # Nothing was changed by anyone (the allowed POSTs were empty forms).
    assert Provider.objects.count() == 2 and Course.objects.count() == 1 and CourseRun.objects.count() == 1


@pytest.mark.parametrize("name", [*PEOPLE, OUR_EDITOR])
def test_the_directory_page(name, who, client_for, listing):
    user = who(name)
    response = client_for(user).get(reverse("workspace:course_directory"))
    if user is None:
        assert response.status_code == 302
    elif name == "content_editor":
        assert "Leeds City College" in response.content.decode()
    elif name == OUR_EDITOR:
        assert response["Location"] == reverse("workspace:course_provider", args=[listing["provider"].pk])
    elif name == "course_editor":
        assert "not linked to a provider" in response.content.decode()
    else:
        assert response.status_code == 403


def test_removing_a_run_needs_the_run_to_be_ours(who, client_for, listing):
    url = reverse("workspace:course_run_delete", args=[listing["run"].pk])
    assert client_for(who(OTHER_EDITOR)).post(url).status_code == 404
    assert CourseRun.objects.get(pk=listing["run"].pk).withdrawn_at is None
    response = client_for(who(OUR_EDITOR)).post(url)
    assert response.status_code == 302
    # Withdrawn, not destroyed (courses.rules, removing listings): test_course_removal has the rest.
    assert CourseRun.objects.get(pk=listing["run"].pk).withdrawn_at is not None
    assert AuditEvent.objects.filter(action="courses.run_withdrawn").exists()


def test_adding_a_venue_places_its_postcode(who, client_for, listing):
    fields = {"name": "City centre", "address_line_1": "2 Albion Street", "town": "Leeds", "postcode": "ls11ur"}
    response = client_for(who(OUR_EDITOR)).post(
        reverse("workspace:course_venue_create", args=[listing["provider"].pk]), fields
    )
    assert response.status_code == 302
    venue = Venue.objects.get(name="City centre")
    assert venue.postcode == "LS1 1UR"
    assert venue.latitude == pytest.approx(53.80, abs=0.01) and venue.longitude == pytest.approx(-1.55, abs=0.01)
    assert AuditEvent.objects.filter(action="courses.venue_created", object_id=str(venue.pk)).exists()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"postcode": "ZZ99 9ZZ"}, "postcode", "Enter a real postcode: we cannot find this one"),
        ({"postcode": "LS1"}, "postcode", "Enter a full UK postcode, like LS1 3AB"),
        ({"name": "PARK LANE CAMPUS"}, "name", "This provider already has a venue with this name"),
        ({"town": ""}, "town", "Enter the town or city"),
    ],
)
def test_a_venue_with_mistakes_is_refused_and_what_was_typed_is_kept(who, client_for, listing, fields, field, message):
    typed = {"name": "Riverside", "address_line_1": "5 Water Lane", "town": "Leeds", "postcode": "LS1 1UR"} | fields
    response = client_for(who("content_editor")).post(
        reverse("workspace:course_venue_create", args=[listing["provider"].pk]), typed
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html and message in html
    assert 'value="5 Water Lane"' in html
    assert Venue.objects.count() == 1


def run_fields(**overrides):
    fields = {
        "delivery_mode": "classroom",
        "study_mode": "part_time",
        "attendance": "evening",
        "start_date-day": str(START.day),
        "start_date-month": str(START.month),
        "start_date-year": str(START.year),
        "duration": "12",
        "duration_unit": "weeks",
        "cost": "99.50",
    }
    return fields | overrides


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({}, "Select the venue where the course is taught"),
        ({"delivery_mode": "work_based"}, "Select the regions where the course is offered, or all of England"),
        ({"start_date-day": "", "start_date-month": "", "start_date-year": ""}, "Enter a start date, or say"),
        ({"flexible_start": "on"}, "Give a start date or say the start is flexible, not both"),
        ({"cost": "", "venue": "VENUE"}, "Enter a cost, or describe the cost"),
        ({"cost": "lots", "venue": "VENUE"}, "The cost must be an amount in pounds"),
        ({"duration": "0", "venue": "VENUE"}, "The duration must be 1 or more"),
    ],
)
def test_a_run_with_mistakes_is_refused_and_what_was_typed_is_kept(who, client_for, listing, overrides, message):
    overrides = {key: str(listing["venue"].pk) if value == "VENUE" else value for key, value in overrides.items()}
    typed = run_fields(**overrides)
    response = client_for(who(OUR_EDITOR)).post(
        reverse("workspace:course_run_create", args=[listing["course"].pk]), typed
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert f'value="{typed["duration"]}"' in html
    assert CourseRun.objects.count() == 1


def test_a_work_based_run_in_two_regions(who, client_for, listing):
    response = client_for(who(OUR_EDITOR)).post(
        reverse("workspace:course_run_create", args=[listing["course"].pk]),
        run_fields(delivery_mode="work_based", regions=["103", "107"], attendance="day_or_block_release"),
    )
    assert response.status_code == 302
    run = CourseRun.objects.get(delivery_mode="work_based")
    assert sorted(RunRegion.objects.filter(run=run).values_list("area", flat=True)) == [103, 107]
    assert run.cost == pytest.approx(99.5)


def test_a_course_editor_cannot_use_another_providers_venue(who, client_for, listing):
    elsewhere = Venue.objects.create(
        provider=listing["other"], name="Elsewhere", address_line_1="1 Road", town="York", postcode="YO1 7HH"
    )
    response = client_for(who(OUR_EDITOR)).post(
        reverse("workspace:course_run_create", args=[listing["course"].pk]), run_fields(venue=str(elsewhere.pk))
    )
    assert "Select a valid choice" in response.content.decode() or "Select the venue" in response.content.decode()
    assert CourseRun.objects.count() == 1


def test_adding_a_provider_and_its_course_editor(who, client_for, listing, person):
    client = client_for(who("content_editor"))
    bad = client.post(reverse("workspace:course_provider_create"), {"name": "New College", "ukprn": "1234"})
    assert "Enter a UKPRN of 8 digits, like 10012345" in bad.content.decode()
    assert 'value="New College"' in bad.content.decode()
    taken = client.post(reverse("workspace:course_provider_create"), {"name": "New College", "ukprn": "10000001"})
    assert "A provider with this UKPRN is already in the directory" in taken.content.decode()
    response = client.post(reverse("workspace:course_provider_create"), {"name": "New College", "ukprn": "10000003"})
    provider = Provider.objects.get(ukprn="10000003")
    assert response["Location"] == reverse("workspace:course_provider", args=[provider.pk])
    adviser, editor = person("adviser"), person("course_editor")
    url = reverse("workspace:course_provider_editor_add", args=[provider.pk])
    refused = client.post(url, {"email": adviser.email})
    assert "This person does not have the course editor role" in refused.content.decode()
    client.post(url, {"email": editor.email})
    assert ProviderEditor.objects.get(user=editor).provider == provider
    assert AuditEvent.objects.filter(action="courses.provider_editor_added").exists()


def test_changing_a_course_keeps_its_texts_and_audits_the_fields(who, client_for, listing):
    course = listing["course"]
    url = reverse("workspace:course_edit", args=[course.pk])
    fields = {
        "title": "Plumbing level 2",
        "level": "2",
        "sector": "5",
        "course_type": "free_course_for_jobs",
        "who_it_is_for": "New plumbers.",
    }
    assert client_for(who(OUR_EDITOR)).post(url, fields).status_code == 302
    course.refresh_from_db()
    assert (course.title, course.course_type) == ("Plumbing level 2", "free_course_for_jobs")
    event = AuditEvent.objects.get(action="courses.course_updated")
    assert set(event.details["fields"]) == {"title", "course_type"}
    bad = client_for(who(OUR_EDITOR)).post(url, fields | {"title": "", "sector": ""})
    assert "Enter the course title" in bad.content.decode() and "Select the sector" in bad.content.decode()
    assert "New plumbers." in bad.content.decode()
