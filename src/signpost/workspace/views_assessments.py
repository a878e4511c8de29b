"""Skills assessments in the workspace.

An adviser opens a customer's results when the customer gives the reference code (rate-limited per
staff member, like the public lookups) or has saved the results to their linked online space.
Every opening is audited against the customer's record. From the results the adviser can add
"discuss the results" to one of the customer's action plans.

Content editors keep the trait → job category mapping here, with its history.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from signpost.accounts.roles import MANAGE_ASSESSMENT_MAPPING, VIEW_ASSESSMENT_RESULTS, WORK_ON_PLANS
from signpost.assessments import documents, instrument, selectors, services
from signpost.assessments.models import Assessment
from signpost.careers import selectors as careers
from signpost.core.govuk_forms import field_params
from signpost.customers.models import Customer
from signpost.plans import selectors as plan_selectors
from signpost.workspace.access import staff_view
from signpost.workspace.customer_pages import customer_or_404

# Assessments this staff member has opened with a code, per customer, in this session.
SESSION_KEY = "workspace_assessments"


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Reference code",
        help_text="The 8 letters and numbers the customer was given, like ABCD 2345",
        max_length=20,
        error_messages={"required": "Enter the reference code"},
    )


class DiscussForm(forms.Form):
    plan = forms.TypedChoiceField(
        label="Which action plan?",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the action plan to add it to"},
    )

    def __init__(self, *args: Any, plans: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].choices = [  # type: ignore[attr-defined]
            (plan.pk, f"Plan made {plan.created_at:%-d %B %Y}" + (" (their own)" if plan.made_by_customer else ""))
            for plan in plans
        ]


class MappingForm(forms.Form):
    traits = forms.MultipleChoiceField(
        label="Traits this job category needs",
        help_text="The category is suggested only when every trait chosen here is one of the person's.",
        choices=[(trait.code, f"{trait.name}: {trait.description}") for trait in instrument.TRAITS],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one trait, or the category can never be suggested"},
    )
    reason = forms.CharField(label="Why are you changing it?", max_length=100, required=False)


def _opened(request: HttpRequest, customer: Customer) -> set[int]:
    return set(request.session.get(SESSION_KEY, {}).get(customer.reference, []))


def _remember(request: HttpRequest, customer: Customer, assessment: Assessment) -> None:
    held = dict(request.session.get(SESSION_KEY, {}))
    held[customer.reference] = sorted({*held.get(customer.reference, []), assessment.pk})
    request.session[SESSION_KEY] = held


def _lookup_page(request: HttpRequest, customer: Customer, form: CodeForm) -> HttpResponse:
    context = {
        "customer": customer,
        "form": form,
        "error_state": bool(form.errors),
        "code_field": field_params(form["code"], spellcheck=False, autocomplete="off", classes="govuk-input--width-10"),
        "saved": selectors.customer_saved_assessments(customer),
    }
    return render(request, "workspace/assessments/lookup.html", context)


@staff_view(VIEW_ASSESSMENT_RESULTS)
@require_http_methods(["GET", "POST"])
def assessment_lookup(request: HttpRequest, reference: str) -> HttpResponse:
    customer = customer_or_404(reference)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_resume(
                actor=request.user, code_text=form.cleaned_data["code"], client=f"staff:{request.user.pk}"
            )
        except ValidationError as error:
            form.add_error("code", error.messages[0])
        else:
            _remember(request, customer, assessment)
            return redirect("workspace:assessment_results", reference=customer.reference, pk=assessment.pk)
    return _lookup_page(request, customer, form)


def _assessment_for(request: HttpRequest, customer: Customer, pk: int) -> tuple[Assessment, str]:
    """The assessment if this adviser may see it for this customer, and how they came to."""
    if pk in _opened(request, customer):
        assessment = Assessment.objects.filter(pk=pk).first()
        if assessment is not None:
            return assessment, "code"
    saved = {item.pk: item for item in selectors.customer_saved_assessments(customer)}
    if pk in saved:
        return saved[pk], "saved_to_space"
    raise Http404("Ask the customer for the reference code of their results.")


def _results_page(
    request: HttpRequest, customer: Customer, assessment: Assessment, form: DiscussForm | None
) -> HttpResponse:
    context = documents.report_context(assessment)
    context.update(
        {
            "customer": customer,
            "form": form,
            "error_state": bool(form is not None and form.errors),
            "plan_field": field_params(form["plan"]) if form is not None and form.fields["plan"].choices else None,  # type: ignore[attr-defined]
            "can_plan": request.user.has_perm(WORK_ON_PLANS),  # type: ignore[union-attr]
            "back_url": reverse("workspace:assessment_lookup", kwargs={"reference": customer.reference}),
        }
    )
    return render(request, "workspace/assessments/results.html", context)


@staff_view(VIEW_ASSESSMENT_RESULTS)
@require_GET
def assessment_results(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    customer = customer_or_404(reference)
    assessment, how = _assessment_for(request, customer, pk)
    services.assessment_results_viewed(actor=request.user, assessment=assessment, customer=customer, how=how)
    plans = plan_selectors.customer_plans(customer)
    return _results_page(request, customer, assessment, DiscussForm(plans=plans))


@staff_view(VIEW_ASSESSMENT_RESULTS, WORK_ON_PLANS)
@require_POST
def assessment_discuss(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    """Add "discuss the results" to a plan, or (``add`` = actions) a skills check's suggested actions."""
    customer = customer_or_404(reference)
    assessment, how = _assessment_for(request, customer, pk)
    plans = plan_selectors.customer_plans(customer)
    form = DiscussForm(request.POST, plans=plans)
    if form.is_valid():
        plan = next(plan for plan in plans if plan.pk == form.cleaned_data["plan"])
        try:
            if request.POST.get("add") == "actions":
                services.skills_check_actions_add(actor=request.user, assessment=assessment, plan=plan)
                done = "The suggested actions have been added to the action plan"
            else:
                services.discuss_results_add(actor=request.user, assessment=assessment, plan=plan)
                done = "“Discuss the results” has been added to the action plan"
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, done)
            return redirect("workspace:plan_detail", reference=customer.reference, pk=plan.pk)
    services.assessment_results_viewed(actor=request.user, assessment=assessment, customer=customer, how=how)
    return _results_page(request, customer, assessment, form)


# The trait → job category mapping (content editors) ---------------------------------------------


@staff_view(MANAGE_ASSESSMENT_MAPPING)
@require_GET
def mapping_list(request: HttpRequest) -> HttpResponse:
    names = {category.slug: category.name for category in careers.categories_with_counts()}
    rows = [
        {
            "mapping": mapping,
            "name": names.get(mapping.job_category, mapping.job_category),
            "traits": [
                instrument.TRAIT_BY_CODE[code].name for code in mapping.traits if code in instrument.TRAIT_BY_CODE
            ],
            "loaded": mapping.job_category in names,
        }
        for mapping in selectors.trait_mappings()
    ]
    return render(request, "workspace/assessments/mapping_list.html", {"rows": rows})


@staff_view(MANAGE_ASSESSMENT_MAPPING)
@require_http_methods(["GET", "POST"])
def mapping_edit(request: HttpRequest, slug: str) -> HttpResponse:
    mapping = selectors.trait_mapping_for(slug)
    if mapping is None:
        raise Http404("No mapping for this job category.")
    category = careers.category_by_slug(slug)
    form = MappingForm(request.POST if request.method == "POST" else None, initial={"traits": mapping.traits})
    if request.method == "POST" and form.is_valid():
        try:
            services.trait_mapping_update(
                actor=request.user,
                job_category=slug,
                traits=form.cleaned_data["traits"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error("traits", error.messages[0])
        else:
            messages.success(request, f"The traits for {category.name if category else slug} have been saved")
            return redirect("workspace:assessment_mapping")
    history = [
        {
            "when": entry.history_date,
            "who": entry.history_user.full_name if entry.history_user else "The starting mapping",
            "traits": ", ".join(
                instrument.TRAIT_BY_CODE[c].name for c in entry.traits if c in instrument.TRAIT_BY_CODE
            ),
            "reason": entry.history_change_reason or "",
        }
        for entry in mapping.history.select_related("history_user").all()
    ]
    context = {
        "form": form,
        "error_state": bool(form.errors),
        "traits_field": field_params(form["traits"]),
        "reason_field": field_params(form["reason"]),
        "name": category.name if category else slug,
        "history": history,
    }
    return render(request, "workspace/assessments/mapping_edit.html", context)
