"""Importing the national job profiles export (job_profiles.jsonl, one profile a line).

The export's field names are the national content system's (PROVENANCE.md of the data set); this
module maps each line onto a JobProfile and saves the whole file in a few bulk statements, so a
re-run updates what changed and creates nothing twice (profiles are matched on their address). A
field an editor changed (the profile's history says so, careers.editors) is not imported again.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from signpost.careers.editors import fields_set_by_editors
from signpost.careers.importing import ImportReport, RowRejected, validation_message, with_progress
from signpost.careers.models import (
    DigitalSkillsLevel,
    HoursPeriod,
    JobCategory,
    JobProfile,
    ProfileSource,
    ProfileStatus,
    RouteKind,
    TitleOption,
)
from signpost.careers.text import from_html

# How long a national profile may go before an editor should look at it again.
REVIEW_INTERVAL = timedelta(days=365)
RELATED_CAREERS = 5
NO_ONET_CODE = "00-0000.00"

ROUTE_FIELDS = {
    RouteKind.UNIVERSITY: "UniversityRoute",
    RouteKind.COLLEGE: "CollegeRoute",
    RouteKind.APPRENTICESHIP: "ApprenticeshipRoute",
    RouteKind.WORK: "WorkRoute",
    RouteKind.VOLUNTEERING: "VolunteeringRoute",
    RouteKind.DIRECT: "DirectRoute",
    RouteKind.OTHER: "OtherRoute",
}
HOURS_PERIODS = {
    "a week": HoursPeriod.WEEK,
    "week": HoursPeriod.WEEK,
    "variable": HoursPeriod.VARIABLE,
    "irregular": HoursPeriod.IRREGULAR,
    "term time": HoursPeriod.TERM_TIME,
    "seasonal": HoursPeriod.SEASONAL,
}
# The export's three digital skills sentences, by their distinguishing words.
DIGITAL_LEVELS = {
    "basic tasks": DigitalSkillsLevel.BASIC,
    "main software packages": DigitalSkillsLevel.CONFIDENT,
    "thorough understanding": DigitalSkillsLevel.ADVANCED,
}
# Fields an import may change on an existing profile (not status, review or editors' links).
IMPORTED_FIELDS = [
    "title",
    "title_option",
    "overview",
    "salary_starter",
    "salary_experienced",
    "hours_min",
    "hours_max",
    "hours_period",
    "working_pattern",
    "working_pattern_details",
    "tasks",
    "working_environment",
    "working_locations",
    "uniform",
    "entry_routes",
    "skills",
    "digital_skills_level",
    "restrictions",
    "other_requirements",
    "registrations",
    "apprenticeship_standards",
    "professional_bodies",
    "career_tips",
    "further_information",
    "career_path",
    "sector",
    "soc2010_code",
    "onet_code",
    "source",
    "source_id",
]


def _salary(value: Any) -> int | None:
    text = str(value or "").replace(",", "").replace("£", "").strip()
    if not text or text.lower() == "variable":
        return None
    if not text.isdigit():
        raise RowRejected(f"salary {value!r} is neither a number of pounds nor 'variable'")
    return int(text)


def _hours(value: Any) -> Decimal | None:
    if value in (None, "", 0, 0.0):
        return None
    try:
        return Decimal(str(value)).quantize(Decimal("0.1"))
    except ArithmeticError as error:
        raise RowRejected(f"hours {value!r} is not a number") from error


def _texts(items: Iterable[dict[str, Any]]) -> list[str]:
    texts = (from_html(item.get("Description") or "") or (item.get("title") or "").strip() for item in items)
    return [text for text in texts if text]


def _route(kind: str, item: dict[str, Any]) -> dict[str, Any]:
    prefixes = item.get("RequirementsPrefix") or []
    return {
        "kind": kind,
        "subjects": from_html(item.get("RelevantSubjects") or ""),
        "description": from_html(item.get("Description") or ""),
        "requirements_intro": (prefixes[0].get("title") or "").strip() if prefixes else "",
        "requirements": _texts(item.get("Requirements") or []),
        "links": [
            {"text": link["Link"].get("Text") or link.get("title") or "", "url": link["Link"].get("Url") or ""}
            for link in item.get("Links") or []
            if (link.get("Link") or {}).get("Url")
        ],
        "further_information": from_html(item.get("FurtherInfo") or ""),
    }


def _routes(row: dict[str, Any]) -> list[dict[str, Any]]:
    routes: list[dict[str, Any]] = []
    for kind, name in ROUTE_FIELDS.items():
        items = row.get(name) or []
        if len(items) > 1:
            raise RowRejected(f"{name} has {len(items)} entries; a profile has at most one route of each kind")
        routes.extend(_route(kind, item) for item in items)
    return routes


def _skills(row: dict[str, Any]) -> list[dict[str, Any]]:
    skills: list[dict[str, Any]] = []
    for code in row.get("ONetOccupationalCode") or []:
        for skill in code.get("ONetSkills") or []:
            skills.append(
                {
                    "name": (skill.get("title") or "").strip(),
                    "description": " ".join((skill.get("Description") or "").split()),
                    "onet_element_id": (skill.get("ONetElementId") or "").strip(),
                    "rank": len(skills) + 1,
                }
            )
    return skills


def _digital_level(html: str) -> str:
    text = from_html(html)
    return next((level for words, level in DIGITAL_LEVELS.items() if words in text), "")


def _single_code(row: dict[str, Any], name: str) -> str:
    codes = [(item.get("title") or "").strip() for item in row.get(name) or []]
    if len(codes) > 1:
        raise RowRejected(f"{name} has {len(codes)} codes; a profile has one")
    return codes[0] if codes else ""


def _reviewed_on(value: str) -> date | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value[:19]).date()
    except ValueError as error:
        raise RowRejected(f"published date {value!r} is not a date") from error


def profile_fields(row: dict[str, Any]) -> dict[str, Any]:
    """The JobProfile fields for one line of the export; RowRejected says why a line cannot be used."""
    title = (row.get("title") or "").strip()
    # The export's addresses carry a few apostrophes and brackets ("children's-nurse"); ours are
    # plain slugs, so "childrens-nurse".
    slug = slugify((row.get("url_name") or "").replace("(", " ").replace(")", " "))
    if not title:
        raise RowRejected("the profile has no title")
    if not slug:
        raise RowRejected("the profile has no address (url_name)")
    onet_code = _single_code(row, "ONetOccupationalCode")
    standards = row.get("ApprenticeshipStandards") or []
    sector = next(
        (route["title"] for standard in standards for route in standard.get("ApprenticeshipStandardRoutes") or []),
        "",
    )
    reviewed_on = _reviewed_on(row.get("published_utc") or "")
    return {
        "title": title,
        "slug": slug,
        "title_option": row.get("TitleOptions") if row.get("TitleOptions") in TitleOption.values else "as_defined",
        "overview": from_html(row.get("Description") or ""),
        "salary_starter": _salary(row.get("SalaryStarter")),
        "salary_experienced": _salary(row.get("SalaryExperienced")),
        "hours_min": _hours(row.get("MinimumHours")),
        "hours_max": _hours(row.get("MaximumHours")),
        "hours_period": HOURS_PERIODS.get((row.get("WorkingHoursDetails") or "a week").strip(), HoursPeriod.WEEK),
        "working_pattern": (row.get("WorkingPattern") or "").strip(),
        "working_pattern_details": (row.get("WorkingPatternDetails") or "").strip(),
        "tasks": _texts(row.get("DayToDayTasks") or []),
        "working_environment": _texts(row.get("WydWorkingEnvironment") or []),
        "working_locations": _texts(row.get("WydWorkingLocation") or []),
        "uniform": _texts(row.get("WydWorkingUniform") or []),
        "entry_routes": _routes(row),
        "skills": _skills(row),
        "digital_skills_level": _digital_level(row.get("WitDigitalSkillsLevel") or ""),
        "restrictions": _texts(row.get("WitRestrictions") or []),
        "other_requirements": _texts(row.get("WitOtherRequirements") or []),
        "registrations": _texts(row.get("HtbRegistrations") or []),
        "apprenticeship_standards": [
            {
                "reference": standard.get("Reference") or "",
                "title": standard.get("title") or "",
                "level": next((level.get("title") for level in standard.get("QCFLevel") or []), ""),
            }
            for standard in standards
        ],
        "professional_bodies": from_html(row.get("HtbBodies") or ""),
        "career_tips": from_html(row.get("HtbCareerTips") or ""),
        "further_information": from_html(row.get("HtbFurtherInformation") or ""),
        "career_path": from_html(row.get("CareerPathAndProgression") or ""),
        "sector": sector,
        "soc2010_code": _single_code(row, "SOCCode"),
        "onet_code": "" if onet_code == NO_ONET_CODE else onet_code,
        "source": ProfileSource.NATIONAL,
        "source_id": (row.get("content_item_id") or "").strip(),
        "last_reviewed_on": reviewed_on,
        "review_due_on": reviewed_on + REVIEW_INTERVAL if reviewed_on else None,
        "categories": [name.strip() for name in row.get("job_categories") or [] if name.strip()],
    }


def _read(path: Path, report: ImportReport, say: Callable[[str], None]) -> list[tuple[int, dict[str, Any]]]:
    accepted: list[tuple[int, dict[str, Any]]] = []
    seen: dict[str, int] = {}
    with path.open(encoding="utf-8") as handle:
        lines = ((number, line) for number, line in enumerate(handle, start=1) if line.strip())
        for number, line in with_progress(lines, report, say):
            key = ""
            try:
                row = json.loads(line)
                if not isinstance(row, dict):
                    raise RowRejected("the line is not a JSON object")
                key = str(row.get("url_name") or row.get("title") or "")
                fields = profile_fields(row)
            except json.JSONDecodeError as error:
                report.reject(number, key, f"not valid JSON ({error.msg})")
                continue
            except RowRejected as error:
                report.reject(number, key, str(error))
                continue
            if fields["slug"] in seen:
                report.reject(number, key, f"the address is already used on line {seen[fields['slug']]}")
                continue
            seen[fields["slug"]] = number
            accepted.append((number, fields))
    return accepted


def _categories(names: set[str], report: ImportReport) -> dict[str, JobCategory]:
    existing = {category.name.lower(): category for category in JobCategory.objects.all()}
    missing = sorted(name for name in names if name.lower() not in existing)
    if missing:
        JobCategory.objects.bulk_create([JobCategory(name=name, slug=slugify(name)) for name in missing])
        report.notes.append(f"{len(missing)} job categories added: {', '.join(missing)}")
        existing = {category.name.lower(): category for category in JobCategory.objects.all()}
    return existing


def import_job_profiles(path: Path, *, say: Callable[[str], None] = lambda text: None) -> ImportReport:
    """Create or update a published profile for every line of the export, with its categories."""
    report = ImportReport("Job profiles")
    accepted = _read(path, report, say)
    now = timezone.now()
    with transaction.atomic():
        categories = _categories({name for _, fields in accepted for name in fields["categories"]}, report)
        existing = {profile.slug: profile for profile in JobProfile.objects.filter(draft_of__isnull=True)}
        # What an editor changed on a profile is theirs: a re-import leaves those fields alone.
        by_editors = fields_set_by_editors([profile.pk for profile in existing.values()], IMPORTED_FIELDS)
        kept_by_editors: list[str] = []
        to_create: list[JobProfile] = []
        to_update: list[JobProfile] = []
        changed_fields: set[str] = set()
        wanted_categories: dict[str, set[int]] = {}
        for number, fields in accepted:
            category_ids = {categories[name.lower()].pk for name in fields.pop("categories")}
            profile = existing.get(fields["slug"])
            if profile is None:
                profile = JobProfile(**fields, status=ProfileStatus.PUBLISHED, published_at=now)
                new = True
            else:
                editors_fields = by_editors.get(profile.pk, set())
                changed = [
                    name
                    for name in IMPORTED_FIELDS
                    if name not in editors_fields and getattr(profile, name) != fields[name]
                ]
                if any(getattr(profile, name) != fields[name] for name in editors_fields):
                    kept_by_editors.append(profile.slug)
                for name in changed:
                    setattr(profile, name, fields[name])
                new = False
            try:
                profile.clean_fields(exclude=["onet_occupation", "draft_of"])
            except ValidationError as error:
                report.reject(number, fields["slug"], validation_message(error))
                continue
            if profile.hours_min and profile.hours_max and profile.hours_min > profile.hours_max:
                report.reject(number, fields["slug"], "the minimum hours are more than the maximum")
                continue
            wanted_categories[fields["slug"]] = category_ids
            if new:
                to_create.append(profile)
            elif changed:
                profile.updated_at = now
                changed_fields.update(changed)
                to_update.append(profile)
            else:
                report.unchanged += 1
        say(f"  saving {len(to_create)} new and {len(to_update)} changed profiles…")
        bulk_create_with_history(to_create, JobProfile, batch_size=500, default_change_reason="Imported")
        if to_update:
            bulk_update_with_history(
                to_update,
                JobProfile,
                sorted(changed_fields | {"updated_at"}),
                batch_size=500,
                default_change_reason="Imported again",
            )
        report.created, report.updated = len(to_create), len(to_update)
        if kept_by_editors:
            report.notes.append(
                f"{len(kept_by_editors)} profiles keep what an editor changed: {', '.join(sorted(kept_by_editors))}"
            )
        uncategorised = sorted(slug for slug, category_ids in wanted_categories.items() if not category_ids)
        if uncategorised:
            report.notes.append(f"{len(uncategorised)} profiles have no job category: {', '.join(uncategorised)}")
        _link_categories(wanted_categories)
        _fill_related_careers(set(wanted_categories))
    return report


def _link_categories(wanted: dict[str, set[int]]) -> None:
    ids = dict(JobProfile.objects.filter(draft_of__isnull=True, slug__in=wanted).values_list("slug", "pk"))
    through = JobProfile.categories.through
    current: dict[int, set[int]] = {}
    for profile_id, category_id in through.objects.filter(jobprofile_id__in=ids.values()).values_list(
        "jobprofile_id", "jobcategory_id"
    ):
        current.setdefault(profile_id, set()).add(category_id)
    stale = [
        (ids[slug], category_id)
        for slug, category_ids in wanted.items()
        for category_id in current.get(ids[slug], set()) - category_ids
    ]
    for profile_id, category_id in stale:
        through.objects.filter(jobprofile_id=profile_id, jobcategory_id=category_id).delete()
    through.objects.bulk_create(
        [
            through(jobprofile_id=ids[slug], jobcategory_id=category_id)
            for slug, category_ids in wanted.items()
            for category_id in category_ids - current.get(ids[slug], set())
        ]
    )


def _fill_related_careers(slugs: set[str]) -> None:
    """Profiles with no related careers yet get those sharing their occupation code (SOC, then O*NET).

    The export has no related careers; an editor's own choice is never overwritten.
    """
    profiles: list[dict[str, Any]] = [
        dict(row)
        for row in JobProfile.objects.filter(draft_of__isnull=True).values("pk", "slug", "soc2010_code", "onet_code")
    ]
    has_related = set(
        JobProfile.related_careers.through.objects.values_list("from_jobprofile_id", flat=True).distinct()
    )
    by_code: dict[tuple[str, str], list[int]] = {}
    for profile in profiles:
        for kind in ("soc2010_code", "onet_code"):
            if profile[kind]:
                by_code.setdefault((kind, profile[kind]), []).append(profile["pk"])
    links: list[Any] = []
    for profile in profiles:
        if profile["slug"] not in slugs or profile["pk"] in has_related:
            continue
        related: list[int] = []
        for kind in ("soc2010_code", "onet_code"):
            for other in by_code.get((kind, profile[kind]), []) if profile[kind] else []:
                if other != profile["pk"] and other not in related and len(related) < RELATED_CAREERS:
                    related.append(other)
        links.extend(
            JobProfile.related_careers.through(from_jobprofile_id=profile["pk"], to_jobprofile_id=other)
            for other in related
        )
    JobProfile.related_careers.through.objects.bulk_create(links, batch_size=1000)
