"""Small course directory builders for the course search tests and browser journey.

Venues are placed at real postcodes through signpost.core.geography, as the directory places them.
"""

from __future__ import annotations

import datetime
import itertools
from typing import Any

from django.utils import timezone

from signpost.core import geography
from signpost.courses import codes, search_selectors
from signpost.courses.models import Course, CourseRun, Provider, Venue

_numbers = itertools.count(1)


def provider(name: str = "Leeds City College", **fields: Any) -> Provider:
    number = next(_numbers)
    defaults = {"ukprn": f"{10000000 + number}", "email": "courses@college.example", "phone": "0113 496 0000"}
    return Provider.objects.create(name=name, **{**defaults, **fields})


def venue(owner: Provider, postcode: str, town: str = "Leeds", name: str = "", **fields: Any) -> Venue:
    located = geography.locate_postcode(postcode)
    assert located is not None, postcode
    return Venue.objects.create(
        provider=owner,
        name=name or f"{town} centre {next(_numbers)}",
        address_line_1="1 College Road",
        town=town,
        postcode=located.postcode,
        latitude=located.latitude,
        longitude=located.longitude,
        **fields,
    )


def course(owner: Provider, title: str, **fields: Any) -> Course:
    defaults: dict[str, Any] = {
        "level": codes.Level.LEVEL_2,
        "sector": codes.Sector.PREPARATION_FOR_LIFE_AND_WORK,
        "course_type": codes.CourseType.OTHER,
        "who_it_is_for": "Adults who want to build their confidence.",
    }
    return Course.objects.create(provider=owner, title=title, **{**defaults, **fields})


def run(
    of: Course, at: Venue | None = None, *, start: datetime.date | None = None, announce: bool = True, **fields: Any
) -> CourseRun:
    defaults: dict[str, Any] = {
        "delivery_mode": codes.DeliveryMode.CLASSROOM if at else codes.DeliveryMode.ONLINE,
        "study_mode": codes.StudyMode.PART_TIME,
        "attendance": codes.Attendance.DAYTIME,
        "duration": 10,
        "duration_unit": codes.DurationUnit.WEEKS,
        "cost": "0.00",
    }
    if start is None and not fields.get("flexible_start"):
        start = timezone.localdate() + datetime.timedelta(days=30)
    built = CourseRun.objects.create(course=of, venue=at, start_date=start, **{**defaults, **fields})
    if announce:
        # The services announce every change once it is committed; built directly, say so at once.
        search_selectors.forget_counts()
    return built
