"""Our own careers content shipped with the service: the 25 job categories and sample job profiles.

The files in content/ are written by us. Profiles use a short form that is expanded here into the
model's fields (see README.md, "Sample content"). Loading adds what is missing and never changes a
profile that already has the address, so an editor's changes and imported national profiles stay.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from signpost.careers.models import (
    DigitalSkillsLevel,
    HoursPeriod,
    JobCategory,
    JobProfile,
    OnetOccupation,
    ProfileSource,
    ProfileStatus,
    RouteKind,
)

CONTENT = Path(__file__).resolve().parent / "content"
REVIEW_INTERVAL = timedelta(days=365)
DEFAULT_REQUIREMENTS_INTRO = "You'll usually need:"


class ContentError(ValueError):
    """Our own content file is wrong: a test catches it before it ships."""


def categories() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = json.loads((CONTENT / "categories.json").read_text(encoding="utf-8"))
    return rows


def _skills() -> dict[str, dict[str, str]]:
    rows = json.loads((CONTENT / "skills.json").read_text(encoding="utf-8"))
    return {key: value for key, value in rows.items() if not key.startswith("_")}


def _route(kind: str, value: str | dict[str, Any]) -> dict[str, Any]:
    if isinstance(value, str):
        value = {"description": value}
    requirements = list(value.get("requirements", []))
    return {
        "kind": kind,
        "subjects": value.get("subjects", ""),
        "description": value.get("description", ""),
        "requirements_intro": value.get("requirements_intro", DEFAULT_REQUIREMENTS_INTRO if requirements else ""),
        "requirements": requirements,
        "links": list(value.get("links", [])),
        "further_information": value.get("further_information", ""),
    }


def profile_fields(entry: dict[str, Any], skills: dict[str, dict[str, str]]) -> dict[str, Any]:
    """JobProfile fields (and ``categories``/``related`` slugs) from one profile of a content file."""
    title = entry["title"]
    unknown_routes = set(entry.get("routes", {})) - set(RouteKind.values)
    unknown_skills = [key for key in entry.get("skills", []) if key not in skills]
    if unknown_routes or unknown_skills:
        raise ContentError(f"{title}: unknown route kinds {unknown_routes or ''} or skills {unknown_skills or ''}")
    starter, experienced = entry.get("salary", [None, None])
    hours_min, hours_max = entry.get("hours", [None, None])
    reviewed = date.fromisoformat(entry["reviewed"]) if entry.get("reviewed") else None
    return {
        "title": title,
        "slug": entry.get("slug") or slugify(title),
        "alternative_titles": entry.get("alternative_titles", []),
        "hidden_titles": entry.get("hidden_titles", []),
        "overview": entry["overview"],
        "salary_starter": starter,
        "salary_experienced": experienced,
        "hours_min": Decimal(str(hours_min)) if hours_min is not None else None,
        "hours_max": Decimal(str(hours_max)) if hours_max is not None else None,
        "hours_period": HoursPeriod(entry.get("hours_period", HoursPeriod.WEEK)),
        "working_pattern": entry.get("pattern", ""),
        "working_pattern_details": entry.get("pattern_details", ""),
        "tasks": entry.get("tasks", []),
        "working_environment": entry.get("environment", []),
        "working_locations": entry.get("locations", []),
        "uniform": entry.get("uniform", []),
        "entry_routes": [
            _route(kind, entry["routes"][kind]) for kind in RouteKind.values if kind in entry.get("routes", {})
        ],
        "skills": [
            {**skills[key], "rank": rank} for rank, key in enumerate(entry.get("skills", []), start=1)
        ],
        "digital_skills_level": DigitalSkillsLevel(entry["digital"]) if entry.get("digital") else "",
        "restrictions": entry.get("restrictions", []),
        "registrations": entry.get("registrations", []),
        "professional_bodies": entry.get("bodies", ""),
        "career_tips": entry.get("tips", ""),
        "career_path": entry.get("path", ""),
        "sector": entry.get("sector", ""),
        "soc2010_code": entry.get("soc2010", ""),
        "soc2020_code": entry.get("soc2020", ""),
        "onet_code": entry.get("onet", ""),
        "last_reviewed_on": reviewed,
        "review_due_on": reviewed + REVIEW_INTERVAL if reviewed else None,
        "categories": entry.get("categories", []),
        "related": entry.get("related", []),
    }


def sample_profiles() -> list[dict[str, Any]]:
    skills = _skills()
    return [
        profile_fields(entry, skills)
        for path in sorted((CONTENT / "profiles").glob("*.json"))
        for entry in json.loads(path.read_text(encoding="utf-8"))
    ]


def load_sample_content() -> tuple[int, int]:
    """Add the categories and any sample profile not yet present; (profiles added, profiles already there)."""
    profiles = sample_profiles()
    now = timezone.now()
    with transaction.atomic():
        by_slug = {category.slug: category for category in JobCategory.objects.all()}
        for row in categories():
            category = by_slug.get(row["slug"])
            if category is None:
                by_slug[row["slug"]] = JobCategory.objects.create(**row)
            elif not category.description:
                category.description = row["description"]
                category.save(update_fields=["description"])
        existing = set(JobProfile.objects.filter(draft_of__isnull=True).values_list("slug", flat=True))
        new = [fields for fields in profiles if fields["slug"] not in existing]
        created = bulk_create_with_history(
            [
                JobProfile(
                    **{name: value for name, value in fields.items() if name not in ("categories", "related")},
                    status=ProfileStatus.PUBLISHED,
                    published_at=now,
                    source=ProfileSource.OURS,
                )
                for fields in new
            ],
            JobProfile,
            default_change_reason="Sample content loaded",
        )
        # Our codes are O*NET-SOC 2019 codes, so a loaded O*NET table links them directly.
        occupations = dict(OnetOccupation.objects.values_list("code", "pk"))
        for profile in created:
            profile.onet_occupation_id = occupations.get(profile.onet_code)
        linked = [profile for profile in created if profile.onet_occupation_id]
        JobProfile.objects.bulk_update(linked, ["onet_occupation"])
        ids = dict(JobProfile.objects.filter(draft_of__isnull=True).values_list("slug", "pk"))
        categories_through = JobProfile.categories.through
        categories_through.objects.bulk_create(
            [
                categories_through(jobprofile_id=ids[fields["slug"]], jobcategory_id=by_slug[slug].pk)
                for fields in new
                for slug in fields["categories"]
            ]
        )
        related_through = JobProfile.related_careers.through
        related_through.objects.bulk_create(
            [
                related_through(from_jobprofile_id=ids[fields["slug"]], to_jobprofile_id=ids[slug])
                for fields in new
                for slug in fields["related"]
                if slug in ids
            ]
        )
    return len(created), len(profiles) - len(new)
