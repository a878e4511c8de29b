"""The teams pages: who may see and use them (every role, and staff of another organisation), what
they show, bad input on every form (the message, and what was typed kept), and the team's members
seeing its tasks in "my team's tasks"."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest
from django.urls import reverse

from conftest import PEOPLE
from signpost.accounts.roles import MANAGE_TEAMS, ROLE_PERMISSIONS, Role
from signpost.casework import codes, services, team_services
from signpost.casework.models import Task, Team
from signpost.core.models import AuditEvent
from signpost.organisations.models import Organisation
from tests.factories import make_staff

pytestmark = pytest.mark.django_db

SIGN_IN = "/workspace/sign-in/"
MANAGERS = {role for role, permissions in ROLE_PERMISSIONS.items() if MANAGE_TEAMS in permissions}


def text_of(response: Any) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def role_of(who: str) -> str:
    return {"other_organisation_admin": Role.SYSTEM_ADMINISTRATOR, "other_organisation_adviser": Role.ADVISER}.get(
        who, who
    )


@pytest.fixture
def leader(london: Organisation) -> Any:
    return make_staff(Role.TEAM_LEADER, organisation=london, given_name="Tess", family_name="Leader")


@pytest.fixture
def adviser(london: Organisation) -> Any:
    return make_staff(Role.ADVISER, organisation=london, given_name="Ada", family_name="Adviser")


@pytest.fixture
def team(leader: Any, london: Organisation) -> Team:
    return team_services.team_create(actor=leader, organisation=london, name="Callbacks")


def test_the_roles_that_keep_teams():
    assert {Role.TEAM_LEADER, Role.MANAGER, Role.SYSTEM_ADMINISTRATOR} == MANAGERS


PAGES = {
    # page → whether it is about one of London's teams (so another organisation's staff get 404)
    "team_list": False,
    "team_create": False,
    "team_detail": True,
    "team_rename": True,
    "team_member_add": True,
    "team_archive": True,
}


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_for_every_person(who, page, person, client_for, team):
    url = reverse(f"workspace:{page}", kwargs={"pk": team.pk} if PAGES[page] else {})
    user = person(who)
    client = client_for(user)
    response = client.get(url)
    if page == "team_list" and getattr(user, "is_staff_member", False):
        # The workspace navigation links to teams for exactly those who may use them.
        home = client.get(reverse("workspace:home")).content.decode()
        assert (f'href="{url}"' in home) is (role_of(who) in MANAGERS)
    if who == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith(SIGN_IN)
    elif role_of(who) not in MANAGERS:
        assert response.status_code == 403
    elif who.startswith("other_organisation") and PAGES[page]:
        assert response.status_code == 404
    else:
        assert response.status_code == 200
        assert "<h1" in response.content.decode()
        if page == "team_list":
            assert ("Callbacks" in text_of(response)) is (not who.startswith("other_organisation"))


@pytest.mark.parametrize("who", ["other_organisation_admin", "adviser", "customer", "anonymous"])
def test_nothing_is_written_by_people_who_may_not(who, person, client_for, team, adviser):
    team.members.add(adviser)
    client = client_for(person(who))
    client.post(reverse("workspace:team_create"), {"name": "Ours"})
    client.post(reverse("workspace:team_rename", kwargs={"pk": team.pk}), {"name": "Renamed"})
    client.post(reverse("workspace:team_member_remove", kwargs={"pk": team.pk, "member_pk": adviser.pk}))
    client.post(reverse("workspace:team_archive", kwargs={"pk": team.pk}))
    team.refresh_from_db()
    assert team.name == "Callbacks" and not team.is_archived and list(team.members.all()) == [adviser]
    assert Team.objects.filter(organisation=team.organisation).count() == 1


def test_empty_list_then_create_rename_add_and_remove(client_for, leader, adviser, london):
    client = client_for(leader)
    empty = text_of(client.get(reverse("workspace:team_list")))
    assert "There are no teams yet" in empty

    created = client.post(reverse("workspace:team_create"), {"name": "Callbacks"}, follow=True)
    team = Team.objects.get(organisation=london)
    assert created.redirect_chain[-1][0] == reverse("workspace:team_detail", kwargs={"pk": team.pk})
    assert "Callbacks has been created: add its members" in text_of(created)
    assert "Nobody is in this team yet" in text_of(created)

    form = text_of(client.get(reverse("workspace:team_member_add", kwargs={"pk": team.pk})))
    assert "Ada Adviser" in form and "Tess Leader" in form
    added = client.post(
        reverse("workspace:team_member_add", kwargs={"pk": team.pk}), {"member": adviser.pk}, follow=True
    )
    assert "Ada Adviser has joined Callbacks" in text_of(added)
    assert "Ada Adviser" not in text_of(client.get(reverse("workspace:team_member_add", kwargs={"pk": team.pk})))

    renamed = client.post(reverse("workspace:team_rename", kwargs={"pk": team.pk}), {"name": "Webchat"}, follow=True)
    assert "Callbacks is now called Webchat" in text_of(renamed)
    listed = text_of(client.get(reverse("workspace:team_list")))
    assert "Webchat 1 0" in listed

    removed = client.post(
        reverse("workspace:team_member_remove", kwargs={"pk": team.pk, "member_pk": adviser.pk}), follow=True
    )
    assert "Ada Adviser has left Webchat" in text_of(removed)
    assert not team.members.exists()
    assert [event.action for event in AuditEvent.objects.filter(action__startswith="team.").order_by("id")] == [
        "team.created",
        "team.member_added",
        "team.renamed",
        "team.member_removed",
    ]


def test_removing_is_post_only(client_for, leader, team, adviser):
    team.members.add(adviser)
    url = reverse("workspace:team_member_remove", kwargs={"pk": team.pk, "member_pk": adviser.pk})
    assert client_for(leader).get(url).status_code == 405
    assert team.members.exists()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter a name for the team"),
        ("x" * 101, "The team's name must be 100 characters or fewer"),
        ("callbacks", "Your organisation already has a team called callbacks: choose another name"),
    ],
)
@pytest.mark.parametrize("page", ["team_create", "team_rename"])
def test_bad_names_show_the_message_and_keep_what_was_typed(page, typed, message, client_for, leader, team, london):
    other = team_services.team_create(actor=leader, organisation=london, name="Webchat")
    url = reverse(f"workspace:{page}", kwargs={"pk": other.pk} if page == "team_rename" else {})
    response = client_for(leader).post(url, {"name": typed})
    page_text = text_of(response)
    assert response.status_code == 200
    assert "There is a problem" in page_text and message in page_text
    assert f'value="{typed}"' in response.content.decode() if typed else True
    assert re.search(r"<title>\s*Error: ", response.content.decode())
    assert set(Team.objects.values_list("name", flat=True)) == {"Callbacks", "Webchat"}


def test_adding_nobody_or_someone_from_elsewhere_is_refused(client_for, leader, team, north_west):
    outsider = make_staff(Role.ADVISER, organisation=north_west)
    client = client_for(leader)
    url = reverse("workspace:team_member_add", kwargs={"pk": team.pk})
    assert "Select who should join the team" in text_of(client.post(url, {}))
    assert "Select a person from the list" in text_of(client.post(url, {"member": outsider.pk}))
    assert not team.members.exists()


def test_archive_asks_where_open_tasks_go_and_moves_them(client_for, leader, team, london):
    webchat = team_services.team_create(actor=leader, organisation=london, name="Webchat")
    task = services.task_create(
        actor=leader, task_type=codes.TaskType.CALLBACK, customer=None, organisation=london, team=team
    )
    client = client_for(leader)
    url = reverse("workspace:team_archive", kwargs={"pk": team.pk})
    question = text_of(client.get(url))
    assert "It has 1 task still to do" in question and "To Webchat" in question
    refused = client.post(url, {})
    assert "Select where the team's open tasks should go" in text_of(refused)
    assert re.search(r"<title>\s*Error: ", refused.content.decode())
    assert not Team.objects.get(pk=team.pk).is_archived

    done = client.post(url, {"open_tasks_to": str(webchat.pk)}, follow=True)
    assert "Callbacks has been archived and its 1 open task moved to Webchat" in text_of(done)
    assert Task.objects.get(pk=task.pk).team == webchat
    listed = text_of(client.get(reverse("workspace:team_list")))
    assert "Archived teams (1)" in listed
    # An archived team can be read but not changed.
    rename = client.get(reverse("workspace:team_rename", kwargs={"pk": team.pk}), follow=True)
    assert "Callbacks has been archived and can no longer be changed" in text_of(rename)


def test_archive_without_open_tasks_needs_no_answer(client_for, leader, team):
    response = client_for(leader).post(reverse("workspace:team_archive", kwargs={"pk": team.pk}), follow=True)
    assert "Callbacks has been archived" in text_of(response)
    assert Team.objects.get(pk=team.pk).is_archived


def test_members_see_their_team_and_its_tasks_in_my_teams_tasks(client_for, leader, adviser, team, london):
    queue = reverse("workspace:task_list", kwargs={"scope": "team"})
    assert "You are not in a team yet" in text_of(client_for(adviser).get(queue))
    team_services.team_member_add(actor=leader, team=team, member=adviser)
    services.task_create(
        actor=leader,
        task_type=codes.TaskType.CALLBACK,
        customer=None,
        organisation=london,
        team=team,
        summary="Ring the college back",
    )
    page = text_of(client_for(adviser).get(queue))
    assert "Tasks for your team: Callbacks." in page and "Ring the college back" in page
