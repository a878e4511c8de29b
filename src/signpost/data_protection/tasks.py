"""Background work of data protection, and its scheduled jobs (signpost.core.scheduling)."""

from __future__ import annotations

import logging

from django.conf import settings
from django_tasks import task

from signpost.core.scheduling import register_job

logger = logging.getLogger(__name__)


@task()
def build_subject_access_export(export_id: str) -> str:
    from signpost.data_protection.services import subject_access_export_build

    return str(subject_access_export_build(export_id).status)


@task()
def run_retention() -> int:
    """Anonymise the records past the retention period (when the job is switched on)."""
    from signpost.data_protection.services import retention_run

    if not settings.RETENTION_JOB_ENABLED:
        logger.info("retention job is switched off")
        return 0
    anonymised = retention_run()
    logger.info("retention job finished", extra={"anonymised": anonymised})
    return anonymised


@task()
def expire_subject_access_exports() -> int:
    from signpost.data_protection.services import exports_expire

    return exports_expire()


def register_scheduled_jobs() -> None:
    register_job(
        name="retention",
        schedule="30 2 * * *",
        task=run_retention,
        description="Anonymise records with no contact for the retention period",
    )
    register_job(
        name="subject-access-exports-expiry",
        schedule="15 2 * * *",
        task=expire_subject_access_exports,
        description="Delete subject access archives past their download period",
    )
