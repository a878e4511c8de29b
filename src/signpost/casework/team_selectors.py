"""Reads about teams, always inside the staff member's own organisation (domain.md §2)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet

from signpost.casework import codes
from signpost.casework.models import Team

_OPEN_TASKS = Q(tasks__status__in=codes.ACTIVE_TASK_STATUSES)


def organisation_teams(organisation_id: int) -> QuerySet[Team]:
    """Teams in use with how many active members and how many tasks they still have to do."""
    return (
        Team.objects.filter(organisation_id=organisation_id, archived_at__isnull=True)
        .annotate(
            member_count=Count("members", filter=Q(members__is_active=True), distinct=True),
            open_task_count=Count("tasks", filter=_OPEN_TASKS, distinct=True),
        )
        .order_by("name")
    )


def archived_teams(organisation_id: int) -> QuerySet[Team]:
    return Team.objects.filter(organisation_id=organisation_id, archived_at__isnull=False).order_by("-archived_at")


def team_for(user: Any, pk: int) -> Team | None:
    """A team of the user's own organisation (archived or not); another's does not exist for them."""
    return (
        Team.objects.filter(pk=pk, organisation_id=user.organisation_id)
        .select_related("organisation", "archived_by")
        .first()
    )


def team_members(team: Team) -> QuerySet[Any]:
    return team.members.order_by("given_name", "family_name", "email")


def staff_who_could_join(team: Team) -> QuerySet[Any]:
    """Active staff of the team's organisation who are not in it yet."""
    return (
        get_user_model()
        .objects.filter(organisation_id=team.organisation_id, is_active=True)
        .exclude(teams=team)
        .order_by("given_name", "family_name", "email")
    )


def open_task_count(team: Team) -> int:
    return team.tasks.filter(status__in=codes.ACTIVE_TASK_STATUSES).count()


def other_teams(team: Team) -> QuerySet[Team]:
    """Where a team's open tasks can go when it is archived."""
    return Team.objects.filter(organisation_id=team.organisation_id, archived_at__isnull=True).exclude(pk=team.pk)
