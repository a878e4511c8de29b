"""Organisation administration, for national system administrators only."""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from signpost.accounts.rules import has_national_scope
from signpost.organisations import selectors, services
from signpost.organisations.forms import OrganisationForm
from signpost.organisations.models import Organisation
from signpost.workspace.access import staff_view
from signpost.workspace.forms import OrganisationFilterForm, posted_data, valid_filters
from signpost.workspace.paging import paginate

View = Callable[..., HttpResponse]


def national_organisation_admin(view: View) -> View:
    """The permission, and national scope: organisations are shared by every area."""

    @staff_view("organisations.manage_organisations")
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not has_national_scope(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


@national_organisation_admin
def organisation_list(request: HttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET)
    filters = valid_filters(form)
    paged = paginate(request, selectors.organisation_list(kind=filters.get("kind", ""), query=filters.get("q", "")))
    return render(
        request,
        "workspace/organisations/list.html",
        {"form": form, "filtered": bool(filters), "paged": paged, "active_nav": "organisations"},
    )


def _save(request: HttpRequest, form: OrganisationForm, save: Callable[..., Organisation]) -> Organisation | None:
    """Run the service with the form's values; its validation errors land on the form's fields."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return save(actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error)
        return None


@national_organisation_admin
def organisation_create(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(posted_data(request), initial={"is_active": True})
    organisation = _save(request, form, services.organisation_create)
    if organisation is not None:
        messages.success(request, f"{organisation.name} has been added")
        return redirect("workspace:organisation_list")
    return render(request, "workspace/organisations/form.html", {"form": form, "active_nav": "organisations"})


@national_organisation_admin
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    # The form validates a copy: a ModelForm writes its values onto its instance, and the service
    # must see the stored values to record which fields changed.
    form = OrganisationForm(posted_data(request), instance=copy.copy(organisation))

    def update(**fields: Any) -> Organisation:
        return services.organisation_update(organisation=organisation, **fields)

    saved = _save(request, form, update)
    if saved is not None:
        messages.success(request, f"{saved.name} has been updated")
        return redirect("workspace:organisation_list")
    if request.method == "POST":
        organisation.refresh_from_db()  # the heading shows the stored name, not a rejected one
    return render(
        request,
        "workspace/organisations/form.html",
        {"form": form, "organisation": organisation, "active_nav": "organisations"},
    )
