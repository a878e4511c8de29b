"""Referrals and signposts on the customer record (domain.md §4): find a partner for the
customer's area, refer or signpost them (or point them to another channel), and move the
referral on as the partner replies. Reading them is for every member of staff, like the rest of
the record; making and updating them needs referrals.make_referral. A terminated record is
read-only: its pages that change something answer 409.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from signpost.accounts.roles import MAKE_REFERRALS
from signpost.core.govuk_forms import date_input_params
from signpost.customers import services as customer_services
from signpost.customers.models import Customer
from signpost.organisations.models import Area
from signpost.referrals import codes, rules, selectors, services
from signpost.referrals.models import Partner
from signpost.workspace.access import staff_view
from signpost.workspace.customer_pages import customer_or_404, read_only
from signpost.workspace.forms import posted_data
from signpost.workspace.forms_referrals import PartnerSearchForm, ReferralForm, StatusForm
from signpost.workspace.paging import paginate
from signpost.workspace.views_partners import errors_to_form, phone_shown


def _tab_url(customer: Customer) -> str:
    return reverse("workspace:customer_record_referrals", kwargs={"reference": customer.reference})


def referrals_tab(customer: Customer, today: datetime.date) -> dict[str, Any]:
    """The record's "Referrals" tab: every referral and signpost, newest first (one query)."""
    return {"referrals": list(selectors.customer_referrals(customer))}


@staff_view(MAKE_REFERRALS)
def referral_find_partner(request: HttpRequest, reference: str) -> HttpResponse:
    """Partners that serve the customer's area (national ones too), by category or words; or
    another channel of the service."""
    customer = customer_or_404(reference)
    if customer.is_terminated:
        return read_only(request, customer)
    customer_area = selectors.customer_area(customer)
    # The customer's own area until the adviser chooses another.
    data = request.GET if "area" in request.GET else {**request.GET.dict(), "area": str(customer_area or "")}
    form = PartnerSearchForm(data)
    form.is_valid()
    filters = form.cleaned_data
    partners = selectors.partners_for_referral(
        area=filters.get("area"), category=filters.get("category"), query=filters.get("q") or ""
    )
    customer_services.customer_record_viewed(actor=request.user, customer=customer, part="refer")
    return render(
        request,
        "workspace/referrals/find_partner.html",
        {
            "customer": customer,
            "customer_area": customer_area,
            "customer_area_label": Area(customer_area).label if customer_area else "",
            "form": form,
            "paged": paginate(request, partners),
            "channels": codes.OtherChannel.choices,
        },
    )


def _make(request: HttpRequest, customer: Customer, partner: Partner | None, channel: int | None) -> HttpResponse:
    if customer.is_terminated:
        return read_only(request, customer)
    form = ReferralForm(posted_data(request), partner=partner)
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.referral_make(
                actor=request.user, customer=customer, partner=partner, channel=channel, **form.cleaned_data
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, f"{referral.get_kind_display()} to {referral.destination} recorded")
            return redirect("workspace:referral_detail", reference=customer.reference, pk=referral.pk)
    if request.method == "GET":
        customer_services.customer_record_viewed(actor=request.user, customer=customer, part="refer")
    return render(
        request,
        "workspace/referrals/form.html",
        {
            "customer": customer,
            "partner": partner,
            "phone": phone_shown(partner) if partner else "",
            "channel_label": codes.OtherChannel(channel).label if channel else "",
            "form": form,
            "follow_up_params": date_input_params(form["follow_up_on"]),
        },
    )


@staff_view(MAKE_REFERRALS)
def referral_create_to_partner(request: HttpRequest, reference: str, partner_pk: int) -> HttpResponse:
    customer = customer_or_404(reference)
    partner = selectors.partner(partner_pk)
    if partner is None:
        raise Http404("No partner has this number.")
    return _make(request, customer, partner, None)


@staff_view(MAKE_REFERRALS)
def referral_create_to_channel(request: HttpRequest, reference: str, channel: int) -> HttpResponse:
    customer = customer_or_404(reference)
    if channel not in codes.OtherChannel.values:
        raise Http404("No such channel.")
    return _make(request, customer, None, channel)


@staff_view()
def referral_detail(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    """The referral, its history, and (for those who may) the next status."""
    customer = customer_or_404(reference)
    referral = selectors.customer_referral(customer, pk)
    if referral is None:
        raise Http404("This customer has no such referral.")
    user: Any = request.user
    allowed = rules.allowed_next_statuses(kind=referral.kind, status=referral.status)
    may_update = user.has_perm(MAKE_REFERRALS)
    form = StatusForm(posted_data(request), allowed=allowed)
    if request.method == "POST":
        if not may_update:
            raise PermissionDenied
        if customer.is_terminated:
            return read_only(request, customer)
        if form.is_valid():
            try:
                services.referral_status_change(actor=user, referral=referral, **form.cleaned_data)
            except ValidationError as error:
                errors_to_form(form, error)
            else:
                status = codes.ReferralStatus(form.cleaned_data["status"]).label.lower()
                messages.success(request, f"The {referral.get_kind_display().lower()} has been marked {status}")
                return redirect("workspace:referral_detail", reference=customer.reference, pk=referral.pk)
    else:
        customer_services.customer_record_viewed(actor=user, customer=customer, part="referral")
    return render(
        request,
        "workspace/referrals/detail.html",
        {
            "customer": customer,
            "referral": referral,
            "phone": phone_shown(referral.partner) if referral.partner else "",
            "form": form,
            "show_status_form": may_update and bool(allowed) and not customer.is_terminated,
            "tab_url": _tab_url(customer),
        },
    )
