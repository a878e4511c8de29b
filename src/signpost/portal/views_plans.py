"""The customer's skills action plans online (issue 4): read them, accept an adviser's plan,
update the due dates and statuses of goals and actions, and make and fill their own plan.

Every page is for the signed-in customer whose account is linked to the record
(access.linked_customer_page): plans are looked up within their record only, so another
customer's plan number shows "not found". Each change goes on the adviser's timeline (services).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from signpost.core.govuk_forms import GovukDateField, date_input_params, field_params
from signpost.customers.models import Customer
from signpost.plans import documents, selectors, services
from signpost.plans.models import ActionPlan
from signpost.portal.access import linked_customer_page
from signpost.portal.forms_plans import OwnActionForm, OwnGoalForm, OwnPlanForm, ProgressForm

FORM_TEMPLATE = "portal/plans/form.html"


def _plan(customer: Customer, pk: int) -> ActionPlan:
    plan = selectors.customer_plan(customer, pk)
    if plan is None:
        raise Http404("You have no plan with this number.")
    return plan


def _component(bound: forms.BoundField) -> dict[str, Any]:
    if isinstance(bound.field, GovukDateField):
        return {"component": "date", "params": date_input_params(bound)}
    widget = bound.field.widget
    if isinstance(widget, forms.RadioSelect):
        return {"component": "radios", "params": field_params(bound)}
    if isinstance(widget, forms.Select):
        return {"component": "select", "params": field_params(bound)}
    if isinstance(widget, forms.Textarea):
        return {"component": "textarea", "params": field_params(bound)}
    return {"component": "input", "params": field_params(bound)}


def _errors_to_form(form: forms.Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            for item in errors:
                form.add_error(name if name in form.fields else None, item.messages)
        return
    form.add_error(None, error.messages)


def _render_form(
    request: HttpRequest, form: forms.Form, *, title: str, back: str, button: str, intro: list[str] | None = None
) -> HttpResponse:
    context = {
        "form": form,
        "error_state": bool(form.errors),
        "fields": [_component(form[name]) for name in form.fields],
        "title": title,
        "back_url": back,
        "button": button,
        "intro": intro or [],
    }
    return render(request, FORM_TEMPLATE, context)


def _plan_url(plan: ActionPlan) -> str:
    return reverse("portal:plan_detail", kwargs={"pk": plan.pk})


@linked_customer_page
def plan_list(request: HttpRequest, customer: Customer) -> HttpResponse:
    return render(request, "portal/plans/list.html", {"plans": selectors.customer_plans(customer)})


@linked_customer_page
def plan_detail(request: HttpRequest, customer: Customer, pk: int) -> HttpResponse:
    plan = _plan(customer, pk)
    return render(request, "portal/plans/detail.html", {"plan": plan, "customer": customer})


@linked_customer_page
def plan_pdf(request: HttpRequest, customer: Customer, pk: int) -> HttpResponse:
    plan = _plan(customer, pk)
    response = HttpResponse(documents.plan_pdf(plan), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{documents.plan_filename(plan)}"'
    response["Cache-Control"] = "no-store"
    return response


@linked_customer_page
@require_POST
def plan_accept(request: HttpRequest, customer: Customer, pk: int) -> HttpResponse:
    plan = _plan(customer, pk)
    try:
        services.plan_accept(actor=request.user, plan=plan)
    except ValidationError as error:
        messages.info(request, error.messages[0])
    else:
        messages.success(request, "You have accepted your plan. Your adviser can see that you have.")
    return redirect(_plan_url(plan))


def _progress_page(request: HttpRequest, customer: Customer, pk: int, part_pk: int, part: str) -> HttpResponse:
    """The customer updates the due date and status of a goal or an action (``part``) of any of
    their plans; the adviser sees it on the timeline (services)."""
    plan = _plan(customer, pk)
    goal = part == "goal"
    found: Any = selectors.plan_goal(plan, part_pk) if goal else selectors.plan_action(plan, part_pk)
    if found is None:
        raise Http404(f"Your plan has no such {part}.")
    done = "achieved_on" if goal else "completed_on"
    initial = {"due_on": found.due_on, "status": str(found.status), done: getattr(found, done)}
    form = ProgressForm(request.POST if request.method == "POST" else None, part=part, initial=initial)
    if request.method == "POST" and form.is_valid():
        update: Any = services.goal_progress_update if goal else services.action_progress_update
        try:
            update(actor=request.user, **{part: found}, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, f"Your {part} has been updated")
            return redirect(_plan_url(plan))
    kind = found.get_goal_type_display() if goal else found.get_action_type_display()
    return _render_form(
        request,
        form,
        title=f"Update your {part}",
        back=_plan_url(plan),
        button="Save",
        intro=[f"{kind}: {found.summary}"],
    )


@linked_customer_page
@require_http_methods(["GET", "POST"])
def goal_progress(request: HttpRequest, customer: Customer, pk: int, goal_pk: int) -> HttpResponse:
    return _progress_page(request, customer, pk, goal_pk, "goal")


@linked_customer_page
@require_http_methods(["GET", "POST"])
def action_progress(request: HttpRequest, customer: Customer, pk: int, action_pk: int) -> HttpResponse:
    return _progress_page(request, customer, pk, action_pk, "action")


@linked_customer_page
@require_http_methods(["GET", "POST"])
def own_plan_create(request: HttpRequest, customer: Customer) -> HttpResponse:
    form = OwnPlanForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.own_plan_create(actor=request.user, customer=customer, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, "Your plan has been started: add your first goal")
            return redirect("portal:own_goal_add", pk=plan.pk)
    return _render_form(
        request,
        form,
        title="Make your own action plan",
        back=reverse("portal:plan_list"),
        button="Start my plan",
        intro=["Write down what you want to achieve and the steps to get there. Your adviser can see your plan."],
    )


def _own_plan(customer: Customer, pk: int) -> ActionPlan:
    plan = _plan(customer, pk)
    if not plan.made_by_customer:
        raise Http404("Goals and actions of an adviser's plan are agreed with your adviser.")
    return plan


@linked_customer_page
@require_http_methods(["GET", "POST"])
def own_goal_add(request: HttpRequest, customer: Customer, pk: int) -> HttpResponse:
    plan = _own_plan(customer, pk)
    form = OwnGoalForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_add(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, "Your goal has been added")
            return redirect(_plan_url(plan))
    return _render_form(request, form, title="Add a goal", back=_plan_url(plan), button="Add goal")


@linked_customer_page
@require_http_methods(["GET", "POST"])
def own_action_add(request: HttpRequest, customer: Customer, pk: int) -> HttpResponse:
    plan = _own_plan(customer, pk)
    form = OwnActionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_add(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, "Your action has been added")
            return redirect(_plan_url(plan))
    return _render_form(request, form, title="Add an action", back=_plan_url(plan), button="Add action")
