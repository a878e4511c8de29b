"""Casework's entries in the personal data register (signpost.core.privacy).

Tasks, transfers and follow-up calls stay when a customer is anonymised, for the queues' history
and statistics (types, organisations, dates, take-up, situation changes); what advisers wrote goes.
"""

from __future__ import annotations

from signpost.core.privacy import PersonalData, register, replace_values

TEXT_REMOVED = "Removed when the customer's record was anonymised."


def register_casework() -> None:
    register(
        PersonalData(
            model="casework.Task",
            customer_path="customer",
            title="Tasks about you",
            fields=[
                "task_type",
                "summary",
                "details",
                "created_at",
                "due_at",
                "status",
                "completed_at",
                "completion_note",
            ],
            ordering=["created_at", "id"],
            erase=replace_values(summary=TEXT_REMOVED, details="", completion_note=""),
        )
    )
    register(
        PersonalData(
            model="casework.Transfer",
            customer_path="customer",
            title="Transfers to your local careers service",
            fields=[
                ("from_organisation__name", "From"),
                ("to_organisation__name", "To"),
                "context",
                "requested_at",
                "requested_callback_at",
                "accepted_at",
                "called_back_at",
                "callback_note",
            ],
            ordering=["requested_at", "id"],
            erase=replace_values(context=TEXT_REMOVED, callback_note=""),
        )
    )
    register(
        PersonalData(
            model="casework.FollowUpOffer",
            customer_path="customer",
            title="Follow-up calls offered",
            fields=["recorded_at", "service", "wanted"],
            ordering=["recorded_at", "id"],
            kept_because="Whether a follow-up call was wanted, and when: no personal data, needed for take-up.",
        )
    )
    register(
        PersonalData(
            model="casework.FollowUpCall",
            customer_path="customer",
            title="Follow-up calls",
            fields=[
                "number",
                "window_opens",
                "window_closes",
                "status",
                "made_at",
                "reached",
                "situation_change",
                "note",
            ],
            ordering=["window_opens", "number"],
            erase=replace_values(note=""),
        )
    )
