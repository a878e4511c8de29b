"""The customer's action plans online: only their own, accepting, updating progress (with the
rules' errors and nothing typed lost), and their own plans; each change reaches the timeline."""

from __future__ import annotations

import datetime
import re
from html import unescape
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import PEOPLE
from signpost.accounts.roles import Role
from signpost.contacts.models import TimelineEvent
from signpost.customers.models import Customer
from signpost.plans import codes, services
from signpost.plans.models import ActionPlan
from signpost.plans.tests.builders import link_account, plan_with_goal_and_action
from tests.factories import CustomerFactory, make_customer, make_staff

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def text_of(response: Any) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def date_fields(
    name: str, day: datetime.date | None = None, *, raw: tuple[str, str, str] | None = None
) -> dict[str, str]:
    parts = raw or ((str(day.day), str(day.month), str(day.year)) if day else ("", "", ""))
    return {f"{name}-day": parts[0], f"{name}-month": parts[1], f"{name}-year": parts[2]}


@pytest.fixture
def adviser(london: Any) -> Any:
    return make_staff(Role.ADVISER, organisation=london, mfa=False)


@pytest.fixture
def customer(db: Any) -> Customer:
    return CustomerFactory(given_name="Nia", family_name="Okoro")


@pytest.fixture
def owner(customer: Customer) -> Any:
    account = make_customer()
    link_account(account, customer)
    return account


@pytest.fixture
def as_owner(owner: Any) -> Client:
    client = Client()
    client.force_login(owner)
    return client


# Every page, for everyone ---------------------------------------------------------------------

PLAN_PAGES = ["plan_detail", "plan_pdf", "goal_progress", "action_progress", "own_goal_add", "own_action_add"]
GENERAL_PAGES = ["plan_list", "own_plan_create"]


def _url(name: str, adviser_plan: ActionPlan, own_plan: ActionPlan) -> str:
    if name in GENERAL_PAGES:
        return reverse(f"portal:{name}")
    plan = own_plan if name.startswith("own_") else adviser_plan
    kwargs: dict[str, Any] = {"pk": plan.pk}
    if name == "goal_progress":
        kwargs["goal_pk"] = plan.goals.get().pk
    if name == "action_progress":
        kwargs["action_pk"] = plan.actions.get().pk
    return reverse(f"portal:{name}", kwargs=kwargs)


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("page", GENERAL_PAGES + PLAN_PAGES)
def test_customers_see_only_their_own_plans(
    who: str, page: str, person: Any, client_for: Any, adviser: Any, customer: Customer
) -> None:
    adviser_plan = plan_with_goal_and_action(customer, adviser)
    user = person(who)
    if who == "customer":
        link_account(user, customer)
    elif who == "other_customer":
        link_account(user, CustomerFactory())
    if who == "customer":
        owner = user
    else:
        owner = make_customer()
        link_account(owner, customer)
    own_plan = services.own_plan_create(actor=owner, customer=customer)
    services.goal_add(actor=adviser, plan=own_plan, goal_type=1, summary="Learn to code", due_on=TODAY())
    services.action_add(actor=adviser, plan=own_plan, action_type=16, summary="Find a course", due_on=TODAY())
    response = client_for(user).get(_url(page, adviser_plan, own_plan))
    if who == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif who == "customer":
        assert response.status_code == 200, response.content[:300]
    elif who == "other_customer":
        # Their own list and new-plan page work; any plan of someone else's is not found.
        assert response.status_code == (200 if page in GENERAL_PAGES else 404)
        if page == "plan_list":
            assert "You have no action plans yet." in text_of(response)
    else:
        assert response.status_code == 403


def test_an_account_not_linked_to_a_record_is_sent_to_the_account_page(client_for: Any) -> None:
    response = client_for(make_customer()).get(reverse("portal:plan_list"))
    assert response.status_code == 302 and response["Location"] == reverse("portal:account")


def test_accepting_is_a_post_by_the_owner_and_the_adviser_sees_it(
    as_owner: Client, adviser: Any, customer: Customer
) -> None:
    plan = plan_with_goal_and_action(customer, adviser)
    detail = text_of(as_owner.get(reverse("portal:plan_detail", kwargs={"pk": plan.pk})))
    assert "Accept this plan" in detail and "Start a level 3 childcare course" in detail
    assert as_owner.get(reverse("portal:plan_accept", kwargs={"pk": plan.pk})).status_code == 405
    response = as_owner.post(reverse("portal:plan_accept", kwargs={"pk": plan.pk}), follow=True)
    assert "You have accepted your plan." in text_of(response)
    plan.refresh_from_db()
    assert plan.acknowledged_at is not None
    assert TimelineEvent.objects.filter(customer=customer, kind="plan.accepted").count() == 1
    again = as_owner.post(reverse("portal:plan_accept", kwargs={"pk": plan.pk}), follow=True)
    assert "You have already accepted this plan." in text_of(again)


def test_completing_an_action_online(as_owner: Client, adviser: Any, customer: Customer) -> None:
    plan = plan_with_goal_and_action(customer, adviser)
    action = plan.actions.get()
    url = reverse("portal:action_progress", kwargs={"pk": plan.pk, "action_pk": action.pk})
    response = as_owner.post(
        url,
        {**date_fields("due_on", action.due_on), "status": "3", **date_fields("completed_on", TODAY())},
        follow=True,
    )
    assert "Your action has been updated" in text_of(response)
    action.refresh_from_db()
    assert action.status == codes.ActionStatus.COMPLETED
    assert TimelineEvent.objects.get(customer=customer, kind="plan.action_changed")


def test_bad_progress_input_shows_the_rule_and_keeps_what_was_typed(
    as_owner: Client, adviser: Any, customer: Customer
) -> None:
    plan = plan_with_goal_and_action(customer, adviser)
    goal, action = plan.goals.get(), plan.actions.get()
    before = goal.captured_on - datetime.timedelta(days=1)
    response = as_owner.post(
        reverse("portal:goal_progress", kwargs={"pk": plan.pk, "goal_pk": goal.pk}),
        {**date_fields("due_on", before), "status": "2"},
    )
    page = text_of(response)
    assert "<title>Error: Update your goal" in response.content.decode()
    assert "The due date must be the same as or after the date the goal was captured" in page
    assert "Enter the date the goal was achieved." in page
    assert f'value="{before.day}"' in response.content.decode()
    response = as_owner.post(
        reverse("portal:action_progress", kwargs={"pk": plan.pk, "action_pk": action.pk}),
        {**date_fields("due_on", raw=("30", "2", "2026")), "status": "7"},
    )
    page = text_of(response)
    assert "Due date must be a real date" in page and "Select how the action is going" in page
    goal.refresh_from_db()
    action.refresh_from_db()
    assert goal.status == codes.GoalStatus.IN_PROGRESS and action.status == codes.ActionStatus.NOT_STARTED


def test_making_and_filling_an_own_plan(as_owner: Client, customer: Customer) -> None:
    too_long = as_owner.post(reverse("portal:own_plan_create"), {"current_situation": "x" * 4001})
    assert "Where you are now must be 4000 characters or fewer" in text_of(too_long)
    response = as_owner.post(reverse("portal:own_plan_create"), {"current_situation": "Back to work after a break"})
    plan = ActionPlan.objects.get(customer=customer)
    assert response["Location"] == reverse("portal:own_goal_add", kwargs={"pk": plan.pk})
    empty = as_owner.post(
        reverse("portal:own_goal_add", kwargs={"pk": plan.pk}), {"summary": "Work in a garden centre"}
    )
    page = text_of(empty)
    assert "Select what kind of goal it is" in page and "Enter the due date" in page
    assert "Work in a garden centre" in page
    as_owner.post(
        reverse("portal:own_goal_add", kwargs={"pk": plan.pk}),
        {"goal_type": "2", "summary": "Work in a garden centre", **date_fields("due_on", TODAY())},
    )
    bad_action = as_owner.post(
        reverse("portal:own_action_add", kwargs={"pk": plan.pk}), {"action_type": "4", "summary": ""}
    )
    assert "Enter what you will do" in text_of(bad_action)
    as_owner.post(
        reverse("portal:own_action_add", kwargs={"pk": plan.pk}),
        {"action_type": "4", "summary": "Ask at three garden centres", **date_fields("due_on", TODAY())},
    )
    assert plan.goals.count() == 1 and plan.actions.count() == 1
    kinds = set(TimelineEvent.objects.filter(customer=customer).values_list("kind", flat=True))
    assert kinds == {"plan.own_created", "plan.goal_added", "plan.action_added"}


def test_an_adviser_s_plan_takes_no_goals_from_the_customer(as_owner: Client, adviser: Any, customer: Customer) -> None:
    plan = plan_with_goal_and_action(customer, adviser)
    response = as_owner.post(
        reverse("portal:own_goal_add", kwargs={"pk": plan.pk}),
        {"goal_type": "2", "summary": "Sneaky", **date_fields("due_on", TODAY())},
    )
    assert response.status_code == 404 and plan.goals.count() == 1
