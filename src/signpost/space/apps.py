from django.apps import AppConfig


class SpaceConfig(AppConfig):
    name = "signpost.space"
    label = "space"
    verbose_name = "Online space"
