"""Course search near a town from the place names (real towns and known distances), and the online
and work-based runs shown beside the nearby venues. SQLite and PostgreSQL alike."""

from __future__ import annotations

import csv
import datetime
import math
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from signpost.core.models import PostcodeDistrict
from signpost.core.tests.test_place_names import DISTRICTS, load_place_names, needs_shared_data
from signpost.courses import search_selectors as selectors
from signpost.courses.models import RunRegion
from signpost.courses.search import miles_between
from signpost.courses.search_selectors import Criteria, PlaceNotFound, course_search, place_for
from signpost.courses.signals import announce_courses_changed, course_directory_changed
from signpost.courses.tests import search_builders as build
from signpost.organisations.models import Area

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()
    selectors.forget_vocabulary()


@pytest.fixture
def place_names() -> None:
    load_place_names()


def _grid_miles(first: str, second: str) -> float:
    """Between two postcode districts' centres on the Ordnance Survey grid: an independent measure."""
    with DISTRICTS.open(newline="", encoding="utf-8") as handle:
        rows = {row["outcode"]: row for row in csv.DictReader(handle) if row["outcode"] in (first, second)}
    a, b = rows[first], rows[second]
    return math.hypot(int(a["easting"]) - int(b["easting"]), int(a["northing"]) - int(b["northing"])) / 1609.344


@needs_shared_data
@pytest.mark.parametrize(
    ("first", "second", "districts", "about"),
    [
        ("Leeds", "York", ("LS1", "YO1"), 22.1),
        ("st albans", "LUTON", ("AL1", "LU1"), 9.7),
        ("Bath", "Bristol", ("BA1", "BS1"), 10.9),
        ("Harrogate", "york", ("HG1", "YO1"), 18.6),
        ("Cambridge", "Ely", ("CB1", "CB6"), 14.9),
    ],
)
def test_towns_without_venues_are_found_at_known_distances(
    place_names: None, first: str, second: str, districts: tuple[str, str], about: float
) -> None:
    measured = miles_between(place_for(first).point, place_for(second).point)
    assert measured == pytest.approx(_grid_miles(*districts), rel=0.005)
    assert measured == pytest.approx(about, abs=0.15)


@needs_shared_data
@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("St. Albans", "St. Albans"),
        ("st albans", "St. Albans"),
        ("Saint Albans", "St. Albans"),
        ("STOKE-ON-TRENT", "Stoke-on-Trent"),
        ("stoke on trent", "Stoke-on-Trent"),
        ("burton on trent", "Burton-on-Trent"),
        ("Kingston upon Hull", "Kingston upon Hull"),  # the local authority's name
        ("Newport, Shropshire", "Newport, Shropshire"),
        ("newport, isle of wight", "Newport, Isle of Wight"),
        ("Newport, PO30", "Newport, Isle of Wight"),
        ("Bangor", "Bangor, Gwynedd"),  # Wales; the Northern Irish one cannot be searched near
    ],
)
def test_a_town_is_found_however_it_is_written(place_names: None, typed: str, shown: str) -> None:
    assert place_for(typed).name == shown


@needs_shared_data
def test_a_name_shared_by_two_english_towns_asks_which(place_names: None) -> None:
    with pytest.raises(PlaceNotFound) as problem:
        place_for("Newport")
    assert str(problem.value) == "There is more than one Newport in England. Choose one, or enter a postcode."
    assert problem.value.question == "Which Newport did you mean?"
    assert problem.value.choices == ("Newport, Isle of Wight", "Newport, Shropshire")


@needs_shared_data
@pytest.mark.parametrize("typed", ["Newport", "newcastle", "Richmond", "Sutton", "Ashford", "Newport, Wales"])
def test_each_choice_of_a_shared_name_is_found_as_written(place_names: None, typed: str) -> None:
    with pytest.raises(PlaceNotFound) as problem:
        place_for(typed)
    assert len(problem.value.choices) > 1
    found = [place_for(choice) for choice in problem.value.choices]
    # Each choice finds its own place, named as chosen (without the county when the name is not shared).
    assert all(choice.startswith(place.name) for choice, place in zip(problem.value.choices, found, strict=True))
    assert len({place.point for place in found}) == len(found)


@needs_shared_data
def test_two_places_of_one_name_outside_england_are_offered_without_saying_england(place_names: None) -> None:
    with pytest.raises(PlaceNotFound) as problem:
        place_for("Newport, Wales")
    assert str(problem.value) == "There is more than one Newport. Choose one, or enter a postcode."
    assert problem.value.choices == ("Newport, Dyfed", "Newport, Gwent")


@needs_shared_data
def test_a_short_name_also_offers_the_towns_named_more_fully(place_names: None) -> None:
    with pytest.raises(PlaceNotFound) as problem:
        place_for("newcastle")
    assert str(problem.value) == "There is more than one Newcastle in England. Choose one, or enter a postcode."
    assert problem.value.choices == ("Newcastle upon Tyne, Tyne and Wear", "Newcastle, Staffordshire")
    assert place_for("Newcastle upon Tyne").name == "Newcastle upon Tyne"
    assert place_for("Newcastle upon Tyne, Tyne and Wear").area == Area.NORTH_EAST
    assert place_for("Newcastle, Staffordshire").area == Area.WEST_MIDLANDS


@needs_shared_data
def test_a_name_in_england_and_elsewhere_picks_the_english_one_and_says_which(place_names: None) -> None:
    # Alford: Lincolnshire and Aberdeenshire.
    place = place_for("alford")
    assert place.name == "Alford, Lincolnshire"
    assert place.area == Area.EAST_MIDLANDS
    assert place_for("Alford, Aberdeenshire").latitude > 57


@needs_shared_data
@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (
            "Harogate",
            "We could not find a town called ‘Harogate’. "
            "Check the spelling, choose a place we suggest, or enter a postcode.",
        ),
        ("Atlantis", "We could not find a town called ‘Atlantis’. Check the spelling, or enter a postcode."),
        ("Newry", "We cannot search near Newry: it is not in Great Britain. Enter a town or postcode in England."),
        (
            "Newport, Narnia",
            "We could not find a town called ‘Newport, Narnia’. Choose a place called Newport, or enter a postcode.",
        ),
    ],
)
def test_unknown_places_are_suggested_from_the_place_names(place_names: None, typed: str, message: str) -> None:
    with pytest.raises(PlaceNotFound) as problem:
        place_for(typed)
    assert str(problem.value) == message


@needs_shared_data
@pytest.mark.parametrize(
    ("typed", "question", "choices"),
    [
        ("Harogate", "Did you mean one of these places?", ("Harrogate", "Margate")),
        ("Newprt", "Did you mean this place?", ("Newport",)),
        ("Newport, Narnia", "Which Newport did you mean?", ("Newport, Isle of Wight", "Newport, Shropshire")),
        ("Leeds, Narnia", "Did you mean this place?", ("Leeds, West Yorkshire",)),
        ("Atlantis", "", ()),
        ("Newry", "", ()),
    ],
)
def test_unknown_places_offer_the_places_meant_as_choices(
    place_names: None, typed: str, question: str, choices: tuple[str, ...]
) -> None:
    with pytest.raises(PlaceNotFound) as problem:
        place_for(typed)
    assert (problem.value.question, problem.value.choices) == (question, choices)


@needs_shared_data
def test_places_that_cannot_be_searched_near_are_not_suggested(place_names: None) -> None:
    # Newry (Northern Ireland) has no position; a slip from it must not be offered as a search.
    with pytest.raises(PlaceNotFound) as problem:
        place_for("Newrry")
    assert "Newry" not in problem.value.choices


def test_without_place_names_towns_of_venues_are_still_found() -> None:
    college = build.provider()
    build.venue(college, "HG1 1AA", town="Harrogate")
    assert place_for("harrogate").name == "Harrogate"
    with pytest.raises(PlaceNotFound) as problem:
        place_for("Harogate")
    assert problem.value.choices == ("Harrogate",)


@needs_shared_data
def test_a_town_has_the_area_of_its_local_authority(place_names: None) -> None:
    assert place_for("Leeds").area == Area.YORKSHIRE_AND_HUMBER
    assert place_for("St Albans").area == Area.EAST_OF_ENGLAND
    assert place_for("Bangor").area is None  # Wales: none of our areas


# Online and work-based runs near a place ---------------------------------------------------


@pytest.fixture
def around_leeds() -> dict[str, Any]:
    """LS1 is in Leeds (Yorkshire and the Humber); a venue in Leeds and one in London; online runs;
    work-based runs in Yorkshire, in London only, and in all of England."""
    PostcodeDistrict.objects.create(outward_code="LS1", local_authority="E08000035", loaded_at=timezone.now())
    college = build.provider()
    leeds, london = build.venue(college, "LS1 1UR"), build.venue(college, "SW1A 1AA", town="London")
    runs = {
        "leeds": build.run(build.course(college, "Welding at college"), leeds),
        "london": build.run(build.course(college, "Welding in London"), london),
        "online": build.run(build.course(college, "Welding online")),
        "yorkshire": build.run(build.course(college, "Welding apprenticeship"), delivery_mode="work_based"),
        "london_work": build.run(build.course(college, "Welding apprenticeship London"), delivery_mode="work_based"),
        "national": build.run(
            build.course(college, "Welding apprenticeship national"), delivery_mode="work_based", national=True
        ),
    }
    RunRegion.objects.create(run=runs["yorkshire"], area=Area.YORKSHIRE_AND_HUMBER)
    RunRegion.objects.create(run=runs["yorkshire"], area=Area.NORTH_EAST)
    RunRegion.objects.create(run=runs["london_work"], area=Area.LONDON)
    return runs


def test_a_place_shows_online_runs_and_work_based_runs_in_its_area_after_the_venues(
    around_leeds: dict[str, Any],
) -> None:
    place = place_for("LS1 4AP")
    assert place.area == Area.YORKSHIRE_AND_HUMBER
    found = course_search(Criteria(keyword="welding", place=place))
    titles = [run.course.title for run in found.runs]
    assert titles[0] == "Welding at college"
    assert set(titles[1:3]) == {"Welding apprenticeship", "Welding apprenticeship national"}
    assert titles[3:] == ["Welding online"]
    assert found.total == 4
    assert found.runs[0].distance == pytest.approx(0.5, abs=0.1)
    assert all(run.distance is None for run in found.runs[1:])


def test_learning_method_filter_and_counts_include_runs_not_at_a_venue(around_leeds: dict[str, Any]) -> None:
    place = place_for("LS1 4AP")
    found = course_search(Criteria(place=place, delivery_modes=["online"]))
    assert [run.course.title for run in found.runs] == ["Welding online"]
    (methods,) = [facet for facet in found.facets if facet.name == "method"]
    assert {option.value: option.count for option in methods.options} == {
        "classroom": 1,
        "online": 1,
        "work_based": 2,
        "blended": 0,
    }
    work_based = course_search(Criteria(place=place, delivery_modes=["work_based"]))
    assert work_based.total == 2


def test_counts_kept_for_one_area_give_each_area_its_own_work_based_runs(around_leeds: dict[str, Any]) -> None:
    PostcodeDistrict.objects.create(outward_code="SW1A", local_authority="E09000033", loaded_at=timezone.now())
    PostcodeDistrict.objects.create(outward_code="NE1", local_authority="E08000021", loaded_at=timezone.now())
    leeds, london, newcastle = place_for("LS1 4AP"), place_for("SW1A 1AA"), place_for("NE1 4ST")
    assert (leeds.area, london.area, newcastle.area) == (Area.YORKSHIRE_AND_HUMBER, Area.LONDON, Area.NORTH_EAST)

    def work_based(place: Any) -> tuple[int, set[str]]:
        found = course_search(Criteria(keyword="apprenticeship", place=place, delivery_modes=["work_based"]))
        return found.total, {run.course.title for run in found.runs}

    national = "Welding apprenticeship national"
    with CaptureQueriesContext(connection) as first:
        assert work_based(leeds) == (2, {"Welding apprenticeship", national})
    with CaptureQueriesContext(connection) as then:
        assert work_based(london) == (2, {"Welding apprenticeship London", national})
        assert work_based(newcastle) == (2, {"Welding apprenticeship", national})

    # The first search counted every area's runs; the others read a page only (and no venues near).
    def counted(queries: CaptureQueriesContext) -> tuple[int, int]:
        grouped = [query["sql"] for query in queries.captured_queries if "GROUP BY" in query["sql"]]
        return len(grouped), sum('"region_links__area"' in sql for sql in grouped)

    # The first search counted the nearby venues and read the runs not at a venue of every area
    # (kept by the process); the next two counted their nearby venues only.
    assert counted(first) == (2, 1)
    assert counted(then) == (2, 0)


def test_counts_near_a_place_follow_the_directory_as_it_changes(
    around_leeds: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    place = place_for("LS1 4AP")

    def online() -> tuple[int, int]:
        found = course_search(Criteria(keyword="welding", place=place))
        (methods,) = [facet for facet in found.facets if facet.name == "method"]
        return found.total, {option.value: option.count for option in methods.options}["online"]

    assert online() == (4, 1)
    run = around_leeds["online"]
    with django_capture_on_commit_callbacks(execute=True):
        type(run).objects.filter(pk=run.pk).update(withdrawn_at=timezone.now())
        announce_courses_changed([run.course_id])
    assert online() == (3, 0)
    # An emptied cache starts a new version too: nothing read before it is used again.
    cache.clear()
    assert online() == (3, 0)
    type(run).objects.filter(pk=run.pk).update(withdrawn_at=None)
    cache.clear()
    assert online() == (4, 1)


def test_after_a_change_only_the_courses_it_names_are_read_again(
    around_leeds: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    place = place_for("LS1 4AP")
    assert course_search(Criteria(keyword="welding", place=place)).total == 4
    run = around_leeds["national"]

    def search_reading(of_some_courses: bool) -> tuple[int, list[str]]:
        with CaptureQueriesContext(connection) as queries:
            total = course_search(Criteria(keyword="welding", place=place)).total
        read = [query["sql"] for query in queries.captured_queries if '"region_links__area"' in query["sql"]]
        return total, [sql for sql in read if ('"course_id" IN' in sql) == of_some_courses]

    with django_capture_on_commit_callbacks(execute=True):
        type(run).objects.filter(pk=run.pk).update(withdrawn_at=timezone.now())
        announce_courses_changed([run.course_id])
    total, read = search_reading(of_some_courses=True)
    assert total == 3 and len(read) == 1  # that course's runs only

    # A change the cache no longer holds (or one that named no courses): everything is read again.
    with django_capture_on_commit_callbacks(execute=True):
        type(run).objects.filter(pk=run.pk).update(withdrawn_at=None)
        announce_courses_changed([run.course_id])
    cache.delete(f"{selectors._CHANGED_COURSES}:{cache.get(selectors._DIRECTORY_VERSION)}")
    total, read = search_reading(of_some_courses=False)
    assert total == 4 and len(read) == 1


def test_a_place_without_a_known_area_shows_national_work_based_runs_only(around_leeds: dict[str, Any]) -> None:
    place = place_for("LS6 1AA")  # no district row loaded: no local authority, so no area
    assert place.area is None
    titles = {run.course.title for run in course_search(Criteria(place=place, distance=5)).runs}
    assert titles == {"Welding at college", "Welding online", "Welding apprenticeship national"}


def test_sorting_by_start_date_near_a_place_keeps_the_same_runs(around_leeds: dict[str, Any]) -> None:
    found = course_search(Criteria(place=place_for("LS1 4AP"), sort="start_date"))
    assert found.sort == "start_date" and found.total == 4


# Both ways of reading a page of the runs elsewhere: their ids all at once, or in the order of their index.
@pytest.mark.parametrize("few_runs_elsewhere", [selectors.FEW_RUNS_ELSEWHERE, 0])
def test_a_page_can_end_the_nearby_venues_and_start_the_runs_elsewhere(
    few_runs_elsewhere: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(selectors, "FEW_RUNS_ELSEWHERE", few_runs_elsewhere)
    college = build.provider()
    at = build.venue(college, "LS1 1UR")
    start = timezone.localdate() + datetime.timedelta(days=1)
    for number in range(25):
        build.run(build.course(college, f"Welding {number:02}"), at, start=start + datetime.timedelta(days=number))
    for number in range(12):
        build.run(build.course(college, f"Welding online {number:02}"), start=start + datetime.timedelta(days=number))
    build.run(build.course(college, "Welding apprenticeship"), delivery_mode="work_based", national=True)
    build.run(build.course(college, "Welding anytime online"), flexible_start=True)
    place = place_for("LS1 4AP")
    first = course_search(Criteria(keyword="welding", place=place))
    second = course_search(Criteria(keyword="welding", place=place, page=2))
    assert (first.total, first.pages) == (39, 2)
    assert [run.course.title for run in first.runs] == [f"Welding {number:02}" for number in range(20)]
    assert [run.course.title for run in second.runs] == [
        *(f"Welding {number:02}" for number in range(20, 25)),
        "Welding apprenticeship",
        "Welding anytime online",
        *(f"Welding online {number:02}" for number in range(12)),
    ]


def test_the_counts_elsewhere_are_kept_until_the_directory_changes(
    around_leeds: dict[str, Any],
) -> None:
    place = place_for("LS1 4AP")
    assert course_search(Criteria(place=place)).total == 4
    with CaptureQueriesContext(connection) as queries:
        again = course_search(Criteria(place=place))
    assert again.total == 4
    # Only the nearby venues' runs were counted again.
    assert len([query for query in queries.captured_queries if "GROUP BY" in query["sql"]]) == 1
    college = around_leeds["online"].course.provider
    added = build.run(build.course(college, "Welding online again"), announce=False)
    assert course_search(Criteria(place=place)).total == 4  # kept: nothing said the directory changed
    course_directory_changed.send(sender=None, course_ids=[added.course_id])
    assert course_search(Criteria(place=place)).total == 5
    # Kept for each keyword apart, and for every place in the area.
    assert course_search(Criteria(keyword="welding online", place=place)).total == 2
    more = build.run(build.course(college, "Welding online once more"), announce=False)
    assert course_search(Criteria(keyword="welding online", place=place_for("LS1 1UR"))).total == 2
    course_directory_changed.send(sender=None, course_ids=[more.course_id])
    assert course_search(Criteria(keyword="welding online", place=place)).total == 3
