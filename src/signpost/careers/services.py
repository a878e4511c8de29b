"""Content editors' writes to job profiles: create, edit, send for review, publish, mark reviewed.

The publishing rule (models.py): a published profile is never edited in place. Editing it makes or
updates its working copy; publishing the working copy copies its content over the published row and
deletes the copy, so the public address and the history stay one record. Each change names its
editor in the history (``history_user``) and writes an audit event in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from signpost.careers.embeddings import schedule_profile_embedding
from signpost.careers.models import JobCategory, JobProfile, ProfileSource, ProfileStatus
from signpost.careers.sample import REVIEW_INTERVAL
from signpost.core.audit import audit_record

# What an editor may change; everything else (status, links, source) belongs to the workflow.
EDITABLE_FIELDS = (
    "title",
    "title_option",
    "alternative_titles",
    "hidden_titles",
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
    "soc2020_code",
    "onet_code",
)


# The history's change reason column holds 100 characters; the audit event keeps the full list.
REASON_LENGTH = 100


def _save(profile: JobProfile, *, actor: Any, reason: str) -> None:
    profile._history_user = actor  # type: ignore[attr-defined]
    if len(reason) > REASON_LENGTH:
        reason = reason[: REASON_LENGTH - 1] + "…"
    profile._change_reason = reason  # type: ignore[attr-defined]
    profile.full_clean(exclude=["onet_occupation", "draft_of"])
    profile.save()


def _locked(profile: JobProfile) -> JobProfile:
    return JobProfile.objects.select_for_update().get(pk=profile.pk)


@transaction.atomic
def profile_create(
    *, actor: Any, changes: dict[str, Any], categories: Iterable[JobCategory] = ()
) -> JobProfile:
    """A new draft written by an editor; its address comes from the title."""
    profile = JobProfile(source=ProfileSource.OURS, status=ProfileStatus.DRAFT)
    for name in EDITABLE_FIELDS:
        if name in changes:
            setattr(profile, name, changes[name])
    profile.slug = slugify(profile.title)
    if JobProfile.objects.filter(slug=profile.slug, draft_of__isnull=True).exists():
        raise ValidationError({"title": "There is already a job profile with this title"})
    _save(profile, actor=actor, reason="Created")
    profile.categories.set(list(categories))
    audit_record(actor=actor, action="careers.profile_created", target=profile, details={"slug": profile.slug})
    return profile


@transaction.atomic
def profile_edit(
    *, actor: Any, profile: JobProfile, changes: dict[str, Any], categories: Iterable[JobCategory] | None = None
) -> JobProfile:
    """Save an editor's changes: to the draft itself, or to the working copy of a published profile.

    Returns the row that holds the changes (the draft or the working copy). A profile in review
    goes back to draft: what was reviewed is no longer what is there.
    """
    profile = _locked(profile)
    if profile.status == ProfileStatus.PUBLISHED:
        draft = JobProfile.objects.filter(draft_of=profile).first() or _working_copy(profile, actor=actor)
    else:
        draft = profile
    changed = [name for name in EDITABLE_FIELDS if name in changes and getattr(draft, name) != changes[name]]
    for name in changed:
        setattr(draft, name, changes[name])
    if changed or draft.status == ProfileStatus.REVIEW:
        draft.status = ProfileStatus.DRAFT
        _save(draft, actor=actor, reason="Edited: " + ", ".join(changed) if changed else "Edited")
    if categories is not None:
        draft.categories.set(list(categories))
    audit_record(actor=actor, action="careers.profile_edited", target=draft, details={"fields": changed})
    return draft


def _working_copy(published: JobProfile, *, actor: Any) -> JobProfile:
    copy = JobProfile(
        **{name: getattr(published, name) for name in EDITABLE_FIELDS},
        slug=published.slug,
        status=ProfileStatus.DRAFT,
        draft_of=published,
        source=published.source,
        last_reviewed_on=published.last_reviewed_on,
        review_due_on=published.review_due_on,
    )
    _save(copy, actor=actor, reason=f"Working copy of the published profile {published.pk}")
    copy.categories.set(list(published.categories.all()))
    return copy


@transaction.atomic
def profile_submit_for_review(*, actor: Any, profile: JobProfile) -> JobProfile:
    profile = _locked(profile)
    if profile.status != ProfileStatus.DRAFT:
        raise ValidationError("Only a draft can be sent for review")
    profile.status = ProfileStatus.REVIEW
    _save(profile, actor=actor, reason="Sent for review")
    audit_record(actor=actor, action="careers.profile_sent_for_review", target=profile)
    return profile


@transaction.atomic
def profile_return_to_draft(*, actor: Any, profile: JobProfile, reason: str) -> JobProfile:
    profile = _locked(profile)
    if profile.status != ProfileStatus.REVIEW:
        raise ValidationError("Only a profile in review can be returned to its editor")
    if not reason.strip():
        raise ValidationError("Say what needs to change")
    profile.status = ProfileStatus.DRAFT
    _save(profile, actor=actor, reason=f"Returned: {reason.strip()}")
    audit_record(actor=actor, action="careers.profile_returned", target=profile, reason=reason.strip())
    return profile


@transaction.atomic
def profile_publish(*, actor: Any, profile: JobProfile) -> JobProfile:
    """Publish a profile in review; returns the published row (the original for a working copy).
    Its vector for the describe search is made again in the background (embeddings.py)."""
    profile = _locked(profile)
    if profile.status != ProfileStatus.REVIEW:
        raise ValidationError("Only a profile that has been reviewed can be published")
    today = timezone.localdate()
    if profile.draft_of_id is None:
        published = profile
    else:
        published = _locked(profile.draft_of)  # type: ignore[arg-type]
        for name in EDITABLE_FIELDS:
            setattr(published, name, getattr(profile, name))
        categories = list(profile.categories.all())
        profile.delete()
        published.categories.set(categories)
    published.status = ProfileStatus.PUBLISHED
    published.published_at = timezone.now()
    published.last_reviewed_on = today
    published.review_due_on = today + REVIEW_INTERVAL
    _save(published, actor=actor, reason="Published")
    audit_record(actor=actor, action="careers.profile_published", target=published)
    schedule_profile_embedding(published.pk)
    return published


@transaction.atomic
def profile_mark_reviewed(*, actor: Any, profile: JobProfile, on: date | None = None) -> JobProfile:
    """An editor checked a published profile and it needs no change: the next review is a year on."""
    profile = _locked(profile)
    if profile.status != ProfileStatus.PUBLISHED:
        raise ValidationError("Only a published profile can be marked as reviewed")
    reviewed = on or timezone.localdate()
    profile.last_reviewed_on = reviewed
    profile.review_due_on = reviewed + REVIEW_INTERVAL
    _save(profile, actor=actor, reason="Reviewed, no change needed")
    audit_record(actor=actor, action="careers.profile_reviewed", target=profile)
    return profile
