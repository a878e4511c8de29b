"""Reads of the course directory for the staff pages and the online space's saved list (public
search reads live in search_selectors.py)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, Q, QuerySet
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


def provider_removed_venues(provider: Provider) -> list[Venue]:
    """The provider's withdrawn venues, which can be offered again."""
    return list(Venue.objects.filter(provider=provider, withdrawn_at__isnull=False).order_by("name", "id"))


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


# Offering again (the rule is rules.py's; these say what it will do, for the confirmation pages) --


@dataclass
class Restoring:
    """What offering something again will do, or why it cannot (``refusal``)."""

    refusal: str = ""
    runs_back: list[str] = field(default_factory=list)
    runs_staying: int = 0
    saved_by: int = 0


def _run_refusal(run: CourseRun, course: Course, today: datetime.date) -> str:
    return rules.run_restore_refusal(
        course_withdrawn=course.withdrawn_at is not None,
        start_date=run.start_date,
        flexible_start=run.flexible_start,
        venue_withdrawn=run.venue is not None and run.venue.withdrawn_at is not None,
        today=today,
    )


def restorable_run_ids(course: Course, runs: list[CourseRun], *, today: datetime.date | None = None) -> set[int]:
    """Of the course's runs as ``course_runs`` reads them, the withdrawn ones that can be offered again."""
    today = today or timezone.localdate()
    return {run.pk for run in runs if run.withdrawn_at is not None and not _run_refusal(run, course, today)}


def run_restoring(run: CourseRun, *, today: datetime.date | None = None) -> Restoring:
    """``run`` as ``course_run`` reads it (with its course and venue)."""
    refusal = _run_refusal(run, run.course, today or timezone.localdate())
    return Restoring(refusal=refusal, saved_by=0 if refusal else saved_by_count([run.pk]))


def course_restoring(course: Course, *, today: datetime.date | None = None) -> Restoring:
    if course.withdrawn_at is None:
        return Restoring()
    withdrawn = CourseRun.objects.filter(course=course, withdrawn_at__isnull=False)
    back = list(
        withdrawn.filter(rules.runs_back_with_course(course.withdrawn_at, today or timezone.localdate()))
        .select_related("course")
        .order_by("flexible_start", "start_date", "id")
    )
    return Restoring(
        runs_back=[describe_run(run) for run in back],
        runs_staying=withdrawn.count() - len(back),
        saved_by=saved_by_count([run.pk for run in back]),
    )


def venue_restoring(venue: Venue) -> Restoring:
    return Restoring(runs_staying=CourseRun.objects.filter(venue=venue).count())


# Offering again, several at once (the workspace's "Removed courses" page) -----------------------


@dataclass
class RemovedRun:
    """A removed run whose course is offered, with why it cannot come back ("" when it can)."""

    run: CourseRun
    described: str
    refusal: str


@dataclass
class RemovedListings:
    """A provider's removed courses (most recently removed first) and the removed runs of its offered
    courses that have not started, as queries: a provider may have thousands, read a page at a time."""

    courses: QuerySet[Course]
    runs: QuerySet[CourseRun]
    today: datetime.date


@dataclass
class RemovedPage:
    """The removed courses and runs on one page, each course with how many runs would come back with it."""

    courses: list[Course] = field(default_factory=list)
    runs_back: dict[int, int] = field(default_factory=dict)
    runs: list[RemovedRun] = field(default_factory=list)


def _runs_back_with_their_courses(course_ids: Iterable[int], today: datetime.date) -> QuerySet[CourseRun]:
    """The runs that offering these withdrawn courses again would bring back: rules.runs_back_with_course
    applied to each run's own course in one query (the rule compares a run with its course's moment
    of withdrawal, which the database reads from the run's course)."""
    return CourseRun.objects.filter(
        rules.runs_back_with_course(F("course__withdrawn_at"), today),
        course_id__in=list(course_ids),
        course__withdrawn_at__isnull=False,
    )


def provider_removed_listings(provider: Provider, *, today: datetime.date | None = None) -> RemovedListings:
    """Nothing is read here: page the two queries, then removed_listings_page describes one page."""
    today = today or timezone.localdate()
    courses = Course.objects.filter(provider=provider, withdrawn_at__isnull=False).order_by(
        "-withdrawn_at", "title", "id"
    )
    # Runs that have started never come back (rules.run_restore_refusal), so they are not offered here.
    runs = (
        CourseRun.objects.filter(
            rules.still_to_start(today),
            course__provider=provider,
            course__withdrawn_at__isnull=True,
            withdrawn_at__isnull=False,
        )
        .select_related("course", "venue")
        .order_by("-withdrawn_at", "course__title", "start_date", "id")
    )
    return RemovedListings(courses=courses, runs=runs, today=today)


def removed_listings_page(
    removed: RemovedListings, courses: Iterable[Course], runs: Iterable[CourseRun]
) -> RemovedPage:
    """One page of each of ``removed``'s queries, with one more query: the runs back with those courses."""
    shown_courses = list(courses)
    counts = (
        _runs_back_with_their_courses([course.pk for course in shown_courses], removed.today)
        .values("course_id")
        .annotate(count=Count("id"))
    )
    return RemovedPage(
        courses=shown_courses,
        runs_back={row["course_id"]: row["count"] for row in counts} if shown_courses else {},
        runs=[RemovedRun(run, describe_run(run), _run_refusal(run, run.course, removed.today)) for run in runs],
    )


@dataclass
class BulkRestoring:
    """What offering the chosen courses and runs again will do: what comes back, what cannot and
    why, what has been offered again since they were chosen, and how many are no longer there."""

    courses: list[Course] = field(default_factory=list)
    runs_back: dict[int, int] = field(default_factory=dict)
    runs: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    offered_already: list[str] = field(default_factory=list)
    missing: int = 0
    saved_by: int = 0

    @property
    def runs_back_total(self) -> int:
        return sum(self.runs_back.values())

    @property
    def coming_back(self) -> int:
        return len(self.courses) + len(self.runs)


def bulk_restoring(
    provider: Provider, *, course_ids: list[int], run_ids: list[int], today: datetime.date | None = None
) -> BulkRestoring:
    """For the confirmation page; courses.services.courses_restore does the same in this order."""
    today = today or timezone.localdate()
    plan = BulkRestoring()
    chosen_courses = list(
        Course.objects.filter(provider=provider, pk__in=course_ids).order_by("-withdrawn_at", "title", "id")
    )
    plan.courses = [course for course in chosen_courses if course.withdrawn_at is not None]
    plan.offered_already = [course.title for course in chosen_courses if course.withdrawn_at is None]
    back_with_courses = _runs_back_with_their_courses([course.pk for course in plan.courses], today)
    back = list(back_with_courses.values_list("pk", "course_id"))
    for _, course_id in back:
        plan.runs_back[course_id] = plan.runs_back.get(course_id, 0) + 1
    # A run of a chosen removed course comes back, or not, with its course.
    chosen_runs = list(
        CourseRun.objects.filter(course__provider=provider, pk__in=run_ids)
        .exclude(course_id__in=[course.pk for course in plan.courses])
        .select_related("course", "venue")
        .order_by("course__title", "start_date", "id")
    )
    run_back_ids = [pk for pk, _ in back]
    for run in chosen_runs:
        if run.withdrawn_at is None:
            plan.offered_already.append(describe_run(run))
        elif refusal := _run_refusal(run, run.course, today):
            plan.refused.append((describe_run(run), refusal))
        else:
            plan.runs.append(describe_run(run))
            run_back_ids.append(run.pk)
    found_runs = CourseRun.objects.filter(course__provider=provider, pk__in=run_ids).count()
    plan.missing = len(set(course_ids)) - len(chosen_courses) + len(set(run_ids)) - found_runs
    plan.saved_by = saved_by_count(run_back_ids)
    return plan


# The online space's saved list ------------------------------------------------------------------


def runs_no_longer_offered(run_keys: Iterable[str]) -> set[str]:
    """Of saved courses' keys (run ids), those whose run or course has been withdrawn (or that name
    no run): one query however many were saved."""
    keys = set(run_keys)
    ids = {int(key) for key in keys if key.isascii() and key.isdigit()}
    if not keys:
        return set()
    offered = CourseRun.objects.filter(rules.still_offered(), pk__in=ids)
    offered_keys = {str(pk) for pk in offered.values_list("pk", flat=True)}
    return keys - offered_keys
