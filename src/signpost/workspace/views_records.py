"""The audit log and the notifications outbox: read-only records for system administrators."""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from signpost.accounts.rules import has_national_scope
from signpost.core import selectors
from signpost.core.models import Notification
from signpost.workspace.access import staff_view
from signpost.workspace.forms import AuditSearchForm, OutboxFilterForm, valid_filters
from signpost.workspace.paging import paginate


@staff_view("core.search_auditevent")
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditSearchForm(request.GET)
    filters = valid_filters(form)
    # Outside the national contact centre, administrators see what their own colleagues did.
    organisation_id = None if has_national_scope(request.user) else request.user.organisation_id  # type: ignore[union-attr]
    events = selectors.audit_event_search(organisation_id=organisation_id, **filters)
    return render(
        request,
        "workspace/audit/list.html",
        {"form": form, "filtered": bool(filters), "paged": paginate(request, events), "active_nav": "audit"},
    )


@staff_view("core.browse_outbox")
def outbox(request: HttpRequest) -> HttpResponse:
    form = OutboxFilterForm(request.GET)
    filters = valid_filters(form)
    notifications = selectors.notification_search(**filters)
    return render(
        request,
        "workspace/outbox/list.html",
        {"form": form, "filtered": bool(filters), "paged": paginate(request, notifications), "active_nav": "outbox"},
    )


@staff_view("core.browse_outbox")
def outbox_detail(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    try:
        notification = selectors.notification_get(pk)
    except Notification.DoesNotExist:
        raise Http404 from None
    return render(request, "workspace/outbox/detail.html", {"notification": notification, "active_nav": "outbox"})
