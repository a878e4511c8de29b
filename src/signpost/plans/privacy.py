"""The app's personal data in the register (signpost.core.privacy): plans, their goals and
actions, the record of sending them, and outcome claims with their evidence.

Erasure keeps what payment and statistics need (types, statuses, dates, codes) and removes what
the customer or adviser wrote about the person and any evidence file.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from signpost.core.privacy import PersonalData, register, replace_values


def _delete_evidence_files(queryset: models.QuerySet[Any]) -> None:
    for evidence in queryset:
        evidence.file.delete(save=False)
    queryset.delete()


register(
    PersonalData(
        model="plans.ActionPlan",
        customer_path="customer",
        title="Skills action plans",
        fields=[
            ("created_at", "Made on"),
            "made_by_customer",
            ("current_situation", "Current situation"),
            "charter_shown",
            "charter_shown_on",
            "delivery_method",
            "sent_on",
            "acknowledged_at",
        ],
        ordering=["created_at", "id"],
        erase=replace_values(current_situation=""),
    )
)
register(
    PersonalData(
        model="plans.Goal",
        customer_path="plan__customer",
        title="Goals in your action plans",
        fields=[("plan_id", "Plan number"), "goal_type", "summary", "captured_on", "due_on", "status", "achieved_on"],
        ordering=["plan_id", "due_on", "id"],
        erase=replace_values(summary=""),
    )
)
register(
    PersonalData(
        model="plans.Action",
        customer_path="plan__customer",
        title="Actions in your action plans",
        fields=[
            ("plan_id", "Plan number"),
            "action_type",
            "summary",
            "agreed_on",
            "due_on",
            "completed_on",
            "responsible",
            ("signposted_partner__name", "Signposted to a partner"),
            "signposted_to",
            "status",
        ],
        ordering=["plan_id", "due_on", "id"],
        erase=replace_values(summary="", signposted_to=""),
    )
)
register(
    PersonalData(
        model="plans.PlanSent",
        customer_path="plan__customer",
        title="Action plans sent to you",
        fields=[("plan_id", "Plan number"), "delivery_method", "sent_to", "sent_at"],
        ordering=["sent_at", "id"],
        erase=replace_values(sent_to=""),
    )
)
register(
    PersonalData(
        model="plans.Outcome",
        customer_path="customer",
        title="Outcomes claimed",
        fields=["outcome_type", "effective_on", "claimed_on", "priority", "evidence_note", "verification_status"],
        ordering=["effective_on", "id"],
        erase=replace_values(evidence_note="", withdrawal_reason=""),
    )
)
register(
    PersonalData(
        model="plans.OutcomeVerification",
        customer_path="outcome__customer",
        title="Checks of outcomes claimed",
        fields=[("outcome_id", "Outcome number"), "from_status", "to_status", "reason", "changed_at"],
        ordering=["changed_at", "id"],
        erase=replace_values(reason=""),
    )
)
register(
    PersonalData(
        model="plans.OutcomeEvidence",
        customer_path="outcome__customer",
        title="Evidence files for outcomes",
        fields=["original_name", "content_type", "size", "uploaded_at"],
        ordering=["uploaded_at", "id"],
        erase=_delete_evidence_files,
    )
)
