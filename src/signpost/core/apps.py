from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "signpost.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from signpost.core.privacy import register_core_models

        register_core_models()
