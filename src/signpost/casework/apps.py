from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "signpost.casework"
    label = "casework"
    verbose_name = "Casework"
