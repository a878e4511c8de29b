from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "signpost.core"
    label = "core"
    verbose_name = "Core"
