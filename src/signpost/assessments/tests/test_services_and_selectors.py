"""Services and selectors of assessments against the database: keeping and deleting, the
mapping's history, every job category reachable, and narrowing on the national profiles."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from signpost.accounts.roles import Role
from signpost.assessments import instrument, narrowing, selectors, services
from signpost.assessments.models import Assessment, TraitMapping
from signpost.assessments.starting_mapping import NATIONAL_MAPPING
from signpost.careers.models import JobCategory
from signpost.core.models import AuditEvent, Notification
from signpost.core.scheduling import registered_jobs
from tests.factories import make_customer, make_staff

pytestmark = pytest.mark.django_db

SHARED_DATA = Path(__file__).resolve().parents[4].parent / "shared" / "data"
NATIONAL_PROFILES = SHARED_DATA / "ncs-job-profiles-2020" / "job_profiles.jsonl"


def pattern_for(traits: set[str]) -> dict[str, int]:
    return {s.code: (5 if (s.trait in traits) != s.reverse else 1) for s in instrument.STATEMENTS}


def test_anonymous_assessments_unchanged_for_12_months_are_deleted_by_a_scheduled_job() -> None:
    now = timezone.now()
    old, recent = now - datetime.timedelta(days=366), now - datetime.timedelta(days=364)
    gone = Assessment.objects.create(code="AAAA2222", changed_at=old)
    services.assessment_code_send(actor=None, assessment=gone, mobile="07700 900982")
    Assessment.objects.create(code="BBBB2222", changed_at=recent)
    Assessment.objects.create(code="CCCC2222", changed_at=old, owner=make_customer())
    assert services.stale_assessments_delete(now) == 1
    assert sorted(Assessment.objects.values_list("code", flat=True)) == ["BBBB2222", "CCCC2222"]
    assert not Notification.objects.filter(recipient="+447700900982").exists()
    assert "assessments-delete-stale" in {job.name for job in registered_jobs()}


def test_answering_keeps_the_page_and_completes_once_everything_is_answered() -> None:
    assessment = services.assessment_start(actor=None)
    assert len(assessment.code) == 8 and assessment.current_page == 1
    partial = services.assessment_answer(actor=None, assessment=assessment, answers={"doer-1": 4}, page=3)
    assert partial.current_page == 3 and partial.completed_at is None
    done = services.assessment_answer(actor=None, assessment=assessment, answers=pattern_for({"doer"}), page=8)
    assert done.completed_at is not None
    assert AuditEvent.objects.filter(action="assessment.completed", object_id=str(done.pk)).count() == 1
    with pytest.raises(ValueError):
        services.assessment_answer(actor=None, assessment=assessment, answers={"doer-1": 9}, page=1)


def test_every_lookup_counts_and_a_refusal_is_audited() -> None:
    cache.clear()
    found = services.assessment_start(actor=None)
    assert services.assessment_resume(actor=None, code_text=found.code.lower(), client="1.2.3.4") == found
    for _ in range(services.LOOKUP_LIMIT - 1):
        with pytest.raises(ValidationError):
            services.assessment_resume(actor=None, code_text="ZZZZ 2222", client="1.2.3.4")
    with pytest.raises(ValidationError) as refused:
        services.assessment_resume(actor=None, code_text=found.code, client="1.2.3.4")
    assert refused.value.code == "too_many_tries"
    assert AuditEvent.objects.filter(action="assessment.lookup_refused").exists()
    # Another address is counted apart.
    assert services.assessment_resume(actor=None, code_text=found.code, client="5.6.7.8") == found


def test_the_mapping_is_changed_by_content_editors_with_history(london: Any) -> None:
    editor = make_staff(Role.CONTENT_EDITOR, organisation=london, mfa=False)
    adviser = make_staff(Role.ADVISER, organisation=london, mfa=False)
    with pytest.raises(PermissionDenied):
        services.trait_mapping_update(actor=adviser, job_category="social-care", traits=["helper"])
    with pytest.raises(ValidationError):
        services.trait_mapping_update(actor=editor, job_category="social-care", traits=[])
    services.trait_mapping_update(actor=editor, job_category="social-care", traits=["influencer", "helper"], reason="x")
    mapping = TraitMapping.objects.get(job_category="social-care")
    assert mapping.traits == ["helper", "influencer"]
    latest = mapping.history.first()
    assert latest.history_user == editor and latest.traits == ["helper", "influencer"]
    assert mapping.history.count() == 2  # the starting row, then this change


def test_every_job_category_is_reachable_by_some_answer_pattern() -> None:
    for slug in NATIONAL_MAPPING:
        JobCategory.objects.get_or_create(slug=slug, defaults={"name": slug.replace("-", " ").capitalize()})
    mapping = selectors.trait_mapping()
    assert len(mapping) == 25 == JobCategory.objects.count()
    for category in JobCategory.objects.all():
        results = selectors.results_from_answers(pattern_for(set(mapping[category.slug])), mapping)
        assert category.slug in [item.slug for item in results.suggestions], category.slug


@pytest.mark.skipif(not NATIONAL_PROFILES.is_file(), reason=f"{NATIONAL_PROFILES} is absent")
def test_narrowing_works_on_the_full_national_profile_set() -> None:
    call_command("import_job_profiles", str(NATIONAL_PROFILES), verbosity=0)
    mapping = selectors.trait_mapping()
    categories = list(JobCategory.objects.all())
    assert len(categories) == 25 and {category.slug for category in categories} == set(mapping)
    for category in categories:
        results = selectors.results_from_answers(pattern_for(set(mapping[category.slug])), mapping)
        assert category.slug in [item.slug for item in results.suggestions]
        unanswered = selectors.category_narrowing(category.slug)
        assert unanswered is not None and unanswered.total >= 10, category.slug
        assert 1 <= len(unanswered.questions) <= narrowing.MAX_QUESTIONS, category.slug
        first = unanswered.questions[0]
        said_no = selectors.category_narrowing(category.slug, {first.skill: False})
        assert said_no is not None
        # A "no" to the first question sets aside exactly the profiles listing that skill.
        assert len(said_no.narrowed.profiles) == unanswered.total - first.listed_by > 0, category.slug
        assert all(first.skill not in profile.skills for profile in said_no.narrowed.profiles)


def test_saved_results_are_in_the_customer_s_subject_access_export(london: Any) -> None:
    from signpost.core.privacy import registered
    from signpost.plans.tests.builders import link_account
    from tests.factories import CustomerFactory

    customer, account = CustomerFactory(), make_customer()
    link_account(account, customer)
    saved = Assessment.objects.create(code="SAVD2345", changed_at=timezone.now(), owner=account, answers={"doer-1": 4})
    Assessment.objects.create(code="ANON2345", changed_at=timezone.now())
    entry = next(item for item in registered() if item.model == "assessments.Assessment")
    rows = list(entry.export_rows(customer))
    assert [row["answers"] for row in rows] == [saved.answers]
