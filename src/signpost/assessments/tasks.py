"""Background work of assessments and its scheduled job (signpost.core.scheduling)."""

from __future__ import annotations

import logging

from django_tasks import task

from signpost.core.scheduling import register_job

logger = logging.getLogger(__name__)


@task()
def delete_stale_assessments() -> int:
    from signpost.assessments.services import stale_assessments_delete

    deleted = stale_assessments_delete()
    logger.info("stale assessments deleted", extra={"deleted": deleted})
    return deleted


def register_scheduled_jobs() -> None:
    register_job(
        name="assessments-delete-stale",
        schedule="45 2 * * *",
        task=delete_stale_assessments,
        description="Delete anonymous skills assessments not changed for 12 months",
    )
