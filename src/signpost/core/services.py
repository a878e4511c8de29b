"""Writes of the shared kernel: loading the reference tables that core.geography reads."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from signpost.core import geography
from signpost.core.audit import audit_record
from signpost.core.geography import COUNTRY_BY_CODE_PREFIX, place_key, tidy_place_name
from signpost.core.models import PlaceName, PostcodeDistrict

_OUTWARD_CODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")
_LOCAL_AUTHORITY = re.compile(r"^[ENSW][0-9]{8}$")
# A generous box around Great Britain and its islands (Scilly to Shetland).
_LATITUDES = (Decimal("49.5"), Decimal("61.0"))
_LONGITUDES = (Decimal("-8.7"), Decimal("2.0"))
_SIX_PLACES = Decimal("0.000001")


@dataclass
class PostcodeDistrictLoad:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)


def postcode_districts_load(*, actor: Any, rows: Iterable[Mapping[str, str]]) -> PostcodeDistrictLoad:
    """Load rows shaped like postcode_districts_gb.csv (outcode, lad_code_main, latitude, longitude).

    Accepted rows are kept and rejected ones reported with their line number (the header is line 1);
    loading the same file again changes nothing. Districts missing from the file are left as they are.
    """
    report = PostcodeDistrictLoad()
    wanted: dict[str, dict[str, Any]] = {}
    for line, row in enumerate(rows, start=2):
        outward = (row.get("outcode") or "").strip().upper()
        authority = (row.get("lad_code_main") or "").strip().upper()
        centre = _centre(row.get("latitude"), row.get("longitude"))
        if not _OUTWARD_CODE.match(outward):
            report.rejected.append((line, f"'{outward}' is not a postcode district (outward code), like SW1A"))
        elif not _LOCAL_AUTHORITY.match(authority):
            report.rejected.append((line, f"'{authority}' is not a local authority code, like E09000033"))
        elif centre is None:
            report.rejected.append((line, "latitude and longitude must both be given, in Great Britain, or neither"))
        else:
            values = {"local_authority": authority, "latitude": centre[0], "longitude": centre[1]}
            if outward in wanted and wanted[outward] != values:
                report.rejected.append((line, f"{outward} was given other values on an earlier line"))
            else:
                wanted[outward] = values
    with transaction.atomic():
        report.created, report.updated, report.unchanged = _store_reference_rows(
            PostcodeDistrict,
            {(outward,): values for outward, values in wanted.items()},
            key_fields=("outward_code",),
            value_fields=("local_authority", "latitude", "longitude"),
        )
        audit_record(
            actor=actor,
            action="postcode_districts.loaded",
            details={
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "rejected": len(report.rejected),
            },
        )
    return report


def _centre(latitude: str | None, longitude: str | None) -> tuple[Decimal | None, Decimal | None] | None:
    """Both coordinates rounded to six places, both None when neither is given, or None when invalid."""
    latitude, longitude = (latitude or "").strip(), (longitude or "").strip()
    if not latitude and not longitude:
        return None, None
    try:
        point = Decimal(latitude).quantize(_SIX_PLACES), Decimal(longitude).quantize(_SIX_PLACES)
    except InvalidOperation:
        return None
    if not (point[0].is_finite() and point[1].is_finite()):
        return None
    if not (_LATITUDES[0] <= point[0] <= _LATITUDES[1] and _LONGITUDES[0] <= point[1] <= _LONGITUDES[1]):
        return None
    return point


def _store_reference_rows(
    model: Any,
    wanted: Mapping[tuple[Any, ...], Mapping[str, Any]],
    *,
    key_fields: tuple[str, ...],
    value_fields: tuple[str, ...],
) -> tuple[int, int, int]:
    """Create or update a reference table's rows from ``wanted`` (their values by key), stamping
    ``loaded_at`` on the rows that change; rows not in ``wanted`` are left as they are. Inside the
    caller's transaction, which also writes the audit event. Returns created, updated, unchanged."""
    now = timezone.now()
    existing = {tuple(getattr(row, name) for name in key_fields): row for row in model.objects.select_for_update()}
    created, changed, unchanged = [], [], 0
    for key, values in wanted.items():
        row = existing.get(key)
        if row is None:
            created.append(model(**dict(zip(key_fields, key, strict=True)), loaded_at=now, **values))
        elif any(getattr(row, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(row, name, value)
            row.loaded_at = now
            changed.append(row)
        else:
            unchanged += 1
    model.objects.bulk_create(created, batch_size=500)
    model.objects.bulk_update(changed, [*value_fields, "loaded_at"], batch_size=500)
    return len(created), len(changed), unchanged


# Place names ---------------------------------------------------------------------------------

# The country column of the town list.
_COUNTRIES = {
    "E": "England",
    "W": "Wales",
    "S": "Scotland",
    "NI": "Northern Ireland",
    "IM": "Isle of Man",
    "CI": "Channel Islands",
}
_PLACE_FIELDS = ("name", "county", "country", "local_authority", "latitude", "longitude")


@dataclass(frozen=True)
class DistrictCentre:
    latitude: float
    longitude: float
    postcodes: int
    local_authority: str


@dataclass
class PlaceNameLoad:
    towns: int = 0
    local_authorities: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)


def district_centres(rows: Iterable[Mapping[str, str]]) -> dict[str, DistrictCentre]:
    """Rows shaped like postcode_districts_gb.csv, by outward code (rows without a centre left out)."""
    centres = {}
    for row in rows:
        try:
            centres[row["outcode"].strip().upper()] = DistrictCentre(
                float(row["latitude"]), float(row["longitude"]), int(row.get("postcodes") or 1), row["lad_code_main"]
            )
        except (KeyError, ValueError):
            continue
    return centres


def place_names_load(
    *,
    actor: Any,
    towns: Iterable[Mapping[str, str]],
    local_authorities: Iterable[Mapping[str, str]],
    districts: Mapping[str, DistrictCentre],
    progress: Any = None,
) -> PlaceNameLoad:
    """Load towns (rows like town_and_postcode_tests.csv: Town, Outward, County, Country, DistrictID)
    and local authorities (rows like local_authority_districts_england_wales.csv).

    A town is placed at its postcode district's centre; a local authority at the centre of the
    districts it holds most of, each weighted by its number of postcodes. Loading the same files
    again changes nothing; places missing from the files are left as they are.
    """
    report = PlaceNameLoad()
    tell = progress or (lambda message: None)
    wanted: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in towns:
        name, outward = tidy_place_name(row.get("Town") or ""), (row.get("Outward") or "").strip().upper()
        if not name or not outward:
            continue  # the list's rows testing boundaries name no town
        country = _COUNTRIES.get((row.get("Country") or "").strip().upper(), "")
        centre = districts.get(outward) or _stored_district_centre(outward)
        if centre is None and country in ("England", "Wales", "Scotland"):
            report.skipped.append(f"{name} ({outward}): no centre for the postcode district")
            continue
        key = (PlaceName.Kind.TOWN.value, place_key(name), outward)
        if key not in wanted:
            wanted[key] = {
                "name": name,
                "county": " ".join((row.get("County") or "").split()),
                "country": country,
                "local_authority": centre.local_authority if centre else (row.get("DistrictID") or "").strip(),
                "latitude": round(centre.latitude, 6) if centre else None,
                "longitude": round(centre.longitude, 6) if centre else None,
            }
            report.towns += 1
    tell(f"Read {report.towns:,} towns.")
    for row in local_authorities:
        code = (row.get("lad_code") or "").strip().upper()
        # "Bristol, City of" is known as Bristol.
        name = (row.get("lad_name") or "").split(",")[0].strip()
        held = [centre for centre in districts.values() if centre.local_authority == code]
        if not code or not name:
            continue
        if not held:
            report.skipped.append(f"{name} ({code}): no postcode district is mostly in it")
            continue
        weight = sum(centre.postcodes for centre in held)
        upper_tier = (row.get("utla_name") or "").split(",")[0].strip()
        wanted[(PlaceName.Kind.LOCAL_AUTHORITY.value, place_key(name), "")] = {
            "name": name,
            "county": upper_tier if upper_tier != name else "",
            "country": COUNTRY_BY_CODE_PREFIX.get(code[:1], ""),
            "local_authority": code,
            "latitude": round(sum(c.latitude * c.postcodes for c in held) / weight, 6),
            "longitude": round(sum(c.longitude * c.postcodes for c in held) / weight, 6),
        }
        report.local_authorities += 1
    tell(f"Read {report.local_authorities:,} local authorities.")
    with transaction.atomic():
        report.created, report.updated, report.unchanged = _store_reference_rows(
            PlaceName, wanted, key_fields=("kind", "match_key", "outward_code"), value_fields=_PLACE_FIELDS
        )
        audit_record(
            actor=actor,
            action="place_names.loaded",
            details={
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "skipped": len(report.skipped),
            },
        )
    return report


def _stored_district_centre(outward: str) -> DistrictCentre | None:
    """A district missing from the file: the loaded table's centre, else the one Code-Point gives."""
    district = PostcodeDistrict.objects.filter(outward_code=outward).first()
    if district is not None and district.latitude is not None and district.longitude is not None:
        return DistrictCentre(float(district.latitude), float(district.longitude), 1, district.local_authority)
    if not _OUTWARD_CODE.match(outward) or outward.startswith("BT"):
        return None
    centre = geography._district_centre(outward)
    if centre is None:
        return None
    return DistrictCentre(*centre, 1, district.local_authority if district else "")
