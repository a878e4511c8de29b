"""Explore careers: the job categories, job profiles and the search, open to everyone; a signed-in
customer can save a profile to their online space."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from signpost.careers import embeddings, search, selectors
from signpost.careers import text as careers_text
from signpost.careers.models import JobProfile, RouteKind, TitleOption
from signpost.courses.search_selectors import courses_for_job_profile
from signpost.portal.forms_careers import DescribeForm
from signpost.space import rules as space_rules
from signpost.space import selectors as space_selectors
from signpost.space import services as space_services
from signpost.space.models import SavedItem

# Longer than any job title people type; the rest is not read.
QUERY_LENGTH = 100
RESULTS = 30


def _query(request: HttpRequest) -> str:
    return " ".join(request.GET.get("q", "").split())[:QUERY_LENGTH]


@require_GET
def explore(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/careers/explore.html",
        {"categories": selectors.categories_with_counts(), "describe_available": embeddings.available()},
    )


@require_GET
def category(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.category_by_slug(slug)
    if found is None:
        raise Http404("No such job category")
    profiles = selectors.category_profiles(found).only("title", "slug", "overview")
    return render(
        request, "portal/careers/category.html", {"category": found, "profiles": profiles, "plain": careers_text.plain}
    )


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    query = _query(request)
    result = search.search(query, limit=RESULTS) if query else None
    return render(
        request,
        "portal/careers/search.html",
        {"query": query, "result": result, "plain": careers_text.plain, "describe_available": embeddings.available()},
    )


@require_http_methods(["GET", "POST"])
def describe(request: HttpRequest) -> HttpResponse:
    """Job profiles close to what someone says they enjoy (the optional embeddings extra). What they
    wrote is shown back to them in the form and goes nowhere else."""
    if not embeddings.available():
        return render(request, "portal/careers/describe_unavailable.html")
    form = DescribeForm(request.POST if request.method == "POST" else None)
    matches = embeddings.describe(form.cleaned_data["description"]) if form.is_bound and form.is_valid() else None
    return render(
        request, "portal/careers/describe.html", {"form": form, "matches": matches, "plain": careers_text.plain}
    )


@require_GET
def suggestions(request: HttpRequest) -> HttpResponse:
    """The list under the search box while someone types (htmx swaps it in)."""
    query = _query(request)
    return render(request, "portal/careers/_suggestions.html", {"query": query, "hits": search.suggestions(query)})


def _profile_path(slug: str) -> str:
    return reverse("careers:profile", kwargs={"slug": slug})


@require_GET
def profile(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.profile_by_slug(slug)
    if found is None:
        raise Http404("No such job profile")
    user: Any = request.user
    context = {
        "profile": found,
        "routes": [(kind, found.route(kind.value)) for kind in RouteKind if found.route(kind.value)],
        "pay": selectors.profile_pay(found),
        "employment": selectors.profile_employment(found),
        "courses": courses_for_job_profile(found),
        "can_save": space_rules.is_customer_account(user),
        "saved": space_selectors.is_saved(user, SavedItem.Kind.JOB_PROFILE, found.slug),
        "become_heading": become_heading(found),
        "markup": careers_text.render,
        "plain": careers_text.plain,
    }
    return render(request, "portal/careers/profile.html", context)


def become_heading(profile: JobProfile) -> str:
    """ "How to become a vet", "How to become an actuary", "How to become an MP": the article the
    profile asks for, the title in lower case unless its first word is an abbreviation."""
    title = profile.title
    first = title.split()[0] if title.split() else ""
    abbreviation = first.isupper() and len(first) > 1
    if not abbreviation:
        title = title[:1].lower() + title[1:]
    option = profile.title_option
    if option == TitleOption.NO_TITLE:
        return "How to get into this job"
    if option == TitleOption.NO_PREFIX:
        return f"How to become {title}"
    if option == TitleOption.PREFIX_AN:
        article = "an"
    elif option == TitleOption.PREFIX_A:
        article = "a"
    elif abbreviation:
        # Said letter by letter: "an MP", "an RAF officer", "a GP".
        article = "an" if first[0] in "AEFHILMNORSX" else "a"
    else:
        article = "an" if title[:1].lower() in "aeiou" else "a"
    return f"How to become {article} {title}"


@require_POST
def save(request: HttpRequest, slug: str) -> HttpResponse:
    """Keep the profile in the customer's online space (again is harmless: one row)."""
    user: Any = request.user
    if not user.is_authenticated:
        return redirect_to_login(_profile_path(slug))
    if not space_rules.is_customer_account(user):
        raise PermissionDenied
    found = selectors.profile_by_slug(slug)
    if found is None:
        raise Http404("No such job profile")
    space_services.saved_item_save(
        actor=user, kind=SavedItem.Kind.JOB_PROFILE, key=found.slug, title=found.title, path=_profile_path(found.slug)
    )
    messages.success(request, f"‘{found.title}’ is saved in your online space.")
    return redirect(_profile_path(found.slug))
