from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "signpost.referrals"
    label = "referrals"
    verbose_name = "Referrals"

    def ready(self) -> None:
        from signpost.contacts.timeline import register_event_kinds
        from signpost.referrals.privacy import register_referrals

        register_referrals()

        # What a referral's life looks like on the customer's timeline (referrals.services).
        register_event_kinds(
            "referral",
            "Referrals and signposts",
            {
                "referral.referral_made": "Referral made",
                "referral.signpost_made": "Signposted",
                "referral.accepted": "Referral accepted",
                "referral.completed": "Referral completed",
                "referral.declined": "Referral declined",
                "referral.withdrawn": "Referral withdrawn",
            },
        )
