from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def restore_starting_mapping(using: str = "default", **kwargs: Any) -> None:
    """Give every job category of the starting mapping a row if it has none (never changing an
    editor's row): after migrating, and after a test flush empties the table."""
    from signpost.assessments.models import TraitMapping
    from signpost.assessments.starting_mapping import NATIONAL_MAPPING

    present = set(TraitMapping.objects.using(using).values_list("job_category", flat=True))
    for category, traits in NATIONAL_MAPPING.items():
        if category not in present:
            mapping = TraitMapping(job_category=category, traits=traits)
            mapping._change_reason = "The national tool's mapping, as a starting point"  # type: ignore[attr-defined]
            mapping.save(using=using)


class AssessmentsConfig(AppConfig):
    name = "signpost.assessments"
    label = "assessments"
    verbose_name = "Skills assessments"

    def ready(self) -> None:
        from signpost.assessments.privacy import register_assessments
        from signpost.assessments.tasks import register_scheduled_jobs

        register_assessments()
        register_scheduled_jobs()
        post_migrate.connect(restore_starting_mapping, sender=self, dispatch_uid="signpost.assessments.mapping")
