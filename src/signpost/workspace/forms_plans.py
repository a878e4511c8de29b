"""Forms for skills action plans, goals, actions, outcomes and the payment extract.

They parse what was typed and keep it; the rules (date order, claim windows...) are applied by
plans.services through plans.rules, whose errors the views put back on these fields.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone

from signpost.contacts.models import SessionBooking
from signpost.core.govuk_forms import GovukDateField
from signpost.organisations.models import Organisation
from signpost.plans import codes
from signpost.plans.models import (
    EVIDENCE_NOTE_MAX_LENGTH,
    SIGNPOSTED_TO_MAX_LENGTH,
    SITUATION_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    VERIFICATION_REASON_MAX_LENGTH,
)
from signpost.referrals.models import Partner


def _choices(enum: Any) -> list[tuple[str, str]]:
    return [(str(value), str(label)) for value, label in enum.choices]


def _session_label(booking: SessionBooking) -> str:
    session = booking.session
    when = timezone.localtime(session.starts_at).strftime("%-d %B %Y at %H:%M")
    adviser = session.adviser.full_name or session.adviser.email
    status = booking.get_status_display().lower()
    return f"{session.get_channel_display()} session on {when} with {adviser}, {session.organisation.name} ({status})"


class _SessionChoice(forms.Form):
    """A choice among the customer's sessions (given by the view), answered with the session's id."""

    session = forms.TypedChoiceField(
        label="Session",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the session", "invalid_choice": "Select one of the customer's sessions"},
    )

    def __init__(self, *args: Any, bookings: list[SessionBooking], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        session_field: Any = self.fields["session"]
        session_field.choices = [(str(booking.session_id), _session_label(booking)) for booking in bookings]
        if len(bookings) == 1 and not self.is_bound:
            self.initial.setdefault("session", str(bookings[0].session_id))


class PlanForm(_SessionChoice):
    current_situation = forms.CharField(
        label="Current situation",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=SITUATION_MAX_LENGTH,
        help_text="Where the customer is now: work, learning, skills and what they want to change",
        error_messages={
            "required": "Enter the customer's current situation",
            "max_length": f"The current situation must be {SITUATION_MAX_LENGTH} characters or fewer",
        },
    )
    charter_shown = forms.BooleanField(label="The customer charter was shown to the customer", required=False)
    charter_shown_on = GovukDateField(
        label="Date the customer charter was shown", required=False, help_text="For example, 27 3 2026"
    )

    def __init__(self, *args: Any, with_session: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not with_session:
            del self.fields["session"]
        self.initial.setdefault("charter_shown_on", timezone.localdate())

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "current_situation": data["current_situation"],
            "charter_shown": data["charter_shown"],
            "charter_shown_on": data.get("charter_shown_on"),
        }


class GoalForm(forms.Form):
    goal_type = forms.TypedChoiceField(
        label="Type of goal",
        coerce=int,
        choices=_choices(codes.GoalType),
        widget=forms.RadioSelect,
        error_messages={"required": "Select the type of goal", "invalid_choice": "Select the type of goal"},
    )
    summary = forms.CharField(
        label="Goal",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=SUMMARY_MAX_LENGTH,
        help_text="What the customer wants to achieve, in their words",
        error_messages={
            "required": "Enter a summary of the goal",
            "max_length": f"The summary must be {SUMMARY_MAX_LENGTH} characters or fewer",
        },
    )
    captured_on = GovukDateField(label="Date captured", help_text="For example, 27 3 2026")
    due_on = GovukDateField(label="Due date", help_text="For example, 27 6 2026")
    status = forms.TypedChoiceField(
        label="Status",
        coerce=int,
        choices=_choices(codes.GoalStatus),
        widget=forms.RadioSelect,
        error_messages={"required": "Select the status of the goal", "invalid_choice": "Select the status of the goal"},
    )
    achieved_on = GovukDateField(label="Date achieved", required=False, help_text="Only for an achieved goal")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("captured_on", timezone.localdate())
        self.initial.setdefault("status", str(codes.GoalStatus.IN_PROGRESS))


class ActionForm(forms.Form):
    action_type = forms.TypedChoiceField(
        label="Type of action",
        coerce=int,
        choices=[("", "Choose a type of action"), *_choices(codes.ActionType)],
        error_messages={"required": "Select the type of action", "invalid_choice": "Select the type of action"},
    )
    summary = forms.CharField(
        label="Action",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=SUMMARY_MAX_LENGTH,
        help_text="What will be done, and how",
        error_messages={
            "required": "Enter a summary of the action",
            "max_length": f"The summary must be {SUMMARY_MAX_LENGTH} characters or fewer",
        },
    )
    agreed_on = GovukDateField(label="Date agreed", help_text="For example, 27 3 2026")
    due_on = GovukDateField(label="Due date", help_text="For example, 27 4 2026")
    responsible = forms.TypedChoiceField(
        label="Who is responsible",
        coerce=int,
        choices=_choices(codes.PersonResponsible),
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select who is responsible for the action",
            "invalid_choice": "Select who is responsible for the action",
        },
    )
    signposted_partner = forms.TypedChoiceField(
        label="Partner from the directory (optional)",
        coerce=int,
        required=False,
        empty_value=None,
        help_text="Partners serving the customer's area, and national ones",
        error_messages={"invalid_choice": "Select a partner from the list"},
    )
    signposted_to = forms.CharField(
        label="Signposted to (optional)",
        required=False,
        max_length=SIGNPOSTED_TO_MAX_LENGTH,
        help_text="Someone not in the partner directory, for example a local college",
        error_messages={
            "max_length": f"Who they were signposted to must be {SIGNPOSTED_TO_MAX_LENGTH} characters or fewer"
        },
    )
    status = forms.TypedChoiceField(
        label="Status",
        coerce=int,
        choices=_choices(codes.ActionStatus),
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the status of the action",
            "invalid_choice": "Select the status of the action",
        },
    )
    completed_on = GovukDateField(label="Date completed", required=False, help_text="Only for a completed action")

    def __init__(self, *args: Any, partners: list[Partner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._partners = {partner.pk: partner for partner in partners}
        partner_field: Any = self.fields["signposted_partner"]
        partner_field.choices = [
            ("", "Not a partner in the directory"),
            *((str(partner.pk), partner.name) for partner in partners),
        ]
        self.initial.setdefault("agreed_on", timezone.localdate())
        self.initial.setdefault("status", str(codes.ActionStatus.NOT_STARTED))
        self.initial.setdefault("responsible", str(codes.PersonResponsible.CUSTOMER))

    def clean_signposted_partner(self) -> Partner | None:
        """The chosen partner itself, as the services take it."""
        chosen = self.cleaned_data.get("signposted_partner")
        return self._partners.get(chosen) if chosen is not None else None


class SendPlanForm(forms.Form):
    method = forms.ChoiceField(
        label="How should we send the plan?",
        choices=[
            ("email", "By email, with a link to read and accept it in their online account"),
            ("post", "By post, printed and posted by the fulfilment team"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select how to send the plan", "invalid_choice": "Select how to send the plan"},
    )


class OutcomeForm(_SessionChoice):
    outcome_type = forms.TypedChoiceField(
        label="Type of outcome",
        coerce=int,
        choices=_choices(codes.OutcomeType),
        widget=forms.RadioSelect,
        error_messages={"required": "Select the type of outcome", "invalid_choice": "Select the type of outcome"},
    )
    effective_on = GovukDateField(
        label="Effective date", help_text="When the customer achieved it, for example 27 3 2026"
    )
    claimed_on = GovukDateField(label="Claimed date", help_text="Usually today")
    evidence_note = forms.CharField(
        label="Evidence",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=EVIDENCE_NOTE_MAX_LENGTH,
        help_text="What shows the outcome happened: who confirmed it, and how",
        error_messages={
            "required": "Enter a note of the evidence for this outcome",
            "max_length": f"The evidence note must be {EVIDENCE_NOTE_MAX_LENGTH} characters or fewer",
        },
    )
    evidence_file = forms.FileField(
        label="Evidence file (optional)",
        required=False,
        help_text="A PDF, JPEG, PNG or Word document smaller than 10MB",
        error_messages={"invalid": "The selected file could not be read", "empty": "The selected file is empty"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("claimed_on", timezone.localdate())


def _reason_field(label: str, required: str, max_length: int, help_text: str = "") -> forms.CharField:
    """Why something happened to a claim: required, in a few lines."""
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=max_length,
        help_text=help_text,
        error_messages={"required": required, "max_length": f"The reason must be {max_length} characters or fewer"},
    )


class WithdrawOutcomeForm(forms.Form):
    reason = _reason_field("Why is the claim being withdrawn?", "Enter why the claim is being withdrawn", 500)


class VerificationForm(forms.Form):
    status = forms.TypedChoiceField(
        label="Verification status",
        coerce=int,
        choices=_choices(codes.VerificationStatus),
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the verification status",
            "invalid_choice": "Select the verification status",
        },
    )
    reason = _reason_field(
        "Why is it changing?",
        "Enter why the verification status is changing",
        VERIFICATION_REASON_MAX_LENGTH,
        "What you checked and what you found, for whoever pays or audits the claim",
    )


class PaymentExtractForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=Organisation.objects.none(),  # whose extracts this person may download: set per person
        empty_label=None,
        error_messages={
            "required": "Select the organisation",
            "invalid_choice": "Select an organisation from the list",
        },
    )
    start = GovukDateField(label="Start of the period", help_text="For example, 1 4 2026")
    end = GovukDateField(label="End of the period", help_text="For example, 30 4 2026")

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        if organisations.count() == 1:
            self.fields["organisation"].widget = forms.HiddenInput()
            self.initial.setdefault("organisation", organisations.first().pk)
        today = timezone.localdate()
        first = today.replace(day=1)
        last_month_end = first - datetime.timedelta(days=1)
        self.initial.setdefault("start", last_month_end.replace(day=1))
        self.initial.setdefault("end", last_month_end)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] < cleaned["start"]:
            self.add_error("end", "The end of the period must be the same as or after its start")
        return cleaned
