"""Reads of the course directory for the staff pages (public search reads live in search_selectors.py)."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from signpost.courses.models import Course, CourseRun, Provider, RunRegion, Venue


def providers(*, query: str = "") -> QuerySet[Provider]:
    """Providers by name, found by words in the name or trading name, or by UKPRN."""
    found = Provider.objects.all()
    for word in query.split():
        found = found.filter(Q(name__icontains=word) | Q(trading_name__icontains=word) | Q(ukprn=word))
    return found.annotate(course_count=Count("courses", distinct=True)).order_by("name", "id")


def provider(pk: int) -> Provider | None:
    return Provider.objects.filter(pk=pk).first()


def provider_venues(provider: Provider) -> list[Venue]:
    return list(Venue.objects.filter(provider=provider).order_by("name", "id"))


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
