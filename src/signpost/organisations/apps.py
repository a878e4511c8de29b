from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "signpost.organisations"
    label = "organisations"
    verbose_name = "Organisations"
