"""Workspace pages about customers (the shared customer record), under /workspace/customers/."""

from django.urls import path, register_converter

from signpost.workspace import views_customer_record as record
from signpost.workspace import views_customers
from signpost.workspace import views_interactions as contacts

urlpatterns: list = [
    path("", views_customers.customer_search, name="customer_search"),
    path("new/", views_customers.customer_create, name="customer_create"),
]

# The customer record (read), one URL per tab; a reference is matched by its shape (see the
# converter), so these routes never hide the other customer pages'.
register_converter(record.ReferenceConverter, "customer_reference")
urlpatterns += [
    path("<customer_reference:reference>/", record.customer_record, name="customer_record"),
    path("<customer_reference:reference>/contact/", record.customer_record_contact, name="customer_record_contact"),
    path(
        "<customer_reference:reference>/addresses/", record.customer_record_addresses, name="customer_record_addresses"
    ),
    path(
        "<customer_reference:reference>/diversity/", record.customer_record_diversity, name="customer_record_diversity"
    ),
    path(
        "<customer_reference:reference>/employment-and-learning/",
        record.customer_record_employment_and_learning,
        name="customer_record_employment_and_learning",
    ),
    path("<customer_reference:reference>/consents/", record.customer_record_consents, name="customer_record_consents"),
]

# Contacts on the record (issue 3, items 6 and 8): see views_interactions.
urlpatterns += [
    path("<customer_reference:reference>/contacts/new/", contacts.interaction_create, name="interaction_create"),
    path(
        "<customer_reference:reference>/contacts/<int:pk>/service-improvement/",
        contacts.service_improvement,
        name="service_improvement",
    ),
    path(
        "<customer_reference:reference>/contacts/<int:pk>/send-summary/", contacts.summary_send, name="summary_send"
    ),
]
