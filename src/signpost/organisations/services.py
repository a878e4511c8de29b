"""Writes to organisations, each audited in the same transaction."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from signpost.core import geography
from signpost.core.audit import audit_record
from signpost.organisations.models import Organisation, Venue

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


# Venues ----------------------------------------------------------------------------------------

MANAGE_VENUES = "organisations.manage_venues"
VENUE_FIELDS = ("name", "line_1", "line_2", "town", "postcode", "accessibility", "capacity", "is_active")


def _require_venue_manager(actor: Any, organisation: Organisation) -> None:
    """Managers and administrators look after their own organisation's venues only."""
    if not actor.has_perm(MANAGE_VENUES) or actor.organisation_id != organisation.pk:
        raise PermissionDenied("You cannot manage this organisation's venues.")


def _place(venue: Venue) -> None:
    """Normalise and locate the postcode: coordinates, local authority and area."""
    try:
        location = geography.locate_postcode(venue.postcode)
    except geography.InvalidPostcode:
        raise ValidationError({"postcode": ["Enter a full UK postcode, like LS1 3AB"]}) from None
    if location is None:
        raise ValidationError({"postcode": ["Enter a real postcode: we cannot find this one"]})
    venue.postcode = location.postcode
    venue.latitude = Decimal(str(round(location.latitude, 6))) if location.latitude is not None else None
    venue.longitude = Decimal(str(round(location.longitude, 6))) if location.longitude is not None else None
    venue.local_authority = location.local_authority
    venue.area = geography.area_for_local_authority(location.local_authority) if location.local_authority else None


def _save_venue(venue: Venue) -> None:
    for name in ("name", "line_1", "line_2", "town", "accessibility"):
        setattr(venue, name, (getattr(venue, name) or "").strip())
    _place(venue)
    try:
        venue.full_clean()
    except ValidationError as error:
        if "__all__" in error.message_dict:
            raise ValidationError({"name": ["Your organisation already has a venue with this name"]}) from None
        raise
    venue.save()


def venue_create(*, actor: Any, organisation: Organisation, **fields: Any) -> Venue:
    _require_venue_manager(actor, organisation)
    with transaction.atomic():
        venue = Venue(organisation=organisation, **{name: fields[name] for name in VENUE_FIELDS if name in fields})
        _save_venue(venue)
        audit_record(actor=actor, action="venue.created", target=venue)
    return venue


def venue_update(*, actor: Any, venue: Venue, **fields: Any) -> Venue:
    _require_venue_manager(actor, venue.organisation)
    with transaction.atomic():
        changed = [name for name in VENUE_FIELDS if name in fields and getattr(venue, name) != fields[name]]
        for name in changed:
            setattr(venue, name, fields[name])
        _save_venue(venue)
        audit_record(actor=actor, action="venue.updated", target=venue, details={"fields": changed})
    return venue
