"""Reads of the course directory for the staff pages (public search reads live in search_selectors.py)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from signpost.courses import rules
from signpost.courses.models import Course, CourseRun, Provider, RunRegion, Venue
from signpost.space.models import SavedItem


def providers(*, query: str = "") -> QuerySet[Provider]:
    """Providers by name, found by words in the name or trading name, or by UKPRN."""
    found = Provider.objects.all()
    for word in query.split():
        found = found.filter(Q(name__icontains=word) | Q(trading_name__icontains=word) | Q(ukprn=word))
    return found.annotate(course_count=Count("courses", distinct=True)).order_by("name", "id")


def provider(pk: int) -> Provider | None:
    return Provider.objects.filter(pk=pk).first()


def provider_venues(provider: Provider, *, keep: Venue | None = None) -> list[Venue]:
    """The provider's venues that are not withdrawn (and ``keep``, a run's own venue, even if it is)."""
    kept = Q(withdrawn_at__isnull=True) | Q(pk=keep.pk) if keep is not None else Q(withdrawn_at__isnull=True)
    return list(Venue.objects.filter(kept, provider=provider).order_by("name", "id"))


def provider_courses(provider: Provider, *, query: str = "") -> QuerySet[Course]:
    found = Course.objects.filter(provider=provider)
    for word in query.split():
        found = found.filter(Q(title__icontains=word) | Q(provider_reference__iexact=word))
    return found.annotate(run_count=Count("runs")).order_by("title", "id")


def venue(pk: int) -> Venue | None:
    return Venue.objects.select_related("provider").filter(pk=pk).first()


def course(pk: int) -> Course | None:
    return Course.objects.select_related("provider").filter(pk=pk).first()


def course_runs(course: Course) -> list[CourseRun]:
    """A course's runs by start date (flexible starts last), with their venue and regions."""
    return list(
        CourseRun.objects.filter(course=course)
        .select_related("venue")
        .prefetch_related(Prefetch("region_links", queryset=RunRegion.objects.order_by("area")))
        .order_by("flexible_start", "start_date", "id")
    )


def course_run(pk: int) -> CourseRun | None:
    return (
        CourseRun.objects.select_related("course__provider", "venue")
        .prefetch_related("region_links")
        .filter(pk=pk)
        .first()
    )


def run_regions(run: CourseRun) -> list[int]:
    return [link.area for link in run.region_links.all()]


def provider_editors(provider: Provider) -> list:
    return [link.user for link in provider.editors.select_related("user").order_by("user__family_name", "user__pk")]


# Removing (the rule is rules.py's; these say what it will do, for the confirmation pages) -------


def describe_run(run: CourseRun) -> str:
    """A run as its editor knows it: "Plumbing, starting 7 September 2027 (reference P1-SEP)"."""
    start = "flexible start" if run.flexible_start or run.start_date is None else f"starting {run.start_date:%-d %B %Y}"
    reference = f" (reference {run.provider_reference})" if run.provider_reference else ""
    return f"{run.course.title}, {start}{reference}"


def listed_runs_at(venue: Venue, *, today: datetime.date | None = None) -> list[CourseRun]:
    """The runs taught at the venue that the public can still find."""
    found = CourseRun.objects.filter(rules.listed_runs(today or timezone.localdate()), venue=venue)
    return list(found.select_related("course").order_by("course__title", "start_date", "id"))


def saved_by_count(run_ids: list[int]) -> int:
    """How many people keep one of these runs in their online space."""
    keys = [str(pk) for pk in run_ids]
    return SavedItem.objects.filter(kind=SavedItem.Kind.COURSE, key__in=keys).values("user").distinct().count()


@dataclass
class Removal:
    """What removing something will do: rules.WITHDRAW or rules.DELETE, or refused (``blocked_by``)."""

    outcome: str = ""
    listed_runs: int = 0
    other_runs: int = 0
    saved_by: int = 0
    blocked_by: list[str] = field(default_factory=list)


def course_removal(course: Course, *, today: datetime.date | None = None) -> Removal:
    runs = CourseRun.objects.filter(course=course)
    listed = runs.filter(rules.listed_runs(today or timezone.localdate())).count()
    total = runs.count()
    return Removal(
        outcome=rules.course_removal(run_count=total),
        listed_runs=listed,
        other_runs=total - listed,
        saved_by=saved_by_count(list(runs.values_list("pk", flat=True))),
    )


def venue_removal(venue: Venue) -> Removal:
    listed = [describe_run(run) for run in listed_runs_at(venue)]
    total = CourseRun.objects.filter(venue=venue).count()
    if listed:
        return Removal(listed_runs=len(listed), other_runs=total - len(listed), blocked_by=listed)
    return Removal(outcome=rules.venue_removal(listed_run_names=[], run_count=total), other_runs=total)


def run_removal(run: CourseRun) -> Removal:
    return Removal(outcome=rules.WITHDRAW, saved_by=saved_by_count([run.pk]))
