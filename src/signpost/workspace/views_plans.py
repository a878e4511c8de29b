"""Skills action plans and outcomes on the customer record (issue 4), and the payment extract.

Plans: make one in a session, add and change goals and actions (one page each, with "save and add
another"), read it, print it, download it as a PDF, and send it to the customer by email or post.
Outcomes: record a claim against a session the customer attended with its evidence; every claim
rule is applied as it is entered and a refusal says why. Managers download the payment extract.

Views parse with forms_plans, call plans.services or plans.selectors, and render; a rule's
refusal comes back on the form's fields with everything typed kept. The record is shared by every
organisation, so any adviser may work on any customer's plan; a terminated record is read-only
(409), except that a duplicate's claims may still be withdrawn.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from signpost.accounts.roles import (
    PAYMENT_EXTRACT,
    RECORD_OUTCOMES,
    VERIFY_OUTCOMES,
    VIEW_OUTCOMES,
    VIEW_PLANS,
    WORK_ON_PLANS,
)
from signpost.contacts import codes as contact_codes
from signpost.contacts.models import AdviceSession
from signpost.core.govuk_forms import GovukDateField, date_input_params, field_params
from signpost.customers import services as customer_services
from signpost.customers.models import Customer
from signpost.plans import codes, documents, rules, selectors, services
from signpost.plans.models import Action, ActionPlan, Goal, Outcome
from signpost.workspace.access import staff_view
from signpost.workspace.customer_pages import customer_or_404, read_only
from signpost.workspace.forms import posted_data
from signpost.workspace.forms_plans import (
    ActionForm,
    GoalForm,
    OutcomeForm,
    PaymentExtractForm,
    PlanForm,
    SendPlanForm,
    VerificationForm,
    WithdrawOutcomeForm,
)

FORM_TEMPLATE = "workspace/plans/form.html"


# Finding things ------------------------------------------------------------------------------


def _plan(customer: Customer, pk: int) -> ActionPlan:
    plan = selectors.customer_plan(customer, pk)
    if plan is None:
        raise Http404("This customer has no such plan.")
    return plan


def _outcome(customer: Customer, pk: int) -> Outcome:
    outcome = selectors.customer_outcome(customer, pk)
    if outcome is None:
        raise Http404("This customer has no such outcome.")
    return outcome


def _plans_url(customer: Customer) -> str:
    return reverse("workspace:customer_record_plans", kwargs={"reference": customer.reference})


def _plan_url(plan: ActionPlan) -> str:
    return reverse("workspace:plan_detail", kwargs={"reference": plan.customer.reference, "pk": plan.pk})


def _session(customer: Customer, session_id: int) -> AdviceSession | None:
    return (
        AdviceSession.objects.filter(pk=session_id, bookings__customer=customer).select_related("organisation").first()
    )


# Forms on the page ----------------------------------------------------------------------------


def _component(bound: forms.BoundField) -> dict[str, Any]:
    """Which GOV.UK component shows a field, and its parameters (keeping what was typed)."""
    widget = bound.field.widget
    if isinstance(bound.field, GovukDateField):
        return {"component": "date", "params": date_input_params(bound)}
    if isinstance(widget, forms.HiddenInput):
        return {"component": "hidden", "name": bound.html_name, "value": bound.value() or ""}
    if isinstance(bound.field, forms.FileField):
        return {"component": "file", "params": field_params(bound)}
    if isinstance(widget, forms.RadioSelect):
        return {"component": "radios", "params": field_params(bound)}
    if isinstance(widget, forms.CheckboxInput):
        return {"component": "checkboxes", "params": field_params(bound)}
    if isinstance(widget, forms.Select):
        return {"component": "select", "params": field_params(bound)}
    if isinstance(widget, forms.Textarea):
        return {"component": "textarea", "params": field_params(bound)}
    return {"component": "input", "params": field_params(bound)}


def _errors_to_form(form: forms.Form, error: ValidationError) -> None:
    """A service's errors on the form's fields (or above the form when they name none)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            for item in errors:
                form.add_error(name if name in form.fields else None, item.messages)
        return
    form.add_error(None, error.messages)


def _render_form(
    request: HttpRequest,
    customer: Customer,
    form: forms.Form,
    *,
    title: str,
    back: str,
    button: str = "Save",
    another: str = "",
    intro: list[str] | None = None,
    upload: bool = False,
    caption: str = "",
) -> HttpResponse:
    context = {
        "customer": customer,
        "form": form,
        "fields": [_component(form[name]) for name in form.fields],
        "title": title,
        "back": back,
        "button": button,
        "another": another,
        "intro": intro or [],
        "upload": upload,
        "caption": caption,
    }
    return render(request, FORM_TEMPLATE, context)


# The record's tab -----------------------------------------------------------------------------


def plans_tab_context(customer: Customer, today: Any) -> dict[str, Any]:
    """The "Plans and outcomes" tab of the customer record: every plan and every claim."""
    return {"plans": selectors.customer_plans(customer), "outcomes": selectors.customer_outcomes(customer)}


# Plans ----------------------------------------------------------------------------------------


@staff_view(WORK_ON_PLANS)
def plan_create(request: HttpRequest, reference: str) -> HttpResponse:
    customer = customer_or_404(reference)
    if customer.is_terminated:
        return read_only(request, customer)
    bookings = [
        booking
        for booking in selectors.customer_sessions(customer)
        if booking.status in {contact_codes.SessionStatus.BOOKED, contact_codes.SessionStatus.ATTENDED}
    ]
    if not bookings:
        return render(request, "workspace/plans/no_session.html", {"customer": customer, "for_outcome": False})
    form = PlanForm(posted_data(request), bookings=bookings)
    if request.method == "POST" and form.is_valid():
        session = _session(customer, form.cleaned_data["session"])
        if session is None:
            form.add_error("session", "Select one of the customer's sessions")
        else:
            try:
                plan = services.plan_create(
                    actor=request.user, customer=customer, session=session, **form.service_fields()
                )
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                messages.success(request, "The skills action plan has been made: now add the customer's goals")
                return redirect("workspace:goal_add", reference=customer.reference, pk=plan.pk)
    return _render_form(
        request,
        customer,
        form,
        title="Make a skills action plan",
        back=_plans_url(customer),
        button="Save and add goals",
    )


@staff_view(VIEW_PLANS)
def plan_detail(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    customer = customer_or_404(reference)
    plan = _plan(customer, pk)
    customer_services.customer_record_viewed(actor=request.user, customer=customer, part="plan")
    user: Any = request.user
    context = {
        "customer": customer,
        "plan": plan,
        "can_change": user.has_perm(WORK_ON_PLANS) and not customer.is_terminated,
    }
    return render(request, "workspace/plans/detail.html", context)


@staff_view(WORK_ON_PLANS)
def plan_edit(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    customer = customer_or_404(reference)
    plan = _plan(customer, pk)
    if customer.is_terminated:
        return read_only(request, customer)
    initial = {
        "current_situation": plan.current_situation,
        "charter_shown": plan.charter_shown,
        "charter_shown_on": plan.charter_shown_on,
    }
    form = PlanForm(posted_data(request), bookings=[], with_session=False, initial=initial)
    if plan.made_by_customer:
        form.fields["current_situation"].required = False
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(actor=request.user, plan=plan, **form.service_fields())
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, "The plan has been changed")
            return redirect(_plan_url(plan))
    return _render_form(request, customer, form, title="Change the plan", back=_plan_url(plan))


def _goal_initial(goal: Goal) -> dict[str, Any]:
    return {
        "goal_type": str(goal.goal_type),
        "summary": goal.summary,
        "captured_on": goal.captured_on,
        "due_on": goal.due_on,
        "status": str(goal.status),
        "achieved_on": goal.achieved_on,
    }


def _action_initial(action: Action) -> dict[str, Any]:
    return {
        "action_type": str(action.action_type),
        "summary": action.summary,
        "agreed_on": action.agreed_on,
        "due_on": action.due_on,
        "responsible": str(action.responsible),
        "signposted_partner": str(action.signposted_partner_id or ""),
        "signposted_to": action.signposted_to,
        "status": str(action.status),
        "completed_on": action.completed_on,
    }


def _goal_form(data: Any, customer: Customer, goal: Goal | None) -> forms.Form:
    return GoalForm(data, initial=_goal_initial(goal) if goal else None)


def _action_form(data: Any, customer: Customer, action: Action | None) -> forms.Form:
    # The partners serving the customer's area, and the one the action already names.
    partners = selectors.signposting_partners(customer, keep=action.signposted_partner if action else None)
    return ActionForm(data, partners=partners, initial=_action_initial(action) if action else None)


@dataclass(frozen=True)
class _PlanPart:
    """What differs between the goal pages and the action pages; _plan_part_page does the rest."""

    name: str  # "goal" or "action": the services' keyword, the URL names' prefix, the words shown
    find: Callable[[ActionPlan, int], Any]
    form: Callable[[Any, Customer, Any], forms.Form]
    add: Callable[..., Any]
    update: Callable[..., Any]
    related: str  # the plan's related name for them
    one: str  # "a goal", "an action"


GOALS = _PlanPart("goal", selectors.plan_goal, _goal_form, services.goal_add, services.goal_update, "goals", "a goal")
ACTIONS = _PlanPart(
    "action", selectors.plan_action, _action_form, services.action_add, services.action_update, "actions", "an action"
)


def _plan_part_page(
    request: HttpRequest, reference: str, pk: int, part_pk: int | None, kind: _PlanPart
) -> HttpResponse:
    """Add a goal or an action (with "save and add another"), or change one."""
    customer = customer_or_404(reference)
    plan = _plan(customer, pk)
    if customer.is_terminated:
        return read_only(request, customer)
    part = None
    if part_pk is not None:
        part = kind.find(plan, part_pk)
        if part is None:
            raise Http404(f"This plan has no such {kind.name}.")
    form = kind.form(posted_data(request), customer, part)
    if request.method == "POST" and form.is_valid():
        try:
            if part is None:
                kind.add(actor=request.user, plan=plan, **form.cleaned_data)
            else:
                kind.update(actor=request.user, **{kind.name: part}, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            if part is None and request.POST.get("next") == "another":
                messages.success(request, f"The {kind.name} has been added: add another")
                return redirect(f"workspace:{kind.name}_add", reference=customer.reference, pk=plan.pk)
            if part is None and kind is GOALS and not plan.actions.all():
                messages.success(request, "The goal has been added: now add the actions agreed")
                return redirect("workspace:action_add", reference=customer.reference, pk=plan.pk)
            messages.success(request, f"The {kind.name} has been saved")
            return redirect(_plan_url(plan))
    count = len(getattr(plan, kind.related).all())
    return _render_form(
        request,
        customer,
        form,
        title=f"Add {kind.name} {count + 1}" if part is None else f"Change {kind.one}",
        back=_plan_url(plan),
        button=f"Save {kind.name}",
        another=f"Save and add another {kind.name}" if part is None else "",
        caption="Skills action plan",
    )


@staff_view(WORK_ON_PLANS)
def goal_add(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    return _plan_part_page(request, reference, pk, None, GOALS)


@staff_view(WORK_ON_PLANS)
def goal_edit(request: HttpRequest, reference: str, pk: int, goal_pk: int) -> HttpResponse:
    return _plan_part_page(request, reference, pk, goal_pk, GOALS)


@staff_view(WORK_ON_PLANS)
def action_add(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    return _plan_part_page(request, reference, pk, None, ACTIONS)


@staff_view(WORK_ON_PLANS)
def action_edit(request: HttpRequest, reference: str, pk: int, action_pk: int) -> HttpResponse:
    return _plan_part_page(request, reference, pk, action_pk, ACTIONS)


@staff_view(VIEW_PLANS)
def plan_print(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    """The plan as a document, with a stylesheet that prints only the document."""
    customer = customer_or_404(reference)
    plan = _plan(customer, pk)
    customer_services.customer_record_viewed(actor=request.user, customer=customer, part="plan_print")
    return render(request, "workspace/plans/print.html", {"customer": customer, "plan": plan})


@staff_view(VIEW_PLANS)
def plan_pdf(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    customer = customer_or_404(reference)
    plan = _plan(customer, pk)
    customer_services.customer_record_viewed(actor=request.user, customer=customer, part="plan_pdf")
    response = HttpResponse(documents.plan_pdf(plan), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{documents.plan_filename(plan)}"'
    response["Cache-Control"] = "no-store"
    return response


@staff_view(WORK_ON_PLANS)
def plan_send(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    customer = customer_or_404(reference)
    plan = _plan(customer, pk)
    if customer.is_terminated:
        return read_only(request, customer)
    destinations: dict[str, Any] = {}
    for method in (services.SEND_BY_EMAIL, services.SEND_BY_POST):
        try:
            destinations[method] = services.plan_destination(customer, method)
        except ValidationError as error:
            destinations[method] = error.messages[0]
    form = SendPlanForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        method = form.cleaned_data["method"]
        account_url = request.build_absolute_uri(reverse("portal:plan_detail", kwargs={"pk": plan.pk}))
        try:
            sent = services.plan_send(actor=request.user, plan=plan, method=method, account_url=account_url)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            how = "email" if method == services.SEND_BY_EMAIL else "post"
            shown = sent.sent_to.replace("\n", ", ")
            messages.success(request, f"The plan has been sent by {how} to {shown}")
            return redirect(_plan_url(plan))
    options = []
    bound = form["method"]
    params = field_params(bound)
    for item in params["items"]:
        destination = destinations[item["value"]]
        # A way that cannot be used stays choosable with its reason as the hint (greyed-out options
        # are hard to read); choosing it shows the same reason as an error.
        item["hint"] = {"text": f"To {destination.shown_to}" if not isinstance(destination, str) else destination}
        options.append(item)
    params["items"] = options
    context = {"customer": customer, "plan": plan, "form": form, "method_params": params}
    return render(request, "workspace/plans/send.html", context)


# Outcomes -------------------------------------------------------------------------------------


@staff_view(RECORD_OUTCOMES)
def outcome_create(request: HttpRequest, reference: str) -> HttpResponse:
    customer = customer_or_404(reference)
    if customer.is_terminated:
        return read_only(request, customer)
    bookings = [
        booking
        for booking in selectors.customer_sessions(customer)
        if booking.status == contact_codes.SessionStatus.ATTENDED
    ]
    if not bookings:
        return render(request, "workspace/plans/no_session.html", {"customer": customer, "for_outcome": True})
    form = OutcomeForm(posted_data(request), request.FILES or None, bookings=bookings)
    if request.method == "POST" and form.is_valid():
        session = _session(customer, form.cleaned_data["session"])
        upload = form.cleaned_data.get("evidence_file")
        if session is None:
            form.add_error("session", "Select one of the customer's sessions")
        else:
            try:
                outcome = services.outcome_claim(
                    actor=request.user,
                    customer=customer,
                    session=session,
                    outcome_type=form.cleaned_data["outcome_type"],
                    effective_on=form.cleaned_data["effective_on"],
                    claimed_on=form.cleaned_data["claimed_on"],
                    evidence_note=form.cleaned_data["evidence_note"],
                    evidence_file=upload.file if upload else None,
                    evidence_name=upload.name if upload else "",
                    evidence_size=upload.size if upload else 0,
                )
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                priority = " It counts as a priority customer claim." if outcome.priority else ""
                messages.success(
                    request, f"The {outcome.get_outcome_type_display().lower()} outcome has been claimed.{priority}"
                )
                return redirect("workspace:outcome_detail", reference=customer.reference, pk=outcome.pk)
    intro = [
        "Every claim rule is checked now: the effective date must fall within 12 months of the session "
        "(13 months for sustainable employment and career progression), and a customer can have one customer "
        "satisfaction and one career management outcome in any 12 months, whichever organisation claims it.",
    ]
    if form.is_bound and form.errors and request.FILES:
        intro.append("For your security, choose the evidence file again: files are not kept when a claim is refused.")
    return _render_form(
        request,
        customer,
        form,
        title="Claim an outcome",
        back=_plans_url(customer),
        button="Claim outcome",
        intro=intro,
        upload=True,
    )


@staff_view(VIEW_OUTCOMES)
def outcome_detail(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    customer = customer_or_404(reference)
    outcome = _outcome(customer, pk)
    customer_services.customer_record_viewed(actor=request.user, customer=customer, part="outcome")
    user: Any = request.user
    evidence = getattr(outcome, "evidence_file", None)
    context = {
        "customer": customer,
        "outcome": outcome,
        "evidence": evidence,
        "can_withdraw": user.has_perm(RECORD_OUTCOMES) and not outcome.is_withdrawn,
        "can_verify": rules.may_verify(user, outcome.organisation_id) and not outcome.is_withdrawn,
        "verifications": selectors.outcome_verifications(outcome),
    }
    return render(request, "workspace/plans/outcome_detail.html", context)


@staff_view(VIEW_OUTCOMES)
def outcome_evidence(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    """The evidence file, only once the virus check found it clean; never shown inline."""
    customer = customer_or_404(reference)
    outcome = _outcome(customer, pk)
    evidence = getattr(outcome, "evidence_file", None)
    if evidence is None:
        raise Http404("This outcome has no evidence file.")
    try:
        services.evidence_downloaded(actor=request.user, evidence=evidence)
    except PermissionDenied:
        return render(
            request,
            "workspace/plans/evidence_blocked.html",
            {"customer": customer, "outcome": outcome, "evidence": evidence},
            status=409,
        )
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response  # type: ignore[return-value]  # staff_view is typed for HttpResponse; a file is one too


@staff_view(RECORD_OUTCOMES)
def outcome_withdraw(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    customer = customer_or_404(reference)
    outcome = _outcome(customer, pk)
    form = WithdrawOutcomeForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.outcome_withdraw(actor=request.user, outcome=outcome, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, "The claim has been withdrawn")
            return redirect("workspace:outcome_detail", reference=customer.reference, pk=outcome.pk)
    back = reverse("workspace:outcome_detail", kwargs={"reference": customer.reference, "pk": outcome.pk})
    label = outcome.get_outcome_type_display().lower()
    return _render_form(
        request,
        customer,
        form,
        title=f"Withdraw the {label} claim",
        back=back,
        button="Withdraw claim",
        intro=[
            f"Effective {rules.show_date(outcome.effective_on)}, claimed {rules.show_date(outcome.claimed_on)}. "
            "A withdrawn claim stays on the record but is not paid and no longer counts for the claim rules."
        ],
    )


@staff_view(VERIFY_OUTCOMES)
def outcome_verify(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    """A quality auditor or manager changes where a claim stands with the checks, saying why."""
    customer = customer_or_404(reference)
    outcome = _outcome(customer, pk)
    if not rules.may_verify(request.user, outcome.organisation_id):
        raise PermissionDenied
    back = reverse("workspace:outcome_detail", kwargs={"reference": customer.reference, "pk": outcome.pk})
    form = VerificationForm(posted_data(request), initial={"status": str(outcome.verification_status)})
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.outcome_verification_change(actor=request.user, outcome=outcome, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            status = changed.get_verification_status_display().lower()
            messages.success(request, f"The {changed.get_outcome_type_display().lower()} claim is now {status}")
            return redirect(back)
    label = outcome.get_outcome_type_display().lower()
    return _render_form(
        request,
        customer,
        form,
        title=f"Verify the {label} claim",
        back=back,
        button="Save verification status",
        intro=[
            f"Claimed by {outcome.organisation.name}: effective {rules.show_date(outcome.effective_on)}, "
            f"claimed {rules.show_date(outcome.claimed_on)}. It is {outcome.get_verification_status_display().lower()}."
        ],
    )


# The payment extract -------------------------------------------------------------------------


class _Echo:
    """A file-like object that hands back what is written, for streaming csv rows."""

    def write(self, value: str) -> str:
        return value


def _csv_lines(rows: Iterator[tuple[str, ...]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(selectors.EXTRACT_COLUMNS)
    for row in rows:
        yield writer.writerow(row)


@staff_view(PAYMENT_EXTRACT)
def payment_extract(request: HttpRequest) -> HttpResponse:
    """Choose an organisation (national managers) and a period; a valid choice downloads the CSV."""
    organisations = selectors.extract_organisations(request.user)
    form = PaymentExtractForm(request.GET if "start-day" in request.GET else None, organisations=organisations)
    if form.is_bound and form.is_valid():
        organisation, start, end = (form.cleaned_data[name] for name in ("organisation", "start", "end"))
        services.payment_extract_downloaded(actor=request.user, organisation=organisation, start=start, end=end)
        response = StreamingHttpResponse(
            _csv_lines(selectors.payment_extract(organisation, start, end)), content_type="text/csv; charset=utf-8"
        )
        name = f"payment-extract-{organisation.touchpoint_id or organisation.pk}-{start:%Y%m%d}-{end:%Y%m%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "no-store"
        return response  # type: ignore[return-value]  # staff_view is typed for HttpResponse; a stream is one too
    fields = [_component(form[name]) for name in form.fields]
    return render(
        request,
        "workspace/plans/payment_extract.html",
        {"form": form, "fields": fields, "active_nav": "payment_extract", "outcome_types": codes.OutcomeType.choices},
    )
