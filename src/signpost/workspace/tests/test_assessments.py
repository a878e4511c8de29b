"""Skills assessments in the workspace: an adviser opens a customer's results with the code (or
from their linked online space), adds "discuss the results" to a plan; content editors keep the
trait → job category mapping."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import PEOPLE
from signpost.assessments import instrument
from signpost.assessments.models import Assessment, TraitMapping
from signpost.careers.tests.builders import make_category
from signpost.core.models import AuditEvent
from signpost.plans import codes as plan_codes
from signpost.plans.models import Action
from signpost.plans.tests.builders import link_account, plan_with_goal_and_action
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db

READERS = {"adviser", "team_leader", "other_organisation_adviser"}
EDITORS = {"content_editor"}


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


def finished(**fields: Any) -> Assessment:
    answers = {s.code: (5 if (s.trait == "helper") != s.reverse else 1) for s in instrument.STATEMENTS}
    now = timezone.now()
    return Assessment.objects.create(
        code=fields.pop("code", "HEMP2345"), answers=answers, completed_at=now, changed_at=now, **fields
    )


def expected(response: Any, allowed: bool, who: str) -> None:
    if allowed:
        assert response.status_code == 200
    elif who == "anonymous":
        assert response.status_code == 302 and reverse("workspace:sign_in") in response["Location"]
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("who", PEOPLE)
def test_who_may_open_results_with_a_code(
    who: str, person: Callable[[str], Any], client_for: Callable[[Any], Client]
) -> None:
    customer = CustomerFactory()
    assessment = finished()
    client = client_for(person(who))
    lookup = reverse("workspace:assessment_lookup", kwargs={"reference": customer.reference})
    expected(client.get(lookup), who in READERS, who)
    if who in READERS:
        record = client.get(reverse("workspace:customer_record", kwargs={"reference": customer.reference}))
        assert f'href="{lookup}"' in record.content.decode()
    results = reverse("workspace:assessment_results", kwargs={"reference": customer.reference, "pk": assessment.pk})
    response = client.get(results)
    if who in READERS:
        # Knowing the number is not enough: the code must be given first.
        assert response.status_code == 404
        opened = client.post(lookup, {"code": "hemp 2345"})
        assert opened["Location"] == results
        page = client.get(results).content.decode()
        assert "Caring" in page and "Skills assessment results" in page
        assert AuditEvent.objects.filter(
            action="assessment.results_viewed", object_id=str(customer.pk), details__how="code"
        ).exists()
    else:
        expected(response, False, who)
        discuss = reverse("workspace:assessment_discuss", kwargs={"reference": customer.reference, "pk": assessment.pk})
        refused = client.post(discuss, {"plan": "1"})
        assert refused.status_code == (302 if who == "anonymous" else 403)


def test_a_wrong_code_is_explained_kept_and_counted(
    person: Callable[[str], Any], client_for: Callable[[Any], Client]
) -> None:
    customer = CustomerFactory()
    finished()
    client = client_for(person("adviser"))
    lookup = reverse("workspace:assessment_lookup", kwargs={"reference": customer.reference})
    response = client.post(lookup, {"code": "ZZZZ 9999"})
    html = response.content.decode()
    assert "We could not find an assessment" in html and 'value="ZZZZ 9999"' in html
    for _ in range(10):
        client.post(lookup, {"code": "ZZZZ 9999"})
    refused = client.post(lookup, {"code": "HEMP 2345"}).content.decode()
    assert "You have tried too many reference codes" in refused


def test_results_saved_to_the_linked_space_open_without_a_code_and_go_into_a_plan(
    person: Callable[[str], Any], client_for: Callable[[Any], Client]
) -> None:
    customer = CustomerFactory()
    account = person("customer")
    link_account(account, customer)
    adviser = person("adviser")
    plan = plan_with_goal_and_action(customer, adviser)
    assessment = finished(owner=account)
    other = finished(code="NQTR2345", owner=person("other_customer"))
    client = client_for(adviser)
    lookup = client.get(reverse("workspace:assessment_lookup", kwargs={"reference": customer.reference}))
    results = reverse("workspace:assessment_results", kwargs={"reference": customer.reference, "pk": assessment.pk})
    assert results in lookup.content.decode()
    assert client.get(results).status_code == 200
    not_theirs = reverse("workspace:assessment_results", kwargs={"reference": customer.reference, "pk": other.pk})
    assert client.get(not_theirs).status_code == 404

    discuss = reverse("workspace:assessment_discuss", kwargs={"reference": customer.reference, "pk": assessment.pk})
    missing = client.post(discuss, {})
    assert "Select the action plan to add it to" in missing.content.decode()
    assert client.post(discuss, {"plan": plan.pk}).status_code == 302
    action = Action.objects.get(plan=plan, action_type=plan_codes.ActionType.DISCOVER_YOUR_SKILLS_AND_CAREERS)
    assert "HEMP 2345" in action.summary and action.responsible == plan_codes.PersonResponsible.ADVISER
    assert AuditEvent.objects.filter(action="assessment.discussion_planned").exists()


@pytest.mark.parametrize("who", PEOPLE)
def test_who_may_keep_the_mapping(who: str, person: Callable[[str], Any], client_for: Callable[[Any], Client]) -> None:
    client = client_for(person(who))
    expected(client.get(reverse("workspace:assessment_mapping")), who in EDITORS, who)
    edit = reverse("workspace:assessment_mapping_edit", kwargs={"slug": "social-care"})
    expected(client.get(edit), who in EDITORS, who)


def test_a_content_editor_changes_a_category_s_traits_with_history(
    person: Callable[[str], Any], client_for: Callable[[Any], Client]
) -> None:
    make_category("Social care")
    editor = person("content_editor")
    client = client_for(editor)
    listing = client.get(reverse("workspace:assessment_mapping")).content.decode()
    assert "Social care" in listing and "Caring" in listing
    assert "Assessment mapping" in client.get(reverse("workspace:home")).content.decode()
    edit = reverse("workspace:assessment_mapping_edit", kwargs={"slug": "social-care"})
    empty = client.post(edit, {"reason": "Trying"})
    html = empty.content.decode()
    assert "Select at least one trait" in html and 'value="Trying"' in html
    response = client.post(edit, {"traits": ["helper", "influencer"], "reason": "Care work is sociable"})
    assert response.status_code == 302
    assert TraitMapping.objects.get(job_category="social-care").traits == ["helper", "influencer"]
    history = client.get(edit).content.decode()
    assert editor.full_name in history and "Care work is sociable" in history and "The starting mapping" in history


def test_an_adviser_adds_a_skills_check_s_suggested_actions_to_a_plan(
    person: Callable[[str], Any], client_for: Callable[[Any], Client]
) -> None:
    customer = CustomerFactory()
    adviser = person("adviser")
    plan = plan_with_goal_and_action(customer, adviser)
    now = timezone.now()
    ratings = {"working_with_others": 5, "solving_problems": 1, "communicating": 4, "planning": 3}
    check = Assessment.objects.create(
        kind=Assessment.Kind.SKILLS_CHECK,
        code="SKCK2345",
        answers=ratings | {"handling_pressure": 2, "using_technology": 3},
        completed_at=now,
        changed_at=now,
    )
    client = client_for(adviser)
    client.post(reverse("workspace:assessment_lookup", kwargs={"reference": customer.reference}), {"code": "skck2345"})
    results = reverse("workspace:assessment_results", kwargs={"reference": customer.reference, "pk": check.pk})
    assert "Add the suggested actions to the plan" in client.get(results).content.decode()
    discuss = reverse("workspace:assessment_discuss", kwargs={"reference": customer.reference, "pk": check.pk})
    assert client.post(discuss, {"plan": plan.pk, "add": "actions"}).status_code == 302
    added = Action.objects.filter(plan=plan).exclude(action_type=plan_codes.ActionType.FIND_A_COURSE)
    assert sorted(action.summary.split(":")[0] for action in added) == ["Handling pressure"]
    assert Action.objects.filter(plan=plan, summary__startswith="Solving problems:").exists()
