from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "signpost.portal"
    label = "portal"
    verbose_name = "Public site and online space"
