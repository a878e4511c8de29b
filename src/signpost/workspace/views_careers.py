"""Job profiles for content editors: list, due for review, create, edit, review and publish.

Editing a published profile edits its working copy (careers.services); the public pages show the
published profile until the copy is published.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from signpost.accounts.roles import EDIT_JOB_PROFILES, PUBLISH_JOB_PROFILES
from signpost.careers import selectors, services
from signpost.careers.models import JobProfile, ProfileStatus
from signpost.core.govuk_forms import field_params
from signpost.workspace.access import staff_view
from signpost.workspace.forms import posted_data
from signpost.workspace.forms_careers import ProfileForm, ReturnForm
from signpost.workspace.views_partners import errors_to_form

ACTIVE_NAV = "job_profiles"
STATUS_FILTERS = [("", "All"), *ProfileStatus.choices]


def _profile_or_404(pk: int) -> JobProfile:
    profile = selectors.profile_for_editor(pk)
    if profile is None:
        raise Http404("No such job profile.")
    return profile


def _component(bound: forms.BoundField) -> dict[str, Any]:
    widget = bound.field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return {"component": "checkboxes", "params": field_params(bound)}
    if isinstance(widget, forms.RadioSelect):
        return {"component": "radios", "params": field_params(bound)}
    if isinstance(widget, forms.Textarea):
        return {"component": "textarea", "params": field_params(bound, rows=widget.attrs.get("rows", 5))}
    if isinstance(widget, forms.NumberInput):
        params = field_params(bound, inputmode="numeric", classes="govuk-input--width-5", spellcheck=False)
        return {"component": "input", "params": params}
    return {"component": "input", "params": field_params(bound)}


def _form_page(request: HttpRequest, form: forms.Form, **context: Any) -> HttpResponse:
    fields = [_component(form[name]) for name in form.fields]
    return render(
        request, "workspace/careers/form.html", {"form": form, "fields": fields, "active_nav": ACTIVE_NAV, **context}
    )


@staff_view(EDIT_JOB_PROFILES)
@require_GET
def profile_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in dict(STATUS_FILTERS):
        status = ""
    context = {
        "profiles": selectors.profiles_for_editors(status=status or None)[:500],
        "status": status,
        "filters": STATUS_FILTERS,
        "due_count": selectors.profiles_due_for_review(on=timezone.localdate()).count(),
        "active_nav": ACTIVE_NAV,
    }
    return render(request, "workspace/careers/list.html", context)


@staff_view(EDIT_JOB_PROFILES)
@require_GET
def profile_due(request: HttpRequest) -> HttpResponse:
    context = {
        "profiles": selectors.profiles_due_for_review(on=timezone.localdate()),
        "active_nav": ACTIVE_NAV,
    }
    return render(request, "workspace/careers/due.html", context)


@staff_view(EDIT_JOB_PROFILES)
@require_http_methods(["GET", "POST"])
def profile_create(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            profile = services.profile_create(
                actor=request.user, changes=form.changes(), categories=form.cleaned_data["categories"]
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, f"{profile.title} has been saved as a draft")
            return redirect("workspace:job_profile_detail", pk=profile.pk)
    return _form_page(
        request,
        form,
        title="Add a job profile",
        button="Save as draft",
        back_url=reverse("workspace:job_profile_list"),
    )


@staff_view(EDIT_JOB_PROFILES)
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest, pk: int) -> HttpResponse:
    profile = _profile_or_404(pk)
    # A published profile is edited through its working copy, if it has one already.
    shown = getattr(profile, "working_copy", None) if profile.is_published else profile
    form = ProfileForm(posted_data(request), initial=ProfileForm.initial_for(shown or profile))
    if request.method == "POST" and form.is_valid():
        try:
            draft = services.profile_edit(
                actor=request.user,
                profile=profile,
                changes=form.changes(shown or profile),
                categories=form.cleaned_data["categories"],
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, f"Your changes to {draft.title} have been saved as a draft")
            return redirect("workspace:job_profile_detail", pk=draft.pk)
    intro = (
        "This profile is published. Your changes are saved as a draft and the public page does not change "
        "until the draft has been reviewed and published."
        if profile.is_published
        else ""
    )
    return _form_page(
        request,
        form,
        title=f"Change {profile.title}",
        button="Save as draft",
        intro=intro,
        back_url=reverse("workspace:job_profile_detail", kwargs={"pk": profile.pk}),
    )


def _detail_page(request: HttpRequest, profile: JobProfile, return_form: ReturnForm) -> HttpResponse:
    history = [
        {
            "when": entry.history_date,
            "who": entry.history_user.full_name if entry.history_user else "Loaded or imported",
            "what": entry.history_change_reason or entry.get_history_type_display(),
            "status": ProfileStatus(entry.status).label,
        }
        for entry in profile.history.select_related("history_user").order_by("-history_date", "-history_id")[:50]
    ]
    context = {
        "profile": profile,
        "working_copy": getattr(profile, "working_copy", None),
        "history": history,
        "return_form": return_form,
        "reason_field": field_params(return_form["reason"], rows=3),
        "error_state": bool(return_form.errors),
        "can_publish": request.user.has_perm(PUBLISH_JOB_PROFILES),  # type: ignore[union-attr]
        "active_nav": ACTIVE_NAV,
    }
    return render(request, "workspace/careers/detail.html", context)


@staff_view(EDIT_JOB_PROFILES)
@require_GET
def profile_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail_page(request, _profile_or_404(pk), ReturnForm())


@staff_view(EDIT_JOB_PROFILES)
@require_POST
def profile_submit(request: HttpRequest, pk: int) -> HttpResponse:
    profile = _profile_or_404(pk)
    try:
        services.profile_submit_for_review(actor=request.user, profile=profile)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"{profile.title} has been sent for review")
    return redirect("workspace:job_profile_detail", pk=profile.pk)


@staff_view(EDIT_JOB_PROFILES, PUBLISH_JOB_PROFILES)
@require_POST
def profile_publish(request: HttpRequest, pk: int) -> HttpResponse:
    profile = _profile_or_404(pk)
    try:
        published = services.profile_publish(actor=request.user, profile=profile)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("workspace:job_profile_detail", pk=profile.pk)
    messages.success(request, f"{published.title} has been published")
    return redirect("workspace:job_profile_detail", pk=published.pk)


@staff_view(EDIT_JOB_PROFILES, PUBLISH_JOB_PROFILES)
@require_POST
def profile_return(request: HttpRequest, pk: int) -> HttpResponse:
    profile = _profile_or_404(pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.profile_return_to_draft(actor=request.user, profile=profile, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, f"{profile.title} has been returned to draft")
            return redirect("workspace:job_profile_detail", pk=profile.pk)
    return _detail_page(request, profile, form)


@staff_view(EDIT_JOB_PROFILES)
@require_POST
def profile_reviewed(request: HttpRequest, pk: int) -> HttpResponse:
    profile = _profile_or_404(pk)
    try:
        services.profile_mark_reviewed(actor=request.user, profile=profile)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"{profile.title} has been marked as reviewed")
    return redirect("workspace:job_profile_detail", pk=profile.pk)
