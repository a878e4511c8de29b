"""What every workspace page about one customer starts with: the record named in the URL (or a
404), and the 409 page when the record's state forbids a change."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from signpost.customers import selectors
from signpost.customers.models import Customer

READ_ONLY_TEMPLATE = "workspace/customers/edit/read_only.html"


def customer_or_404(reference: str) -> Customer:
    customer = selectors.customer_by_reference(reference)
    if customer is None:
        raise Http404("No customer has this reference.")
    return customer


def read_only(request: HttpRequest, customer: Customer) -> HttpResponse:
    """409 Conflict: the request is fine, the record's state forbids it."""
    return render(request, READ_ONLY_TEMPLATE, {"customer": customer}, status=409)
