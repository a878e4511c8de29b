"""Our own sample content: enough profiles, every category covered, valid fields, safe to load again."""

from __future__ import annotations

from io import StringIO
from typing import Any

from django.core.management import call_command

from signpost.careers import selectors
from signpost.careers.models import JobCategory, JobProfile, ProfileSource, RouteKind
from signpost.careers.sample import categories, sample_profiles
from signpost.careers.text import LINK


def test_sample_content_is_complete_and_well_formed() -> None:
    profiles = sample_profiles()
    slugs = [profile["slug"] for profile in profiles]
    category_slugs = {category["slug"] for category in categories()}

    assert len(profiles) >= 60
    assert len(set(slugs)) == len(slugs)
    assert len(category_slugs) == 25
    assert {slug for profile in profiles for slug in profile["categories"]} == category_slugs
    for profile in profiles:
        assert set(profile["related"]) <= set(slugs), profile["slug"]
        assert len(profile["soc2010_code"]) == len(profile["soc2020_code"]) == 4, profile["slug"]
        assert profile["salary_starter"] <= profile["salary_experienced"], profile["slug"]
        assert profile["hours_min"] <= profile["hours_max"], profile["slug"]
        assert len(profile["tasks"]) >= 3 and profile["entry_routes"] and profile["skills"], profile["slug"]
        for route in profile["entry_routes"]:
            assert route["kind"] in RouteKind.values
            assert route["subjects"] or route["description"], profile["slug"]
        # Links in our text use the markup, never HTML.
        assert "<" not in str(profile), profile["slug"]
        for text in profile["registrations"]:
            for match in LINK.finditer(text):
                assert match.group(2).startswith("https://"), profile["slug"]


def test_loading_adds_published_profiles_once_and_keeps_existing_ones(db: Any) -> None:
    edited = JobProfile.objects.create(title="Plumber (edited)", slug="plumber", overview="Ours, edited.")
    out = StringIO()

    call_command("load_careers_content", stdout=out)
    call_command("load_careers_content", stdout=out)

    count = len(sample_profiles())
    assert f"{count - 1} sample job profiles added, 1 already there" in out.getvalue()
    assert f"0 sample job profiles added, {count} already there" in out.getvalue()
    assert JobProfile.objects.count() == count
    edited.refresh_from_db()
    assert edited.title == "Plumber (edited)"
    assert JobCategory.objects.count() == 25
    assert all(category.profile_count for category in selectors.categories_with_counts())

    vet = selectors.profile_by_slug("veterinary-surgeon")
    assert vet is not None
    assert vet.source == ProfileSource.OURS
    assert [category.slug for category in vet.categories.all()] == ["animal-care", "healthcare"]
    assert {profile.slug for profile in vet.related_careers.all()} == {"veterinary-nurse", "dog-groomer"}
    assert vet.skills[0]["onet_element_id"] == "2.A.1.f"
    assert vet.route(RouteKind.UNIVERSITY) is not None
    assert vet.history.count() == 1
