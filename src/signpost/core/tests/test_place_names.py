"""Place names (towns and local authorities people type to search near), loaded from the real open
data in ../shared/data; skipped only where that data is absent."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from signpost.core.geography import place_key, places_named, tidy_place_name
from signpost.core.models import AuditEvent, PlaceName

SHARED_DATA = Path(__file__).resolve().parents[4].parent / "shared" / "data"
TOWNS = SHARED_DATA / "ncs-area-routing" / "town_and_postcode_tests.csv"
AUTHORITIES = SHARED_DATA / "uk-postcode-geography" / "local_authority_districts_england_wales.csv"
DISTRICTS = SHARED_DATA / "uk-postcode-geography" / "postcode_districts_gb.csv"

needs_shared_data = pytest.mark.skipif(
    not all(path.is_file() for path in (TOWNS, AUTHORITIES, DISTRICTS)), reason="the shared open data is absent"
)


def load_place_names() -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("load_place_names", str(TOWNS), str(AUTHORITIES), str(DISTRICTS), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _districts() -> dict[str, dict[str, str]]:
    with DISTRICTS.open(newline="", encoding="utf-8") as handle:
        return {row["outcode"]: row for row in csv.DictReader(handle)}


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("St. Albans", "stalbans"),
        ("st albans", "stalbans"),
        ("Saint Albans", "stalbans"),
        ("Stoke-on-Trent", "stokeontrent"),
        ("STOKE ON TRENT", "stokeontrent"),
        ("King's Lynn", "kingslynn"),
        ("  ", ""),
    ],
)
def test_a_place_name_is_compared_without_case_spaces_or_punctuation(typed: str, key: str) -> None:
    assert place_key(typed) == key


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("ST. ALBANS", "St. Albans"),
        ("BURTON-ON-TRENT", "Burton-on-Trent"),
        ("BARROW-UPON-HUMBER", "Barrow-upon-Humber"),
        ("OTTERY ST. MARY", "Ottery St. Mary"),
        ("KING'S LYNN", "King's Lynn"),
        ("Stoke-on-Trent", "Stoke-on-Trent"),
        ("Newport-on-Tay", "Newport-on-Tay"),
    ],
)
def test_names_in_capitals_are_written_as_people_write_them(raw: str, shown: str) -> None:
    assert tidy_place_name(raw) == shown


@needs_shared_data
@pytest.mark.django_db
def test_loads_towns_and_local_authorities_and_a_second_run_changes_nothing() -> None:
    out, err = load_place_names()
    assert "Read 1,495 towns." in out and "Read 318 local authorities." in out
    assert "1,813 added, 0 updated, 0 unchanged, 19 skipped." in out
    # Only authorities abolished before the districts were drawn have no district of their own.
    assert "Skipped Harrogate (E07000165): no postcode district is mostly in it" in err
    assert PlaceName.objects.filter(kind="town").count() == 1495
    assert PlaceName.objects.filter(kind="local_authority").count() == 318

    out, _ = load_place_names()
    assert "0 added, 0 updated, 1,813 unchanged" in out
    assert PlaceName.objects.count() == 1813
    assert AuditEvent.objects.filter(action="place_names.loaded").count() == 2


@needs_shared_data
@pytest.mark.django_db
def test_a_town_is_at_its_postcode_districts_centre() -> None:
    load_place_names()
    districts = _districts()
    st_albans, district_council = places_named("st albans")
    assert district_council.kind == "local_authority"
    assert (st_albans.name, st_albans.county, st_albans.country, st_albans.outward_code) == (
        "St. Albans",
        "Hertfordshire",
        "England",
        "AL1",
    )
    assert st_albans.local_authority == "E07000240"
    assert st_albans.latitude == pytest.approx(float(districts["AL1"]["latitude"]), abs=1e-6)
    assert st_albans.longitude == pytest.approx(float(districts["AL1"]["longitude"]), abs=1e-6)
    newports = places_named("NEWPORT")
    assert sorted((place.county, place.country) for place in newports if place.kind == "town") == [
        ("Dyfed", "Wales"),
        ("Gwent", "Wales"),
        ("Isle of Wight", "England"),
        ("Shropshire", "England"),
    ]
    # Northern Ireland is outside the postcode grid: kept, but with no position.
    assert {(place.country, place.latitude) for place in places_named("Newry")} == {("Northern Ireland", None)}


@needs_shared_data
@pytest.mark.django_db
def test_a_local_authority_is_at_the_postcode_weighted_centre_of_its_districts() -> None:
    load_place_names()
    held = [row for row in _districts().values() if row["lad_code_main"] == "E08000035"]  # Leeds
    weight = sum(int(row["postcodes"]) for row in held)
    expected = (
        sum(float(row["latitude"]) * int(row["postcodes"]) for row in held) / weight,
        sum(float(row["longitude"]) * int(row["postcodes"]) for row in held) / weight,
    )
    leeds = PlaceName.objects.get(kind="local_authority", local_authority="E08000035")
    assert leeds.name == "Leeds" and leeds.country == "England"
    assert (leeds.latitude, leeds.longitude) == pytest.approx(expected, abs=1e-6)
    # "Bristol, City of" is known as Bristol.
    assert PlaceName.objects.get(kind="local_authority", local_authority="E06000023").name == "Bristol"
    # The town comes before the local authority of the same name.
    assert [place.kind for place in places_named("leeds")] == ["town", "local_authority"]
    town = places_named("leeds")[0]
    assert math.dist((town.latitude, town.longitude), expected) < 0.1


def test_the_command_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="No file at"):
        call_command("load_place_names", str(tmp_path / "towns.csv"), str(AUTHORITIES), str(DISTRICTS))


@pytest.mark.django_db
def test_the_command_refuses_a_file_without_the_columns(tmp_path: Path) -> None:
    towns = tmp_path / "towns.csv"
    towns.write_text("Town,County\nLeeds,West Yorkshire\n", encoding="utf-8")
    districts = tmp_path / "districts.csv"
    districts.write_text("outcode,latitude,longitude,lad_code_main\nLS1,53.8,-1.55,E08000035\n", encoding="utf-8")
    with pytest.raises(CommandError, match="has no column Country, Outward"):
        call_command("load_place_names", str(towns), str(AUTHORITIES), str(districts))


@pytest.mark.django_db
def test_loads_a_small_file_of_our_own(tmp_path: Path) -> None:
    """Without the national files: the same columns, a town placed by a district of the file."""
    towns = tmp_path / "towns.csv"
    towns.write_text("Town,Outward,County,Country\nLEEDS,LS1,West Yorkshire,E\n,LS2,,E\n", encoding="utf-8")
    authorities = tmp_path / "authorities.csv"
    authorities.write_text("lad_code,lad_name,utla_name\nE08000035,Leeds,Leeds\n", encoding="utf-8")
    districts = tmp_path / "districts.csv"
    districts.write_text(
        "outcode,latitude,longitude,lad_code_main,postcodes\nLS1,53.8,-1.55,E08000035,100\nLS2,53.9,-1.45,E08000035,300\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    call_command("load_place_names", str(towns), str(authorities), str(districts), stdout=out)
    assert "1 towns and 1 local authorities; 2 added" in out.getvalue()
    town, authority = places_named("Leeds")
    assert (town.name, town.latitude, town.longitude, town.local_authority) == ("Leeds", 53.8, -1.55, "E08000035")
    assert (authority.latitude, authority.longitude) == pytest.approx((53.875, -1.475))
    assert authority.county == ""
