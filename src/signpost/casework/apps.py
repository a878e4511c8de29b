from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "signpost.casework"
    label = "casework"
    verbose_name = "Casework"

    def ready(self) -> None:
        from signpost.casework.privacy import register_casework
        from signpost.casework.tasks import escalate_overdue_tasks
        from signpost.contacts.timeline import register_event_kinds
        from signpost.core.scheduling import register_job

        register_casework()
        # Every five minutes: a queued transfer is due 24 hours after opening, and a team leader
        # should hear of it soon after it is missed, not the next day.
        register_job(
            name="casework-escalate-overdue-tasks",
            schedule="*/5 * * * *",
            task=escalate_overdue_tasks,
            description="Escalate overdue tasks to their organisation's team leaders",
        )
        register_event_kinds(
            "transfer",
            "Transfers",
            {
                "transfer.requested": "Transferred to another organisation",
                "transfer.accepted": "Transfer accepted",
                "transfer.called_back": "Called back after a transfer",
            },
        )
        register_event_kinds(
            "follow_up",
            "Follow-up calls",
            {"follow_up.wanted": "Wants a follow-up call", "follow_up.call_made": "Follow-up call made"},
        )
