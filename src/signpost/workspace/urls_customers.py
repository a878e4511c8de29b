"""Workspace pages about customers (the shared customer record), under /workspace/customers/."""

from django.urls import path

from signpost.workspace import views_customers

urlpatterns: list = [
    path("", views_customers.customer_search, name="customer_search"),
    path("new/", views_customers.customer_create, name="customer_create"),
]
