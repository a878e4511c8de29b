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
from signpost.careers.models import JobProfile, ProfileStatus, SocUnitGroup
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


def test_editing_routes_changes_their_links_and_drops_an_emptied_route(
    person: Callable[[str], Any], client_for: Callable[[Any], Client]
) -> None:
    link = {"text": "search for courses", "url": "/find-a-course"}
    profile = make_profile(
        "Baker",
        status=ProfileStatus.DRAFT,
        restrictions=["pass a food hygiene course"],
        entry_routes=[
            {
                "kind": "college",
                "subjects": "Old text",
                "requirements_intro": "You may need:",
                "requirements": [],
                "links": [link],
                "description": "",
                "further_information": "",
            },
            {
                "kind": "work",
                "subjects": "",
                "description": "Start as a bakery assistant.",
                "requirements_intro": "",
                "requirements": [],
                "links": [],
                "further_information": "",
            },
        ],
    )
    client = client_for(person("content_editor"))
    edit = reverse("workspace:job_profile_edit", kwargs={"pk": profile.pk})
    page = client.get(edit).content.decode()
    assert "Old text" in page and "Start as a bakery assistant." in page and "pass a food hygiene course" in page
    assert "search for courses | /find-a-course" in page

    form = _form(
        title="Baker",
        route_college="A Level 2 Diploma in Professional Bakery.",
        route_college_requirements="2 GCSEs\n",
        route_college_links="search for courses | /no-such-page/",
        route_direct="Apply to a bakery.",
        route_direct_links="Bakery jobs https://example.org/jobs\nScam | javascript:alert(1)",
        restrictions="pass a food hygiene course",
    )
    refused = client.post(edit, form).content.decode()
    assert "Link 1: there is no page on this service at that address" in refused
    assert "Link 1: write the words of the link, a bar ( | ), then its address" in refused
    assert "Scam | javascript:alert(1)" in refused  # what was typed stays
    profile.refresh_from_db()
    assert profile.entry_routes[0]["subjects"] == "Old text"

    form["route_direct_links"] = "Scam | javascript:alert(1)"
    assert "Link 1: enter the full address, starting https:// or http://" in client.post(edit, form).content.decode()
    form["route_direct_links"] = "Elsewhere | //example.org/jobs"
    assert "Link 1: enter the full address, starting https:// or http://" in client.post(edit, form).content.decode()

    # The national profiles' own link to their course search is a page here, so the profile saves.
    form["route_college_links"] = "search for courses | /find-a-course"
    form["route_direct_links"] = ""
    client.post(edit, form)
    profile.refresh_from_db()
    assert profile.entry_routes[0]["links"] == [link]
    assert client.get("/find-a-course").headers["Location"] == reverse("portal:course_search")

    form["route_college_links"] = "Find a course | https://nationalcareers.service.gov.uk/find-a-course"
    form["route_direct_links"] = "Bakery jobs | https://example.org/jobs\nBaking guild|http://example.org/guild"
    client.post(edit, form)
    profile.refresh_from_db()
    college, direct = profile.entry_routes
    assert college["subjects"] == "A Level 2 Diploma in Professional Bakery."
    assert college["requirements"] == ["2 GCSEs"] and college["requirements_intro"] == "You may need:"
    assert college["links"] == [
        {"text": "Find a course", "url": "https://nationalcareers.service.gov.uk/find-a-course"}
    ]
    assert direct["kind"] == "direct" and direct["description"] == "Apply to a bakery."
    assert direct["links"] == [
        {"text": "Bakery jobs", "url": "https://example.org/jobs"},
        {"text": "Baking guild", "url": "http://example.org/guild"},
    ]
    assert profile.restrictions == ["pass a food hygiene course"]


def test_an_editor_orders_skills_and_sets_the_digital_level_and_codes(
    person: Callable[[str], Any], client_for: Callable[[Any], Client]
) -> None:
    SocUnitGroup.objects.create(code="5315", title="Plumbers and heating and ventilating installers")
    profile = make_profile(
        "Plumber",
        skills=[
            {"name": "Customer service", "description": "helping people", "onet_element_id": "2.B.1.f", "rank": 1},
            {"name": "Maths", "description": "numbers", "onet_element_id": "2.A.1.e", "rank": 2},
        ],
    )
    client = client_for(person("content_editor"))
    edit = reverse("workspace:job_profile_edit", kwargs={"pk": profile.pk})
    assert "Customer service\nMaths" in client.get(edit).content.decode()

    bad = _form(soc2010_code="53a", soc2020_code="9999", onet_code="47-2152", skills="Maths")
    page = client.post(edit, bad).content.decode()
    for message in (
        "Enter the SOC 2010 code as 4 digits, like 5314",
        "Enter a SOC 2020 code that is a unit group: 9999 is not one",
        "Enter the O*NET-SOC code like 15-1252.00",
    ):
        assert message in page
    assert 'value="47-2152"' in page
    assert not JobProfile.objects.filter(draft_of=profile).exists()

    client.post(
        edit,
        _form(
            skills="Maths\nproblem solving\n- Customer service\nmaths",
            digital_skills_level="confident",
            soc2010_code="5314",
            soc2020_code="5315",
            onet_code="47-2152.00",
        ),
    )
    copy = JobProfile.objects.get(draft_of=profile)
    assert [(skill["name"], skill["rank"]) for skill in copy.skills] == [
        ("Maths", 1),
        ("problem solving", 2),
        ("Customer service", 3),
    ]
    assert copy.skills[0]["onet_element_id"] == "2.A.1.e" and copy.skills[2]["description"] == "helping people"
    assert (copy.digital_skills_level, copy.soc2010_code, copy.soc2020_code, copy.onet_code) == (
        "confident",
        "5314",
        "5315",
        "47-2152.00",
    )
    assert selectors.profile_by_slug("plumber").onet_code == ""  # type: ignore[union-attr]
    # The reviewer sees what changed on the working copy's page.
    detail = client.get(reverse("workspace:job_profile_detail", kwargs={"pk": copy.pk})).content.decode()
    assert "<li>Maths</li><li>problem solving</li><li>Customer service</li>" in detail
    assert "Confident: use a computer" in detail
    assert "SOC 2010: 5314<br>SOC 2020: 5315<br>O*NET-SOC: 47-2152.00" in detail
    event = AuditEvent.objects.get(action="careers.profile_edited")
    assert {"skills", "digital_skills_level", "soc2020_code", "onet_code"} <= set(event.details["fields"])
    # Many fields at once: the history's reason fits its column (PostgreSQL refuses longer ones).
    reason = copy.history.first().history_change_reason  # type: ignore[union-attr]
    assert reason.startswith("Edited: ") and len(reason) <= 100


@pytest.mark.parametrize("who", PEOPLE)
def test_only_content_editors_change_skills_and_codes(
    who: str, person: Callable[[str], Any], client_for: Callable[[Any], Client]
) -> None:
    profile = make_profile("Plumber", status=ProfileStatus.DRAFT)
    response = client_for(person(who)).post(
        reverse("workspace:job_profile_edit", kwargs={"pk": profile.pk}),
        _form(
            skills="Maths",
            digital_skills_level="basic",
            soc2010_code="5314",
            route_direct_links="Jobs | https://example.org",
        ),
    )
    profile.refresh_from_db()
    if who in EDITORS:
        assert response.status_code == 302
        assert profile.skills[0]["name"] == "Maths" and profile.soc2010_code == "5314"
    else:
        assert _denied(response, who)
        assert profile.skills == [] and profile.soc2010_code == "" and profile.digital_skills_level == ""
