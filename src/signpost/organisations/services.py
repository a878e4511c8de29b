"""Writes to organisations, each audited in the same transaction."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from signpost.core.audit import audit_record
from signpost.organisations.models import Organisation

EDITABLE_FIELDS = ("name", "kind", "touchpoint_id", "area", "parent", "email", "phone", "website", "is_active")


def _require_manager(actor: Any) -> None:
    if not actor.has_perm("organisations.manage_organisations"):
        raise PermissionDenied("You cannot manage organisations.")


def organisation_create(*, actor: Any, **fields: Any) -> Organisation:
    _require_manager(actor)
    with transaction.atomic():
        organisation = Organisation(**{name: fields[name] for name in EDITABLE_FIELDS if name in fields})
        organisation.touchpoint_id = organisation.touchpoint_id or None
        organisation.full_clean()
        organisation.save()
        audit_record(actor=actor, action="organisation.created", target=organisation)
    return organisation


def organisation_update(*, actor: Any, organisation: Organisation, **fields: Any) -> Organisation:
    _require_manager(actor)
    with transaction.atomic():
        changed = []
        for name in EDITABLE_FIELDS:
            if name in fields and getattr(organisation, name) != fields[name]:
                setattr(organisation, name, fields[name])
                changed.append(name)
        organisation.touchpoint_id = organisation.touchpoint_id or None
        organisation.full_clean()
        organisation.save()
        audit_record(
            actor=actor, action="organisation.updated", target=organisation, details={"fields": changed}
        )
    return organisation
