"""Staff administration: list, invite, view, change, deactivate and reactivate staff accounts."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from signpost.accounts import selectors, services
from signpost.accounts.forms import StaffDeactivateForm, StaffDetailsForm, StaffInviteForm
from signpost.accounts.models import User
from signpost.accounts.rules import can_manage_staff_of, has_national_scope
from signpost.core.selectors import audit_event_search
from signpost.organisations.models import Organisation
from signpost.organisations.selectors import delivering_organisations
from signpost.workspace.access import staff_view
from signpost.workspace.forms import StaffFilterForm, posted_data, valid_filters
from signpost.workspace.paging import paginate

MANAGE_STAFF = "accounts.manage_staff"
HISTORY_LENGTH = 10


def staff_status(user: User) -> dict[str, str]:
    """The account's state as a GOV.UK tag: deactivated wins over a pending invitation."""
    if not user.is_active:
        return {"text": "Deactivated", "classes": "govuk-tag--grey"}
    if not user.has_usable_password():
        return {"text": "Invited", "classes": "govuk-tag--blue"}
    return {"text": "Active", "classes": "govuk-tag--green"}


def _managed_staff_member(request: HttpRequest, pk: int) -> User:
    # Staff outside the administrator's view do not exist for them (404); the scope rule then
    # decides whether they may change what they can see (403).
    user = get_object_or_404(selectors.staff_visible_to(request.user), pk=pk)
    if not can_manage_staff_of(request.user, user.organisation):
        raise PermissionDenied
    return user


def _invitable_organisations(actor: Any) -> QuerySet[Organisation]:
    # Only what to offer on the form; staff_invite checks the scope rule again before writing.
    organisations = delivering_organisations()
    if has_national_scope(actor):
        return organisations
    return organisations.filter(pk=actor.organisation_id)


def _organisation_id(actor: Any) -> int | None:
    return None if has_national_scope(actor) else actor.organisation_id


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


@staff_view(MANAGE_STAFF)
def staff_list(request: HttpRequest) -> HttpResponse:
    form = StaffFilterForm(request.GET, national=has_national_scope(request.user))
    filters = valid_filters(form)
    organisation = filters.pop("organisation", None)
    staff = selectors.staff_search(
        actor=request.user,
        query=filters.get("q", ""),
        organisation_id=organisation.pk if organisation else None,
        role=filters.get("role", ""),
        status=filters.get("status", ""),
    )
    paged = paginate(request, staff)
    rows = [{"user": user, "status": staff_status(user)} for user in paged.page]
    return render(
        request,
        "workspace/staff/list.html",
        {"form": form, "filtered": bool(filters or organisation), "rows": rows, "paged": paged, "active_nav": "staff"},
    )


@staff_view(MANAGE_STAFF)
def staff_invite(request: HttpRequest) -> HttpResponse:
    organisations = _invitable_organisations(request.user)
    initial = {}
    if not has_national_scope(request.user):
        initial["organisation"] = request.user.organisation_id  # type: ignore[union-attr]
    form = StaffInviteForm(posted_data(request), organisations=organisations, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.staff_invite(
                actor=request.user,
                email=form.cleaned_data["email"],
                given_name=form.cleaned_data["given_name"],
                family_name=form.cleaned_data["family_name"],
                organisation=form.cleaned_data["organisation"],
                roles=form.cleaned_data["roles"],
                base_url=_base_url(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Invitation sent to {user.email}")
            return redirect("workspace:staff_detail", pk=user.pk)
    return render(request, "workspace/staff/invite.html", {"form": form, "active_nav": "staff"})


def _render_detail(request: HttpRequest, user: User, errors: list[str] | None = None) -> HttpResponse:
    history = audit_event_search(
        organisation_id=_organisation_id(request.user), object_type=User._meta.label_lower, object_id=str(user.pk)
    )[:HISTORY_LENGTH]
    context = {
        "person": user,
        "status": staff_status(user),
        "invitation_pending": user.is_active and not user.has_usable_password(),
        "is_self": user.pk == request.user.pk,
        "history": history,
        "action_errors": errors or [],
        "active_nav": "staff",
    }
    return render(request, "workspace/staff/detail.html", context)


@staff_view(MANAGE_STAFF)
def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _managed_staff_member(request, pk))


@staff_view(MANAGE_STAFF)
def staff_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _managed_staff_member(request, pk)
    initial = {
        "given_name": user.given_name,
        "family_name": user.family_name,
        "roles": [role.value for role in user.roles],
    }
    form = StaffDetailsForm(posted_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_update(actor=request.user, user=user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            # The service rolled back; show the stored name, not the one it tried to save.
            user.refresh_from_db()
        else:
            messages.success(request, f"{user} has been updated")
            return redirect("workspace:staff_detail", pk=user.pk)
    return render(request, "workspace/staff/edit.html", {"form": form, "person": user, "active_nav": "staff"})


@staff_view(MANAGE_STAFF)
def staff_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    user = _managed_staff_member(request, pk)
    if not user.is_active:
        messages.info(request, f"{user} is already deactivated")
        return redirect("workspace:staff_detail", pk=user.pk)
    form = StaffDeactivateForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_deactivate(actor=request.user, user=user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{user} has been deactivated and signed out")
            return redirect("workspace:staff_detail", pk=user.pk)
    return render(request, "workspace/staff/deactivate.html", {"form": form, "person": user, "active_nav": "staff"})


@staff_view(MANAGE_STAFF)
@require_POST
def staff_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    user = _managed_staff_member(request, pk)
    try:
        services.staff_reactivate(actor=request.user, user=user)
    except ValidationError as error:
        return _render_detail(request, user, error.messages)
    messages.success(request, f"{user} has been reactivated")
    return redirect("workspace:staff_detail", pk=user.pk)


@staff_view(MANAGE_STAFF)
@require_POST
def staff_resend_invitation(request: HttpRequest, pk: int) -> HttpResponse:
    user = _managed_staff_member(request, pk)
    try:
        services.staff_resend_invitation(actor=request.user, user=user, base_url=_base_url(request))
    except ValidationError as error:
        return _render_detail(request, user, error.messages)
    messages.success(request, f"Invitation sent again to {user.email}")
    return redirect("workspace:staff_detail", pk=user.pk)
