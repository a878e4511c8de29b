"""Who may manage whom: one place for the staff-administration scope rule."""

from __future__ import annotations

from typing import Any

from signpost.organisations.models import Organisation


def can_manage_staff_of(actor: Any, organisation: Organisation | None) -> bool:
    """System administrators manage their own organisation's staff; national ones manage all."""
    if organisation is None or not actor.is_authenticated or not actor.has_perm("accounts.manage_staff"):
        return False
    if actor.organisation is None:
        return False
    return actor.organisation.has_national_scope or actor.organisation_id == organisation.pk


def has_national_scope(actor: Any) -> bool:
    return bool(actor.is_authenticated and actor.organisation and actor.organisation.has_national_scope)
