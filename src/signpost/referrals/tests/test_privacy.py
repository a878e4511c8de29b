"""Referrals in the personal data register: anonymising leaves no words about the customer behind,
and keeps what statistics need (kind, partner, status, dates)."""

from __future__ import annotations

from typing import Any

import pytest

from signpost.accounts.roles import Role
from signpost.data_protection import codes as dp_codes
from signpost.data_protection.services import customer_anonymise
from signpost.data_protection.tests.scan import find_text
from signpost.referrals import codes, services
from signpost.referrals.models import Referral, ReferralStatusChange
from signpost.referrals.privacy import REASON_REMOVED
from signpost.referrals.tests.builders import make_partner
from tests.factories import make_staff

MARKERS = ["Zanzibarquux arrears", "Quokkaflint notes", "Plumbwhistle withdrawn"]


@pytest.mark.django_db(transaction=True)
def test_anonymising_erases_what_was_written_and_keeps_the_referral(adviser: Any, customer: Any, national: Any) -> None:
    partner = make_partner()
    referral = services.referral_make(
        actor=adviser,
        customer=customer,
        kind=codes.ReferralKind.REFERRAL,
        partner=partner,
        reason=MARKERS[0],
        notes=MARKERS[1],
        consent_to_share=True,
    )
    services.referral_status_change(
        actor=adviser, referral=referral, status=codes.ReferralStatus.WITHDRAWN, reason=MARKERS[2]
    )
    assert set(find_text(MARKERS)) == {marker.lower() for marker in MARKERS}

    admin = make_staff(Role.SYSTEM_ADMINISTRATOR, organisation=national)
    customer_anonymise(actor=admin, customer=customer, reason=dp_codes.AnonymisationReason.ERASURE_REQUEST)

    assert find_text(MARKERS) == {}
    kept = Referral.objects.get(pk=referral.pk)
    assert (kept.reason, kept.notes) == (REASON_REMOVED, "")
    assert (kept.kind, kept.partner, kept.status) == (
        codes.ReferralKind.REFERRAL,
        partner,
        codes.ReferralStatus.WITHDRAWN,
    )
    assert ReferralStatusChange.objects.filter(referral=kept).count() == 2
