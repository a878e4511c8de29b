from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "signpost.careers"
    label = "careers"
    verbose_name = "Careers information"
