"""The course directory's rules, one function each, used by the services and the CSV upload alike.

Each check takes plain values and raises a ValidationError keyed by the field it is about, so a
form can put the message beside the field and an upload can name the row and column.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

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
