from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "signpost.api"
    label = "api"
    verbose_name = "API"
