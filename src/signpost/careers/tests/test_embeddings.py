"""The "describe what you enjoy" search (careers/embeddings.py): the page without the optional extra
(or switched off), and, marked ``embeddings``, the vectors, their command, the background task after
publishing and the page with the real model. Tests that need the extra skip only when it is absent."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from django.core.management import call_command
from django.test import Client
from django_tasks_db.models import DBTaskResult

from conftest import PEOPLE
from signpost.careers import embeddings, services
from signpost.careers.models import JobProfile, JobProfileVector, ProfileStatus
from signpost.careers.tests.builders import make_profile

ROOT = Path(__file__).resolve().parents[4]
DESCRIBE = "/careers/describe/"


def needs_extra(test: Callable[..., None]) -> Callable[..., None]:
    """Marked ``embeddings`` (CI runs these after `make install-embeddings`); skipped without the extra."""
    skip = pytest.mark.skipif(not embeddings.installed(), reason="the embeddings extra is not installed")
    return pytest.mark.embeddings(skip(test))


def _profiles() -> None:
    make_profile(
        "Kennel worker",
        categories=("Animal care",),
        overview="Kennel workers look after dogs and cats while their owners are away.",
        tasks=["feed and exercise dogs", "clean out kennels", "check animals for signs of illness"],
    )
    make_profile(
        "Motor mechanic",
        categories=("Engineering and maintenance",),
        overview="Motor mechanics service and repair cars, vans and other vehicles.",
        tasks=["find faults in engines", "replace worn parts", "carry out servicing"],
    )
    make_profile(
        "Bookkeeper",
        categories=("Business and finance",),
        overview="Bookkeepers keep the financial records of a business up to date.",
        tasks=["record money coming in and going out", "prepare invoices"],
    )


# Without the extra, or switched off ------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_switched_off_the_page_explains_and_points_to_the_keyword_search(
    settings: Any, client: Client, method: str
) -> None:
    settings.CAREERS_DESCRIBE_SEARCH = False
    response = getattr(client, method)(DESCRIBE, {"description": "I like looking after animals"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "is not available on this service at the moment" in page
    assert 'href="/careers/search/"' in page
    assert "<textarea" not in page
    for other in ("/careers/", "/careers/search/?q=vet"):
        assert DESCRIBE not in client.get(other).content.decode(), other


def test_the_setting_comes_from_the_environment() -> None:
    """SIGNPOST_CAREERS_DESCRIBE_SEARCH=false switches the search off, read by the settings module."""

    def read(value: str | None) -> str:
        environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "signpost.config.test_settings", "PYTHONPATH": "src"}
        environment.pop("SIGNPOST_CAREERS_DESCRIBE_SEARCH", None)
        if value is not None:
            environment["SIGNPOST_CAREERS_DESCRIBE_SEARCH"] = value
        code = "from django.conf import settings; print(settings.CAREERS_DESCRIBE_SEARCH)"
        result = subprocess.run(  # noqa: S603 - our own interpreter and settings
            [sys.executable, "-c", code], env=environment, cwd=ROOT, capture_output=True, text=True, check=True
        )
        return result.stdout.strip()

    assert read(None) == "True"
    assert read("false") == "False"
    assert read("on") == "True"


@pytest.mark.django_db
@pytest.mark.parametrize("who", PEOPLE)
def test_everyone_may_open_the_page(
    who: str, person: Callable[[str], Any], client_for: Callable[[Any], Client]
) -> None:
    """A public page: anonymous visitors, customers and every staff role see the same page."""
    response = client_for(person(who)).get(DESCRIBE)
    assert response.status_code == 200
    expected = "Describe what you enjoy doing" if embeddings.available() else "is not available on this service"
    assert expected in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("switched_on", [True, False])
def test_publishing_queues_an_embedding_only_when_the_search_is_available(
    settings: Any, django_capture_on_commit_callbacks: Any, switched_on: bool
) -> None:
    settings.CAREERS_DESCRIBE_SEARCH = switched_on
    draft = make_profile("Kennel worker", status=ProfileStatus.REVIEW)
    with django_capture_on_commit_callbacks(execute=True):
        services.profile_publish(actor=None, profile=draft)
    queued = DBTaskResult.objects.filter(task_path="signpost.careers.tasks.embed_job_profile")
    expected = [[draft.pk]] if switched_on and embeddings.installed() else []
    assert [task.args_kwargs["args"] for task in queued] == expected


# With the extra --------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("   ", "Enter a description of what you enjoy doing"),
        ("a" * 501, "Description must be 500 characters or fewer"),
    ],
)
@needs_extra
def test_an_empty_or_too_long_description_is_refused_and_kept(client: Client, typed: str, message: str) -> None:
    response = client.post(DESCRIBE, {"description": typed})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Find jobs by what you enjoy – " in page
    assert 'class="govuk-error-summary"' in page
    assert page.count(message) == 2  # in the summary and beside the box
    assert f">{typed}</textarea>" in page


@pytest.mark.django_db
@needs_extra
def test_the_command_embeds_changed_profiles_only_and_drops_unpublished_ones() -> None:
    _profiles()
    make_profile("Draft job", status=ProfileStatus.DRAFT)
    out = StringIO()
    call_command("embed_job_profiles", stdout=out)
    assert "Embedded 3 of 3 changed profiles" in out.getvalue()
    assert "3 published profiles (all-MiniLM-L6-v2): 3 embedded, 0 unchanged; 0 vectors" in out.getvalue()
    stored = JobProfileVector.objects.get(profile__slug="kennel-worker")
    vector = np.frombuffer(bytes(stored.vector), dtype="<f4")
    assert vector.shape == (embeddings.DIMENSIONS,)
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-4
    assert stored.text_hash == embeddings.text_hash(
        embeddings.profile_text(stored.profile, ["Animal care"])  # type: ignore[arg-type]
    )

    again = StringIO()
    call_command("embed_job_profiles", stdout=again)
    assert "3 published profiles (all-MiniLM-L6-v2): 0 embedded, 3 unchanged; 0 vectors" in again.getvalue()

    mechanic = JobProfile.objects.get(slug="motor-mechanic")
    mechanic.overview = "Motor mechanics repair cars and vans in garages."
    mechanic.save()
    bookkeeper = JobProfile.objects.get(slug="bookkeeper")
    bookkeeper.status = ProfileStatus.DRAFT
    bookkeeper.save()
    third = StringIO()
    call_command("embed_job_profiles", stdout=third)
    assert "2 published profiles (all-MiniLM-L6-v2): 1 embedded, 1 unchanged; 1 vectors" in third.getvalue()
    assert set(JobProfileVector.objects.values_list("profile__slug", flat=True)) == {"kennel-worker", "motor-mechanic"}


# The task worker closes its connections, as a real one does: only a committed test survives it.
@pytest.mark.django_db(transaction=True)
@needs_extra
def test_publishing_embeds_the_profile_in_the_background(run_tasks: Callable[[], None]) -> None:
    _profiles()
    call_command("embed_job_profiles", stdout=StringIO())
    before = bytes(JobProfileVector.objects.get(profile__slug="kennel-worker").vector)
    published = services.profile_edit(
        actor=None,
        profile=JobProfile.objects.get(slug="kennel-worker"),
        changes={"overview": "Kennel workers care for dogs in boarding kennels and rescue centres."},
    )
    services.profile_submit_for_review(actor=None, profile=published)
    services.profile_publish(actor=None, profile=published)
    assert bytes(JobProfileVector.objects.get(profile__slug="kennel-worker").vector) == before  # not yet
    run_tasks()
    after = JobProfileVector.objects.get(profile__slug="kennel-worker")
    assert bytes(after.vector) != before
    assert after.text_hash == embeddings.text_hash(embeddings.profile_text(after.profile, ["Animal care"]))


@pytest.mark.django_db
@needs_extra
def test_the_page_lists_the_closest_profiles_with_why_and_keeps_nothing(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    _profiles()
    call_command("embed_job_profiles", stdout=StringIO())
    assert 'href="/careers/describe/"' in client.get("/careers/").content.decode()
    assert 'href="/careers/describe/"' in client.get("/careers/search/?q=vet").content.decode()
    form = client.get(DESCRIBE).content.decode()
    assert 'data-module="govuk-character-count"' in form
    assert 'data-maxlength="500"' in form

    typed = "I really like looking after dogs and other pets"
    vectors = list(JobProfileVector.objects.order_by("profile_id").values_list("profile_id", "text_hash"))
    with caplog.at_level(logging.DEBUG):
        response = client.post(DESCRIBE, {"description": typed})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Jobs that match what you enjoy – " in page
    results = page[page.index('id="results-heading"') :]
    first = results[results.index("<li>") :]
    assert first.index('href="/job-profiles/kennel-worker/"') < first.index("</li>")
    assert "to what you described. Job category: Animal care" in results
    # Shown back in the form only; nothing logged, nothing written.
    assert page.count(typed) == 1
    assert all(typed not in record.getMessage() for record in caplog.records)
    assert list(JobProfileVector.objects.order_by("profile_id").values_list("profile_id", "text_hash")) == vectors


@pytest.mark.django_db
@needs_extra
def test_the_matrix_follows_publishing_and_new_vectors() -> None:
    _profiles()
    call_command("embed_job_profiles", stdout=StringIO())
    assert [match.title for match in embeddings.describe("fixing car engines", limit=1)] == ["Motor mechanic"]
    mechanic = JobProfile.objects.get(slug="motor-mechanic")
    mechanic.status = ProfileStatus.DRAFT
    mechanic.save()
    assert "Motor mechanic" not in [match.title for match in embeddings.describe("fixing car engines")]
    make_profile("Vehicle body repairer", overview="Vehicle body repairers fix dents and damage to cars.")
    call_command("embed_job_profiles", stdout=StringIO())
    assert embeddings.describe("fixing car engines", limit=1)[0].title == "Vehicle body repairer"
    assert embeddings.describe("", limit=1) == []
