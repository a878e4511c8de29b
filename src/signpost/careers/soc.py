"""Importing SOC 2020 unit groups (ONS descriptions) and giving profiles their SOC 2020 code.

The national profiles carry SOC 2010 codes only, and there is no official SOC 2010 → 2020 table
here, so one is derived (``soc2010_votes``): every job title of the ONS SOC 2010 coding index that
is also one of a SOC 2020 unit group's example job titles is a vote from its SOC 2010 code for that
group. A profile's code is then chosen (``choose_soc2020``):

1. among the groups its SOC 2010 code votes for, one whose example titles include the profile's
   title or an alternative title (qualifiers such as "(qualified)" aside), the most voted;
2. else the one group whose example titles name the profile's own title exactly, when the SOC 2010
   votes disagree with it (the title is the better evidence then);
3. else the group its SOC 2010 code votes for most (ties: the same four digits);
4. else, without the coding index, the earlier rule: the one group whose titles match the title or
   an alternative title.

A code an editor set (the profile's history says so, careers.editors) is never changed, nor is a
code in our own content; the coding is recorded in the profiles' history.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from django.core.management.base import CommandError
from django.db import transaction
from simple_history.utils import bulk_update_with_history

from signpost.careers.editors import fields_set_by_editors
from signpost.careers.importing import ImportReport, read_csv, with_progress
from signpost.careers.models import JobProfile, ProfileSource, SocUnitGroup

DESCRIPTIONS_FILE = "soc2020_descriptions.csv"
SOC2010_INDEX_FILE = "soc2010_coding_index_v5.1.csv"
UNIT_CODE = re.compile(r"^\d{4}$")
COLUMNS = ("code", "level", "title", "description", "typical_entry_routes_and_qualifications", "tasks")


def _items(value: str) -> list[str]:
    """ONS lists are '~'-prefixed items separated by blank lines."""
    return [" ".join(item.split()) for item in value.split("~") if item.strip()]


def _title_key(title: str) -> str:
    words = re.sub(r"[^a-z0-9 ]", " ", title.lower()).split()
    return " ".join(word[:-1] if word.endswith("s") and len(word) > 3 else word for word in words)


def import_soc2020(
    path: Path, *, soc2010_index: Path | None = None, say: Callable[[str], None] = lambda text: None
) -> ImportReport:
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
        votes = soc2010_votes(soc2010_index, list(groups.values())) if soc2010_index else {}
        report.notes.append(code_profiles(list(groups.values()), votes))
    return report


def _without_qualifiers(title: str) -> str:
    return re.sub(r"\([^)]*\)", " ", title)


def _title_index(groups: Iterable[SocUnitGroup]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Unit group codes by example title as written ("auditor qualified") and without qualifiers."""
    exact: dict[str, set[str]] = {}
    bare: dict[str, set[str]] = {}
    for group in groups:
        for title in [group.title, *group.related_job_titles]:
            exact.setdefault(_title_key(title), set()).add(group.code)
            bare.setdefault(_title_key(_without_qualifiers(title)), set()).add(group.code)
    return exact, bare


def soc2010_votes(index_path: Path, groups: list[SocUnitGroup]) -> dict[str, dict[str, float]]:
    """For each SOC 2010 code, the SOC 2020 groups its coding index titles are examples of, with votes.

    The index writes titles inverted ("Auditor, internal") with qualifiers apart ("(qualified)"); a
    title that is an example of several groups splits its vote between them.
    """
    if index_path.is_dir():
        index_path = index_path / SOC2010_INDEX_FILE
    if not index_path.is_file():
        raise CommandError(f"{index_path} is not a file.")
    exact, bare = _title_index(groups)
    votes: dict[str, dict[str, float]] = {}
    for _, row in read_csv(index_path, required=("soc2010", "index_occupation")):
        code = (row["soc2010"] or "").strip()
        parts = [part.strip() for part in (row["index_occupation"] or "").split(",") if part.strip()]
        if not UNIT_CODE.match(code) or not parts:
            continue
        title = " ".join(reversed(parts))
        qualifiers = [q for q in (row.get("additional_qualifier"), row.get("industry_qualifier")) if (q or "").strip()]
        codes = next(
            (exact[key] for q in qualifiers if (key := _title_key(f"{title} {q}")) in exact),
            set(),
        )
        if not codes and not qualifiers:
            codes = exact.get(_title_key(title)) or bare.get(_title_key(title), set())
        for group in codes:
            share = votes.setdefault(code, {})
            share[group] = share.get(group, 0.0) + 1 / len(codes)
    return votes


def choose_soc2020(
    titles: list[str],
    soc2010_code: str,
    votes: dict[str, dict[str, float]],
    exact: dict[str, set[str]],
    bare: dict[str, set[str]],
) -> str:
    """The SOC 2020 code for a profile with these titles (its own first) and SOC 2010 code, or ""."""
    candidates = votes.get(soc2010_code, {})
    by_title: set[str] = set()
    for title in titles:
        by_title |= exact.get(_title_key(title), set()) | bare.get(_title_key(_without_qualifiers(title)), set())
    agreed = [code for code in by_title if code in candidates]
    if agreed:
        return max(agreed, key=lambda code: (candidates[code], code == soc2010_code, code))
    own = exact.get(_title_key(titles[0]), set()) if titles else set()
    if len(own) == 1 and candidates:
        return next(iter(own))
    if candidates:
        return max(candidates, key=lambda code: (candidates[code], code == soc2010_code, code))
    matched: set[str] = set()
    for title in titles:
        matched |= exact.get(_title_key(title), set())
    return matched.pop() if len(matched) == 1 else ""


def code_profiles(groups: list[SocUnitGroup], votes: dict[str, dict[str, float]] | None = None) -> str:
    """Give profiles their SOC 2020 code (see the module's docstring); say how many have one."""
    exact, bare = _title_index(groups)
    profiles = list(
        JobProfile.objects.only("pk", "title", "alternative_titles", "soc2010_code", "soc2020_code", "source")
    )
    by_editors = fields_set_by_editors([profile.pk for profile in profiles], ["soc2020_code"])
    changed = []
    for profile in profiles:
        if profile.pk in by_editors or (profile.source != ProfileSource.NATIONAL and profile.soc2020_code):
            continue
        code = choose_soc2020(
            [profile.title, *profile.alternative_titles], profile.soc2010_code, votes or {}, exact, bare
        )
        if code and code != profile.soc2020_code:
            profile.soc2020_code = code
            changed.append(profile)
    if changed:
        bulk_update_with_history(
            changed, JobProfile, ["soc2020_code"], batch_size=500, default_change_reason="SOC 2020 code derived"
        )
    coded = sum(1 for profile in profiles if profile.soc2020_code)
    return f"{coded} of {len(profiles)} profiles have a SOC 2020 code ({len(changed)} given or changed now" + (
        f"; {len(by_editors)} set by editors are kept)" if by_editors else ")"
    )
