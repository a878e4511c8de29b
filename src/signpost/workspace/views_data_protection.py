"""Data protection pages (domain.md §9): who has seen a record, subject access exports,
anonymising a record and the retention report. For system administrators; exports, anonymising
and the retention report for those with national scope (data_protection.rules)."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from signpost.accounts.roles import ANONYMISE_CUSTOMER, EXPORT_CUSTOMER_DATA, VIEW_RECORD_ACCESS, VIEW_RETENTION_REPORT
from signpost.accounts.rules import has_national_scope
from signpost.customers.models import Customer
from signpost.data_protection import codes, rules, selectors, services
from signpost.data_protection.models import SubjectAccessExport
from signpost.workspace.access import staff_view
from signpost.workspace.customer_pages import customer_or_404
from signpost.workspace.forms import valid_filters
from signpost.workspace.forms_data_protection import AnonymiseForm, RecordAccessFilterForm
from signpost.workspace.paging import paginate

RETENTION_REPORT_ROWS = 500

# How the audit log's actions on a record read to an administrator; any other action (other
# apps add theirs) is shown as it is recorded.
ACTION_LABELS = {
    "customer.viewed": "Opened the record",
    "customer.created": "Created the record",
    "customer.identity_updated": "Changed personal details",
    "customer.contact_details_set": "Changed contact details",
    "customer.address_added": "Added an address",
    "customer.address_ended": "Ended an address",
    "customer.diversity_set": "Changed diversity answers",
    "customer.employment_status_recorded": "Recorded employment status",
    "customer.learning_status_recorded": "Recorded learning status",
    "customer.priority_groups_confirmed": "Confirmed priority groups",
    "customer.identity_secret_set": "Set the memorable word",
    "customer.identity_checked": "Checked identity on the phone",
    "customer.identity_check_refused": "Identity check refused",
    "customer.consent_recorded": "Recorded consent",
    "customer.terminated": "Terminated the record",
    "customer.anonymised": "Anonymised the record",
    "customer.access_log_viewed": "Looked at who has seen the record",
    "customer.data_export_requested": "Asked for a subject access export",
    "customer.data_export_downloaded": "Downloaded a subject access export",
    "interaction.recorded": "Recorded a contact",
    "interaction.anonymous_attached": "Attached an anonymous enquiry",
    "interaction.summary_sent": "Sent a summary to the customer",
    "interaction.service_improvement_answered": "Recorded service-improvement answers",
    "interaction.service_improvement_deferred": "Left service-improvement questions for later",
}


def _back(customer: Customer) -> str:
    return reverse("workspace:customer_record", kwargs={"reference": customer.reference})


def data_protection_links(user: Any, customer: Customer) -> list[dict[str, str]]:
    """The record page's data protection links, for those who may follow them."""
    national = has_national_scope(user)
    links = []
    if user.has_perm(VIEW_RECORD_ACCESS):
        links.append({"text": "Who has seen this record", "href": _url("record_access", customer)})
    if national and user.has_perm(EXPORT_CUSTOMER_DATA):
        links.append({"text": "Export the customer's data", "href": _url("subject_access_export", customer)})
    if national and user.has_perm(ANONYMISE_CUSTOMER):
        links.append({"text": "Anonymise this record", "href": _url("customer_anonymise", customer)})
    return links


def _url(name: str, customer: Customer, **kwargs: Any) -> str:
    return reverse(f"workspace:{name}", kwargs={"reference": customer.reference, **kwargs})


# Who has seen this record ----------------------------------------------------------------------


@staff_view(VIEW_RECORD_ACCESS)
def record_access(request: HttpRequest, reference: str) -> HttpResponse:
    customer = customer_or_404(reference)
    user: Any = request.user
    form = RecordAccessFilterForm(request.GET)
    filters = valid_filters(form)
    # The record is national, but an area's administrator answers for their own staff; national
    # administrators see everyone's reads and writes (as in the audit log).
    organisation_id = None if has_national_scope(user) else user.organisation_id
    events = selectors.record_access_events(customer, organisation_id=organisation_id, **filters)
    services.record_access_viewed(actor=user, customer=customer)
    return render(
        request,
        "workspace/data_protection/record_access.html",
        {
            "customer": customer,
            "form": form,
            "filtered": bool(filters),
            "paged": paginate(request, events),
            "national": organisation_id is None,
            "action_labels": ACTION_LABELS,
            "back": _back(customer),
        },
    )


# Subject access exports ------------------------------------------------------------------------


@staff_view(EXPORT_CUSTOMER_DATA)
def subject_access_export(request: HttpRequest, reference: str) -> HttpResponse:
    """The customer's exports so far, and the button to prepare a new one."""
    rules.ensure_may_act_for_the_whole_service(request.user)
    customer = customer_or_404(reference)
    error = ""
    if request.method == "POST":
        try:
            export = services.subject_access_export_request(actor=request.user, customer=customer)
        except ValidationError as failure:
            error = failure.messages[0]
        else:
            return redirect(_url("subject_access_export_progress", customer, export_id=export.pk))
    return render(
        request,
        "workspace/data_protection/export.html",
        {
            "customer": customer,
            "exports": list(selectors.exports_of(customer)[:20]),
            "anonymised": selectors.is_anonymised(customer),
            "error": error,
            "back": _back(customer),
        },
    )


def _export(customer: Customer, export_id: uuid.UUID) -> SubjectAccessExport:
    try:
        return selectors.export_get(customer, export_id)
    except SubjectAccessExport.DoesNotExist:
        raise Http404("No such export of this record.") from None


@staff_view(EXPORT_CUSTOMER_DATA)
def subject_access_export_progress(request: HttpRequest, reference: str, export_id: uuid.UUID) -> HttpResponse:
    """How far the archive has got; htmx refreshes the panel every two seconds until it is done."""
    rules.ensure_may_act_for_the_whole_service(request.user)
    customer = customer_or_404(reference)
    export = _export(customer, export_id)
    template = (
        "workspace/data_protection/_export_status.html"
        if request.headers.get("HX-Request")
        else "workspace/data_protection/export_progress.html"
    )
    return render(
        request,
        template,
        {
            "customer": customer,
            "export": export,
            "working": export.status in {codes.ExportStatus.QUEUED, codes.ExportStatus.BUILDING},
            "back": _url("subject_access_export", customer),
        },
    )


@staff_view(EXPORT_CUSTOMER_DATA)
def subject_access_export_download(request: HttpRequest, reference: str, export_id: uuid.UUID) -> HttpResponse:
    rules.ensure_may_act_for_the_whole_service(request.user)
    customer = customer_or_404(reference)
    export = _export(customer, export_id)
    if export.status != codes.ExportStatus.READY or not export.file_name:
        return redirect(_url("subject_access_export_progress", customer, export_id=export.pk))
    services.subject_access_export_downloaded(actor=request.user, export=export)
    response = FileResponse(
        default_storage.open(export.file_name, "rb"),
        as_attachment=True,
        filename=f"customer-{customer.reference}-data-{export.requested_at:%Y-%m-%d}.zip",
        content_type="application/zip",
    )
    response["Cache-Control"] = "no-store"
    return response  # type: ignore[return-value]  # staff_view is typed for HttpResponse; a file is one too


# Anonymising -----------------------------------------------------------------------------------


@staff_view(ANONYMISE_CUSTOMER)
def customer_anonymise(request: HttpRequest, reference: str) -> HttpResponse:
    rules.ensure_may_act_for_the_whole_service(request.user)
    customer = customer_or_404(reference)
    anonymisation = selectors.anonymisation_of(customer)
    form = AnonymiseForm(request.POST if request.method == "POST" and anonymisation is None else None)
    if request.method == "POST" and anonymisation is None and form.is_valid():
        try:
            services.customer_anonymise(actor=request.user, customer=customer, reason=form.cleaned_data["reason"])
        except ValidationError as failure:
            form.add_error(None, failure.messages[0])
        else:
            return redirect(_url("customer_anonymise", customer))
    return render(
        request,
        "workspace/data_protection/anonymise.html",
        {"customer": customer, "form": form, "anonymisation": anonymisation, "back": _back(customer)},
    )


# Retention -------------------------------------------------------------------------------------


@staff_view(VIEW_RETENTION_REPORT)
def retention_report(request: HttpRequest) -> HttpResponse:
    """What the retention job would anonymise today, and why (the dry run, changing nothing).
    References and dates only, so any administrator holding the permission may read it."""
    today = timezone.localdate()
    report = selectors.retention_report(today, limit=RETENTION_REPORT_ROWS + 1)
    return render(
        request,
        "workspace/data_protection/retention.html",
        {
            "candidates": report[:RETENTION_REPORT_ROWS],
            "more": len(report) > RETENTION_REPORT_ROWS,
            "limit": RETENTION_REPORT_ROWS,
            "total": selectors.retention_candidates(today).count(),
            "cutoff": rules.retention_cutoff(today),
            "retention_years": settings.RETENTION_FINANCIAL_YEARS,
            "retention_job_enabled": settings.RETENTION_JOB_ENABLED,
            "active_nav": "retention",
        },
    )
