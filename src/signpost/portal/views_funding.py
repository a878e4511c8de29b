"""The funding eligibility checker (issue 6): one question a page, check your answers, and the
statement of eligibility, which can be printed, downloaded as a PDF and saved to the online space.

Anyone may use it without an account: answers live in the session until the person saves the
statement (signed-in customers only). The decision is funding.rules.evaluate's; the rules in force
on the course start date come from funding.selectors.rule_set_for.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from signpost.core.govuk_forms import GovukDateField, date_input_params, field_params
from signpost.funding import documents, facts, rules, selectors, services
from signpost.funding.models import FundingRule, FundingStatement
from signpost.portal.access import customer_page
from signpost.portal.forms_funding import FORMS, SHORT_QUESTIONS, QuestionForm, answer_text
from signpost.space import rules as space_rules
from signpost.space import selectors as space_selectors
from signpost.space.models import SavedItem

SESSION_KEY = "funding.answers"
# The statement last saved from these answers, so saving twice keeps one.
SAVED_SESSION_KEY = "funding.saved"
KINDS = list(FundingRule.Kind.choices)


def _answers(request: HttpRequest) -> dict[str, Any]:
    return dict(request.session.get(SESSION_KEY) or {})


def _question_url(question: facts.Question) -> str:
    return reverse("portal:funding_question", kwargs={"slug": question.slug})


def _next_url(answers: dict[str, Any]) -> str:
    missing = facts.unanswered(answers)
    return _question_url(missing[0]) if missing else reverse("portal:funding_check")


def _low_wage_threshold(answers: dict[str, Any]) -> int | None:
    start = answers.get("course_start")
    on = datetime.date.fromisoformat(start) if start else timezone.localdate()
    rule_set = selectors.rule_set_for(on, with_rules=False)
    return rule_set.low_wage_threshold if rule_set else None


def _field_params(form: QuestionForm) -> dict[str, Any]:
    bound = form[form.key]
    hint = {"text": form.hint} if form.hint else None
    if isinstance(bound.field, GovukDateField):
        legend = {"text": form.heading, "isPageHeading": True, "classes": "govuk-fieldset__legend--l"}
        params = date_input_params(bound, fieldset={"legend": legend})
    else:
        params = field_params(bound, label_as_page_heading=True)
    if hint:
        params["hint"] = hint
    return params


def start(request: HttpRequest) -> HttpResponse:
    available = selectors.rule_set_for(timezone.localdate(), with_rules=False) is not None
    first = _question_url(facts.QUESTIONS[0])
    return render(request, "portal/funding/start.html", {"available": available, "first_url": first})


@require_http_methods(["GET", "POST"])
def question(request: HttpRequest, slug: str) -> HttpResponse:
    asked = facts.QUESTIONS_BY_SLUG.get(slug)
    if asked is None:
        raise Http404("The checker has no such question.")
    answers = _answers(request)
    if not asked.asked(answers):
        return redirect(_next_url(answers))
    # Questions are answered in order: an earlier one left out comes first.
    earlier = facts.QUESTIONS[: facts.QUESTIONS.index(asked)]
    missing_before = [q for q in facts.unanswered(answers) if q in earlier]
    if missing_before:
        return redirect(_question_url(missing_before[0]))
    form_class = FORMS[asked.key]
    form = form_class(
        request.POST if request.method == "POST" else None,
        answers=answers,
        low_wage_threshold=_low_wage_threshold(answers),
    )
    if request.method == "POST" and form.is_valid():
        answers[asked.key] = form.answer_value()
        request.session[SESSION_KEY] = answers
        return redirect(_next_url(answers))
    shown = facts.questions_asked(answers)
    position = shown.index(asked)
    back = _question_url(shown[position - 1]) if position else reverse("portal:funding_start")
    component = (
        "date"
        if isinstance(form.fields[asked.key], GovukDateField)
        else ("checkboxes" if asked.key == "caring" else "radios")
    )
    return render(
        request,
        "portal/funding/question.html",
        {
            "form": form,
            "error_state": bool(form.errors),
            "heading": form.heading,
            "component": component,
            "params": _field_params(form),
            "back_url": back,
            "step": position + 1,
        },
    )


def _answer_rows(answers: dict[str, Any]) -> list[dict[str, str]]:
    return [
        {
            "question": SHORT_QUESTIONS[q.key],
            "value": answer_text(q.key, answers[q.key]),
            "href": _question_url(q),
        }
        for q in facts.questions_asked(answers)
    ]


def check_answers(request: HttpRequest) -> HttpResponse:
    answers = _answers(request)
    if facts.unanswered(answers):
        return redirect(_next_url(answers))
    last = facts.questions_asked(answers)[-1]
    return render(
        request,
        "portal/funding/check.html",
        {"answers": _answer_rows(answers), "back_url": _question_url(last)},
    )


def _statement_context(answers: dict[str, Any]) -> dict[str, Any] | None:
    rule_set = selectors.rule_set_for(datetime.date.fromisoformat(answers["course_start"]))
    if rule_set is None:
        return None
    return {
        "statement": rules.evaluate(rule_set, facts.facts_from_answers(answers)),
        "as_at": rule_set.as_at,
        "answers": _answer_rows(answers),
        "kinds": KINDS,
    }


def _may_save(user: Any) -> bool:
    return bool(space_rules.is_customer_account(user))


def statement(request: HttpRequest) -> HttpResponse:
    answers = _answers(request)
    if facts.unanswered(answers):
        return redirect(_next_url(answers))
    context = _statement_context(answers)
    if context is None:
        return render(request, "portal/funding/unavailable.html", status=503)
    context.update(
        {
            "saved_key": _already_saved(request, answers),
            "may_save": _may_save(request.user),
            "signed_in": request.user.is_authenticated,
            "sign_in_url": f"{reverse('account_login')}?next={reverse('portal:funding_statement')}",
            "back_url": reverse("portal:funding_check"),
        }
    )
    return render(request, "portal/funding/statement.html", context)


def statement_pdf(request: HttpRequest) -> HttpResponse:
    answers = _answers(request)
    if facts.unanswered(answers):
        return redirect(_next_url(answers))
    context = _statement_context(answers)
    if context is None:
        return render(request, "portal/funding/unavailable.html", status=503)
    return _pdf_response(context, documents.statement_filename())


def _pdf_response(context: dict[str, Any], filename: str) -> HttpResponse:
    response = HttpResponse(documents.statement_pdf(context), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _already_saved(request: HttpRequest, answers: dict[str, Any]) -> str | None:
    """The key of the statement saved from exactly these answers, while it is in the online space."""
    saved = request.session.get(SAVED_SESSION_KEY) or {}
    key = str(saved.get("key") or "")
    same = bool(key) and saved.get("answers") == answers
    if same and space_selectors.is_saved(request.user, SavedItem.Kind.FUNDING_STATEMENT, key):
        return key
    return None


@require_POST
def statement_save(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={reverse('portal:funding_statement')}")
    if not _may_save(request.user):
        raise PermissionDenied
    answers = _answers(request)
    if facts.unanswered(answers):
        return redirect(_next_url(answers))
    if (key := _already_saved(request, answers)) is not None:
        return redirect("portal:funding_saved_statement", key=key)
    try:
        saved = services.funding_statement_save(actor=request.user, answers=answers)
    except ValidationError as error:
        messages.info(request, error.messages[0])
        return redirect("portal:funding_statement")
    request.session[SAVED_SESSION_KEY] = {"key": saved.key, "answers": answers}
    messages.success(request, "Your statement has been saved to your online space")
    return redirect("portal:funding_saved_statement", key=saved.key)


@require_POST
def start_again(request: HttpRequest) -> HttpResponse:
    request.session.pop(SESSION_KEY, None)
    return redirect("portal:funding_start")


def _saved(request: HttpRequest, key: str) -> FundingStatement:
    found = selectors.saved_statement(request.user, key)
    if found is None:
        raise Http404("You have no saved statement with this key.")
    return found


def _saved_context(saved: FundingStatement) -> dict[str, Any]:
    return {
        "statement": rules.Statement.from_json(saved.outcomes),
        "as_at": saved.as_at,
        "answers": _answer_rows(saved.answers),
        "kinds": KINDS,
        "saved": saved,
    }


@customer_page
def saved_statement(request: HttpRequest, key: str) -> HttpResponse:
    saved = _saved(request, key)
    context = _saved_context(saved)
    context["in_space"] = space_selectors.is_saved(request.user, SavedItem.Kind.FUNDING_STATEMENT, saved.key)
    return render(request, "portal/funding/saved_statement.html", context)


@customer_page
def saved_statement_pdf(request: HttpRequest, key: str) -> HttpResponse:
    saved = _saved(request, key)
    return _pdf_response(_saved_context(saved), documents.statement_filename(saved.key))
