from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "signpost.contacts"
    label = "contacts"
    verbose_name = "Contacts"
