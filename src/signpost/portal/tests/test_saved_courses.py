"""The online space's saved list marks saved courses that have been withdrawn since, keeps their remove
button and link (which answers 410), and reads them in one query however many there are."""

from __future__ import annotations

import datetime
from html import unescape

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from signpost.courses import services as course_services
from signpost.courses.models import Course, CourseRun, Provider
from signpost.space import services as space_services
from signpost.space.models import SavedItem
from tests.factories import make_customer

pytestmark = pytest.mark.django_db

GONE = "No longer available"


def add_course(provider: Provider, title: str) -> CourseRun:
    course = Course.objects.create(provider=provider, title=title, level=2, sector=5, who_it_is_for="Anyone.")
    return CourseRun.objects.create(
        course=course, delivery_mode="online", study_mode="part_time", attendance="evening",
        start_date=datetime.date.today() + datetime.timedelta(days=30), duration=10, duration_unit="weeks", cost=0,
    )  # fmt: skip


def save(customer, run: CourseRun) -> str:
    path = reverse("portal:course_run", args=[run.course_id, run.pk])
    space_services.saved_item_save(
        actor=customer, kind=SavedItem.Kind.COURSE, key=str(run.pk), title=run.course.title, path=path
    )
    return path


def rows(page: str) -> dict[str, str]:
    """Each saved item's row, by its title."""
    found = {}
    for row in page.split('<div class="govuk-summary-list__row">')[1:]:
        title = row.split('class="govuk-link"', 1)[1].split(">", 1)[1].split("<", 1)[0]
        found[title] = row
    return found


def test_withdrawn_courses_are_marked_and_can_still_be_removed(person) -> None:
    editor = person("content_editor")
    provider = Provider.objects.create(name="Leeds City College", ukprn="10000001")
    plumbing, welding, bricklaying = (add_course(provider, title) for title in ("Plumbing", "Welding", "Bricklaying"))
    customer = make_customer()
    paths = {run.course.title: save(customer, run) for run in (plumbing, welding, bricklaying)}
    space_services.saved_item_save(
        actor=customer, kind=SavedItem.Kind.JOB_PROFILE, key="vet", title="Vet", path="/careers/vet/"
    )
    course_services.course_remove(actor=editor, course=welding.course)
    course_services.course_run_remove(actor=editor, run=bricklaying)

    client = Client()
    client.force_login(customer)
    page = unescape(client.get(reverse("portal:saved_list")).content.decode())
    shown = rows(page)
    assert set(shown) == {"Plumbing", "Welding", "Bricklaying", "Vet"}
    assert sorted(title for title, row in shown.items() if GONE in row) == ["Bricklaying", "Welding"]
    assert 'class="govuk-tag govuk-tag--grey">No longer available</strong>' in shown["Welding"]
    for title in ("Welding", "Bricklaying"):
        assert (
            f'href="{paths[title]}"' in shown[title]
            and f'Remove<span class="govuk-visually-hidden"> {title}' in (shown[title])
        )
        assert client.get(paths[title]).status_code == 410

    client.post(reverse("portal:saved_remove"), {"kind": SavedItem.Kind.COURSE, "key": str(welding.pk)})
    assert not SavedItem.objects.filter(user=customer, key=str(welding.pk)).exists()

    # Offered again, the course is no longer marked.
    course_services.course_restore(actor=editor, course=welding.course)
    course_services.course_run_restore(actor=editor, run=bricklaying)
    page = unescape(client.get(reverse("portal:saved_list")).content.decode())
    assert GONE not in page


def test_the_list_reads_saved_courses_in_a_fixed_number_of_queries(person) -> None:
    editor = person("content_editor")
    provider = Provider.objects.create(name="Leeds City College", ukprn="10000001")
    customer = make_customer()
    client = Client()
    client.force_login(customer)
    first = add_course(provider, "Course 0")
    save(customer, first)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("portal:saved_list"))
    for number in range(1, 8):
        run = add_course(provider, f"Course {number}")
        save(customer, run)
        if number % 2:
            course_services.course_remove(actor=editor, course=run.course)
    with CaptureQueriesContext(connection) as eight:
        page = unescape(client.get(reverse("portal:saved_list")).content.decode())
    assert page.count(GONE) == 4
    assert len(eight.captured_queries) == len(one.captured_queries)
