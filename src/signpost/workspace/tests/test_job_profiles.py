"""Job profiles in the workspace: only content editors may edit, review and publish them; a published
profile changes on the public side only when its working copy is published; who changed what."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import PEOPLE
from signpost.careers import selectors
from signpost.careers.models import JobProfile, ProfileStatus
from signpost.careers.tests.builders import make_category, make_profile
from signpost.core.models import AuditEvent

pytestmark = pytest.mark.django_db

EDITORS = {"content_editor"}


def _denied(response: Any, who: str) -> bool:
    if who == "anonymous":
        return response.status_code == 302 and reverse("workspace:sign_in") in response["Location"]
    return response.status_code == 403


@pytest.mark.parametrize("who", PEOPLE)
def test_only_content_editors_reach_job_profiles(
    who: str, person: Callable[[str], Any], client_for: Callable[[Any], Client]
) -> None:
    profile = make_profile("Plumber", status=ProfileStatus.REVIEW)
    client = client_for(person(who))
    pages = [
        reverse("workspace:job_profile_list"),
        reverse("workspace:job_profile_due"),
        reverse("workspace:job_profile_create"),
        reverse("workspace:job_profile_detail", kwargs={"pk": profile.pk}),
        reverse("workspace:job_profile_edit", kwargs={"pk": profile.pk}),
    ]
    actions = [
        reverse(f"workspace:job_profile_{name}", kwargs={"pk": profile.pk})
        for name in ("submit", "publish", "return", "reviewed")
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200 if who in EDITORS else _denied(response, who), (who, page)
    for action in actions:
        response = client.post(action, {"reason": "Check the pay"})
        assert response.status_code in (200, 302) if who in EDITORS else _denied(response, who), (who, action)
    profile.refresh_from_db()
    assert profile.status == (ProfileStatus.REVIEW if who not in EDITORS else profile.status)
    if who not in EDITORS:
        assert not AuditEvent.objects.filter(action__startswith="careers.").exists()


def _form(**overrides: Any) -> dict[str, Any]:
    data = {
        "title": "Plumber",
        "overview": "Plumbers fit and mend water and heating systems.",
        "salary_starter": "22000",
        "salary_experienced": "42000",
        "hours_min": "40",
        "hours_max": "45",
        "tasks": "fitting pipes\n- mending leaks\n\n",
        "categories": [str(make_category("Construction and trades").pk)],
    }
    data.update(overrides)
    return data


def test_creating_a_profile_with_mistakes_keeps_what_was_typed(
    person: Callable[[str], Any], client_for: Callable[[Any], Client]
) -> None:
    client = client_for(person("content_editor"))
    response = client.post(
        reverse("workspace:job_profile_create"),
        _form(title="", salary_starter="lots", hours_min="50", hours_max="40", categories=[]),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html
    for message in (
        "Enter the job title",
        "Enter the starter salary as a whole number of pounds, like 21000",
        "The most hours must be at least the fewest hours",
        "Select at least one job category",
    ):
        assert message in html
    assert "Plumbers fit and mend water and heating systems." in html and 'value="lots"' in html
    assert not JobProfile.objects.exists()


def test_an_editor_drafts_reviews_and_publishes_a_change_with_history(
    person: Callable[[str], Any], client_for: Callable[[Any], Client]
) -> None:
    editor = person("content_editor")
    client = client_for(editor)
    created = client.post(reverse("workspace:job_profile_create"), _form())
    profile = JobProfile.objects.get(slug="plumber")
    assert created["Location"] == reverse("workspace:job_profile_detail", kwargs={"pk": profile.pk})
    assert profile.status == ProfileStatus.DRAFT and profile.tasks == ["fitting pipes", "mending leaks"]
    assert selectors.profile_by_slug("plumber") is None

    client.post(reverse("workspace:job_profile_submit", kwargs={"pk": profile.pk}))
    client.post(reverse("workspace:job_profile_publish", kwargs={"pk": profile.pk}))
    published = selectors.profile_by_slug("plumber")
    assert published is not None and published.last_reviewed_on == timezone.localdate()

    # Changing the published profile leaves the public page alone until the change is published.
    client.post(reverse("workspace:job_profile_edit", kwargs={"pk": profile.pk}), _form(salary_starter="24000"))
    copy = JobProfile.objects.get(draft_of=profile)
    assert copy.salary_starter == 24000 and copy.status == ProfileStatus.DRAFT
    assert selectors.profile_by_slug("plumber").salary_starter == 22000  # type: ignore[union-attr]
    client.post(reverse("workspace:job_profile_submit", kwargs={"pk": copy.pk}))
    returned = client.post(reverse("workspace:job_profile_return", kwargs={"pk": copy.pk}), {"reason": ""})
    assert "Say what needs to change before it can be published" in returned.content.decode()
    client.post(reverse("workspace:job_profile_publish", kwargs={"pk": copy.pk}))

    assert not JobProfile.objects.filter(draft_of=profile).exists()
    public = selectors.profile_by_slug("plumber")
    assert public is not None and public.pk == profile.pk and public.salary_starter == 24000
    page = client.get(reverse("workspace:job_profile_detail", kwargs={"pk": profile.pk})).content.decode()
    assert editor.full_name in page and "Published" in page and "Created" in page
    assert AuditEvent.objects.filter(action="careers.profile_published", object_id=str(profile.pk)).count() == 2


def test_due_for_review_lists_overdue_published_profiles_until_marked_reviewed(
    person: Callable[[str], Any], client_for: Callable[[Any], Client]
) -> None:
    overdue = make_profile("Welder", review_due_on=timezone.localdate() - timedelta(days=3))
    make_profile("Baker", review_due_on=timezone.localdate() + timedelta(days=30))
    make_profile("Draft baker", status=ProfileStatus.DRAFT, review_due_on=date(2020, 1, 1))
    client = client_for(person("content_editor"))
    due = client.get(reverse("workspace:job_profile_due")).content.decode()
    assert "Welder" in due and "Baker" not in due

    client.post(reverse("workspace:job_profile_reviewed", kwargs={"pk": overdue.pk}))
    overdue.refresh_from_db()
    assert overdue.last_reviewed_on == timezone.localdate()
    assert "No job profiles are due for review" in client.get(reverse("workspace:job_profile_due")).content.decode()


def test_editing_routes_keeps_their_links_and_drops_an_emptied_route(
    person: Callable[[str], Any], client_for: Callable[[Any], Client]
) -> None:
    link = {"text": "search for courses", "url": "/find-a-course"}
    profile = make_profile(
        "Baker",
        status=ProfileStatus.DRAFT,
        restrictions=["pass a food hygiene course"],
        entry_routes=[
            {"kind": "college", "subjects": "Old text", "requirements_intro": "You may need:", "requirements": [],
             "links": [link], "description": "", "further_information": ""},
            {"kind": "work", "subjects": "", "description": "Start as a bakery assistant.", "requirements_intro": "",
             "requirements": [], "links": [], "further_information": ""},
        ],
    )
    client = client_for(person("content_editor"))
    page = client.get(reverse("workspace:job_profile_edit", kwargs={"pk": profile.pk})).content.decode()
    assert "Old text" in page and "Start as a bakery assistant." in page and "pass a food hygiene course" in page

    client.post(
        reverse("workspace:job_profile_edit", kwargs={"pk": profile.pk}),
        _form(
            title="Baker",
            route_college="A Level 2 Diploma in Professional Bakery.",
            route_college_requirements="2 GCSEs\n",
            route_direct="Apply to a bakery.",
            restrictions="pass a food hygiene course",
        ),
    )
    profile.refresh_from_db()
    college, direct = profile.entry_routes
    assert college["subjects"] == "A Level 2 Diploma in Professional Bakery."
    assert college["requirements"] == ["2 GCSEs"] and college["links"] == [link]
    assert college["requirements_intro"] == "You may need:"
    assert direct["kind"] == "direct" and direct["description"] == "Apply to a bakery."
    assert profile.restrictions == ["pass a food hygiene course"]
