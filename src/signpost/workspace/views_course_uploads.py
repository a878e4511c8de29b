"""Bulk CSV upload of a provider's venues, or courses with their runs (docs/course-directory-csv.md).

Upload → every row checked → every problem shown with its row and column → the valid rows imported
only when the person confirms. The file is kept (after the upload checks) between those steps; the
session remembers which file is the person's, so nobody can import another person's upload.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from signpost.courses import csv_upload
from signpost.courses.models import Provider
from signpost.workspace.forms import posted_data
from signpost.workspace.views_courses import ACTIVE_NAV, _provider_for, directory_view
from signpost.workspace.views_partners import errors_to_form

ERRORS_SHOWN = 500
TITLES = {"venues": "Upload venues", "courses": "Upload courses and course runs"}


class UploadForm(forms.Form):
    file = forms.FileField(
        label="CSV file", error_messages={"required": "Select a CSV file", "empty": "The selected file is empty."}
    )


def _session_key(provider: Provider, kind: str) -> str:
    return f"course_upload:{provider.pk}:{kind}"


def _kind(kind: str) -> str:
    if kind not in csv_upload.KINDS:
        raise Http404("No such upload.")
    return kind


def _check(provider: Provider, kind: str, content: bytes) -> csv_upload.Checked:
    if kind == "venues":
        return csv_upload.check_venues(content)
    return csv_upload.check_courses(content, venue_names=csv_upload.provider_venue_names(provider))


@directory_view
def upload(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    provider, kind = _provider_for(request, pk), _kind(kind)
    form = UploadForm(posted_data(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        try:
            name = csv_upload.upload_receive(
                actor=request.user, provider=provider, kind=kind, file=file, size=file.size
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            previous = request.session.get(_session_key(provider, kind))
            if previous:
                csv_upload.upload_discard(previous)
            request.session[_session_key(provider, kind)] = name
            return redirect("workspace:course_upload_check", pk=provider.pk, kind=kind)
    return render(
        request,
        "workspace/courses/upload.html",
        {"provider": provider, "kind": kind, "form": form, "title": TITLES[kind], "active_nav": ACTIVE_NAV},
    )


def _kept(request: HttpRequest, provider: Provider, kind: str) -> tuple[str, bytes] | None:
    name = request.session.get(_session_key(provider, kind), "")
    content = csv_upload.upload_content(name) if name else None
    return (name, content) if content is not None else None


@directory_view
def upload_check(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    provider, kind = _provider_for(request, pk), _kind(kind)
    kept = _kept(request, provider, kind)
    if kept is None:
        messages.info(request, "Upload a file to check it")
        return redirect("workspace:course_upload", pk=provider.pk, kind=kind)
    checked = _check(provider, kind, kept[1])
    context: dict[str, Any] = {
        "provider": provider,
        "kind": kind,
        "title": TITLES[kind],
        "checked": checked,
        "errors_shown": checked.errors[:ERRORS_SHOWN],
        "active_nav": ACTIVE_NAV,
    }
    return render(request, "workspace/courses/upload_check.html", context)


@directory_view
def upload_errors(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    provider, kind = _provider_for(request, pk), _kind(kind)
    kept = _kept(request, provider, kind)
    if kept is None:
        raise Http404("No upload to report on.")
    response = HttpResponse(csv_upload.errors_csv(_check(provider, kind, kept[1])), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{kind}-upload-problems.csv"'
    return response


@directory_view
def upload_import(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    provider, kind = _provider_for(request, pk), _kind(kind)
    if request.method != "POST":
        return redirect("workspace:course_upload_check", pk=provider.pk, kind=kind)
    kept = _kept(request, provider, kind)
    if kept is None:
        messages.info(request, "Upload a file to import it")
        return redirect("workspace:course_upload", pk=provider.pk, kind=kind)
    name, content = kept
    if kind == "venues":
        checked, added, changed = csv_upload.import_venues(actor=request.user, provider=provider, content=content)
        summary = f"{added} venues added and {changed} changed"
    else:
        checked, counts = csv_upload.import_courses(actor=request.user, provider=provider, content=content)
        summary = (
            f"{counts['courses_added']} courses added and {counts['courses_changed']} changed; "
            f"{counts['runs_added']} course runs added and {counts['runs_changed']} changed"
        )
    csv_upload.upload_discard(name)
    request.session.pop(_session_key(provider, kind), None)
    refused = f". {checked.rows_with_errors} rows with problems were not imported" if checked.rows_with_errors else ""
    messages.success(request, f"Imported {len(checked.valid)} rows: {summary}{refused}")
    return redirect("workspace:course_provider", pk=provider.pk)
