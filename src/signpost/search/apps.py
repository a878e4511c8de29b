from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "signpost.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from signpost.core.privacy import personal_data_erased
        from signpost.search import engines

        connection_created.connect(engines.prepare_connection, dispatch_uid="search.prepare_connection")
        personal_data_erased.connect(engines.forget_removed_text, dispatch_uid="search.forget_removed_text")
