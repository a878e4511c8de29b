"""Writes of the shared kernel: loading the reference tables that core.geography reads."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from signpost.core.audit import audit_record
from signpost.core.models import PostcodeDistrict

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
    now = timezone.now()
    with transaction.atomic():
        existing = {district.outward_code: district for district in PostcodeDistrict.objects.select_for_update()}
        created, changed = [], []
        for outward, values in wanted.items():
            district = existing.get(outward)
            if district is None:
                created.append(PostcodeDistrict(outward_code=outward, loaded_at=now, **values))
            elif any(getattr(district, key) != value for key, value in values.items()):
                for key, value in values.items():
                    setattr(district, key, value)
                district.loaded_at = now
                changed.append(district)
            else:
                report.unchanged += 1
        PostcodeDistrict.objects.bulk_create(created, batch_size=500)
        PostcodeDistrict.objects.bulk_update(
            changed, ["local_authority", "latitude", "longitude", "loaded_at"], batch_size=500
        )
        report.created, report.updated = len(created), len(changed)
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
