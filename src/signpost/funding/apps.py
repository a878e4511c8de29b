from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "signpost.funding"
    verbose_name = "Funding eligibility"
