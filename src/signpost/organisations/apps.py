from django.apps import AppConfig
from django.db.models.signals import post_migrate


class OrganisationsConfig(AppConfig):
    name = "signpost.organisations"
    label = "organisations"
    verbose_name = "Organisations"

    def ready(self) -> None:
        from signpost.organisations.reference import sync_delivering_organisations

        post_migrate.connect(sync_delivering_organisations, sender=self, dispatch_uid="signpost.sync_organisations")
