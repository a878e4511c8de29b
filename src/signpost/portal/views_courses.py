"""Public course search and course pages (issue 6), and saving either to the online space.

The whole search is in the URL (GET), so it works without JavaScript, can be bookmarked, shared
and saved. Saving needs a signed-in customer (POST, CSRF); everyone else is sent to sign in.
"""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from signpost.core.govuk_forms import has_errors
from signpost.courses import rules as course_rules
from signpost.courses import search_selectors as selectors
from signpost.courses.models import CourseRun
from signpost.courses.search_selectors import SORT_DISTANCE, Criteria
from signpost.portal.access import customer_page
from signpost.portal.forms_courses import FILTER_PARAMETERS, SORTS, CourseSearchForm, search_query
from signpost.space import selectors as space_selectors
from signpost.space import services as space_services
from signpost.space.models import SavedItem


def _customer(request: HttpRequest) -> bool:
    user: Any = request.user
    return bool(user.is_authenticated and not user.is_staff_member)


def describe_search(criteria: Criteria) -> str:
    """A search in words, as a saved search is listed: "Maths courses within 10 miles of LS1 4AP"."""
    what = f"‘{criteria.keyword.strip()}’ courses" if criteria.keyword.strip() else "Courses"
    where = f" within {criteria.distance} miles of {criteria.place.name}" if criteria.place else ""
    filters = sum(
        bool(chosen)
        for chosen in (
            criteria.course_types,
            criteria.sectors,
            criteria.delivery_modes,
            criteria.study_modes,
            criteria.attendances,
            criteria.levels,
            criteria.start_date,
        )
    )
    return f"{what}{where}" + (f" ({filters} filter{'s' if filters > 1 else ''})" if filters else "")


def _pagination(results: selectors.SearchResults, asked: QueryDict) -> dict[str, Any] | None:
    """GOV.UK pagination: the first, last and nearby pages, with ellipses between."""
    if results.pages <= 1:
        return None
    base = reverse("portal:course_search")

    def href(page: int) -> str:
        return f"{base}?{search_query(asked, page=page)}"

    items: list[dict[str, Any]] = []
    for number in range(1, results.pages + 1):
        if number in (1, results.pages) or abs(number - results.page) <= 1:
            items.append({"number": number, "href": href(number), "current": number == results.page})
        elif items and not items[-1].get("ellipsis"):
            items.append({"ellipsis": True})
    return {
        "items": items,
        "previous": {"href": href(results.page - 1)} if results.page > 1 else None,
        "next": {"href": href(results.page + 1)} if results.page < results.pages else None,
        "landmarkLabel": "Search results pages",
    }


def _place_choices(form: CourseSearchForm, asked: QueryDict) -> dict[str, Any] | None:
    """The places someone may have meant, each a link to the same search near that place."""
    problem = form.place_not_found
    if problem is None or not problem.choices:
        return None
    base = reverse("portal:course_search")
    # A distance we do not offer would only bring the error back on the place chosen.
    changes = {"page": None, **({"distance": None} if "distance" in form.errors else {})}
    return {
        "question": problem.question,
        "links": [(place, f"{base}?{search_query(asked, place=place, **changes)}") for place in problem.choices],
    }


def _sort_options(criteria: Criteria, results: selectors.SearchResults | None) -> list[tuple[str, str, bool]]:
    """The sort options as (value sent, label, selected). Until someone chooses an order, the one
    used is sent as no choice, so a new search (a place typed, say) gets its own usual order."""
    if results is None:
        return []
    return [
        ("" if value == results.sort and not criteria.sort else value, label, value == results.sort)
        for value, label in SORTS
        if value != SORT_DISTANCE or criteria.place
    ]


def _search_key(query: str) -> str:
    return hashlib.sha256(query.encode()).hexdigest()[:40]


@require_http_methods(["GET"])
def course_search(request: HttpRequest) -> HttpResponse:
    form = CourseSearchForm(request.GET)
    criteria = form.criteria()
    searched = any(request.GET.get(name, "").strip() for name in request.GET)
    # Courses found for something other than what was asked would mislead: first the error.
    error_state = has_errors(form)
    results = None if error_state else selectors.course_search(criteria)
    query = search_query(request.GET, page=None)
    context = {
        "form": form,
        "criteria": criteria,
        "results": results,
        "searched": searched,
        "error_state": error_state,
        # Without results no filters are drawn; these keep them for when the search box is corrected.
        "kept_refinements": form.refinements() if error_state else [],
        "place_choices": _place_choices(form, request.GET),
        "query": query,
        "run_url": lambda run: reverse("portal:course_run", args=[run.course_id, run.pk]),
        "description": describe_search(criteria),
        "sorts": _sort_options(criteria, results),
        "pagination": _pagination(results, request.GET) if results else None,
        "clear_filters_query": search_query(request.GET, **{name: None for name in FILTER_PARAMETERS}),
        "is_customer": _customer(request),
        "search_saved": _customer(request)
        and space_selectors.is_saved(request.user, SavedItem.Kind.COURSE_SEARCH, _search_key(query)),
    }
    return render(request, "portal/courses/search.html", context)


def _run_or_404(course_pk: int, run_pk: int) -> CourseRun:
    run = selectors.course_run_for_page(course_pk, run_pk)
    if run is None:
        raise Http404("No such course.")
    return run


@require_http_methods(["GET"])
def course_run(request: HttpRequest, course_pk: int, run_pk: int) -> HttpResponse:
    run = _run_or_404(course_pk, run_pk)
    if not course_rules.is_still_offered(run):
        # Links people saved or shared still lead somewhere: a page saying the course has gone
        # (410 Gone, so search engines drop it), with a way to find others like it.
        context = {
            "course": run.course,
            "provider": run.course.provider,
            "search_url": f"{reverse('portal:course_search')}?{urlencode({'keyword': run.course.title})}",
            "saved": _customer(request) and space_selectors.is_saved(request.user, SavedItem.Kind.COURSE, str(run.pk)),
        }
        return render(request, "portal/courses/withdrawn.html", context, status=410)
    context = {
        "run": run,
        "course": run.course,
        "provider": run.course.provider,
        "venue": run.venue,
        "other_runs": selectors.other_runs(run),
        "run_url": lambda other: reverse("portal:course_run", args=[other.course_id, other.pk]),
        "is_customer": _customer(request),
        "saved": _customer(request) and space_selectors.is_saved(request.user, SavedItem.Kind.COURSE, str(run.pk)),
    }
    return render(request, "portal/courses/run.html", context)


@customer_page
@require_http_methods(["POST"])
def course_run_save(request: HttpRequest, course_pk: int, run_pk: int) -> HttpResponse:
    run = _run_or_404(course_pk, run_pk)
    path = reverse("portal:course_run", args=[run.course_id, run.pk])
    if not course_rules.is_still_offered(run):
        return redirect(path)
    title = f"{run.course.title}, {run.course.provider}"
    space_services.saved_item_save(
        actor=request.user, kind=SavedItem.Kind.COURSE, key=str(run.pk), title=title, path=path
    )
    messages.success(request, f"‘{run.course.title}’ has been saved to your online space.")
    return redirect(path)


@customer_page
@require_http_methods(["POST"])
def course_search_save(request: HttpRequest) -> HttpResponse:
    # The search comes back as its query string; only the parameters of a search are kept.
    asked = QueryDict(request.POST.get("query", ""))
    query = search_query(asked, page=None)
    form = CourseSearchForm(asked)
    criteria = form.criteria()
    path = f"{reverse('portal:course_search')}?{query}" if query else reverse("portal:course_search")
    if has_errors(form):
        messages.info(request, "Correct your search before saving it.")
        return redirect(path)
    space_services.saved_item_save(
        actor=request.user,
        kind=SavedItem.Kind.COURSE_SEARCH,
        key=_search_key(query),
        title=describe_search(criteria),
        path=path[:500],
    )
    messages.success(request, "This search has been saved to your online space.")
    return redirect(path)
