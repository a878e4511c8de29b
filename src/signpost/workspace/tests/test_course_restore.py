"""Offering removed venues, courses and course runs again in the workspace (courses.rules, offering
listings again): who may, what the confirmation page says, what comes back and what stays removed."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from conftest import PEOPLE
from signpost.core.models import AuditEvent
from signpost.courses import services
from signpost.courses.models import Course, CourseRun, Venue
from signpost.courses.search_selectors import Criteria, course_search
from signpost.space import services as space_services
from signpost.space.models import SavedItem
from signpost.workspace.tests.test_course_removal import ONLINE_RUN, add_run, public_page
from signpost.workspace.tests.test_courses import OTHER_EDITOR, OUR_EDITOR, listing, who  # noqa: F401

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def old_depot(provider, **fields):
    return Venue.objects.create(
        provider=provider, name="Old depot", address_line_1="9 Kirkstall Road", town="Leeds", postcode="LS3 1LH",
        latitude=53.8, longitude=-1.57, **fields,
    )  # fmt: skip


def restore_pages(listing, depot, alone):  # noqa: F811
    return [
        reverse("workspace:course_run_restore", args=[alone.pk]),
        reverse("workspace:course_restore", args=[listing["course"].pk]),
        reverse("workspace:course_venue_restore", args=[depot.pk]),
    ]


@pytest.mark.parametrize("name", [*PEOPLE, OUR_EDITOR, OTHER_EDITOR])
def test_who_may_offer_listings_again(name, who, client_for, listing):  # noqa: F811
    editor = who("content_editor")
    user = who(name)
    services.course_remove(actor=editor, course=listing["course"])
    depot = old_depot(listing["provider"], withdrawn_at=timezone.now())
    bricklaying = Course.objects.create(provider=listing["provider"], title="Bricklaying", level=1, sector=5)
    alone = add_run(bricklaying)
    services.course_run_remove(actor=editor, run=alone)

    client = client_for(user)
    for url in restore_pages(listing, depot, alone):
        shown, posted = client.get(url), client.post(url)
        if user is None:
            assert shown.status_code == posted.status_code == 302, url
            assert shown["Location"].startswith("/workspace/sign-in/")
        elif name in ("content_editor", OUR_EDITOR):
            assert shown.status_code == 200, (name, url)
            assert "Are you sure you want to offer" in shown.content.decode(), url
            assert posted.status_code == 302, url
        elif name == OTHER_EDITOR:
            # Another provider's listings are not there at all for this editor.
            assert shown.status_code == posted.status_code == 404, url
        else:
            assert shown.status_code == posted.status_code == 403, (name, url)
    back = name in ("content_editor", OUR_EDITOR)
    for record in (listing["course"], listing["run"], depot, alone):
        record.refresh_from_db()
        assert (record.withdrawn_at is None) is back, (name, record)
    restored = AuditEvent.objects.filter(action__startswith="courses.", action__endswith="_restored")
    assert sorted(restored.values_list("action", flat=True)) == (
        ["courses.course_restored", "courses.run_restored", "courses.venue_restored"] if back else []
    )
    if back:
        assert set(restored.values_list("actor", flat=True)) == {user.pk}


def test_offering_a_course_again_brings_back_the_runs_removed_with_it(who, client_for, person, listing):  # noqa: F811
    course, run = listing["course"], listing["run"]
    removed_before = add_run(course, provider_reference="ONLINE-1")
    past = add_run(course, start_date=TODAY - datetime.timedelta(days=40))
    customer = person("customer")
    space_services.saved_item_save(
        actor=customer, kind=SavedItem.Kind.COURSE, key=str(run.pk), title="Plumbing", path=public_page(run)
    )
    editor = client_for(who(OUR_EDITOR))
    editor.post(reverse("workspace:course_run_delete", args=[removed_before.pk]))
    editor.post(reverse("workspace:course_remove", args=[course.pk]))
    assert course_search(Criteria()).total == 0

    detail = editor.get(reverse("workspace:course_detail", args=[course.pk])).content.decode()
    assert "Offer course again" in detail and "Remove course" not in detail
    # While the course is removed, none of its runs can be offered again on its own.
    assert "Offer again" not in detail.replace("Offer course again", "").replace("Offer it again here", "")

    url = reverse("workspace:course_restore", args=[course.pk])
    page = editor.get(url).content.decode()
    assert "Are you sure you want to offer Plumbing again?" in page
    assert f"Plumbing, starting {run.start_date:%-d %B %Y}" in page
    assert "its 2 other removed runs stay removed" in page
    assert "1 person has saved one of the runs that come back" in page

    response = editor.post(url, follow=True)
    assert "Plumbing is offered again, with 1 course run people can find" in response.content.decode()
    course.refresh_from_db()
    states = {pk: at is None for pk, at in CourseRun.objects.filter(course=course).values_list("pk", "withdrawn_at")}
    assert course.withdrawn_at is None
    assert states == {run.pk: True, removed_before.pk: False, past.pk: False}
    event = AuditEvent.objects.get(action="courses.course_restored")
    assert event.object_id == str(course.pk) and event.details["runs_restored"] == [run.pk]
    assert course_search(Criteria()).total == 1
    assert client_for(customer).get(public_page(run)).status_code == 200

    # The run removed on its own comes back on its own; the past one cannot.
    detail = editor.get(reverse("workspace:course_detail", args=[course.pk])).content.decode()
    assert detail.count(">Offer again<") == 1
    page = editor.get(reverse("workspace:course_run_restore", args=[removed_before.pk])).content.decode()
    assert "Are you sure you want to offer this course run again?" in page and "(reference ONLINE-1)" in page
    response = editor.post(reverse("workspace:course_run_restore", args=[removed_before.pk]), follow=True)
    assert "is offered again" in response.content.decode()
    removed_before.refresh_from_db()
    assert removed_before.withdrawn_at is None
    assert AuditEvent.objects.filter(action="courses.run_restored", object_id=str(removed_before.pk)).exists()

    refused = editor.get(reverse("workspace:course_run_restore", args=[past.pk])).content.decode()
    assert "You cannot offer this course run again" in refused and "has already started" in refused
    assert "Offer course run again" not in refused
    assert editor.post(reverse("workspace:course_run_restore", args=[past.pk])).status_code == 200
    past.refresh_from_db()
    assert past.withdrawn_at is not None
    with pytest.raises(ValidationError, match="already started"):
        services.course_run_restore(actor=who("content_editor"), run=past)


def test_a_run_waits_for_its_course_and_its_venue(who, client_for, listing):  # noqa: F811
    editor_user = who(OUR_EDITOR)
    editor = client_for(editor_user)
    run, venue, course = listing["run"], listing["venue"], listing["course"]
    editor.post(reverse("workspace:course_run_delete", args=[run.pk]))
    editor.post(reverse("workspace:course_remove", args=[course.pk]))
    url = reverse("workspace:course_run_restore", args=[run.pk])
    assert "Offer the course again first" in editor.get(url).content.decode()
    with pytest.raises(ValidationError, match="Offer the course again first"):
        services.course_run_restore(actor=editor_user, run=run)

    # The course comes back without the run removed before it; then the venue is removed.
    editor.post(reverse("workspace:course_restore", args=[course.pk]))
    editor.post(reverse("workspace:course_venue_remove", args=[venue.pk]))
    venue.refresh_from_db()
    assert venue.withdrawn_at is not None
    page = editor.get(url).content.decode()
    assert "Offer the venue again first" in page and "Offer course run again" not in page
    editor.post(url)
    run.refresh_from_db()
    assert run.withdrawn_at is not None
    assert AuditEvent.objects.filter(action="courses.run_restored").count() == 0


def test_offering_a_venue_again(who, client_for, listing):  # noqa: F811
    editor = client_for(who("content_editor"))
    run, venue, provider = listing["run"], listing["venue"], listing["provider"]
    editor.post(reverse("workspace:course_run_delete", args=[run.pk]))
    editor.post(reverse("workspace:course_venue_remove", args=[venue.pk]))
    provider_page = editor.get(reverse("workspace:course_provider", args=[provider.pk])).content.decode()
    removed = provider_page.split('id="removed-venues"', 1)[1]
    assert (
        "Park Lane campus" in removed and 'Offer again<span class="govuk-visually-hidden"> Park Lane campus' in removed
    )
    new_run_page = editor.get(reverse("workspace:course_run_create", args=[listing["course"].pk])).content.decode()
    assert "Park Lane campus" not in new_run_page

    url = reverse("workspace:course_venue_restore", args=[venue.pk])
    page = editor.get(url).content.decode()
    assert "Are you sure you want to offer Park Lane campus again?" in page
    assert "its 1 past or removed course run stays as it is" in page
    response = editor.post(url, follow=True)
    assert "Park Lane campus is offered again" in response.content.decode()
    venue.refresh_from_db()
    run.refresh_from_db()
    assert venue.withdrawn_at is None and run.withdrawn_at is not None
    event = AuditEvent.objects.get(action="courses.venue_restored")
    assert event.object_id == str(venue.pk)
    new_run_page = editor.get(reverse("workspace:course_run_create", args=[listing["course"].pk])).content.decode()
    assert "Park Lane campus" in new_run_page
    # Now its run may come back too.
    editor.post(reverse("workspace:course_run_restore", args=[run.pk]))
    run.refresh_from_db()
    assert run.withdrawn_at is None


def test_what_is_offered_has_nothing_to_offer_again(who, client_for, listing):  # noqa: F811
    editor = client_for(who("content_editor"))
    for url in restore_pages(listing, listing["venue"], listing["run"]):
        assert editor.get(url).status_code == editor.post(url).status_code == 404, url
    assert not AuditEvent.objects.filter(action__endswith="_restored").exists()


def test_a_course_whose_runs_have_all_started_comes_back_alone(who, client_for, listing):  # noqa: F811
    course = listing["course"]
    CourseRun.objects.filter(pk=listing["run"].pk).update(start_date=TODAY - datetime.timedelta(days=3))
    editor = client_for(who("content_editor"))
    editor.post(reverse("workspace:course_remove", args=[course.pk]))
    page = editor.get(reverse("workspace:course_restore", args=[course.pk])).content.decode()
    assert "none of its runs comes back" in page
    response = editor.post(reverse("workspace:course_restore", args=[course.pk]), follow=True)
    assert "None of its runs came back: add a run" in response.content.decode()
    course.refresh_from_db()
    assert course.withdrawn_at is None
    services.course_run_create(actor=who("content_editor"), course=course, **ONLINE_RUN)
    assert course_search(Criteria()).total == 1
