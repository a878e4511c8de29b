from django.apps import AppConfig


class CustomersConfig(AppConfig):
    name = "signpost.customers"
    label = "customers"
    verbose_name = "Customers"
