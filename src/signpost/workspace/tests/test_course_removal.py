"""Removing venues, courses and course runs in the workspace (courses.rules, removing listings):
who may, what the confirmation page says, what is kept, and what the public then sees."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import PEOPLE
from signpost.core.models import AuditEvent
from signpost.courses.csv_upload import import_courses, import_venues
from signpost.courses.models import Course, CourseRun, Venue
from signpost.courses.search_selectors import Criteria, course_search
from signpost.courses.services import course_run_create
from signpost.courses.tests.upload_files import csv_bytes, run_row, venue_row
from signpost.space.models import SavedItem
from signpost.workspace.tests.test_courses import OTHER_EDITOR, OUR_EDITOR, listing, who  # noqa: F401

pytestmark = pytest.mark.django_db


def removal_pages(listing):  # noqa: F811
    return [
        reverse("workspace:course_run_delete", args=[listing["run"].pk]),
        reverse("workspace:course_remove", args=[listing["course"].pk]),
        reverse("workspace:course_venue_remove", args=[listing["venue"].pk]),
    ]


def public_page(run):
    return reverse("portal:course_run", args=[run.course_id, run.pk])


ONLINE_RUN = {
    "delivery_mode": "online",
    "study_mode": "part_time",
    "attendance": "evening",
    "start_date": datetime.date.today() + datetime.timedelta(days=30),
    "duration": 10,
    "duration_unit": "weeks",
    "cost": 0,
}


def add_run(course, **fields):
    return CourseRun.objects.create(course=course, **(ONLINE_RUN | fields))


@pytest.mark.parametrize("name", [*PEOPLE, OUR_EDITOR, OTHER_EDITOR])
def test_who_may_remove_listings(name, who, client_for, listing):  # noqa: F811
    user = who(name)
    client = client_for(user)
    for url in removal_pages(listing):
        shown, posted = client.get(url), client.post(url)
        if user is None:
            assert shown.status_code == posted.status_code == 302, url
            assert shown["Location"].startswith("/workspace/sign-in/")
        elif name in ("content_editor", OUR_EDITOR):
            assert shown.status_code == 200, (name, url)
            assert "Are you sure you want to remove" in shown.content.decode(), url
        elif name == OTHER_EDITOR:
            # Another provider's listings are not there at all for this editor.
            assert shown.status_code == posted.status_code == 404, url
        else:
            assert shown.status_code == posted.status_code == 403, (name, url)
    run, course, venue = (type(listing[key]).objects.get(pk=listing[key].pk) for key in ("run", "course", "venue"))
    if name in ("content_editor", OUR_EDITOR):
        # The run went first, then its course; the venue is kept for the withdrawn run that names it.
        assert run.withdrawn_at is not None and course.withdrawn_at is not None and venue.withdrawn_at is not None
    else:
        assert run.withdrawn_at is None and course.withdrawn_at is None and venue.withdrawn_at is None
        assert not AuditEvent.objects.filter(action__startswith="courses.", action__contains="withdrawn").exists()


def test_removing_a_run_withdraws_it_and_saved_links_say_so(who, client_for, person, listing):  # noqa: F811
    run = listing["run"]
    customer = client_for(person("customer"))
    customer.post(reverse("portal:course_run_save", args=[run.course_id, run.pk]))
    assert SavedItem.objects.filter(kind="course", key=str(run.pk)).count() == 1
    editor = client_for(who(OUR_EDITOR))
    url = reverse("workspace:course_run_delete", args=[run.pk])
    page = editor.get(url).content.decode()
    assert "1 person has saved it" in page and "Remove course run" in page

    response = editor.post(url, follow=True)
    assert "has been removed" in response.content.decode()  # the success banner
    run.refresh_from_db()
    assert run.withdrawn_at is not None
    event = AuditEvent.objects.get(action="courses.run_withdrawn")
    assert event.object_id == str(run.pk) and event.actor is not None
    assert course_search(Criteria()).total == 0

    # The saved item stays; its link answers "no longer available", and it cannot be saved again.
    assert SavedItem.objects.filter(kind="course", key=str(run.pk)).exists()
    gone = customer.get(public_page(run))
    assert gone.status_code == 410
    assert "This course is no longer available" in gone.content.decode()
    assert "your online space" in gone.content.decode()
    assert client_for(None).get(public_page(run)).status_code == 410
    # The staff page keeps the run, marked as removed, and it cannot be removed twice.
    assert "Removed" in editor.get(reverse("workspace:course_detail", args=[run.course_id])).content.decode()
    assert editor.get(url).status_code == 404


def test_removing_a_course_with_runs_withdraws_it_and_every_run(who, client_for, listing):  # noqa: F811
    course = listing["course"]
    past = add_run(course, start_date=datetime.date.today() - datetime.timedelta(days=400))
    editor = client_for(who("content_editor"))
    url = reverse("workspace:course_remove", args=[course.pk])
    page = editor.get(url).content.decode()
    assert "its 1 run still to start will be removed too" in page and "its 1 past or removed run is kept" in page

    response = editor.post(url, follow=True)
    assert "Plumbing has been removed" in response.content.decode()
    course.refresh_from_db()
    assert course.withdrawn_at is not None
    assert set(CourseRun.objects.filter(course=course).values_list("withdrawn_at", flat=True)) == {course.withdrawn_at}
    assert past.pk in CourseRun.objects.values_list("pk", flat=True)
    assert AuditEvent.objects.get(action="courses.course_withdrawn").details["runs_withdrawn"] == 2
    assert client_for(None).get(public_page(listing["run"])).status_code == 410
    # A withdrawn course takes no new runs: only a CSV upload offers it again.
    with pytest.raises(ValidationError, match="This course has been removed"):
        course_run_create(actor=who("content_editor"), course=course, **ONLINE_RUN)
    detail = editor.get(reverse("workspace:course_detail", args=[course.pk])).content.decode()
    assert "Add a course run" not in detail and "Offer course again" in detail


def test_a_course_that_never_had_a_run_is_deleted(who, client_for, listing):  # noqa: F811
    empty = Course.objects.create(
        provider=listing["provider"], title="Bricklaying", level=1, sector=5, who_it_is_for="New bricklayers."
    )
    editor = client_for(who(OUR_EDITOR))
    url = reverse("workspace:course_remove", args=[empty.pk])
    assert "It will be deleted" in editor.get(url).content.decode()
    response = editor.post(url)
    assert response.status_code == 302
    assert not Course.objects.filter(pk=empty.pk).exists()
    assert AuditEvent.objects.filter(action="courses.course_deleted", object_id=str(empty.pk)).exists()


def test_a_venue_with_runs_still_to_start_cannot_be_removed(who, client_for, listing):  # noqa: F811
    venue, run = listing["venue"], listing["run"]
    run.provider_reference = "PL-SEP"
    run.save()
    editor = client_for(who(OUR_EDITOR))
    url = reverse("workspace:course_venue_remove", args=[venue.pk])
    page = editor.get(url).content.decode()
    assert "You cannot remove Park Lane campus yet" in page
    assert f"Plumbing, starting {run.start_date:%-d %B %Y} (reference PL-SEP)" in page
    assert "Remove venue" not in page
    editor.post(url)
    venue.refresh_from_db()
    assert venue.withdrawn_at is None

    # Once the run is removed, the venue is withdrawn (the run still names it), not deleted.
    editor.post(reverse("workspace:course_run_delete", args=[run.pk]))
    assert "past or removed course run keeps its address" in editor.get(url).content.decode()
    response = editor.post(url, follow=True)
    assert "Park Lane campus has been removed" in response.content.decode()
    venue.refresh_from_db()
    assert venue.withdrawn_at is not None
    assert AuditEvent.objects.filter(action="courses.venue_withdrawn", object_id=str(venue.pk)).exists()
    # No longer offered for a new run; on the provider's page only among the removed venues.
    new_run_page = editor.get(reverse("workspace:course_run_create", args=[listing["course"].pk])).content.decode()
    assert "Park Lane campus" not in new_run_page
    provider_page = editor.get(reverse("workspace:course_provider", args=[listing["provider"].pk])).content.decode()
    assert "1 Park Lane" not in provider_page.split('id="removed-venues"')[0]
    # Its name is still the removed venue's: adding it again by hand says how to bring it back.
    typed = {"name": "park lane campus", "address_line_1": "1 Park Lane", "town": "Leeds", "postcode": "LS1 1UR"}
    again = editor.post(reverse("workspace:course_venue_create", args=[listing["provider"].pk]), typed)
    assert "A removed venue has this name: choose Offer again beside it" in again.content.decode()


def test_a_venue_no_run_names_is_deleted(who, client_for, listing):  # noqa: F811
    spare = Venue.objects.create(
        provider=listing["provider"], name="Annexe", address_line_1="2 Park Lane", town="Leeds", postcode="LS1 1UR"
    )
    editor = client_for(who("content_editor"))
    url = reverse("workspace:course_venue_remove", args=[spare.pk])
    assert "the venue will be deleted" in editor.get(url).content.decode()
    editor.post(url)
    assert not Venue.objects.filter(pk=spare.pk).exists()
    assert AuditEvent.objects.filter(action="courses.venue_deleted").exists()


def test_uploading_removed_listings_again_offers_them_again(who, client_for, person, listing):  # noqa: F811
    editor = who(OUR_EDITOR)
    provider = listing["provider"]
    content = csv_bytes([run_row(), run_row(run_reference="R2", flexible_start="yes", start_date="")])
    import_courses(actor=editor, provider=provider, content=content)
    course = Course.objects.get(provider=provider, provider_reference="PLB2")
    client = client_for(editor)
    client.post(reverse("workspace:course_remove", args=[course.pk]))
    client.post(reverse("workspace:course_run_delete", args=[listing["run"].pk]))
    client.post(reverse("workspace:course_venue_remove", args=[listing["venue"].pk]))
    assert course_search(Criteria()).total == 0

    # Venues first (a run names a removed venue as unknown), then the courses: only R1 is in the file.
    assert import_venues(actor=editor, provider=provider, content=csv_bytes([venue_row()]))[2] == 1
    assert Venue.objects.get(pk=listing["venue"].pk).withdrawn_at is None
    counts = import_courses(actor=editor, provider=provider, content=csv_bytes([run_row()]))[1]
    assert counts == {"courses_added": 0, "courses_changed": 1, "runs_added": 0, "runs_changed": 1}
    course.refresh_from_db()
    assert course.withdrawn_at is None
    assert {run.provider_reference: run.withdrawn_at is None for run in course.runs.all()} == {"R1": True, "R2": False}
    assert course_search(Criteria()).total == 1
    # The same file again changes nothing.
    again = import_courses(actor=editor, provider=provider, content=csv_bytes([run_row()]))[1]
    assert again == dict.fromkeys(again, 0)
