"""Referrals' entries in the personal data register (signpost.core.privacy).

A referral stays when a customer is anonymised, for statistics (kind, partner or channel, status,
dates, area, organisation); what was written about the customer goes. The partner directory
holds no customer's data and is not registered.
"""

from __future__ import annotations

from signpost.core.privacy import PersonalData, register, replace_values

# The reason is required on every referral, so an anonymised one says why it is gone.
REASON_REMOVED = "Removed when the customer's record was anonymised."


def register_referrals() -> None:
    register(
        PersonalData(
            model="referrals.Referral",
            customer_path="customer",
            title="Referrals and signposts",
            fields=[
                "made_at",
                "kind",
                ("partner__name", "Partner"),
                "channel",
                "reason",
                "notes",
                "warm_transfer",
                "consent_to_share",
                "consent_recorded_at",
                "follow_up_on",
                "status",
                "status_changed_at",
                ("organisation__name", "Organisation"),
            ],
            ordering=["made_at", "id"],
            erase=replace_values(reason=REASON_REMOVED, notes=""),
        )
    )
    register(
        PersonalData(
            model="referrals.ReferralStatusChange",
            customer_path="referral__customer",
            title="Changes to your referrals",
            fields=[("referral__made_at", "Referral made on"), "to_status", "reason", "changed_at"],
            ordering=["changed_at", "id"],
            erase=replace_values(reason=""),
        )
    )
