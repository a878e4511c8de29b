from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "signpost.contacts"
    label = "contacts"
    verbose_name = "Contacts"

    def ready(self) -> None:
        from signpost.contacts.privacy import register_contacts

        register_contacts()
