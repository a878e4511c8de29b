"""What the checker asks and the facts the rules are written about.

The questions' answers (strings, kept in the session or a saved statement) become *facts*: the
age on the day the course starts, the level of the highest qualification as a number, and so on.
Rules (signpost.funding.rules) test facts, never raw answers, so content editors write conditions
in the words of this vocabulary, and each fact says what values a condition may compare it with.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

LIVES_IN = [
    ("england", "England"),
    ("scotland", "Scotland"),
    ("wales", "Wales"),
    ("northern_ireland", "Northern Ireland"),
    ("outside_uk", "Outside the UK"),
]
RESIDENCY = [
    (
        "settled_3_years",
        "I have lived in the UK for the last 3 years, and I am a UK or Irish citizen or have settled or "
        "pre-settled status",
    ),
    ("refugee", "I have refugee status or humanitarian protection, or I am the family member of someone who has"),
    ("asylum_seeker", "I have asked for asylum and am waiting for a decision"),
    ("other", "None of these, or I have lived in the UK for less than 3 years"),
    ("not_sure", "I am not sure"),
]
EMPLOYMENT = [
    ("employed", "I am employed or self-employed"),
    ("unemployed_benefits", "I am unemployed and get benefits, such as Universal Credit or Jobseeker's Allowance"),
    ("unemployed", "I am unemployed and do not get benefits"),
    ("not_working", "I am not working for another reason, for example caring, studying or retired"),
]
YES_NO = [("yes", "Yes"), ("no", "No")]
HIGHEST_QUALIFICATION = [
    ("none", "No qualifications"),
    ("entry", "Entry level, for example an entry level certificate"),
    ("1", "Level 1, for example GCSEs at grades 3 to 1 (D to G)"),
    ("2", "Level 2, for example 5 GCSEs at grades 9 to 4 (A* to C)"),
    ("3", "Level 3, for example 2 A levels or a T level"),
    ("4", "Level 4 or higher, for example a higher national certificate or a degree"),
]
GCSE_ENGLISH_AND_MATHS = [
    ("both", "Yes, both English and maths"),
    ("english_only", "English only"),
    ("maths_only", "Maths only"),
    ("neither", "Neither"),
    ("not_sure", "I am not sure"),
]
COURSE_LEVEL = [
    ("entry", "Entry level"),
    ("1", "Level 1"),
    ("2", "Level 2"),
    ("3", "Level 3"),
    ("4", "Level 4"),
    ("5", "Level 5"),
    ("6", "Level 6"),
    ("not_sure", "I am not sure"),
]
COURSE_TYPE = [
    ("english_maths", "English or maths"),
    ("digital", "Essential digital skills (using a computer, phone or the internet)"),
    ("esol", "English for speakers of other languages (ESOL)"),
    ("free_course_for_jobs", "A course on the free courses for jobs list"),
    ("full_qualification", "Another full qualification, such as a diploma, certificate or A level"),
    ("skills_bootcamp", "A skills bootcamp"),
    ("other", "Something else, for example a short course"),
]
CARING = [
    ("childcare", "I need childcare for my children while I study"),
    ("adult", "I look after an adult, for example a relative who is ill or disabled"),
    ("none", "Neither of these"),
]


@dataclass(frozen=True)
class Fact:
    """A fact the rules may test: ``kind`` is "number", "yes_no" or "choice"."""

    name: str
    label: str
    kind: str
    choices: tuple[tuple[str, str], ...] = ()


FACTS: dict[str, Fact] = {
    fact.name: fact
    for fact in (
        Fact("age_on_start", "Age on the day the course starts", "number"),
        Fact("lives_in", "Where they live", "choice", tuple(LIVES_IN)),
        Fact("residency", "Residency", "choice", tuple(RESIDENCY)),
        Fact("employment", "Work and benefits", "choice", tuple(EMPLOYMENT)),
        Fact("earns_below_low_wage", "Earns less than the low-wage threshold", "yes_no", tuple(YES_NO)),
        Fact("highest_qualification_level", "Level of highest qualification (0 for none or entry)", "number"),
        Fact(
            "gcse_english_and_maths",
            "GCSE English and maths at grade 4 (C) or higher",
            "choice",
            tuple(GCSE_ENGLISH_AND_MATHS),
        ),
        Fact("course_level", "Level of the course (0 for entry; no value when not sure)", "number"),
        Fact("course_type", "Type of course", "choice", tuple(COURSE_TYPE)),
        Fact("needs_childcare", "Needs childcare to study", "yes_no", tuple(YES_NO)),
        Fact("cares_for_adult", "Looks after an adult", "yes_no", tuple(YES_NO)),
        Fact("needs_help_with_costs", "Would find the costs of studying hard to pay", "yes_no", tuple(YES_NO)),
    )
}

FACT_CHOICES = [(fact.name, fact.label) for fact in FACTS.values()]


def _always(answers: dict[str, Any]) -> bool:
    return True


def _in_work(answers: dict[str, Any]) -> bool:
    return answers.get("employment") == "employed"


@dataclass(frozen=True)
class Question:
    """One page of the checker: the answer it keeps, and whether it is asked given earlier answers."""

    key: str
    slug: str
    asked: Callable[[dict[str, Any]], bool] = _always


QUESTIONS = (
    Question("date_of_birth", "date-of-birth"),
    Question("course_start", "course-start"),
    Question("lives_in", "where-you-live"),
    Question("residency", "residency"),
    Question("employment", "work-and-benefits"),
    Question("low_wage", "pay", _in_work),
    Question("highest_qualification", "highest-qualification"),
    Question("gcse_english_and_maths", "gcse-english-and-maths"),
    Question("course_type", "course-type"),
    Question("course_level", "course-level"),
    Question("caring", "childcare-and-caring"),
    Question("help_with_costs", "costs"),
)
QUESTIONS_BY_SLUG = {question.slug: question for question in QUESTIONS}


def questions_asked(answers: dict[str, Any]) -> list[Question]:
    return [question for question in QUESTIONS if question.asked(answers)]


def unanswered(answers: dict[str, Any]) -> list[Question]:
    return [question for question in questions_asked(answers) if answers.get(question.key) in (None, "", [])]


def _level(answer: str | None) -> int | None:
    if answer in (None, "", "not_sure"):
        return None
    if answer in ("none", "entry"):
        return 0
    return int(answer)


def age_on(date_of_birth: datetime.date, day: datetime.date) -> int:
    """Whole years of age on ``day`` (someone born on 29 February is a year older on 1 March)."""
    return day.year - date_of_birth.year - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))


def facts_from_answers(answers: dict[str, Any]) -> dict[str, Any]:
    """The facts of a complete set of answers; a yes or no fact is a bool, a number an int or None."""
    date_of_birth = datetime.date.fromisoformat(answers["date_of_birth"])
    course_start = datetime.date.fromisoformat(answers["course_start"])
    caring = set(answers.get("caring") or [])
    employed = answers["employment"] == "employed"
    return {
        "age_on_start": age_on(date_of_birth, course_start),
        "lives_in": answers["lives_in"],
        "residency": answers["residency"],
        "employment": answers["employment"],
        # The low-wage question is only asked of people in work.
        "earns_below_low_wage": employed and answers.get("low_wage") == "yes",
        "highest_qualification_level": _level(answers["highest_qualification"]),
        "gcse_english_and_maths": answers["gcse_english_and_maths"],
        "course_level": _level(answers["course_level"]),
        "course_type": answers["course_type"],
        "needs_childcare": "childcare" in caring,
        "cares_for_adult": "adult" in caring,
        "needs_help_with_costs": answers["help_with_costs"] == "yes",
    }
