from django.apps import AppConfig


class SpaceConfig(AppConfig):
    name = "signpost.space"
    label = "space"
    verbose_name = "Online space"

    def ready(self) -> None:
        from signpost.space.privacy import register_space

        register_space()
