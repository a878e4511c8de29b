from django.apps import AppConfig


class DataProtectionConfig(AppConfig):
    name = "signpost.data_protection"
    label = "data_protection"
    verbose_name = "Data protection"

    def ready(self) -> None:
        from signpost.data_protection.privacy import register_data_protection
        from signpost.data_protection.tasks import register_scheduled_jobs

        register_data_protection()
        register_scheduled_jobs()
