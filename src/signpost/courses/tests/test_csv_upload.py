"""Bulk CSV upload: every problem with its row and column, only valid rows imported, re-runs add nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError

from signpost.core.models import AuditEvent
from signpost.courses import csv_upload
from signpost.courses.csv_upload import check_courses, check_venues, import_courses, import_venues
from signpost.courses.models import Course, CourseRun, Provider, ProviderEditor, RunRegion, Venue
from signpost.courses.tests.upload_files import csv_bytes, run_row, venue_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider():
    return Provider.objects.create(name="Leeds City College", ukprn="10000001")


@pytest.fixture
def editor(person, provider):
    user = person("course_editor")
    ProviderEditor.objects.create(user=user, provider=provider)
    return user


def test_a_good_venue_file_is_imported_once_and_updated_on_a_second_run(editor, provider):
    content = csv_bytes([venue_row(), venue_row(venue_name="York centre", postcode="yo1 7hh", town="York")])
    checked, added, changed = import_venues(actor=editor, provider=provider, content=content)
    assert (checked.errors, added, changed) == ([], 2, 0)
    york = Venue.objects.get(name="York centre")
    assert york.postcode == "YO1 7HH" and york.latitude == pytest.approx(53.96, abs=0.01)
    assert import_venues(actor=editor, provider=provider, content=content)[1:] == (0, 0)
    changed_file = csv_bytes([venue_row(venue_name="PARK LANE CAMPUS", address_line_1="2 Park Lane")])
    assert import_venues(actor=editor, provider=provider, content=changed_file)[1:] == (0, 1)
    assert Venue.objects.count() == 2
    assert Venue.objects.get(name="Park Lane campus").address_line_1 == "2 Park Lane"


def test_every_problem_in_a_venue_file_has_its_row_and_column():
    content = csv_bytes(
        [
            venue_row(postcode="ZZ99 9ZZ"),
            venue_row(venue_name="", town=""),
            venue_row(venue_name="Other", email="not-an-email", website="not a site"),
            venue_row(venue_name="Park lane CAMPUS"),
        ]
    )
    found = {(error.row, error.column, error.message) for error in check_venues(content).errors}
    assert found == {
        (2, "postcode", "Enter a real postcode: we cannot find this one"),
        (3, "venue_name", "Enter the venue name"),
        (3, "town", "Enter the town or city"),
        (4, "email", "Enter an email address in the correct format, like name@example.com"),
        (4, "website", "Enter a web address in the correct format, like https://www.example.org"),
        (5, "venue_name", "This venue is also on row 2: give each venue once"),
    }


def test_a_file_without_the_columns_is_refused_whole():
    checked = check_courses(b"title,level\nPlumbing,2\n", venue_names={})
    assert checked.file_error.startswith("The first row must name the columns. Missing: course_reference")
    assert checked.rows == 0


def test_a_good_course_file_imports_courses_with_their_runs_and_a_second_run_adds_nothing(editor, provider):
    Venue.objects.create(provider=provider, name="Park Lane campus", address_line_1="1 Park Lane", town="Leeds",
                         postcode="LS1 1UR")  # fmt: skip
    content = csv_bytes(
        [
            run_row(),
            run_row(run_reference="R2", attendance="daytime", cost="", cost_description="Free for adults on benefits"),
            run_row(
                course_reference="ESOL1",
                course_title="ESOL",
                level="Entry",
                course_type="essential skills",
                sector="12",
                run_reference="A",
                delivery_mode="work based",
                venue_name="",
                regions="London; South East",
                start_date="",
                flexible_start="yes",
            ),
        ]
    )
    checked, counts = import_courses(actor=editor, provider=provider, content=content)
    assert checked.errors == []
    assert counts == {"courses_added": 2, "courses_changed": 0, "runs_added": 3, "runs_changed": 0}
    esol = Course.objects.get(provider_reference="ESOL1")
    assert (esol.level, esol.sector, esol.course_type) == (0, 12, "essential_skills")
    run = esol.runs.get()
    assert run.flexible_start and run.start_date is None
    assert sorted(RunRegion.objects.filter(run=run).values_list("area", flat=True)) == [103, 107]
    assert import_courses(actor=editor, provider=provider, content=content)[1] == dict.fromkeys(counts, 0)
    assert (Course.objects.count(), CourseRun.objects.count()) == (2, 3)
    assert AuditEvent.objects.filter(action="courses.courses_uploaded").count() == 2


def test_a_mixed_file_imports_only_its_good_rows_and_names_every_problem(editor, provider):
    Venue.objects.create(provider=provider, name="Park Lane campus", address_line_1="1 Park Lane", town="Leeds",
                         postcode="LS1 1UR")  # fmt: skip
    rows = [
        run_row(),
        run_row(run_reference="R2", venue_name="Nowhere"),
        run_row(run_reference="R3", start_date="31/02/2027"),
        run_row(run_reference="R4", cost="", level="11"),
        run_row(run_reference="R5", delivery_mode="online"),
        run_row(run_reference="R1"),
        run_row(course_reference="", run_reference="R7", delivery_mode="work based", venue_name=""),
        run_row(run_reference="R8", start_date="", flexible_start="maybe"),
    ]
    checked, counts = import_courses(actor=editor, provider=provider, content=csv_bytes(rows))
    found = {(error.row, error.column, error.message) for error in checked.errors}
    assert found == {
        (3, "venue_name", "No venue of yours has this name: add it first (upload your venues)"),
        (4, "start_date", "The start date must be a real date, like 07/09/2027"),
        (5, "level", "The qualification level ‘11’ is not one we know (see the format guide)"),
        (5, "cost", "Enter a cost, or describe the cost"),
        (6, "venue_name", "An online course has no venue or regions"),
        (7, "run_reference", "This run is also on row 2: give each run once"),
        (8, "course_reference", "Enter your course reference: uploads use it to find the record again"),
        (8, "regions", "Select the regions where the course is offered, or all of England"),
        (9, "flexible_start", "Flexible start must be yes or no"),
        (9, "start_date", "Enter a start date, or say the start is flexible"),
    }
    assert counts["runs_added"] == 1 and CourseRun.objects.get().provider_reference == "R1"


def test_another_providers_course_editor_cannot_import(person, provider):
    other = Provider.objects.create(name="Another College", ukprn="10000002")
    stranger = person("course_editor")
    ProviderEditor.objects.create(user=stranger, provider=other)
    with pytest.raises(PermissionDenied):
        import_courses(actor=stranger, provider=provider, content=csv_bytes([run_row()]))
    assert not Course.objects.exists()


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of 3 valid rows and 2 problems kept for the page, so a short file spans several chunks."""
    monkeypatch.setattr(csv_upload, "CHUNK_ROWS", 3)
    monkeypatch.setattr(csv_upload, "ERRORS_KEPT", 2)


def chunked_file():
    """Eleven runs of four courses; rows 4, 8 and 11 (in the first, second and third chunks) have problems."""
    rows = [run_row(course_reference=f"C{number // 3}", run_reference=f"R{number % 3}") for number in range(11)]
    rows[2]["start_date"] = "31/02/2027"
    rows[6]["cost"] = ""
    rows[9]["level"] = "11"
    return csv_bytes(rows)


def test_a_file_of_several_chunks_reports_every_problem_and_imports_every_good_row_once(editor, provider, small_chunks):
    Venue.objects.create(provider=provider, name="Park Lane campus", address_line_1="1 Park Lane", town="Leeds",
                         postcode="LS1 1UR")  # fmt: skip
    content = chunked_file()
    checked = check_courses(content, venue_names=csv_upload.provider_venue_names(provider))
    assert (checked.rows, checked.valid_rows, checked.rows_with_errors, checked.error_count) == (11, 8, 3, 3)
    assert [error.row for error in checked.errors] == [4, 8]  # the page's share; the CSV has them all
    problems = "".join(csv_upload.problems_csv("courses", content, venue_names={"park lane campus": 1}))
    assert [line.split(",")[:2] for line in problems.splitlines()[1:]] == [
        ["4", "start_date"], ["8", "cost"], ["11", "level"]
    ]  # fmt: skip

    checked, counts = import_courses(actor=editor, provider=provider, content=content)
    assert counts == {"courses_added": 4, "courses_changed": 0, "runs_added": 8, "runs_changed": 0}
    assert sorted(CourseRun.objects.values_list("course__provider_reference", "provider_reference")) == [
        ("C0", "R0"), ("C0", "R1"), ("C1", "R0"), ("C1", "R1"), ("C1", "R2"), ("C2", "R1"), ("C2", "R2"), ("C3", "R1"),
    ]  # fmt: skip
    assert AuditEvent.objects.filter(action="courses.courses_uploaded").count() == 3  # one a chunk
    assert import_courses(actor=editor, provider=provider, content=content)[1] == dict.fromkeys(counts, 0)
    assert (Course.objects.count(), CourseRun.objects.count()) == (4, 8)


def test_an_import_that_stops_part_way_says_how_far_it_got_and_a_rerun_finishes_it(
    editor, provider, small_chunks, monkeypatch
):
    Venue.objects.create(provider=provider, name="Park Lane campus", address_line_1="1 Park Lane", town="Leeds",
                         postcode="LS1 1UR")  # fmt: skip
    announce = csv_upload.announce_courses_changed
    chunks = []

    def fail_on_the_second_chunk(course_ids):
        chunks.append(course_ids)
        if len(chunks) == 2:
            raise DatabaseError("disk full")
        announce(course_ids)

    monkeypatch.setattr(csv_upload, "announce_courses_changed", fail_on_the_second_chunk)
    with pytest.raises(csv_upload.ImportStopped) as stopped:
        import_courses(actor=editor, provider=provider, content=chunked_file())
    assert stopped.value.last_row == 5 and stopped.value.counts["runs_added"] == 3
    assert CourseRun.objects.count() == 3  # the first chunk stays; the second was rolled back whole
    monkeypatch.setattr(csv_upload, "announce_courses_changed", announce)
    counts = import_courses(actor=editor, provider=provider, content=chunked_file())[1]
    assert counts == {"courses_added": 2, "courses_changed": 0, "runs_added": 5, "runs_changed": 0}
    assert (Course.objects.count(), CourseRun.objects.count()) == (4, 8)
