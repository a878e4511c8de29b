"""Reads of careers information. Public pages use only the ``published_*`` reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet

from signpost.careers.models import (
    JobCategory,
    JobProfile,
    OccupationEmployment,
    OccupationPay,
    ProfileStatus,
    SocVersion,
)


def published_profiles() -> QuerySet[JobProfile]:
    """Every profile the public may see, by title."""
    return JobProfile.objects.filter(status=ProfileStatus.PUBLISHED).order_by("title", "id")


def profile_by_slug(slug: str) -> JobProfile | None:
    """The published profile at this address, with its categories, related careers and O*NET data."""
    return (
        published_profiles()
        .select_related("onet_occupation")
        .prefetch_related(
            Prefetch("categories", queryset=JobCategory.objects.order_by("name")),
            Prefetch("related_careers", queryset=published_profiles().only("title", "slug", "overview")),
        )
        .filter(slug=slug)
        .first()
    )


def categories_with_counts() -> list[JobCategory]:
    """The job categories by name, each with ``profile_count``: how many published profiles it lists."""
    return list(
        JobCategory.objects.annotate(
            profile_count=Count("profiles", filter=Q(profiles__status=ProfileStatus.PUBLISHED))
        ).order_by("name")
    )


def category_by_slug(slug: str) -> JobCategory | None:
    return JobCategory.objects.filter(slug=slug).first()


def category_profiles(category: JobCategory) -> QuerySet[JobProfile]:
    """The published profiles a category lists, by title."""
    return published_profiles().filter(categories=category)


def profiles_for_editors(*, status: str | None = None) -> QuerySet[JobProfile]:
    """Profiles and working copies for the workspace, with the working copy of each published one."""
    profiles = JobProfile.objects.select_related("working_copy", "draft_of").order_by("title", "id")
    return profiles.filter(status=status) if status else profiles


def profile_for_editor(pk: int) -> JobProfile | None:
    """Any profile or working copy, with what the editor's page shows beside it."""
    return (
        JobProfile.objects.select_related("working_copy", "draft_of")
        .prefetch_related(Prefetch("categories", queryset=JobCategory.objects.order_by("name")))
        .filter(pk=pk)
        .first()
    )


def profiles_due_for_review(*, on: date) -> QuerySet[JobProfile]:
    """Published profiles whose review date has come, the longest overdue first."""
    return published_profiles().filter(review_due_on__lte=on).order_by("review_due_on", "title")


@dataclass(frozen=True)
class PayFigures:
    """Pay to show on a profile, and where it comes from."""

    starter: int | None
    experienced: int | None
    median: int | None
    year: int | None
    source: str
    from_official_table: bool


def profile_pay(profile: JobProfile) -> PayFigures:
    """The latest official earnings for the profile's occupation, else the profile's own guide figures.

    SOC 2020 figures are preferred to SOC 2010 ones: the official tables moved to SOC 2020 in 2021.
    """
    for version, code in ((SocVersion.SOC2020, profile.soc2020_code), (SocVersion.SOC2010, profile.soc2010_code)):
        if not code:
            continue
        row = OccupationPay.objects.filter(soc_version=version, soc_code=code).order_by("-year").first()
        if row is not None:
            return PayFigures(
                starter=row.lower_quartile,
                experienced=row.upper_quartile,
                median=row.median,
                year=row.year,
                source=row.source,
                from_official_table=True,
            )
    return PayFigures(
        starter=profile.salary_starter,
        experienced=profile.salary_experienced,
        median=None,
        year=None,
        source="Job profile guide figures",
        from_official_table=False,
    )


def profile_employment(profile: JobProfile) -> list[OccupationEmployment]:
    """Employment estimates and projections for the profile's occupation, by year (SOC 2020 first)."""
    for version, code in ((SocVersion.SOC2020, profile.soc2020_code), (SocVersion.SOC2010, profile.soc2010_code)):
        if code:
            rows = list(OccupationEmployment.objects.filter(soc_version=version, soc_code=code).order_by("year"))
            if rows:
                return rows
    return []
