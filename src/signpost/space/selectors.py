"""Reads for the customer's online space."""

from __future__ import annotations

from typing import Any

from signpost.customers.models import Customer


def linked_customer(user: Any) -> Customer | None:
    """The live customer record linked to this signed-in online account, or None.

    The one way every customer-facing page finds "my record": staff accounts, anonymous visitors,
    unlinked accounts and terminated records all give None.
    """
    if user is None or not getattr(user, "is_authenticated", False) or getattr(user, "organisation_id", None):
        return None
    return (
        Customer.objects.filter(online_account_link__user=user, terminated_at__isnull=True)
        .select_related("contact_details")
        .first()
    )
