from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "signpost.plans"
    verbose_name = "Skills action plans and outcomes"

    def ready(self) -> None:
        from signpost.contacts.timeline import register_event_kinds
        from signpost.plans import privacy  # noqa: F401  (registers the app's personal data)

        register_event_kinds(
            "plan",
            "Skills action plans",
            {
                "plan.created": "Skills action plan agreed",
                "plan.own_created": "Customer made their own plan",
                "plan.sent": "Skills action plan sent",
                "plan.accepted": "Customer accepted a plan",
                "plan.goal_added": "Customer added a goal",
                "plan.action_added": "Customer added an action",
                "plan.goal_changed": "Customer updated a goal",
                "plan.action_changed": "Customer updated an action",
            },
        )
        register_event_kinds(
            "outcome",
            "Outcomes",
            {
                "outcome.claimed": "Outcome claimed",
                "outcome.withdrawn": "Outcome claim withdrawn",
                "outcome.verification_changed": "Outcome claim verification changed",
            },
        )
