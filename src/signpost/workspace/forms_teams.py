"""Forms for an organisation's teams. They parse what was typed; the rules (a name unique in the
organisation, who may join) are casework's, whose errors the views put back on these fields."""

from __future__ import annotations

from typing import Any

from django import forms

from signpost.casework.models import TEAM_NAME_MAX_LENGTH

ORGANISATION_QUEUE = "organisation"


class TeamNameForm(forms.Form):
    name = forms.CharField(
        label="Team name",
        max_length=TEAM_NAME_MAX_LENGTH,
        help_text="For example, Callbacks or Face to face – Croydon",
        error_messages={
            "required": "Enter a name for the team",
            "max_length": f"The team's name must be {TEAM_NAME_MAX_LENGTH} characters or fewer",
        },
    )


def _person(user: Any) -> str:
    return f"{user.full_name} ({user.email})" if user.full_name else user.email


class AddMemberForm(forms.Form):
    member: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Who should join the team?",
        queryset=None,  # active staff of the team's organisation not in it yet
        empty_label="Select a person",
        error_messages={
            "required": "Select who should join the team",
            "invalid_choice": "Select a person from the list",
        },
    )

    def __init__(self, *args: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["member"]
        field.queryset = staff  # type: ignore[attr-defined]
        field.label_from_instance = _person  # type: ignore[attr-defined]


class ArchiveTeamForm(forms.Form):
    """Where the team's open tasks go: another team, or the organisation's queue. Asked only when
    the team has open tasks."""

    open_tasks_to = forms.ChoiceField(
        label="Where should its open tasks go?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select where the team's open tasks should go",
            "invalid_choice": "Select where the team's open tasks should go",
        },
    )

    def __init__(self, *args: Any, teams: Any, organisation_name: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.teams = {str(team.pk): team for team in teams}
        self.fields["open_tasks_to"].choices = [  # type: ignore[attr-defined]
            *((key, f"To {team.name}") for key, team in self.teams.items()),
            (ORGANISATION_QUEUE, f"To {organisation_name}’s queue, for anyone there to claim"),
        ]

    def destination(self) -> Any:
        """The chosen team, or None for the organisation's queue."""
        return self.teams.get(self.cleaned_data["open_tasks_to"])
