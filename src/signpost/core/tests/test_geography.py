"""Postcodes: shape, reality, coordinates and area, checked against the real open data in ../shared/data."""

from __future__ import annotations

import csv
import random
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from signpost.core.geography import (
    InvalidPostcode,
    area_for_local_authority,
    locate_postcode,
    normalise_postcode,
)

SHARED_DATA = Path(__file__).resolve().parents[4].parent / "shared" / "data"


def shared_file(*parts: str) -> Path:
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.fail(f"{path} is missing: these tests need the shared open data beside the project (CI has it).")
    return path


def read_csv(*parts: str) -> list[dict[str, str]]:
    with shared_file(*parts).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


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


def test_a_real_postcode_is_placed_at_its_own_point():
    location = locate_postcode("sw1a1aa")
    assert location is not None
    assert location.postcode == "SW1A 1AA"
    assert location.precision == "postcode"
    assert location.latitude == pytest.approx(51.5010, abs=0.001)
    assert location.longitude == pytest.approx(-0.1416, abs=0.001)
    assert location.local_authority == "E09000033"  # Westminster
    assert location.country == "England"


def test_a_made_up_postcode_is_not_real():
    assert locate_postcode("ZZ99 9ZZ") is None
    assert locate_postcode("SW99 9ZZ") is None  # a real area but no such district


def test_a_new_postcode_in_a_real_district_is_placed_at_the_district_centre():
    location = locate_postcode("SW1A 9ZZ")
    assert location is not None
    assert location.precision == "district"
    assert location.latitude == pytest.approx(51.50, abs=0.02)


def test_single_letter_areas_with_a_lettered_district_are_found():
    location = locate_postcode("W1A 1AA")
    assert location is not None and location.precision == "postcode"


def test_girobank_and_northern_ireland_are_real_without_coordinates():
    girobank = locate_postcode("GIR 0AA")
    belfast = locate_postcode("BT1 1AA")
    assert girobank is not None and girobank.latitude is None
    assert belfast is not None and belfast.latitude is None and belfast.country == "Northern Ireland"


def test_coordinates_and_authorities_match_the_published_sample():
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


def test_routing_sample_of_the_national_town_and_postcode_cases():
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
