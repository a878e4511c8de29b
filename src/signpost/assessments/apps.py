from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "signpost.assessments"
    label = "assessments"
    verbose_name = "Skills assessments"

    def ready(self) -> None:
        from signpost.assessments.tasks import register_scheduled_jobs

        register_scheduled_jobs()
