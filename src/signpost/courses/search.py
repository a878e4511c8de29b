"""The rules of the public course search, apart from the queries (search_selectors.py runs them).

- **Keyword**: folded like every search (signpost.search.text), common words dropped, synonyms
  widened ("maths" also finds "mathematics", "ESOL" finds "English for speakers of other
  languages", "IT" finds "computing"), and a word the course directory never uses replaced by the
  words it is a slip away from ("mathmatics"). The result is a list of groups: a course matches
  when every group has an alternative all of whose words start a word of its text. The database
  answers that from its text index alone (FTS5 / tsvector), so typo tolerance costs nothing per row.
- **Place**: a full postcode, a postcode district, or a town or local authority from the loaded
  place names (core.PlaceName; any case, spacing and punctuation: "st albans", "Stoke on Trent"),
  else a town where the directory has venues. A name several places share takes the one in
  England when only one is ("Alford"), and otherwise asks the person to choose ("Newport, Shropshire"
  or a postcode); "Newcastle" also offers Newcastle upon Tyne. Unknown names get suggestions.
- **Near a place**: runs at venues within the distance, nearest first, then the runs not tied to a
  venue that the place can take: work-based runs offered in the place's area (or all of England),
  then online runs, labelled and with no distance. The filters and counts cover them all.
- **Distance**: great-circle (haversine) miles between two points; a search near a place first
  cuts a box of latitude and longitude a little larger than the circle (indexed columns), then
  measures each venue in the box exactly.
- **Start date**: any, in the next 3 months, in 3 to 6 months, more than 6 months away. A course
  people can start whenever they like counts as starting in the next 3 months.
"""

from __future__ import annotations

import bisect
import datetime
import math
from dataclasses import dataclass

from signpost.search import TextIndex
from signpost.search.text import fold, word_near

# The course text searched by keyword: the words a learner would type are in these columns.
COURSE_TEXT = TextIndex(name="course_text", table="courses_course", columns=("title", "qualification", "awarding_body"))

DISTANCES = (5, 10, 15, 30, 45, 60, 75)
DEFAULT_DISTANCE = 10
PAGE_SIZE = 20
EARTH_RADIUS_MILES = 3958.8

# Words that say nothing about which course is meant ("maths courses for adults").
IGNORED_WORDS = frozenset(
    {"a", "an", "and", "the", "of", "for", "in", "on", "to", "with", "near", "course", "courses", "class", "classes"}
)

# Each set is one meaning: typing any of them finds courses that use any of them. Phrases are
# written as the folded words; a word of 2 letters or fewer must match a whole word ("IT", not "item").
SYNONYMS: tuple[frozenset[str], ...] = (
    frozenset({"maths", "mathematics", "math", "numeracy"}),
    frozenset({"esol", "english for speakers of other languages"}),
    frozenset({"it", "ict", "computing", "computer", "computers", "information technology"}),
    frozenset({"english", "literacy"}),
    frozenset({"childcare", "early years"}),
    frozenset({"accounting", "accountancy", "bookkeeping", "book keeping"}),
    frozenset({"nvq", "national vocational qualification"}),
    frozenset({"gcse", "general certificate of secondary education"}),
    frozenset({"hairdressing", "barbering"}),
    frozenset({"cooking", "catering", "culinary", "chef"}),
)


@dataclass(frozen=True)
class Alternative:
    """Words that must all start a word of the course text; ``whole`` words must match exactly."""

    words: tuple[str, ...]
    whole: bool = False


Group = tuple[Alternative, ...]


def _alternative(phrase: str) -> Alternative:
    words = tuple(phrase.split())
    return Alternative(words, whole=len(words) == 1 and len(words[0]) <= 2)


def _synonyms_of(phrase: str) -> frozenset[str]:
    for meaning in SYNONYMS:
        if phrase in meaning:
            return meaning
    return frozenset({phrase})


def _phrases(words: list[str]) -> list[str]:
    """The typed words with known phrases ("english for speakers of other languages") kept whole."""
    known = sorted((p for meaning in SYNONYMS for p in meaning if " " in p), key=lambda p: -len(p.split()))
    found: list[str] = []
    position = 0
    while position < len(words):
        for phrase in known:
            size = len(phrase.split())
            if " ".join(words[position : position + size]) == phrase:
                found.append(phrase)
                position += size
                break
        else:
            found.append(words[position])
            position += 1
    return found


class Vocabulary:
    """The words of the course directory (folded, sorted), for correcting a slip in a keyword."""

    def __init__(self, words: set[str] | list[str]) -> None:
        self.words = sorted(set(words))

    def starts_a_word(self, token: str) -> bool:
        at = bisect.bisect_left(self.words, token)
        return at < len(self.words) and self.words[at].startswith(token)

    def near(self, token: str, limit: int = 6) -> list[str]:
        """Words the token is a slip or two away from (text.word_near), closest in length first."""
        found = [word for word in self.words if abs(len(word) - len(token)) <= 2 and word_near(token, word)]
        return sorted(found, key=lambda word: (abs(len(word) - len(token)), word))[:limit]


def keyword_groups(keyword: str, vocabulary: Vocabulary | None = None) -> list[Group]:
    """What a keyword asks for, as groups of alternatives (module docstring). Empty when it has no
    word worth searching for."""
    words = fold(keyword).split()
    groups: list[Group] = []
    for phrase in _phrases(words):
        if phrase in IGNORED_WORDS:
            continue
        meanings = set(_synonyms_of(phrase))
        if vocabulary is not None and " " not in phrase and len(phrase) > 2 and not vocabulary.starts_a_word(phrase):
            for corrected in vocabulary.near(phrase):
                meanings |= _synonyms_of(corrected)
        group = tuple(_alternative(meaning) for meaning in sorted(meanings))
        if group not in groups:
            groups.append(group)
    return groups


def miles_between(first: tuple[float, float], second: tuple[float, float]) -> float:
    """Great-circle distance in miles between two (latitude, longitude) points (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*first, *second))
    half = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(half)))


@dataclass(frozen=True)
class Box:
    south: float
    north: float
    west: float
    east: float


def bounding_box(centre: tuple[float, float], miles: float) -> Box:
    """A latitude and longitude box holding every point within ``miles`` of ``centre`` (with a
    little to spare: the exact distance decides)."""
    latitude, longitude = centre
    reach = miles * 1.01 / EARTH_RADIUS_MILES
    across = math.degrees(reach)
    # Degrees of longitude shrink towards the poles; take the widest at the box's polar edge.
    widest = max(abs(latitude) + across, 0.0)
    along = math.degrees(reach / max(math.cos(math.radians(min(widest, 89.0))), 0.01))
    return Box(latitude - across, latitude + across, longitude - along, longitude + along)


# Start date ----------------------------------------------------------------------------------

START_ANY = ""
START_WITHIN_3_MONTHS = "next_3_months"
START_3_TO_6_MONTHS = "3_to_6_months"
START_AFTER_6_MONTHS = "after_6_months"
START_DATES = (
    (START_WITHIN_3_MONTHS, "In the next 3 months"),
    (START_3_TO_6_MONTHS, "In 3 to 6 months"),
    (START_AFTER_6_MONTHS, "More than 6 months from now"),
)


def months_on(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
    last_day = (next_month - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last_day))


def start_date_range(choice: str, today: datetime.date) -> tuple[datetime.date, datetime.date | None]:
    """The first day and the day after the last (None: no end) of a start-date choice."""
    if choice == START_WITHIN_3_MONTHS:
        return today, months_on(today, 3)
    if choice == START_3_TO_6_MONTHS:
        return months_on(today, 3), months_on(today, 6)
    if choice == START_AFTER_6_MONTHS:
        return months_on(today, 6), None
    return today, None
