"""Skills assessments in the personal data register (signpost.core.privacy).

An assessment belongs to whoever holds its code, or to the online account that saved it, never to
an advice record directly. Those saved by the account linked to a customer's record are theirs, so
a subject access export includes them. Anonymising the record keeps them: they stay with the
online account, which remains the person's own (as space.privacy keeps the account), and they hold
no name or contact details.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from signpost.core.privacy import PersonalData, register


def _saved_by_linked_account(customer: models.Model) -> models.QuerySet[Any]:
    from signpost.assessments.models import Assessment

    return Assessment.objects.filter(owner__customer_link__customer_id=customer.pk)


def register_assessments() -> None:
    register(
        PersonalData(
            model="assessments.Assessment",
            rows=_saved_by_linked_account,
            title="Skills assessments and skills checks saved to your online space",
            fields=["kind", "created_at", "completed_at", "answers", "category_answers"],
            ordering=["created_at", "id"],
            erase=None,
            kept_because="They belong to the online account, which stays the person's own, and hold no name or "
            "contact details.",
        )
    )
