"""Postcodes: shape, reality, coordinates and area, checked against the real open data in ../shared/data."""

from __future__ import annotations

import csv
import io
import random
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given
from hypothesis import strategies as st

from signpost.core.geography import (
    InvalidPostcode,
    area_for_local_authority,
    locate_postcode,
    normalise_postcode,
)
from signpost.core.models import AuditEvent, PostcodeDistrict

SHARED_DATA = Path(__file__).resolve().parents[4].parent / "shared" / "data"


def shared_file(*parts: str) -> Path:
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.fail(f"{path} is missing: these tests need the shared open data beside the project (CI has it).")
    return path


def read_csv(*parts: str) -> list[dict[str, str]]:
    with shared_file(*parts).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def load_districts(path: Path) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("load_postcode_districts", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def postcode_districts(db: None) -> None:
    """The national postcode district table, loaded the way a deployer loads it."""
    out, err = load_districts(shared_file("uk-postcode-geography", "postcode_districts_gb.csv"))
    assert out.strip() == "Postcode districts: 2865 added, 0 updated, 0 unchanged, 0 rejected."
    assert err == ""


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("sw1a1aa", "SW1A 1AA"),
        ("SW1A 1AA", "SW1A 1AA"),
        ("  sw1a   1aa ", "SW1A 1AA"),
        ("GIR 0AA", "GIR 0AA"),
        ("gir0aa", "GIR 0AA"),
        ("m11ae", "M1 1AE"),
        ("ec1a1bb", "EC1A 1BB"),
        ("ZZ99 9ZZ", "ZZ99 9ZZ"),  # shaped like a postcode; whether it is real is a separate question
    ],
)
def test_normalise_postcode(typed, expected):
    assert normalise_postcode(typed) == expected


@pytest.mark.parametrize("typed", ["", "SW1A", "SW1A 1A", "12345", "SW1A 1AAA", "1W1A 1AA", "SW1A-1AA!"])
def test_normalise_refuses_text_not_shaped_like_a_postcode(typed):
    with pytest.raises(InvalidPostcode):
        normalise_postcode(typed)


outward_codes = st.from_regex(r"\A[A-Z]{1,2}[0-9][A-Z0-9]?\Z")
inward_codes = st.from_regex(r"\A[0-9][A-Z]{2}\Z")


@given(outward=outward_codes, inward=inward_codes, spaces=st.text(" \t", max_size=3), lower=st.booleans())
def test_normalising_any_postcode_is_idempotent(outward, inward, spaces, lower):
    typed = f"{outward}{spaces}{inward}"
    typed = typed.lower() if lower else typed
    once = normalise_postcode(typed)
    assert once == f"{outward} {inward}"
    assert normalise_postcode(once) == once


@given(st.text(max_size=12))
def test_normalising_arbitrary_text_either_refuses_or_is_stable(text):
    try:
        once = normalise_postcode(text)
    except InvalidPostcode:
        return
    assert normalise_postcode(once) == once


def test_a_real_postcode_is_placed_at_its_own_point(postcode_districts):
    location = locate_postcode("sw1a1aa")
    assert location is not None
    assert location.postcode == "SW1A 1AA"
    assert location.precision == "postcode"
    assert location.latitude == pytest.approx(51.5010, abs=0.001)
    assert location.longitude == pytest.approx(-0.1416, abs=0.001)
    assert location.local_authority == "E09000033"  # Westminster
    assert location.country == "England"


@pytest.mark.django_db
def test_without_the_district_table_a_real_postcode_is_placed_but_has_no_area():
    assert not PostcodeDistrict.objects.exists()
    location = locate_postcode("SW1A 1AA")
    assert location is not None
    assert location.precision == "postcode"
    assert location.latitude == pytest.approx(51.5010, abs=0.001)
    assert (location.local_authority, location.country) == ("", "")
    assert area_for_local_authority(location.local_authority) is None
    district_only = locate_postcode("SW1A 9ZZ")
    assert district_only is not None and district_only.precision == "district"
    assert district_only.local_authority == ""


def test_a_made_up_postcode_is_not_real():
    assert locate_postcode("ZZ99 9ZZ") is None
    assert locate_postcode("SW99 9ZZ") is None  # a real area but no such district


@pytest.mark.django_db
def test_a_new_postcode_in_a_real_district_is_placed_at_the_district_centre():
    location = locate_postcode("SW1A 9ZZ")
    assert location is not None
    assert location.precision == "district"
    assert location.latitude == pytest.approx(51.50, abs=0.02)


@pytest.mark.django_db
def test_single_letter_areas_with_a_lettered_district_are_found():
    location = locate_postcode("W1A 1AA")
    assert location is not None and location.precision == "postcode"


def test_girobank_and_northern_ireland_are_real_without_coordinates():
    girobank = locate_postcode("GIR 0AA")
    belfast = locate_postcode("BT1 1AA")
    assert girobank is not None and girobank.latitude is None
    assert belfast is not None and belfast.latitude is None and belfast.country == "Northern Ireland"


def test_coordinates_and_authorities_match_the_published_sample(postcode_districts):
    rows = read_csv("uk-postcode-geography", "postcodes_england_sample_3000.csv")
    repeatable = random.Random(20251123)  # noqa: S311  # a fixed sample, not a secret
    sample = sorted(repeatable.sample(rows, 300), key=lambda row: row["postcode"])
    far, other_authority = [], []
    for row in sample:
        location = locate_postcode(row["postcode"])
        assert location is not None, row["postcode"]
        # The sample was converted with a Helmert transform (~5 m); ours uses OSTN15. 0.001° ≈ 100 m.
        placed = row["positional_quality"] != "90"
        if placed and (
            abs(location.latitude - float(row["latitude"])) > 0.001
            or abs(location.longitude - float(row["longitude"])) > 0.001
        ):
            far.append(row["postcode"])
        if location.local_authority != row["lad_code"]:
            other_authority.append((row["postcode"], row["lad_code"], location.local_authority))
    assert far == []
    # Authorities come from the postcode district, so boundary districts may route to the larger side.
    assert len(other_authority) / len(sample) <= 0.10, other_authority


def test_every_local_authority_in_the_national_routing_table_has_its_area():
    rows = read_csv("ncs-area-routing", "english_local_authorities_ncs_touchpoints.csv")
    assert len(rows) == 326  # PROVENANCE.md says 325: it counted lines, and the last has no newline
    wrong = [row for row in rows if area_for_local_authority(row["LADCode"]) != int(row["TouchpointID"])]
    assert wrong == []


def test_every_current_english_authority_has_an_area():
    rows = read_csv("uk-postcode-geography", "local_authority_districts_england_wales.csv")
    english = [row["lad_code"] for row in rows if row["lad_code"].startswith("E")]
    assert [code for code in english if area_for_local_authority(code) is None] == []


def test_routing_sample_of_the_national_town_and_postcode_cases(postcode_districts):
    """Postcode → local authority → area, against the national service's own routing test cases.

    Cases marked 204 are outside England: they must get no area (the national helpline serves them).
    """
    cases = read_csv("ncs-area-routing", "town_and_postcode_tests.csv")
    assert len(cases) == 1511  # likewise PROVENANCE.md says 1,510
    sample = random.Random(3).sample(cases, 400)  # noqa: S311
    by_area: dict[str, list[dict[str, str]]] = defaultdict(list)
    for case in sample:
        by_area[case["Area"]].append(case)  # grouped so each Code-Point file is read once
    hits, mismatches = 0, []
    for group in by_area.values():
        for case in group:
            postcode = f"{case['Outward']} {case['Inward']}"
            location = locate_postcode(postcode)
            area = area_for_local_authority(location.local_authority) if location else None
            expected = None if case["Expectation"] == "204" else int(case["TouchpointID"])
            if area == expected:
                hits += 1
            else:
                mismatches.append(f"{postcode} ({case['Town']}): expected {expected}, got {area}")
    print("Routing mismatches:", *mismatches, sep="\n  ")
    assert hits / len(sample) >= 0.97, mismatches


# Loading the postcode district table ---------------------------------------------------------


@pytest.mark.django_db
def test_loads_the_national_district_table_and_a_second_run_changes_nothing(postcode_districts):
    aberdeen = PostcodeDistrict.objects.get(outward_code="AB10")
    assert aberdeen.local_authority == "S12000033"
    assert (float(aberdeen.latitude), float(aberdeen.longitude)) == (57.135245, -2.12034)
    assert PostcodeDistrict.objects.get(outward_code="SW1A").local_authority == "E09000033"
    out, err = load_districts(shared_file("uk-postcode-geography", "postcode_districts_gb.csv"))
    assert out.strip() == "Postcode districts: 0 added, 0 updated, 2865 unchanged, 0 rejected."
    assert err == ""
    assert PostcodeDistrict.objects.count() == 2865
    events = AuditEvent.objects.filter(action="postcode_districts.loaded").order_by("occurred_at", "id")
    assert [event.details for event in events] == [
        {"created": 2865, "updated": 0, "unchanged": 0, "rejected": 0},
        {"created": 0, "updated": 0, "unchanged": 2865, "rejected": 0},
    ]


@pytest.mark.django_db
def test_rejected_district_rows_are_reported_by_line_and_the_rest_kept(tmp_path):
    path = tmp_path / "districts.csv"
    path.write_text(
        "\ufeffoutcode,lad_code_main,latitude,longitude\n"
        "SW1A,E09000033,51.501,-0.1416\n"
        "SW1A 1,E09000033,51.501,-0.1416\n"
        "M1,E0800003,53.48,-2.24\n"
        "B1,E08000025,53.48,\n"
        "B2,E08000025,40.0,-3.0\n"
        "SW1A,E09000030,51.501,-0.1416\n"
        "cf10,w06000015,,\n"
        "SW1A,E09000033,51.501,-0.1416\n",
        encoding="utf-8",
    )
    out, err = load_districts(path)
    assert out.strip() == "Postcode districts: 2 added, 0 updated, 0 unchanged, 5 rejected."
    assert err.splitlines() == [
        "Line 3 rejected: 'SW1A 1' is not a postcode district (outward code), like SW1A",
        "Line 4 rejected: 'E0800003' is not a local authority code, like E09000033",
        "Line 5 rejected: latitude and longitude must both be given, in Great Britain, or neither",
        "Line 6 rejected: latitude and longitude must both be given, in Great Britain, or neither",
        "Line 7 rejected: SW1A was given other values on an earlier line",
    ]
    assert sorted(PostcodeDistrict.objects.values_list("outward_code", "local_authority", "latitude")) == [
        ("CF10", "W06000015", None),
        ("SW1A", "E09000033", Decimal("51.501")),
    ]


@pytest.mark.django_db
def test_a_changed_district_is_updated_and_routes_at_once(tmp_path):
    path = tmp_path / "districts.csv"
    path.write_text("outcode,lad_code_main\nSW1A,E09000033\n", encoding="utf-8")
    load_districts(path)
    assert locate_postcode("SW1A 1AA").local_authority == "E09000033"
    path.write_text("outcode,lad_code_main\nSW1A,E09000030\n", encoding="utf-8")
    out, _ = load_districts(path)
    assert "0 added, 1 updated, 0 unchanged" in out
    location = locate_postcode("SW1A 1AA")
    assert (location.local_authority, area_for_local_authority(location.local_authority)) == ("E09000030", 103)


def test_a_district_file_in_another_format_is_refused(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("outcode,lad_code\nSW1A,E09000033\n", encoding="utf-8")
    with pytest.raises(CommandError, match="no column lad_code_main"):
        load_districts(path)
    with pytest.raises(CommandError, match="No file"):
        load_districts(tmp_path / "missing.csv")
