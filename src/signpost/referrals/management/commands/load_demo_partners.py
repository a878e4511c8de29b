"""The demo partner directory, and referrals in every state on some demo customers' records.

Demo mode only, and idempotent: partners already in the directory (by name) are left alone, and
referrals are added only while the demo adviser has made none. Every write goes through the
referrals services (the national demo system administrator keeps the directory, the London demo
adviser refers), so the rules hold, each change is audited and on the customer's timeline, and
warm transfers and planned follow-ups put tasks in the London queue.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from signpost.accounts.demo import demo_staff_email
from signpost.accounts.models import User
from signpost.customers.management.commands.load_demo_customers import POSTCODES
from signpost.customers.models import Customer
from signpost.referrals import codes, selectors, services
from signpost.referrals.demo import DEMO_DIRECTORY, INACTIVE_DEMO_PARTNER, DemoArea, DemoPartner
from signpost.referrals.models import Partner, Referral

Status = codes.ReferralStatus
# What the demo customers need help with, by the partner's first category.
NEEDS = {
    codes.PartnerCategory.DEBT: "Behind on rent and two credit cards; the worry is stopping them applying for jobs.",
    codes.PartnerCategory.CITIZENS_ADVICE: "Not sure which benefits they can claim while training part time.",
    codes.PartnerCategory.HOUSING: "Has a notice to leave their flat and needs help before starting a new job.",
    codes.PartnerCategory.JOBCENTRE_PLUS: "Wants to claim Universal Credit and be put in touch with a work coach.",
    codes.PartnerCategory.APPRENTICESHIPS: "Keen on an engineering apprenticeship and wants help applying.",
    codes.PartnerCategory.FURTHER_EDUCATION: "Needs a level 2 in maths to apply for a nursing course.",
    codes.PartnerCategory.TRAINING_PROVIDER: "Wants a short course to get back into warehouse work.",
    codes.PartnerCategory.HEALTH: "Managing anxiety and wants support to return to work gradually.",
    codes.PartnerCategory.CHILDCARE: "Needs childcare for two children before they can take up evening classes.",
    codes.PartnerCategory.LEGAL: "Was dismissed without notice and wants to know their rights.",
}
DEFAULT_NEED = "Would benefit from specialist help alongside careers advice."
# (kind, warm transfer, statuses it moves through with their reasons, follow-up in days)
SCENARIOS: list[tuple[int, bool, list[tuple[int, str]], int | None]] = [
    (codes.ReferralKind.REFERRAL, True, [(Status.ACCEPTED, "")], None),
    (codes.ReferralKind.SIGNPOST, False, [], None),
    (codes.ReferralKind.REFERRAL, False, [(Status.ACCEPTED, ""), (Status.COMPLETED, "Appointment attended.")], None),
    (codes.ReferralKind.REFERRAL, False, [(Status.DECLINED, "Their service is for people over 25 only.")], None),
    (codes.ReferralKind.SIGNPOST, False, [(Status.WITHDRAWN, "Customer found work and no longer needs this.")], 14),
    (codes.ReferralKind.REFERRAL, False, [], 21),
]
DEMO_REFERRALS = 12


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower().replace("'", "")).strip("-")


class Command(BaseCommand):
    help = "Load the demo partner directory and demo referrals (demo mode only)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError("Demo partners can only be loaded with SIGNPOST_DEMO on (never in production).")
        keeper = User.objects.filter(email=demo_staff_email("system_administrator", "national")).first()
        adviser = User.objects.filter(email=demo_staff_email("adviser", "london")).first()
        if keeper is None or adviser is None:
            raise CommandError("Run load_demo_data first: demo staff keep the directory and make the referrals.")
        with transaction.atomic():
            added = sum(self._area(keeper, area) for area in DEMO_DIRECTORY)
            added += self._inactive(keeper)
            referrals = self._referrals(adviser)
        self.stdout.write(f"Demo partners ready: {added} added, {referrals} referrals made.")

    def _area(self, keeper: Any, area: DemoArea) -> int:
        added = 0
        places = POSTCODES.get(area.region, [])
        for number, partner in enumerate(area.partners):
            if Partner.objects.filter(name=partner.name).exists():
                continue
            address: dict[str, str] = {}
            if places:
                postcode, town, *_ = places[number % len(places)]
                address = {"address_line_1": "Ground floor", "town": town, "postcode": postcode}
            self._create(keeper, area, partner, number, address)
            added += 1
        return added

    def _create(
        self, keeper: Any, area: DemoArea, partner: DemoPartner, number: int, address: dict[str, str]
    ) -> Partner:
        slug = _slug(partner.name)
        return services.partner_create(
            actor=keeper,
            name=partner.name,
            help_with=partner.help_with,
            categories=partner.categories,
            serves_all_england=area.area is None,
            areas=[] if area.area is None else [area.area],
            phone=area.phone.format(f"{100 + number * 11:03}"),
            email=f"referrals@{slug}.example",
            website=f"https://www.{slug}.example",
            accepts_warm_transfers=partner.warm,
            **address,
        )

    def _inactive(self, keeper: Any) -> int:
        if Partner.objects.filter(name=INACTIVE_DEMO_PARTNER).exists():
            return 0
        london = DEMO_DIRECTORY[0]
        closed = self._create(
            keeper,
            london,
            DemoPartner(
                INACTIVE_DEMO_PARTNER,
                (codes.PartnerCategory.COMMUNITY_CENTRE,),
                "A weekly job club in the old town hall, closed when the building was sold.",
            ),
            9,
            {},
        )
        services.partner_deactivate(actor=keeper, partner=closed)
        return 1

    def _referrals(self, adviser: Any) -> int:
        if Referral.objects.filter(made_by=adviser).exists():
            return 0
        customers = (
            Customer.objects.filter(terminated_at__isnull=True, addresses__area__isnull=False)
            .distinct()
            .order_by("id")[: DEMO_REFERRALS * 3]
        )
        made = 0
        today = timezone.localdate()
        for customer in customers:
            if made == DEMO_REFERRALS:
                break
            kind, warm, steps, follow_up_days = SCENARIOS[made % len(SCENARIOS)]
            partners = [
                partner
                for partner in selectors.partners_for_referral(area=selectors.customer_area(customer))
                if partner.accepts_warm_transfers or not warm
            ]
            if not partners:
                continue
            partner = partners[made % len(partners)]
            first_category = selectors.partner_categories(partner)[0]
            referral = services.referral_make(
                actor=adviser,
                customer=customer,
                kind=kind,
                partner=partner,
                reason=NEEDS.get(codes.PartnerCategory(first_category), DEFAULT_NEED),
                warm_transfer=warm,
                consent_to_share=kind == codes.ReferralKind.REFERRAL,
                follow_up_on=today + datetime.timedelta(days=follow_up_days) if follow_up_days else None,
            )
            for status, reason in steps:
                services.referral_status_change(actor=adviser, referral=referral, status=status, reason=reason)
            made += 1
        return made
