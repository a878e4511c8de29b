"""Teams: who keeps them, names unique in an organisation, members from the same organisation
only, and archiving that moves the team's open work instead of dropping it."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from signpost.accounts.roles import Role
from signpost.casework import codes, selectors, services, team_selectors, team_services
from signpost.casework.models import Task, Team
from signpost.core.models import AuditEvent
from tests.factories import make_staff

pytestmark = pytest.mark.django_db


def errors_of(caught: Any) -> dict[str, list[str]]:
    return caught.value.message_dict


def a_task(actor: Any, team: Team, summary: str = "Call back") -> Task:
    return services.task_create(
        actor=actor,
        task_type=codes.TaskType.CALLBACK,
        customer=None,
        organisation=team.organisation,
        team=team,
        summary=summary,
    )


@pytest.fixture
def team(team_leader: Any, london: Any) -> Team:
    return team_services.team_create(actor=team_leader, organisation=london, name="Callbacks")


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.TEAM_LEADER, True),
        (Role.MANAGER, True),
        (Role.SYSTEM_ADMINISTRATOR, True),
        (Role.ADVISER, False),
        (Role.QUALITY_AUDITOR, False),
    ],
)
def test_team_leaders_managers_and_administrators_keep_teams(role, allowed, london):
    actor = make_staff(role, organisation=london, mfa=False)
    if allowed:
        assert team_services.team_create(actor=actor, organisation=london, name="Webchat").name == "Webchat"
    else:
        with pytest.raises(PermissionDenied):
            team_services.team_create(actor=actor, organisation=london, name="Webchat")


def test_only_for_their_own_organisation(north_west, team):
    outsider = make_staff(Role.SYSTEM_ADMINISTRATOR, organisation=north_west, mfa=False)
    with pytest.raises(PermissionDenied):
        team_services.team_rename(actor=outsider, team=team, name="Ours now")
    with pytest.raises(PermissionDenied):
        team_services.team_archive(actor=outsider, team=team)
    assert team_selectors.team_for(outsider, team.pk) is None


def test_create_is_audited_and_trims_the_name(team_leader, london):
    team = team_services.team_create(actor=team_leader, organisation=london, name="  Face to   face  ")
    assert team.name == "Face to face"
    event = AuditEvent.objects.get(action="team.created")
    assert event.actor == team_leader and event.object_id == str(team.pk)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("   ", "Enter a name for the team"),
        ("x" * 101, "The team's name must be 100 characters or fewer"),
        ("CALLBACKS", "Your organisation already has a team called CALLBACKS: choose another name"),
    ],
)
def test_bad_names_are_refused(name, message, team, team_leader, london):
    with pytest.raises(ValidationError) as caught:
        team_services.team_create(actor=team_leader, organisation=london, name=name)
    assert errors_of(caught) == {"name": [message]}
    assert Team.objects.count() == 1


def test_another_organisation_may_use_the_same_name(team, north_west):
    leader = make_staff(Role.TEAM_LEADER, organisation=north_west, mfa=False)
    assert team_services.team_create(actor=leader, organisation=north_west, name="Callbacks").pk != team.pk


def test_rename_keeps_its_own_name_free_and_refuses_a_taken_one(team, team_leader, london):
    team_services.team_create(actor=team_leader, organisation=london, name="Webchat")
    assert team_services.team_rename(actor=team_leader, team=team, name="callbacks").name == "callbacks"
    with pytest.raises(ValidationError) as caught:
        team_services.team_rename(actor=team_leader, team=team, name="webchat")
    assert "already has a team called webchat" in errors_of(caught)["name"][0]
    assert AuditEvent.objects.filter(action="team.renamed").count() == 1


def test_members_are_active_staff_of_the_same_organisation(team, team_leader, adviser, outsider):
    team_services.team_member_add(actor=team_leader, team=team, member=adviser)
    assert list(team.members.all()) == [adviser]
    assert selectors.team_ids_of(adviser) == [team.pk]
    with pytest.raises(ValidationError) as caught:
        team_services.team_member_add(actor=team_leader, team=team, member=adviser)
    assert errors_of(caught) == {"member": ["Ada Adviser is already in Callbacks"]}
    with pytest.raises(ValidationError):
        team_services.team_member_add(actor=team_leader, team=team, member=outsider)
    adviser.is_active = False
    adviser.save()
    leaving = make_staff(Role.ADVISER, organisation=team.organisation, mfa=False, is_active=False)
    with pytest.raises(ValidationError) as caught:
        team_services.team_member_add(actor=team_leader, team=team, member=leaving)
    assert errors_of(caught) == {"member": ["Choose someone in your organisation whose account is active"]}
    assert list(team_selectors.staff_who_could_join(team)) == [team_leader]


def test_removing_a_member_keeps_the_tasks_they_claimed(team, team_leader, adviser):
    team_services.team_member_add(actor=team_leader, team=team, member=adviser)
    task = services.task_claim(actor=adviser, task=a_task(team_leader, team))
    team_services.team_member_remove(actor=team_leader, team=team, member=adviser)
    assert not team.members.exists()
    task.refresh_from_db()
    assert task.assignee == adviser and task.team == team
    with pytest.raises(ValidationError):
        team_services.team_member_remove(actor=team_leader, team=team, member=adviser)
    assert AuditEvent.objects.filter(action__startswith="team.member_").count() == 2


def test_archiving_moves_open_tasks_to_another_team_and_keeps_finished_ones(team, team_leader, adviser, london):
    other = team_services.team_create(actor=team_leader, organisation=london, name="Webchat")
    open_task, claimed, done = a_task(team_leader, team), a_task(team_leader, team), a_task(team_leader, team)
    services.task_claim(actor=adviser, task=claimed)
    services.task_complete(actor=team_leader, task=done, note="Called back")
    team_services.team_member_add(actor=team_leader, team=team, member=adviser)

    assert team_services.team_archive(actor=team_leader, team=team, open_tasks_to=other) == 2

    team.refresh_from_db()
    assert team.is_archived and team.archived_by == team_leader
    assert set(Task.objects.filter(team=other).values_list("pk", flat=True)) == {open_task.pk, claimed.pk}
    assert Task.objects.get(pk=claimed.pk).assignee == adviser
    assert Task.objects.get(pk=done.pk).team == team
    assert selectors.team_ids_of(adviser) == []
    assert AuditEvent.objects.get(action="team.archived").details == {"open_tasks_moved": 2, "moved_to_team": other.pk}
    # Archived: no more changes, and its name is free again.
    with pytest.raises(ValidationError):
        team_services.team_rename(actor=team_leader, team=team, name="Old callbacks")
    assert team_services.team_create(actor=team_leader, organisation=london, name="Callbacks").pk != team.pk


def test_archiving_without_a_team_puts_open_tasks_in_the_organisation_queue(team, team_leader, london):
    task = a_task(team_leader, team)
    assert team_services.team_archive(actor=team_leader, team=team) == 1
    task.refresh_from_db()
    assert task.team is None and task.organisation == london and task.is_active


def test_open_tasks_cannot_go_to_the_team_itself_or_an_archived_team(team, team_leader, london):
    a_task(team_leader, team)
    gone = team_services.team_create(actor=team_leader, organisation=london, name="Old")
    team_services.team_archive(actor=team_leader, team=gone)
    for destination in (team, gone):
        with pytest.raises(ValidationError) as caught:
            team_services.team_archive(actor=team_leader, team=team, open_tasks_to=destination)
        assert "open_tasks_to" in errors_of(caught)
    team.refresh_from_db()
    assert not team.is_archived and Task.objects.filter(team=team).count() == 1
