from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "signpost.funding"
    verbose_name = "Funding eligibility"

    def ready(self) -> None:
        from signpost.funding.privacy import register_funding

        register_funding()
