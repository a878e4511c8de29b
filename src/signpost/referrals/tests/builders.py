"""Partners and referrals for tests, written straight to the tables (the services are tested apart)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from signpost.customers.models import Address, Customer
from signpost.organisations.models import Area
from signpost.referrals import codes
from signpost.referrals.models import Partner, PartnerArea, PartnerCategoryLink, Referral, ReferralStatusChange


def make_partner(
    name: str = "Riverside Money Advice",
    *,
    categories: Iterable[int] = (codes.PartnerCategory.DEBT,),
    areas: Iterable[int] = (Area.LONDON,),
    serves_all_england: bool = False,
    **fields: Any,
) -> Partner:
    values: dict[str, Any] = {
        "help_with": "Free advice on debts, budgeting and dealing with creditors",
        "phone": "+442079460000",
        "email": "help@riverside-money.example",
        "is_active": True,
        **fields,
    }
    if not values["is_active"]:
        values.setdefault("deactivated_at", timezone.now())
    partner = Partner.objects.create(name=name, serves_all_england=serves_all_england, **values)
    PartnerCategoryLink.objects.bulk_create(PartnerCategoryLink(partner=partner, category=c) for c in categories)
    if not serves_all_england:
        PartnerArea.objects.bulk_create(PartnerArea(partner=partner, area=a) for a in areas)
    return partner


def live_in(customer: Customer, area: int = Area.LONDON, postcode: str = "SW1A 1AA") -> Customer:
    """Give the customer a current address in ``area`` (set directly: no postcode tables needed)."""
    Address.objects.create(
        customer=customer,
        line_1="1 Test Street",
        postcode=postcode,
        area=area,
        effective_from=timezone.localdate().replace(year=2020),
    )
    return customer


def make_referral(customer: Customer, actor: Any, partner: Partner | None = None, **fields: Any) -> Referral:
    now = fields.pop("made_at", None) or timezone.now()
    values: dict[str, Any] = {
        "kind": codes.ReferralKind.REFERRAL if partner else codes.ReferralKind.SIGNPOST,
        "reason": "Rent arrears are stopping them looking for work",
        "status": codes.ReferralStatus.MADE,
        **fields,
    }
    if partner is not None and values["kind"] == codes.ReferralKind.REFERRAL:
        values.setdefault("consent_to_share", True)
        values.setdefault("consent_recorded_at", now)
    if partner is None:
        values.setdefault("channel", codes.OtherChannel.WEB)
    referral = Referral.objects.create(
        customer=customer,
        partner=partner,
        status_changed_at=now,
        made_at=now,
        made_by=actor,
        organisation=actor.organisation,
        **values,
    )
    ReferralStatusChange.objects.create(
        referral=referral, to_status=codes.ReferralStatus.MADE, changed_at=now, changed_by=actor
    )
    return referral
