from django.apps import AppConfig


class CustomersConfig(AppConfig):
    name = "signpost.customers"
    label = "customers"
    verbose_name = "Customers"

    def ready(self) -> None:
        from signpost.customers.privacy import register_customer_record

        register_customer_record()
