"""Saved funding statements in the personal data register (signpost.core.privacy).

A statement belongs to the online account that saved it, never to an advice record directly. Those
saved by the account linked to a customer's record are theirs, so a subject access export
includes them (the answers hold a date of birth). Anonymising the record keeps them with the
online account, which stays the person's own (as space.privacy keeps the account); they hold no
name or contact details.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from signpost.core.privacy import PersonalData, register


def _saved_by_linked_account(customer: models.Model) -> models.QuerySet[Any]:
    from signpost.funding.models import FundingStatement

    return FundingStatement.objects.filter(user__customer_link__customer_id=customer.pk)


def register_funding() -> None:
    register(
        PersonalData(
            model="funding.FundingStatement",
            rows=_saved_by_linked_account,
            title="Funding statements saved to your online space",
            fields=["created_at", "as_at", "answers", "outcomes"],
            ordering=["created_at", "id"],
            erase=None,
            kept_because="They belong to the online account, which stays the person's own, and hold no name or "
            "contact details.",
        )
    )
