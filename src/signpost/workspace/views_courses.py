"""The course directory in the workspace: content editors keep every provider's listings, a course
editor their own provider's venues, courses and runs (courses.rules). Everyone else is refused,
and so is a course editor on another provider's pages.

Views parse with forms_courses, call a courses service or selector and render; the services'
errors come back on the form's fields, keeping what was typed.
"""

from __future__ import annotations

from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods

from signpost.accounts.models import User
from signpost.accounts.roles import MANAGE_PROVIDER_COURSES
from signpost.core.govuk_forms import GovukDateField, date_input_params, field_params
from signpost.courses import rules, selectors, services
from signpost.courses.models import Course, CourseRun, Provider, Venue
from signpost.organisations.models import Area
from signpost.workspace.access import staff_view
from signpost.workspace.forms import posted_data
from signpost.workspace.forms_courses import (
    ChosenListingsForm,
    CourseForm,
    CourseRunForm,
    CourseSearchForm,
    EditorForm,
    ProviderForm,
    ProviderSearchForm,
    VenueForm,
)
from signpost.workspace.paging import paginate
from signpost.workspace.views_partners import errors_to_form

ACTIVE_NAV = "courses"
FORM_TEMPLATE = "workspace/courses/form.html"


def directory_view(view: Any) -> Any:
    """Workspace staff who keep course listings: content editors, or course editors with a provider."""

    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not rules.can_use_course_directory(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return staff_view(providers_too=True)(checked)


def _found(value: Any, what: str) -> Any:
    if value is None:
        raise Http404(f"No {what} has this number.")
    return value


def _provider_for(request: HttpRequest, pk: int) -> Provider:
    provider = _found(selectors.provider(pk), "provider")
    if not rules.can_manage_provider(request.user, provider.pk):
        raise PermissionDenied
    return provider


def _course_for(request: HttpRequest, pk: int) -> Course:
    course = _found(selectors.course(pk), "course")
    if not rules.can_manage_provider(request.user, course.provider_id):
        raise PermissionDenied
    return course


def _component(bound: forms.BoundField) -> dict[str, Any]:
    field, widget = bound.field, bound.field.widget
    if isinstance(field, GovukDateField):
        return {"component": "date", "params": date_input_params(bound)}
    if isinstance(widget, forms.RadioSelect):
        return {"component": "radios", "params": field_params(bound)}
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return {"component": "checkboxes", "params": field_params(bound, classes="govuk-checkboxes--small")}
    if isinstance(widget, forms.CheckboxInput):
        return {"component": "checkboxes", "params": field_params(bound, classes="govuk-checkboxes--small")}
    if isinstance(widget, forms.Select):
        return {"component": "select", "params": field_params(bound)}
    if isinstance(widget, forms.Textarea):
        return {"component": "textarea", "params": field_params(bound, rows=widget.attrs.get("rows", 4))}
    if isinstance(widget, forms.NumberInput):
        params = field_params(bound, inputmode="numeric", classes="govuk-input--width-4", spellcheck=False)
        return {"component": "input", "params": params}
    return {"component": "input", "params": field_params(bound, spellcheck=False)}


def _form_page(request: HttpRequest, form: forms.Form, **context: Any) -> HttpResponse:
    fields = [_component(form[name]) for name in form.fields]
    return render(request, FORM_TEMPLATE, {"form": form, "fields": fields, "active_nav": ACTIVE_NAV, **context})


# Providers ------------------------------------------------------------------------------------


@staff_view(providers_too=True)
def course_directory(request: HttpRequest) -> HttpResponse:
    """Content editors: every provider. A course editor goes straight to their own provider."""
    if not rules.can_manage_every_provider(request.user):
        if not request.user.has_perm(MANAGE_PROVIDER_COURSES):
            raise PermissionDenied
        provider_id = rules.editor_provider_id(request.user)
        if provider_id is None:
            return render(request, "workspace/courses/no_provider.html", {"active_nav": ACTIVE_NAV})
        return redirect("workspace:course_provider", pk=provider_id)
    form = ProviderSearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    paged = paginate(request, selectors.providers(query=query))
    return render(
        request,
        "workspace/courses/providers.html",
        {"form": form, "query": query, "paged": paged, "active_nav": ACTIVE_NAV},
    )


@directory_view
def provider_create(request: HttpRequest) -> HttpResponse:
    if not rules.can_manage_every_provider(request.user):
        raise PermissionDenied
    form = ProviderForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            provider = services.provider_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, f"{provider.name} has been added")
            return redirect("workspace:course_provider", pk=provider.pk)
    return _form_page(
        request,
        form,
        title="Add a provider",
        caption="Course directory",
        button="Save provider",
        back_url=reverse("workspace:course_directory"),
    )


@directory_view
def provider_detail(request: HttpRequest, pk: int) -> HttpResponse:
    provider = _provider_for(request, pk)
    form = CourseSearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    return render(
        request,
        "workspace/courses/provider.html",
        {
            "provider": provider,
            "venues": selectors.provider_venues(provider),
            "removed_venues": selectors.provider_removed_venues(provider),
            "paged": paginate(request, selectors.provider_courses(provider, query=query)),
            "form": form,
            "query": query,
            "editors": selectors.provider_editors(provider),
            "is_content_editor": rules.can_manage_every_provider(request.user),
            "active_nav": ACTIVE_NAV,
        },
    )


@directory_view
def provider_edit(request: HttpRequest, pk: int) -> HttpResponse:
    provider = _provider_for(request, pk)
    if not rules.can_manage_every_provider(request.user):
        raise PermissionDenied
    form = ProviderForm(posted_data(request), initial=ProviderForm.initial_for(provider))
    if request.method == "POST" and form.is_valid():
        try:
            services.provider_update(actor=request.user, provider=provider, **form.cleaned_data)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, f"{provider.name} has been updated")
            return redirect("workspace:course_provider", pk=provider.pk)
    return _form_page(
        request,
        form,
        title="Change provider details",
        caption=provider.name,
        button="Save provider",
        back_url=reverse("workspace:course_provider", kwargs={"pk": provider.pk}),
    )


@directory_view
def provider_editor_add(request: HttpRequest, pk: int) -> HttpResponse:
    provider = _provider_for(request, pk)
    if not rules.can_manage_every_provider(request.user):
        raise PermissionDenied
    form = EditorForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        user = User.objects.filter(email__iexact=form.cleaned_data["email"], is_active=True).first()
        if user is None or not user.is_staff_member:
            form.add_error("email", "No member of staff has this email address")
        else:
            try:
                services.provider_editor_add(actor=request.user, provider=provider, user=user)
            except ValidationError as error:
                errors_to_form(form, error)
            else:
                messages.success(request, f"{user.full_name or user.email} can now keep {provider.name}'s courses")
                return redirect("workspace:course_provider", pk=provider.pk)
    return _form_page(
        request,
        form,
        title="Add a course editor",
        caption=provider.name,
        button="Add course editor",
        intro="A course editor works for one provider. Adding them here moves them from any other provider.",
        back_url=reverse("workspace:course_provider", kwargs={"pk": provider.pk}),
    )


# Venues ---------------------------------------------------------------------------------------


def _venue_page(request: HttpRequest, provider: Provider, venue: Venue | None) -> HttpResponse:
    form = VenueForm(posted_data(request), initial=VenueForm.initial_for(venue) if venue else None)
    if request.method == "POST" and form.is_valid():
        try:
            if venue is None:
                venue = services.venue_create(actor=request.user, provider=provider, **form.cleaned_data)
                messages.success(request, f"{venue.name} has been added")
            else:
                services.venue_update(actor=request.user, venue=venue, **form.cleaned_data)
                messages.success(request, f"{venue.name} has been updated")
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            return redirect(reverse("workspace:course_provider", kwargs={"pk": provider.pk}) + "#venues")
    return _form_page(
        request,
        form,
        title="Change venue" if venue else "Add a venue",
        caption=provider.name,
        button="Save venue",
        back_url=reverse("workspace:course_provider", kwargs={"pk": provider.pk}),
    )


@directory_view
def venue_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _venue_page(request, _provider_for(request, pk), None)


@directory_view
def venue_edit(request: HttpRequest, pk: int) -> HttpResponse:
    venue = _found(selectors.venue(pk), "venue")
    provider = _provider_for(request, venue.provider_id)
    return _venue_page(request, provider, venue)


# Courses --------------------------------------------------------------------------------------


@directory_view
def course_create(request: HttpRequest, pk: int) -> HttpResponse:
    provider = _provider_for(request, pk)
    form = CourseForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            course = services.course_create(actor=request.user, provider=provider, **form.service_fields())
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, f"{course.title} has been added. Now add when and where it runs.")
            return redirect("workspace:course_detail", pk=course.pk)
    return _form_page(
        request,
        form,
        title="Add a course",
        caption=provider.name,
        button="Save course",
        back_url=reverse("workspace:course_provider", kwargs={"pk": provider.pk}),
    )


@directory_view
def course_detail(request: HttpRequest, pk: int) -> HttpResponse:
    course = _course_for(request, pk)
    runs = selectors.course_runs(course)
    return render(
        request,
        "workspace/courses/course.html",
        {
            "course": course,
            "runs": runs,
            "regions": {run.pk: [Area(area).label for area in selectors.run_regions(run)] for run in runs},
            "restorable": selectors.restorable_run_ids(course, runs),
            "active_nav": ACTIVE_NAV,
        },
    )


@directory_view
def course_edit(request: HttpRequest, pk: int) -> HttpResponse:
    course = _course_for(request, pk)
    form = CourseForm(posted_data(request), initial=CourseForm.initial_for(course))
    if request.method == "POST" and form.is_valid():
        try:
            services.course_update(actor=request.user, course=course, **form.service_fields())
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, f"{course.title} has been updated")
            return redirect("workspace:course_detail", pk=course.pk)
    return _form_page(
        request,
        form,
        title="Change course details",
        caption=course.provider.name,
        button="Save course",
        back_url=reverse("workspace:course_detail", kwargs={"pk": course.pk}),
    )


# Course runs ----------------------------------------------------------------------------------


def _run_page(request: HttpRequest, course: Course, run: CourseRun | None) -> HttpResponse:
    initial = CourseRunForm.initial_for(run, selectors.run_regions(run)) if run else None
    venues = selectors.provider_venues(course.provider, keep=run.venue if run else None)
    form = CourseRunForm(posted_data(request), initial=initial, venues=venues)
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        try:
            if run is None:
                services.course_run_create(actor=request.user, course=course, **fields)
                messages.success(request, "The course run has been added")
            else:
                services.course_run_update(actor=request.user, run=run, **fields)
                messages.success(request, "The course run has been updated")
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            return redirect("workspace:course_detail", pk=course.pk)
    return _form_page(
        request,
        form,
        title="Change course run" if run else "Add a course run",
        caption=course.title,
        button="Save course run",
        back_url=reverse("workspace:course_detail", kwargs={"pk": course.pk}),
    )


@directory_view
def run_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _run_page(request, _course_for(request, pk), None)


@directory_view
def run_edit(request: HttpRequest, pk: int) -> HttpResponse:
    run = _found(selectors.course_run(pk), "course run")
    return _run_page(request, _course_for(request, run.course_id), run)


# Removing (what it does is courses.rules' one rule; the pages say it before anyone confirms) -------


def _removable(request: HttpRequest, value: Any, what: str, provider_id: Any) -> Any:
    """The thing, if this person keeps its provider's listings; another provider's is not found."""
    if value is None or not rules.can_manage_provider(request.user, provider_id(value)):
        raise Http404(f"No {what} has this number.")
    return value


def _removal_page(request: HttpRequest, template: str, **context: Any) -> HttpResponse:
    return render(request, f"workspace/courses/{template}", {"active_nav": ACTIVE_NAV, **context})


@directory_view
@require_http_methods(["GET", "POST"])
def run_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what removing the run means, with a button. POST: withdraw it."""
    run = _removable(request, selectors.course_run(pk), "course run", lambda found: found.course.provider_id)
    course = run.course
    if run.withdrawn_at is not None:
        raise Http404("This course run has already been removed.")
    if request.method == "POST":
        services.course_run_remove(actor=request.user, run=run)
        messages.success(request, f"The course run ({selectors.describe_run(run)}) has been removed")
        return redirect("workspace:course_detail", pk=course.pk)
    return _removal_page(
        request,
        "run_delete.html",
        run=run,
        course=course,
        described=selectors.describe_run(run),
        removal=selectors.run_removal(run),
    )


@directory_view
@require_http_methods(["GET", "POST"])
def course_remove(request: HttpRequest, pk: int) -> HttpResponse:
    course = _removable(request, selectors.course(pk), "course", lambda found: found.provider_id)
    if course.withdrawn_at is not None:
        raise Http404("This course has already been removed.")
    if request.method == "POST":
        outcome = services.course_remove(actor=request.user, course=course)
        messages.success(
            request,
            f"{course.title} has been deleted"
            if outcome == rules.DELETE
            else f"{course.title} has been removed: people can no longer find it",
        )
        return redirect(reverse("workspace:course_provider", kwargs={"pk": course.provider_id}) + "#courses")
    return _removal_page(request, "course_remove.html", course=course, removal=selectors.course_removal(course))


@directory_view
@require_http_methods(["GET", "POST"])
def venue_remove(request: HttpRequest, pk: int) -> HttpResponse:
    venue = _removable(request, selectors.venue(pk), "venue", lambda found: found.provider_id)
    if venue.withdrawn_at is not None:
        raise Http404("This venue has already been removed.")
    removal = selectors.venue_removal(venue)
    if request.method == "POST" and not removal.blocked_by:
        try:
            services.venue_remove(actor=request.user, venue=venue)
        except ValidationError as error:
            # A run was listed there between the page and the button: show the page again.
            messages.error(request, error.messages[0])
            return redirect("workspace:course_venue_remove", pk=venue.pk)
        messages.success(request, f"{venue.name} has been removed")
        return redirect(reverse("workspace:course_provider", kwargs={"pk": venue.provider_id}) + "#venues")
    return _removal_page(request, "venue_remove.html", venue=venue, removal=removal)


# Offering again (what comes back is courses.rules' rule; the pages say it before anyone confirms) --


def _withdrawn_only(value: Any, what: str) -> Any:
    if value.withdrawn_at is None:
        raise Http404(f"This {what} is offered: there is nothing to offer again.")
    return value


@directory_view
@require_http_methods(["GET", "POST"])
def run_restore(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what offering the run again means, or why it cannot be. POST: offer it again."""
    run = _removable(request, selectors.course_run(pk), "course run", lambda found: found.course.provider_id)
    run = _withdrawn_only(run, "course run")
    restoring = selectors.run_restoring(run)
    if request.method == "POST" and not restoring.refusal:
        try:
            services.course_run_restore(actor=request.user, run=run)
        except ValidationError as error:
            # The course, the venue or the date changed between the page and the button.
            messages.error(request, error.messages[0])
            return redirect("workspace:course_run_restore", pk=run.pk)
        messages.success(request, f"The course run ({selectors.describe_run(run)}) is offered again")
        return redirect("workspace:course_detail", pk=run.course_id)
    return _removal_page(
        request,
        "run_restore.html",
        run=run,
        course=run.course,
        described=selectors.describe_run(run),
        restoring=restoring,
    )


@directory_view
@require_http_methods(["GET", "POST"])
def course_restore(request: HttpRequest, pk: int) -> HttpResponse:
    course = _removable(request, selectors.course(pk), "course", lambda found: found.provider_id)
    course = _withdrawn_only(course, "course")
    if request.method == "POST":
        back = services.course_restore(actor=request.user, course=course)
        messages.success(
            request,
            f"{course.title} is offered again, with {back} course run{'' if back == 1 else 's'} people can find"
            if back
            else f"{course.title} is offered again. None of its runs came back: add a run so people can find it",
        )
        return redirect("workspace:course_detail", pk=course.pk)
    return _removal_page(request, "course_restore.html", course=course, restoring=selectors.course_restoring(course))


@directory_view
@require_http_methods(["GET", "POST"])
def venue_restore(request: HttpRequest, pk: int) -> HttpResponse:
    venue = _removable(request, selectors.venue(pk), "venue", lambda found: found.provider_id)
    venue = _withdrawn_only(venue, "venue")
    if request.method == "POST":
        services.venue_restore(actor=request.user, venue=venue)
        messages.success(request, f"{venue.name} is offered again: you can choose it for course runs")
        return redirect(reverse("workspace:course_provider", kwargs={"pk": venue.provider_id}) + "#venues")
    return _removal_page(request, "venue_restore.html", venue=venue, restoring=selectors.venue_restoring(venue))


# Offering several again (each by its one-at-a-time service; the confirmation page says what happens) --


def _provider_keeping(request: HttpRequest, pk: int) -> Provider:
    """The provider, if this person keeps its listings; another provider's is not found."""
    return _removable(request, selectors.provider(pk), "provider", lambda found: found.pk)


# A page long enough to tick many at once, short enough to read.
REMOVED_PER_PAGE = 50


def _counted(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


@directory_view
@require_http_methods(["GET", "POST"])
def removed_listings(request: HttpRequest, pk: int) -> HttpResponse:
    """The provider's removed courses and runs, to tick and offer again. POST: check something was
    ticked, then the confirmation page."""
    provider = _provider_keeping(request, pk)
    removed = selectors.provider_removed_listings(provider)
    # Each list keeps its own page in the address; the boxes ticked on this page are what is offered.
    courses = paginate(request, removed.courses, REMOVED_PER_PAGE, param="courses_page", anchor="removed-courses")
    runs = paginate(request, removed.runs, REMOVED_PER_PAGE, param="runs_page", anchor="removed-runs")
    shown = selectors.removed_listings_page(removed, courses.page, runs.page)
    form = ChosenListingsForm(
        request.POST if request.method == "POST" else None,
        error_field="courses" if shown.courses or not shown.runs else "runs",
    )
    if request.method == "POST" and form.is_valid():
        query = urlencode({"courses": form.cleaned_data["courses"], "runs": form.cleaned_data["runs"]}, doseq=True)
        return redirect(reverse("workspace:course_removed_restore", kwargs={"pk": provider.pk}) + "?" + query)
    return _removal_page(
        request, "removed.html", provider=provider, removed=shown, courses=courses, runs=runs, form=form
    )


@directory_view
@require_http_methods(["GET", "POST"])
def removed_listings_restore(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what offering the chosen courses and runs again will do. POST: offer them again."""
    provider = _provider_keeping(request, pk)
    form = ChosenListingsForm(request.POST if request.method == "POST" else request.GET)
    if not form.is_valid():
        return redirect("workspace:course_removed", pk=provider.pk)
    course_ids, run_ids = form.cleaned_data["courses"], form.cleaned_data["runs"]
    if request.method == "POST":
        done = services.courses_restore(actor=request.user, provider=provider, course_ids=course_ids, run_ids=run_ids)
        _say_what_was_restored(request, done)
        if not done.courses and not done.runs:
            return redirect("workspace:course_removed", pk=provider.pk)
        return redirect(reverse("workspace:course_provider", kwargs={"pk": provider.pk}) + "#courses")
    plan = selectors.bulk_restoring(provider, course_ids=course_ids, run_ids=run_ids)
    return _removal_page(request, "removed_restore.html", provider=provider, plan=plan, form=form)


def _say_what_was_restored(request: HttpRequest, done: services.RestoredListings) -> None:
    said = []
    if done.courses:
        courses = _counted(len(done.courses), "course is", "courses are") + " offered again"
        if done.runs_with_courses:
            courses += f", with {_counted(done.runs_with_courses, 'course run', 'course runs')} people can find"
        else:
            courses += ". None of their runs came back: add runs so people can find them"
        said.append(courses)
    if done.runs:
        said.append(_counted(len(done.runs), "course run is", "course runs are") + " offered again")
    if said:
        messages.success(request, ". ".join(said))
    not_done = [f"{what}: {why}" for what, why in done.not_restored]
    if done.missing:
        not_done.append(_counted(done.missing, "item you chose is", "items you chose are") + " no longer listed")
    if not_done:
        count = len(done.not_restored) + done.missing
        messages.warning(
            request,
            f"{_counted(count, 'item was', 'items were')} not offered again. "
            + " ".join(item if item.endswith(".") else item + "." for item in not_done),
        )
