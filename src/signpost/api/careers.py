"""The public careers API: job categories and published job profiles, read-only and open to anyone
(no sign-in), as on the public pages. Listed in the OpenAPI schema at /api/openapi.json."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from signpost.careers import search, selectors
from signpost.careers import text as careers_text
from signpost.careers.models import JobProfile

router = Router(tags=["careers"])

PAGE = 50


class CategoryOut(Schema):
    slug: str
    name: str
    description: str
    profile_count: int = Field(description="Published job profiles in this category")


class ProfileSummary(Schema):
    slug: str
    title: str
    overview: str = Field(description="The overview as plain text")
    url: str = Field(description="The profile's page on this site")


class CategoryDetail(CategoryOut):
    profiles: list[ProfileSummary]


class ProfilePage(Schema):
    items: list[ProfileSummary]
    next_after: str | None = Field(
        None, description="Pass as `after` for the next page; empty on the last page (and for a search)"
    )


class Named(Schema):
    slug: str
    name: str


class Related(Schema):
    slug: str
    title: str


class ProfileOut(Schema):
    slug: str
    title: str
    alternative_titles: list[str]
    overview: str = Field(description="Paragraphs split by a blank line, '- ' bullets, [words](url) links")
    salary_starter: int | None = Field(description="Typical yearly pay of a new starter, pounds; empty when it varies")
    salary_experienced: int | None
    hours_min: float | None
    hours_max: float | None
    hours_period: str
    working_pattern: str
    working_pattern_details: str
    tasks: list[str]
    working_environment: list[str]
    working_locations: list[str]
    uniform: list[str]
    entry_routes: list[dict[str, Any]] = Field(
        description="One per route kind: kind, subjects, description, requirements_intro, requirements, links, "
        "further_information"
    )
    skills: list[dict[str, Any]] = Field(description="name, description, onet_element_id, rank (1 = most important)")
    digital_skills_level: str
    restrictions: list[str]
    other_requirements: list[str]
    registrations: list[str]
    apprenticeship_standards: list[dict[str, Any]]
    professional_bodies: str
    career_tips: str
    further_information: str
    career_path: str
    categories: list[Named]
    related_careers: list[Related]
    sector: str
    soc2010_code: str
    soc2020_code: str
    onet_code: str
    last_reviewed_on: datetime.date | None
    url: str


class ProfileFilters(Schema):
    q: str = Field("", max_length=100, description="Words to search for: titles, other names, overview and tasks")
    category: str = Field("", max_length=100, description="A job category's slug")
    after: str = Field("", max_length=200, description="The `next_after` of the previous page")
    limit: int = Field(PAGE, ge=1, le=100)


def _url(slug: str) -> str:
    return reverse("careers:profile", kwargs={"slug": slug})


def _summary(slug: str, title: str, overview: str) -> ProfileSummary:
    return ProfileSummary(slug=slug, title=title, overview=careers_text.plain(overview), url=_url(slug))


@router.get("/categories", response=list[CategoryOut], auth=None)
def list_categories(request: HttpRequest) -> list[CategoryOut]:
    """The job categories, by name, with how many published profiles each lists."""
    return [
        CategoryOut(slug=c.slug, name=c.name, description=c.description, profile_count=c.profile_count)  # type: ignore[attr-defined]
        for c in selectors.categories_with_counts()
    ]


@router.get("/categories/{slug}", response=CategoryDetail, auth=None)
def get_category(request: HttpRequest, slug: str) -> CategoryDetail:
    """A job category and its published profiles, by title."""
    category = selectors.category_by_slug(slug)
    if category is None:
        raise HttpError(404, "No such job category")
    profiles = [
        _summary(p.slug, p.title, p.overview)
        for p in selectors.category_profiles(category).only("slug", "title", "overview")
    ]
    return CategoryDetail(
        slug=category.slug,
        name=category.name,
        description=category.description,
        profile_count=len(profiles),
        profiles=profiles,
    )


@router.get("/profiles", response=ProfilePage, auth=None)
def list_profiles(request: HttpRequest, filters: Query[ProfileFilters]) -> ProfilePage:
    """Published job profiles. With `q`, the best matches first (at most `limit`, one page); without
    it, every profile by slug, a page at a time (pass `next_after` back as `after`)."""
    if filters.q.strip():
        hits = search.search(filters.q, limit=100 if filters.category else filters.limit).hits
        if filters.category:
            allowed = set(
                selectors.published_profiles().filter(categories__slug=filters.category).values_list("id", flat=True)
            )
            hits = [hit for hit in hits if hit.id in allowed]
        items = [_summary(hit.slug, hit.title, hit.overview) for hit in hits[: filters.limit]]
        return ProfilePage(items=items, next_after=None)
    profiles = selectors.published_profiles().order_by("slug")
    if filters.category:
        profiles = profiles.filter(categories__slug=filters.category)
    if filters.after:
        profiles = profiles.filter(slug__gt=filters.after)
    page = list(profiles.values_list("slug", "title", "overview")[: filters.limit + 1])
    more = len(page) > filters.limit
    page = page[: filters.limit]
    return ProfilePage(items=[_summary(*row) for row in page], next_after=page[-1][0] if more else None)


@router.get("/profiles/{slug}", response=ProfileOut, auth=None)
def get_profile(request: HttpRequest, slug: str) -> ProfileOut:
    """One published job profile, with everything its page shows."""
    profile: JobProfile | None = selectors.profile_by_slug(slug)
    if profile is None:
        raise HttpError(404, "No such job profile")
    return ProfileOut(
        **{name: getattr(profile, name) for name in _PLAIN_FIELDS},
        hours_min=float(profile.hours_min) if profile.hours_min is not None else None,
        hours_max=float(profile.hours_max) if profile.hours_max is not None else None,
        categories=[Named(slug=c.slug, name=c.name) for c in profile.categories.all()],
        related_careers=[Related(slug=r.slug, title=r.title) for r in profile.related_careers.all()],
        url=_url(profile.slug),
    )


_PLAIN_FIELDS = [
    name
    for name in ProfileOut.model_fields
    if name not in {"hours_min", "hours_max", "categories", "related_careers", "url"}
]
