"""Reads of people's accounts."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from signpost.accounts.models import User
from signpost.accounts.rules import has_national_scope


def staff_visible_to(actor: Any) -> QuerySet[User]:
    """Staff an administrator may see: their organisation's, or everyone's for national ones."""
    staff = User.objects.filter(organisation__isnull=False).select_related("organisation").prefetch_related("groups")
    if has_national_scope(actor):
        return staff
    return staff.filter(organisation_id=actor.organisation_id)


def staff_search(
    *, actor: Any, query: str = "", organisation_id: int | None = None, role: str = "", status: str = ""
) -> QuerySet[User]:
    staff = staff_visible_to(actor)
    if query:
        for word in query.split():
            staff = staff.filter(
                Q(given_name__icontains=word) | Q(family_name__icontains=word) | Q(email__icontains=word)
            )
    if organisation_id:
        staff = staff.filter(organisation_id=organisation_id)
    if role:
        staff = staff.filter(groups__name=role)
    if status == "active":
        # Active means able to sign in: invited people have no usable password yet.
        staff = staff.filter(is_active=True).exclude(password__startswith="!")  # noqa: S106 - not a secret
    elif status == "deactivated":
        staff = staff.filter(is_active=False)
    elif status == "invited":
        staff = staff.filter(password__startswith="!")  # noqa: S106 - unusable-password marker, not a secret
    return staff.order_by("family_name", "given_name", "email").distinct()
