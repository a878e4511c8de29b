"""Importing SOC 2020 unit groups (ONS descriptions) and giving profiles their SOC 2020 code.

The national profiles carry SOC 2010 codes only, and no SOC 2010 → 2020 table is loaded, so a
profile without a SOC 2020 code gets one when its title (or one of its alternative titles) is a
unit group's title or one of the group's example job titles, and exactly one group matches.
Codes set by an editor are never changed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from django.core.management.base import CommandError
from django.db import transaction

from signpost.careers.importing import ImportReport, read_csv, with_progress
from signpost.careers.models import JobProfile, SocUnitGroup

DESCRIPTIONS_FILE = "soc2020_descriptions.csv"
UNIT_CODE = re.compile(r"^\d{4}$")
COLUMNS = ("code", "level", "title", "description", "typical_entry_routes_and_qualifications", "tasks")


def _items(value: str) -> list[str]:
    """ONS lists are '~'-prefixed items separated by blank lines."""
    return [" ".join(item.split()) for item in value.split("~") if item.strip()]


def _title_key(title: str) -> str:
    words = re.sub(r"[^a-z0-9 ]", " ", title.lower()).split()
    return " ".join(word[:-1] if word.endswith("s") and len(word) > 3 else word for word in words)


def import_soc2020(path: Path, *, say: Callable[[str], None] = lambda text: None) -> ImportReport:
    """Create or update every unit group; major, sub-major and minor groups are counted, not stored."""
    if path.is_dir():
        path = path / DESCRIPTIONS_FILE
    if not path.is_file():
        raise CommandError(f"{path} is not a file.")
    report = ImportReport("SOC 2020 unit groups")
    groups: dict[str, SocUnitGroup] = {}
    other_levels = 0
    for line, row in with_progress(read_csv(path, required=COLUMNS), report, say):
        code = (row["code"] or "").strip()
        if row["level"] != "unit":
            other_levels += 1
            report.skipped += 1
            continue
        if not UNIT_CODE.match(code) or not (row["title"] or "").strip():
            report.reject(line, code, "a unit group needs a four-digit code and a title")
            continue
        if code in groups:
            report.reject(line, code, "the code appears twice")
            continue
        groups[code] = SocUnitGroup(
            code=code,
            title=row["title"].strip(),
            description=" ".join((row["description"] or "").split()),
            entry_routes=" ".join((row["typical_entry_routes_and_qualifications"] or "").split()),
            tasks=_items(row["tasks"] or ""),
            related_job_titles=_items(row.get("related_job_titles") or ""),
        )
    report.notes.append(f"{other_levels} major, sub-major and minor group rows are headings, not unit groups")

    fields = ["title", "description", "entry_routes", "tasks", "related_job_titles"]
    with transaction.atomic():
        saved = {group.code: group for group in SocUnitGroup.objects.all()}
        new = [group for code, group in groups.items() if code not in saved]
        changed: list[SocUnitGroup] = []
        for code, group in groups.items():
            current = saved.get(code)
            if current is not None and any(getattr(current, name) != getattr(group, name) for name in fields):
                for name in fields:
                    setattr(current, name, getattr(group, name))
                changed.append(current)
        SocUnitGroup.objects.bulk_create(new, batch_size=500)
        SocUnitGroup.objects.bulk_update(changed, fields, batch_size=500)
        report.created, report.updated = len(new), len(changed)
        report.unchanged = len(groups) - len(new) - len(changed)
        report.notes.append(code_profiles(list(groups.values())))
    return report


def code_profiles(groups: list[SocUnitGroup]) -> str:
    """Give uncoded profiles the one unit group whose titles match theirs; say how many got one."""
    by_title: dict[str, set[str]] = {}
    for group in groups:
        for title in [group.title, *group.related_job_titles]:
            by_title.setdefault(_title_key(title), set()).add(group.code)
    uncoded = list(JobProfile.objects.filter(soc2020_code="").only("pk", "title", "alternative_titles"))
    coded = []
    for profile in uncoded:
        codes: set[str] = set()
        for title in [profile.title, *profile.alternative_titles]:
            codes |= by_title.get(_title_key(title), set())
        if len(codes) == 1:
            profile.soc2020_code = codes.pop()
            coded.append(profile)
    JobProfile.objects.bulk_update(coded, ["soc2020_code"], batch_size=500)
    return f"{len(coded)} of {len(uncoded)} profiles without a SOC 2020 code matched one by title"
