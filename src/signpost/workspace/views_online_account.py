"""Inviting a customer to create an online account linked to their record (issue 3, what a
customer can do). Any staff member who may change the record may invite; the service refuses
when the record has no email the customer agreed to be emailed on, and the page says why.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from signpost.customers import selectors as customer_selectors
from signpost.customers.models import Customer
from signpost.space import rules as space_rules
from signpost.space import selectors as space_selectors
from signpost.space import services as space_services
from signpost.workspace.access import staff_view

TEMPLATE = "workspace/customers/online_account_invite.html"


def _customer(reference: str) -> Customer:
    customer = (
        space_selectors.with_online_account(Customer.objects.select_related("contact_details"))
        .filter(reference=customer_selectors.normalise_reference(reference))
        .first()
    )
    if customer is None:
        raise Http404("No customer has this reference.")
    return customer


def _refusal(customer: Customer) -> str:
    status = space_selectors.online_account_status(customer)
    return space_rules.invitation_refusal(
        customer, customer_selectors.contact_details_of(customer), linked=status.linked_at is not None
    )


@staff_view()
@require_http_methods(["GET", "POST"])
def online_account_invite(request: HttpRequest, reference: str) -> HttpResponse:
    customer = _customer(reference)
    back = reverse("workspace:customer_record_contact", kwargs={"reference": customer.reference})
    refusal = _refusal(customer)
    if request.method == "POST" and not refusal:
        try:
            invitation = space_services.invitation_send(
                actor=request.user, customer=customer, base_url=request.build_absolute_uri("/")
            )
        except ValidationError as error:
            refusal = " ".join(error.messages)
        else:
            messages.success(request, f"Invitation sent to {invitation.email}. The link works for 14 days.")
            return redirect(back)
    context = {
        "customer": customer,
        "refusal": refusal,
        "status": space_selectors.online_account_status(customer),
        "contact": customer_selectors.contact_details_of(customer),
        "back": back,
        "days": space_rules.INVITATION_LIFETIME.days,
    }
    return render(request, TEMPLATE, context, status=409 if refusal and request.method == "POST" else 200)
