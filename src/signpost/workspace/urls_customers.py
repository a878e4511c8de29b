"""Workspace pages about customers (the shared customer record), under /workspace/customers/."""

from django.urls import path  # noqa: F401 - the customer pages add their routes here

urlpatterns: list = []
