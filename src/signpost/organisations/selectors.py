"""Reads of organisations."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from signpost.organisations.models import Organisation


def organisation_list(*, kind: str = "", query: str = "") -> QuerySet[Organisation]:
    organisations = Organisation.objects.select_related("parent").annotate(staff_count=Count("staff"))
    if kind:
        organisations = organisations.filter(kind=kind)
    if query:
        organisations = organisations.filter(name__icontains=query) | organisations.filter(
            touchpoint_id=query.strip()
        )
    return organisations.order_by("kind", "touchpoint_id", "name")


def delivering_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.exclude(kind=Organisation.Kind.PARTNER).filter(is_active=True)


def national_contact_centre() -> Organisation:
    return Organisation.objects.get(kind=Organisation.Kind.NATIONAL_CONTACT_CENTRE)
