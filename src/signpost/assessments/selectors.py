"""Reads of assessments: results with their job categories, narrowing a category to job profiles,
and which assessments a person (or a customer's linked account) has saved."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from signpost.assessments import codes, instrument, narrowing, skills_check
from signpost.assessments.models import Assessment, TraitMapping
from signpost.careers import selectors as careers
from signpost.careers.models import JobCategory
from signpost.customers.models import Customer


def assessment_by_code(code: str) -> Assessment | None:
    """For pages that already hold the code in the visitor's session (never typed-in codes: those
    go through services.assessment_resume, which counts tries)."""
    normalised = codes.normalise(code)
    return Assessment.objects.filter(code=normalised).first() if normalised else None


def owned_assessment(user: Any, pk: int) -> Assessment | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return Assessment.objects.filter(pk=pk, owner=user).first()


def customer_saved_assessments(customer: Customer) -> list[Assessment]:
    """Assessments saved to the online space of the account linked to this customer's record."""
    return list(
        Assessment.objects.filter(owner__customer_link__customer=customer, completed_at__isnull=False).order_by(
            "-completed_at", "-pk"
        )
    )


def trait_mapping() -> dict[str, list[str]]:
    return {row.job_category: list(row.traits) for row in TraitMapping.objects.all()}


def trait_mappings() -> list[TraitMapping]:
    return list(TraitMapping.objects.order_by("job_category"))


def trait_mapping_for(job_category: str) -> TraitMapping | None:
    return TraitMapping.objects.filter(job_category=job_category).first()


@dataclass(frozen=True)
class TraitResult:
    trait: instrument.Trait
    score: Fraction

    @property
    def positive(self) -> bool:
        return instrument.is_positive(self.score)


@dataclass(frozen=True)
class CategorySuggestion:
    slug: str
    name: str
    reason: str
    traits: tuple[str, ...]


@dataclass(frozen=True)
class Results:
    traits: list[TraitResult]  # every trait, in the order of the instrument
    strong: list[TraitResult]  # positive traits, strongest first
    suggestions: list[CategorySuggestion]

    @property
    def unclear(self) -> bool:
        return not self.strong


def results_from_answers(answers: Mapping[str, int], mapping: Mapping[str, list[str]]) -> Results:
    scores = instrument.score(answers)
    names = dict(JobCategory.objects.filter(slug__in=list(mapping)).values_list("slug", "name"))
    suggestions = [
        CategorySuggestion(slug=item.category, name=names[item.category], reason=item.reason, traits=item.traits)
        for item in instrument.suggest_categories(scores, mapping)
        if item.category in names  # a mapping row for a category that is not loaded suggests nothing
    ]
    return Results(
        traits=[TraitResult(trait, scores[trait.code]) for trait in instrument.TRAITS],
        strong=[TraitResult(instrument.TRAIT_BY_CODE[code], scores[code]) for code in instrument.strong_traits(scores)],
        suggestions=suggestions,
    )


def assessment_results(assessment: Assessment) -> Results:
    return results_from_answers(assessment.answers, trait_mapping())


def skills_check_results(assessment: Assessment) -> skills_check.SkillsCheckResult:
    return skills_check.skills_check_result(assessment.answers)


@dataclass(frozen=True)
class CategoryNarrowing:
    category: JobCategory
    questions: list[narrowing.SkillQuestion]
    answers: dict[str, bool]  # only answers to this category's questions
    narrowed: narrowing.Narrowed
    total: int


def category_profile_skills(category: JobCategory) -> list[narrowing.ProfileSkills]:
    return [
        narrowing.ProfileSkills(
            slug=profile.slug,
            title=profile.title,
            skills=frozenset(narrowing.skill_key(skill.get("name", "")) for skill in profile.skills or []),
        )
        for profile in careers.category_profiles(category).only("slug", "title", "skills")
    ]


def category_narrowing(slug: str, answers: Mapping[str, bool] | None = None) -> CategoryNarrowing | None:
    category = careers.category_by_slug(slug)
    if category is None:
        return None
    profiles = category_profile_skills(category)
    questions = narrowing.filter_questions(profiles)
    asked = {question.skill for question in questions}
    kept = {skill: bool(yes) for skill, yes in (answers or {}).items() if skill in asked}
    return CategoryNarrowing(
        category=category,
        questions=questions,
        answers=kept,
        narrowed=narrowing.narrow(profiles, kept),
        total=len(profiles),
    )
