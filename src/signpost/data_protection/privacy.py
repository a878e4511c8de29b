"""Data protection's own entries in the personal data register (signpost.core.privacy)."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.core.files.storage import default_storage
from django.db import models, transaction

from signpost.core.privacy import PersonalData, register


def _delete_exports(queryset: models.QuerySet[Any]) -> None:
    """The archives hold a copy of everything: they go with the rows (files once committed)."""
    names = [name for name in queryset.values_list("file_name", flat=True) if name]
    queryset.delete()
    for name in names:
        transaction.on_commit(partial(default_storage.delete, name))


def register_data_protection() -> None:
    register(
        PersonalData(
            model="data_protection.SubjectAccessExport",
            customer_path="customer",
            title="Copies of your data we have made for you",
            fields=["requested_at", "status", "finished_at"],
            ordering=["requested_at"],
            erase=_delete_exports,
        )
    )
    register(
        PersonalData(
            model="data_protection.Anonymisation",
            customer_path="customer",
            title="Anonymisation",
            fields=["anonymised_at", "reason"],
            kept_because="When and why the record was anonymised: a date and a code.",
        )
    )
