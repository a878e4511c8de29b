"""The public skills assessment ("Discover your skills and careers") and the shorter skills check.

No account is needed. The assessment someone is working on is the one whose reference code is in
their session: they started it here, typed its code on the start page (services.assessment_resume
counts every try), or opened it from their online space (owner only). Nothing else loads an
assessment, so nobody sees one without its code or ownership.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from signpost.assessments import codes, documents, instrument, selectors, services, skills_check
from signpost.assessments.models import Assessment
from signpost.core.govuk_forms import field_params
from signpost.core.request_context import current_ip_address
from signpost.plans import selectors as plan_selectors
from signpost.portal.forms_assessments import (
    NarrowingForm,
    ReferenceCodeForm,
    SendCodeForm,
    SkillsCheckForm,
    StatementsForm,
)
from signpost.space import rules as space_rules
from signpost.space import selectors as space_selectors

SESSION_KEY = "assessments"
INTERESTS = Assessment.Kind.INTERESTS
SKILLS_CHECK = Assessment.Kind.SKILLS_CHECK


def _remember(request: HttpRequest, assessment: Assessment) -> None:
    held = dict(request.session.get(SESSION_KEY, {}))
    held[str(assessment.kind)] = assessment.code
    request.session[SESSION_KEY] = held


def _held(request: HttpRequest, kind: str) -> Assessment | None:
    code = request.session.get(SESSION_KEY, {}).get(kind)
    if not code:
        return None
    return Assessment.objects.filter(code=code, kind=kind).first()


def _held_or_start(request: HttpRequest, kind: str) -> Assessment | HttpResponse:
    assessment = _held(request, kind)
    if assessment is None:
        return redirect("portal:assessment_start" if kind == INTERESTS else "portal:skills_check_start")
    return assessment


def _client(request: HttpRequest) -> str:
    return current_ip_address() or request.META.get("REMOTE_ADDR", "") or "unknown"


def _radios(bound: forms.BoundField) -> dict[str, Any]:
    params = field_params(bound)
    params["fieldset"]["legend"]["classes"] = "govuk-fieldset__legend--s"
    return params


def _where_to_carry_on(assessment: Assessment) -> str:
    if assessment.kind == SKILLS_CHECK:
        if assessment.completed_at:
            return reverse("portal:skills_check_results")
        return reverse("portal:skills_check_questions")
    if assessment.completed_at:
        return reverse("portal:assessment_results")
    page = min(max(1, assessment.current_page), instrument.PAGE_COUNT)
    return reverse("portal:assessment_questions", kwargs={"page": page})


# Start, resume -----------------------------------------------------------------------------------


@require_GET
def assessment_start(request: HttpRequest) -> HttpResponse:
    return _start_page(request, ReferenceCodeForm())


def _start_page(request: HttpRequest, form: ReferenceCodeForm) -> HttpResponse:
    context = {
        "form": form,
        "error_state": bool(form.errors),
        "code_field": field_params(form["code"], spellcheck=False, autocomplete="off", classes="govuk-input--width-10"),
        "in_progress": _held(request, INTERESTS),
        "page_count": instrument.PAGE_COUNT,
        "statement_count": len(instrument.STATEMENTS),
    }
    return render(request, "portal/assessments/start.html", context)


@require_POST
def assessment_begin(request: HttpRequest) -> HttpResponse:
    assessment = services.assessment_start(actor=request.user, kind=INTERESTS)
    _remember(request, assessment)
    return redirect("portal:assessment_questions", page=1)


@require_POST
def assessment_resume(request: HttpRequest) -> HttpResponse:
    form = ReferenceCodeForm(request.POST)
    if form.is_valid():
        try:
            assessment = services.assessment_resume(
                actor=request.user, code_text=form.cleaned_data["code"], client=_client(request)
            )
        except ValidationError as error:
            form.add_error("code", error.messages[0])
        else:
            _remember(request, assessment)
            messages.success(request, "Welcome back. You can carry on where you left off.")
            return redirect(_where_to_carry_on(assessment))
    return _start_page(request, form)


# Statements --------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def assessment_questions(request: HttpRequest, page: int) -> HttpResponse:
    held = _held_or_start(request, INTERESTS)
    if isinstance(held, HttpResponse):
        return held
    assessment = held
    try:
        statements = instrument.page_statements(page)
    except ValueError:
        raise Http404("There is no such page of statements.") from None
    initial = {s.code: str(assessment.answers[s.code]) for s in statements if s.code in assessment.answers}
    form = StatementsForm(request.POST if request.method == "POST" else None, statements=statements, initial=initial)
    if request.method == "POST":
        if request.POST.get("action") == "save":
            services.assessment_answer(actor=request.user, assessment=assessment, answers=form.answered(), page=page)
            return redirect("portal:assessment_saved")
        if form.is_valid():
            answers = {code: int(value) for code, value in form.cleaned_data.items()}
            following = min(page + 1, instrument.PAGE_COUNT)
            assessment = services.assessment_answer(
                actor=request.user, assessment=assessment, answers=answers, page=following
            )
            if page < instrument.PAGE_COUNT:
                return redirect("portal:assessment_questions", page=page + 1)
            missing = instrument.first_unanswered_page(assessment.answers)
            if missing is not None:
                messages.info(request, "Some statements on this page still need an answer.")
                return redirect("portal:assessment_questions", page=missing)
            return redirect("portal:assessment_results")
    back = reverse("portal:assessment_start") if page == 1 else reverse("portal:assessment_questions", args=[page - 1])
    first = (page - 1) * instrument.STATEMENTS_PER_PAGE + 1
    context = {
        "form": form,
        "error_state": bool(form.errors),
        "fields": [_radios(form[s.code]) for s in statements],
        "page": page,
        "page_count": instrument.PAGE_COUNT,
        "first": first,
        "last": first + len(statements) - 1,
        "statement_count": len(instrument.STATEMENTS),
        "back_url": back,
    }
    return render(request, "portal/assessments/questions.html", context)


# Saving for later --------------------------------------------------------------------------------


def _saved_page(request: HttpRequest, assessment: Assessment, form: SendCodeForm, sent: bool = False) -> HttpResponse:
    context = {
        "form": form,
        "error_state": bool(form.errors),
        "assessment": assessment,
        "code": codes.display(assessment.code),
        "email_field": field_params(form["email"], autocomplete="email", spellcheck=False),
        "mobile_field": field_params(form["mobile"], autocomplete="tel", type="tel", classes="govuk-input--width-20"),
        "carry_on_url": _where_to_carry_on(assessment),
        "start_url": reverse(
            "portal:assessment_start" if assessment.kind == INTERESTS else "portal:skills_check_start"
        ),
    }
    return render(request, "portal/assessments/saved.html", context)


@require_http_methods(["GET", "POST"])
def assessment_saved(request: HttpRequest, kind: str = INTERESTS) -> HttpResponse:
    held = _held_or_start(request, kind)
    if isinstance(held, HttpResponse):
        return held
    form = SendCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        by_email = form.cleaned_data["method"] == "email"
        services.assessment_code_send(
            actor=request.user,
            assessment=held,
            email=form.cleaned_data["email"] if by_email else "",
            mobile="" if by_email else form.cleaned_data["mobile"],
        )
        messages.success(
            request, "We have sent your reference code" + (" by email" if by_email else " by text message")
        )
        return redirect("portal:assessment_saved" if kind == INTERESTS else "portal:skills_check_saved")
    return _saved_page(request, held, form)


# Results, narrowing, report ----------------------------------------------------------------------


def _complete(request: HttpRequest, kind: str) -> Assessment | HttpResponse:
    held = _held_or_start(request, kind)
    if isinstance(held, HttpResponse):
        return held
    if not held.completed_at:
        return redirect(_where_to_carry_on(held))
    return held


def _save_state(request: HttpRequest, assessment: Assessment) -> dict[str, Any]:
    kind = "skills_check" if assessment.kind == SKILLS_CHECK else "assessment"
    return {
        "can_save": space_rules.is_customer_account(request.user),
        "is_saved": assessment.owner_id is not None
        and assessment.owner_id == getattr(request.user, "pk", None)
        and space_selectors.is_saved(request.user, kind, str(assessment.pk)),
    }


@require_GET
def assessment_results(request: HttpRequest) -> HttpResponse:
    held = _complete(request, INTERESTS)
    if isinstance(held, HttpResponse):
        return held
    context = {
        "assessment": held,
        "code": codes.display(held.code),
        "results": selectors.assessment_results(held),
        **_save_state(request, held),
    }
    return render(request, "portal/assessments/results.html", context)


@require_http_methods(["GET", "POST"])
def assessment_category(request: HttpRequest, slug: str) -> HttpResponse:
    held = _complete(request, INTERESTS)
    if isinstance(held, HttpResponse):
        return held
    narrowing = selectors.category_narrowing(slug, held.category_answers.get(slug))
    if narrowing is None:
        raise Http404("There is no such job category.")
    initial = {
        f"q{index}": ("yes" if narrowing.answers[q.skill] else "no")
        for index, q in enumerate(narrowing.questions)
        if q.skill in narrowing.answers
    }
    form = NarrowingForm(
        request.POST if request.method == "POST" else None, questions=narrowing.questions, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        services.category_answers_save(actor=request.user, assessment=held, job_category=slug, answers=form.answers())
        return redirect(reverse("portal:assessment_category", kwargs={"slug": slug}) + "#jobs")
    answered = len(narrowing.answers) == len(narrowing.questions)
    context = {
        "form": form,
        "error_state": bool(form.errors),
        "fields": [_radios(form[name]) for name in form.fields],
        "narrowing": narrowing,
        "answered": answered,
        "back_url": reverse("portal:assessment_results"),
    }
    return render(request, "portal/assessments/category.html", context)


@require_GET
def assessment_report(request: HttpRequest, kind: str = INTERESTS) -> HttpResponse:
    held = _complete(request, kind)
    if isinstance(held, HttpResponse):
        return held
    context = documents.report_context(held)
    context["pdf_url"] = reverse("portal:assessment_pdf" if kind == INTERESTS else "portal:skills_check_pdf")
    context["back_url"] = reverse("portal:assessment_results" if kind == INTERESTS else "portal:skills_check_results")
    return render(request, "portal/assessments/report.html", context)


@require_GET
def assessment_pdf(request: HttpRequest, kind: str = INTERESTS) -> HttpResponse:
    held = _complete(request, kind)
    if isinstance(held, HttpResponse):
        return held
    response = HttpResponse(documents.report_pdf(held), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{documents.report_filename(held)}"'
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def assessment_save_to_space(request: HttpRequest, kind: str = INTERESTS) -> HttpResponse:
    held = _complete(request, kind)
    if isinstance(held, HttpResponse):
        return held
    results = "portal:assessment_results" if kind == INTERESTS else "portal:skills_check_results"
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={reverse(results)}")
    try:
        services.assessment_save_to_space(actor=request.user, assessment=held)
    except PermissionDenied as error:
        messages.info(request, str(error) or "Staff accounts cannot save to an online space.")
    else:
        messages.success(request, "Your results are saved in your online space")
    return redirect(results)


@require_GET
def assessment_open_saved(request: HttpRequest, pk: int) -> HttpResponse:
    """Open an assessment from the online space: only its owner, without typing the code."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={request.get_full_path()}")
    assessment = selectors.owned_assessment(request.user, pk)
    if assessment is None:
        raise Http404("You have no saved assessment with this number.")
    _remember(request, assessment)
    return redirect(_where_to_carry_on(assessment))


# The skills check --------------------------------------------------------------------------------


@require_GET
def skills_check_start(request: HttpRequest) -> HttpResponse:
    context = {"in_progress": _held(request, SKILLS_CHECK), "areas": skills_check.AREAS}
    return render(request, "portal/assessments/skills_check_start.html", context)


@require_POST
def skills_check_begin(request: HttpRequest) -> HttpResponse:
    assessment = services.assessment_start(actor=request.user, kind=SKILLS_CHECK)
    _remember(request, assessment)
    return redirect("portal:skills_check_questions")


@require_http_methods(["GET", "POST"])
def skills_check_questions(request: HttpRequest) -> HttpResponse:
    held = _held_or_start(request, SKILLS_CHECK)
    if isinstance(held, HttpResponse):
        return held
    initial = {code: str(value) for code, value in held.answers.items()}
    form = SkillsCheckForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST":
        if request.POST.get("action") == "save":
            services.assessment_answer(actor=request.user, assessment=held, answers=form.answered(), page=1)
            return redirect("portal:skills_check_saved")
        if form.is_valid():
            answers = {code: int(value) for code, value in form.cleaned_data.items()}
            services.assessment_answer(actor=request.user, assessment=held, answers=answers, page=1)
            return redirect("portal:skills_check_results")
    context = {
        "form": form,
        "error_state": bool(form.errors),
        "fields": [_radios(form[area.code]) for area in skills_check.AREAS],
        "back_url": reverse("portal:skills_check_start"),
    }
    return render(request, "portal/assessments/skills_check_questions.html", context)


@require_GET
def skills_check_results(request: HttpRequest) -> HttpResponse:
    held = _complete(request, SKILLS_CHECK)
    if isinstance(held, HttpResponse):
        return held
    context = {
        "assessment": held,
        "code": codes.display(held.code),
        "check": selectors.skills_check_results(held),
        "own_plans": _own_plans(request),
        **_save_state(request, held),
    }
    return render(request, "portal/assessments/skills_check_results.html", context)


def _own_plans(request: HttpRequest) -> list[Any]:
    """The plans a signed-in customer made themselves (the ones they may add actions to)."""
    customer = space_selectors.linked_customer(request.user)
    if customer is None:
        return []
    return [plan for plan in plan_selectors.customer_plans(customer) if plan.made_by_customer]


@require_POST
def skills_check_add_actions(request: HttpRequest) -> HttpResponse:
    """A signed-in customer adds the suggested actions to the newest plan they made themselves."""
    held = _complete(request, SKILLS_CHECK)
    if isinstance(held, HttpResponse):
        return held
    plans = _own_plans(request)
    if not plans:
        raise PermissionDenied
    plan = plans[0]
    try:
        services.skills_check_actions_add(actor=request.user, assessment=held, plan=plan)
    except ValidationError as error:
        messages.info(request, error.messages[0])
        return redirect("portal:skills_check_results")
    messages.success(request, "The suggested actions have been added to your action plan")
    return redirect("portal:plan_detail", pk=plan.pk)
