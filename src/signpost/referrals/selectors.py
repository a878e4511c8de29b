"""Reads of the partner directory and of referrals."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from signpost.customers import selectors as customer_selectors
from signpost.customers.models import Customer
from signpost.referrals.models import Partner, PartnerArea, PartnerCategoryLink, Referral, ReferralStatusChange


def _with_links(partners: QuerySet[Partner]) -> QuerySet[Partner]:
    return partners.prefetch_related(
        Prefetch("category_links", queryset=PartnerCategoryLink.objects.order_by("category")),
        Prefetch("area_links", queryset=PartnerArea.objects.order_by("area")),
    )


def partner_directory(
    *, category: int | None = None, area: int | None = None, query: str = "", active: bool | None = None
) -> QuerySet[Partner]:
    """The directory, by name, filtered by a category, an area served (national partners serve
    every area), words in the name or in what they help with, and whether they are active."""
    partners = Partner.objects.all()
    if category is not None:
        partners = partners.filter(
            Exists(PartnerCategoryLink.objects.filter(partner=OuterRef("pk"), category=category))
        )
    if area is not None:
        partners = partners.filter(
            Q(serves_all_england=True) | Exists(PartnerArea.objects.filter(partner=OuterRef("pk"), area=area))
        )
    for word in query.split():
        partners = partners.filter(Q(name__icontains=word) | Q(help_with__icontains=word))
    if active is not None:
        partners = partners.filter(is_active=active)
    return _with_links(partners.order_by("name", "id"))


def partners_for_referral(*, area: int | None, category: int | None = None, query: str = "") -> QuerySet[Partner]:
    """Active partners a customer in ``area`` can be sent to: those serving the area, and national
    ones (only national ones when the customer's area is not known)."""
    if area is None:
        partners = partner_directory(category=category, query=query, active=True).filter(serves_all_england=True)
        return partners
    return partner_directory(category=category, area=area, query=query, active=True)


def partner(pk: int) -> Partner | None:
    return _with_links(Partner.objects.filter(pk=pk)).first()


def partner_areas(partner: Partner) -> list[int]:
    """The areas of a partner read with partner() or partner_directory() (prefetched)."""
    return [link.area for link in partner.area_links.all()]


def partner_categories(partner: Partner) -> list[int]:
    return [link.category for link in partner.category_links.all()]


def customer_area(customer: Customer) -> int | None:
    """The area of the customer's current address, which decides the partners offered first."""
    address = customer_selectors.current_address(customer)
    return address.area if address is not None else None


def customer_referrals(customer: Customer) -> QuerySet[Referral]:
    """The customer's referrals and signposts, newest first."""
    return (
        Referral.objects.filter(customer=customer)
        .select_related("partner", "made_by", "organisation")
        .order_by("-made_at", "-id")
    )


def customer_referral(customer: Customer, pk: int) -> Referral | None:
    return (
        Referral.objects.filter(customer=customer, pk=pk)
        .select_related("partner", "made_by", "organisation", "follow_up_task")
        .prefetch_related(
            Prefetch(
                "status_changes",
                queryset=ReferralStatusChange.objects.select_related("changed_by").order_by("changed_at", "id"),
            )
        )
        .first()
    )
