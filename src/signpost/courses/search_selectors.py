"""Reads for the public course search and course pages (the rules are in search.py).

A search is two queries whatever is chosen: the runs grouped by their filter values, from which
every option's count is summed, and the page of 20 runs with their course, provider and venue.
Near a place, the runs not at a venue are counted from what the process keeps of them
(ElsewhereRuns) and the courses the keyword matches, and a page reaching them reads them too.
"""

from __future__ import annotations

import datetime
import hashlib
import math
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db import connections
from django.db.models import (
    Avg,
    BooleanField,
    Case,
    CharField,
    Count,
    F,
    FloatField,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.utils import timezone
from rapidfuzz.distance import OSA

from signpost.core import geography
from signpost.core.models import PlaceName
from signpost.courses import codes, rules
from signpost.courses.models import Course, CourseRun, RunRegion, Venue
from signpost.courses.search import (
    COURSE_TEXT,
    DEFAULT_DISTANCE,
    EARTH_RADIUS_MILES,
    IGNORED_WORDS,
    PAGE_SIZE,
    START_3_TO_6_MONTHS,
    START_AFTER_6_MONTHS,
    START_DATES,
    START_WITHIN_3_MONTHS,
    Alternative,
    Group,
    Vocabulary,
    bounding_box,
    keyword_groups,
    months_on,
    start_date_range,
)
from signpost.customers.selectors import area_for_local_authority
from signpost.search.text import fold, tokens, word_near

# Places ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    name: str  # as we show it: "LS1 4AP", "LS1", "Leeds", "Newport, Shropshire"
    latitude: float
    longitude: float
    # Our area (organisations.Area) holding the place, for work-based runs offered there; None
    # when not known (no local authority loaded, or outside England).
    area: int | None = None

    @property
    def point(self) -> tuple[float, float]:
        return (self.latitude, self.longitude)


class PlaceNotFound(ValueError):
    """What was typed is not a place we can search near; the message says what to do.

    ``choices`` are places the person may have meant, each written so that place_for finds it
    ("Newport, Shropshire"), for the page to offer as links under ``question``.
    """

    def __init__(self, message: str, choices: Sequence[str] = (), question: str = "") -> None:
        super().__init__(message)
        self.choices = tuple(choices)
        self.question = question


def _looks_like_district(compact: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]{1,2}[0-9][A-Z0-9]?", compact))


def place_for(text: str) -> Place:
    """A full postcode, a postcode district, a town or local authority (the loaded place names,
    then towns with venues in the directory), in any case.

    Raises PlaceNotFound with a message for the person searching.
    """
    typed = " ".join((text or "").split())
    compact = typed.replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z0-9]{2,7}", compact) or not re.search(r"[0-9]", compact):
        return _town(typed)
    # Reading a postcode area's file of positions takes a while; the answer never changes.
    key = f"courses:search:place:v2:{compact}"
    found = cache.get(key)
    if found is None:
        try:
            found = _postcode_place(typed, compact)
        except PlaceNotFound as problem:
            found = str(problem)
        cache.set(key, found, 24 * 60 * 60)
    if isinstance(found, str):
        raise PlaceNotFound(found)
    return Place(*found)


def _area(local_authority: str) -> int | None:
    return area_for_local_authority(local_authority)


def _postcode_place(typed: str, compact: str) -> tuple[str, float, float, int | None]:
    if _looks_like_district(compact):
        # The district's centre as signpost.core.geography places a new postcode there.
        centre = geography._district_centre(compact)
        if centre is None:
            raise PlaceNotFound(
                f"We could not find the postcode district ‘{typed}’. Check it, or enter a full postcode or a town."
            )
        return (compact, *centre, _area(geography.local_authority_for_district(compact)))
    try:
        located = geography.locate_postcode(compact)
    except geography.InvalidPostcode:
        raise PlaceNotFound(
            f"‘{typed}’ is not a full postcode. Enter a full postcode like LS1 4AP, the first part like LS1, or a town."
        ) from None
    if located is None:
        raise PlaceNotFound(
            f"We could not find the postcode ‘{geography.normalise_postcode(compact)}’. "
            "Check it, or enter a town or the first part of the postcode."
        )
    if located.latitude is None or located.longitude is None:
        raise PlaceNotFound(
            f"We cannot search near ‘{located.postcode}’: it is not in Great Britain. "
            "Enter a town or postcode in England."
        )
    return (located.postcode, located.latitude, located.longitude, _area(located.local_authority))


def _town(typed: str) -> Place:
    if not typed:
        raise PlaceNotFound("Enter a town or postcode.")
    name, _, qualifier = typed.partition(",")
    everywhere = named = geography.places_named(name)
    if named:
        # "Newcastle" may mean Newcastle upon Tyne as much as the town called just Newcastle.
        everywhere = named = named + geography.places_named_more_fully(name)
    if qualifier.strip():
        # "Newport, Shropshire", "Newport, TF10" or "Newport, Wales": the county, district or country.
        wanted = geography.place_key(qualifier)
        named = [
            place
            for place in named
            if wanted in {geography.place_key(place.county), place.outward_code.lower(), place.country.lower()}
        ]
    if named:
        return _named_place(named, everywhere)
    of_that_name = _place_choices(everywhere)
    if of_that_name:
        # The name is right but not where it was said to be: offer the places of that name.
        raise PlaceNotFound(
            f"We could not find a town called ‘{typed}’. Choose a place called {everywhere[0].name}, "
            "or enter a postcode.",
            of_that_name,
            question=f"Which {everywhere[0].name} did you mean?"
            if len(of_that_name) > 1
            else "Did you mean this place?",
        )
    at_venues = _venue_town(name.strip())
    if at_venues is not None:
        return at_venues
    near = _towns_near(name)
    if not near:
        raise PlaceNotFound(f"We could not find a town called ‘{typed}’. Check the spelling, or enter a postcode.")
    raise PlaceNotFound(
        f"We could not find a town called ‘{typed}’. "
        "Check the spelling, choose a place we suggest, or enter a postcode.",
        near,
        question="Did you mean one of these places?" if len(near) > 1 else "Did you mean this place?",
    )


def _named_place(named: list[PlaceName], everywhere: list[PlaceName]) -> Place:
    """One of the places with the typed name: the town rather than the local authority of the same
    name, the one in England when only one is; otherwise the person chooses."""
    candidates = _candidates(named)
    if not candidates:
        raise PlaceNotFound(
            f"We cannot search near {named[0].name}: it is not in Great Britain. Enter a town or postcode in England."
        )
    by_county = _by_county(candidates)
    if len(by_county) > 1:
        where = " in England" if candidates[0].country == "England" else ""
        raise PlaceNotFound(
            f"There is more than one {candidates[0].name}{where}. Choose one, or enter a postcode.",
            _place_choices(candidates),
            question=f"Which {candidates[0].name} did you mean?",
        )
    chosen = next(iter(by_county.values()))
    # Say which one was chosen when the name is shared, so that a person meaning another can tell.
    shared = len({(place.county, place.country) for place in everywhere if place.kind == chosen.kind}) > 1
    shown = f"{chosen.name}, {chosen.county or chosen.country}" if shared else chosen.name
    return Place(shown, float(chosen.latitude), float(chosen.longitude), _area(chosen.local_authority))  # type: ignore[arg-type]


def _candidates(named: list[PlaceName]) -> list[PlaceName]:
    """The places we can search near: the towns rather than local authorities of the same name,
    those in England when any are."""
    placed = [place for place in named if place.latitude is not None and place.longitude is not None]
    towns = [place for place in placed if place.kind == PlaceName.Kind.TOWN] or placed
    return [place for place in towns if place.country == "England"] or towns


def _by_county(candidates: list[PlaceName]) -> dict[tuple[str, str], PlaceName]:
    # A town listed under more than one postcode district of one county is one place.
    return {(place.name.lower(), place.county.lower()): place for place in reversed(candidates)}


def _place_choices(named: list[PlaceName]) -> list[str]:
    """Each place as place_for finds it again: its name and county (or country)."""
    return sorted(f"{place.name}, {place.county or place.country}" for place in _by_county(_candidates(named)).values())


def _venue_town(typed: str) -> Place | None:
    # A town name can be in more than one county: take the local authority with most venues.
    best = (
        Venue.objects.filter(town__iexact=typed, latitude__isnull=False, longitude__isnull=False)
        .values("local_authority")
        .annotate(venues=Count("id"), latitude=Avg("latitude"), longitude=Avg("longitude"))
        .order_by("-venues", "local_authority")
        .first()
    )
    if best is None:
        return None
    town = Venue.objects.filter(town__iexact=typed).values_list("town", flat=True).first() or typed
    return Place(town, float(best["latitude"]), float(best["longitude"]), _area(best["local_authority"]))


def _towns_near(typed: str, limit: int = 3) -> list[str]:
    """Place names and towns in the directory a slip or two from what was typed, closest first."""
    wanted = geography.place_key(typed)
    if len(wanted) < 4:
        return []
    names = {geography.place_key(name): name for name in Venue.objects.values_list("town", flat=True).distinct()}
    # Only places we can search near: each suggestion is offered as a search.
    searchable = PlaceName.objects.filter(latitude__isnull=False, longitude__isnull=False)
    for name, key in searchable.order_by("-kind", "name").values_list("name", "match_key"):
        names[key] = name
    close = [(OSA.distance(wanted, key), name) for key, name in names.items() if word_near(wanted, key)]
    return list(dict.fromkeys(name for _, name in sorted(close)))[:limit]


# What was asked ------------------------------------------------------------------------------

SORT_DISTANCE = "distance"
SORT_RELEVANCE = "relevance"
SORT_START_DATE = "start_date"


@dataclass
class Criteria:
    keyword: str = ""
    place: Place | None = None
    distance: int = DEFAULT_DISTANCE
    sort: str = ""  # empty: by distance near a place, by relevance for a keyword, else by start date
    course_types: list[str] = field(default_factory=list)
    sectors: list[int] = field(default_factory=list)
    delivery_modes: list[str] = field(default_factory=list)
    study_modes: list[str] = field(default_factory=list)
    attendances: list[str] = field(default_factory=list)
    levels: list[int] = field(default_factory=list)
    start_date: str = ""
    page: int = 1

    def chosen_sort(self) -> str:
        if self.sort == SORT_DISTANCE and self.place is not None:
            return SORT_DISTANCE
        if self.sort == SORT_RELEVANCE and keyword_groups(self.keyword):
            return SORT_RELEVANCE
        if self.sort == SORT_START_DATE:
            return SORT_START_DATE
        if self.place is not None:
            return SORT_DISTANCE
        return SORT_RELEVANCE if keyword_groups(self.keyword) else SORT_START_DATE


@dataclass(frozen=True)
class Facet:
    """A filter: the URL parameter, its heading, the field of a run it filters and its options."""

    name: str
    label: str
    lookup: str
    choices: tuple[tuple[Any, str], ...]
    criteria_attribute: str


FACETS = (
    Facet("type", "Course type", "course__course_type", tuple(codes.CourseType.choices), "course_types"),
    Facet("sector", "Sector", "course__sector", tuple(codes.Sector.choices), "sectors"),
    Facet("method", "Learning method", "delivery_mode", tuple(codes.DeliveryMode.choices), "delivery_modes"),
    Facet("hours", "Course hours", "study_mode", tuple(codes.StudyMode.choices), "study_modes"),
    Facet("time", "Study time", "attendance", tuple(codes.Attendance.choices), "attendances"),
    Facet("level", "Qualification level", "course__level", tuple(codes.Level.choices), "levels"),
)
START_DATE_FACET = "start"


def _start_condition(choice: str, today: datetime.date) -> Q:
    first, end = start_date_range(choice, today)
    dated = Q(start_date__gte=first) & (Q(start_date__lt=end) if end else Q())
    if choice in ("", "next_3_months"):
        return dated | Q(flexible_start=True)
    return dated


def _facet_condition(facet: Facet, criteria: Criteria) -> Q:
    chosen = getattr(criteria, facet.criteria_attribute)
    return Q(**{f"{facet.lookup}__in": chosen}) if chosen else Q()


# PostgreSQL: each course's folded words, kept by the database (migration 0003).
SEARCH_WORDS_COLUMN = "search_words"


# The keyword, as a query on the course text index -------------------------------------------


def _fts5_query(groups: list[Group]) -> str:
    # Folded words hold letters and digits only; each is quoted as an FTS5 string all the same.
    def alternative(alt: Alternative) -> str:
        words = [f'"{word}"' if alt.whole else f'"{word}"*' for word in alt.words]
        return words[0] if len(words) == 1 else "(" + " AND ".join(words) + ")"

    return " AND ".join("(" + " OR ".join(alternative(alt) for alt in group) + ")" for group in groups)


def _tsquery(groups: list[Group]) -> str:
    def alternative(alt: Alternative) -> str:
        words = [word if alt.whole else f"{word}:*" for word in alt.words]
        return words[0] if len(words) == 1 else "(" + " & ".join(words) + ")"

    return " & ".join("(" + " | ".join(alternative(alt) for alt in group) + ")" for group in groups)


def _matching_courses_sql(groups: list[Group], using: str) -> tuple[str, tuple[str]]:
    """SQL selecting the ids of the courses whose text matches the keyword, with its parameters."""
    connection = connections[using]
    quote = connection.ops.quote_name
    if connection.vendor == "postgresql":
        # The stored column of folded words (migration 0003), served by its GIN index.
        sql = (
            f"SELECT {quote('id')} FROM {quote(COURSE_TEXT.table)} "  # noqa: S608  # nosec B608
            f"WHERE {quote(SEARCH_WORDS_COLUMN)} @@ to_tsquery('simple'::regconfig, %s)"
        )
        return sql, (_tsquery(groups),)
    fts = quote(COURSE_TEXT.fts_table)
    return f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s", (_fts5_query(groups),)  # noqa: S608  # nosec B608


def _keyword_condition(groups: list[Group], using: str, *, near_a_place: bool = False) -> RawSQL:
    connection = connections[using]
    quote = connection.ops.quote_name
    run_course = f"{quote(CourseRun._meta.db_table)}.{quote('course_id')}"
    if near_a_place and connection.vendor == "sqlite":
        # SQLite would start from every course matching the words nationally (thousands for
        # "maths"); the unary plus tells it to start from the venues in the box instead.
        run_course = f"+{run_course}"
    matched, params = _matching_courses_sql(groups, using)
    return RawSQL(f"{run_course} IN ({matched})", params, output_field=BooleanField())  # noqa: S611  # nosec B611


def _joined_course_has_words(groups: list[Group], using: str) -> RawSQL:
    """PostgreSQL: the keyword tested on the run's course as joined by the query, rather than
    through a subquery of its own."""
    quote = connections[using].ops.quote_name
    words = f"{quote(COURSE_TEXT.table)}.{quote(SEARCH_WORDS_COLUMN)}"
    return RawSQL(f"{words} @@ to_tsquery('simple'::regconfig, %s)", (_tsquery(groups),), output_field=BooleanField())  # noqa: S611  # nosec B611


def _has_typed_words(keyword: str, using: str) -> RawSQL:
    """1 when every word as typed (not a synonym or a correction) starts a word of the course text:
    those courses come first in a search by relevance."""
    typed = [word for word in tokens(keyword) if word not in IGNORED_WORDS]
    connection = connections[using]
    quote = connection.ops.quote_name
    if connection.vendor == "postgresql":
        words = f"{quote(COURSE_TEXT.table)}.{quote(SEARCH_WORDS_COLUMN)}"
        sql = f"CASE WHEN {words} @@ to_tsquery('simple'::regconfig, %s) THEN 1 ELSE 0 END"
        query = " & ".join(f"{word}:*" for word in typed)
    else:
        fts = quote(COURSE_TEXT.fts_table)
        course = f"{quote(COURSE_TEXT.table)}.{quote('id')}"
        sql = f"CASE WHEN {course} IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s) THEN 1 ELSE 0 END"  # noqa: S608  # nosec B608
        query = " AND ".join(f'"{word}"*' for word in typed)
    return RawSQL(sql, (query,), output_field=IntegerField())  # noqa: S611  # nosec B611


def _title_likeness(keyword: str, using: str) -> RawSQL:
    """How alike the title and what was typed are, 0 to 1: trigram similarity on PostgreSQL, the
    search engine's ratio on SQLite (the same measure signpost.search ranks by), on the title as
    stored so that nothing is folded again row by row."""
    connection = connections[using]
    quote = connection.ops.quote_name
    title = f"{quote(COURSE_TEXT.table)}.{quote('title')}"
    function = "similarity(%s, lower({}))" if connection.vendor == "postgresql" else "search_similarity(%s, {})"
    return RawSQL(function.format(title), (" ".join(tokens(keyword)),), output_field=FloatField())  # noqa: S611  # nosec B611


VOCABULARY_LIFETIME = 600  # seconds
_vocabulary: tuple[float, Vocabulary] | None = None


def vocabulary() -> Vocabulary:
    """Every word of the course text, kept by each process for 10 minutes: a new course's words
    are found at once by the index; only correcting a slip in them waits for the next refresh."""
    global _vocabulary
    now = time.monotonic()
    if _vocabulary is None or now - _vocabulary[0] > VOCABULARY_LIFETIME:
        words: set[str] = set()
        for row in Course.objects.values_list(*COURSE_TEXT.columns).distinct().iterator(chunk_size=5000):
            words.update(fold(" ".join(row)).split())
        _vocabulary = (now, Vocabulary(words))
    return _vocabulary[1]


def forget_vocabulary() -> None:
    """Read the words afresh on the next search (tests that change the directory)."""
    global _vocabulary
    _vocabulary = None


# The search ----------------------------------------------------------------------------------


def _distance_miles(place: Place, using: str) -> RawSQL:
    """Haversine in SQL over the venue's position, the same formula as search.miles_between.

    Written as one SQL expression rather than a tree of ORM functions: it is compiled for every
    search, and the tree took longer to compile than the database took to run it. The venue is
    joined by the box filter under its table's name."""
    quote = connections[using].ops.quote_name
    venue = quote(Venue._meta.db_table)
    latitude, longitude = f"radians({venue}.{quote('latitude')})", f"radians({venue}.{quote('longitude')})"
    sql = (
        f"(%s * asin(sqrt(power(sin(({latitude} - %s) / 2), 2) "
        f"+ %s * cos({latitude}) * power(sin(({longitude} - %s) / 2), 2))))"
    )
    here_latitude, here_longitude = math.radians(place.latitude), math.radians(place.longitude)
    params = (2 * EARTH_RADIUS_MILES, here_latitude, math.cos(here_latitude), here_longitude)
    return RawSQL(sql, params, output_field=FloatField())  # noqa: S611  # nosec B611 - numbers only


def _matching_runs(criteria: Criteria, today: datetime.date, using: str, *, near_a_place: bool) -> QuerySet[CourseRun]:
    """Listed runs (rules.listed_runs) that match the keyword."""
    runs = CourseRun.objects.using(using).filter(rules.listed_runs(today))
    groups = keyword_groups(criteria.keyword, vocabulary() if tokens(criteria.keyword) else None)
    if groups:
        runs = runs.filter(_keyword_condition(groups, using, near_a_place=near_a_place))
    return runs


def _runs_at_venues_near(criteria: Criteria, place: Place, today: datetime.date, using: str) -> QuerySet[CourseRun]:
    """Matching runs at venues within the distance, with their ``distance`` in miles."""
    box = bounding_box(place.point, criteria.distance)
    return (
        _matching_runs(criteria, today, using, near_a_place=True)
        .filter(venue__latitude__range=(box.south, box.north), venue__longitude__range=(box.west, box.east))
        .annotate(distance=_distance_miles(place, using))
        .filter(distance__lte=criteria.distance)
    )


def _not_at_a_venue_condition(place: Place, using: str) -> Q:
    """Online runs (anywhere) and work-based runs offered in the place's area or all of England."""
    work_based = Q(national=True)
    if place.area is not None:
        work_based |= Q(id__in=RunRegion.objects.using(using).filter(area=place.area).values("run_id"))
    return Q(delivery_mode=codes.DeliveryMode.ONLINE) | (Q(delivery_mode=codes.DeliveryMode.WORK_BASED) & work_based)


def _listed_runs_on_matching_courses(criteria: Criteria, today: datetime.date, using: str) -> QuerySet[CourseRun]:
    """PostgreSQL: listed runs whose course, as joined by the query, matches the keyword. Testing
    the course already joined reads each course once; through its own subquery the keyword read
    the courses table a second time (about a third of the count of a broad one)."""
    runs = CourseRun.objects.using(using).filter(rules.listed_runs(today))
    groups = keyword_groups(criteria.keyword, vocabulary() if tokens(criteria.keyword) else None)
    if groups:
        # The alias joins the course, whatever else the query reads.
        runs = runs.alias(course_level=F("course__level")).filter(_joined_course_has_words(groups, using))
    return runs


def _runs_not_at_a_venue(criteria: Criteria, place: Place, today: datetime.date, using: str) -> QuerySet[CourseRun]:
    """Matching runs not at a venue that the place can take (_not_at_a_venue_condition), for a
    page of them: each run's course is joined, which the keyword is tested on in PostgreSQL."""
    vendor = connections[using].vendor
    if vendor == "postgresql":
        return _listed_runs_on_matching_courses(criteria, today, using).filter(_not_at_a_venue_condition(place, using))
    runs = _matching_runs(criteria, today, using, near_a_place=False)
    if vendor != "sqlite" or not keyword_groups(criteria.keyword):
        return runs.filter(_not_at_a_venue_condition(place, using))
    # SQLite would read every online and work-based run from the learning method index (nearly
    # half the directory) and test the keyword on each; the unary plus tells it to start from
    # the courses matching the keyword instead, a few per cent of them.
    quote = connections[using].ops.quote_name
    run = quote(CourseRun._meta.db_table)
    mode, national = f"+{run}.{quote('delivery_mode')}", f"{run}.{quote('national')}"
    regions = (
        f"{run}.{quote('id')} IN (SELECT {quote('run_id')} FROM {quote(RunRegion._meta.db_table)} "  # noqa: S608  # nosec B608
        f"WHERE {quote('area')} = %s)"
    )
    in_area = f"({national} OR {regions})" if place.area is not None else national
    sql = f"({mode} = %s OR ({mode} = %s AND {in_area}))"
    params: tuple[str | int, ...] = (codes.DeliveryMode.ONLINE.value, codes.DeliveryMode.WORK_BASED.value)
    params += (place.area,) if place.area is not None else ()
    return runs.filter(RawSQL(sql, params, output_field=BooleanField()))  # noqa: S611  # nosec B611


def _base_runs(criteria: Criteria, today: datetime.date, using: str = "default") -> QuerySet[CourseRun]:
    """Every run the search finds: near a place, the runs at venues within the distance (with
    their ``distance``) and the runs not at a venue that the place can take (None for distance)."""
    place = criteria.place
    if place is None:
        return _matching_runs(criteria, today, using, near_a_place=False)
    box = bounding_box(place.point, criteria.distance)
    venues_in_box = Venue.objects.using(using).filter(
        latitude__range=(box.south, box.north), longitude__range=(box.west, box.east)
    )
    # Every term is on the run's own indexed columns; the venue is joined only to measure.
    return (
        _matching_runs(criteria, today, using, near_a_place=False)
        .filter(Q(venue_id__in=venues_in_box.values("id")) | _not_at_a_venue_condition(place, using))
        .annotate(distance=_distance_miles(place, using))
        .filter(Q(distance__lte=criteria.distance) | Q(venue__latitude__isnull=True))
    )


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int
    checked: bool


@dataclass(frozen=True)
class FacetCounts:
    name: str
    label: str
    options: list[Option]


@dataclass
class SearchResults:
    criteria: Criteria
    total: int
    runs: list[CourseRun]
    facets: list[FacetCounts]
    start_dates: FacetCounts
    sort: str
    page: int
    pages: int


Combination = tuple[Any, ...]  # the value of each filter, the start date bucket, and how many runs


def _combinations(runs: QuerySet[CourseRun], today: datetime.date, *, first: tuple[str, ...] = ()) -> list[Combination]:
    """The runs grouped by their combination of filter values, in one query (a few hundred
    combinations near a place), so that every count is summed from those rather than asking
    the database for fifty conditional counts over every run. ``first`` groups by more lookups,
    which come first in each combination."""
    in_3_months, in_6_months = months_on(today, 3), months_on(today, 6)
    bucket = Case(
        When(flexible_start=True, then=Value(START_WITHIN_3_MONTHS)),
        When(start_date__lt=in_3_months, then=Value(START_WITHIN_3_MONTHS)),
        When(start_date__lt=in_6_months, then=Value(START_3_TO_6_MONTHS)),
        default=Value(START_AFTER_6_MONTHS),
        output_field=CharField(),
    )
    lookups = [facet.lookup for facet in FACETS]
    return list(
        runs.annotate(start_bucket=bucket)
        .values_list(*first, *lookups, "start_bucket")
        .annotate(runs=Count("id"))
        .order_by()
    )


# A search near a place counts the online runs and the area's work-based runs that match the
# keyword: nearly half the directory, which a broad keyword ("level", "apprenticeship") matches a
# good part of. Reading them for each keyword took 20 to 100 ms at 100k runs. So each process keeps
# them grouped by course (ElsewhereRuns): it reads again the courses a change to the directory
# names, and everything when the day ends or an hour has passed; a keyword's counts of them ask
# the database only for the ids of the courses it matches.
ELSEWHERE_COUNTS_LIFETIME = 600  # seconds, for the counts of each keyword
# Changes made by another process while the cache is each process's own (management commands on
# the embedded default) are seen within this time; Redis shares every change at once.
ELSEWHERE_RUNS_MAX_AGE = 60 * 60  # seconds
# A process behind by a few changes reads only the courses they name (kept in the cache for each
# version), up to this many courses; beyond it, or when a change did not say, it reads everything.
ELSEWHERE_COURSES_READ_AGAIN = 1000
_DIRECTORY_VERSION = "courses:search:directory-version"
_CHANGED_COURSES = "courses:search:changed-courses"


def forget_counts(course_ids: Sequence[int] | None = None, **kwargs: Any) -> None:
    """Receives courses.signals.course_directory_changed (connected in apps.py)."""
    try:
        version = cache.incr(_DIRECTORY_VERSION)
    except ValueError:
        _directory_version()  # a new version: nothing kept matches it
        return
    if course_ids is not None:
        cache.set(f"{_CHANGED_COURSES}:{version}", list(course_ids), ELSEWHERE_RUNS_MAX_AGE)


def _directory_version() -> int:
    version = cache.get(_DIRECTORY_VERSION)
    if version is None:
        # A new or emptied cache starts from a version no process has used, so that none goes on
        # using the runs it read before.
        cache.add(_DIRECTORY_VERSION, time.time_ns(), None)
        version = cache.get(_DIRECTORY_VERSION, 0)
    return int(version)


@dataclass(frozen=True)
class ElsewhereRuns:
    """Every listed run not at a venue, as combinations of the area of its regions (None for
    online runs and runs offered in all of England, which rules.check_run_place keeps without
    regions), its filter values, start date bucket and number, by course."""

    version: int
    today: datetime.date
    read_at: float  # time.monotonic()
    by_course: dict[int, list[Combination]]


_elsewhere_runs: dict[str, ElsewhereRuns] = {}


def _elsewhere_runs_by_course(today: datetime.date, version: int, using: str) -> ElsewhereRuns:
    kept = _elsewhere_runs.get(using)
    now = time.monotonic()
    if kept is None or kept.today != today or now - kept.read_at >= ELSEWHERE_RUNS_MAX_AGE:
        kept = None
    elif kept.version == version:
        return kept
    not_at_a_venue = [codes.DeliveryMode.ONLINE.value, codes.DeliveryMode.WORK_BASED.value]
    runs = CourseRun.objects.using(using).filter(rules.listed_runs(today), delivery_mode__in=not_at_a_venue)
    changed = _courses_changed_since(kept.version, version) if kept is not None else None
    if kept is not None and changed is not None:
        by_course = {course_id: found for course_id, found in kept.by_course.items() if course_id not in changed}
        by_course.update(_runs_by_course(runs.filter(course_id__in=changed), today))
        read_at = kept.read_at
    else:
        by_course, read_at = _runs_by_course(runs, today), now
    kept = _elsewhere_runs[using] = ElsewhereRuns(version, today, read_at, by_course)
    return kept


def _courses_changed_since(kept_version: int, version: int) -> set[int] | None:
    """The courses the changes after ``kept_version`` named, or None when they cannot all be told
    (too many, a change that did not say, or one the cache no longer holds)."""
    if not 0 < version - kept_version <= ELSEWHERE_COURSES_READ_AGAIN:
        return None
    keys = [f"{_CHANGED_COURSES}:{number}" for number in range(kept_version + 1, version + 1)]
    named = cache.get_many(keys)
    if len(named) != len(keys):
        return None
    changed = {course_id for course_ids in named.values() for course_id in course_ids}
    return changed if len(changed) <= ELSEWHERE_COURSES_READ_AGAIN else None


def _runs_by_course(runs: QuerySet[CourseRun], today: datetime.date) -> dict[int, list[Combination]]:
    by_course: dict[int, list[Combination]] = {}
    # Courses share combinations (14,000 different ones among 63,000 at 100k runs): each is kept
    # once, strings and all, which holds 10 MB rather than 30.
    shared: dict[Combination, Combination] = {}
    for course_id, *values in _combinations(runs, today, first=("course_id", "region_links__area")):
        combination = tuple(values)
        by_course.setdefault(course_id, []).append(shared.setdefault(combination, combination))
    return by_course


def _elsewhere_combinations(criteria: Criteria, place: Place, today: datetime.date, using: str) -> list[Combination]:
    """_combinations of the runs not at a venue that the place can take, counted for every area
    at once and kept in the cache for the keyword."""
    groups = keyword_groups(criteria.keyword, vocabulary() if tokens(criteria.keyword) else None)
    asked = hashlib.sha256(repr(groups).encode()).hexdigest()[:32]
    version = _directory_version()
    key = f"courses:search:elsewhere:v3:{version}:{today.isoformat()}:{asked}"
    by_area = cache.get(key)
    if by_area is None:
        everything = _elsewhere_runs_by_course(today, version, using).by_course
        if groups:
            sql, params = _matching_courses_sql(groups, using)
            with connections[using].cursor() as cursor:
                cursor.execute(sql, params)
                courses = [row[0] for row in cursor.fetchall()]
        else:
            courses = list(everything)
        summed: dict[Combination, int] = {}
        for course_id in courses:
            for *values, number in everything.get(course_id, ()):
                summed[tuple(values)] = summed.get(tuple(values), 0) + number
        by_area = [(*values, number) for values, number in summed.items()]
        cache.set(key, by_area, ELSEWHERE_COUNTS_LIFETIME)
    return [tuple(combination[1:]) for combination in by_area if combination[0] in (None, place.area)]


def _counts(parts: list[list[Combination]], criteria: Criteria) -> tuple[list[int], list[FacetCounts], FacetCounts]:
    """The total of each part (its combinations) and every filter option's count over all the
    parts, where an option's count applies every filter but its own (so choosing a second sector
    shows how many more it would add). The parts never share a run."""
    chosen: list[set[Any]] = [set(getattr(criteria, facet.criteria_attribute)) for facet in FACETS]
    chosen.append({criteria.start_date} if criteria.start_date else set())
    names = [facet.name for facet in FACETS] + [START_DATE_FACET]
    counted: dict[str, dict[Any, int]] = {name: {} for name in names}
    totals = []
    for combinations in parts:
        total = 0
        for *values, number in combinations:
            passes = [not wanted or value in wanted for value, wanted in zip(values, chosen, strict=True)]
            failing = passes.count(False)
            if failing == 0:
                total += number
            for position, name in enumerate(names):
                # Counted for a filter when every other filter lets it through.
                if failing == 0 or (failing == 1 and not passes[position]):
                    counted[name][values[position]] = counted[name].get(values[position], 0) + number
        totals.append(total)
    facets = [
        FacetCounts(
            facet.name,
            facet.label,
            [
                Option(str(value), str(label), counted[facet.name].get(value, 0), value in chosen[position])
                for value, label in facet.choices
            ],
        )
        for position, facet in enumerate(FACETS)
    ]
    start_dates = FacetCounts(
        START_DATE_FACET,
        "Start date",
        [
            Option(value, label, counted[START_DATE_FACET].get(value, 0), value == criteria.start_date)
            for value, label in START_DATES
        ],
    )
    return totals, facets, start_dates


# Up to this many runs not at a venue match, a page of them is chosen from all their ids in order.
# Reading those ids takes 10 to 20 ms at 100k runs whatever their number; above 300, reading the
# index in order reaches a page of them in 2 to 15 ms (measured with bench/course_search.py).
FEW_RUNS_ELSEWHERE = 300


def _page_elsewhere(runs: QuerySet[CourseRun], matching: int, first: int, last: int) -> list[CourseRun]:
    """Runs ``first`` to ``last`` of the runs not at a venue (``matching`` of them): work-based
    before online ("work_based" sorts after "online", so descending puts it first), then by start,
    flexible starts first.

    PostgreSQL reads many in that order from their index (migration 0005) and stops at the page.
    Asked for a page of a few, it may still walk that index, testing thousands of runs' courses for
    the keyword (20 to 40 ms at 100k runs); so the ids of a few are read all at once, from the
    courses matching the keyword, and then the page's runs."""
    ordered = runs.order_by(F("delivery_mode").desc(), F("start_date").asc(nulls_first=True), "id")
    if matching > FEW_RUNS_ELSEWHERE:
        return list(ordered[first:last])
    page = list(ordered.values_list("id", flat=True))[first:last]
    chosen = {run.id: run for run in runs.filter(id__in=page)}
    # A run withdrawn between the two reads is left out of the page.
    return [chosen[run_id] for run_id in page if run_id in chosen]


def course_search(criteria: Criteria, *, today: datetime.date | None = None) -> SearchResults:
    today = today or timezone.localdate()
    conditions = {facet.name: _facet_condition(facet, criteria) for facet in FACETS}
    if criteria.start_date:
        conditions[START_DATE_FACET] = _start_condition(criteria.start_date, today)
    everything = Q()
    for condition in conditions.values():
        everything &= condition
    place, using = criteria.place, "default"
    # Near a place, the runs at nearby venues and the runs not at a venue are counted apart, each
    # by the query plan that suits it: from the venues in the box, and from the keyword or mode.
    if place is None:
        parts = [_matching_runs(criteria, today, using, near_a_place=False)]
        combinations = [_combinations(parts[0], today)]
    else:
        parts = [
            _runs_at_venues_near(criteria, place, today, using),
            _runs_not_at_a_venue(criteria, place, today, using),
        ]
        combinations = [_combinations(parts[0], today), _elsewhere_combinations(criteria, place, today, using)]
    totals, facets, start_dates = _counts(combinations, criteria)
    total = sum(totals)

    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(max(1, criteria.page), pages)
    sort = criteria.chosen_sort()
    start, end = (page - 1) * PAGE_SIZE, page * PAGE_SIZE

    def ready(runs: QuerySet[CourseRun]) -> QuerySet[CourseRun]:
        return runs.filter(everything).select_related("course", "course__provider", "venue")

    found: list[CourseRun] = []
    if total and sort == SORT_DISTANCE and place is not None:
        # The nearby venues' runs by distance, then work-based runs in the area, then online ones:
        # each part is read only when the page reaches it.
        at_venues = totals[0]
        if start < at_venues:
            nearest = ready(parts[0]).order_by(F("distance").asc(), F("start_date").asc(nulls_first=True), "id")
            found += nearest[start : min(end, at_venues)]
        if end > at_venues and totals[1]:
            elsewhere = ready(parts[1]).annotate(distance=Value(None, output_field=FloatField()))
            found += _page_elsewhere(elsewhere, totals[1], max(0, start - at_venues), end - at_venues)
    elif total:
        chosen = ready(_base_runs(criteria, today, using))
        ordered: QuerySet[CourseRun]
        if sort == SORT_RELEVANCE:
            ordered = chosen.annotate(
                as_typed=_has_typed_words(criteria.keyword, chosen.db),
                search_rank=_title_likeness(criteria.keyword, chosen.db),
            ).order_by("-as_typed", "-search_rank", F("start_date").asc(nulls_first=True), "id")
        else:
            ordered = chosen.order_by(F("start_date").asc(nulls_first=True), "id")
        found = list(ordered[start:end])
    return SearchResults(criteria, total, found, facets, start_dates, sort, page, pages)


# Course pages --------------------------------------------------------------------------------


def course_run_for_page(course_pk: int, run_pk: int) -> CourseRun | None:
    return (
        CourseRun.objects.select_related("course", "course__provider", "venue")
        .prefetch_related("region_links")
        .filter(pk=run_pk, course_id=course_pk)
        .first()
    )


def other_runs(run: CourseRun, *, today: datetime.date | None = None, limit: int = 20) -> list[CourseRun]:
    """The same course's other runs still to start, soonest first (starting any time first)."""
    today = today or timezone.localdate()
    return list(
        CourseRun.objects.select_related("venue")
        .filter(course_id=run.course_id)
        .filter(rules.listed_runs(today))
        .exclude(pk=run.pk)
        .order_by(F("start_date").asc(nulls_first=True), "id")[:limit]
    )


# Courses for a job profile -------------------------------------------------------------------

# Words in a job's title that name the role rather than what is learned for it.
ROLE_WORDS = frozenset(
    {"worker", "assistant", "manager", "officer", "operative", "technician", "adviser", "advisor", "specialist"}
)


@dataclass(frozen=True)
class JobProfileCourses:
    runs: list[CourseRun]
    keyword: str  # what the course search is given to find more (a link to it)


def _stem(word: str) -> str:
    """Enough of a word to find the subject from the job ("plumber" → "plum" finds "plumbing",
    "electrician" → "electric" finds "electrical"): the word without its last three letters,
    never shorter than four."""
    return word if len(word) <= 4 else word[: max(4, len(word) - 3)]


def _title_stems(title: str) -> tuple[str, ...]:
    words = [word for word in fold(title).split() if word not in IGNORED_WORDS and len(word) > 2]
    subject = [word for word in words if word not in ROLE_WORDS] or words
    return tuple(_stem(word) for word in subject)


def courses_for_job_profile(profile: Any, *, limit: int = 5, today: datetime.date | None = None) -> JobProfileCourses:
    """Courses still to start whose text has the subject of the job's title or one of its other
    titles ("Plumber" finds "Level 2 Diploma in Plumbing"), soonest first, one run per course.

    ``profile`` is anything with ``title`` and ``alternative_titles`` (a careers.JobProfile)."""
    today = today or timezone.localdate()
    titles = [profile.title, *(getattr(profile, "alternative_titles", None) or [])]
    alternatives = tuple(dict.fromkeys(Alternative(stems) for stems in map(_title_stems, titles) if stems))
    keyword = " ".join(_title_stems(profile.title))
    if not alternatives:
        return JobProfileCourses([], keyword)
    runs = (
        CourseRun.objects.filter(rules.listed_runs(today))
        .filter(_keyword_condition([alternatives], "default"))
        .select_related("course", "course__provider", "venue")
        .order_by(F("start_date").asc(nulls_first=True), "id")
    )
    chosen: list[CourseRun] = []
    seen: set[int] = set()
    for run in runs[: limit * 10]:
        if run.course_id not in seen:
            seen.add(run.course_id)
            chosen.append(run)
        if len(chosen) == limit:
            break
    return JobProfileCourses(chosen, keyword)
