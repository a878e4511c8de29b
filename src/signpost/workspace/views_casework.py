"""Work queues, transfers between organisations and follow-up calls (issue 4).

Queues, tasks and incoming transfers belong to the staff member's own organisation (domain.md
§2): another organisation's task or transfer answers 404, as if it did not exist. Views parse,
call a casework service or selector, and render.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from markupsafe import Markup

from signpost.accounts.roles import FOLLOW_UP_TAKE_UP, REASSIGN_TASKS, TRANSFER_CUSTOMERS, WORK_TASKS
from signpost.casework import codes, rules, selectors, services
from signpost.casework.models import FollowUpCall, Task, Transfer
from signpost.customers import selectors as customer_selectors
from signpost.workspace.access import staff_view
from signpost.workspace.customer_pages import customer_or_404, read_only
from signpost.workspace.forms import posted_data
from signpost.workspace.forms_casework import (
    FollowUpCallForm,
    TakeUpForm,
    TaskCompleteForm,
    TaskFilterForm,
    TaskReassignForm,
    TransferCallbackForm,
    TransferForm,
)
from signpost.workspace.fragments import reusable_fragment
from signpost.workspace.paging import paginate

TASK_FILTER_FIELDS = "workspace/casework/_task_filter_fields.html"
SCOPE_TITLES = {"mine": "My tasks", "team": "My team’s tasks", "organisation": "My organisation’s tasks"}
SESSION_TRANSFER = "casework.transfer.{reference}"


def _errors_to_form(form: forms.Form, error: ValidationError, renames: dict[str, str] | None = None) -> None:
    if hasattr(error, "error_dict"):
        for name, texts in error.message_dict.items():
            field = (renames or {}).get(name, name)
            for text in texts:
                form.add_error(field if field in form.fields else None, text)
    else:
        for text in error.messages:
            form.add_error(None, text)


# Work queues -----------------------------------------------------------------------------------


@staff_view(WORK_TASKS)
def task_list(request: HttpRequest, scope: str) -> HttpResponse:
    """One of the three queues, with due and overdue counts of all three, an MOJ filter and paging."""
    if scope not in selectors.SCOPES:
        raise Http404("No such work queue.")
    user: Any = request.user
    now = timezone.now()
    teams = selectors.teams_of(user)
    team_ids = [team.pk for team in teams]
    form = TaskFilterForm(request.GET)
    form.is_valid()
    filters = {name: value for name, value in form.cleaned_data.items() if value}
    queryset = selectors.work_queue(
        user,
        scope,
        now,
        team_ids=team_ids,
        types=filters.get("task_type"),
        statuses=filters.get("status"),
        due=filters.get("due", ""),
    )
    counts = selectors.queue_counts(user, now, team_ids)
    # Unfiltered, the queue is exactly what its to-do count counted: no need to count it again.
    paged = paginate(request, queryset, count=None if filters else counts[scope].to_do)
    tabs = [
        {
            "href": reverse("workspace:task_list", kwargs={"scope": key}),
            "text": f"{SCOPE_TITLES[key]} ({counts[key].to_do})",
            "active": key == scope,
        }
        for key in selectors.SCOPES
    ]
    return render(
        request,
        "workspace/casework/task_list.html",
        {
            "scope": scope,
            "page_title": SCOPE_TITLES[scope],
            "counts": counts[scope],
            "tabs": tabs,
            "form": form,
            "filter_fields": _task_filter_fields(request, form, filters),
            "filtered": bool(filters),
            "paged": paged,
            "now": now,
            "teams": teams,
            "active_nav": "tasks",
        },
    )


def _task_filter_fields(request: HttpRequest, form: TaskFilterForm, filters: dict[str, Any]) -> Markup:
    """The filter fields depend only on the filters chosen (or on the errors, which are not kept)."""
    chosen = (
        f"{name}={sorted(value) if isinstance(value, list) else value}" for name, value in sorted(filters.items())
    )
    key = None if form.errors else "|".join(chosen)
    return reusable_fragment(request, TASK_FILTER_FIELDS, {"form": form}, key=key)


def _task(request: HttpRequest, pk: int) -> Task:
    task = selectors.task_for(request.user, pk)
    if task is None:
        raise Http404("Your organisation has no such task.")
    return task


@staff_view(WORK_TASKS)
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(request, pk)
    user: Any = request.user
    now = timezone.now()
    follow_up: FollowUpCall | None = getattr(task, "follow_up_call", None)
    transfer: Transfer | None = getattr(task, "transfer", None)
    return render(
        request,
        "workspace/casework/task_detail.html",
        {
            "task": task,
            "now": now,
            "overdue": rules.task_is_overdue(task, now),
            "not_yet": task.available_from > now,
            "can_claim": rules.can_claim_task(user, task),
            "can_complete": rules.can_complete_task(user, task) and follow_up is None,
            "can_reassign": rules.can_reassign_task(user, task),
            "follow_up": follow_up
            if follow_up is not None and follow_up.status == codes.FollowUpCallStatus.DUE
            else None,
            "transfer": transfer,
            "active_nav": "tasks",
        },
    )


@require_POST
@staff_view(WORK_TASKS)
def task_claim(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(request, pk)
    try:
        services.task_claim(actor=request.user, task=task)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, "You have claimed this task: it is in My tasks")
    return redirect("workspace:task_detail", pk=task.pk)


@staff_view(WORK_TASKS)
def task_complete(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(request, pk)
    if getattr(task, "follow_up_call", None) is not None:
        # A follow-up call is completed by recording what happened on it.
        return redirect("workspace:follow_up_call", pk=task.follow_up_call.pk)
    if not rules.can_complete_task(request.user, task):
        raise PermissionDenied
    form = TaskCompleteForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.task_complete(actor=request.user, task=task, note=form.cleaned_data["note"])
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, f"Task completed: {task.summary}")
            return redirect("workspace:task_list", scope="mine")
    return render(request, "workspace/casework/task_complete.html", {"task": task, "form": form, "active_nav": "tasks"})


@staff_view(WORK_TASKS, REASSIGN_TASKS)
def task_reassign(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(request, pk)
    if not rules.can_reassign_task(request.user, task):
        raise PermissionDenied
    form = TaskReassignForm(posted_data(request), staff=selectors.reassignable_staff(task))
    if request.method == "POST" and form.is_valid():
        try:
            services.task_reassign(
                actor=request.user,
                task=task,
                assignee=form.cleaned_data["assignee"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            person = form.cleaned_data["assignee"]
            messages.success(request, f"The task has been given to {person.full_name or person.email}")
            return redirect("workspace:task_detail", pk=task.pk)
    return render(request, "workspace/casework/task_reassign.html", {"task": task, "form": form, "active_nav": "tasks"})


# Transfers -------------------------------------------------------------------------------------


@staff_view(TRANSFER_CUSTOMERS)
def transfer_create(request: HttpRequest, reference: str) -> HttpResponse:
    """Step 1: where to and why. The answers wait in the session for the check-answers step."""
    customer = customer_or_404(reference)
    if customer.is_terminated:
        return read_only(request, customer)
    prime = selectors.area_prime_for(customer)
    key = SESSION_TRANSFER.format(reference=customer.reference)
    initial = request.session.get(key) or {"to_organisation": prime.pk if prime else None}
    form = TransferForm(posted_data(request), primes=selectors.area_primes(), initial=initial)
    if request.method == "POST" and form.is_valid():
        now = timezone.now()
        problems: dict[str, list[str]] = {}
        try:
            rules.validate_requested_callback(form.requested_callback_at(), now)
        except ValidationError as error:
            problems["callback_on"] = error.messages
        if form.cleaned_data["to_organisation"].pk == getattr(request.user, "organisation_id", None):
            problems["to_organisation"] = ["The customer is already with your organisation: choose another"]
        if problems:
            _errors_to_form(form, ValidationError(problems))  # type: ignore[arg-type]
        else:
            request.session[key] = {name: str(value) for name, value in request.POST.items() if name in form.fields}
            return redirect("workspace:transfer_check", reference=customer.reference)
    return render(
        request,
        "workspace/casework/transfer_form.html",
        {"customer": customer, "form": form, "area_prime": prime},
    )


@staff_view(TRANSFER_CUSTOMERS)
def transfer_check(request: HttpRequest, reference: str) -> HttpResponse:
    """Step 2: check the answers, told whether the prime is open now or the transfer will wait."""
    customer = customer_or_404(reference)
    key = SESSION_TRANSFER.format(reference=customer.reference)
    saved = request.session.get(key)
    if not saved:
        return redirect("workspace:transfer_create", reference=customer.reference)
    form = TransferForm(saved, primes=selectors.area_primes())
    if not form.is_valid():
        return redirect("workspace:transfer_create", reference=customer.reference)
    now = timezone.now()
    timing = rules.transfer_timing(now)
    if request.method == "POST":
        try:
            transfer = services.transfer_request(
                actor=request.user,
                customer=customer,
                context=form.cleaned_data["context"],
                to_organisation=form.cleaned_data["to_organisation"],
                requested_callback_at=form.requested_callback_at(),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("workspace:transfer_create", reference=customer.reference)
        del request.session[key]
        if transfer.task is not None:
            opens = timezone.localtime(transfer.task.available_from)
            messages.success(
                request,
                f"{transfer.to_organisation.name} is closed now: the transfer is queued for them to pick up "
                f"from {opens:%A %-d %B at %H:%M}",
            )
        else:
            messages.success(request, f"{customer.full_name} has been transferred to {transfer.to_organisation.name}")
        return redirect(reverse("workspace:customer_record", kwargs={"reference": customer.reference}))
    return render(
        request,
        "workspace/casework/transfer_check.html",
        {
            "customer": customer,
            "form": form,
            "to_organisation": form.cleaned_data["to_organisation"],
            "requested_callback_at": form.requested_callback_at(),
            "timing": timing,
        },
    )


@staff_view(WORK_TASKS)
def transfer_list(request: HttpRequest) -> HttpResponse:
    """Transfers into the staff member's organisation, waiting ones first."""
    user: Any = request.user
    status = request.GET.get("status", "")
    status_code = int(status) if status.isdigit() and int(status) in codes.TransferStatus.values else None
    paged = paginate(request, selectors.incoming_transfers(user.organisation_id, status_code))
    return render(
        request,
        "workspace/casework/transfer_list.html",
        {
            "paged": paged,
            "status": status_code,
            "statuses": codes.TransferStatus.choices,
            "now": timezone.now(),
            "active_nav": "transfers",
        },
    )


def _transfer(request: HttpRequest, pk: int) -> Transfer:
    transfer = selectors.transfer_for(request.user, pk)
    if transfer is None:
        raise Http404("Your organisation made or received no such transfer.")
    return transfer


@staff_view(WORK_TASKS)
def transfer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    transfer = _transfer(request, pk)
    user: Any = request.user
    receiving = transfer.to_organisation_id == user.organisation_id
    return render(
        request,
        "workspace/casework/transfer_detail.html",
        {
            "transfer": transfer,
            "can_accept": receiving and transfer.status == codes.TransferStatus.REQUESTED,
            "can_record_callback": receiving and transfer.status != codes.TransferStatus.CALLED_BACK,
            "active_nav": "transfers",
        },
    )


@require_POST
@staff_view(WORK_TASKS)
def transfer_accept(request: HttpRequest, pk: int) -> HttpResponse:
    transfer = _transfer(request, pk)
    try:
        services.transfer_accept(actor=request.user, transfer=transfer)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, "You have accepted the transfer: call the customer back")
    return redirect("workspace:transfer_detail", pk=transfer.pk)


@staff_view(WORK_TASKS)
def transfer_callback(request: HttpRequest, pk: int) -> HttpResponse:
    transfer = _transfer(request, pk)
    if transfer.to_organisation_id != getattr(request.user, "organisation_id", None):
        raise PermissionDenied
    if transfer.status == codes.TransferStatus.CALLED_BACK:
        messages.info(request, "The callback for this transfer was already recorded")
        return redirect("workspace:transfer_detail", pk=transfer.pk)
    now = timezone.localtime()
    form = TransferCallbackForm(
        posted_data(request),
        initial={"called_back_on": now.strftime("%d/%m/%Y"), "called_back_time": now.strftime("%H:%M")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.transfer_callback_record(
                actor=request.user,
                transfer=transfer,
                called_back_at=form.called_back_at(),
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            _errors_to_form(form, error, {"called_back_at": "called_back_time"})
        else:
            messages.success(request, "The callback has been recorded")
            return redirect("workspace:transfer_detail", pk=transfer.pk)
    return render(
        request,
        "workspace/casework/transfer_callback.html",
        {"transfer": transfer, "form": form, "active_nav": "transfers"},
    )


# Follow-up calls -------------------------------------------------------------------------------


@staff_view(WORK_TASKS)
def follow_up_call(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a follow-up call: reached or not, how their situation changed, their status now."""
    user: Any = request.user
    call = (
        FollowUpCall.objects.select_related("customer", "task", "offer", "offer__interaction")
        .filter(pk=pk, offer__organisation_id=user.organisation_id)
        .first()
    )
    if call is None:
        raise Http404("Your organisation has no such follow-up call.")
    if call.status != codes.FollowUpCallStatus.DUE:
        messages.info(request, "This follow-up call was already recorded")
        return redirect("workspace:task_detail", pk=call.task_id) if call.task_id else redirect("workspace:home")
    current = customer_selectors.current_statuses(call.customer)
    initial = {
        "employment_status": str(current.employment.status if current.employment else 99),
        "learning_status": str(current.learning.status if current.learning else 99),
    }
    form = FollowUpCallForm(posted_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_call_record(actor=user, call=call, **form.service_fields())
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, f"The follow-up call with {call.customer.full_name} has been recorded")
            return redirect("workspace:task_list", scope="mine")
    return render(
        request,
        "workspace/casework/follow_up_call.html",
        {"call": call, "form": form, "current": current, "active_nav": "tasks"},
    )


@staff_view(FOLLOW_UP_TAKE_UP)
def follow_up_take_up(request: HttpRequest) -> HttpResponse:
    """Managers: the share of eligible contacts that opted in to a follow-up call, for their
    organisation and a period (this month so far unless they choose)."""
    user: Any = request.user
    today = timezone.localdate()
    data = request.GET if request.GET else None
    form = TakeUpForm(
        data, initial={"date_from": today.replace(day=1).strftime("%d/%m/%Y"), "date_to": today.strftime("%d/%m/%Y")}
    )
    start_day, end_day = today.replace(day=1), today
    if data is not None and form.is_valid():
        start_day, end_day = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
    take_up = None
    if data is None or form.is_valid():
        start = timezone.make_aware(datetime.datetime.combine(start_day, datetime.time.min))
        end = timezone.make_aware(datetime.datetime.combine(end_day + datetime.timedelta(days=1), datetime.time.min))
        take_up = selectors.follow_up_take_up(user.organisation_id, start, end)
    return render(
        request,
        "workspace/casework/take_up.html",
        {"form": form, "take_up": take_up, "start": start_day, "end": end_day, "active_nav": "take_up"},
    )
