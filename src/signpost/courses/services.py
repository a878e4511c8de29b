"""Writes to the course directory, one at a time (the CSV upload has its own bulk path, uploads.py;
courses_restore offers several removed courses and runs again through the one-at-a-time services).

Each service checks who is acting (content editors: every provider; course editors: their own
provider's venues, courses and runs), validates with rules.py and the model's fields, saves in one
transaction with its audit event, and announces the changed courses after commit (signals.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from signpost.core.audit import audit_record
from signpost.courses import rules, selectors
from signpost.courses.models import Course, CourseRun, Provider, ProviderEditor, RunRegion, Venue
from signpost.courses.signals import announce_courses_changed

PROVIDER_FIELDS = ("name", "trading_name", "ukprn", "contact_name", "email", "phone", "website")
VENUE_FIELDS = (
    "name",
    "address_line_1",
    "address_line_2",
    "town",
    "county",
    "postcode",
    "email",
    "phone",
    "website",
)
COURSE_FIELDS = (
    "provider_reference",
    "title",
    "qualification",
    "awarding_body",
    "level",
    "sector",
    "course_type",
    "who_it_is_for",
    "entry_requirements",
    "what_you_will_learn",
    "how_you_will_learn",
    "what_to_bring",
    "how_you_will_be_assessed",
    "what_next",
)
RUN_FIELDS = (
    "provider_reference",
    "delivery_mode",
    "venue",
    "national",
    "study_mode",
    "attendance",
    "start_date",
    "flexible_start",
    "duration",
    "duration_unit",
    "cost",
    "cost_description",
    "website",
)


def _require_content_editor(actor: Any) -> None:
    if not rules.can_manage_every_provider(actor):
        raise PermissionDenied("Only content editors can add or change providers.")


def _require_provider(actor: Any, provider_id: int) -> None:
    if not rules.can_manage_provider(actor, provider_id):
        raise PermissionDenied("You cannot manage this provider's courses.")


def _assign(instance: Any, names: tuple[str, ...], fields: dict[str, Any]) -> list[str]:
    """Set the given fields (text stripped); the names of those that changed."""
    changed = []
    for name in names:
        if name not in fields:
            continue
        value = fields[name].strip() if isinstance(fields[name], str) else fields[name]
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed


def _clean(instance: Any) -> None:
    # Uniqueness and cross-field rules are checked by the services with messages people understand;
    # the database constraints stay as the backstop.
    instance.full_clean(validate_unique=False, validate_constraints=False)


# Providers ------------------------------------------------------------------------------------


def _check_ukprn_free(provider: Provider) -> None:
    if Provider.objects.filter(ukprn=provider.ukprn).exclude(pk=provider.pk).exists():
        raise ValidationError({"ukprn": ["A provider with this UKPRN is already in the directory"]})


def provider_create(*, actor: Any, **fields: Any) -> Provider:
    _require_content_editor(actor)
    provider = Provider()
    _assign(provider, PROVIDER_FIELDS, fields)
    _clean(provider)
    with transaction.atomic():
        _check_ukprn_free(provider)
        provider.save()
        audit_record(actor=actor, action="courses.provider_created", target=provider)
    return provider


def provider_update(*, actor: Any, provider: Provider, **fields: Any) -> Provider:
    _require_content_editor(actor)
    changed = _assign(provider, PROVIDER_FIELDS, fields)
    _clean(provider)
    with transaction.atomic():
        _check_ukprn_free(provider)
        provider.save()
        audit_record(actor=actor, action="courses.provider_updated", target=provider, details={"fields": changed})
    return provider


def provider_editor_add(*, actor: Any, provider: Provider, user: Any) -> ProviderEditor:
    """Make a course editor the editor of this provider (a course editor works for one provider)."""
    _require_content_editor(actor)
    if not user.has_perm(rules.MANAGE_PROVIDER_COURSES):
        raise ValidationError({"email": ["This person does not have the course editor role"]})
    with transaction.atomic():
        link, _ = ProviderEditor.objects.update_or_create(user=user, defaults={"provider": provider})
        audit_record(actor=actor, action="courses.provider_editor_added", target=provider, details={"user": user.pk})
    return link


def provider_editor_remove(*, actor: Any, provider: Provider, user: Any) -> None:
    _require_content_editor(actor)
    with transaction.atomic():
        ProviderEditor.objects.filter(user=user, provider=provider).delete()
        audit_record(actor=actor, action="courses.provider_editor_removed", target=provider, details={"user": user.pk})


# Venues ---------------------------------------------------------------------------------------


def _place(venue: Venue) -> None:
    location = rules.place_postcode(venue.postcode)
    venue.postcode = location.postcode
    venue.latitude, venue.longitude = location.latitude, location.longitude
    venue.local_authority = location.local_authority


def _check_venue_name_free(venue: Venue) -> None:
    taken = Venue.objects.annotate(lower_name=Lower("name")).filter(
        provider_id=venue.provider_id, lower_name=venue.name.lower()
    )
    other = taken.exclude(pk=venue.pk).first()
    if other is not None and other.withdrawn_at is not None:
        raise ValidationError(
            {"name": ["A removed venue has this name: choose Offer again beside it in your removed venues"]}
        )
    if other is not None:
        raise ValidationError({"name": ["This provider already has a venue with this name"]})


def _save_venue(actor: Any, venue: Venue, action: str, changed: list[str]) -> Venue:
    errors: dict[str, list[str]] = {}
    try:
        _clean(venue)
    except ValidationError as error:
        errors.update(error.message_dict)
    if "postcode" not in errors:
        try:
            _place(venue)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        _check_venue_name_free(venue)
        venue.save()
        audit_record(actor=actor, action=action, target=venue, details={"fields": changed})
        announce_courses_changed(CourseRun.objects.filter(venue=venue).values_list("course_id", flat=True))
    return venue


def venue_create(*, actor: Any, provider: Provider, **fields: Any) -> Venue:
    _require_provider(actor, provider.pk)
    venue = Venue(provider=provider)
    changed = _assign(venue, VENUE_FIELDS, fields)
    return _save_venue(actor, venue, "courses.venue_created", changed)


def venue_update(*, actor: Any, venue: Venue, **fields: Any) -> Venue:
    _require_provider(actor, venue.provider_id)
    changed = _assign(venue, VENUE_FIELDS, fields)
    return _save_venue(actor, venue, "courses.venue_updated", changed)


# Courses --------------------------------------------------------------------------------------


def _check_course_reference_free(course: Course) -> None:
    if not course.provider_reference:
        return
    taken = Course.objects.filter(provider_id=course.provider_id, provider_reference=course.provider_reference)
    if taken.exclude(pk=course.pk).exists():
        raise ValidationError({"provider_reference": ["Another of this provider's courses has this reference"]})


def _save_course(actor: Any, course: Course, action: str, changed: list[str]) -> Course:
    _clean(course)
    with transaction.atomic():
        _check_course_reference_free(course)
        course.save()
        audit_record(actor=actor, action=action, target=course, details={"fields": changed})
        announce_courses_changed([course.pk])
    return course


def course_create(*, actor: Any, provider: Provider, **fields: Any) -> Course:
    _require_provider(actor, provider.pk)
    course = Course(provider=provider)
    changed = _assign(course, COURSE_FIELDS, fields)
    return _save_course(actor, course, "courses.course_created", changed)


def course_update(*, actor: Any, course: Course, **fields: Any) -> Course:
    _require_provider(actor, course.provider_id)
    changed = _assign(course, COURSE_FIELDS, fields)
    return _save_course(actor, course, "courses.course_updated", changed)


# Course runs ----------------------------------------------------------------------------------


def _check_run(run: CourseRun, regions: list[int]) -> None:
    errors: dict[str, list[str]] = {}
    try:
        _clean(run)
    except ValidationError as error:
        errors.update(error.message_dict)
    if run.venue is not None and run.venue.provider_id != run.course.provider_id:
        errors.setdefault("venue", []).append("Select one of this provider's venues")
    checks = [
        lambda: rules.check_run_place(
            delivery_mode=run.delivery_mode, has_venue=run.venue is not None, national=run.national, regions=regions
        ),
        lambda: rules.check_run_start(
            start_date=run.start_date, flexible_start=run.flexible_start, today=timezone.localdate()
        ),
        lambda: rules.check_run_cost(cost=run.cost, cost_description=run.cost_description),
    ]
    for check in checks:
        try:
            check()
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                errors.setdefault(name, []).extend(messages)
    if run.provider_reference:
        taken = CourseRun.objects.filter(course_id=run.course_id, provider_reference=run.provider_reference)
        if taken.exclude(pk=run.pk).exists():
            errors.setdefault("provider_reference", []).append("Another run of this course has this reference")
    if errors:
        raise ValidationError(errors)


def _save_run(actor: Any, run: CourseRun, regions: list[int], action: str, changed: list[str]) -> CourseRun:
    regions = sorted(set(regions))
    _check_run(run, regions)
    with transaction.atomic():
        run.save()
        before = set(RunRegion.objects.filter(run=run).values_list("area", flat=True))
        if before != set(regions):
            RunRegion.objects.filter(run=run).exclude(area__in=regions).delete()
            RunRegion.objects.bulk_create([RunRegion(run=run, area=area) for area in regions if area not in before])
            changed.append("regions")
        audit_record(actor=actor, action=action, target=run, details={"fields": changed, "course": run.course_id})
        announce_courses_changed([run.course_id])
    return run


def _tidy_run_fields(fields: dict[str, Any]) -> dict[str, Any]:
    fields = dict(fields)
    if fields.get("cost") is not None:
        fields["cost"] = Decimal(fields["cost"]).quantize(Decimal("0.01"))
    return fields


def course_run_create(*, actor: Any, course: Course, regions: list[int] | None = None, **fields: Any) -> CourseRun:
    _require_provider(actor, course.provider_id)
    if course.withdrawn_at is not None:
        # A withdrawn course keeps only withdrawn runs (rules.py, removing listings).
        raise ValidationError("This course has been removed. Offer it again before adding runs.")
    run = CourseRun(course=course)
    changed = _assign(run, RUN_FIELDS, _tidy_run_fields(fields))
    return _save_run(actor, run, regions or [], "courses.run_created", changed)


def course_run_update(*, actor: Any, run: CourseRun, regions: list[int] | None = None, **fields: Any) -> CourseRun:
    _require_provider(actor, run.course.provider_id)
    changed = _assign(run, RUN_FIELDS, _tidy_run_fields(fields))
    return _save_run(actor, run, regions or [], "courses.run_updated", changed)


# Removing -------------------------------------------------------------------------------------
# What "Remove" does is decided in rules.py (removing listings); these carry it out.


def course_run_remove(*, actor: Any, run: CourseRun) -> None:
    """Withdraw the run: it leaves the public pages, and links people saved say it has gone."""
    _require_provider(actor, run.course.provider_id)
    with transaction.atomic():
        run = CourseRun.objects.select_for_update().get(pk=run.pk)
        if run.withdrawn_at is not None:
            return
        run.withdrawn_at = timezone.now()
        run.save(update_fields=["withdrawn_at", "updated_at"])
        audit_record(actor=actor, action="courses.run_withdrawn", target=run, details={"course": run.course_id})
        announce_courses_changed([run.course_id])


def course_remove(*, actor: Any, course: Course) -> str:
    """Withdraw the course and its runs, or delete a course that never had a run; says which
    (rules.WITHDRAW or rules.DELETE)."""
    _require_provider(actor, course.provider_id)
    with transaction.atomic():
        course = Course.objects.select_for_update().get(pk=course.pk)
        outcome = rules.course_removal(run_count=CourseRun.objects.filter(course=course).count())
        course_id = course.pk
        if outcome == rules.DELETE:
            audit_record(actor=actor, action="courses.course_deleted", target=course, details={"title": course.title})
            course.delete()
        else:
            # The runs share the course's moment of withdrawal: offering the course again brings back
            # these and not the runs removed on their own before (rules.py, offering listings again).
            now = course.withdrawn_at or timezone.now()
            runs = CourseRun.objects.filter(course=course, withdrawn_at__isnull=True).update(
                withdrawn_at=now, updated_at=timezone.now()
            )
            course.withdrawn_at = now
            course.save(update_fields=["withdrawn_at", "updated_at"])
            audit_record(
                actor=actor, action="courses.course_withdrawn", target=course, details={"runs_withdrawn": runs}
            )
        announce_courses_changed([course_id])
    return outcome


def venue_remove(*, actor: Any, venue: Venue) -> str:
    """Withdraw or delete the venue (rules.venue_removal); refused, naming them, while listed runs
    are taught there."""
    _require_provider(actor, venue.provider_id)
    with transaction.atomic():
        venue = Venue.objects.select_for_update().get(pk=venue.pk)
        listed = selectors.listed_runs_at(venue)
        outcome = rules.venue_removal(
            listed_run_names=[selectors.describe_run(run) for run in listed],
            run_count=CourseRun.objects.filter(venue=venue).count(),
        )
        if outcome == rules.DELETE:
            audit_record(actor=actor, action="courses.venue_deleted", target=venue, details={"name": venue.name})
            venue.delete()
        elif venue.withdrawn_at is None:
            venue.withdrawn_at = timezone.now()
            venue.save(update_fields=["withdrawn_at", "updated_at"])
            audit_record(actor=actor, action="courses.venue_withdrawn", target=venue, details={"name": venue.name})
    return outcome


# Offering again -------------------------------------------------------------------------------
# What "Offer again" brings back is decided in rules.py (offering listings again).


def course_run_restore(*, actor: Any, run: CourseRun) -> None:
    """Offer a withdrawn run again; refused (ValidationError saying why) when the rule says no."""
    _require_provider(actor, run.course.provider_id)
    with transaction.atomic():
        # The course first, as course_remove locks it, so the two cannot wait on each other.
        course = Course.objects.select_for_update().get(pk=run.course_id)
        run = CourseRun.objects.select_for_update().get(pk=run.pk)
        if run.withdrawn_at is None:
            return
        # Locked so that the venue cannot be removed while its run comes back.
        venue = Venue.objects.select_for_update().filter(pk=run.venue_id).first() if run.venue_id else None
        refusal = rules.run_restore_refusal(
            course_withdrawn=course.withdrawn_at is not None,
            start_date=run.start_date,
            flexible_start=run.flexible_start,
            venue_withdrawn=venue is not None and venue.withdrawn_at is not None,
            today=timezone.localdate(),
        )
        if refusal:
            raise ValidationError(refusal)
        run.withdrawn_at = None
        run.save(update_fields=["withdrawn_at", "updated_at"])
        audit_record(actor=actor, action="courses.run_restored", target=run, details={"course": run.course_id})
        announce_courses_changed([run.course_id])


def course_restore(*, actor: Any, course: Course) -> int:
    """Offer a withdrawn course again with the runs withdrawn together with it that may come back;
    how many runs came back."""
    _require_provider(actor, course.provider_id)
    with transaction.atomic():
        course = Course.objects.select_for_update().get(pk=course.pk)
        if course.withdrawn_at is None:
            return 0
        back = rules.runs_back_with_course(course.withdrawn_at, timezone.localdate())
        run_ids = list(CourseRun.objects.filter(back, course=course).values_list("pk", flat=True))
        CourseRun.objects.filter(pk__in=run_ids).update(withdrawn_at=None, updated_at=timezone.now())
        course.withdrawn_at = None
        course.save(update_fields=["withdrawn_at", "updated_at"])
        audit_record(actor=actor, action="courses.course_restored", target=course, details={"runs_restored": run_ids})
        announce_courses_changed([course.pk])
    return len(run_ids)


def venue_restore(*, actor: Any, venue: Venue) -> None:
    """Offer a withdrawn venue again for new runs; its runs stay as they are."""
    _require_provider(actor, venue.provider_id)
    with transaction.atomic():
        venue = Venue.objects.select_for_update().get(pk=venue.pk)
        if venue.withdrawn_at is None:
            return
        venue.withdrawn_at = None
        venue.save(update_fields=["withdrawn_at", "updated_at"])
        audit_record(actor=actor, action="courses.venue_restored", target=venue, details={"name": venue.name})


@dataclass
class RestoredListings:
    """What courses_restore did: the courses and runs offered again (described as their editor knows
    them), how many runs came back with the courses, and what was not offered again and why."""

    courses: list[str] = field(default_factory=list)
    runs_with_courses: int = 0
    runs: list[str] = field(default_factory=list)
    not_restored: list[tuple[str, str]] = field(default_factory=list)
    missing: int = 0


OFFERED_ALREADY = "It has been offered again since you chose it."


def courses_restore(
    *, actor: Any, provider: Provider, course_ids: Iterable[int], run_ids: Iterable[int] = ()
) -> RestoredListings:
    """Offer several of the provider's removed courses, and removed runs of its offered courses,
    again in one transaction, each by course_restore or course_run_restore (so by the same rules
    and with the same audit events). What cannot come back, or came back since it was chosen, is
    reported; anything else going wrong leaves everything as it was."""
    _require_provider(actor, provider.pk)
    course_ids, run_ids = set(course_ids), set(run_ids)
    if not course_ids and not run_ids:
        raise ValidationError("Select the courses to offer again")
    done, restored_run_ids = RestoredListings(), list[int]()
    with transaction.atomic():
        ours = CourseRun.objects.filter(course__provider=provider, pk__in=run_ids)
        # Courses before runs, each in id order, as course_run_restore locks them, so none waits on another.
        locked = {
            course.pk: course
            for course in Course.objects.select_for_update()
            .filter(Q(pk__in=course_ids) | Q(pk__in=ours.values("course_id")), provider=provider)
            .order_by("pk")
        }
        runs = list(ours.select_for_update().order_by("pk"))
        courses = [locked[pk] for pk in sorted(course_ids) if pk in locked]
        removed_course_ids = {course.pk for course in courses if course.withdrawn_at is not None}
        for course in courses:
            if course.withdrawn_at is None:
                done.not_restored.append((course.title, OFFERED_ALREADY))
                continue
            done.runs_with_courses += course_restore(actor=actor, course=course)
            done.courses.append(course.title)
        for run in runs:
            if run.course_id in removed_course_ids:
                continue  # It came back, or stayed removed, with its course (rules.runs_back_with_course).
            run.course = locked[run.course_id]
            described = selectors.describe_run(run)
            if run.withdrawn_at is None:
                done.not_restored.append((described, OFFERED_ALREADY))
                continue
            try:
                course_run_restore(actor=actor, run=run)
            except ValidationError as refusal:
                done.not_restored.append((described, refusal.messages[0]))
                continue
            done.runs.append(described)
            restored_run_ids.append(run.pk)
        done.missing = len(course_ids) - len(courses) + len(run_ids) - len(runs)
        if done.courses or done.runs:
            audit_record(
                actor=actor,
                action="courses.listings_restored",
                target=provider,
                details={
                    "courses": sorted(removed_course_ids),
                    "runs": restored_run_ids,
                    "not_restored": len(done.not_restored) + done.missing,
                },
            )
    return done
