"""Small builders for careers tests: a profile needs only a title to be useful."""

from __future__ import annotations

from typing import Any

from django.utils.text import slugify

from signpost.careers.models import JobCategory, JobProfile, ProfileStatus


def make_category(name: str = "Animal care") -> JobCategory:
    category, _ = JobCategory.objects.get_or_create(slug=slugify(name), defaults={"name": name})
    return category


def make_profile(
    title: str = "Vet", *, status: str = ProfileStatus.PUBLISHED, categories: tuple[str, ...] = (), **fields: Any
) -> JobProfile:
    fields.setdefault("overview", f"{title}s do useful work.")
    profile = JobProfile.objects.create(title=title, slug=fields.pop("slug", slugify(title)), status=status, **fields)
    profile.categories.set([make_category(name) for name in categories])
    return profile
