"""Bulk upload pages: who may use them, the checks on the file, and upload → check → import."""

from __future__ import annotations

import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from django.test.client import BOUNDARY, encode_multipart
from django.urls import reverse

from conftest import PEOPLE
from signpost.core.uploads import EICAR
from signpost.courses import csv_upload
from signpost.courses.models import CourseRun, Provider, ProviderEditor, Venue
from signpost.courses.tests.upload_files import csv_bytes, run_row, venue_row

pytestmark = pytest.mark.django_db
OUR_EDITOR, OTHER_EDITOR = "course_editor_of_this_provider", "course_editor_of_another_provider"


@pytest.fixture
def provider(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    return Provider.objects.create(name="Leeds City College", ukprn="10000001")


@pytest.fixture
def who(person, provider):
    def build(name):
        if name in (OUR_EDITOR, OTHER_EDITOR):
            user = person("course_editor")
            linked = provider if name == OUR_EDITOR else Provider.objects.create(name="Other", ukprn="10000002")
            ProviderEditor.objects.create(user=user, provider=linked)
            return user
        return person(name)

    return build


def streamed(response):
    return b"".join(response.streaming_content).decode()


def upload(client, provider, kind, content, name="file.csv"):
    return client.post(
        reverse("workspace:course_upload", args=[provider.pk, kind]), {"file": SimpleUploadedFile(name, content)}
    )


@pytest.mark.parametrize("name", [*PEOPLE, OUR_EDITOR, OTHER_EDITOR])
def test_who_may_upload(name, who, client_for, provider):
    user = who(name)
    client = client_for(user)
    response = upload(client, provider, "venues", csv_bytes([venue_row()]))
    pages = [
        client.get(reverse("workspace:course_upload", args=[provider.pk, "courses"])),
        client.get(reverse("workspace:course_upload_check", args=[provider.pk, "venues"])),
        client.get(reverse("workspace:course_upload_errors", args=[provider.pk, "venues"])),
        client.post(reverse("workspace:course_upload_import", args=[provider.pk, "venues"])),
    ]
    if user is None:
        assert all(page.status_code == 302 and "/sign-in/" in page["Location"] for page in [response, *pages])
    elif name in ("content_editor", OUR_EDITOR):
        assert response["Location"] == reverse("workspace:course_upload_check", args=[provider.pk, "venues"])
        assert pages[0].status_code == 200 and "Upload courses and course runs" in pages[0].content.decode()
        assert "Rows ready to import" in pages[1].content.decode()
        assert streamed(pages[2]) == "row,column,problem\r\n"
        assert Venue.objects.filter(provider=provider).count() == 1
    else:
        assert [page.status_code for page in [response, *pages]] == [403] * 5
        assert not Venue.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.7 not a spreadsheet", "The selected file must be a CSV file"),
        (b"", "The selected file is empty"),
        (b"venue_name,town\n" + EICAR, "The selected file contains a virus: it has not been kept."),
    ],
)
def test_a_file_that_is_not_a_clean_csv_is_refused(who, client_for, provider, content, message):
    response = upload(client_for(who(OUR_EDITOR)), provider, "venues", content)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html and message in html


def test_upload_check_fix_and_import(who, client_for, provider):
    client = client_for(who(OUR_EDITOR))
    Venue.objects.create(provider=provider, name="Park Lane campus", address_line_1="1 Park Lane", town="Leeds",
                         postcode="LS1 1UR")  # fmt: skip
    mixed = csv_bytes([run_row(), run_row(run_reference="R2", start_date="31/02/2027")])
    upload(client, provider, "courses", mixed)
    check = client.get(reverse("workspace:course_upload_check", args=[provider.pk, "courses"]))
    html = check.content.decode()
    assert "<title>Error: " in html
    assert "1 row has problems" in html and "The start date must be a real date" in html and "Import 1 row" in html
    problems = client.get(reverse("workspace:course_upload_errors", args=[provider.pk, "courses"]))
    assert streamed(problems).splitlines()[1] == '3,start_date,"The start date must be a real date, like 07/09/2027"'
    assert not CourseRun.objects.exists()  # nothing until confirmed
    fixed = csv_bytes([run_row(), run_row(run_reference="R2")])
    upload(client, provider, "courses", fixed)
    html = client.get(reverse("workspace:course_upload_check", args=[provider.pk, "courses"])).content.decode()
    assert "Error: " not in html and "Import 2 rows" in html
    done = client.post(reverse("workspace:course_upload_import", args=[provider.pk, "courses"]), follow=True)
    assert "Imported 2 rows: 1 courses added and 0 changed; 2 course runs added and 0 changed" in done.content.decode()
    assert CourseRun.objects.count() == 2
    # The kept file is gone: importing again needs a new upload.
    again = client.post(reverse("workspace:course_upload_import", args=[provider.pk, "courses"]))
    assert again["Location"] == reverse("workspace:course_upload", args=[provider.pk, "courses"])


def test_the_page_shows_the_first_problems_and_the_csv_has_every_one(who, client_for, provider, monkeypatch):
    monkeypatch.setattr(csv_upload, "ERRORS_KEPT", 1)
    client = client_for(who(OUR_EDITOR))
    upload(
        client, provider, "venues", csv_bytes([venue_row(postcode="ZZ99 9ZZ"), venue_row(venue_name="Other", town="")])
    )
    html = client.get(reverse("workspace:course_upload_check", args=[provider.pk, "venues"])).content.decode()
    assert "2 rows have problems" in html and "The first 1 of 2 problems are shown" in html
    problems = streamed(client.get(reverse("workspace:course_upload_errors", args=[provider.pk, "venues"])))
    assert [line.split(",")[:2] for line in problems.splitlines()[1:]] == [["2", "postcode"], ["3", "town"]]


def test_an_import_that_stops_part_way_says_so_and_can_be_run_again(who, client_for, provider, monkeypatch):
    client = client_for(who(OUR_EDITOR))
    upload(client, provider, "venues", csv_bytes([venue_row()]))
    import_page = reverse("workspace:course_upload_import", args=[provider.pk, "venues"])

    def database_gone(course_ids):
        raise DatabaseError("server closed the connection")

    monkeypatch.setattr(csv_upload, "announce_courses_changed", database_gone)
    html = client.post(import_page, follow=True).content.decode()
    assert "The import stopped part way because of a problem on our side. Nothing was imported" in html
    assert "Import 1 row" in html and not Venue.objects.exists()
    monkeypatch.undo()
    client.post(import_page)
    assert Venue.objects.filter(provider=provider).count() == 1


# Size: the limit comes from settings (the environment), and the file streams to disk -----------


def test_a_file_over_the_limit_is_refused_with_a_clear_message_and_not_kept(who, client_for, provider, settings):
    settings.COURSE_UPLOAD_MAX_BYTES = 2048
    client = client_for(who(OUR_EDITOR))
    page = client.get(reverse("workspace:course_upload", args=[provider.pk, "venues"])).content.decode()
    assert "A CSV file smaller than 2KB" in page
    big = csv_bytes([venue_row(venue_name=f"Venue {number}") for number in range(40)])
    assert len(big) > 2048
    response = upload(client, provider, "venues", big)
    html = response.content.decode()
    assert response.status_code == 200 and "<title>Error: " in html
    assert 'class="govuk-error-summary"' in html and 'href="#id_file"' in html
    assert html.count("The selected file must be smaller than 2KB.") == 2  # the summary and the field
    assert "Select a CSV file" not in html
    assert not list(settings.MEDIA_ROOT.glob("course-uploads/*"))
    # Just under the limit is taken.
    small = csv_bytes([venue_row()])
    assert upload(client, provider, "venues", small).status_code == 302


def test_the_upload_page_still_needs_the_form_s_csrf_token(who, client_for, provider):
    client = client_for(who(OUR_EDITOR))
    client.handler.enforce_csrf_checks = True
    response = upload(client, provider, "venues", csv_bytes([venue_row()]))
    assert response.status_code == 403
    assert not client.session.get(f"course_upload:{provider.pk}:venues")


def test_a_large_file_goes_through_the_real_pages_without_being_held_in_memory(who, client_for, provider):
    Venue.objects.create(provider=provider, name="Park Lane campus", address_line_1="1 Park Lane", town="Leeds",
                         postcode="LS1 1UR", latitude=53.8, longitude=-1.55)  # fmt: skip
    rows = 30_000
    content = csv_bytes(
        [run_row(course_reference=f"C{number // 3}", run_reference=f"R{number}") for number in range(rows)]
    )
    assert len(content) > 7 * 1024 * 1024
    client = client_for(who(OUR_EDITOR))
    body = encode_multipart(BOUNDARY, {"file": SimpleUploadedFile("courses.csv", content)})
    url = reverse("workspace:course_upload", args=[provider.pk, "courses"])
    del content
    tracemalloc.start()
    try:
        # The body as it is (a content type equal to, not the same object as, MULTIPART_CONTENT).
        response = client.post(url, body, content_type=f"multipart/form-data; boundary={BOUNDARY}")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert response.status_code == 302, response.content[:500]
    # The test client copies the body once; receiving, checking the type, scanning and keeping the
    # file add only buffers of a fixed size on top (about 2 MB), never another copy of the file.
    assert peak - len(body) < 4 * 1024 * 1024, (peak, len(body))
    check = client.get(reverse("workspace:course_upload_check", args=[provider.pk, "courses"])).content.decode()
    assert f"Import {rows} rows" in check
