"""Bulk CSV upload of a provider's venues, or courses with their runs (docs/course-directory-csv.md).

Upload → every row checked → every problem shown with its row and column → the valid rows imported
only when the person confirms. The file is kept (after the upload checks) between those steps; the
session remembers which file is the person's, so nobody can import another person's upload. Each
step reads the kept file as a stream, so a large file is never held in memory; the page shows the
first problems and the downloadable CSV streams all of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from signpost.core import uploads
from signpost.courses import csv_upload
from signpost.courses.models import Provider
from signpost.workspace.forms import posted_data
from signpost.workspace.views_courses import ACTIVE_NAV, _provider_for, directory_view
from signpost.workspace.views_partners import errors_to_form

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


def _venue_names(provider: Provider, kind: str) -> dict[str, int]:
    return csv_upload.provider_venue_names(provider) if kind == "courses" else {}


def _check(provider: Provider, kind: str, stream: IO[bytes]) -> csv_upload.Checked:
    if kind == "venues":
        return csv_upload.check_venues(stream)
    return csv_upload.check_courses(stream, venue_names=_venue_names(provider, kind))


@csrf_exempt  # checked by csrf_protect below, once the upload handlers are in place
def upload(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The file streams to a temporary file on disk as it arrives, and is dropped as soon as it
    passes the size limit, so memory stays flat however large it is (settings.COURSE_UPLOAD_MAX_BYTES)."""
    limit = uploads.SizeLimitHandler(request, csv_upload.upload_max_bytes())
    request.upload_handlers = [limit, TemporaryFileUploadHandler(request)]
    return _upload(request, pk=pk, kind=kind, limit=limit)


@directory_view
@csrf_protect
def _upload(request: HttpRequest, pk: int, kind: str, limit: uploads.SizeLimitHandler) -> HttpResponse:
    provider, kind = _provider_for(request, pk), _kind(kind)
    form = UploadForm(posted_data(request), request.FILES or None)
    form.fields["file"].help_text = f"A CSV file smaller than {uploads.size_in_words(limit.max_bytes)}"
    if request.method == "POST" and limit.too_big:
        form.is_valid()
        form.errors["file"] = form.error_class([uploads.too_big_message(limit.max_bytes)])
    elif request.method == "POST" and form.is_valid():
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


def _kept(request: HttpRequest, provider: Provider, kind: str) -> tuple[str, IO[bytes]] | None:
    """The person's kept upload, open for reading (the caller closes it)."""
    name = request.session.get(_session_key(provider, kind), "")
    stream = csv_upload.upload_open(name) if name else None
    return (name, stream) if stream is not None else None


@directory_view
def upload_check(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    provider, kind = _provider_for(request, pk), _kind(kind)
    kept = _kept(request, provider, kind)
    if kept is None:
        messages.info(request, "Upload a file to check it")
        return redirect("workspace:course_upload", pk=provider.pk, kind=kind)
    with kept[1] as stream:
        checked = _check(provider, kind, stream)
    context: dict[str, Any] = {
        "provider": provider,
        "kind": kind,
        "title": TITLES[kind],
        "checked": checked,
        "active_nav": ACTIVE_NAV,
    }
    return render(request, "workspace/courses/upload_check.html", context)


@directory_view
def upload_errors(request: HttpRequest, pk: int, kind: str) -> StreamingHttpResponse:
    provider, kind = _provider_for(request, pk), _kind(kind)
    kept = _kept(request, provider, kind)
    if kept is None:
        raise Http404("No upload to report on.")
    venue_names = _venue_names(provider, kind)

    def lines(stream: IO[bytes]) -> Iterator[str]:
        with stream:
            yield from csv_upload.problems_csv(kind, stream, venue_names=venue_names)

    response = StreamingHttpResponse(lines(kept[1]), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{kind}-upload-problems.csv"'
    return response


def _summary(kind: str, counts: dict[str, int]) -> str:
    if kind == "venues":
        return f"{counts['added']} venues added and {counts['changed']} changed"
    return (
        f"{counts['courses_added']} courses added and {counts['courses_changed']} changed; "
        f"{counts['runs_added']} course runs added and {counts['runs_changed']} changed"
    )


@directory_view
def upload_import(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    provider, kind = _provider_for(request, pk), _kind(kind)
    if request.method != "POST":
        return redirect("workspace:course_upload_check", pk=provider.pk, kind=kind)
    kept = _kept(request, provider, kind)
    if kept is None:
        messages.info(request, "Upload a file to import it")
        return redirect("workspace:course_upload", pk=provider.pk, kind=kind)
    name, stream = kept
    try:
        with stream:
            if kind == "venues":
                checked, added, changed = csv_upload.import_venues(
                    actor=request.user, provider=provider, content=stream
                )
                counts = {"added": added, "changed": changed}
            else:
                checked, counts = csv_upload.import_courses(actor=request.user, provider=provider, content=stream)
    except csv_upload.ImportStopped as stopped:
        # The file is kept: importing it again writes the rest, and what was written is not added twice.
        done = (
            f"The rows without problems up to row {stopped.last_row} were imported "
            f"({_summary(kind, stopped.counts)}); the rows after it were not."
            if stopped.last_row > 1
            else "Nothing was imported."
        )
        messages.error(
            request,
            f"The import stopped part way because of a problem on our side. {done} Import the file again to "
            "finish: rows already imported are not added twice.",
        )
        return redirect("workspace:course_upload_check", pk=provider.pk, kind=kind)
    csv_upload.upload_discard(name)
    request.session.pop(_session_key(provider, kind), None)
    refused = f". {checked.rows_with_errors} rows with problems were not imported" if checked.rows_with_errors else ""
    messages.success(request, f"Imported {checked.valid_rows} rows: {_summary(kind, counts)}{refused}")
    return redirect("workspace:course_provider", pk=provider.pk)
