"""The funding eligibility rules in the workspace (issue 6), for content editors: rule sets with
their "as at" dates, each rule's text and conditions, and every change kept in the history.

Views parse with forms_funding and call funding services (which check the permission again and
audit); the services' errors come back on the form's fields, keeping what was typed.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from signpost.accounts.roles import MANAGE_FUNDING_RULES
from signpost.core.govuk_forms import GovukDateField, date_input_params, field_params
from signpost.funding import selectors, services
from signpost.funding.facts import FACTS
from signpost.funding.models import FundingCondition, FundingRule, FundingRuleSet
from signpost.workspace.access import staff_view
from signpost.workspace.forms import posted_data
from signpost.workspace.forms_funding import ConditionForm, RuleAddForm, RuleForm, RuleSetCopyForm, RuleSetForm
from signpost.workspace.views_partners import errors_to_form

ACTIVE_NAV = "funding_rules"
FORM_TEMPLATE = "workspace/funding/form.html"


def _component(bound: forms.BoundField) -> dict[str, Any]:
    if isinstance(bound.field, GovukDateField):
        return {"component": "date", "params": date_input_params(bound)}
    widget = bound.field.widget
    if isinstance(widget, forms.RadioSelect):
        return {"component": "radios", "params": field_params(bound)}
    if isinstance(widget, forms.Select):
        return {"component": "select", "params": field_params(bound)}
    if isinstance(widget, forms.Textarea):
        return {"component": "textarea", "params": field_params(bound, rows=widget.attrs.get("rows", 5))}
    if isinstance(widget, forms.NumberInput):
        params = field_params(bound, inputmode="numeric", classes="govuk-input--width-10", spellcheck=False)
        return {"component": "input", "params": params}
    return {"component": "input", "params": field_params(bound, spellcheck=False)}


def _form_page(request: HttpRequest, form: forms.Form, **context: Any) -> HttpResponse:
    fields = [_component(form[name]) for name in form.fields]
    return render(request, FORM_TEMPLATE, {"form": form, "fields": fields, "active_nav": ACTIVE_NAV, **context})


def _rule_set(pk: int) -> FundingRuleSet:
    found = selectors.rule_set(pk)
    if found is None:
        raise Http404("No rule set has this number.")
    return found


def _rule(pk: int, *, retired_too: bool = False) -> FundingRule:
    """The rule; a retired one only where asked (its history), since it can no longer be changed."""
    found = selectors.rule(pk)
    if found is None or (found.retired_at is not None and not retired_too):
        raise Http404("No rule in force has this number.")
    return found


def _condition(pk: int) -> FundingCondition:
    found = selectors.condition(pk)
    if found is None or found.rule.retired_at is not None:
        raise Http404("No condition of a rule in force has this number.")
    return found


@staff_view(MANAGE_FUNDING_RULES)
def rule_set_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "workspace/funding/rule_set_list.html", {"rule_sets": selectors.rule_sets(), "active_nav": ACTIVE_NAV}
    )


@staff_view(MANAGE_FUNDING_RULES)
def rule_set_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(
        request,
        "workspace/funding/rule_set_detail.html",
        {"rule_set": _rule_set(pk), "facts": FACTS, "active_nav": ACTIVE_NAV},
    )


@staff_view(MANAGE_FUNDING_RULES)
@require_http_methods(["GET", "POST"])
def rule_set_edit(request: HttpRequest, pk: int) -> HttpResponse:
    rule_set = _rule_set(pk)
    form = RuleSetForm(posted_data(request), initial=RuleSetForm.initial_for(rule_set))
    if request.method == "POST" and form.is_valid():
        try:
            services.rule_set_update(actor=request.user, rule_set=rule_set, **form.cleaned_data)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, "The rule set has been updated")
            return redirect("workspace:funding_rule_set_detail", pk=rule_set.pk)
    return _form_page(
        request,
        form,
        title="Change the rule set",
        caption=str(rule_set),
        back_url=_detail_url(rule_set.pk),
        button="Save rule set",
    )


@staff_view(MANAGE_FUNDING_RULES)
@require_http_methods(["GET", "POST"])
def rule_set_copy(request: HttpRequest, pk: int) -> HttpResponse:
    rule_set = _rule_set(pk)
    form = RuleSetCopyForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            copy = services.rule_set_copy(actor=request.user, rule_set=rule_set, **form.cleaned_data)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, f"{copy.name} has been made from a copy of {rule_set.name}")
            return redirect("workspace:funding_rule_set_detail", pk=copy.pk)
    return _form_page(
        request,
        form,
        title="Copy to a new rule set",
        caption=str(rule_set),
        intro="Start next year's rules from these: the copy is in force from its own as-at date.",
        back_url=_detail_url(rule_set.pk),
        button="Make the copy",
    )


def _detail_url(pk: int) -> str:
    return reverse("workspace:funding_rule_set_detail", kwargs={"pk": pk})


@staff_view(MANAGE_FUNDING_RULES)
@require_http_methods(["GET", "POST"])
def rule_edit(request: HttpRequest, pk: int) -> HttpResponse:
    rule = _rule(pk)
    form = RuleForm(posted_data(request), initial=RuleForm.initial_for(rule))
    if request.method == "POST" and form.is_valid():
        try:
            services.rule_update(actor=request.user, rule=rule, **form.cleaned_data)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, f"{form.cleaned_data['title']} has been updated")
            return redirect(f"{_detail_url(rule.rule_set_id)}#rule-{rule.pk}")
    return _form_page(
        request,
        form,
        title="Change the rule",
        caption=rule.title,
        back_url=f"{_detail_url(rule.rule_set_id)}#rule-{rule.pk}",
        button="Save rule",
    )


@staff_view(MANAGE_FUNDING_RULES)
@require_http_methods(["GET", "POST"])
def rule_add(request: HttpRequest, pk: int) -> HttpResponse:
    rule_set = _rule_set(pk)
    form = RuleAddForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            rule = services.rule_add(actor=request.user, rule_set=rule_set, **form.service_fields())
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, f"{rule.title} has been added. It applies from now on.")
            return redirect(f"{_detail_url(rule_set.pk)}#rule-{rule.pk}")
    return _form_page(
        request,
        form,
        title="Add a rule",
        caption=str(rule_set),
        intro="The rule applies to anyone for whom every condition holds. Give its first condition here; "
        "add more on the rule set's page.",
        back_url=_detail_url(rule_set.pk),
        button="Add rule",
    )


@staff_view(MANAGE_FUNDING_RULES)
@require_http_methods(["GET", "POST"])
def rule_retire(request: HttpRequest, pk: int) -> HttpResponse:
    rule = _rule(pk)
    back = f"{_detail_url(rule.rule_set_id)}#rule-{rule.pk}"
    if request.method == "POST":
        services.rule_retire(actor=request.user, rule=rule)
        messages.success(request, f"{rule.title} has been retired: it no longer applies to anyone")
        return redirect(f"{_detail_url(rule.rule_set_id)}#retired")
    return render(
        request,
        "workspace/funding/rule_retire.html",
        {"rule": rule, "back_url": back, "active_nav": ACTIVE_NAV},
    )


@staff_view(MANAGE_FUNDING_RULES)
def rule_history(request: HttpRequest, pk: int) -> HttpResponse:
    rule = _rule(pk, retired_too=True)
    return render(
        request,
        "workspace/funding/rule_history.html",
        {
            "rule": rule,
            "versions": selectors.rule_history(rule),
            "back_url": f"{_detail_url(rule.rule_set_id)}#rule-{rule.pk}",
            "active_nav": ACTIVE_NAV,
        },
    )


@staff_view(MANAGE_FUNDING_RULES)
@require_http_methods(["GET", "POST"])
def condition_add(request: HttpRequest, pk: int) -> HttpResponse:
    rule = _rule(pk)
    form = ConditionForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.condition_add(actor=request.user, rule=rule, **form.cleaned_data)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, f"The condition has been added to {rule.title}")
            return redirect(f"{_detail_url(rule.rule_set_id)}#rule-{rule.pk}")
    return _form_page(
        request,
        form,
        title="Add a condition",
        caption=rule.title,
        back_url=f"{_detail_url(rule.rule_set_id)}#rule-{rule.pk}",
        button="Add condition",
    )


@staff_view(MANAGE_FUNDING_RULES)
@require_http_methods(["GET", "POST"])
def condition_edit(request: HttpRequest, pk: int) -> HttpResponse:
    condition = _condition(pk)
    rule = condition.rule
    form = ConditionForm(posted_data(request), initial=ConditionForm.initial_for(condition))
    if request.method == "POST" and form.is_valid():
        try:
            services.condition_update(actor=request.user, condition=condition, **form.cleaned_data)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, f"The condition of {rule.title} has been updated")
            return redirect(f"{_detail_url(rule.rule_set_id)}#rule-{rule.pk}")
    return _form_page(
        request,
        form,
        title="Change the condition",
        caption=rule.title,
        back_url=f"{_detail_url(rule.rule_set_id)}#rule-{rule.pk}",
        button="Save condition",
    )


@staff_view(MANAGE_FUNDING_RULES)
@require_http_methods(["GET", "POST"])
def condition_remove(request: HttpRequest, pk: int) -> HttpResponse:
    condition = _condition(pk)
    rule = condition.rule
    back = f"{_detail_url(rule.rule_set_id)}#rule-{rule.pk}"
    if request.method == "POST":
        services.condition_remove(actor=request.user, condition=condition)
        messages.success(request, f"The condition has been removed from {rule.title}")
        return redirect(back)
    return render(
        request,
        "workspace/funding/condition_remove.html",
        {"condition": condition, "rule": rule, "back_url": back, "active_nav": ACTIVE_NAV},
    )
