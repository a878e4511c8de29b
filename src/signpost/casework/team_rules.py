"""The rules of teams, one function each: who keeps an organisation's teams, what a team may be
called and who may be in one. Each raises ``ValidationError`` with a message a team leader can act
on, or answers a question."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from signpost.accounts.roles import MANAGE_TEAMS
from signpost.casework.models import TEAM_NAME_MAX_LENGTH, Team
from signpost.casework.rules import works_in


def can_manage_teams(user: Any, organisation_id: int | None) -> bool:
    """Team leaders, managers and system administrators, for their own organisation's teams only."""
    return works_in(user, organisation_id) and user.has_perm(MANAGE_TEAMS)


def clean_team_name(name: str, organisation_id: int, *, team: Team | None = None) -> str:
    """The name without outer spaces; unique (whatever the capitals) among the organisation's teams
    still in use, so people can tell them apart when choosing."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError("Enter a name for the team", code="required")
    if len(name) > TEAM_NAME_MAX_LENGTH:
        raise ValidationError(f"The team's name must be {TEAM_NAME_MAX_LENGTH} characters or fewer", code="max_length")
    clash = Team.objects.filter(organisation_id=organisation_id, archived_at__isnull=True, name__iexact=name)
    if team is not None:
        clash = clash.exclude(pk=team.pk)
    if clash.exists():
        raise ValidationError(f"Your organisation already has a team called {name}: choose another name", code="taken")
    return name


def validate_member(member: Any, team: Team) -> None:
    """Members are active staff of the team's own organisation."""
    if member is None or not works_in(member, team.organisation_id):
        raise ValidationError("Choose someone in your organisation whose account is active", code="outside")


def ensure_in_use(team: Team) -> None:
    """An archived team is history: it takes no new members, names or tasks."""
    if team.is_archived:
        raise ValidationError(f"{team.name} has been archived and can no longer be changed", code="archived")


def validate_destination(destination: Team | None, team: Team) -> None:
    """Open tasks leaving an archived team go to another of the organisation's teams in use, or to
    the organisation's queue (``None``)."""
    if destination is None:
        return
    if destination.pk == team.pk or destination.organisation_id != team.organisation_id or destination.is_archived:
        raise ValidationError("Choose another of your organisation's teams, or your organisation's queue", code="team")
