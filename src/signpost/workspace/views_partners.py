"""The partner directory (domain.md §2 and §4): every member of staff can read it; team leaders,
managers and system administrators keep it up to date, national staff for every partner and an
area's staff for the partners that serve their area (referrals.rules.can_manage_partner).

Views parse with forms_referrals, call a referrals service or selector and render; the services'
errors come back on the form's fields, keeping what was typed.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from signpost.accounts.roles import MANAGE_PARTNERS
from signpost.customers.rules import PhoneNumber
from signpost.referrals import rules, selectors, services
from signpost.referrals.models import Partner
from signpost.workspace.access import staff_view
from signpost.workspace.forms import posted_data
from signpost.workspace.forms_referrals import PartnerFilterForm, PartnerForm
from signpost.workspace.paging import paginate

ACTIVE_NAV = "partners"


def _partner(pk: int) -> Partner:
    partner = selectors.partner(pk)
    if partner is None:
        raise Http404("No partner has this number.")
    return partner


def _may_manage(user: Any, partner: Partner) -> bool:
    return rules.can_manage_partner(
        user, serves_all_england=partner.serves_all_england, areas=selectors.partner_areas(partner)
    )


def _require_manager_of(user: Any, partner: Partner) -> None:
    if not _may_manage(user, partner):
        raise PermissionDenied


def errors_to_form(form: forms.Form, error: ValidationError) -> None:
    """A service's errors on the form's fields (or above the form when they name none)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            for item in errors:
                form.add_error(name if name in form.fields else None, item.messages)
        return
    form.add_error(None, error.messages)


def phone_shown(partner: Partner) -> str:
    return PhoneNumber(partner.phone, partner.phone_extension).national if partner.phone else ""


@staff_view()
def partner_list(request: HttpRequest) -> HttpResponse:
    form = PartnerFilterForm(request.GET)
    paged = paginate(request, selectors.partner_directory(**form.directory_filters()))
    return render(
        request,
        "workspace/partners/list.html",
        {
            "form": form,
            "filtered": form.is_filtered(),
            "paged": paged,
            "can_add": rules.can_manage_partners(request.user),
            "active_nav": ACTIVE_NAV,
        },
    )


@staff_view()
def partner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partner = _partner(pk)
    return render(
        request,
        "workspace/partners/detail.html",
        {
            "partner": partner,
            "phone": phone_shown(partner),
            "can_manage": _may_manage(request.user, partner),
            "active_nav": ACTIVE_NAV,
        },
    )


@staff_view(MANAGE_PARTNERS)
def partner_create(request: HttpRequest) -> HttpResponse:
    if not rules.can_manage_partners(request.user):
        raise PermissionDenied
    area = rules.staff_area(request.user)
    # An area's staff add partners for their own area: start there.
    initial = {"areas": [str(area)]} if area and not rules.has_national_scope(request.user) else {}
    form = PartnerForm(posted_data(request), initial=initial, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            partner = services.partner_create(actor=request.user, **form.service_fields())
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, f"{partner.name} has been added to the directory")
            return redirect("workspace:partner_detail", pk=partner.pk)
    return render(request, "workspace/partners/form.html", {"form": form, "active_nav": ACTIVE_NAV})


@staff_view(MANAGE_PARTNERS)
def partner_edit(request: HttpRequest, pk: int) -> HttpResponse:
    partner = _partner(pk)
    _require_manager_of(request.user, partner)
    initial = PartnerForm.initial_for(partner, selectors.partner_categories(partner), selectors.partner_areas(partner))
    form = PartnerForm(posted_data(request), initial=initial, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.partner_update(actor=request.user, partner=partner, **form.service_fields())
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, f"{form.cleaned_data['name']} has been updated")
            return redirect("workspace:partner_detail", pk=partner.pk)
    return render(request, "workspace/partners/form.html", {"form": form, "partner": partner, "active_nav": ACTIVE_NAV})


@staff_view(MANAGE_PARTNERS)
def partner_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what deactivating means, with a button. POST: take them out of the active list."""
    partner = _partner(pk)
    _require_manager_of(request.user, partner)
    if not partner.is_active:
        messages.info(request, f"{partner.name} is already inactive")
        return redirect("workspace:partner_detail", pk=partner.pk)
    if request.method == "POST":
        services.partner_deactivate(actor=request.user, partner=partner)
        messages.success(request, f"{partner.name} has been deactivated")
        return redirect("workspace:partner_detail", pk=partner.pk)
    return render(request, "workspace/partners/deactivate.html", {"partner": partner, "active_nav": ACTIVE_NAV})


@staff_view(MANAGE_PARTNERS)
def partner_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    """POST from the partner's page: back in the active list. A GET just shows the partner."""
    partner = _partner(pk)
    _require_manager_of(request.user, partner)
    if request.method == "POST" and not partner.is_active:
        services.partner_reactivate(actor=request.user, partner=partner)
        messages.success(request, f"{partner.name} is active again")
    return redirect("workspace:partner_detail", pk=partner.pk)
