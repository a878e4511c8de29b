"""Importing O*NET 29.3 (occupations, interests, job zones, skills) and linking profiles to it.

O*NET 29.3 uses O*NET-SOC 2019 codes; the national profiles carry O*NET-SOC 2010 codes, so each
profile is linked through the O*NET 2010 → 2019 crosswalk (crosswalks/ in the data folder). A
profile whose code is already a 2019 code (our own content) links directly.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO

from django.core.management.base import CommandError
from django.db import transaction

from signpost.careers.importing import ImportReport, with_progress
from signpost.careers.models import RIASEC, JobProfile, OnetOccupation

TOP_SKILLS = 6
CODE = re.compile(r"^\d{2}-\d{4}\.\d{2}$")
CROSSWALK = Path("crosswalks") / "onet_soc_2010_to_2019_crosswalk.csv"
# Element ids of the six occupational interests (OI scale), in RIASEC order.
INTEREST_ELEMENTS = {"1.B.1.a": 0, "1.B.1.b": 1, "1.B.1.c": 2, "1.B.1.d": 3, "1.B.1.e": 4, "1.B.1.f": 5}
HIGH_POINT_ELEMENTS = ("1.B.1.g", "1.B.1.h", "1.B.1.i")
RIASEC_LETTERS = "RIASEC"


def _open(folder: Path, name: str) -> IO[str]:
    plain, packed = folder / name, folder / f"{name}.gz"
    if plain.is_file():
        return plain.open(newline="", encoding="utf-8-sig")
    if packed.is_file():
        return io.TextIOWrapper(gzip.open(packed), newline="", encoding="utf-8-sig")
    raise CommandError(f"{folder} has neither {name} nor {name}.gz.")


def _rows(folder: Path, name: str) -> Iterator[tuple[int, dict[str, str]]]:
    with _open(folder, name) as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        for row in reader:
            yield reader.line_num, row


def _score(value: str) -> Decimal:
    try:
        return Decimal(value).quantize(Decimal("0.01"))
    except InvalidOperation as error:
        raise ValueError(f"{value!r} is not a number") from error


def import_onet(folder: Path, *, say: Callable[[str], None] = lambda text: None) -> ImportReport:
    """Occupations with their interests, job zone and top skills; then each profile's link."""
    report = ImportReport("O*NET occupations")
    occupations: dict[str, OnetOccupation] = {}
    for line, row in with_progress(_rows(folder, "Occupation Data.txt"), report, say):
        code = (row.get("O*NET-SOC Code") or "").strip()
        if not CODE.match(code) or not (row.get("Title") or "").strip():
            report.reject(line, code, "the code is not an O*NET-SOC code or the title is empty")
            continue
        occupations[code] = OnetOccupation(
            code=code, title=row["Title"].strip(), description=(row.get("Description") or "").strip()
        )

    # Enrichment tables: a row about an occupation we do not have, or with a bad value, is counted.
    problems: dict[str, int] = {}

    def problem(table: str) -> None:
        problems[table] = problems.get(table, 0) + 1

    for _, row in _rows(folder, "Job Zones.txt"):
        occupation = occupations.get(row["O*NET-SOC Code"])
        if occupation is None or not row["Job Zone"].isdigit() or not 1 <= int(row["Job Zone"]) <= 5:
            problem("Job Zones.txt")
            continue
        occupation.job_zone = int(row["Job Zone"])

    high_points: dict[str, list[str]] = {}
    for _, row in _rows(folder, "Interests.txt"):
        occupation = occupations.get(row["O*NET-SOC Code"])
        try:
            if occupation is None:
                raise ValueError("unknown occupation")
            element = row["Element ID"]
            if row["Scale ID"] == "OI" and element in INTEREST_ELEMENTS:
                setattr(occupation, RIASEC[INTEREST_ELEMENTS[element]], _score(row["Data Value"]))
            elif row["Scale ID"] == "IH" and element in HIGH_POINT_ELEMENTS:
                # 1 to 6 name an interest in RIASEC order; 0 means there is no such high point.
                point = int(float(row["Data Value"]))
                if point:
                    letters = high_points.setdefault(occupation.code, ["", "", ""])
                    letters[HIGH_POINT_ELEMENTS.index(element)] = RIASEC_LETTERS[point - 1]
        except (ValueError, IndexError):
            problem("Interests.txt")
    for code, letters in high_points.items():
        occupations[code].interest_code = "".join(letters)

    skills: dict[str, dict[str, dict[str, object]]] = {}
    for _, row in _rows(folder, "Skills.txt"):
        if row["O*NET-SOC Code"] not in occupations:
            problem("Skills.txt")
            continue
        if row.get("Recommend Suppress") == "Y":
            continue
        entry = skills.setdefault(row["O*NET-SOC Code"], {}).setdefault(
            row["Element ID"], {"element_id": row["Element ID"], "name": row["Element Name"]}
        )
        try:
            entry["importance" if row["Scale ID"] == "IM" else "level"] = float(row["Data Value"])
        except ValueError:
            problem("Skills.txt")
    for code, elements in skills.items():
        ranked = sorted(
            (entry for entry in elements.values() if "importance" in entry),
            key=lambda entry: (-float(entry["importance"]), str(entry["name"])),  # type: ignore[arg-type]
        )
        occupations[code].top_skills = ranked[:TOP_SKILLS]
    for table, count in sorted(problems.items()):
        report.notes.append(f"{table}: {count} rows skipped (an occupation not in Occupation Data.txt or a bad value)")

    fields = ["title", "description", "job_zone", *RIASEC, "interest_code", "top_skills"]
    with transaction.atomic():
        existing = set(OnetOccupation.objects.values_list("code", flat=True))
        new = [occupation for code, occupation in occupations.items() if code not in existing]
        OnetOccupation.objects.bulk_create(new, batch_size=500)
        saved = {occupation.code: occupation for occupation in OnetOccupation.objects.all()}
        changed: list[OnetOccupation] = []
        for code, occupation in occupations.items():
            if code in existing:
                current = saved[code]
                if any(getattr(current, name) != getattr(occupation, name) for name in fields):
                    for name in fields:
                        setattr(current, name, getattr(occupation, name))
                    changed.append(current)
        OnetOccupation.objects.bulk_update(changed, fields, batch_size=500)
        report.created, report.updated = len(new), len(changed)
        report.unchanged = len(occupations) - len(new) - len(changed)
        report.notes.append(link_profiles(folder, saved))
    return report


def _crosswalk(folder: Path) -> dict[str, list[str]]:
    path = folder / CROSSWALK
    if not path.is_file():
        raise CommandError(f"{path} is missing: the national profiles need it to find their O*NET occupation.")
    crosswalk: dict[str, list[str]] = {}
    with path.open(newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            crosswalk.setdefault(row["soc2010_code"].strip(), []).append(row["soc2019_code"].strip())
    return crosswalk


def link_profiles(folder: Path, occupations: dict[str, OnetOccupation]) -> str:
    """Point each profile with an O*NET code at its current occupation; say how many could not be."""
    crosswalk = _crosswalk(folder)
    profiles = list(JobProfile.objects.exclude(onet_code="").only("pk", "onet_code", "onet_occupation_id"))
    changed, unmatched = [], []
    for profile in profiles:
        # The same code in 2019 when it survived, else the first code it became.
        candidates = [profile.onet_code, *crosswalk.get(profile.onet_code, [])]
        target = next((occupations[code] for code in candidates if code in occupations), None)
        if target is None:
            unmatched.append(profile.onet_code)
            continue
        if profile.onet_occupation_id != target.pk:
            profile.onet_occupation = target
            changed.append(profile)
    JobProfile.objects.bulk_update(changed, ["onet_occupation"], batch_size=500)
    linked = len(profiles) - len(unmatched)
    text = f"{linked} of {len(profiles)} profiles with an O*NET code linked ({len(changed)} changed)"
    if unmatched:
        text += f"; no O*NET 29.3 occupation for {len(unmatched)}: {', '.join(sorted(set(unmatched)))}"
    return text
