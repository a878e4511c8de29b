"""An organisation's teams (domain.md §2 and §4): team leaders, managers and system administrators
list them, create, rename and archive them, and choose their members. A team's tasks make up its
members' "my team's tasks" queue.

Teams belong to the staff member's own organisation: another organisation's team answers 404, as
if it did not exist. Views parse, call a casework team service or selector, and render.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from signpost.accounts.roles import MANAGE_TEAMS
from signpost.casework import team_selectors as selectors
from signpost.casework import team_services as services
from signpost.casework.models import Team
from signpost.workspace.access import staff_view
from signpost.workspace.forms import posted_data
from signpost.workspace.forms_teams import AddMemberForm, ArchiveTeamForm, TeamNameForm
from signpost.workspace.views_partners import errors_to_form

ACTIVE_NAV = "teams"


def _team(request: HttpRequest, pk: int) -> Team:
    team = selectors.team_for(request.user, pk)
    if team is None:
        raise Http404("Your organisation has no such team.")
    return team


def _archived(request: HttpRequest, team: Team) -> HttpResponse | None:
    """An archived team is history: say so and show it instead of a form."""
    if not team.is_archived:
        return None
    messages.info(request, f"{team.name} has been archived and can no longer be changed")
    return redirect("workspace:team_detail", pk=team.pk)


@staff_view(MANAGE_TEAMS)
def team_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    return render(
        request,
        "workspace/teams/list.html",
        {
            "teams": list(selectors.organisation_teams(user.organisation_id)),
            "archived": list(selectors.archived_teams(user.organisation_id)),
            "active_nav": ACTIVE_NAV,
        },
    )


@staff_view(MANAGE_TEAMS)
def team_create(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = TeamNameForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            team = services.team_create(actor=user, organisation=user.organisation, name=form.cleaned_data["name"])
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, f"{team.name} has been created: add its members")
            return redirect("workspace:team_detail", pk=team.pk)
    return render(request, "workspace/teams/name.html", {"form": form, "team": None, "active_nav": ACTIVE_NAV})


@staff_view(MANAGE_TEAMS)
def team_detail(request: HttpRequest, pk: int) -> HttpResponse:
    team = _team(request, pk)
    return render(
        request,
        "workspace/teams/detail.html",
        {
            "team": team,
            "members": list(selectors.team_members(team)),
            "open_tasks": selectors.open_task_count(team),
            "active_nav": ACTIVE_NAV,
        },
    )


@staff_view(MANAGE_TEAMS)
def team_rename(request: HttpRequest, pk: int) -> HttpResponse:
    team = _team(request, pk)
    if (archived := _archived(request, team)) is not None:
        return archived
    form = TeamNameForm(posted_data(request), initial={"name": team.name})
    if request.method == "POST" and form.is_valid():
        previous = team.name
        try:
            renamed = services.team_rename(actor=request.user, team=team, name=form.cleaned_data["name"])
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            if renamed.name != previous:
                messages.success(request, f"{previous} is now called {renamed.name}")
            return redirect("workspace:team_detail", pk=team.pk)
    return render(request, "workspace/teams/name.html", {"form": form, "team": team, "active_nav": ACTIVE_NAV})


@staff_view(MANAGE_TEAMS)
def team_member_add(request: HttpRequest, pk: int) -> HttpResponse:
    team = _team(request, pk)
    if (archived := _archived(request, team)) is not None:
        return archived
    form = AddMemberForm(posted_data(request), staff=selectors.staff_who_could_join(team))
    if request.method == "POST" and form.is_valid():
        member = form.cleaned_data["member"]
        try:
            services.team_member_add(actor=request.user, team=team, member=member)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, f"{member.full_name or member.email} has joined {team.name}")
            return redirect("workspace:team_detail", pk=team.pk)
    return render(request, "workspace/teams/add_member.html", {"form": form, "team": team, "active_nav": ACTIVE_NAV})


@require_POST
@staff_view(MANAGE_TEAMS)
def team_member_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    team = _team(request, pk)
    member = selectors.team_members(team).filter(pk=member_pk).first()
    if member is None:
        messages.info(request, f"That person is not in {team.name}")
        return redirect("workspace:team_detail", pk=team.pk)
    try:
        services.team_member_remove(actor=request.user, team=team, member=member)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"{member.full_name or member.email} has left {team.name}")
    return redirect("workspace:team_detail", pk=team.pk)


@staff_view(MANAGE_TEAMS)
def team_archive(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what archiving means and, when the team still has work to do, where that work goes.
    POST: archive it, moving the open tasks in the same transaction."""
    team = _team(request, pk)
    if (archived := _archived(request, team)) is not None:
        return archived
    user: Any = request.user
    open_tasks = selectors.open_task_count(team)
    form = ArchiveTeamForm(
        posted_data(request), teams=selectors.other_teams(team), organisation_name=user.organisation.name
    )
    if request.method == "POST" and (open_tasks == 0 or form.is_valid()):
        destination = form.destination() if open_tasks else None
        try:
            moved = services.team_archive(actor=user, team=team, open_tasks_to=destination)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            where = destination.name if destination else f"{user.organisation.name}’s queue"
            moved_text = f" and its {moved} open task{'s' if moved != 1 else ''} moved to {where}" if moved else ""
            messages.success(request, f"{team.name} has been archived{moved_text}")
            return redirect("workspace:team_list")
    return render(
        request,
        "workspace/teams/archive.html",
        {"form": form, "team": team, "open_tasks": open_tasks, "active_nav": ACTIVE_NAV},
    )
