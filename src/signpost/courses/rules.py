"""The course directory's rules, one function each, used by the services and the CSV upload alike.

Each check takes plain values and raises a ValidationError keyed by the field it is about, so a
form can put the message beside the field and an upload can name the row and column.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F, Q

from signpost.accounts.roles import MANAGE_COURSES, MANAGE_PROVIDER_COURSES
from signpost.core import geography
from signpost.courses import codes

# How far ahead a run may start: the directory lists what people can sign up for now.
LATEST_START = datetime.timedelta(days=2 * 366)


# Who may do what ------------------------------------------------------------------------------


def can_manage_every_provider(user: Any) -> bool:
    """Content editors keep every provider's listings."""
    return bool(user is not None and user.is_authenticated and user.has_perm(MANAGE_COURSES))


def editor_provider_id(user: Any) -> int | None:
    """The one provider a course editor works for, or None (not a course editor, or not linked yet)."""
    if user is None or not user.is_authenticated or not user.has_perm(MANAGE_PROVIDER_COURSES):
        return None
    link = getattr(user, "course_provider_link", None)
    return link.provider_id if link is not None else None


def can_manage_provider(user: Any, provider_id: int) -> bool:
    return can_manage_every_provider(user) or editor_provider_id(user) == provider_id


def can_use_course_directory(user: Any) -> bool:
    return can_manage_every_provider(user) or editor_provider_id(user) is not None


# Removing listings ----------------------------------------------------------------------------
#
# The one rule for what "Remove" does in the workspace, so that history and saved links keep working:
#
# - A course run is withdrawn, never destroyed: it leaves the public search and pages at once, and a
#   link someone saved says the course is no longer available. Past runs stay as they were.
# - A course with runs is withdrawn with every run; a course that never had a run is deleted.
# - A venue cannot be removed while a listed run (not withdrawn, still to start or starting any
#   time) is taught there: the editor is told which. Otherwise a venue that past or withdrawn runs
#   name is withdrawn (kept for them, no longer offered for new runs); one that no run names is deleted.
# - Uploading a withdrawn course, run or venue again in a CSV file restores it (the file says it is
#   offered); what the file leaves out stays withdrawn. "Offer again" in the workspace restores one
#   at a time (below).

WITHDRAW, DELETE = "withdraw", "delete"


def still_to_start(today: datetime.date) -> Q:
    return Q(start_date__gte=today) | Q(flexible_start=True)


def listed_runs(today: datetime.date) -> Q:
    """The runs the public can find: not withdrawn, and still to start or starting any time."""
    return Q(withdrawn_at__isnull=True) & still_to_start(today)


def still_offered() -> Q:
    """Runs neither withdrawn nor of a withdrawn course: a saved or shared link to one still shows
    the course; any other answers that it is no longer available."""
    return Q(withdrawn_at__isnull=True, course__withdrawn_at__isnull=True)


def is_still_offered(run: Any) -> bool:
    """still_offered for a run already read (with its course)."""
    return run.withdrawn_at is None and run.course.withdrawn_at is None


def course_removal(*, run_count: int) -> str:
    return WITHDRAW if run_count else DELETE


def venue_removal(*, listed_run_names: list[str], run_count: int) -> str:
    """``listed_run_names``: the listed runs taught at the venue, as the editor knows them."""
    if listed_run_names:
        shown = "; ".join(listed_run_names[:10]) + ("; and others" if len(listed_run_names) > 10 else "")
        raise ValidationError(
            f"This venue cannot be removed while {len(listed_run_names)} course run"
            f"{'s are' if len(listed_run_names) > 1 else ' is'} taught there: {shown}. "
            "Move or remove those runs first."
        )
    return WITHDRAW if run_count else DELETE


# Offering listings again ----------------------------------------------------------------------
#
# "Offer again" in the workspace undoes a removal as far as it still makes sense:
#
# - A withdrawn run comes back only while its course is offered, it has not started (or starts any
#   time) and its venue, if it has one, is offered: a past run stays as it was, and a run at a
#   removed venue waits until the venue is offered again.
# - A withdrawn course comes back with the runs that were withdrawn together with it (they carry
#   the course's own ``withdrawn_at``) and that could come back on their own by the rule above.
#   Runs removed on their own before the course stay withdrawn: each is offered again on its own.
# - A withdrawn venue comes back on its own: it can be chosen for runs again, and its runs stay as
#   they are.


def run_restore_refusal(
    *,
    course_withdrawn: bool,
    start_date: datetime.date | None,
    flexible_start: bool,
    venue_withdrawn: bool,
    today: datetime.date,
) -> str:
    """Why a withdrawn run cannot be offered again, or "" when it can."""
    if course_withdrawn:
        return "This run's course has been removed. Offer the course again first."
    if not flexible_start and start_date is not None and start_date < today:
        return "This run has already started, so it cannot be offered again. Add a new run instead."
    if venue_withdrawn:
        return "This run's venue has been removed. Offer the venue again first, or add a new run."
    return ""


def runs_back_with_course(course_withdrawn_at: datetime.datetime | F, today: datetime.date) -> Q:
    """Of a withdrawn course's runs, those that come back when the course is offered again.
    ``F("course__withdrawn_at")`` asks it of many courses' runs at once."""
    return (
        Q(withdrawn_at=course_withdrawn_at)
        & still_to_start(today)
        & (Q(venue__isnull=True) | Q(venue__withdrawn_at__isnull=True))
    )


# Values ---------------------------------------------------------------------------------------


def place_postcode(text: str) -> geography.PostcodeLocation:
    """A venue's postcode, tidied and placed; refused when it is not a real one."""
    try:
        location = geography.locate_postcode(text)
    except geography.InvalidPostcode:
        raise ValidationError({"postcode": ["Enter a full UK postcode, like LS1 3AB"]}) from None
    if location is None:
        raise ValidationError({"postcode": ["Enter a real postcode: we cannot find this one"]})
    return location


def check_run_place(*, delivery_mode: str, has_venue: bool, national: bool, regions: list[int]) -> None:
    """Classroom and blended runs are at a venue; work-based runs in regions or nationally; online
    runs nowhere in particular."""
    if delivery_mode in codes.AT_A_VENUE:
        if not has_venue:
            raise ValidationError({"venue": ["Select the venue where the course is taught"]})
    elif delivery_mode in codes.IN_REGIONS:
        if has_venue:
            raise ValidationError({"venue": ["A work-based course has no venue: choose regions instead"]})
        if not national and not regions:
            raise ValidationError({"regions": ["Select the regions where the course is offered, or all of England"]})
        if national and regions:
            raise ValidationError({"regions": ["Select either all of England or regions, not both"]})
    elif has_venue or national or regions:
        raise ValidationError({"venue": ["An online course has no venue or regions"]})


def check_run_start(*, start_date: datetime.date | None, flexible_start: bool, today: datetime.date) -> None:
    if flexible_start and start_date is not None:
        raise ValidationError({"start_date": ["Give a start date or say the start is flexible, not both"]})
    if not flexible_start and start_date is None:
        raise ValidationError({"start_date": ["Enter a start date, or say the start is flexible"]})
    if start_date is not None and start_date > today + LATEST_START:
        raise ValidationError({"start_date": ["The start date must be within the next 2 years"]})


def check_run_cost(*, cost: Decimal | None, cost_description: str) -> None:
    if cost is None and not cost_description.strip():
        raise ValidationError({"cost": ["Enter a cost, or describe the cost"]})
    if cost is not None and cost < 0:
        raise ValidationError({"cost": ["The cost must be 0 or more"]})
    if cost is not None and cost >= Decimal("1000000"):
        raise ValidationError({"cost": ["The cost must be less than £1,000,000"]})
