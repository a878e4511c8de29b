"""Writes about teams: create, rename, choose members, archive. Each checks who is asking and the
team rules, runs in one transaction with its audit event, and locks the team row so two team
leaders changing one team at once do not undo each other's work."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from signpost.casework import codes
from signpost.casework import team_rules as rules
from signpost.casework.models import Task, Team
from signpost.core.audit import audit_record
from signpost.organisations.models import Organisation


def _require_manager(actor: Any, organisation_id: int) -> None:
    if not rules.can_manage_teams(actor, organisation_id):
        raise PermissionDenied("Only your organisation's team leaders, managers and administrators keep its teams.")


def _field_error(field: str, error: ValidationError) -> ValidationError:
    return ValidationError({field: error.messages})


def _clean_name(name: str, organisation_id: int, team: Team | None = None) -> str:
    try:
        return rules.clean_team_name(name, organisation_id, team=team)
    except ValidationError as error:
        raise _field_error("name", error) from error


def _save_name(team: Team, name: str) -> None:
    """Save, turning a name taken at the same moment by someone else into the usual message."""
    try:
        with transaction.atomic():
            team.save()
    except IntegrityError as error:
        raise ValidationError(
            {"name": [f"Your organisation already has a team called {name}: choose another name"]}
        ) from error


def _lock(team: Team) -> Team:
    return Team.objects.select_for_update().get(pk=team.pk)


def team_create(*, actor: Any, organisation: Organisation, name: str) -> Team:
    _require_manager(actor, organisation.pk)
    name = _clean_name(name, organisation.pk)
    with transaction.atomic():
        team = Team(organisation=organisation, name=name)
        _save_name(team, name)
        audit_record(actor=actor, action="team.created", target=team, details={"organisation": organisation.pk})
    return team


def team_rename(*, actor: Any, team: Team, name: str) -> Team:
    _require_manager(actor, team.organisation_id)
    with transaction.atomic():
        locked = _lock(team)
        rules.ensure_in_use(locked)
        name = _clean_name(name, locked.organisation_id, locked)
        if name == locked.name:
            return locked
        previous, locked.name = locked.name, name
        _save_name(locked, name)
        audit_record(actor=actor, action="team.renamed", target=locked, details={"from": previous, "to": name})
    return locked


def team_member_add(*, actor: Any, team: Team, member: Any) -> None:
    _require_manager(actor, team.organisation_id)
    try:
        rules.validate_member(member, team)
    except ValidationError as error:
        raise _field_error("member", error) from error
    with transaction.atomic():
        locked = _lock(team)
        rules.ensure_in_use(locked)
        if locked.members.filter(pk=member.pk).exists():
            raise ValidationError({"member": [f"{member.full_name or member.email} is already in {locked.name}"]})
        locked.members.add(member)
        audit_record(actor=actor, action="team.member_added", target=locked, details={"member": member.pk})


def team_member_remove(*, actor: Any, team: Team, member: Any) -> None:
    """Take someone out of a team. Tasks they have claimed stay theirs; the team's open ones stay
    with the team."""
    _require_manager(actor, team.organisation_id)
    with transaction.atomic():
        locked = _lock(team)
        rules.ensure_in_use(locked)
        if not locked.members.filter(pk=member.pk).exists():
            raise ValidationError(f"{member.full_name or member.email} is not in {locked.name}", code="not_member")
        locked.members.remove(member)
        audit_record(actor=actor, action="team.member_removed", target=locked, details={"member": member.pk})


def team_archive(*, actor: Any, team: Team, open_tasks_to: Team | None = None) -> int:
    """Archive a team. Its work still to do is not dropped: open and claimed tasks move to
    ``open_tasks_to`` (another team in use) or, when ``None``, to the organisation's queue, where
    every adviser sees them; whoever claimed one keeps it. Returns how many tasks moved."""
    _require_manager(actor, team.organisation_id)
    with transaction.atomic():
        locked = _lock(team)
        rules.ensure_in_use(locked)
        # Read again under lock: the destination may have been archived since the form was shown.
        destination = _lock(open_tasks_to) if open_tasks_to is not None else None
        try:
            rules.validate_destination(destination, locked)
        except ValidationError as error:
            raise _field_error("open_tasks_to", error) from error
        moved = Task.objects.filter(team=locked, status__in=codes.ACTIVE_TASK_STATUSES).update(team=destination)
        locked.archived_at = timezone.now()
        locked.archived_by = actor
        locked.save(update_fields=["archived_at", "archived_by"])
        audit_record(
            actor=actor,
            action="team.archived",
            target=locked,
            details={"open_tasks_moved": moved, "moved_to_team": destination.pk if destination else None},
        )
    return moved
