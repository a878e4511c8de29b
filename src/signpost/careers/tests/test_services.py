"""The publishing workflow refuses steps out of order, and publishing a working copy keeps one record."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from signpost.careers import services
from signpost.careers.models import JobProfile, ProfileStatus
from signpost.careers.tests.builders import make_category, make_profile


def test_steps_out_of_order_are_refused(db: Any) -> None:
    draft = make_profile("Welder", status=ProfileStatus.DRAFT)
    published = make_profile("Baker")
    with pytest.raises(ValidationError, match="Only a profile that has been reviewed can be published"):
        services.profile_publish(actor=None, profile=draft)
    with pytest.raises(ValidationError, match="Only a profile in review can be returned"):
        services.profile_return_to_draft(actor=None, profile=draft, reason="Pay is out of date")
    with pytest.raises(ValidationError, match="Only a published profile can be marked as reviewed"):
        services.profile_mark_reviewed(actor=None, profile=draft)
    with pytest.raises(ValidationError, match="Only a draft can be sent for review"):
        services.profile_submit_for_review(actor=None, profile=published)
    with pytest.raises(ValidationError, match="There is already a job profile with this title"):
        services.profile_create(actor=None, changes={"title": "Baker", "overview": "Bakes bread."})


def test_publishing_a_working_copy_updates_the_published_record_and_its_categories(db: Any) -> None:
    published = make_profile("Baker", categories=("Hospitality and food",), salary_starter=18000)
    copy = services.profile_edit(
        actor=None, profile=published, changes={"salary_starter": 19500}, categories=[make_category("Manufacturing")]
    )
    assert copy.draft_of == published and JobProfile.objects.get(pk=published.pk).salary_starter == 18000
    # A second edit changes the same working copy.
    assert services.profile_edit(actor=None, profile=published, changes={"tasks": ["baking bread"]}).pk == copy.pk

    services.profile_submit_for_review(actor=None, profile=copy)
    result = services.profile_publish(actor=None, profile=copy)

    assert result.pk == published.pk and JobProfile.objects.count() == 1
    result.refresh_from_db()
    assert (result.salary_starter, result.tasks, result.status) == (19500, ["baking bread"], ProfileStatus.PUBLISHED)
    assert [category.name for category in result.categories.all()] == ["Manufacturing"]
    assert result.history.first().history_change_reason == "Published"  # type: ignore[union-attr]
